"""The draft view: a due action's message with its checks marked in the text, ready to go out.

Copy it, open it in the mail program (mailto:), download the .eml or the PDF letter,
put it in the Drafts folder or send it (when a mail account is set up; mail runs on a
worker thread with its own connection), or say it went out. Calls get a script
to read from the phone, with a big button that dials.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from followup.app import actions, drafts, mail_sending
from followup.app.context import in_own_env
from followup.errors import Conflict, FollowupError, InvalidInput, NotFound
from followup.web import rendering
from followup.web.app import env_of
from followup.web.views import draft as draft_view
from followup.web.views import today as today_view

router = APIRouter(include_in_schema=False)


def _url(action_id: str, tone: str | None = None, kind: str | None = None, suffix: str = "") -> str:
    query = urlencode({k: v for k, v in (("kind", kind), ("tone", tone)) if v})
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
async def show_draft(request: Request, action_id: str, tone: str | None = None, kind: str | None = None) -> Response:
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
    view = draft_view.load(env, action_id, tone=chosen_tone, kind=chosen_kind)
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
    }
    who = f" for {item.contact}" if item.contact else ""
    return rendering.page(request, "draft.html", context, active="today", title=f"{view.label}{who}")


def _missing(request: Request, action_id: str) -> Response:
    """Unknown, or already decided (then with the way to take that back)."""
    env = env_of(request)
    decided = today_view.decided(env, action_id)
    context = {"state": "missing", "action_id": action_id, "decided": decided}
    title = "Already done" if decided else "Follow-up not found"
    return rendering.page(request, "draft.html", context, active="today", title=title, status=409 if decided else 404)


def _back_with(request: Request, url: str, error: FollowupError) -> Response:
    where = f"{error.where}: " if error.where else ""
    text = where + error.message[:1].upper() + error.message[1:] + "."
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
        done = drafts.mark_sent(
            env,
            action_id,
            on=today_view.parse_day(on, "Done on"),
            outcome=outcome,
            promised=today_view.parse_day(promised, "Promised news by"),
            subject=subject,
            kind=chosen_kind,
        )
    except FollowupError as error:
        return _back_with(request, back, error)
    verb = "Marked as called" if done.action.channel == "phone" else "Marked as sent"
    message = f"{verb}: {today_view.headline(done.action)}."
    if done.consequences:
        message += " " + " ".join(done.consequences)
    response = RedirectResponse(f"/?undo={done.action.id}", status_code=303)
    rendering.set_flash(response, message)
    return response


@router.post("/drafts/{action_id}/save")
async def save_to_drafts(
    request: Request, action_id: str, account: str = Form(""), kind: str = Form(""), tone: str = Form("")
) -> Response:
    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        chosen_tone, chosen_kind = draft_view.parse_tone(tone), draft_view.parse_kind(kind)
        level, message = await run_in_threadpool(
            in_own_env,
            env,
            lambda own: mail_sending.save_to_drafts(own, action_id, account, tone=chosen_tone, kind=chosen_kind),
        )
    except FollowupError as error:
        return _back_with(request, back, error)
    response = RedirectResponse(back, status_code=303)
    rendering.set_flash(response, message, level)
    return response


@router.post("/drafts/{action_id}/send")
async def send(
    request: Request,
    action_id: str,
    account: str = Form(""),
    kind: str = Form(""),
    tone: str = Form(""),
    resend: str = Form(""),
) -> Response:
    from followup.app.mail_sending import DraftHasErrors

    env = env_of(request)
    back = _url(action_id, tone or None, kind or None)
    try:
        chosen_tone, chosen_kind = draft_view.parse_tone(tone), draft_view.parse_kind(kind)
        sent = await run_in_threadpool(
            in_own_env,
            env,
            lambda own: mail_sending.send_now(
                own, action_id, account, tone=chosen_tone, kind=chosen_kind, resend=resend == "yes"
            ),
        )
    except DraftHasErrors:
        error = InvalidInput(
            "not sent: the draft has problems marked “Must fix”",
            hint="Fix them first (or choose another tone), or put it in Drafts and edit it there.",
        )
        return _back_with(request, back, error)
    except FollowupError as error:
        return _back_with(request, back, error)
    text = sent.message + "".join(f" Note: {warning}." for warning in sent.warnings)
    response = RedirectResponse("/", status_code=303)
    rendering.set_flash(response, text, "info" if sent.already else "ok")
    return response
