"""Builders for playbook tests: one application's facts in a few readable lines.

Wall-clock times are written as text ("2026-06-01 10:00") and read in a given
zone, Europe/Berlin unless told otherwise. Contacts come complete (email,
phone, postal address) so that a test only spells out what it is about.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from followup.domain.calendar import BusinessCalendar
from followup.domain.model import (
    Action,
    ActionKind,
    Application,
    ApplicationState,
    ApplicationStatus,
    Channel,
    CompanyStyle,
    Contact,
    ContactRole,
    Decision,
    DecisionState,
    Direction,
    Interview,
    InterviewKind,
    Outcome,
    PreferredChannel,
    ReferenceNamed,
    Source,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.playbook import plan
from followup.domain.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
APP_ID = 1

# Germany's nationwide public holidays around the dates the tests use.
DE_HOLIDAYS = frozenset(
    {
        date(2026, 1, 1),  # New Year
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),  # Labour Day
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 25),  # Whit Monday
        date(2026, 10, 3),  # German Unity Day (a Saturday in 2026)
        date(2026, 12, 25),  # Christmas Day
        date(2026, 12, 26),  # Second day of Christmas
        date(2027, 1, 1),  # New Year
    }
)

SETTINGS = Settings(timezone="Europe/Berlin", country="DE")
US_SETTINGS = Settings(timezone="America/New_York", country="US")


# -- time ------------------------------------------------------------------------------


def at(text: str, tz: ZoneInfo = BERLIN, *, fold: int = 0) -> datetime:
    """`text` ("2026-06-01 10:00") as a wall-clock time in `tz`; `fold=1` picks the later of two."""
    return datetime.fromisoformat(text).replace(tzinfo=tz, fold=fold)


def day(text: str) -> date:
    return date.fromisoformat(text)


def _moment(value: str | datetime, tz: ZoneInfo) -> datetime:
    return at(value, tz) if isinstance(value, str) else value


def calendar(holiday_set: Container[date] = DE_HOLIDAYS, tz: ZoneInfo = BERLIN) -> BusinessCalendar:
    """A user in Berlin with an explicit list of public holidays."""
    return BusinessCalendar(timezone=tz, holidays=holiday_set)


@cache
def _country_holidays(country: str) -> Container[date]:
    return holidays.country_holidays(country)


def real_calendar(country: str, tz: ZoneInfo) -> BusinessCalendar:
    """A user whose business days follow the real public holidays of `country`."""
    return BusinessCalendar(timezone=tz, holidays=_country_holidays(country))


def us_calendar() -> BusinessCalendar:
    return real_calendar("US", NEW_YORK)


def de_calendar() -> BusinessCalendar:
    return real_calendar("DE", BERLIN)


# -- people ----------------------------------------------------------------------------


def interviewer(
    cid: int,
    name: str,
    prefers: PreferredChannel = PreferredChannel.EMAIL,
    *,
    role: ContactRole = ContactRole.INTERVIEWER,
    email: str | None = "",
    phone: str | None = "+49 30 5550100",
    postal_address: str | None = "Hauptstrasse 1, 10115 Berlin",
    notes: str | None = None,
) -> Contact:
    """Someone on the employer's side; complete unless a field is passed as None."""
    if email == "":
        email = name.split()[0].lower() + "@example.com"
    return Contact(
        id=cid,
        name=name,
        role=role,
        email=email,
        phone=phone,
        postal_address=postal_address,
        preferred_channel=prefers,
        notes=notes,
    )


def recruiter(cid: int, name: str, prefers: PreferredChannel = PreferredChannel.PHONE) -> Contact:
    return interviewer(cid, name, prefers, role=ContactRole.RECRUITER)


def reference_contact(cid: int, name: str) -> Contact:
    return interviewer(cid, name, role=ContactRole.REFERENCE)


ANNA = interviewer(1, "Anna Schmidt")
BEN = interviewer(2, "Ben Okafor", PreferredChannel.PHONE)
CLARA = interviewer(3, "Clara Weiss", PreferredChannel.LETTER)
ROLF = reference_contact(7, "Rolf Becker")
RITA = recruiter(9, "Rita Mendes")


# -- the application and what happened -------------------------------------------------


def application(
    *,
    company: str = "Acme",
    role: str = "Data Engineer",
    status: ApplicationStatus = ApplicationStatus.ACTIVE,
    source: Source = Source.DIRECT,
    style: CompanyStyle = CompanyStyle.MODERN,
    recruiter_id: int | None = None,
    closed_at: str | datetime | None = None,
    created: str | datetime = "2026-05-01 09:00",
    notes: str | None = None,
    tz: ZoneInfo = BERLIN,
) -> Application:
    return Application(
        id=APP_ID,
        company=company,
        role=role,
        created_at=_moment(created, tz),
        status=status,
        source=source,
        company_style=style,
        recruiter_id=recruiter_id,
        closed_at=_moment(closed_at, tz) if closed_at is not None else None,
        notes=notes,
    )


def via_recruiter(status: ApplicationStatus = ApplicationStatus.ACTIVE, closed_at: str | None = None) -> Application:
    """An application that came through Rita, the recruiter."""
    return application(source=Source.RECRUITER, recruiter_id=RITA.id, status=status, closed_at=closed_at)


