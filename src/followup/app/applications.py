"""Use cases: each one validates, writes in one transaction, and refreshes the agenda.

The CLI and the web app call these and nothing below them. After every write
the affected applications' pending actions are recomputed inside the same
transaction, so the agenda can never disagree with the facts.

What a door hands over is a typed command: `NewApplication`, `ApplicationChanges`,
`NewContact`, `ContactChanges`, `NewInterview`, `InterviewChanges`, `NewTouchpoint`,
`TouchpointChanges`. A `...Changes` names only what the user changed: every field
starts as `UNCHANGED`, and None means "clear it". No door can name a column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from followup.app import agenda
from followup.app.agenda import AgendaItem as AgendaItem
from followup.app.context import Env
from followup.app.plan import ensure_fresh, refresh
from followup.domain.fields import (
    FieldError,
    email_address,
    excitement_level,
    long_text,
    person_name,
    phone_number,
    tag_list,
    web_address,
)
from followup.domain.labels import short_day
from followup.domain.model import (
    Application,
    ApplicationState,
    ApplicationStatus,
    Channel,
    CompanyStyle,
    Contact,
    ContactRole,
    Direction,
    Interview,
    InterviewKind,
    Language,
    Outcome,
    PreferredChannel,
    Salutation,
    Source,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.stages import MoveKind, Stage, plan_move
from followup.errors import Ambiguous, InvalidInput, NotFound
from followup.store import actions as action_store
from followup.store import records
from followup.store.db import transaction

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

FINAL_STATUSES = {
    Outcome.REJECTION: ApplicationStatus.REJECTED,
    Outcome.OFFER: ApplicationStatus.OFFER,
}


# -- commands: what a door may ask for ------------------------------------------------------


class Unchanged(Enum):
    """The value of a field an edit leaves alone (None would mean "clear it")."""

    UNCHANGED = "unchanged"


UNCHANGED: Final = Unchanged.UNCHANGED


def _members(command: object, enums: Mapping[str, type[Enum]]) -> None:
    # Doors hand over what the user typed ("rejected", "phone"); the use cases compare
    # members, and a value outside the enum is refused here rather than by SQL.
    for name, enum in enums.items():
        value = getattr(command, name)
        if isinstance(value, str) and not isinstance(value, enum):
            object.__setattr__(command, name, enum(value))


def _checked(command: object, checks: Mapping[str, Callable[[str], str]]) -> None:
    # Every door's values pass the same checks (followup.domain.fields): an address that is one
    # address, a phone number, an http(s) link, a name on one line of sane length.
    for name, check in checks.items():
        value = getattr(command, name)
        if isinstance(value, str) and value.strip():
            try:
                object.__setattr__(command, name, check(value))
            except FieldError as exc:
                raise InvalidInput(str(exc), where=name.replace("_", " ")) from None


_APPLICATION_CHECKS: Final[Mapping[str, Callable[[str], str]]] = {
    "company": partial(person_name, what="company name"),
    "role": partial(person_name, what="role"),
    "job_url": web_address,
    # Shown in lists and drafts' context: one line of sane length, like a name.
    "location": partial(person_name, what="location"),
    "salary": partial(person_name, what="salary"),
    "description": long_text,
}


def _tracker_fields(command: NewApplication | ApplicationChanges) -> None:
    """The fields trackers keep: tags made a tuple of clean tags, the excitement a number from 1 to 5,
    and an empty location, salary or description stored as none at all."""
    tags = command.tags
    if tags is not UNCHANGED:
        try:
            object.__setattr__(command, "tags", tag_list(tags or ()))
        except FieldError as exc:
            raise InvalidInput(str(exc), where="tags") from None
    level = command.excitement
    if isinstance(level, str) and not level.strip():
        object.__setattr__(command, "excitement", None)
    elif level is not UNCHANGED and level is not None:
        try:
            object.__setattr__(command, "excitement", excitement_level(level))
        except FieldError as exc:
            raise InvalidInput(str(exc), where="excitement") from None
    for name in ("location", "salary", "description"):
        value = getattr(command, name)
        if isinstance(value, str) and not value.strip():
            object.__setattr__(command, name, None)


def _greeting_fields(command: NewContact | ContactChanges) -> None:
    """An empty title or language (a form's blank choice) is none at all; a language is one of the
    greetings drafts know, named by its code ("de") as every door hands it over."""
    if isinstance(command.honorific, str) and not command.honorific.strip():
        object.__setattr__(command, "honorific", None)
    language = command.language
    if isinstance(language, str) and not language.strip():
        object.__setattr__(command, "language", None)
    elif isinstance(language, str) and not isinstance(language, Language):
        try:
            object.__setattr__(command, "language", Language(language.strip().casefold()))
        except ValueError:
            known = ", ".join(member.value for member in Language)
            raise InvalidInput(f"drafts greet in {known}, not {language!r}", where="language") from None


_CONTACT_CHECKS: Final[Mapping[str, Callable[[str], str]]] = {
    "name": person_name,
    "title": partial(person_name, what="job title"),
    "honorific": partial(person_name, what="title"),
    "organisation": partial(person_name, what="organisation"),
    "email": email_address,
    "phone": phone_number,
}


def _given(command: DataclassInstance) -> dict[str, Any]:
    """The fields a command sets, by name: all of a `New...`, the changed ones of a `...Changes`."""
    return {f.name: value for f in fields(command) if (value := getattr(command, f.name)) is not UNCHANGED}


@dataclass(frozen=True, kw_only=True)
class NewApplication:
    company: str
    role: str
    job_url: str | None = None
    source: Source = Source.DIRECT
    recruiter_id: int | None = None
    company_style: CompanyStyle = CompanyStyle.UNKNOWN
    status: ApplicationStatus = ApplicationStatus.ACTIVE
    applied_on: date | None = None
    # Left empty, a closed status is dated now.
    closed_at: datetime | None = None
    notes: str | None = None
    location: str | None = None
    salary: str | None = None
    excitement: int | None = None
    # A list, or the text the user typed ("remote, fintech"); kept as a tuple of clean tags.
    tags: Sequence[str] | str = ()
    description: str | None = None

    def __post_init__(self) -> None:
        _members(self, {"source": Source, "company_style": CompanyStyle, "status": ApplicationStatus})
        _tracker_fields(self)
        _checked(self, _APPLICATION_CHECKS)


@dataclass(frozen=True, kw_only=True)
class ApplicationChanges:
    company: str | Unchanged = UNCHANGED
    role: str | Unchanged = UNCHANGED
    job_url: str | Unchanged | None = UNCHANGED
    source: Source | Unchanged = UNCHANGED
    recruiter_id: int | Unchanged | None = UNCHANGED
    company_style: CompanyStyle | Unchanged = UNCHANGED
    status: ApplicationStatus | Unchanged = UNCHANGED
    applied_on: date | Unchanged | None = UNCHANGED
    closed_at: datetime | Unchanged | None = UNCHANGED
    notes: str | Unchanged | None = UNCHANGED
    location: str | Unchanged | None = UNCHANGED
    salary: str | Unchanged | None = UNCHANGED
    excitement: int | Unchanged | None = UNCHANGED
    # Replaces the tags; () removes them all.
    tags: Sequence[str] | str | Unchanged = UNCHANGED
    description: str | Unchanged | None = UNCHANGED

    def __post_init__(self) -> None:
        _members(self, {"source": Source, "company_style": CompanyStyle, "status": ApplicationStatus})
        _tracker_fields(self)
        _checked(self, _APPLICATION_CHECKS)


@dataclass(frozen=True, kw_only=True)
class NewContact:
    name: str
    role: ContactRole
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None
    preferred_channel: PreferredChannel = PreferredChannel.UNKNOWN
    organisation: str | None = None
    notes: str | None = None
    # How the user addresses them ("Dr", "Frau"); `title` is their job title.
    honorific: str | None = None
    salutation: Salutation = Salutation.DEFAULT
    # None (or "" from a form): the draft's own language.
    language: Language | None = None

    def __post_init__(self) -> None:
        _members(self, {"role": ContactRole, "preferred_channel": PreferredChannel, "salutation": Salutation})
        _greeting_fields(self)
        _checked(self, _CONTACT_CHECKS)


@dataclass(frozen=True, kw_only=True)
class ContactChanges:
    name: str | Unchanged = UNCHANGED
    role: ContactRole | Unchanged = UNCHANGED
    title: str | Unchanged | None = UNCHANGED
    email: str | Unchanged | None = UNCHANGED
    phone: str | Unchanged | None = UNCHANGED
    postal_address: str | Unchanged | None = UNCHANGED
    preferred_channel: PreferredChannel | Unchanged = UNCHANGED
    organisation: str | Unchanged | None = UNCHANGED
    notes: str | Unchanged | None = UNCHANGED
    honorific: str | Unchanged | None = UNCHANGED
    salutation: Salutation | Unchanged = UNCHANGED
    language: Language | Unchanged | None = UNCHANGED

    def __post_init__(self) -> None:
        _members(self, {"role": ContactRole, "preferred_channel": PreferredChannel, "salutation": Salutation})
        _greeting_fields(self)
        _checked(self, _CONTACT_CHECKS)


@dataclass(frozen=True, kw_only=True)
class NewInterview:
    starts_at: datetime
    # Contact ids of the interviewers.
    participants: Sequence[int] = ()
    kind: InterviewKind = InterviewKind.OTHER
    # Left empty: the user's time zone, the usual length from the settings, the next round.
    timezone: str | None = None
    duration_minutes: int | None = None
    round: int | None = None
    # What the user learned in it, when recorded afterwards.
    next_steps: str | None = None
    timeline_text: str | None = None
    decision_date: date | None = None
    main_points: str | None = None
    forgot_to_mention: str | None = None
    to_clarify: str | None = None

    def __post_init__(self) -> None:
        _members(self, {"kind": InterviewKind})


@dataclass(frozen=True, kw_only=True)
class InterviewChanges:
    starts_at: datetime | Unchanged = UNCHANGED
    timezone: str | Unchanged = UNCHANGED
    duration_minutes: int | Unchanged = UNCHANGED
    kind: InterviewKind | Unchanged = UNCHANGED
    round: int | Unchanged = UNCHANGED
    # Replaces who was in it.
    participants: Sequence[int] | Unchanged = UNCHANGED
    # What the user learned in it.
    next_steps: str | Unchanged | None = UNCHANGED
    timeline_text: str | Unchanged | None = UNCHANGED
    decision_date: date | Unchanged | None = UNCHANGED
    main_points: str | Unchanged | None = UNCHANGED
    forgot_to_mention: str | Unchanged | None = UNCHANGED
    to_clarify: str | Unchanged | None = UNCHANGED

    def __post_init__(self) -> None:
        _members(self, {"kind": InterviewKind})


@dataclass(frozen=True, kw_only=True)
class NewTouchpoint:
    direction: Direction
    channel: Channel
    # Left empty: a reply when received, "other" when sent; it happened now.
    kind: TouchpointKind | None = None
    occurred_at: datetime | None = None
    contact_id: int | None = None
    outcome: Outcome | None = None
    subject: str | None = None
    message_id: str | None = None
    promised_date: date | None = None
    notes: str | None = None
    # The follow-up this message carried out, when it was one.
    action_id: str | None = None

    def __post_init__(self) -> None:
        _members(self, {"direction": Direction, "channel": Channel, "kind": TouchpointKind, "outcome": Outcome})


@dataclass(frozen=True, kw_only=True)
class TouchpointChanges:
    contact_id: int | Unchanged | None = UNCHANGED
    direction: Direction | Unchanged = UNCHANGED
    channel: Channel | Unchanged = UNCHANGED
    kind: TouchpointKind | Unchanged = UNCHANGED
    outcome: Outcome | Unchanged | None = UNCHANGED
    occurred_at: datetime | Unchanged = UNCHANGED
    subject: str | Unchanged | None = UNCHANGED
    message_id: str | Unchanged | None = UNCHANGED
    promised_date: date | Unchanged | None = UNCHANGED
    notes: str | Unchanged | None = UNCHANGED

    def __post_init__(self) -> None:
        _members(self, {"direction": Direction, "channel": Channel, "kind": TouchpointKind, "outcome": Outcome})


# -- finding things by what the user typed --------------------------------------------------


def resolve_application(env: Env, ref: str | int) -> Application:
    """An application by id, or by a unique part of its company or role."""
    text = str(ref).strip()
    if text.isdecimal():  # not isdigit: int() refuses "²"
        return records.get_application(env.store, int(text))
    # By name only: a word in another application's description does not make this one ambiguous.
    matches = records.list_applications(env.store, search=text, searched=records.APPLICATION_NAMED)
    if not matches:
        raise NotFound(f"no application matches {text!r}", hint="List them with `followup app list`.")
    active = [a for a in matches if a.status is ApplicationStatus.ACTIVE]
    if len(matches) > 1 and len(active) == 1:
        return active[0]
    if len(matches) > 1:
        listed = "; ".join(f"{a.id}: {a.role} at {a.company}" for a in matches[:5])
        raise Ambiguous(f"{text!r} matches {len(matches)} applications ({listed})", hint="Use the id.")
    return matches[0]


def resolve_contact(env: Env, ref: str | int, application_id: int | None = None) -> Contact:
    text = str(ref).strip()
    if text.isdecimal():  # not isdigit: int() refuses "²"
        return records.get_contact(env.store, int(text))
    matches = records.list_contacts(env.store, application_id=application_id, search=text)
    exact = [c for c in matches if c.name.casefold() == text.casefold()]
    matches = exact or matches
    if not matches:
        raise NotFound(f"no contact matches {text!r}", hint="Add one with `followup contact add NAME`.")
    if len(matches) > 1:
        listed = "; ".join(f"{c.id}: {c.name}" for c in matches[:5])
        raise Ambiguous(f"{text!r} matches {len(matches)} contacts ({listed})", hint="Use the id.")
    return matches[0]


# -- applications ---------------------------------------------------------------------------


def add_application(env: Env, new: NewApplication) -> Application:
    company, role = new.company.strip(), new.role.strip()
    if not company:
        raise InvalidInput("the company name is empty", hint="Give the company's name, e.g. 'ACME Corp'.")
    if not role:
        raise InvalidInput("the role is empty", hint="Give the job title, e.g. 'Data Analyst'.")
    now = env.now()
    values = _given(new) | {"company": company, "role": role}
    if new.status not in _NOT_CLOSED and new.closed_at is None:
        values["closed_at"] = now
    with transaction(env.conn):
        app_id = records.add_application(env.store, now, **values)
        if new.recruiter_id:
            records.link_contact(env.store, app_id, new.recruiter_id)
        refresh(env, [app_id])
    return records.get_application(env.store, app_id)


# The statuses without a closing time: not applied yet, and open.
_NOT_CLOSED = (ApplicationStatus.WISHLIST, ApplicationStatus.ACTIVE)


def edit_application(env: Env, app_id: int, changes: ApplicationChanges) -> Application:
    before = records.get_application(env.store, app_id)
    values = _given(changes)
    if changes.status in _NOT_CLOSED:
        values["closed_at"] = None
    elif changes.status is not UNCHANGED and before.status in _NOT_CLOSED and "closed_at" not in values:
        values["closed_at"] = env.now()
    if changes.status is ApplicationStatus.WISHLIST and before.status is not ApplicationStatus.WISHLIST:
        _refuse_wishlist_once_under_way(env, before)
        # Not applied after all: the day it was dated goes too, unless the change gives one.
        values.setdefault("applied_on", None)
    elif changes.status is ApplicationStatus.ACTIVE and before.status is ApplicationStatus.WISHLIST:
        _dated_when_applied(env, before, values)
    for name in ("company", "role"):
        if name in values and not str(values[name]).strip():
            raise InvalidInput(f"the {name} cannot be empty")
    with transaction(env.conn):
        records.update_application(env.store, app_id, env.now(), **values)
        if values.get("recruiter_id"):
            records.link_contact(env.store, app_id, values["recruiter_id"])
        refresh(env, [app_id])
    return records.get_application(env.store, app_id)


def _refuse_wishlist_once_under_way(env: Env, app: Application) -> None:
    # The board's rule, for every door: the wishlist is for jobs not applied to yet.
    interviews = records.interviews_of(env.store, app.id)
    touchpoints = records.touchpoints_of(env.store, app.id)
    planned = plan_move(app, interviews, touchpoints, env.now(), Stage.WISHLIST)
    if planned.kind is MoveKind.REFUSE:
        raise InvalidInput(planned.message)


def _dated_when_applied(env: Env, app: Application, values: dict[str, Any]) -> None:
    """Leaving the wishlist: the user applied today, unless they said when (or it was known)."""
    if app.applied_on is None and values.get("applied_on") is None:
        values["applied_on"] = env.now().date()


def under_way(env: Env, app: Application, when: datetime) -> None:
    """An interview or a message on a wishlist application: it is under way, and gets its follow-ups.

    Runs inside the caller's transaction; the applied day is the day it happened, when not known."""
    if app.status is ApplicationStatus.WISHLIST:
        values: dict[str, Any] = {"status": ApplicationStatus.ACTIVE}
        if app.applied_on is None:
            values["applied_on"] = min(when.astimezone(env.tz).date(), env.now().date())
        records.update_application(env.store, app.id, env.now(), **values)


def delete_application(env: Env, app_id: int) -> None:
    with transaction(env.conn):
        records.delete_application(env.store, app_id)


# -- contacts -------------------------------------------------------------------------------


def add_contact(env: Env, new: NewContact, application_id: int | None = None) -> Contact:
    if not new.name.strip():
        raise InvalidInput("the contact's name is empty", hint="Give their full name, as they spell it.")
    with transaction(env.conn):
        contact_id = records.add_contact(env.store, env.now(), **(_given(new) | {"name": new.name.strip()}))
        if application_id is not None:
            records.get_application(env.store, application_id)
            records.link_contact(env.store, application_id, contact_id)
            refresh(env, [application_id])
    return records.get_contact(env.store, contact_id)


def edit_contact(env: Env, contact_id: int, changes: ContactChanges) -> Contact:
    if changes.name is not UNCHANGED and not changes.name.strip():
        raise InvalidInput("the contact's name cannot be empty")
    with transaction(env.conn):
        records.update_contact(env.store, contact_id, **_given(changes))
        refresh(env, records.applications_of_contact(env.store, contact_id))
    return records.get_contact(env.store, contact_id)


def link_contact(env: Env, app_id: int, contact_id: int) -> None:
    with transaction(env.conn):
        records.link_contact(env.store, app_id, contact_id)
        refresh(env, [app_id])


# -- interviews -----------------------------------------------------------------------------


def add_interview(env: Env, app_id: int, new: NewInterview) -> Interview:
    app = records.get_application(env.store, app_id)
    if new.starts_at.tzinfo is None:
        raise InvalidInput("the interview time has no time zone")
    values = _given(new)
    del values["participants"]  # a table of its own, not a column
    if new.timezone is None:
        values["timezone"] = env.settings.timezone
    if new.duration_minutes is None:
        values["duration_minutes"] = env.settings.timings.interview_minutes
    if new.round is None:
        values["round"] = len(records.interviews_of(env.store, app_id)) + 1
    with transaction(env.conn):
        interview_id = records.add_interview(env.store, app.id, env.now(), new.participants, **values)
        under_way(env, app, new.starts_at)
        refresh(env, [app_id])
    return records.get_interview(env.store, interview_id)


def edit_interview(env: Env, interview_id: int, changes: InterviewChanges) -> Interview:
    interview = records.get_interview(env.store, interview_id)
    values = _given(changes)
    values.pop("participants", None)  # a table of its own, not a column
    with transaction(env.conn):
        records.update_interview(env.store, interview_id, **values)
        if changes.participants is not UNCHANGED:
            records.set_participants(env.store, interview_id, interview.application_id, changes.participants)
        refresh(env, [interview.application_id])
    return records.get_interview(env.store, interview_id)


def latest_interview(env: Env, app_id: int) -> Interview | None:
    interviews = records.interviews_of(env.store, app_id)
    return interviews[-1] if interviews else None


# -- touchpoints and references -------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    touchpoint: Touchpoint
    consequences: list[str] = field(default_factory=list)


def log_touchpoint(env: Env, app_id: int, new: NewTouchpoint) -> Logged:
    """Record a message, letter, call or voicemail; replies that settle the matter close it."""
    app = records.get_application(env.store, app_id)
    kind = new.kind
    if kind is None:
        kind = TouchpointKind.REPLY if new.direction is Direction.RECEIVED else TouchpointKind.OTHER
    occurred_at = new.occurred_at or env.now()
    consequences = []
    with transaction(env.conn):
        if new.contact_id is not None:
            records.link_contact(env.store, app_id, new.contact_id)
        values = _given(new) | {"application_id": app_id, "kind": kind, "occurred_at": occurred_at}
        tp_id = records.add_touchpoint(env.store, env.now(), **values)
        under_way(env, app, occurred_at)
        outcome = new.outcome
        if new.direction is Direction.RECEIVED and outcome in FINAL_STATUSES and app.status in _NOT_CLOSED:
            assert outcome is not None
            status = FINAL_STATUSES[outcome]
            records.update_application(env.store, app_id, env.now(), status=status, closed_at=occurred_at)
            consequences.append(f"The application is now marked {status.label}.")
        if new.promised_date:
            consequences.append(f"The next follow-up now waits until after {short_day(new.promised_date)}.")
        refresh(env, [app_id])
    touchpoint = next(t for t in records.touchpoints_of(env.store, app_id) if t.id == tp_id)
    return Logged(touchpoint, consequences)


def delete_touchpoint(env: Env, touchpoint_id: int) -> None:
    with transaction(env.conn):
        app_id = records.delete_touchpoint(env.store, touchpoint_id)
        refresh(env, [app_id])


def add_reference(env: Env, app_id: int, contact_id: int, interview_id: int | None = None) -> None:
    records.get_application(env.store, app_id)
    named_at = env.now()
    if interview_id is not None:
        named_at = records.get_interview(env.store, interview_id).ends_at
    with transaction(env.conn):
        records.add_reference(env.store, app_id, contact_id, named_at, interview_id)
        refresh(env, [app_id])


# -- one application in full ----------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationView:
    state: ApplicationState
    upcoming: list[AgendaItem]


def show(env: Env, app_id: int) -> ApplicationView:
    ensure_fresh(env)
    state = action_store.load_state(env.store, app_id)
    rows = action_store.pending_of(env.store, app_id, env.now())
    return ApplicationView(state, [agenda.item_from_row(env, r) for r in rows])


def contact_by_name_or_new(
    env: Env, name: str, email: str | None, role: ContactRole, application_id: int | None = None
) -> Contact:
    """The contact the user means by name (and email), creating them when new."""
    if name.strip().isdecimal():
        return records.get_contact(env.store, int(name))
    for person in records.list_contacts(env.store, search=email or name.strip()):
        if (email and person.email and person.email.lower() == email.lower()) or (
            person.name.casefold() == name.strip().casefold()
        ):
            if email and not person.email:
                return edit_contact(env, person.id, ContactChanges(email=email))
            if application_id is not None:
                link_contact(env, application_id, person.id)
            return person
    return add_contact(env, NewContact(name=name, role=role, email=email), application_id=application_id)


@dataclass
class Capture:
    """What the user learned in an interview, gathered by the CLI or the web form."""

    # (name, email, preferred channel) of interviewers not recorded before
    new_people: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    # What the user corrected about those who were there already, by contact id, and what
    # they learned in the interview; both gathered field by field as the user answers.
    contact_changes: dict[int, ContactChanges] = field(default_factory=dict)
    interview_changes: InterviewChanges = field(default_factory=InterviewChanges)
    references: list[tuple[str, str | None]] = field(default_factory=list)


def capture_interview(env: Env, interview_id: int, capture: Capture) -> Interview:
    """Store a whole capture at once: it is all kept, or (on any error) none of it."""
    interview = records.get_interview(env.store, interview_id)
    app_id = interview.application_id
    with transaction(env.conn):
        participants = list(interview.participant_ids)
        for name, email, channel in capture.new_people:
            person = contact_by_name_or_new(env, name, email, ContactRole.INTERVIEWER, app_id)
            if channel:
                records.update_contact(env.store, person.id, preferred_channel=channel)
            participants.append(person.id)
        records.set_participants(env.store, interview_id, app_id, participants)
        for contact_id, changes in capture.contact_changes.items():
            if given := _given(changes):
                records.update_contact(env.store, contact_id, **given)
        if given := _given(capture.interview_changes):
            records.update_interview(env.store, interview_id, **given)
        for name, email in capture.references:
            person = contact_by_name_or_new(env, name, email, ContactRole.REFERENCE, app_id)
            records.add_reference(env.store, app_id, person.id, interview.ends_at, interview_id)
        refresh(env, [app_id])
    return records.get_interview(env.store, interview_id)


def edit_touchpoint(env: Env, touchpoint_id: int, changes: TouchpointChanges) -> Touchpoint:
    """Correct a touchpoint; correcting a reply to a rejection or an offer settles it, as logging it would."""
    app_id = records.touchpoint_application(env.store, touchpoint_id)
    with transaction(env.conn):
        records.update_touchpoint(env.store, touchpoint_id, **_given(changes))
        touchpoint = next(t for t in records.touchpoints_of(env.store, app_id) if t.id == touchpoint_id)
        app = records.get_application(env.store, app_id)
        settled = touchpoint.direction is Direction.RECEIVED and touchpoint.outcome in FINAL_STATUSES
        if settled and app.status.is_open and touchpoint.outcome is not None:
            status = FINAL_STATUSES[touchpoint.outcome]
            records.update_application(env.store, app_id, env.now(), status=status, closed_at=touchpoint.occurred_at)
        refresh(env, [app_id])
    return touchpoint


def delete_interview(env: Env, interview_id: int) -> None:
    interview = records.get_interview(env.store, interview_id)
    with transaction(env.conn):
        records.delete_interview(env.store, interview_id)
        refresh(env, [interview.application_id])
