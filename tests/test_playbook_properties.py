"""Invariants of the playbook over random but valid applications.

A user should be able to trust the agenda whatever they entered: the same
facts always give the same actions, nothing is due before the fact that caused
it, and following the agenda step by step never asks for the same thing twice.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.calendar import BusinessCalendar
from followup.domain.model import (
    Action,
    ActionChannel,
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
from followup.domain.playbook import due_actions, plan
from playbook_fixtures import DE_HOLIDAYS, SETTINGS, calendar, de_calendar, us_calendar

PROPERTY = settings(deadline=None, max_examples=150, database=None)

ZONES = [ZoneInfo(name) for name in ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC")]
# Drawn by name, so that a failing example reads "Berlin, real German holidays".
CALENDARS = {
    "Berlin, real German holidays": de_calendar(),
    "New York, real US holidays": us_calendar(),
    "Berlin, listed German holidays": calendar(DE_HOLIDAYS),
    "Tokyo, no holidays": BusinessCalendar(ZoneInfo("Asia/Tokyo")),
}
calendars = st.sampled_from(sorted(CALENDARS))

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
SEVEN_YEARS = 7 * 365 * 24 * 60  # in minutes: interviews fall in 2024–2030
DAY = 24 * 60

POST_INTERVIEW = (ActionKind.RECRUITER_DEBRIEF, ActionKind.THANK_YOU, ActionKind.CAPTURE_DETAILS)
CHASE = (ActionKind.STATUS_CHECK, ActionKind.FOLLOW_UP_CALL, ActionKind.MOVE_ON)
# What an interview entered after it happened must not bring already late.
ENTERED_LATE = (*POST_INTERVIEW, ActionKind.PREPARE, ActionKind.STATUS_CHECK)
NOTES = (TouchpointKind.STATUS_CHECK, TouchpointKind.FOLLOW_UP_CALL)  # what counts as a note about an application
NEEDS_ANSWER = (Outcome.INFO_REQUEST, Outcome.NEXT_ROUND, Outcome.OFFER)
CALL_OUTCOMES = [Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.REACHED, Outcome.EVASIVE, None]
# Replies that keep the chase going come first and more often than those that end it.
REPLIES = [
    Outcome.STILL_DECIDING,
    Outcome.AUTO_REPLY,
    None,
    Outcome.OTHER,
    Outcome.INFO_REQUEST,
    Outcome.REJECTION,
    Outcome.NEXT_ROUND,
    Outcome.OFFER,
]
SENT_KINDS = [
    TouchpointKind.STATUS_CHECK,
    TouchpointKind.FOLLOW_UP_CALL,
    TouchpointKind.THANK_YOU,
    TouchpointKind.RESPONSE,
    TouchpointKind.RECRUITER_DEBRIEF,
    TouchpointKind.REFERENCE_HEADS_UP,
    TouchpointKind.OTHER,
]
NAMES = ["Anna Schmidt", "Ben Okafor", "Clara Weiss"]
RECRUITER_ID = 9
REFERENCE_IDS = (7, 8)


# -- random applications ------------------------------------------------------------------


def minutes(low: int, high: int) -> st.SearchStrategy[timedelta]:
    return st.integers(low, high).map(lambda m: timedelta(minutes=m))


def dst_changes() -> list[datetime]:
    """Midnight UTC of every day on which Berlin or New York changes its clocks, 2024–2030."""
    days = [EPOCH + timedelta(days=n) for n in range(7 * 366)]
    return [
        day
        for zone in (ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"))
        for day in days
        if day.astimezone(zone).utcoffset() != (day + timedelta(days=1)).astimezone(zone).utcoffset()
    ]


# Anywhere in 2024–2030, or within a week of a daylight-saving change, where mistakes hide.
first_interview_starts = st.one_of(
    minutes(0, SEVEN_YEARS).map(lambda m: EPOCH + m),
    st.builds(lambda day, m: day + m, st.sampled_from(dst_changes()), minutes(-7 * DAY, 7 * DAY)),
)


def dates_around(day: date, low: int, high: int) -> st.SearchStrategy[date | None]:
    return st.none() | st.integers(low, high).map(lambda n: day + timedelta(days=n))


@st.composite
def interviewers(draw: st.DrawFn) -> list[Contact]:
    return [
        Contact(
            id=cid,
            name=name,
            role=draw(st.sampled_from([ContactRole.INTERVIEWER, ContactRole.HIRING_MANAGER])),
            email=draw(st.sampled_from([f"{cid}@example.com", None])),
            phone=draw(st.sampled_from(["+1 555 0100", None])),
            postal_address=draw(st.sampled_from(["1 Main Street", None])),
            preferred_channel=draw(st.sampled_from(list(PreferredChannel))),
        )
        for cid, name in enumerate(NAMES[: draw(st.integers(0, 3))], start=1)
    ]


@st.composite
def interviews(draw: st.DrawFn, people: list[Contact]) -> list[Interview]:
    found: list[Interview] = []
    start = draw(first_interview_starts)
    for iid in range(1, draw(st.sampled_from([1, 2, 3, 0])) + 1):
        zone = draw(st.sampled_from(ZONES))
        duration = draw(minutes(30, 180))
        participants = draw(st.lists(st.sampled_from([p.id for p in people]), unique=True)) if people else []
        entered = draw(st.none() | minutes(-14 * DAY, 3 * DAY))  # when the interview was entered
        found.append(
            Interview(
                id=iid,
                application_id=1,
                starts_at=start.astimezone(zone),
                timezone=str(zone),
                duration=duration,
                kind=draw(st.sampled_from(list(InterviewKind))),
                round=iid,
                participant_ids=tuple(participants),
                next_steps=draw(st.sampled_from(["They will call", None])),
                decision_date=draw(dates_around((start + duration).astimezone(zone).date(), -2, 21)),
                recorded_at=None if entered is None else start + entered,
            )
        )
        start += draw(minutes(DAY, 30 * DAY))
    return found


@st.composite
def touchpoints(draw: st.DrawFn, people: list[Contact], rounds: list[Interview], start: datetime) -> list[Touchpoint]:
    # Mostly after the latest interview, where the chase happens; sometimes between rounds.
    ends = [i.ends_at for i in rounds] or [start]
    anchors = st.sampled_from([ends[-1], ends[-1], *ends])
    contact_ids = st.sampled_from([*(p.id for p in people), None, RECRUITER_ID])
    found: list[Touchpoint] = []
    for tid in range(1, draw(st.integers(0, 6)) + 1):
        at = (draw(anchors) + draw(minutes(0, 40 * DAY))).astimezone(draw(st.sampled_from(ZONES)))
        if draw(st.booleans()):
            kind = draw(st.sampled_from(SENT_KINDS))
            calls = kind is TouchpointKind.FOLLOW_UP_CALL or draw(st.booleans())
            channel = draw(st.sampled_from([Channel.PHONE, Channel.VOICEMAIL] if calls else list(Channel)))
            outcome = draw(st.sampled_from(CALL_OUTCOMES)) if channel.is_call else None
            promised = draw(dates_around(at.date(), 0, 20)) if outcome is Outcome.REACHED else None
            direction = Direction.SENT
        else:
            kind, channel, direction = TouchpointKind.REPLY, Channel.EMAIL, Direction.RECEIVED
            outcome = draw(st.sampled_from(REPLIES))
            promised = draw(dates_around(at.date(), -10, 20))  # a promise may already have passed
        found.append(
            Touchpoint(
                id=tid,
                application_id=1,
                direction=direction,
                channel=channel,
                occurred_at=at,
                kind=kind,
                contact_id=draw(contact_ids),
                outcome=outcome,
                promised_date=promised,
            )
        )
    return found


@st.composite
def application_states(draw: st.DrawFn) -> ApplicationState:
    people = draw(interviewers())
    rounds = draw(interviews(people))
    first = rounds[0].starts_at if rounds else draw(first_interview_starts)
    created = first - draw(minutes(0, 60 * DAY))
    events = draw(touchpoints(people, rounds, created))
    # An application nobody has answered yet (no interview, no reply): the case of the application
    # check, drawn on its own too, so that the strategy reaches it whatever the draws around it.
    if draw(st.integers(0, 5)) == 0:
        rounds, events = [], [tp for tp in events if tp.direction is Direction.SENT]
    source = draw(st.sampled_from(list(Source)))
    status = draw(st.sampled_from([ApplicationStatus.ACTIVE, *ApplicationStatus]))
    last = max([created, *(i.ends_at for i in rounds), *(t.occurred_at for t in events)])
    contacts = {p.id: p for p in people}
    contacts[RECRUITER_ID] = Contact(RECRUITER_ID, "Rita Mendes", ContactRole.RECRUITER)
    references = []
    for cid in draw(st.lists(st.sampled_from(REFERENCE_IDS), unique=True, max_size=2)):
        contacts[cid] = Contact(cid, f"Reference {cid}", ContactRole.REFERENCE)
        linked = draw(st.sampled_from([None, *(i.id for i in rounds)]))
        references.append(ReferenceNamed(cid, created + draw(minutes(0, 60 * DAY)), linked))
    app = Application(
        id=1,
        company="Acme",
        role="Analyst",
        created_at=created,
        status=status,
        source=source,
        company_style=draw(st.sampled_from(list(CompanyStyle))),
        recruiter_id=draw(st.sampled_from([RECRUITER_ID, None])) if source is Source.RECRUITER else None,
        closed_at=None if status.is_open else last + draw(minutes(0, 10 * DAY)),
    )
    return ApplicationState(app, contacts, tuple(rounds), tuple(events), tuple(references))


def plan_for(facts: ApplicationState, where: str) -> list[Action]:
    return plan(facts, SETTINGS, CALENDARS[where])


def in_utc(actions: list[Action]) -> list[Action]:
    """The same actions with every time in UTC.

    Python never finds an ambiguous local time (the repeated hour in autumn) equal
    to a time in another zone, even for the same instant, so compare in one zone.
    """

    def utc(moment: datetime | None) -> datetime | None:
        return None if moment is None else moment.astimezone(UTC)

    return [replace(a, due=a.due.astimezone(UTC), deadline=utc(a.deadline), expires=utc(a.expires)) for a in actions]


# -- the invariants, checked on random facts and at every step of a simulated user ------------


def assert_ids_unique(actions: list[Action]) -> None:
    ids = [a.id for a in actions]
    assert len(ids) == len(set(ids)), sorted(ids)


def assert_caused_before_due(facts: ApplicationState, actions: list[Action]) -> None:
    """No action is due before the fact that caused it."""
    by_id = {i.id: i for i in facts.interviews}
    for action in actions:
        interview = by_id.get(action.interview_id) if action.interview_id is not None else None
        if action.kind in POST_INTERVIEW or (action.kind is ActionKind.REFERENCE_HEADS_UP and interview):
            assert interview is not None
            assert action.due >= interview.ends_at, action
        elif action.kind is ActionKind.PREPARE:
            assert interview is not None
            assert interview.recorded_at is None or action.due >= interview.recorded_at, action
        elif action.kind is ActionKind.RESPOND:
            asking = [t for t in facts.touchpoints if t.direction is Direction.RECEIVED and t.outcome in NEEDS_ANSWER]
            assert action.due in {t.occurred_at for t in asking}, action
        elif action.kind is ActionKind.APPLICATION_CHECK or (action.kind is ActionKind.MOVE_ON and interview is None):
            assert_asks_about_the_application_only_when_it_may(facts, action)
        elif action.kind in CHASE:
            assert interview is not None
            assert interview.starts_at == max(i.starts_at for i in facts.interviews), "not the latest round"
            this_round = [t for t in facts.touchpoints if t.occurred_at >= interview.starts_at]
            replies = [
                t.occurred_at
                for t in this_round
                if t.direction is Direction.RECEIVED and t.outcome is not Outcome.AUTO_REPLY
            ]
            assert action.due >= max([interview.ends_at, *replies]), action
            sent = [t for t in this_round if t.direction is Direction.SENT]
            if action.kind is ActionKind.FOLLOW_UP_CALL:
                checks = [t.occurred_at for t in sent if t.kind is TouchpointKind.STATUS_CHECK]
                assert action.due >= min(checks, default=interview.ends_at), action
            if action.kind is ActionKind.MOVE_ON:
                chase_kinds = (TouchpointKind.STATUS_CHECK, TouchpointKind.FOLLOW_UP_CALL)
                calls = [t.occurred_at for t in sent if t.channel.is_call and t.kind in chase_kinds]
                assert action.due >= min(calls, default=interview.ends_at), action


def assert_asks_about_the_application_only_when_it_may(facts: ApplicationState, action: Action) -> None:
    """Before any interview, while open and unanswered, and after the notes already sent."""
    assert facts.interviews == (), action
    assert facts.application.status is ApplicationStatus.ACTIVE, action
    references = {c.id for c in facts.contacts.values() if c.role is ContactRole.REFERENCE}
    replies = [t for t in facts.touchpoints if t.direction is Direction.RECEIVED and t.contact_id not in references]
    assert all(t.outcome is Outcome.AUTO_REPLY for t in replies), action
    notes = [t.occurred_at for t in facts.touchpoints if t.direction is Direction.SENT and t.kind in NOTES]
    assert action.due >= max(notes, default=action.due), action


def assert_times_sane(actions: list[Action]) -> None:
    for action in actions:
        assert action.deadline is None or action.deadline >= action.due, action
        for moment in (action.due, action.deadline, action.expires):
            assert moment is None or moment.utcoffset() is not None, action


def assert_not_late_when_entered(facts: ApplicationState, actions: list[Action]) -> None:
    """An interview entered after it happened (weeks later, by an import) brings nothing that is
    late the moment it is entered, and nothing that had already left the list by then."""
    by_id = {i.id: i for i in facts.interviews}
    for action in actions:
        interview = by_id.get(action.interview_id) if action.interview_id is not None else None
        if action.kind not in ENTERED_LATE or interview is None or interview.recorded_at is None:
            continue
        assert action.deadline is None or action.deadline >= interview.recorded_at, action
        assert action.expires is None or action.expires > interview.recorded_at, action


def assert_closed_asks_little(facts: ApplicationState, actions: list[Action]) -> None:
    if not facts.application.status.is_open:
        assert {a.kind for a in actions} <= {ActionKind.THANK_RECRUITER, ActionKind.RESPOND}


@PROPERTY
@given(application_states(), calendars)
def test_same_facts_same_actions(facts: ApplicationState, where: str) -> None:
    first = plan_for(facts, where)
    assert plan_for(facts, where) == first
    # Nor does the order in which the facts were entered matter.
    reordered = replace(
        facts,
        touchpoints=tuple(reversed(facts.touchpoints)),
        interviews=tuple(reversed(facts.interviews)),
        references=tuple(reversed(facts.references)),
    )
    assert plan_for(reordered, where) == first


@PROPERTY
@given(application_states(), calendars)
def test_the_same_instants_stored_in_utc_give_the_same_actions(facts: ApplicationState, where: str) -> None:
    """The store hands back UTC: the plan may depend only on the instants and the user's zone."""
    stored = replace(
        facts,
        interviews=tuple(replace(i, starts_at=i.starts_at.astimezone(UTC)) for i in facts.interviews),
        touchpoints=tuple(replace(t, occurred_at=t.occurred_at.astimezone(UTC)) for t in facts.touchpoints),
    )
    assert in_utc(plan_for(stored, where)) == in_utc(plan_for(facts, where))


