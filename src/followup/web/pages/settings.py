"""The Settings page: profile, timings, calendar, mail, templates, connections, your data.

Each section is its own form and saves on its own: with htmx the section is
swapped in place with its message; without JavaScript the form posts and the
browser is sent back to the section (`?saved=...#section`). A form with a bad
value comes back with the user's input kept and the problem next to the field
(HTTP 422). The work is done by `followup.app.settings`, `followup.app.mail_account`
and `followup.app.template_overrides`; this module only parses requests and builds
contexts. Labels, help and bounds of the fields come from the settings table
(`followup.domain.settings`) through `followup.app.settings`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from followup.app import account_tokens, mail_account, saved_mail, stored_secrets, template_overrides
from followup.app import settings as settings_use_cases
from followup.app.context import Env
from followup.domain.text import sentence
from followup.drafting.errors import TemplateError
from followup.drafting.model import DraftKind, Tone
from followup.errors import FollowupError, InvalidInput, SettingsError
from followup.web import rendering
from followup.web.app import base_url, env_of, web_state
from followup.web.security import ACCOUNT_KEY

router = APIRouter(include_in_schema=False)
Form = Mapping[str, str]


# -- contexts, one per section ------------------------------------------------------------------


def _profile(request: Request, env: Env, form: Form | None = None, errors: dict[str, str] | None = None) -> Any:
    return {
        "signature": settings_use_cases.signature(env.settings),
        "fields": settings_use_cases.PROFILE_FIELDS,
        "values": dict(form) if form is not None else settings_use_cases.profile_values(env.settings),
        "paper": settings_use_cases.PAPER,
        "errors": errors or {},
        "saved": None,
    }


def _timings(request: Request, env: Env, form: Form | None = None, errors: dict[str, str] | None = None) -> Any:
    settings = env.settings
    groups = []
    for title, specs in settings_use_cases.TIMING_SECTION:
        rows = []
        for spec in specs:
            current = settings_use_cases.timing_value(settings, spec)
            rows.append(
                {
                    "spec": spec,
                    "value": form.get(spec.name, current) if form is not None else current,
                    "default": settings_use_cases.timing_default(spec),
                    "default_text": settings_use_cases.default_text(spec),
                    "changed": current != settings_use_cases.timing_default(spec),
                }
            )
        groups.append((title, rows))
    return {
        "groups": groups,
        "errors": errors or {},
        "saved": None,
        "changed": settings_use_cases.changed_timings(settings),
    }


def _calendar(request: Request, env: Env, form: Form | None = None, errors: dict[str, str] | None = None) -> Any:
    settings = env.settings
    values = {"timezone": settings.timezone, "country": settings.country, "subdivision": settings.subdivision or ""}
    if form is not None:
        values = {key: form.get(key, "").strip() for key in values}
    now = env.now()
    groups = [
        (region, [(zone, settings_use_cases.zone_label(zone, now)) for zone in zones])
        for region, zones in settings_use_cases.zone_groups(values["timezone"], settings_use_cases.detected_timezone())
    ]
    country = values["country"].upper()
    return {
        "fields": settings_use_cases.CALENDAR_FIELDS,
        "values": values,
        "zone_groups": groups,
        "countries": settings_use_cases.countries(),
        "regions": settings_use_cases.subdivisions(country),
        "country_name": settings_use_cases.country_name(settings.country),
        "region_name": dict(settings_use_cases.subdivisions(settings.country)).get(settings.subdivision or ""),
        "local_time": now,
        "holidays": settings_use_cases.upcoming_holidays(settings, now.date()),
        "errors": errors or {},
        "saved": None,
        # After a change of zone: the interviews entered on the old zone's clock, and the question.
        "zone_move": None,
    }


def _mail(
    request: Request,
    env: Env,
    form: Form | None = None,
    errors: dict[str, str] | None = None,
    target: str | None = None,
    report: mail_account.ConnectionReport | None = None,
) -> Any:
    """Every account's form, and one for a new account; `target` ('' for the new one) gets `form`."""
    views = mail_account.accounts(env.config_path)
    # A hosted installation asks for the password itself and keeps it encrypted (app/saved_mail.py).
    hosted = stored_secrets.hosted(env)
    # Its operator may have set up a mail provider: then mailboxes there are connected, not typed in
    # (app/mail_connection.py), and have no form here (web/pages/mail_connection.py).
    provider = getattr(request.app.state, "mail_connection", None) if hosted else None
    connected = []
    if provider is not None:
        from followup.app import mail_connection

        views = [view for view in views if not view.account.oauth2_server]
        connected = mail_connection.connections(env)
    if form is not None:  # as submitted: an unticked box or a disabled field sends nothing
        form = {key: form.get(key, "") for key in mail_account.account_form(None)}
    entries = []
    for view in views:
        mine = target == view.account.name
        entries.append(
            {
                "key": view.account.name,
                "new": False,
                "title": view.account.email,
                "form": dict(form) if mine and form is not None else view.form,
                "errors": (errors or {}) if mine else {},
                "note": saved_mail.note(env, view.account) if hosted else view.source_note,
                "report": report if mine else None,
                "open": True,
            }
        )
    if target == "" and form is not None:
        new_form = dict(form)
    else:
        new_form = mail_account.account_form(None)
        if hosted:
            new_form["source"] = "keyring"  # the one way there: the password typed here, kept encrypted
    entries.append(
        {
            "key": "",
            "new": True,
            "title": "Add a mail account",
            "form": new_form,
            "errors": (errors or {}) if target == "" else {},
            "note": "",
            "report": report if target == "" else None,
            # With a mail provider, connecting is the way: the form for a password stays folded.
            "open": (not views and not connected and provider is None) or target == "",
        }
    )
    return {
        "entries": entries,
        "count": len(views),
        "sources": saved_mail.SOURCES if hosted else mail_account.SOURCES,
        "security_choices": mail_account.SECURITY_CHOICES,
        "allow_commands": _commands_allowed(request),
        "saved": None,
        "hosted": hosted,
        "connect": provider,  # "Connect your <label> mailbox", when the operator set a provider up
        "connected": connected,
        "connect_problem": None,  # {"message", "hint"} of why connecting failed, shown above the button
        "connect_report": None,  # (account name, ConnectionReport) of "Test the connection"
    }


