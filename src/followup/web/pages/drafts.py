"""The draft view: a due action's message with its checks marked in the text, ready to go out.

Copy it, open it in the mail program (mailto:), download the .eml or the PDF letter,
put it in the Drafts folder or send it (when a mail account is set up; mail runs on a
worker thread with its own connection), or say it went out. Calls get a script
to read from the phone, with a big button that dials.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from followup.app import actions, drafts, mail_sending, queued_mail
from followup.app.context import Env, in_own_env
from followup.app.promises import promised_day
from followup.domain.days import day_order, read_day
from followup.domain.labels import long_day
from followup.domain.text import sentence
from followup.errors import Conflict, FollowupError, InvalidInput, NotFound
from followup.web import rendering
from followup.web.app import env_of
from followup.web.job_queue import handed_to_workers, job_queue
from followup.web.views import draft as draft_view
from followup.web.views import today as today_view

router = APIRouter(include_in_schema=False)


def read_promise(env: Env, text: str, said_on: date | None = None) -> date | None:
    """The day a "they promised news by" field means: a date or the employer's words ("by Friday"),
    read as every form and the command line read them; None when empty, InvalidInput when unreadable."""
    text = " ".join(text.split())
    if not text:
        return None
    spoken = said_on or env.now().astimezone(env.tz).date()
    day = promised_day(text, spoken, env.calendar, day_order(env.settings.country))
    if day is None:
        raise InvalidInput(
            f"no date found in {text!r}",
            where="They promised news by",
            hint="Give a date (2026-12-04 or 4.12.2026) or their words, like “by Friday” or “within two weeks”.",
        )
    return day


@router.get("/promise-preview")
async def promise_preview(request: Request) -> Response:
    """What the words typed so far mean, under the field (htmx): the call form's and the log form's."""
    env = env_of(request)
    params = request.query_params
    text = (params.get("promised") or params.get("promised_date") or "").strip()[:200]
    # The log form says when it was said; its "When" is a date and time.
    said_on = read_day((params.get("occurred_at") or "")[:10])
    try:
        day = read_promise(env, text, said_on)
    except InvalidInput:
        day = None
    return rendering.partial(request, "_promise_preview.html", {"p": {"text": text, "day": day}})


def _url(
    action_id: str,
    tone: str | None = None,
    kind: str | None = None,
    suffix: str = "",
    edit: bool = False,
    to: str | None = None,
) -> str:
    pairs = (("kind", kind), ("tone", tone), ("edit", "1" if edit else None), ("to", to))
    query = urlencode({k: v for k, v in pairs if v})
    return f"/drafts/{quote(action_id)}{suffix}" + (f"?{query}" if query else "")


def _download(name: str, data: bytes, media_type: str) -> Response:
    ascii_name = name.encode("ascii", "ignore").decode() or "draft"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/drafts/{action_id}.pdf")
async def letter_pdf(request: Request, action_id: str, tone: str | None = None) -> Response:
    env = env_of(request)
    name, data = drafts.letter_file(env, action_id, tone=draft_view.parse_tone(tone))
    return _download(name, data, "application/pdf")


@router.get("/drafts/{action_id}.eml")
async def email_file(request: Request, action_id: str, tone: str | None = None, kind: str | None = None) -> Response:
    env = env_of(request)
    name, data = drafts.eml_file(env, action_id, tone=draft_view.parse_tone(tone), kind=draft_view.parse_kind(kind))
    return _download(name, data, "message/rfc822")


@router.get("/drafts/{action_id}")
async def show_draft(
    request: Request,
    action_id: str,
    tone: str | None = None,
    kind: str | None = None,
    edit: str | None = None,
    to: str | None = None,
) -> Response:
    """The draft; `to` is whom the user picked under "Send to" (after putting it in Drafts for them)."""
    return _draft_page(request, action_id, tone=tone, kind=kind, edit=edit, to=to)


def _draft_page(
    request: Request,
    action_id: str,
    *,
    tone: str | None,
    kind: str | None,
    edit: str | None = None,
    to: str | None = None,
    to_error: str = "",
    sending: bool = False,
    status: int = 200,
) -> Response:
    """The draft page; with `to_error`, shown again (with `status`) with why the pick under "Send to" was
    refused, and the send's confirmation open when it was a send (`sending`)."""
    env = env_of(request)
    chosen_tone, chosen_kind = draft_view.parse_tone(tone), draft_view.parse_kind(kind)
    try:
        actions.find_action(env, action_id)
    except (NotFound, Conflict, InvalidInput):
        return _missing(request, action_id)
    try:
        drafts.require_profile(env)
    except InvalidInput:
        asks = {"state": "profile", "action_id": action_id}
        return rendering.page(request, "draft.html", asks, active="today", title="Add your name first")
    view = draft_view.load(env, action_id, tone=chosen_tone, kind=chosen_kind, to=to, to_error=to_error)
    item = view.item
    now = env.now()
    context: dict[str, Any] = {
        "state": "draft",
        "p": view,
        "draft": view.checked.draft,
        "item": item,
        "timing": today_view.timing(item.status, item.due, item.deadline, now),
        "today_iso": now.date().isoformat(),
        "outcomes": today_view.OUTCOMES,
        "tone": tone or "",
        "kind": kind or "",
        "url": lambda **q: _url(item.id, **q),
        "pdf_url": _url(item.id, tone, None, ".pdf"),
        "eml_url": _url(item.id, tone, kind, ".eml"),
        "editing": bool(edit),
        "limits": {"subject": drafts.SUBJECT_LIMIT, "body": drafts.BODY_LIMIT},
        # A tone words the template: asked for on a draft the user edited, the page says why it changes nothing.
        "tone_note": mail_sending.tone_note(view.checked, chosen_tone),
        "sending": sending,
        # A hosted installation's send, handed to the workers: how it is getting on, if it was.
        "send_progress": _progress(request, env, item.id),
    }
    who = f" for {item.contact}" if item.contact else ""
    title = f"{view.label}{who}"
    return rendering.page(request, "draft.html", context, active="today", title=title, status=status)