@PROPERTY
@given(application_states(), calendars)
def test_ids_are_unique_within_a_plan(facts: ApplicationState, where: str) -> None:
    assert_ids_unique(plan_for(facts, where))


@PROPERTY
@given(application_states(), calendars)
def test_nothing_is_due_before_the_fact_that_caused_it(facts: ApplicationState, where: str) -> None:
    assert_caused_before_due(facts, plan_for(facts, where))


@PROPERTY
@given(application_states(), calendars, st.lists(st.none() | minutes(0, 40 * DAY), min_size=3, max_size=3))
def test_an_interview_entered_late_brings_nothing_already_late(
    facts: ApplicationState, where: str, late: list[timedelta | None]
) -> None:
    # Some interviews entered after they happened, up to weeks later (as an import does).
    entered = [
        i if after is None else replace(i, recorded_at=i.ends_at + after)
        for i, after in zip(facts.interviews, late, strict=False)
    ]
    facts = replace(facts, interviews=tuple(entered))
    assert_not_late_when_entered(facts, plan_for(facts, where))


@PROPERTY
@given(application_states(), calendars)
def test_deadlines_never_come_before_due_and_all_times_carry_a_zone(facts: ApplicationState, where: str) -> None:
    assert_times_sane(plan_for(facts, where))