def mail_page(request: Request, env: Env, status: int = 200, **more: Any) -> Response:
    """The page on its mail part, with what connecting a mailbox adds to it (`mail_connection`'s pages)."""
    return _page(request, env, status, mail=_mail(request, env) | more)


def _templates(request: Request, env: Env) -> Any:
    catalogue = template_overrides.catalogue(env)
    return {
        "entries": catalogue,
        "tones": template_overrides.TONES,
        "own": sum(1 for entry in catalogue for _tone, own in entry.tones if own),
        # Where the files are, for the local user's text editor; a hosted account's are on the server.
        "folder": None if request.scope.get(ACCOUNT_KEY) else settings_use_cases.data_places(env).templates,
    }


def _connections(request: Request, env: Env) -> Any:
    base = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
    problem = None
    calendar_token: str | None
    api_token: str | None
    if request.scope.get(ACCOUNT_KEY) is None:
        keys = web_state(request).keys
        calendar_token, api_token = keys.calendar_token, keys.api_token
    else:
        # A hosted account's own, made when it asks (the installation's sign nobody in): app/account_tokens.py.
        base = base_url(request)
        try:
            calendar_token = account_tokens.current(env, account_tokens.CALENDAR)
            api_token = account_tokens.current(env, account_tokens.API)
        except SettingsError as exc:  # no server key: the operator's to fix, said rather than a broken page
            calendar_token = api_token = None
            problem = sentence(exc.message) + (f" {exc.hint}" if exc.hint else "")
    return {
        "calendar_url": f"{base}/calendar.ics?token={calendar_token}" if calendar_token else None,
        "api_token": api_token,
        "curl": f'curl -H "Authorization: Bearer {api_token}" {base}/api/v1/actions' if api_token else None,
        "hosted": request.scope.get(ACCOUNT_KEY) is not None,
        "problem": problem,
        "saved": None,
    }


