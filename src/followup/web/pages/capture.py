"""Adding an interview, and the capture right after it: who was there, what happens next, what to say.

GET shows the form, POST saves it (Post/Redirect/Get with a flash) or shows it
again with the user's values and a message next to each field to fix (422).
What the interviewer said about timing ("within 7-10 business days") is turned
into a date by `app.promises` (docs/dates.md), shown before it is saved: live through a small
htmx partial, or without JavaScript as a confirmation step on submit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from followup.app import applications, drafts, interviews, lookups
from followup.app.context import Env
from followup.app.promises import ParsedTimeline, parse_timeline
from followup.domain.labels import action_title, short_day
from followup.domain.model import Application, Contact, ContactRole, Interview, InterviewKind, PreferredChannel
from followup.web.app import env_of
from followup.web.rendering import format_agreed, page, partial, set_flash

router = APIRouter(include_in_schema=False)
T = TypeVar("T")

KINDS = [
    (InterviewKind.VIDEO, "Video call"),
    (InterviewKind.PHONE, "Phone call"),
    (InterviewKind.ONSITE, "On site"),
    (InterviewKind.PANEL, "Panel"),
    (InterviewKind.TECHNICAL, "Technical"),
    (InterviewKind.OTHER, "Other"),
]
ROLES = [(ContactRole.INTERVIEWER, "Interviewer"), (ContactRole.HIRING_MANAGER, "Hiring manager")]
CHANNELS = [
    (PreferredChannel.EMAIL, "Email"),
    (PreferredChannel.PHONE, "Phone"),
    (PreferredChannel.LETTER, "Letter"),
    (PreferredChannel.UNKNOWN, "Not sure"),
]
BLANK_ROWS = 2
MAX_ROWS = 12
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
LONG_TEXT = 4000
TYPED = frozenset({"name", "email", "title"})  # the text fields of a row; the others are selects


# -- small form helpers ---------------------------------------------------------------------


def _text(form: FormData, name: str, limit: int = 300) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _rows(form: FormData, prefix: str, names: tuple[str, ...]) -> list[dict[str, str]]:
    """Repeated rows named PREFIX-N-FIELD, in order; rows where nothing was typed are dropped.

    Only the typed fields count: a select always sends its value, so it never makes a row.
    """
    rows = []
    for n in range(MAX_ROWS):
        row = {name: _text(form, f"{prefix}-{n}-{name}") for name in names}
        if any(row[name] for name in names if name in TYPED):
            rows.append(row)
    return rows


def _padded(rows: list[dict[str, str]], names: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows typed so far, and blank ones: at least BLANK_ROWS in all, and always one free."""
    blank = max(BLANK_ROWS - len(rows), 1 if rows else 0)
    return (rows + [dict.fromkeys(names, "") for _ in range(blank)])[:MAX_ROWS]


def _bad_email(value: str) -> bool:
    return bool(value) and not EMAIL.match(value)


def _interview_heading(env: Env, interview: Interview) -> str:
    return format_agreed(interview.starts_at, env.now())


# -- adding an interview --------------------------------------------------------------------

PERSON_FIELDS = ("name", "role", "title", "email")


@dataclass
class InterviewForm:
    values: dict[str, str]
    people: list[int]
    new_people: list[dict[str, str]]
    errors: dict[str, str] = field(default_factory=dict)
    starts_at: datetime | None = None


def _people_choices(env: Env, app_id: int) -> list[Contact]:
    state = applications.show(env, app_id).state
    people = [c for c in state.contacts.values() if c.role is not ContactRole.REFERENCE]
    return sorted(people, key=lambda c: (not c.role.is_employer_side, c.name.casefold()))


def _interview_defaults(env: Env, app: Application) -> InterviewForm:
    rounds = len(lookups.interviews(env, app.id)) + 1
    values = {
        "date": "",
        "time": "",
        "timezone": env.settings.timezone,
        "duration": str(env.settings.timings.interview_minutes),
        "kind": InterviewKind.VIDEO.value,
        "round": str(rounds),
    }
    return InterviewForm(values=values, people=[], new_people=[])