@PROPERTY
@given(application_states(), calendars)
def test_a_closed_application_only_asks_to_thank_the_recruiter_or_to_answer(
    facts: ApplicationState, where: str
) -> None:
    assert_closed_asks_little(facts, plan_for(facts, where))


# -- a user who follows the agenda ------------------------------------------------------------------

SENT_AS = {
    ActionKind.RESPOND: TouchpointKind.RESPONSE,
    ActionKind.THANK_YOU: TouchpointKind.THANK_YOU,
    ActionKind.RECRUITER_DEBRIEF: TouchpointKind.RECRUITER_DEBRIEF,
    ActionKind.REFERENCE_HEADS_UP: TouchpointKind.REFERENCE_HEADS_UP,
    ActionKind.STATUS_CHECK: TouchpointKind.STATUS_CHECK,
    ActionKind.FOLLOW_UP_CALL: TouchpointKind.FOLLOW_UP_CALL,
    ActionKind.THANK_RECRUITER: TouchpointKind.THANK_RECRUITER,
    # A note about the application is a status check before any interview.
    ActionKind.APPLICATION_CHECK: TouchpointKind.STATUS_CHECK,
}
CHANNEL_OF = {
    ActionChannel.EMAIL: Channel.EMAIL,
    ActionChannel.LETTER: Channel.LETTER,
    ActionChannel.PHONE: Channel.PHONE,
}
MAX_STEPS = 60


