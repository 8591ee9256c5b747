"""The Replies page: what the mailbox found, what each message means, and acting on it.

Every action is a plain form (POST, then redirect with a flash); with htmx the
list is swapped in place. "Check mail now" starts the sync in a worker thread
with its own database connection (see `followup.app.replies.MailCheck`) and the
page polls a small status partial until it is done; in a hosted installation it
hands the sync to the workers instead (`followup.app.queued_mail`), and the page
says when the mail was last read.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from followup.app import queued_mail, replies
from followup.app.context import Env, in_own_env
from followup.domain.text import sentence
from followup.errors import Conflict, InvalidInput
from followup.web.app import env_of
from followup.web.job_queue import handed_to_workers, job_queue
from followup.web.pages.capture import next_steps
from followup.web.rendering import is_htmx, page, partial, set_flash

router = APIRouter(include_in_schema=False)

SETTINGS_URL = "/settings"


def _check_of(request: Request) -> replies.MailCheck | None:
    """The signed-in person's last "Check mail now": the one user's, or each hosted account's own."""
    check: replies.MailCheck | None = _checks(request).get(env_of(request).owner)
    return check


def _checks(request: Request) -> dict[int, replies.MailCheck]:
    checks: dict[int, replies.MailCheck] | None = getattr(request.app.state, "mail_checks", None)
    if checks is None:
        checks = request.app.state.mail_checks = {}
    return checks


def _queued_check(request: Request) -> queued_mail.QueuedMailCheck | None:
    """A hosted installation's mail is read by the workers: whether they are at it, or when they last were."""
    return queued_mail.mail_check_progress(env_of(request), job_queue(request))


def _list_context(env: Env) -> dict[str, Any]:
    return {"inbox": replies.inbox(env), "now": env.now()}


def _replies_page(request: Request, *, upload_error: str | None = None, status: int = 200) -> Response:
    env = env_of(request)
    if handed_to_workers(request):
        context = {
            **_list_context(env),
            "accounts": replies.account_names(env),
            "check": _queued_check(request),
            "upload_error": upload_error,
            "settings_url": SETTINGS_URL,
        }
        return page(request, "replies.html", context, active="replies", title="Replies", status=status)
    check = _check_of(request)
    shown = check
    if check is not None and not check.running:
        if check.reported:
            shown = None
        else:
            check.reported = True  # the result is shown once, on this page
    context = {
        **_list_context(env),
        "accounts": replies.account_names(env),
        "check": shown,
        "upload_error": upload_error,
        "settings_url": SETTINGS_URL,
    }
    return page(request, "replies.html", context, active="replies", title="Replies", status=status)


@router.get("/replies")
async def replies_page(request: Request) -> Response:
    return _replies_page(request)


# -- checking the mailbox now ---------------------------------------------------------------


def _check_partial(request: Request, check: replies.MailCheck | queued_mail.QueuedMailCheck | None) -> Response:
    env = env_of(request)
    context = {"check": check, "accounts": replies.account_names(env)}
    return partial(request, "_reply_check.html", context)


@router.post("/replies/check")
async def check_mail(request: Request) -> Response:
    env = env_of(request)
    if handed_to_workers(request):
        # The workers read it: its next sync is brought forward (never a second one beside it).
        queued = queued_mail.check_mail_now(env, job_queue(request))
        if is_htmx(request):
            return _check_partial(request, queued)
        response = RedirectResponse("/replies", status_code=303)
        set_flash(response, queued.summary(), "ok" if queued.running else "info")
        return response
    check = _check_of(request)
    if check is None or not check.running:
        check = _checks(request)[env.owner] = replies.start_mail_check(env)
    if is_htmx(request):
        return _check_partial(request, check)
    return RedirectResponse("/replies", status_code=303)


@router.get("/replies/check")
async def check_status(request: Request) -> Response:
    if not is_htmx(request):
        return RedirectResponse("/replies", status_code=303)
    if handed_to_workers(request):
        queued = _queued_check(request)
        if queued is None or not queued.running:
            return _refresh()  # read: the page again, with the new messages
        return _check_partial(request, queued)
    check = _check_of(request)
    if check is not None and not check.running and not check.reported:
        # Done: reload the page, which shows the new messages and the result once.
        return _refresh()
    return _check_partial(request, check)