def _read_interview(env: Env, form: FormData, known: list[Contact]) -> InterviewForm:
    values = {name: _text(form, name, 60) for name in ("date", "time", "timezone", "duration", "kind", "round")}
    ids = {c.id for c in known}
    people = [int(v) for v in form.getlist("people") if isinstance(v, str) and v.isdecimal() and int(v) in ids]
    result = InterviewForm(values=values, people=people, new_people=_rows(form, "new", PERSON_FIELDS))
    errors = result.errors

    day: date | None = None
    try:
        day = date.fromisoformat(values["date"])
    except ValueError:
        errors["date"] = "Choose the day of the interview." if not values["date"] else "Write the date as YYYY-MM-DD."
    clock: time | None = None
    try:
        clock = time.fromisoformat(values["time"])
    except ValueError:
        errors["time"] = "Give the start time, e.g. 14:30." if not values["time"] else "Write the time as HH:MM."
    zone: ZoneInfo | None = None
    try:
        zone = ZoneInfo(values["timezone"] or env.settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = f"“{values['timezone']}” is not a time zone. Pick one from the list, e.g. Europe/London."
    if day and clock and zone:
        naive = datetime.combine(day, clock)
        moment = naive.replace(tzinfo=zone)
        if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
            errors["time"] = f"{clock:%H:%M} does not exist on that day in {zone.key} (the clocks go forward)."
        else:
            result.starts_at = moment
    if not values["duration"].isdecimal() or not 5 <= int(values["duration"]) <= 600:
        errors["duration"] = "Give the length in minutes, between 5 and 600."
    if values["kind"] not in {k.value for k, _ in KINDS}:
        errors["kind"] = "Choose what kind of interview it is."
    if not values["round"].isdecimal() or not 1 <= int(values["round"]) <= 20:
        errors["round"] = "Give the round as a number from 1 to 20."
    for n, row in enumerate(result.new_people):
        if not row["name"]:
            errors[f"new-{n}-name"] = "Add their name too (as on their card or email)."
        if _bad_email(row["email"]):
            errors[f"new-{n}-email"] = "That does not look like an email address (name@company.com)."
        if row["role"] not in {r.value for r, _ in ROLES}:
            row["role"] = ContactRole.INTERVIEWER.value
    return result


def _interview_page(request: Request, env: Env, app: Application, form: InterviewForm, status: int = 200) -> Response:
    context = {
        "app": app,
        "form": form,
        "known": _people_choices(env, app.id),
        "rows": _padded(form.new_people, PERSON_FIELDS),
        "kinds": KINDS,
        "roles": ROLES,
        "user_zone": env.settings.timezone,
        "zones": sorted(available_timezones()),
        "now": env.now(),
    }
    return page(request, "interview_new.html", context, active="applications", title="Add an interview", status=status)


@router.get("/applications/{app_id}/interviews/new")
async def new_interview(request: Request, app_id: int) -> Response:
    env = env_of(request)
    app = lookups.application(env, app_id)
    return _interview_page(request, env, app, _interview_defaults(env, app))


@router.post("/applications/{app_id}/interviews/new")
async def add_interview(request: Request, app_id: int) -> Response:
    env = env_of(request)
    app = lookups.application(env, app_id)
    form = await request.form()
    read = _read_interview(env, form, _people_choices(env, app.id))
    if read.errors or read.starts_at is None:
        return _interview_page(request, env, app, read, status=422)
    ids = list(read.people)
    for row in read.new_people:
        person = applications.contact_by_name_or_new(
            env, row["name"], row["email"] or None, ContactRole(row["role"]), app.id
        )
        if row["title"] and person.title != row["title"]:
            applications.edit_contact(env, person.id, applications.ContactChanges(title=row["title"]))
        if person.id not in ids:
            ids.append(person.id)
    created = applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=read.starts_at,
            participants=ids,
            kind=InterviewKind(read.values["kind"]),
            round=int(read.values["round"]),
            duration_minutes=int(read.values["duration"]),
            timezone=read.values["timezone"] or env.settings.timezone,
        ),
    )
    response = RedirectResponse(f"/applications/{app.id}", status_code=303)
    when = _interview_heading(env, created)
    if created.ends_at <= env.now():
        after = "Note how it went (“After the interview”) to get your thank-you notes."
    else:
        after = "Right after it, note how it went to get your thank-you notes."
    set_flash(response, f"Interview added: {when}. {after}")
    return response