def _refused_pick(
    request: Request, action_id: str, error: FollowupError, *, to: str, tone: str, kind: str, sending: bool
) -> Response | None:
    """The page again when the pick under "Send to" was refused, the reason on that field: 422 for an
    address that is none or a contact without one, 409 when the copy in Drafts went to someone else.
    None for any other error (the page then says it at the top, as for every action)."""
    if error.where != "To":
        return None
    if isinstance(error, Conflict):
        status = 409
        way_out = "Choose whom it goes to under “Send to”, then save or send it again."
        text = f"{sentence(error.message)} {way_out}"
        picked: str | None = to or None
    else:
        status = 422
        way_out = "Choose one of the addresses under “Send to”, or add the contact's address on the application."
        text = f"{sentence(error.message)} {way_out}"
        picked = None
    return _draft_page(
        request,
        action_id,
        tone=tone or None,
        kind=kind or None,
        to=picked,
        to_error=text,
        sending=sending,
        status=status,
    )


def _missing(request: Request, action_id: str) -> Response:
    """Unknown, or already decided (then with the way to take that back)."""
    env = env_of(request)
    decided = today_view.decided(env, action_id)
    context = {"state": "missing", "action_id": action_id, "decided": decided}
    title = "Already done" if decided else "Follow-up not found"
    return rendering.page(request, "draft.html", context, active="today", title=title, status=409 if decided else 404)


def _back_with(request: Request, url: str, error: FollowupError) -> Response:
    if isinstance(error, NotFound):
        raise error  # the error page with its 404: there is no such follow-up (or it is someone else's)
    where = f"{error.where}: " if error.where else ""
    text = where + sentence(error.message)
    response = RedirectResponse(url, status_code=303)
    rendering.set_flash(response, f"{text} {error.hint or ''}".strip(), "error")
    return response