def follow(facts: ApplicationState, action: Action, when: datetime, data: st.DataObject) -> ApplicationState:
    """The facts after the user did (or, one time in five, skipped) `action` at `when`."""
    if data.draw(st.integers(0, 4), label="skip when 0") == 0:
        skipped = Decision(action.id, DecisionState.SKIPPED, when)
        return replace(facts, decisions={**facts.decisions, action.id: skipped})
    if action.kind is ActionKind.MOVE_ON:
        app = replace(facts.application, status=ApplicationStatus.CLOSED_NO_RESPONSE, closed_at=when)
        return replace(facts, application=app)
    if action.kind not in SENT_AS:  # prepare, capture_details: nothing to send, just ticked off
        done = Decision(action.id, DecisionState.DONE, when)
        return replace(facts, decisions={**facts.decisions, action.id: done})
    channel = CHANNEL_OF[action.channel or ActionChannel.EMAIL]
    outcome = data.draw(st.sampled_from(CALL_OUTCOMES), label="call outcome") if channel.is_call else None
    promised = data.draw(dates_around(when.date(), 0, 14), label="promised") if outcome is Outcome.REACHED else None
    message = Touchpoint(
        id=1000 + len(facts.touchpoints),
        application_id=facts.application.id,
        direction=Direction.SENT,
        channel=channel,
        occurred_at=when,
        kind=SENT_AS[action.kind],
        contact_id=action.contact_id,
        outcome=outcome,
        promised_date=promised,
        action_id=action.id,
    )
    return replace(facts, touchpoints=(*facts.touchpoints, message))


