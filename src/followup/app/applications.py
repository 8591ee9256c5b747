"""Use cases: each one validates, writes in one transaction, and refreshes the agenda.

The CLI and the web app call these and nothing below them. After every write
the affected applications' pending actions are recomputed inside the same
transaction, so the agenda can never disagree with the facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followup.app import agenda
from followup.app.agenda import AgendaItem as AgendaItem
from followup.app.context import Env
from followup.app.plan import ensure_fresh, refresh
from followup.domain.labels import short_day
from followup.domain.model import (
    Application,
    ApplicationState,
    ApplicationStatus,
    Channel,
    Contact,
    ContactRole,
    Direction,
    Interview,
    Outcome,
    Touchpoint,
    TouchpointKind,
)
from followup.errors import Ambiguous, InvalidInput, NotFound
from followup.store import actions as action_store
from followup.store import records
from followup.store.db import transaction

FINAL_STATUSES = {
    Outcome.REJECTION: ApplicationStatus.REJECTED,
    Outcome.OFFER: ApplicationStatus.OFFER,
}


# -- finding things by what the user typed --------------------------------------------------


def resolve_application(env: Env, ref: str | int) -> Application:
    """An application by id, or by a unique part of its company or role."""
    text = str(ref).strip()
    if text.isdigit():
        return records.get_application(env.store, int(text))
    matches = records.list_applications(env.store, search=text)
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
    if text.isdigit():
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


def add_application(env: Env, company: str, role: str, **values: Any) -> Application:
    company, role = company.strip(), role.strip()
    if not company:
        raise InvalidInput("the company name is empty", hint="Give the company's name, e.g. 'ACME Corp'.")
    if not role:
        raise InvalidInput("the role is empty", hint="Give the job title, e.g. 'Data Analyst'.")
    now = env.now()
    status = ApplicationStatus(values.get("status", ApplicationStatus.ACTIVE))
    if status is not ApplicationStatus.ACTIVE and "closed_at" not in values:
        values["closed_at"] = now
    with transaction(env.conn):
        app_id = records.add_application(env.store, now, company=company, role=role, **values)
        if values.get("recruiter_id"):
            records.link_contact(env.store, app_id, values["recruiter_id"])
        refresh(env, [app_id])
    return records.get_application(env.store, app_id)


def edit_application(env: Env, app_id: int, **changes: Any) -> Application:
    before = records.get_application(env.store, app_id)
    if "status" in changes:
        status = ApplicationStatus(changes["status"])
        if status is ApplicationStatus.ACTIVE:
            changes["closed_at"] = None
        elif before.status is ApplicationStatus.ACTIVE and "closed_at" not in changes:
            changes["closed_at"] = env.now()
    for name in ("company", "role"):
        if name in changes and not str(changes[name]).strip():
            raise InvalidInput(f"the {name} cannot be empty")
    with transaction(env.conn):
        records.update_application(env.store, app_id, env.now(), **changes)
        if changes.get("recruiter_id"):
            records.link_contact(env.store, app_id, changes["recruiter_id"])
        refresh(env, [app_id])
    return records.get_application(env.store, app_id)


def delete_application(env: Env, app_id: int) -> None:
    with transaction(env.conn):
        records.delete_application(env.store, app_id)


# -- contacts -------------------------------------------------------------------------------


def add_contact(env: Env, name: str, role: ContactRole, application_id: int | None = None, **values: Any) -> Contact:
    if not name.strip():
        raise InvalidInput("the contact's name is empty", hint="Give their full name, as they spell it.")
    with transaction(env.conn):
        contact_id = records.add_contact(env.store, env.now(), name=name.strip(), role=role, **values)
        if application_id is not None:
            records.get_application(env.store, application_id)
            records.link_contact(env.store, application_id, contact_id)
            refresh(env, [application_id])
    return records.get_contact(env.store, contact_id)


def edit_contact(env: Env, contact_id: int, **changes: Any) -> Contact:
    if "name" in changes and not str(changes["name"]).strip():
        raise InvalidInput("the contact's name cannot be empty")
    with transaction(env.conn):
        records.update_contact(env.store, contact_id, **changes)
        refresh(env, records.applications_of_contact(env.store, contact_id))
    return records.get_contact(env.store, contact_id)


def link_contact(env: Env, app_id: int, contact_id: int) -> None:
    with transaction(env.conn):
        records.link_contact(env.store, app_id, contact_id)
        refresh(env, [app_id])


# -- interviews -----------------------------------------------------------------------------


def add_interview(
    env: Env, app_id: int, starts_at: datetime, participants: Sequence[int] = (), **values: Any
) -> Interview:
    app = records.get_application(env.store, app_id)
    if starts_at.tzinfo is None:
        raise InvalidInput("the interview time has no time zone")
    values.setdefault("timezone", env.settings.timezone)
    values.setdefault("duration_minutes", env.settings.timings.interview_minutes)
    if "round" not in values:
        values["round"] = len(records.interviews_of(env.store, app_id)) + 1
    with transaction(env.conn):
        interview_id = records.add_interview(env.store, app.id, env.now(), participants, starts_at=starts_at, **values)
        refresh(env, [app_id])
    return records.get_interview(env.store, interview_id)


def edit_interview(env: Env, interview_id: int, participants: Sequence[int] | None = None, **changes: Any) -> Interview:
    interview = records.get_interview(env.store, interview_id)
    with transaction(env.conn):
        records.update_interview(env.store, interview_id, **changes)
        if participants is not None:
            records.set_participants(env.store, interview_id, interview.application_id, participants)
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


def log_touchpoint(
    env: Env,
    app_id: int,
    direction: Direction,
    channel: Channel,
    *,
    kind: TouchpointKind | None = None,
    occurred_at: datetime | None = None,
    **values: Any,
) -> Logged:
    """Record a message, letter, call or voicemail; replies that settle the matter close it."""
    app = records.get_application(env.store, app_id)
    outcome = values.get("outcome")
    if kind is None:
        kind = TouchpointKind.REPLY if direction is Direction.RECEIVED else TouchpointKind.OTHER
    occurred_at = occurred_at or env.now()
    consequences = []
    with transaction(env.conn):
        if values.get("contact_id") is not None:
            records.link_contact(env.store, app_id, values["contact_id"])
        tp_id = records.add_touchpoint(
            env.store,
            env.now(),
            application_id=app_id,
            direction=direction,
            channel=channel,
            kind=kind,
            occurred_at=occurred_at,
            **values,
        )
        if direction is Direction.RECEIVED and outcome in FINAL_STATUSES and app.status.is_open:
            status = FINAL_STATUSES[outcome]
            records.update_application(env.store, app_id, env.now(), status=status, closed_at=occurred_at)
            consequences.append(f"The application is now marked {status.label}.")
        if values.get("promised_date"):
            consequences.append(f"The next follow-up now waits until after {short_day(values['promised_date'])}.")
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
    if name.strip().isdigit():
        return records.get_contact(env.store, int(name))
    for person in records.list_contacts(env.store, search=email or name.strip()):
        if (email and person.email and person.email.lower() == email.lower()) or (
            person.name.casefold() == name.strip().casefold()
        ):
            if email and not person.email:
                return edit_contact(env, person.id, email=email)
            if application_id is not None:
                link_contact(env, application_id, person.id)
            return person
    return add_contact(env, name, role, application_id=application_id, email=email)


@dataclass
class Capture:
    """What the user learned in an interview, gathered by the CLI or the web form."""

    # (name, email, preferred channel) of interviewers not recorded before
    new_people: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    contact_changes: dict[int, dict[str, Any]] = field(default_factory=dict)
    interview_changes: dict[str, Any] = field(default_factory=dict)
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
            if changes:
                records.update_contact(env.store, contact_id, **changes)
        if capture.interview_changes:
            records.update_interview(env.store, interview_id, **capture.interview_changes)
        for name, email in capture.references:
            person = contact_by_name_or_new(env, name, email, ContactRole.REFERENCE, app_id)
            records.add_reference(env.store, app_id, person.id, interview.ends_at, interview_id)
        refresh(env, [app_id])
    return records.get_interview(env.store, interview_id)


def edit_touchpoint(env: Env, touchpoint_id: int, **changes: Any) -> Touchpoint:
    """Correct a touchpoint; correcting a reply to a rejection or an offer settles it, as logging it would."""
    app_id = records.touchpoint_application(env.store, touchpoint_id)
    with transaction(env.conn):
        records.update_touchpoint(env.store, touchpoint_id, **changes)
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