# -- the capture after the interview --------------------------------------------------------

NEW_FIELDS = ("name", "email", "title", "channel")
REF_FIELDS = ("name", "email")
TEXT_FIELDS = ("next_steps", "timeline_text", "main_points", "forgot_to_mention", "to_clarify")


@dataclass
class PersonEntry:
    contact: Contact
    present: bool
    email: str
    title: str
    channel: str
    phone: str = ""
    postal: str = ""


@dataclass
class CaptureForm:
    people: list[PersonEntry]
    new_people: list[dict[str, str]]
    references: list[dict[str, str]]
    values: dict[str, str]  # the TEXT_FIELDS, decision_date and decision_for
    errors: dict[str, str] = field(default_factory=dict)
    decision: date | None = None


def _capture_people(env: Env, interview: Interview) -> list[Contact]:
    """Who may have been there: this interview's people, and the employer's people on the application."""
    state = applications.show(env, interview.application_id).state
    present = set(interview.participant_ids)
    people = [c for c in state.contacts.values() if c.id in present or c.role.is_employer_side]
    return sorted(people, key=lambda c: (c.id not in present, c.name.casefold()))


def _capture_defaults(env: Env, interview: Interview) -> CaptureForm:
    present = set(interview.participant_ids)
    people = [
        PersonEntry(
            c,
            c.id in present,
            c.email or "",
            c.title or "",
            c.preferred_channel.value,
            c.phone or "",
            c.postal_address or "",
        )
        for c in _capture_people(env, interview)
    ]
    values = {name: getattr(interview, name) or "" for name in TEXT_FIELDS}
    values["decision_date"] = interview.decision_date.isoformat() if interview.decision_date else ""
    # A date saved before was already confirmed for these words.
    values["decision_for"] = values["timeline_text"] if interview.decision_date else ""
    return CaptureForm(people=people, new_people=[], references=[], values=values)


def _read_capture(env: Env, interview: Interview, form: FormData) -> CaptureForm:
    present = {v for v in form.getlist("present") if isinstance(v, str)}
    channels = {c.value for c, _ in CHANNELS}
    people = []
    for c in _capture_people(env, interview):
        channel = _text(form, f"person-{c.id}-channel") or c.preferred_channel.value
        people.append(
            PersonEntry(
                c,
                str(c.id) in present,
                _text(form, f"person-{c.id}-email"),
                _text(form, f"person-{c.id}-title"),
                channel if channel in channels else PreferredChannel.UNKNOWN.value,
                _text(form, f"person-{c.id}-phone", 60),
                _text(form, f"person-{c.id}-postal", 600),
            )
        )
    values = {name: _text(form, name, LONG_TEXT) for name in TEXT_FIELDS}
    values["decision_date"] = _text(form, "decision_date", 20)
    values["decision_for"] = _text(form, "decision_for", LONG_TEXT)
    result = CaptureForm(
        people=people,
        new_people=_rows(form, "new", NEW_FIELDS),
        references=_rows(form, "ref", REF_FIELDS),
        values=values,
    )
    errors = result.errors
    for p in people:
        if p.present and _bad_email(p.email):
            errors[f"person-{p.contact.id}-email"] = "That does not look like an email address (name@company.com)."
    for n, row in enumerate(result.new_people):
        if not row["name"]:
            errors[f"new-{n}-name"] = "Add their name too, spelled as on their card."
        if _bad_email(row["email"]):
            errors[f"new-{n}-email"] = "That does not look like an email address (name@company.com)."
        if row["channel"] not in channels:
            row["channel"] = PreferredChannel.UNKNOWN.value
    for n, row in enumerate(result.references):
        if not row["name"]:
            errors[f"ref-{n}-name"] = "Add the reference's name."
        if _bad_email(row["email"]):
            errors[f"ref-{n}-email"] = "That does not look like an email address (name@example.com)."
    if values["decision_date"]:
        try:
            result.decision = date.fromisoformat(values["decision_date"])
        except ValueError:
            errors["decision_date"] = "Write the date as YYYY-MM-DD, or pick it from the calendar."
        else:
            held_on = interview.starts_at.astimezone(env.tz).date()
            if result.decision < held_on:
                errors["decision_date"] = f"That is before the interview ({short_day(held_on)}). "
                errors["decision_date"] += "Pick the day they promised news by."
    return result