def interview(
    start: str | datetime = "2026-06-01 10:00",
    *,
    iid: int = 1,
    tz: ZoneInfo = BERLIN,
    minutes: int = 60,
    people: Iterable[Contact] = (ANNA,),
    decision_date: str | date | None = None,
    next_steps: str | None = "They will let me know",
    kind: InterviewKind = InterviewKind.ONSITE,
    recorded_at: str | datetime | None = None,
    main_points: str | None = None,
) -> Interview:
    """An interview (1 hour by default) whose next steps are known unless `next_steps=None`."""
    return Interview(
        id=iid,
        application_id=APP_ID,
        starts_at=_moment(start, tz),
        timezone=str(tz),
        duration=timedelta(minutes=minutes),
        kind=kind,
        round=iid,
        participant_ids=tuple(p.id for p in people),
        next_steps=next_steps,
        decision_date=day(decision_date) if isinstance(decision_date, str) else decision_date,
        recorded_at=_moment(recorded_at, tz) if recorded_at is not None else None,
        main_points=main_points,
    )


def sent(
    when: str | datetime,
    kind: TouchpointKind,
    *,
    to: Contact | None = None,
    channel: Channel = Channel.EMAIL,
    outcome: Outcome | None = None,
    promised: str | None = None,
    action_id: str | None = None,
    tid: int = 0,
    tz: ZoneInfo = BERLIN,
) -> Touchpoint:
    """Something the job seeker sent or a call they made (`tid=0`: numbered by `state`)."""
    return Touchpoint(
        id=tid,
        application_id=APP_ID,
        direction=Direction.SENT,
        channel=channel,
        occurred_at=_moment(when, tz),
        kind=kind,
        contact_id=to.id if to else None,
        outcome=outcome,
        promised_date=day(promised) if promised else None,
        action_id=action_id,
    )


def called(
    when: str | datetime,
    outcome: Outcome,
    *,
    kind: TouchpointKind = TouchpointKind.FOLLOW_UP_CALL,
    to: Contact | None = ANNA,
    promised: str | None = None,
    tz: ZoneInfo = BERLIN,
) -> Touchpoint:
    return sent(when, kind, to=to, channel=Channel.PHONE, outcome=outcome, promised=promised, tz=tz)


def received(
    when: str | datetime,
    outcome: Outcome | None,
    *,
    sender: Contact | None = ANNA,
    promised: str | None = None,
    tid: int = 0,
    tz: ZoneInfo = BERLIN,
) -> Touchpoint:
    """A reply from the employer (or recruiter), e.g. `received(..., Outcome.STILL_DECIDING)`."""
    return Touchpoint(
        id=tid,
        application_id=APP_ID,
        direction=Direction.RECEIVED,
        channel=Channel.EMAIL,
        occurred_at=_moment(when, tz),
        kind=TouchpointKind.REPLY,
        contact_id=sender.id if sender else None,
        outcome=outcome,
        promised_date=day(promised) if promised else None,
    )


def named_reference(
    person: Contact = ROLF, *, when: str | datetime = "2026-06-01 10:30", interview_id: int | None = 1
) -> ReferenceNamed:
    return ReferenceNamed(contact_id=person.id, named_at=_moment(when, BERLIN), interview_id=interview_id)


def decided(
    action: Action | str, state_: DecisionState, when: str = "2026-06-01 12:00", until: str | None = None
) -> Decision:
    action_id = action if isinstance(action, str) else action.id
    return Decision(action_id=action_id, state=state_, at=at(when), until=at(until) if until is not None else None)


def state(
    *,
    app: Application | None = None,
    contacts: Iterable[Contact] = (),
    interviews: Iterable[Interview] = (),
    touchpoints: Iterable[Touchpoint] = (),
    references: Iterable[ReferenceNamed] = (),
    decisions: Iterable[Decision] = (),
) -> ApplicationState:
    """The facts of one application. Interviewers and references join `contacts` by themselves."""
    interviews = tuple(interviews)
    references = tuple(references)
    people = {c.id: c for c in contacts}
    for person in (ANNA, BEN, CLARA, ROLF, RITA):
        people.setdefault(person.id, person)
    numbered = tuple(replace(t, id=n) if t.id == 0 else t for n, t in enumerate(touchpoints, start=1000))
    return ApplicationState(
        application=app or application(),
        contacts=people,
        interviews=interviews,
        touchpoints=numbered,
        references=references,
        decisions={d.action_id: d for d in decisions},
    )


# -- reading the plan -------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where the user lives: their time zone, business days and settings."""

    tz: ZoneInfo
    cal: BusinessCalendar
    settings: Settings


IN_BERLIN = Place(BERLIN, calendar(), SETTINGS)
IN_NEW_YORK = Place(NEW_YORK, us_calendar(), US_SETTINGS)


def plan_of(facts: ApplicationState, where: Place = IN_BERLIN) -> list[Action]:
    """The plan for a user in Berlin with the German holidays above, unless told otherwise."""
    return plan(facts, where.settings, where.cal)


def show(moment: datetime | None, tz: ZoneInfo = BERLIN) -> str | None:
    """A moment as the user reads it: local date, time and zone abbreviation."""
    return None if moment is None else moment.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def of_kind(actions: Iterable[Action], kind: ActionKind) -> list[Action]:
    return [a for a in actions if a.kind is kind]


def the(actions: Iterable[Action], kind: ActionKind, contact: Contact | None = None) -> Action:
    """The one action of `kind` (for `contact`, if given); fails when there is none or several."""
    found = [a for a in of_kind(actions, kind) if contact is None or a.contact_id == contact.id]
    assert len(found) == 1, f"expected one {kind.value}, got {found}"
    return found[0]


def kinds(actions: Iterable[Action]) -> list[str]:
    return sorted(a.kind.value for a in actions)