def _reminders(request: Request, env: Env, form: Form | None = None, errors: dict[str, str] | None = None) -> Any:
    values = settings_use_cases.reminder_values(env.settings)
    if form is not None:
        values |= {key: form.get(key, "") for key in values if key != "push_url"}
    return {
        "values": values,
        "push": settings_use_cases.push_status(env.settings),
        "errors": errors or {},
        "problem": None,
        "saved": None,
    }


def _data(request: Request, env: Env) -> Any:
    return {"places": settings_use_cases.data_places(env)}


SECTIONS: dict[str, Callable[..., Any]] = {
    "profile": _profile,
    "timings": _timings,
    "calendar": _calendar,
    "mail": _mail,
    "templates": _templates,
    "connections": _connections,
    "reminders": _reminders,
    "data": _data,
}
TITLES = {
    "profile": "Profile and signature",
    "timings": "Timings",
    "calendar": "Calendar and holidays",
    "mail": "Mail account",
    "templates": "Message templates",
    "connections": "Connections for other apps",
    "reminders": "Reminders",
    "data": "Your data",
}


def _commands_allowed(request: Request) -> bool:
    # Never: whoever reaches the page (another account on this computer, a stolen session) must not
    # get a way to run programs as the user. Commands are set in the settings file or the CLI.
    return False


def _saved_message(env: Env, code: str, count: int = 0, name: str = "") -> tuple[str, str] | None:
    """(section, message) for a `?saved=` code."""
    if code == "profile":
        return "profile", "Saved. New drafts will use these details."
    if code in ("timings", "timings-reset"):
        first = "Saved." if code == "timings" else "All timings are back to the defaults."
        if count:
            moved = rendering.plural(count, "application")
            return "timings", f"{first} The follow-ups of {moved} now use the new timings."
        return "timings", f"{first} New follow-ups will use these timings."
    if code == "calendar":
        settings = env.settings
        region = dict(settings_use_cases.subdivisions(settings.country)).get(settings.subdivision or "")
        place = settings_use_cases.country_name(settings.country) + (f" ({region})" if region else "")
        return "calendar", (
            f"Saved. Times are in {settings.timezone}, and business days skip weekends and public holidays in {place}."
        )
    if code == "interviews-moved":
        if not count:  # the form sent again (Back, a second tab): they were moved or changed already
            return "calendar", "Nothing left to move: those interviews were moved or changed already."
        moved = rendering.plural(count, "interview")
        return "calendar", f"Moved {moved} to the same clock time in {env.settings.timezone}."
    if code == "interviews-kept":
        them, were = ("it as it is", "it was") if count == 1 else ("them as they are", "they were")
        return "calendar", f"Left {them}, on the clock {were} entered on, with your own time beside it."
    if code == "mail":
        return "mail", f"Saved the mail account “{name}”. Test the connection to be sure it works."
    if code == "mail-removed":
        return "mail", f"Removed the mail account “{name}”. Replies already found stay in your history."
    if code == "mail-connected":
        return "mail", f"Connected your mailbox {name}. followup reads it from now on; test the connection to see."
    if code == "mail-disconnected":
        return "mail", f"Disconnected your mailbox {name}: followup keeps no access to it any more."
    if code == "reminders":
        return "reminders", "Saved. Reminders follow these settings from the next pass."
    if code == "rotated-api":
        return "connections", "Made a new API token. The old one no longer works: give your scripts the new one."
    if code == "rotated-calendar":
        return "connections", (
            "Made a new calendar address. The old one no longer works: subscribe to the new one in your calendar app."
        )
    if code == "made-api":
        return "connections", "Made your API token. Give it to your scripts; keep it to yourself."
    if code == "made-calendar":
        return "connections", "Made your calendar address. Subscribe to it in your calendar app."
    return None