def _timeline(env: Env, interview: Interview, text: str) -> ParsedTimeline | None:
    if not text.strip():
        return None
    spoken_on = interview.ends_at.astimezone(env.tz).date()
    return parse_timeline(text, spoken_on, env.calendar)


def _needs_confirmation(form: CaptureForm) -> bool:
    """Their words were changed since the date beside them was shown: show the reading first."""
    text = form.values["timeline_text"]
    return bool(text) and text != form.values["decision_for"]


def _timeline_context(
    env: Env,
    interview: Interview,
    text: str,
    decision: str,
    *,
    fill: bool,
    confirm: bool = False,
    error: str | None = None,
) -> dict[str, Any]:
    """What the timeline words mean; with `fill`, the date field takes the date read from them."""
    parsed = _timeline(env, interview, text)
    if fill and parsed is not None:
        decision = parsed.date.isoformat()
    # The explanation is "Tuesday 1 December 2026 (10 business days after 17 November)": the date is shown apart.
    reason = parsed.explanation.partition(" (")[2].removesuffix(")") if parsed else ""
    return {
        "interview": interview,
        "text": text,
        "parsed": parsed,
        "reason": reason or (parsed.explanation if parsed else ""),
        "decision": decision,
        "decision_for": text,
        "confirm": confirm,
        "error": error,
    }


def _capture_page(
    request: Request,
    env: Env,
    interview: Interview,
    form: CaptureForm,
    *,
    confirm: bool = False,
    status: int = 200,
) -> Response:
    app = lookups.application(env, interview.application_id)
    state = applications.show(env, app.id).state
    named = [state.contacts[r.contact_id] for r in state.references if r.interview_id == interview.id]
    timeline = _timeline_context(
        env,
        interview,
        form.values["timeline_text"],
        form.values["decision_date"],
        # A date the user typed themselves, before any reading was shown, is kept beside the reading.
        fill=confirm and (not form.values["decision_date"] or bool(form.values["decision_for"])),
        confirm=confirm,
        error=form.errors.get("decision_date"),
    )
    if not confirm:
        timeline["decision_for"] = form.values["decision_for"]
    context = {
        "app": app,
        "interview": interview,
        "when": _interview_heading(env, interview),
        "kind": dict(KINDS).get(interview.kind, ""),
        "form": form,
        "rows": _padded(form.new_people, NEW_FIELDS),
        "refs": _padded(form.references, REF_FIELDS),
        "named": named,
        "channels": CHANNELS,
        "timeline": timeline,
        "confirm": confirm,
        "past": interview.ends_at <= env.now(),
    }
    return page(request, "capture.html", context, active="applications", title="After the interview", status=status)


@router.get("/interviews/{interview_id}/capture")
async def capture_form(request: Request, interview_id: int) -> Response:
    env = env_of(request)
    interview = lookups.interview(env, interview_id)
    return _capture_page(request, env, interview, _capture_defaults(env, interview))