def once_key(action: Action) -> tuple[object, ...]:
    """What may be suggested only once: one status check, call and move-on per round, and so on."""
    if action.kind in CHASE:
        return (action.interview_id, action.kind)
    if action.kind in (ActionKind.RESPOND, ActionKind.APPLICATION_CHECK):
        return (action.kind, action.id)  # one per reply; the first and the second note
    return (action.interview_id, action.kind, action.contact_id)


@PROPERTY
@given(application_states(), calendars, st.data())
def test_following_the_agenda_never_asks_for_the_same_thing_twice(
    facts: ApplicationState, where: str, data: st.DataObject
) -> None:
    cal = CALENDARS[where]
    now = EPOCH - timedelta(days=365)
    taken: list[Action] = []
    for _ in range(MAX_STEPS):
        actions = plan_for(facts, where)
        assert_ids_unique(actions)
        assert_caused_before_due(facts, actions)
        assert_times_sane(actions)
        assert_closed_asks_little(facts, actions)
        pending = [a for a in actions if a.expires is None or a.expires > max(now, a.due)]
        if not pending:
            break
        action = min(pending, key=lambda a: (a.due, a.id))
        now = max(now, action.due)
        assert action in due_actions(facts, SETTINGS, cal, now)
        taken.append(action)
        facts = follow(facts, action, now, data)
    else:
        raise AssertionError(f"still suggesting after {MAX_STEPS} steps: {[a.kind.value for a in taken[-10:]]}")
    keys = [once_key(a) for a in taken]
    assert len(keys) == len(set(keys)), [(a.kind.value, a.interview_id, a.contact_id) for a in taken]
    assert len(of_kind(taken, ActionKind.APPLICATION_CHECK)) <= 2, [a.kind.value for a in taken]
    assert len({a.id for a in taken}) == len(taken)