# -- the page -----------------------------------------------------------------------------------


# A hosted installation's part that is the installation's, not an account's: where its files are on the
# server. (Connections are there: each account has its own calendar address and API token.)
INSTALLATION_PARTS = ("data",)


def _titles(request: Request) -> dict[str, str]:
    if request.scope.get(ACCOUNT_KEY) is None:
        return TITLES
    return {name: title for name, title in TITLES.items() if name not in INSTALLATION_PARTS}


def _page(request: Request, env: Env, status: int = 200, **sections: Any) -> Response:
    titles = _titles(request)
    context: dict[str, Any] = {name: sections.get(name) or SECTIONS[name](request, env) for name in titles}
    context["titles"] = titles
    # The page shows one part at a time: the one the address names (#mail), else the one just saved or
    # refused (a form posted without JavaScript comes back here with no #), else the first.
    context["current"] = next(iter(sections), next(iter(titles)))
    return rendering.page(request, "settings.html", context, active="settings", title="Settings", status=status)


def _section(
    request: Request, env: Env, name: str, context: Any, *, status: int = 200, saved: str | None = None
) -> Response:
    """The section alone (htmx), or the whole page with it (no JavaScript)."""
    context["saved"] = saved
    if rendering.is_htmx(request):
        return rendering.partial(request, f"_settings_{name}.html", {name: context, "titles": TITLES}, status=status)
    return _page(request, env, status, **{name: context})


def _done(request: Request, env: Env, name: str, code: str, count: int = 0, account: str = "") -> Response:
    """After a successful save: the section with its message (htmx), or a redirect back to it."""
    found = _saved_message(env, code, count, account)
    message = found[1] if found else "Saved."
    if rendering.is_htmx(request):
        return _section(request, env, name, SECTIONS[name](request, env), saved=message)
    query = {"saved": code} | ({"n": str(count)} if count else {}) | ({"account": account} if account else {})
    return RedirectResponse(f"/settings?{urlencode(query)}#{name}", status_code=303)


async def _form(request: Request) -> dict[str, str]:
    data = await request.form()
    return {key: value for key, value in data.items() if isinstance(value, str)}


@router.get("/settings")
async def settings_page(
    request: Request, saved: str = "", n: int = 0, account: str = "", moved_from: str = ""
) -> Response:
    env = env_of(request)  # with the file as the CLI or an editor may have changed it since
    found = _saved_message(env, saved, n, account[:40]) if saved else None
    if found is None:
        return _page(request, env)
    name, message = found
    context = SECTIONS[name](request, env)
    context["saved"] = message
    if name == "calendar" and moved_from:  # a new zone was saved without JavaScript: ask about the interviews
        context["zone_move"] = settings_use_cases.interviews_to_move(env, moved_from[:64], env.settings.timezone)
    return _page(request, env, **{name: context})


@router.post("/settings/profile")
async def save_profile(request: Request) -> Response:
    env = env_of(request)
    form = await _form(request)
    try:
        settings_use_cases.save_profile(env, form)
    except settings_use_cases.FieldErrors as exc:
        return _section(request, env, "profile", _profile(request, env, form, exc.errors), status=422)
    return _done(request, env, "profile", "profile")


@router.post("/settings/timings")
async def save_timings(request: Request) -> Response:
    env = env_of(request)
    form = await _form(request)
    try:
        count = settings_use_cases.save_timings(env, form)
    except settings_use_cases.FieldErrors as exc:
        return _section(request, env, "timings", _timings(request, env, form, exc.errors), status=422)
    return _done(request, env, "timings", "timings", count)


@router.post("/settings/timings/reset")
async def reset_timings(request: Request) -> Response:
    env = env_of(request)
    count = settings_use_cases.reset_timings(env)
    return _done(request, env, "timings", "timings-reset", count)