@router.post("/interviews/{interview_id}/capture")
async def capture_save(request: Request, interview_id: int) -> Response:
    env = env_of(request)
    interview = lookups.interview(env, interview_id)
    form_data = await request.form()
    form = _read_capture(env, interview, form_data)
    if form.errors:
        return _capture_page(request, env, interview, form, status=422)
    if _needs_confirmation(form):
        return _capture_page(request, env, interview, form, confirm=True)
    _save_capture(env, interview, form)
    upcoming = applications.show(env, interview.application_id).upcoming
    response = RedirectResponse(f"/interviews/{interview.id}/capture/done", status_code=303)
    thanks = any(item.kind == "thank_you" for item in upcoming)
    set_flash(response, "Saved. Your thank-you notes are ready to write." if thanks else "Saved.")
    return response


def _changed(wanted: T, current: T) -> T | applications.Unchanged:
    return wanted if wanted != current else applications.UNCHANGED


def _save_capture(env: Env, interview: Interview, form: CaptureForm) -> None:
    """The form's fields as a capture; `interviews.save_capture` keeps all of it, or none."""
    values = form.values
    # The form shows every field, so each is written: an emptied one is cleared.
    changes = applications.InterviewChanges(
        next_steps=values["next_steps"] or None,
        timeline_text=values["timeline_text"] or None,
        main_points=values["main_points"] or None,
        forgot_to_mention=values["forgot_to_mention"] or None,
        to_clarify=values["to_clarify"] or None,
        decision_date=form.decision,
    )
    present = [p for p in form.people if p.present]
    contact_changes = {
        p.contact.id: applications.ContactChanges(
            email=_changed(p.email or None, p.contact.email),
            title=_changed(p.title or None, p.contact.title),
            preferred_channel=_changed(PreferredChannel(p.channel), p.contact.preferred_channel),
            phone=_changed(p.phone or None, p.contact.phone),
            postal_address=_changed(p.postal or None, p.contact.postal_address),
        )
        for p in present
    }
    capture = applications.Capture(
        new_people=[(r["name"], r["email"] or None, r["channel"]) for r in form.new_people],
        contact_changes=contact_changes,
        interview_changes=changes,
        references=[(r["name"], r["email"] or None) for r in form.references],
    )
    titles = {r["name"]: r["title"] for r in form.new_people if r["title"]}
    interviews.save_capture(env, interview.id, capture, present=[p.contact.id for p in present], titles=titles)


@router.get("/interviews/{interview_id}/timeline-preview")
async def timeline_preview(request: Request, interview_id: int) -> Response:
    env = env_of(request)
    interview = lookups.interview(env, interview_id)
    params = request.query_params
    text = (params.get("text") or params.get("timeline_text") or "").strip()[:LONG_TEXT]
    context = _timeline_context(env, interview, text, params.get("decision_date", ""), fill=True)
    return partial(request, "_capture_timeline.html", {"t": context})


@dataclass(frozen=True)
class NextStep:
    """A pending action as a card: its title, and whether it has a draft to write."""

    item: applications.AgendaItem
    title: str
    draft: bool


def next_steps(env: Env, app_id: int) -> list[NextStep]:
    """The application's pending actions, earliest first (shared with the Replies page)."""
    return [
        NextStep(item, action_title(item.kind, item.channel), bool(drafts.kinds_for_action(item.kind, item.channel)))
        for item in applications.show(env, app_id).upcoming
    ]


@router.get("/interviews/{interview_id}/capture/done")
async def capture_done(request: Request, interview_id: int) -> Response:
    env = env_of(request)
    interview = lookups.interview(env, interview_id)
    app = lookups.application(env, interview.application_id)
    steps = next_steps(env, app.id)
    people = [lookups.contact(env, c) for c in interview.participant_ids]
    context = {
        "app": app,
        "interview": interview,
        "when": _interview_heading(env, interview),
        "now_items": [s for s in steps if s.item.status != "upcoming"],
        "later_items": [s for s in steps if s.item.status == "upcoming"],
        "now": env.now(),
        "people": people,
    }
    return page(request, "capture_done.html", context, active="applications", title="Saved: what to do next")
