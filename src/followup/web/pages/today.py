"""The Today page: what to do now and soon, and done / snooze / skip / undo for each item.

GET / is the page opened most often, and it is built afresh on every request: the
agenda query, a page of rows per section and one template render.
The actions work as plain forms (POST, then back with a message) and, with htmx,
swap just the item for a short note with an Undo button.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from starlette.responses import RedirectResponse, Response

from followup.app import actions, agenda, coaching
from followup.app import settings as settings_use_cases
from followup.app.agenda import AgendaItem
from followup.app.context import Env
from followup.domain.model import Outcome
from followup.domain.text import sentence
from followup.errors import FollowupError, InvalidInput, NotFound
from followup.web import rendering
from followup.web.app import env_of
from followup.web.security import ACCOUNT_KEY
from followup.web.views import today as today_view

router = APIRouter(include_in_schema=False)

DAY_CHOICES = (3, 7, 14, 30)
SECTION_KEYS = frozenset(key for key, _ in today_view.SECTIONS)


def _context(view: today_view.TodayView, undo: tuple[str, str] | None = None) -> dict[str, Any]:
    now = view.now
    return {
        "view": view,
        "now": now,
        "today_iso": now.date().isoformat(),
        "presets": today_view.snooze_presets(now),
        "outcomes": today_view.OUTCOMES,
        "day_choices": DAY_CHOICES,
        "days": view.days,
        "undo": undo,
        "panel": None,
    }


@router.get("/")
async def today_page(request: Request) -> Response:
    # The query is read by hand: FastAPI's parameter machinery costs more than this query string needs.
    query = request.query_params
    days = _int(query.get("days", "7"), "days")
    show_all = frozenset(s for s in query.getlist("all") if s in SECTION_KEYS)
    undo = query.get("undo")
    account = request.scope.get(ACCOUNT_KEY)
    if account is not None and not account.is_seeker:
        # A coach or an administrator of a hosted installation has no job search of their own.
        return RedirectResponse(rendering.HOME_BY_ROLE[account.role], status_code=303)
    env = env_of(request)
    if settings_use_cases.first_run_due(env):
        # A new user is asked their name and time zone first, once (web/pages/welcome.py).
        return RedirectResponse("/welcome", status_code=303)
    today_view.check_days(days)
    view = today_view.today(env, days=days, show_all=show_all)
    # The Undo bar comes with the message after a decision, and like it is shown once: a reload or a
    # visit from history later does not offer to take back something decided long ago.
    undone = today_view.decided(env, undo) if undo and rendering.pop_flash(request) else None
    context = _context(view, undone)
    # The welcome reminds a user who skipped the first-run questions that drafts need their name.
    context["name_missing"] = not view.has_applications and not env.settings.profile.name.strip()
    # A hosted account's coach may have written lately (the local app has no coaches).
    context["coach_notes"] = coaching.recent_notes_for_me(env) if account is not None else []
    # A mailbox connected with the installation's provider that it no longer takes: only the seeker can mend it.
    context["mail_ended"] = _ended_mailboxes(request, env) if account is not None else []
    return rendering.page(request, "today.html", context, active="today", title="Today")


def _ended_mailboxes(request: Request, env: Env) -> list[str]:
    if getattr(request.app.state, "mail_connection", None) is None:
        return []
    from followup.app import mail_connection

    return [one.account.imap_user for one in mail_connection.connections(env) if one.ended]


def _int(text: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a number", where=where, hint="For example ?days=14.") from None


def _days_shown(request: Request) -> int:
    """How far ahead the page that sent an htmx request looks (its ?days=), for the counts."""
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(request.headers.get("hx-current-url", "")).query)
    value = query.get("days", ["7"])[0]
    return int(value) if value.isdecimal() and int(value) <= today_view.MAX_DAYS else 7


def _finish_decision(request: Request, item: AgendaItem, verb: str, message: str, next_url: str) -> Response:
    """htmx: the item's place gets a note with Undo; otherwise back to the page with a message."""
    env = env_of(request)
    if rendering.is_htmx(request):
        view = today_view.today(env, days=_days_shown(request))
        context = {"item": item, "verb": verb, "message": message, "view": view}
        return rendering.partial(request, "_today_gone.html", context)
    target = rendering.local_path(next_url)
    if target == "/":
        target = f"/?undo={item.id}"
    response = RedirectResponse(target, status_code=303)
    rendering.set_flash(response, message)
    return response