@router.post("/settings/calendar")
async def save_calendar(request: Request) -> Response:
    env = env_of(request)
    form = await _form(request)
    old_zone = env.settings.timezone
    try:
        settings_use_cases.save_calendar(env, form)
    except settings_use_cases.FieldErrors as exc:
        return _section(request, env, "calendar", _calendar(request, env, form, exc.errors), status=422)
    # Interviews entered on the old zone's clock are asked about, never moved without asking.
    offer = settings_use_cases.interviews_to_move(env, old_zone, env.settings.timezone)
    if offer is None:
        return _done(request, env, "calendar", "calendar")
    if rendering.is_htmx(request):
        context = _calendar(request, env)
        context["zone_move"] = offer
        found = _saved_message(env, "calendar")
        return _section(request, env, "calendar", context, saved=found[1] if found else "Saved.")
    query = urlencode({"saved": "calendar", "moved_from": old_zone})
    return RedirectResponse(f"/settings?{query}#calendar", status_code=303)


@router.post("/settings/calendar/interviews")
async def move_interviews(request: Request) -> Response:
    """The answer to the question after a change of zone: keep the clock time, or leave them."""
    env = env_of(request)
    data = await request.form()
    old_zone = str(data.get("old_zone", ""))[:64]
    chosen = [int(value) for value in data.getlist("interview") if isinstance(value, str) and value.isdigit()]
    # Moved to the zone in use now: env_of read the file again if another process saved since.
    if data.get("answer") == "move":
        moved = settings_use_cases.move_interviews(env, old_zone, env.settings.timezone, chosen)
        return _done(request, env, "calendar", "interviews-moved", moved)
    return _done(request, env, "calendar", "interviews-kept", len(chosen))


@router.get("/settings/calendar/regions")
async def calendar_regions(request: Request, country: str = "") -> Response:
    """The region field for another country (htmx, when the country select changes)."""
    env = env_of(request)
    context = _calendar(request, env, {"timezone": env.settings.timezone, "country": country, "subdivision": ""})
    return rendering.partial(request, "_settings_region.html", {"calendar": context})


# -- connections --------------------------------------------------------------------------------


@router.post("/settings/reminders")
async def save_reminders(request: Request) -> Response:
    env = env_of(request)
    form = await _form(request)
    try:
        settings_use_cases.save_reminders(env, form)
    except settings_use_cases.FieldErrors as exc:
        return _section(request, env, "reminders", _reminders(request, env, form, exc.errors), status=422)
    return _done(request, env, "reminders", "reminders")


@router.post("/settings/reminders/test")
async def send_test_reminder(request: Request) -> Response:
    env = env_of(request)
    try:
        # The notification service may take seconds to answer: off the event loop.
        went, problems = await anyio.to_thread.run_sync(lambda: settings_use_cases.send_test_reminder(env))
    except FollowupError as exc:
        context = _reminders(request, env)
        context["problem"] = sentence(exc.message) + (f" {exc.hint}" if exc.hint else "")
        # Nothing set up is for the user to fix on this page (422); a service that refused, a bad gateway.
        return _section(request, env, "reminders", context, status=422 if isinstance(exc, SettingsError) else 502)
    context = _reminders(request, env)
    # A channel that could not take the test while another did (no desktop on a server) is said beside it.
    context["problem"] = " ".join(problems) or None
    return _section(request, env, "reminders", context, saved=f"Sent a test reminder through {went}. Check it arrived.")


@router.post("/settings/connections/rotate")
async def rotate_token(request: Request) -> Response:
    """A new API token or calendar address; the old one stops working at once."""
    env = env_of(request)
    kind = (await _form(request)).get("kind", "")
    if kind not in ("api", "calendar"):
        raise InvalidInput("there is no such token", hint="Choose the API token or the calendar address.")
    if request.scope.get(ACCOUNT_KEY) is not None:
        # The account's own; the installation's keys are no account's to change.
        had = account_tokens.current(env, kind) is not None
        account_tokens.make_new(env, kind)
        return _done(request, env, "connections", f"{'rotated' if had else 'made'}-{kind}")
    web_state(request).keys.rotate(kind)
    return _done(request, env, "connections", f"rotated-{kind}")