@router.post("/drafts/{action_id}/sent")
async def mark_sent(
    request: Request,
    action_id: str,
    on: str = Form(""),
    outcome: str = Form(""),
    promised: str = Form(""),
    subject: str = Form(""),
    kind: str = Form(""),
    tone: str = Form(""),
) -> Response:
    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        chosen_kind = draft_view.parse_kind(kind)
        on_day = today_view.parse_day(on, "Done on")
        promised_on = read_promise(env, promised, on_day)
        done = drafts.mark_sent(
            env,
            action_id,
            on=on_day,
            outcome=outcome,
            promised=promised_on,
            subject=subject,
            kind=chosen_kind,
        )
    except FollowupError as error:
        return _back_with(request, back, error)
    verb = "Marked as called" if done.action.channel == "phone" else "Marked as sent"
    message = f"{verb}: {today_view.headline(done.action)}."
    if promised_on is not None and done.action.channel == "phone":
        message += f" News promised by {long_day(promised_on)}."
    if done.consequences:
        message += " " + " ".join(done.consequences)
    response = RedirectResponse(f"/?undo={done.action.id}", status_code=303)
    rendering.set_flash(response, message)
    return response


@router.post("/drafts/{action_id}/save")
async def save_to_drafts(
    request: Request,
    action_id: str,
    account: str = Form(""),
    kind: str = Form(""),
    tone: str = Form(""),
    to: str = Form(""),
) -> Response:
    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        chosen_tone, chosen_kind = draft_view.parse_tone(tone), draft_view.parse_kind(kind)
        level, message = await run_in_threadpool(
            in_own_env,
            env,
            lambda own: mail_sending.save_to_drafts(
                own, action_id, account, tone=chosen_tone, kind=chosen_kind, to=to or None
            ),
        )
    except FollowupError as error:
        refused = _refused_pick(request, action_id, error, to=to, tone=tone, kind=kind, sending=False)
        return refused or _back_with(request, back, error)
    # The page then shows whom the copy in Drafts is for, and a send from it goes there too.
    response = RedirectResponse(_url(action_id, tone or None, kind or None, to=to or None), status_code=303)
    rendering.set_flash(response, message, level)
    return response


def _progress(request: Request, env: Env, action_id: str) -> queued_mail.SendProgress | None:
    if not handed_to_workers(request):
        return None
    return queued_mail.send_progress(env, job_queue(request), action_id)


@router.post("/drafts/{action_id}/send")
async def send(
    request: Request,
    action_id: str,
    account: str = Form(""),
    kind: str = Form(""),
    tone: str = Form(""),
    resend: str = Form(""),
    to: str = Form(""),
) -> Response:
    from followup.app.mail_sending import DraftHasErrors

    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        chosen_tone, chosen_kind = draft_view.parse_tone(tone), draft_view.parse_kind(kind)
        if handed_to_workers(request):
            # The workers send it: the page that follows says how it is getting on.
            jobs = job_queue(request)
            queued = await run_in_threadpool(
                in_own_env,
                env,
                lambda own: queued_mail.queue_send(
                    own, jobs, action_id, account, tone=chosen_tone, kind=chosen_kind, resend=resend == "yes",
                    to=to or None,
                ),
            )  # fmt: skip
            return RedirectResponse(f"/drafts/{quote(queued.action_id)}/sending", status_code=303)
        sent = await run_in_threadpool(
            in_own_env,
            env,
            lambda own: mail_sending.send_now(
                own, action_id, account, tone=chosen_tone, kind=chosen_kind, resend=resend == "yes", to=to or None
            ),
        )
    except DraftHasErrors:
        error = InvalidInput(
            "not sent: the draft has problems marked “Must fix”",
            hint="Fix them first (or choose another tone), or put it in Drafts and edit it there.",
        )
        return _back_with(request, back, error)
    except FollowupError as error:
        refused = _refused_pick(request, action_id, error, to=to, tone=tone, kind=kind, sending=True)
        return refused or _back_with(request, back, error)
    text = sent.message + "".join(f" Note: {warning}." for warning in sent.warnings)
    response = RedirectResponse("/", status_code=303)
    rendering.set_flash(response, text, "info" if sent.already else "ok")
    return response