def _failed(request: Request, error: FollowupError, next_url: str) -> Response:
    if rendering.is_htmx(request) or isinstance(error, NotFound):
        # htmx: shown in the page's message area by the app's error handler. Not found: the error
        # page with its 404, as for any address of nothing (or of someone else's, when hosted).
        raise error
    where = f"{error.where}: " if error.where else ""
    text = where + sentence(error.message)
    response = RedirectResponse(rendering.local_path(next_url), status_code=303)
    rendering.set_flash(response, f"{text} {error.hint or ''}".strip(), "error")
    return response


PANELS = {"snooze": "Snooze", "skip": "Skip", "done": "Mark done", "more": "Snooze or skip"}


@router.get("/actions/{action_id}/{panel}")
async def decision_panel(request: Request, action_id: str, panel: str) -> Response:
    """The choices behind "More" (snooze, skip, done on another day): in the card (htmx), or as a page."""
    if panel not in PANELS:
        raise HTTPException(404)
    env = env_of(request)
    now = env.now()
    row = today_view.row(actions.find_action(env, action_id), now)
    context = {
        "panel": panel,
        "row": row,
        "today_iso": now.date().isoformat(),
        "presets": today_view.snooze_presets(now),
        "outcomes": today_view.OUTCOMES,
    }
    if rendering.is_htmx(request):
        return rendering.partial(request, "_today_panel.html", context)
    verb = "Dismiss" if panel == "skip" and row.is_nudge else PANELS[panel]
    title = f"{verb}: {today_view.headline(row.item)}"
    return rendering.page(request, "today.html", {**context, "panel_title": title}, active="today", title=verb)


@router.post("/actions/{action_id}/done")
async def mark_done(
    request: Request,
    action_id: str,
    on: str = Form(""),
    outcome: str = Form(""),
    next: str = Form("/"),
) -> Response:
    env = env_of(request)
    try:
        item = actions.find_action(env, action_id)
        at = agenda.done_at(today_view.parse_day(on, "Done on"), env.now(), item.due)
        how = _outcome(outcome) if item.channel == "phone" else None
        result = actions.mark_done(env, item.id, at=at, outcome=how)
    except FollowupError as error:
        return _failed(request, error, next)
    message = f"Marked done: {today_view.headline(item)}."
    if result.consequences:
        message += " " + " ".join(result.consequences)
    return _finish_decision(request, item, "done", message, next)


def _outcome(value: str) -> Outcome | None:
    if not value:
        return None
    if value not in {key for key, _ in today_view.OUTCOMES}:
        raise InvalidInput(f"unknown call outcome {value!r}", where="How did it go", hint="Pick one of the choices.")
    return Outcome(value)


@router.post("/actions/{action_id}/snooze")
async def snooze(
    request: Request,
    action_id: str,
    until: str = Form(""),
    day: str = Form(""),
    next: str = Form("/"),
) -> Response:
    env = env_of(request)
    try:
        picked = today_view.parse_day(day, "Snooze until")
        choice = until or ("date" if picked else "")
        moment = agenda.snooze_until(choice, picked, env.now())
        item = actions.snooze(env, action_id, moment)
    except FollowupError as error:
        return _failed(request, error, next)
    when = rendering.format_day(moment.date())
    return _finish_decision(request, item, "snoozed", f"Snoozed until {when}: {today_view.headline(item)}.", next)


@router.post("/actions/{action_id}/skip")
async def skip(request: Request, action_id: str, next: str = Form("/")) -> Response:
    env = env_of(request)
    try:
        item = actions.skip(env, action_id)
    except FollowupError as error:
        return _failed(request, error, next)
    return _finish_decision(request, item, "skipped", f"Skipped: {today_view.headline(item)}.", next)


@router.post("/actions/{action_id}/undo")
async def undo(request: Request, action_id: str, next: str = Form("/")) -> Response:
    env = env_of(request)
    try:
        actions.undo(env, action_id)
    except FollowupError as error:
        return _failed(request, error, next)
    try:
        item: AgendaItem | None = actions.find_action(env, action_id)
    except FollowupError:
        item = None  # taken back, but no longer due (the plan moved on meanwhile)
    message = f"Back on your list: {today_view.headline(item)}." if item else "Taken back."
    if rendering.is_htmx(request):
        view = today_view.today(env, days=_days_shown(request))
        context = {**_context(view), "row": today_view.row(item, env.now()) if item else None, "message": message}
        return rendering.partial(request, "_today_restored.html", context)
    response = RedirectResponse(rendering.local_path(next), status_code=303)
    rendering.set_flash(response, message)
    return response