# -- mail ---------------------------------------------------------------------------------------


def _account_from(request: Request, env: Env, form: Form) -> tuple[str, Any]:
    """(target, MailAccount) from a mail form; raises FieldErrors."""
    name = form.get("account", "")
    existing = mail_account.find_account(env.config_path, name) if name else None
    if name and existing is None:
        raise settings_use_cases.FieldErrors(
            {"email": f"There is no mail account called “{name}” any more. Reload the page."}
        )
    account = mail_account.check_account(
        form, existing=existing, allow_commands=_commands_allowed(request), config_path=env.config_path
    )
    return name, account


@router.post("/settings/mail")
async def save_mail(request: Request) -> Response:
    env = env_of(request)
    form = await _form(request)
    target = form.get("account", "")
    try:
        target, account = _account_from(request, env, form)
        typed = form.get("password", "")
        if stored_secrets.hosted(env):
            existing = mail_account.find_account(env.config_path, target) if target else None
            account = saved_mail.save(env, account, existing=existing, typed=typed)
        else:
            # In a worker thread: it may ask the OS keyring, which can take a while.
            await anyio.to_thread.run_sync(mail_account.check_secret_goes_home, env.config_path, account, typed)
            mail_account.save_account(env.config_path, account, new=not target)
    except settings_use_cases.FieldErrors as exc:
        return _section(request, env, "mail", _mail(request, env, form, exc.errors, target), status=422)
    return _done(request, env, "mail", "mail", account=account.name)


@router.post("/settings/mail/remove")
async def remove_mail(request: Request) -> Response:
    env = env_of(request)
    form = await _form(request)
    name = form.get("account", "")
    if stored_secrets.hosted(env):
        saved_mail.remove(env, name)  # with its saved password
    elif mail_account.find_account(env.config_path, name) is not None:  # already gone (another tab): nothing to do
        mail_account.remove_account(env.config_path, name)
    return _done(request, env, "mail", "mail-removed", account=name)


@router.post("/settings/mail/test")
async def test_mail(request: Request) -> Response:
    """Log in with what the form says (saved or not): with the saved password only for the saved
    account unchanged, else with a password typed for the test. The network work runs in a worker thread."""
    env = env_of(request)
    form = await _form(request)
    target = form.get("account", "")
    try:
        target, account = _account_from(request, env, form)
    except settings_use_cases.FieldErrors as exc:
        response = _section(request, env, "mail", _mail(request, env, form, exc.errors, target), status=422)
        if rendering.is_htmx(request):
            response.headers["HX-Retarget"] = "#mail"
            response.headers["HX-Reswap"] = "outerHTML"
        return response
    typed = form.get("password", "")
    if stored_secrets.hosted(env):
        saved = mail_account.find_account(env.config_path, target) if target else None
        report = await anyio.to_thread.run_sync(saved_mail.connection_test, env, saved, account, typed)
    else:
        report = await anyio.to_thread.run_sync(mail_account.connection_test, env.config_path, target, account, typed)
    if rendering.is_htmx(request):
        context = {"report": report, "p": "mail-" + (target or "new")}
        return rendering.partial(request, "_settings_mail_test.html", context)
    return _page(request, env, mail=_mail(request, env, form, None, target, report))


# -- message templates --------------------------------------------------------------------------


