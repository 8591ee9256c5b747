"""Templates by name, and the context every page shares.

A view builds a plain dict and calls `page()`; an htmx request for the same URL
can get a partial (a template whose name starts with `_`) through `partial()`.
Templates are autoescaped, so a company called `<script>` is just text.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from followup import __version__
from followup.domain.labels import draft_button, long_day, with_whom
from followup.domain.zones import beside, place, zone_name
from followup.web.security import ACCOUNT_KEY

TEMPLATES_DIR = os.path.join(os.path.dirname(__file__), "templates")
# Templates write this marker where the browser's CSRF token goes, and `finish` puts the
# token in on the way out: forms in imported macros (which see only globals) and in every
# partial get it without each view passing it along.
CSRF_MARK = "\x00csrf\x00"

NAV = [
    ("today", "Today", "/"),
    ("applications", "Applications", "/applications"),
    ("replies", "Replies", "/replies"),
    ("insights", "Insights", "/insights"),
    ("settings", "Settings", "/settings"),
]
# A hosted installation's people: a job seeker has the local app's pages and their account; a
# coach their job seekers; an administrator the accounts (aggregate figures only).
ACCOUNT_NAV = ("account", "Account", "/account")
NAV_BY_ROLE = {
    "seeker": [*NAV, ACCOUNT_NAV],
    "coach": [("coach", "Your job seekers", "/coach"), ACCOUNT_NAV],
    "admin": [("accounts", "Accounts", "/accounts"), ACCOUNT_NAV],
}
# The page each role starts from (`/` is a job seeker's Today).
HOME_BY_ROLE = {"seeker": "/", "coach": "/coach", "admin": "/accounts"}


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    environment.filters.update(
        day=format_day,
        moment=format_moment,
        agreed=format_agreed,
        zone_note=zone_note,
        relative=format_relative,
        plural=plural,
        time=format_time,
    )
    environment.globals.update(
        nav=NAV,
        version=__version__,
        csrf_token=CSRF_MARK,
        static=static_url,
        draft_button=draft_button,
        with_whom=with_whom,
    )
    return environment


_ENV: jinja2.Environment | None = None


def templates() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


def static_url(name: str) -> str:
    # The version in the URL lets browsers cache static files for good.
    return f"/static/{__version__}/{name}"


def render(name: str, context: dict[str, Any]) -> str:
    """The template's HTML with the CSRF marker still in it (see `finish`)."""
    return templates().get_template(name).render(context)


def finish(request: Request, html: str, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    token = request.scope.get("state", {}).get("csrf_token", "")
    return HTMLResponse(html.replace(CSRF_MARK, token), status_code=status, headers=headers)


def page(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    active: str | None = None,
    title: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """A whole page: the template extends `base.html`, which reads `active` and `title`."""
    full = page_context(request, context, active=active, title=title, flash=pop_flash(request))
    response = finish(request, render(name, full), status)
    if full["flash"]:
        response.delete_cookie(FLASH_COOKIE, path="/")
        response.delete_cookie(FLASH_UNDO_COOKIE, path="/")
        # Shown once: a page that carries a message is not kept for Back, which would show it again.
        response.headers["Cache-Control"] = "no-store"
    return response


def page_context(
    request: Request,
    context: dict[str, Any],
    *,
    active: str | None,
    title: str | None,
    flash: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What `base.html` reads, around the page's own context."""
    account = request.scope.get(ACCOUNT_KEY)
    # A hosted installation's sign-in, join and reset pages are seen before anyone signs in: no
    # nav to pages that only lead back to sign-in, and the footer names who keeps the data.
    hosted = account is not None or bool(getattr(getattr(request.app.state, "web", None), "hosted", False))
    nav = NAV_BY_ROLE[account.role] if account is not None else [] if hosted else NAV
    return {
        "active": active,
        "title": title,
        "flash": flash,
        "request_path": request.url.path,
        "nav": nav,
        "hosted": hosted,
        **context,
    }


def partial(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return finish(request, render(name, context), status)


def local_path(target: str | None) -> str:
    """`target` if it is a path on this site, else "/": a `next=` is never an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def is_htmx(request: Request) -> bool:
    # A history restore ("Back" after an htmx push) needs the whole page, not a fragment.
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-history-restore-request") != "true"


# -- one-line messages after a redirect ("Marked done.") --------------------------------------

FLASH_COOKIE = "followup_flash"


FLASH_UNDO_COOKIE = "followup_flash_undo"


def set_flash(response: Any, text: str, kind: str = "ok", undo: tuple[str, dict[str, str]] | None = None) -> None:
    """Show `text` once on the next page (Post/Redirect/Get); `page()` takes it away again.

    `undo` is (path, fields) of the form that takes the action back: the message then has an Undo button.
    """
    import json
    from urllib.parse import quote

    response.set_cookie(FLASH_COOKIE, quote(f"{kind}:{text}"), path="/", httponly=True, samesite="strict", max_age=60)
    if undo is not None:
        value = quote(json.dumps({"path": undo[0], "fields": undo[1]}))
        response.set_cookie(FLASH_UNDO_COOKIE, value, path="/", httponly=True, samesite="strict", max_age=60)


def pop_flash(request: Request) -> dict[str, Any] | None:
    from urllib.parse import unquote

    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    kind, _, text = unquote(raw).partition(":")
    flash: dict[str, Any] = {"kind": kind if kind in ("ok", "error", "info") else "info", "text": text[:300]}
    flash["undo"] = _flash_undo(request.cookies.get(FLASH_UNDO_COOKIE))
    return flash


def _flash_undo(raw: str | None) -> dict[str, Any] | None:
    """The Undo form of a message, if it is one this site could have set: a local path and plain fields."""
    import json
    from urllib.parse import unquote

    if not raw:
        return None
    try:
        found = json.loads(unquote(raw))
        path, fields = found["path"], found["fields"]
    except (ValueError, KeyError, TypeError):
        return None
    plain = isinstance(fields, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items())
    if not isinstance(path, str) or local_path(path) != path or path == "/" or not plain:
        return None
    return {"path": path, "fields": fields}


# -- filters ----------------------------------------------------------------------------------


def format_day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return long_day(value)


def format_time(value: datetime | None) -> str:
    return f"{value:%H:%M}" if value else ""


def format_moment(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{format_day(value)}, {value:%H:%M}"


def format_agreed(value: datetime, now: datetime) -> str:
    """An interview's start on its own zone's clock, with the user's beside it when that differs:
    'Tue 10 Nov 2026, 14:00 Berlin time (13:00 your time)' (see `domain/zones.py`)."""
    return format_moment(value) + beside(value, now.tzinfo or value.tzinfo or UTC)


def zone_note(value: datetime, now: datetime) -> str:
    """For an interview's time field: the clock it is on, when that is not the user's ('' when it is)."""
    if not beside(value, now.tzinfo or UTC):
        return ""
    name = zone_name(value)
    if not name or place(name) == name:  # a bare offset, or UTC
        return f"In {name or value.strftime('%Z')}, the zone it was set in."
    return f"In {place(name)} time ({name}), the zone it was set in."


def format_relative(value: datetime | date | None, now: datetime) -> str:
    """'today', 'tomorrow', 'in 3 days', '2 days ago', by calendar day in the user's zone."""
    if value is None:
        return ""
    day = value.astimezone(now.tzinfo).date() if isinstance(value, datetime) else value
    delta = (day - now.date()).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if delta > 0:
        return f"in {delta} days" if delta < 14 else f"in {round(delta / 7)} weeks"
    return f"{-delta} days ago" if delta > -14 else f"{round(-delta / 7)} weeks ago"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