def _refresh() -> Response:
    response = Response(status_code=200)
    response.headers["HX-Refresh"] = "true"
    return response


# -- importing a saved mail file ------------------------------------------------------------


@router.post("/replies/import")
async def import_file(request: Request) -> Response:
    env = env_of(request)
    form = await request.form()
    upload = form.get("mailfile")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _replies_page(request, upload_error="Choose a mail file first (.eml or .mbox).", status=422)
    data, filename = await upload.read(), upload.filename
    try:
        # A big mailbox takes a while to read: in a worker thread with its own connection, so
        # that every other page keeps being answered meanwhile.
        report = await anyio.to_thread.run_sync(in_own_env, env, lambda own: replies.import_upload(own, filename, data))
    except InvalidInput as exc:
        # Named by its file when the problem is the file's ("empty.eml: the file is empty."), as typed.
        where = f"{exc.where}: " if exc.where else ""
        message = sentence(where + exc.message) + (f" {exc.hint}" if exc.hint else "")
        return _replies_page(request, upload_error=message, status=422)
    read = f"{report.read} message{'s' * (report.read != 1)}"
    if report.matched:
        about = f"{report.matched} about your applications"
        news = f"{report.new_replies} new {'reply' if report.new_replies == 1 else 'replies'}"
        text, kind = f"Read {read} from {report.source}: {about}, {news}.", "ok"
    else:
        text = f"Read {read} from {report.source}; none was about your applications, so nothing was kept."
        kind = "info"
    response = RedirectResponse("/replies", status_code=303)
    set_flash(response, text, kind)
    return response


# -- one message ----------------------------------------------------------------------------


@router.get("/replies/{mail_id:int}")
async def reply_page(request: Request, mail_id: int) -> Response:
    env = env_of(request)
    item, body = replies.reply(env, mail_id)
    upcoming = next_steps(env, item.application_id) if item.application_id is not None else []
    context = {
        "r": item,
        "body": body,
        "upcoming": upcoming,
        "applications": replies.application_choices(env),
        "now": env.now(),
    }
    title = item.subject or "Message"
    return page(request, "reply.html", context, active="replies", title=title)


# -- acting on a message --------------------------------------------------------------------


def _back(request: Request, form: Any, mail_id: int) -> str:
    wanted = str(form.get("next") or "")
    # Only back to this app's own pages: never an open redirect.
    if wanted == f"/replies/{mail_id}":
        return wanted
    return "/replies"


async def _act(request: Request, mail_id: int, what: str) -> Response:
    env = env_of(request)
    form = await request.form()
    kind = "ok"
    try:
        if what == "confirm":
            done = replies.confirm(env, mail_id)
        elif what == "dismiss":
            done = replies.dismiss(env, mail_id)
        elif what == "move":
            target = str(form.get("application_id") or "")
            if not target.isdecimal():
                raise InvalidInput("choose the application this message belongs to", where="Move it to")
            done = replies.move(env, mail_id, int(target))
        else:
            done = replies.unmatch(env, mail_id)
    except Conflict:
        # Already confirmed or ignored (another tab, or a double click): nothing to do.
        done, kind = "That suggestion was already taken care of.", "info"
    if is_htmx(request) and request.headers.get("hx-target") == "replies-list":
        # The list again (a message may move between groups), and the message area out of band.
        return partial(request, "_reply_list.html", {**_list_context(env), "done": done, "done_kind": kind})
    back = "/replies" if what == "unmatch" else _back(request, form, mail_id)
    response = RedirectResponse(back, status_code=303)
    set_flash(response, done, kind)
    return response


@router.post("/replies/{mail_id:int}/confirm")
async def confirm(request: Request, mail_id: int) -> Response:
    return await _act(request, mail_id, "confirm")


@router.post("/replies/{mail_id:int}/dismiss")
async def dismiss(request: Request, mail_id: int) -> Response:
    return await _act(request, mail_id, "dismiss")


@router.post("/replies/{mail_id:int}/move")
async def move(request: Request, mail_id: int) -> Response:
    return await _act(request, mail_id, "move")


@router.post("/replies/{mail_id:int}/unmatch")
async def unmatch(request: Request, mail_id: int) -> Response:
    return await _act(request, mail_id, "unmatch")