@PROPERTY
@given(application_states(), calendars)
def test_an_application_check_is_never_due_before_the_7th_business_day_after_applying(
    facts: ApplicationState, where: str
) -> None:
    cal = CALENDARS[where]
    app = facts.application
    applied = app.applied_on or cal.local_date(app.created_at)
    floor = cal.at(cal.add_business_days(applied, 7), time(9, 0))
    actions = plan_for(facts, where)
    for action in of_kind(actions, ActionKind.APPLICATION_CHECK):
        assert action.due >= floor, action
        assert action.deadline == cal.add_business_days_at(action.due, 3), action
    assert len(of_kind(actions, ActionKind.APPLICATION_CHECK)) <= 1  # one at a time: the next waits for it


@PROPERTY
@given(application_states(), calendars, st.sampled_from(["interview", "reply", "closed"]))
def test_an_interview_a_reply_or_closing_stops_the_application_check_for_good(
    facts: ApplicationState, where: str, what: str
) -> None:
    app = facts.application
    if what == "interview":
        start = app.created_at + timedelta(days=3)
        facts = replace(facts, interviews=(*facts.interviews, Interview(99, 1, start, "UTC")))
    elif what == "reply":
        reply = Touchpoint(99, 1, Direction.RECEIVED, Channel.EMAIL, app.created_at, outcome=Outcome.OTHER)
        facts = replace(facts, touchpoints=(*facts.touchpoints, reply))
    else:
        closed = replace(app, status=ApplicationStatus.WITHDRAWN, closed_at=app.created_at + timedelta(days=1))
        facts = replace(facts, application=closed)
    actions = plan_for(facts, where)
    assert of_kind(actions, ActionKind.APPLICATION_CHECK) == []
    assert [a for a in of_kind(actions, ActionKind.MOVE_ON) if a.interview_id is None] == []


def of_kind(actions: list[Action], kind: ActionKind) -> list[Action]:
    return [a for a in actions if a.kind is kind]


def test_the_random_applications_are_varied_enough() -> None:
    """A guard for the strategy itself: it reaches the cases the properties are about.

    The later steps of a chase (`follow_up_call`, `move_on`) need several facts in the right
    order: the simulated user above goes through them, checking every invariant at each step.
    """
    seen: set[str] = set()
    changes = dst_changes()

    @settings(max_examples=300, database=None, deadline=None, derandomize=True)
    @given(application_states(), calendars)
    def collect(facts: ApplicationState, where: str) -> None:
        seen.update(i.timezone for i in facts.interviews)
        seen.update(t.direction.value for t in facts.touchpoints)
        seen.update(a.kind.value for a in plan_for(facts, where))
        if any(abs(i.starts_at - c) < timedelta(days=7) for i in facts.interviews for c in changes):
            seen.add("near a DST change")

    collect()
    expected = {"Europe/Berlin", "America/New_York", "sent", "received", "near a DST change"}
    expected |= {k.value for k in ActionKind} - {k.value for k in (ActionKind.KEEP_SEARCHING, *CHASE[1:])}
    assert expected <= seen