@router.get("/drafts/{action_id}/sending")
async def send_progress(request: Request, action_id: str) -> Response:
    """How a send handed to the workers is getting on (a hosted installation's Send leads here): the
    page polls itself until it is sent, or something needs the job seeker."""
    env = env_of(request)
    progress = _progress(request, env, action_id)
    if progress is None:
        raise NotFound(f"no message of follow-up {action_id} was sent from here", where="Sending")
    context = {"progress": progress, "action_id": action_id, "draft_url": _url(action_id)}
    if rendering.is_htmx(request):
        return rendering.partial(request, "_send_progress.html", context)
    title = "Sent" if progress.state == "sent" else "Sending"
    return rendering.page(request, "send_progress.html", context, active="today", title=title)


@router.post("/drafts/{action_id}/edit")
async def save_edit(
    request: Request,
    action_id: str,
    subject: str = Form(""),
    body: str = Form(""),
    kind: str = Form(""),
    tone: str = Form(""),
) -> Response:
    """Keep the user's text of the draft; the page then shows it with the checks of that text."""
    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        result = drafts.save_draft_edit(env, action_id, subject, body, kind=draft_view.parse_kind(kind))
    except FollowupError as error:
        return _back_with(request, back, error)
    response = RedirectResponse(back, status_code=303)
    if result.edited:
        rendering.set_flash(response, "Your text is saved: the checks, downloads and sending use it.")
    else:
        rendering.set_flash(response, "That is the template's text: the draft follows the template.", "info")
    return response


@router.post("/drafts/{action_id}/reset")
async def reset_edit(request: Request, action_id: str, kind: str = Form(""), tone: str = Form("")) -> Response:
    """Go back to the template's text (the page asks for confirmation first)."""
    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        drafts.reset_draft(env, action_id, kind=draft_view.parse_kind(kind))
    except FollowupError as error:
        return _back_with(request, back, error)
    response = RedirectResponse(back, status_code=303)
    rendering.set_flash(response, "Back to the template's text.")
    return response


@router.post("/drafts/{action_id}/fix")
async def apply_fix(
    request: Request,
    action_id: str,
    start: int = Form(...),
    end: int = Form(...),
    replacement: str = Form(""),
    kind: str = Form(""),
    tone: str = Form(""),
) -> Response:
    """A check's one-step fix, from its button beside the finding (no script needed): the fixed text is saved."""
    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        chosen_tone, chosen_kind = draft_view.parse_tone(tone), draft_view.parse_kind(kind)
        drafts.apply_fix(env, action_id, start, end, replacement, kind=chosen_kind, tone=chosen_tone)
    except FollowupError as error:
        return _back_with(request, back, error)
    response = RedirectResponse(back, status_code=303)
    rendering.set_flash(response, f"Changed to “{replacement}”; your text is saved." if replacement else "Fixed.")
    return response


@router.post("/drafts/{action_id}/learn")
async def learn_word(
    request: Request, action_id: str, word: str = Form(""), kind: str = Form(""), tone: str = Form("")
) -> Response:
    """ "Add to my dictionary" beside a spelling finding: the word is accepted from now on, in every draft."""
    env = env_of(request)
    actions.find_action(env, action_id)  # the page it goes back to: a 404 for a follow-up that is not there
    back = _url(action_id, tone or None, kind or None)
    try:
        added = drafts.learn_word(env, word)
    except FollowupError as error:
        return _back_with(request, back, error)
    response = RedirectResponse(back, status_code=303)
    said = "is in your dictionary now" if added else "was in your dictionary already"
    rendering.set_flash(response, f"“{word.strip()}” {said}: the spelling check accepts it.")
    return response