async def _editor(
    request: Request,
    env: Env,
    kind: str,
    tone: str,
    *,
    text: str | None = None,
    sample: str = "full",
    error: TemplateError | None = None,
    message: str | None = None,
    status: int = 200,
) -> Response:
    draft_kind, draft_tone = template_overrides.parse_kind_tone(kind, tone)
    source = template_overrides.source(env, draft_kind, draft_tone)
    shown = text if text is not None else (source.own if source.own is not None else source.built_in)
    preview = await _preview(env, draft_kind, draft_tone, shown, sample)
    label, description = template_overrides.KINDS[draft_kind]
    context = {
        "kind": draft_kind,
        "tone": draft_tone,
        "label": label,
        "description": description,
        "tones": template_overrides.tones(draft_kind),
        "source": source,
        "text": shown,
        "sample": sample,
        "samples": template_overrides.SAMPLES,
        "preview": preview,
        "stand_in": not env.settings.profile.name.strip(),
        "error": error,
        "error_line": template_overrides.line_at(env, draft_kind, draft_tone, shown, error) if error else None,
        "message": message,
    }
    title = f"{label}, {template_overrides.TONES[draft_tone].lower()} tone"
    return rendering.page(request, "settings_template.html", context, active="settings", title=title, status=status)


TEMPLATE_MESSAGES = {
    "saved": "Saved. Drafts of this kind in this tone now use your template.",
    "reset": "Back to the built-in template.",
}


@router.get("/settings/templates/{kind}/{tone}")
async def template_editor(request: Request, kind: str, tone: str, done: str = "", sample: str = "full") -> Response:
    env = env_of(request)
    return await _editor(request, env, kind, tone, sample=_sample(sample), message=TEMPLATE_MESSAGES.get(done))


def _sample(value: str) -> str:
    return value if value in template_overrides.SAMPLES else "full"


async def _preview(env: Env, kind: DraftKind, tone: Tone, text: str, sample: str) -> template_overrides.Preview:
    # In a worker thread: a template is the user's own code, and while it renders (within
    # the budget of drafting.render) every other page must keep being answered.
    return await anyio.to_thread.run_sync(template_overrides.preview, env, kind, tone, text, sample)


@router.post("/settings/templates/{kind}/{tone}/preview")
async def template_preview(request: Request, kind: str, tone: str) -> Response:
    env = env_of(request)
    form = await _form(request)
    text, sample = form.get("text", ""), _sample(form.get("sample", "full"))
    if not rendering.is_htmx(request):
        return await _editor(request, env, kind, tone, text=text, sample=sample)
    draft_kind, draft_tone = template_overrides.parse_kind_tone(kind, tone)
    preview = await _preview(env, draft_kind, draft_tone, text, sample)
    context = {"preview": preview, "sample": sample, "stand_in": not env.settings.profile.name.strip()}
    return rendering.partial(request, "_settings_template_preview.html", context)


@router.post("/settings/templates/{kind}/{tone}")
async def template_save(request: Request, kind: str, tone: str) -> Response:
    env = env_of(request)
    form = await _form(request)
    text, sample = form.get("text", ""), _sample(form.get("sample", "full"))
    draft_kind, draft_tone = template_overrides.parse_kind_tone(kind, tone)
    try:
        await anyio.to_thread.run_sync(template_overrides.save, env, draft_kind, draft_tone, text)
    except TemplateError as exc:
        return await _editor(request, env, kind, tone, text=text, sample=sample, error=exc, status=422)
    except InvalidInput as exc:
        problem = TemplateError(
            template_overrides.override_path(env, draft_kind, draft_tone), None, exc.message, hint=exc.hint
        )
        return await _editor(request, env, kind, tone, text=text, sample=sample, error=problem, status=422)
    return RedirectResponse(f"/settings/templates/{draft_kind.value}/{draft_tone.value}?done=saved", status_code=303)


@router.post("/settings/templates/{kind}/{tone}/reset")
async def template_reset(request: Request, kind: str, tone: str) -> Response:
    env = env_of(request)
    draft_kind, draft_tone = template_overrides.parse_kind_tone(kind, tone)
    template_overrides.reset(env, draft_kind, draft_tone)
    return RedirectResponse(f"/settings/templates/{draft_kind.value}/{draft_tone.value}?done=reset", status_code=303)
