"""The playbook's rules and its default timings table, as a user would see them.

Every timing is checked to the minute as the wall-clock time (with zone
abbreviation) the user reads: Europe/Berlin with the German public holidays
unless a row says IN_NEW_YORK (US holidays from the `holidays` package).
"24 hours later" is elapsed time, "business days later" keeps the wall-clock
time, and 09:00 stays 09:00 local, whatever daylight saving does in between.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import (
    Action,
    ActionChannel,
    ActionKind,
    ApplicationState,
    ApplicationStatus,
    CompanyStyle,
    Contact,
    DecisionState,
    Interview,
    InterviewKind,
    Outcome,
    PreferredChannel,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.playbook import PipelineSummary, keep_searching, keep_searching_id
from playbook_fixtures import (
    ANNA,
    BEN,
    CLARA,
    DE_HOLIDAYS,
    IN_BERLIN,
    IN_NEW_YORK,
    RITA,
    ROLF,
    SETTINGS,
    Place,
    application,
    at,
    called,
    de_calendar,
    decided,
    interview,
    interviewer,
    kinds,
    named_reference,
    of_kind,
    plan_of,
    received,
    sent,
    show,
    state,
    the,
    us_calendar,
    via_recruiter,
)

TRADITIONAL = application(company="Bauer & Söhne", style=CompanyStyle.TRADITIONAL)
CHASE = (ActionKind.STATUS_CHECK, ActionKind.FOLLOW_UP_CALL, ActionKind.MOVE_ON)


def timing(
    facts: ApplicationState, kind: ActionKind, where: Place = IN_BERLIN, contact: Contact | None = None
) -> tuple[str | None, str | None]:
    """When the one action of `kind` appears and when it becomes late, as the user reads it."""
    action = the(plan_of(facts, where), kind, contact)
    return show(action.due, where.tz), show(action.deadline, where.tz)


def with_touchpoints(facts: ApplicationState, *more: Touchpoint) -> ApplicationState:
    return replace(facts, touchpoints=(*facts.touchpoints, *more))


def after_status_check(sc_sent: str, start: str = "2026-06-01 10:00", where: Place = IN_BERLIN) -> ApplicationState:
    """An interview with Anna, then a status-check email she has not answered."""
    return state(
        interviews=[interview(start, tz=where.tz)],
        touchpoints=[sent(sc_sent, TouchpointKind.STATUS_CHECK, to=ANNA, tz=where.tz)],
    )


def after_call(start: str, sc_sent: str, call: str, outcome: Outcome = Outcome.NO_ANSWER) -> ApplicationState:
    """An interview with Anna, an unanswered status-check email, then a follow-up call."""
    return with_touchpoints(after_status_check(sc_sent, start), called(call, outcome))


def replied(when: str, outcome: Outcome, start: str = "2026-06-01 10:00", where: Place = IN_BERLIN) -> ApplicationState:
    """An interview with Anna, then a reply from her."""
    return state(interviews=[interview(start, tz=where.tz)], touchpoints=[received(when, outcome, tz=where.tz)])


def closed(status: ApplicationStatus, when: str) -> ApplicationState:
    """An application through Rita the recruiter that ended at `when`."""
    return state(app=via_recruiter(status=status, closed_at=when), interviews=[interview()])


# -- the timings table, one test per row -------------------------------------------------------
# fmt: off


@pytest.mark.parametrize(("where", "start", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-05-30 10:00 CEST", "2026-06-01 10:00 CEST",
                 id="two calendar days before, a Saturday is fine"),
    pytest.param(IN_BERLIN, "2026-03-30 09:00", "2026-03-28 09:00 CET", "2026-03-30 09:00 CEST",
                 id="same wall-clock time across the Berlin spring change"),
    pytest.param(IN_BERLIN, "2027-01-04 10:00", "2027-01-02 10:00 CET", "2027-01-04 10:00 CET",
                 id="over New Year"),
    pytest.param(IN_NEW_YORK, "2026-11-02 10:00", "2026-10-31 10:00 EDT", "2026-11-02 10:00 EST",
                 id="same wall-clock time across the New York autumn change"),
])
def test_prepare_appears_two_days_before_and_is_late_at_the_start(
    where: Place, start: str, due: str, deadline: str
) -> None:
    facts = state(interviews=[interview(start, tz=where.tz)])
    assert timing(facts, ActionKind.PREPARE, where) == (due, deadline)


@pytest.mark.parametrize(("start", "minutes", "due", "deadline"), [
    pytest.param("2026-06-01 14:00", 60, "2026-06-01 15:00 CEST", "2026-06-01 18:00 CEST",
                 id="at the end of the interview, late 3 hours later"),
    pytest.param("2026-06-01 14:00", 150, "2026-06-01 16:30 CEST", "2026-06-01 19:30 CEST",
                 id="a long interview ends later"),
    pytest.param("2026-10-24 23:30", 60, "2026-10-25 00:30 CEST", "2026-10-25 02:30 CET",
                 id="3 elapsed hours across the Berlin autumn change"),
])
def test_recruiter_debrief_is_due_at_the_end_and_late_3_hours_later(
    start: str, minutes: int, due: str, deadline: str
) -> None:
    facts = state(app=via_recruiter(), interviews=[interview(start, minutes=minutes)])
    assert timing(facts, ActionKind.RECRUITER_DEBRIEF, contact=RITA) == (due, deadline)


@pytest.mark.parametrize(("where", "start", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST",
                 id="at the end of the interview, late 24 hours later"),
    pytest.param(IN_BERLIN, "2026-06-12 17:00", "2026-06-12 18:00 CEST", "2026-06-13 18:00 CEST",
                 id="24 hours run over the weekend"),
    pytest.param(IN_BERLIN, "2026-03-28 15:00", "2026-03-28 16:00 CET", "2026-03-29 17:00 CEST",
                 id="24 elapsed hours across the Berlin spring change"),
    pytest.param(IN_BERLIN, "2026-10-24 15:00", "2026-10-24 16:00 CEST", "2026-10-25 15:00 CET",
                 id="24 elapsed hours across the Berlin autumn change"),
    pytest.param(IN_BERLIN, "2026-03-29 01:30", "2026-03-29 03:30 CEST", "2026-03-30 03:30 CEST",
                 id="an hour-long interview during the spring change ends at 03:30"),
    pytest.param(IN_BERLIN, "2026-12-31 16:00", "2026-12-31 17:00 CET", "2027-01-01 17:00 CET",
                 id="on New Year's Eve, holidays do not matter"),
    pytest.param(IN_NEW_YORK, "2026-03-07 14:00", "2026-03-07 15:00 EST", "2026-03-08 16:00 EDT",
                 id="24 elapsed hours across the New York spring change"),
    pytest.param(IN_NEW_YORK, "2026-10-31 10:00", "2026-10-31 11:00 EDT", "2026-11-01 10:00 EST",
                 id="24 elapsed hours across the New York autumn change"),
])
def test_thank_you_email_is_late_24_hours_after_the_interview(
    where: Place, start: str, due: str, deadline: str
) -> None:
    facts = state(interviews=[interview(start, tz=where.tz)])
    assert timing(facts, ActionKind.THANK_YOU, where, ANNA) == (due, deadline)


@pytest.mark.parametrize(("where", "start", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-01 11:00 CEST", "2026-06-03 11:00 CEST",
                 id="at the end of the interview, late 2 business days later"),
    pytest.param(IN_BERLIN, "2026-04-30 14:00", "2026-04-30 15:00 CEST", "2026-05-05 15:00 CEST",
                 id="month end, then Labour Day"),
    pytest.param(IN_BERLIN, "2026-03-27 16:00", "2026-03-27 17:00 CET", "2026-03-31 17:00 CEST",
                 id="wall-clock time kept across the Berlin spring change"),
    pytest.param(IN_BERLIN, "2026-12-23 10:00", "2026-12-23 11:00 CET", "2026-12-28 11:00 CET",
                 id="over Christmas"),
    pytest.param(IN_BERLIN, "2026-12-30 10:00", "2026-12-30 11:00 CET", "2027-01-04 11:00 CET",
                 id="over New Year"),
    pytest.param(IN_NEW_YORK, "2026-03-06 16:00", "2026-03-06 17:00 EST", "2026-03-10 17:00 EDT",
                 id="wall-clock time kept across the New York spring change"),
    pytest.param(IN_NEW_YORK, "2026-11-25 10:00", "2026-11-25 11:00 EST", "2026-11-30 11:00 EST",
                 id="over Thanksgiving"),
])
def test_thank_you_letter_to_a_traditional_company_is_late_2_business_days_later(
    where: Place, start: str, due: str, deadline: str
) -> None:
    facts = state(app=TRADITIONAL, interviews=[interview(start, tz=where.tz)])
    assert timing(facts, ActionKind.THANK_YOU, where, ANNA) == (due, deadline)


@pytest.mark.parametrize(("start", "due", "deadline"), [
    pytest.param("2026-06-01 10:00", "2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST",
                 id="at the end of the interview, late a day later"),
    pytest.param("2026-10-24 15:00", "2026-10-24 16:00 CEST", "2026-10-25 16:00 CET",
                 id="a day later keeps the wall-clock time across the autumn change"),
])
def test_capture_details_is_late_a_day_after_the_interview(start: str, due: str, deadline: str) -> None:
    facts = state(interviews=[interview(start, next_steps=None)])
    assert timing(facts, ActionKind.CAPTURE_DETAILS) == (due, deadline)


@pytest.mark.parametrize(("where", "start", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST",
                 id="at the end of the interview, late a business day later"),
    pytest.param(IN_BERLIN, "2026-06-12 16:00", "2026-06-12 17:00 CEST", "2026-06-15 17:00 CEST",
                 id="a Friday interview is late on Monday"),
    pytest.param(IN_NEW_YORK, "2026-11-25 15:00", "2026-11-25 16:00 EST", "2026-11-27 16:00 EST",
                 id="Thanksgiving is not a business day"),
])
def test_reference_heads_up_is_late_a_business_day_after_the_interview(
    where: Place, start: str, due: str, deadline: str
) -> None:
    facts = state(interviews=[interview(start, tz=where.tz)], references=[named_reference()])
    assert timing(facts, ActionKind.REFERENCE_HEADS_UP, where, ROLF) == (due, deadline)


@pytest.mark.parametrize(("where", "start", "decision", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-05", "2026-06-08 09:00 CEST",
                 "2026-06-10 09:00 CEST", id="09:00 on the first business day after a Friday decision"),
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-02", "2026-06-04 09:00 CEST",
                 "2026-06-08 09:00 CEST", id="never before 3 business days after the interview"),
    pytest.param(IN_BERLIN, "2026-05-21 10:00", "2026-05-22", "2026-05-27 09:00 CEST",
                 "2026-05-29 09:00 CEST", id="the 3-business-day floor skips Whit Monday"),
    pytest.param(IN_BERLIN, "2026-12-14 10:00", "2026-12-24", "2026-12-28 09:00 CET",
                 "2026-12-30 09:00 CET", id="decided on Christmas Eve, checked after the holidays"),
    pytest.param(IN_BERLIN, "2026-12-21 10:00", "2026-12-31", "2027-01-04 09:00 CET",
                 "2027-01-06 09:00 CET", id="decided at year end, checked after New Year"),
    pytest.param(IN_BERLIN, "2026-03-23 10:00", "2026-03-27", "2026-03-30 09:00 CEST",
                 "2026-04-01 09:00 CEST", id="09:00 stays 09:00 after the Berlin spring change"),
    pytest.param(IN_NEW_YORK, "2026-11-23 10:00", "2026-11-25", "2026-11-27 09:00 EST",
                 "2026-12-01 09:00 EST", id="Thanksgiving is skipped"),
])
def test_status_check_after_the_decision_date(
    where: Place, start: str, decision: str, due: str, deadline: str
) -> None:
    facts = state(interviews=[interview(start, tz=where.tz, decision_date=decision)])
    assert timing(facts, ActionKind.STATUS_CHECK, where) == (due, deadline)


@pytest.mark.parametrize(("where", "start", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-08 09:00 CEST", "2026-06-10 09:00 CEST",
                 id="09:00 a week after the interview"),
    pytest.param(IN_BERLIN, "2026-06-01 17:00", "2026-06-08 09:00 CEST", "2026-06-10 09:00 CEST",
                 id="the week is counted in calendar days"),
    pytest.param(IN_BERLIN, "2026-03-30 10:00", "2026-04-07 09:00 CEST", "2026-04-09 09:00 CEST",
                 id="a week later is Easter Monday"),
    pytest.param(IN_BERLIN, "2026-04-24 10:00", "2026-05-04 09:00 CEST", "2026-05-06 09:00 CEST",
                 id="a week later is Labour Day, then the weekend"),
    pytest.param(IN_BERLIN, "2026-10-19 11:00", "2026-10-26 09:00 CET", "2026-10-28 09:00 CET",
                 id="09:00 stays 09:00 after the Berlin autumn change"),
    pytest.param(IN_BERLIN, "2026-12-23 10:00", "2026-12-30 09:00 CET", "2027-01-04 09:00 CET",
                 id="late only after New Year"),
    pytest.param(IN_NEW_YORK, "2026-11-19 14:00", "2026-11-27 09:00 EST", "2026-12-01 09:00 EST",
                 id="a week later is Thanksgiving"),
    pytest.param(IN_NEW_YORK, "2026-03-02 10:00", "2026-03-09 09:00 EDT", "2026-03-11 09:00 EDT",
                 id="09:00 stays 09:00 after the New York spring change"),
])
def test_status_check_without_a_date_a_week_after_the_interview(
    where: Place, start: str, due: str, deadline: str
) -> None:
    facts = state(interviews=[interview(start, tz=where.tz)])
    assert timing(facts, ActionKind.STATUS_CHECK, where) == (due, deadline)


@pytest.mark.parametrize(("where", "start", "sc_sent", "due", "deadline"), [
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:00 CEST",
                 "2026-06-16 10:00 CEST", id="10:00, 3 business days after the status check"),
    pytest.param(IN_BERLIN, "2026-06-01 10:00", "2026-06-02 12:00", "2026-06-08 10:00 CEST",
                 "2026-06-11 10:00 CEST", id="never sooner than 7 days after the interview"),
    pytest.param(IN_BERLIN, "2026-05-18 10:00", "2026-05-26 09:00", "2026-05-29 10:00 CEST",
                 "2026-06-03 10:00 CEST", id="month end"),
    pytest.param(IN_BERLIN, "2026-03-16 10:00", "2026-03-23 09:00", "2026-03-26 10:00 CET",
                 "2026-03-31 10:00 CEST", id="late at 10:00 after the Berlin spring change"),
    pytest.param(IN_BERLIN, "2026-12-14 10:00", "2026-12-21 09:00", "2026-12-24 10:00 CET",
                 "2026-12-30 10:00 CET", id="over Christmas"),
    pytest.param(IN_NEW_YORK, "2026-11-16 10:00", "2026-11-23 09:00", "2026-11-27 10:00 EST",
                 "2026-12-02 10:00 EST", id="over Thanksgiving"),
])
def test_follow_up_call_after_an_unanswered_status_check(
    where: Place, start: str, sc_sent: str, due: str, deadline: str
) -> None:
    facts = after_status_check(sc_sent, start, where)
    assert timing(facts, ActionKind.FOLLOW_UP_CALL, where) == (due, deadline)


@pytest.mark.parametrize(("start", "sc_sent", "call", "outcome", "due"), [
    pytest.param("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15", Outcome.NO_ANSWER,
                 "2026-06-18 10:15 CEST", id="5 business days after an unanswered call"),
    pytest.param("2026-12-07 10:00", "2026-12-14 09:00", "2026-12-22 11:00", Outcome.VOICEMAIL,
                 "2026-12-30 11:00 CET", id="5 business days after a voicemail, over Christmas"),
    pytest.param("2026-10-12 10:00", "2026-10-19 09:00", "2026-10-23 10:15", Outcome.NO_ANSWER,
                 "2026-10-30 10:15 CET", id="wall-clock time kept across the Berlin autumn change"),
    pytest.param("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15", Outcome.EVASIVE,
                 "2026-06-11 10:15 CEST", id="at once when the interviewer was evasive"),
])
def test_move_on_after_the_call(start: str, sc_sent: str, call: str, outcome: Outcome, due: str) -> None:
    assert timing(after_call(start, sc_sent, call, outcome), ActionKind.MOVE_ON) == (due, None)


@pytest.mark.parametrize(("status", "closed_at", "due", "deadline"), [
    pytest.param(ApplicationStatus.REJECTED, "2026-06-12 15:00", "2026-06-12 15:00 CEST",
                 "2026-06-16 15:00 CEST", id="rejected on a Friday"),
    pytest.param(ApplicationStatus.CLOSED_NO_RESPONSE, "2026-12-24 10:00", "2026-12-24 10:00 CET",
                 "2026-12-29 10:00 CET", id="moved on at Christmas"),
    pytest.param(ApplicationStatus.OFFER, "2026-04-30 17:00", "2026-04-30 17:00 CEST",
                 "2026-05-05 17:00 CEST", id="offer accepted before Labour Day"),
])
def test_thank_recruiter_when_the_application_closes(
    status: ApplicationStatus, closed_at: str, due: str, deadline: str
) -> None:
    assert timing(closed(status, closed_at), ActionKind.THANK_RECRUITER, contact=RITA) == (due, deadline)


@pytest.mark.parametrize(("where", "outcome", "reply_at", "due", "deadline"), [
    pytest.param(IN_BERLIN, Outcome.INFO_REQUEST, "2026-06-05 17:00", "2026-06-05 17:00 CEST",
                 "2026-06-08 17:00 CEST", id="a request on Friday evening is late on Monday"),
    pytest.param(IN_BERLIN, Outcome.NEXT_ROUND, "2026-06-30 16:00", "2026-06-30 16:00 CEST",
                 "2026-07-01 16:00 CEST", id="an invitation at month end"),
    pytest.param(IN_BERLIN, Outcome.OFFER, "2026-12-31 10:00", "2026-12-31 10:00 CET",
                 "2027-01-04 10:00 CET", id="an offer on New Year's Eve"),
    pytest.param(IN_BERLIN, Outcome.INFO_REQUEST, "2026-03-27 12:00", "2026-03-27 12:00 CET",
                 "2026-03-30 12:00 CEST", id="wall-clock time kept across the Berlin spring change"),
    pytest.param(IN_NEW_YORK, Outcome.NEXT_ROUND, "2026-11-25 12:00", "2026-11-25 12:00 EST",
                 "2026-11-27 12:00 EST", id="over Thanksgiving"),
])
def test_respond_within_a_business_day(
    where: Place, outcome: Outcome, reply_at: str, due: str, deadline: str
) -> None:
    facts = replied(reply_at, outcome, start="2026-03-02 10:00", where=where)
    assert timing(facts, ActionKind.RESPOND, where, ANNA) == (due, deadline)


@pytest.mark.parametrize(("summary", "due", "says"), [
    pytest.param(PipelineSummary(active=1, last_added_at=at("2026-06-01 10:00"),
                                 last_closed_at=at("2026-06-03 12:00"), started_at=at("2026-05-01 09:00")),
                 "2026-06-03 12:00 CEST", "Only 1 application is active",
                 id="few active: due when the last one closed"),
    pytest.param(PipelineSummary(active=0, last_added_at=None, last_closed_at=None,
                                 started_at=at("2026-05-01 09:00")),
                 "2026-05-01 09:00 CEST", "No application is active",
                 id="nothing active from the start"),
    pytest.param(PipelineSummary(active=3, last_added_at=at("2026-06-01 10:00"), last_closed_at=None,
                                 started_at=at("2026-05-01 09:00")),
                 "2026-06-08 10:00 CEST", "not added an application in 7 days",
                 id="idle for 7 days"),
    pytest.param(PipelineSummary(active=4, last_added_at=at("2026-03-22 19:00", ZoneInfo("UTC")),
                                 last_closed_at=None, started_at=at("2026-01-05 09:00")),
                 "2026-03-29 20:00 CEST", "not added an application in 7 days",
                 id="7 days keep the local wall-clock time across the spring change"),
    pytest.param(PipelineSummary(active=1, last_added_at=at("2026-06-01 10:00"),
                                 last_closed_at=at("2026-06-03 12:00"), started_at=at("2026-05-01 09:00"),
                                 last_acknowledged_at=at("2026-06-04 08:00")),
                 "2026-06-11 08:00 CEST", "Only 1 application is active",
                 id="acknowledged, so asked again a week later"),
])
def test_keep_searching_nudges_when_the_pipeline_is_thin_or_idle(
    summary: PipelineSummary, due: str, says: str
) -> None:
    action = keep_searching(summary, SETTINGS, IN_BERLIN.cal)
    assert action is not None
    assert (action.kind, show(action.due), action.deadline) == (ActionKind.KEEP_SEARCHING, due, None)
    assert says in action.reason
    assert action.id == keep_searching_id(action.due)
    assert_one_sentence(action.reason)


# fmt: on


def test_keep_searching_is_quiet_with_enough_applications_and_none_added() -> None:
    summary = PipelineSummary(active=3, last_added_at=None, last_closed_at=None, started_at=at("2026-05-01 09:00"))
    assert keep_searching(summary, SETTINGS, IN_BERLIN.cal) is None


def test_thank_you_letter_for_a_contact_who_prefers_letters() -> None:
    facts = state(interviews=[interview("2026-06-01 10:00", people=(CLARA,))])
    assert timing(facts, ActionKind.THANK_YOU, contact=CLARA) == (
        "2026-06-01 11:00 CEST",
        "2026-06-03 11:00 CEST",
    )


def test_reference_named_outside_an_interview_is_told_from_then() -> None:
    facts = state(references=[named_reference(when="2026-04-30 18:00", interview_id=None)])
    assert timing(facts, ActionKind.REFERENCE_HEADS_UP) == ("2026-04-30 18:00 CEST", "2026-05-04 18:00 CEST")


def test_move_on_after_an_unanswered_status_check_call_to_someone_who_prefers_phone() -> None:
    facts = state(
        interviews=[interview(people=(BEN,))],
        touchpoints=[called("2026-06-08 09:10", Outcome.NO_ANSWER, kind=TouchpointKind.STATUS_CHECK, to=BEN)],
    )
    assert timing(facts, ActionKind.MOVE_ON) == ("2026-06-15 09:10 CEST", None)


# -- which actions appear, for whom and how --------------------------------------------------------


def test_prepare_is_due_at_once_for_an_interview_entered_late() -> None:
    facts = state(interviews=[interview("2026-06-01 10:00", recorded_at="2026-05-31 18:00")])
    assert timing(facts, ActionKind.PREPARE) == ("2026-05-31 18:00 CEST", "2026-06-01 10:00 CEST")


def test_no_prepare_for_an_interview_entered_after_it_started() -> None:
    facts = state(interviews=[interview("2026-06-01 10:00", recorded_at="2026-06-01 12:00")])
    assert of_kind(plan_of(facts), ActionKind.PREPARE) == []


def test_prepare_names_the_kind_of_interview_and_the_time() -> None:
    facts = state(interviews=[interview("2026-06-01 10:00", kind=InterviewKind.VIDEO)])
    reason = the(plan_of(facts), ActionKind.PREPARE).reason
    assert "video interview for Data Engineer at Acme is on Mon 1 Jun at 10:00" in reason


def test_recruiter_debrief_only_when_a_recruiter_is_involved() -> None:
    assert of_kind(plan_of(state(interviews=[interview()])), ActionKind.RECRUITER_DEBRIEF) == []
    debrief = the(plan_of(state(app=via_recruiter(), interviews=[interview()])), ActionKind.RECRUITER_DEBRIEF)
    assert debrief.channel is ActionChannel.PHONE
    assert "Rita Mendes" in debrief.reason


def test_recruiter_debrief_goes_away_once_the_recruiter_was_called() -> None:
    facts = state(
        app=via_recruiter(),
        interviews=[interview()],
        touchpoints=[called("2026-06-01 11:30", Outcome.REACHED, kind=TouchpointKind.RECRUITER_DEBRIEF, to=RITA)],
    )
    assert of_kind(plan_of(facts), ActionKind.RECRUITER_DEBRIEF) == []


def test_one_thank_you_per_interviewer_each_with_its_own_id() -> None:
    thanks = of_kind(plan_of(state(interviews=[interview(people=(ANNA, BEN))])), ActionKind.THANK_YOU)
    assert {a.contact_id for a in thanks} == {ANNA.id, BEN.id}
    assert len({a.id for a in thanks}) == 2
    # Preferring phone for follow-ups does not make the thank-you a call.
    assert {a.channel for a in thanks} == {ActionChannel.EMAIL}


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(
            state(interviews=[interview(people=(ANNA,))]),
            {ANNA.id: ActionChannel.EMAIL},
            id="modern company: email",
        ),
        pytest.param(
            state(app=TRADITIONAL, interviews=[interview(people=(ANNA, BEN))]),
            {ANNA.id: ActionChannel.LETTER, BEN.id: ActionChannel.LETTER},
            id="traditional company: a letter to everyone",
        ),
        pytest.param(
            state(interviews=[interview(people=(ANNA, CLARA))]),
            {ANNA.id: ActionChannel.EMAIL, CLARA.id: ActionChannel.LETTER},
            id="only the contact who prefers letters gets one",
        ),
    ],
)
def test_thank_you_channel(facts: ApplicationState, expected: dict[int, ActionChannel]) -> None:
    assert {a.contact_id: a.channel for a in of_kind(plan_of(facts), ActionKind.THANK_YOU)} == expected


def test_thank_you_letter_says_why_a_letter() -> None:
    traditional = the(plan_of(state(app=TRADITIONAL, interviews=[interview()])), ActionKind.THANK_YOU)
    assert "Bauer & Söhne comes across as traditional" in traditional.reason
    prefers = the(plan_of(state(interviews=[interview(people=(CLARA,))])), ActionKind.THANK_YOU)
    assert "Clara Weiss prefers letters" in prefers.reason


def test_thank_you_goes_away_for_whoever_was_thanked() -> None:
    facts = state(
        interviews=[interview(people=(ANNA, BEN))],
        touchpoints=[sent("2026-06-01 15:00", TouchpointKind.THANK_YOU, to=ANNA)],
    )
    assert [a.contact_id for a in of_kind(plan_of(facts), ActionKind.THANK_YOU)] == [BEN.id]


def test_without_known_interviewers_one_thank_you_to_everyone() -> None:
    thanks = the(plan_of(state(interviews=[interview(people=())])), ActionKind.THANK_YOU)
    assert thanks.contact_id is None
    assert "everyone who interviewed you" in thanks.reason


@pytest.mark.parametrize(
    ("facts", "missing"),
    [
        pytest.param(
            state(interviews=[interview(next_steps=None)]),
            "the next steps and when to expect news",
            id="next steps and timeline",
        ),
        pytest.param(state(interviews=[interview(people=())]), "who interviewed you", id="who the interviewers were"),
        pytest.param(
            state(contacts=[interviewer(1, "Anna Schmidt", PreferredChannel.UNKNOWN)], interviews=[interview()]),
            "how Anna Schmidt prefers to be followed up",
            id="preferred channel",
        ),
        pytest.param(
            state(contacts=[interviewer(1, "Anna Schmidt", email=None)], interviews=[interview()]),
            "Anna Schmidt's email address",
            id="email address for an email thank-you",
        ),
        pytest.param(
            state(
                contacts=[interviewer(3, "Clara Weiss", PreferredChannel.LETTER, postal_address=None)],
                interviews=[interview(people=(CLARA,))],
            ),
            "Clara Weiss's postal address",
            id="postal address for someone who prefers letters",
        ),
        pytest.param(
            state(
                app=TRADITIONAL,
                contacts=[interviewer(1, "Anna Schmidt", postal_address=None)],
                interviews=[interview()],
            ),
            "Anna Schmidt's postal address",
            id="postal address for a letter to a traditional company",
        ),
        pytest.param(
            state(
                contacts=[interviewer(2, "Ben Okafor", PreferredChannel.PHONE, phone=None)],
                interviews=[interview(people=(BEN,))],
            ),
            "Ben Okafor's phone number",
            id="phone number for someone who prefers phone",
        ),
    ],
)
def test_capture_details_names_each_missing_fact(facts: ApplicationState, missing: str) -> None:
    assert the(plan_of(facts), ActionKind.CAPTURE_DETAILS).reason.endswith(f": {missing}.")


def test_capture_details_lists_several_missing_facts() -> None:
    facts = state(
        contacts=[interviewer(1, "Anna Schmidt", PreferredChannel.UNKNOWN, email=None)],
        interviews=[interview(next_steps=None)],
    )
    assert the(plan_of(facts), ActionKind.CAPTURE_DETAILS).reason.endswith(
        ": the next steps and when to expect news, how Anna Schmidt prefers to be followed up "
        "and Anna Schmidt's email address."
    )


@pytest.mark.parametrize(
    "complete",
    [
        pytest.param(interview(), id="next steps noted"),
        pytest.param(interview(next_steps=None, decision_date="2026-06-05"), id="only a decision date noted"),
    ],
)
def test_no_capture_details_when_everything_is_known(complete: Interview) -> None:
    assert of_kind(plan_of(state(interviews=[complete])), ActionKind.CAPTURE_DETAILS) == []


def test_reference_heads_up_once_per_reference_and_gone_once_told() -> None:
    facts = state(interviews=[interview()], references=[named_reference()])
    heads_up = the(plan_of(facts), ActionKind.REFERENCE_HEADS_UP, ROLF)
    assert "Rolf Becker" in heads_up.reason
    assert "Acme" in heads_up.reason
    told = with_touchpoints(facts, sent("2026-06-01 18:00", TouchpointKind.REFERENCE_HEADS_UP, to=ROLF))
    assert of_kind(plan_of(told), ActionKind.REFERENCE_HEADS_UP) == []


@pytest.mark.parametrize(
    ("channel", "asks"),
    [
        pytest.param(PreferredChannel.EMAIL, "email Anna Schmidt", id="by email"),
        pytest.param(PreferredChannel.PHONE, "call Anna Schmidt", id="by phone when preferred"),
        pytest.param(PreferredChannel.UNKNOWN, "email Anna Schmidt", id="by email when unknown"),
    ],
)
def test_status_check_uses_the_preferred_channel(channel: PreferredChannel, asks: str) -> None:
    facts = state(contacts=[interviewer(1, "Anna Schmidt", channel)], interviews=[interview()])
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    assert check.channel is (ActionChannel.PHONE if channel is PreferredChannel.PHONE else ActionChannel.EMAIL)
    assert asks in check.reason


def test_no_call_and_no_move_on_before_the_status_check() -> None:
    actions = plan_of(state(interviews=[interview()]))
    assert [a for a in actions if a.kind in CHASE] == [the(actions, ActionKind.STATUS_CHECK)]


def test_phone_preferring_interviewer_gets_no_separate_follow_up_call() -> None:
    facts = state(
        interviews=[interview(people=(BEN,))],
        touchpoints=[called("2026-06-08 09:10", Outcome.VOICEMAIL, kind=TouchpointKind.STATUS_CHECK, to=BEN)],
    )
    assert [a.kind for a in plan_of(facts) if a.kind in CHASE] == [ActionKind.MOVE_ON]


def test_skipping_a_status_check_call_leads_to_move_on_not_to_a_second_call() -> None:
    facts = state(interviews=[interview(people=(BEN,))])
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    assert check.channel is ActionChannel.PHONE
    actions = plan_of(replace(facts, decisions={check.id: decided(check, DecisionState.SKIPPED)}))
    assert [a.kind for a in actions if a.kind in CHASE] == [ActionKind.MOVE_ON]
    # The skipped call counts as made, unanswered, at its due time: Monday 8 June 09:00.
    assert show(the(actions, ActionKind.MOVE_ON).due) == "2026-06-15 09:00 CEST"


def test_skipping_the_email_status_check_moves_on_to_the_call() -> None:
    facts = state(interviews=[interview()])
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    actions = plan_of(replace(facts, decisions={check.id: decided(check, DecisionState.SKIPPED)}))
    assert [a.kind for a in actions if a.kind in CHASE] == [ActionKind.FOLLOW_UP_CALL]
    assert show(the(actions, ActionKind.FOLLOW_UP_CALL).due) == "2026-06-11 10:00 CEST"


def test_skipping_the_call_leads_to_move_on() -> None:
    facts = after_status_check("2026-06-08 09:30")
    call = the(plan_of(facts), ActionKind.FOLLOW_UP_CALL)
    actions = plan_of(replace(facts, decisions={call.id: decided(call, DecisionState.SKIPPED)}))
    assert [a.kind for a in actions if a.kind in CHASE] == [ActionKind.MOVE_ON]
    assert show(the(actions, ActionKind.MOVE_ON).due) == "2026-06-18 10:00 CEST"


def test_move_on_after_a_call_asks_to_close_without_bitterness() -> None:
    facts = after_call("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15")
    move_on = the(plan_of(facts), ActionKind.MOVE_ON)
    assert "Your call on Thu 11 Jun got no answer either" in move_on.reason
    assert "without bitterness" in move_on.reason
    assert move_on.channel is None


def test_move_on_when_evasive_says_so() -> None:
    facts = after_call("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15", Outcome.EVASIVE)
    assert "would not give a definite answer" in the(plan_of(facts), ActionKind.MOVE_ON).reason


def test_thank_recruiter_only_when_a_recruiter_application_closes() -> None:
    still_open = state(app=via_recruiter(), interviews=[interview()])
    assert of_kind(plan_of(still_open), ActionKind.THANK_RECRUITER) == []
    direct = state(app=application(status=ApplicationStatus.REJECTED, closed_at="2026-06-12 15:00"))
    assert of_kind(plan_of(direct), ActionKind.THANK_RECRUITER) == []
    thanks = the(plan_of(closed(ApplicationStatus.REJECTED, "2026-06-12 15:00")), ActionKind.THANK_RECRUITER)
    assert "Rita Mendes" in thanks.reason
    assert "Acme" in thanks.reason
    assert thanks.channel is ActionChannel.PHONE  # Rita prefers phone


def test_thank_recruiter_goes_away_once_sent() -> None:
    facts = closed(ApplicationStatus.REJECTED, "2026-06-12 15:00")
    thanked = with_touchpoints(facts, sent("2026-06-12 16:00", TouchpointKind.THANK_RECRUITER, to=RITA))
    assert of_kind(plan_of(thanked), ActionKind.THANK_RECRUITER) == []


@pytest.mark.parametrize(
    ("outcome", "says"),
    [
        pytest.param(Outcome.INFO_REQUEST, "Anna Schmidt asked you for something", id="info_request"),
        pytest.param(Outcome.NEXT_ROUND, "Anna Schmidt invited you to a next round", id="next_round"),
        pytest.param(Outcome.OFFER, "Anna Schmidt made you an offer", id="offer"),
    ],
)
def test_respond_to_replies_that_ask_for_something_until_answered(outcome: Outcome, says: str) -> None:
    facts = replied("2026-06-05 10:00", outcome)
    answer = the(plan_of(facts), ActionKind.RESPOND)
    assert says in answer.reason
    assert answer.contact_id == ANNA.id
    answered = with_touchpoints(facts, sent("2026-06-05 15:00", TouchpointKind.RESPONSE, to=ANNA))
    assert of_kind(plan_of(answered), ActionKind.RESPOND) == []


@pytest.mark.parametrize("outcome", [Outcome.STILL_DECIDING, Outcome.AUTO_REPLY, Outcome.REJECTION, Outcome.OTHER])
def test_no_respond_for_replies_that_ask_nothing(outcome: Outcome) -> None:
    assert of_kind(plan_of(replied("2026-06-05 10:00", outcome)), ActionKind.RESPOND) == []


def test_a_next_round_entered_after_the_invitation_counts_as_answered() -> None:
    facts = state(
        interviews=[interview(), interview("2026-06-15 10:00", iid=2, recorded_at="2026-06-05 12:00")],
        touchpoints=[received("2026-06-05 10:00", Outcome.NEXT_ROUND)],
    )
    assert of_kind(plan_of(facts), ActionKind.RESPOND) == []


# -- replies change everything ------------------------------------------------------------------------


def test_a_reply_without_a_date_stops_the_pending_status_check() -> None:
    check = the(plan_of(replied("2026-06-05 10:00", Outcome.STILL_DECIDING)), ActionKind.STATUS_CHECK)
    # Not on Monday 8 June any more: the wait starts again from the reply (see the module docstring).
    assert show(check.due) == "2026-06-12 09:00 CEST"
    assert "last wrote, on Fri 5 Jun" in check.reason


def test_a_reply_after_the_status_check_stops_the_call() -> None:
    facts = with_touchpoints(after_status_check("2026-06-08 09:30"), received("2026-06-09 14:00", Outcome.OTHER))
    # A week after the reply, not on Thursday 11 June.
    assert show(the(plan_of(facts), ActionKind.FOLLOW_UP_CALL).due) == "2026-06-16 10:00 CEST"


@pytest.mark.parametrize(
    ("start", "reply_at", "promised", "due"),
    [
        pytest.param(
            "2026-06-01 10:00",
            "2026-06-03 16:00",
            "2026-06-10",
            "2026-06-11 09:00 CEST",
            id="promised a Wednesday",
        ),
        pytest.param(
            "2026-06-01 10:00",
            "2026-06-03 16:00",
            "2026-06-12",
            "2026-06-15 09:00 CEST",
            id="promised a Friday",
        ),
        pytest.param(
            "2026-06-01 10:00",
            "2026-06-08 08:00",
            "2026-06-09",
            "2026-06-10 09:00 CEST",
            id="Monday for Tuesday",
        ),
        pytest.param(
            "2026-05-18 10:00",
            "2026-05-20 16:00",
            "2026-05-22",
            "2026-05-26 09:00 CEST",
            id="before Whit Monday",
        ),
        pytest.param("2026-12-14 10:00", "2026-12-28 11:00", "2026-12-31", "2027-01-04 09:00 CET", id="New Year's Eve"),
        pytest.param(
            "2026-06-01 10:00",
            "2026-06-02 10:00",
            "2026-06-02",
            "2026-06-04 09:00 CEST",
            id="still never before 3 business days after the interview",
        ),
    ],
)
def test_a_reply_with_a_promised_date_moves_the_status_check(
    start: str, reply_at: str, promised: str, due: str
) -> None:
    facts = state(
        interviews=[interview(start)],
        touchpoints=[received(reply_at, Outcome.STILL_DECIDING, promised=promised)],
    )
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    assert show(check.due) == due
    assert "Acme said you would hear by" in check.reason


def test_a_promise_that_has_already_passed_leads_to_a_status_check_the_next_business_morning() -> None:
    facts = state(
        interviews=[interview()],
        touchpoints=[received("2026-06-20 10:00", Outcome.STILL_DECIDING, promised="2026-06-17")],
    )
    assert show(the(plan_of(facts), ActionKind.STATUS_CHECK).due) == "2026-06-22 09:00 CEST"


def test_a_promised_date_after_the_status_check_moves_the_call() -> None:
    facts = with_touchpoints(
        after_status_check("2026-06-08 09:30"),
        received("2026-06-08 15:00", Outcome.STILL_DECIDING, promised="2026-06-19"),
    )
    actions = plan_of(facts)
    assert [a.kind for a in actions if a.kind in CHASE] == [ActionKind.FOLLOW_UP_CALL]
    # 09:00 on the first business day after the promised Friday, as the playbook moves the ladder.
    assert show(the(actions, ActionKind.FOLLOW_UP_CALL).due) == "2026-06-22 09:00 CEST"


@pytest.mark.parametrize("outcome", [Outcome.REJECTION, Outcome.OFFER, Outcome.NEXT_ROUND])
@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(state(interviews=[interview()]), id="before the status check"),
        pytest.param(after_status_check("2026-06-08 09:30"), id="before the call"),
        pytest.param(after_call("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15"), id="before moving on"),
    ],
)
def test_a_decisive_reply_ends_the_chase(facts: ApplicationState, outcome: Outcome) -> None:
    ended = with_touchpoints(facts, received("2026-06-12 10:00", outcome))
    assert [a for a in plan_of(ended) if a.kind in CHASE] == []


def test_an_information_request_pauses_the_chase_until_answered() -> None:
    facts = replied("2026-06-05 10:00", Outcome.INFO_REQUEST)
    assert kinds(a for a in plan_of(facts) if a.due > at("2026-06-02 00:00")) == ["respond"]
    answered = with_touchpoints(facts, sent("2026-06-05 15:00", TouchpointKind.RESPONSE, to=ANNA))
    # The wait starts again from the answer.
    assert show(the(plan_of(answered), ActionKind.STATUS_CHECK).due) == "2026-06-12 09:00 CEST"


def test_an_out_of_office_reply_does_not_stop_the_chase() -> None:
    away = replied("2026-06-02 09:00", Outcome.AUTO_REPLY)
    assert show(the(plan_of(away), ActionKind.STATUS_CHECK).due) == "2026-06-08 09:00 CEST"
    after_check = with_touchpoints(
        after_status_check("2026-06-08 09:30"), received("2026-06-08 09:31", Outcome.AUTO_REPLY)
    )
    assert show(the(plan_of(after_check), ActionKind.FOLLOW_UP_CALL).due) == "2026-06-11 10:00 CEST"


def test_an_out_of_office_return_date_moves_the_chase() -> None:
    back_on_12th = state(
        interviews=[interview()],
        touchpoints=[received("2026-06-02 09:00", Outcome.AUTO_REPLY, promised="2026-06-12")],
    )
    assert show(the(plan_of(back_on_12th), ActionKind.STATUS_CHECK).due) == "2026-06-15 09:00 CEST"
    back_on_19th = with_touchpoints(
        after_status_check("2026-06-08 09:30"),
        received("2026-06-08 09:31", Outcome.AUTO_REPLY, promised="2026-06-19"),
    )
    assert show(the(plan_of(back_on_19th), ActionKind.FOLLOW_UP_CALL).due) == "2026-06-22 10:00 CEST"


def test_reaching_the_interviewer_is_an_answer_not_an_unanswered_call() -> None:
    facts = with_touchpoints(
        after_status_check("2026-06-08 09:30"),
        called("2026-06-11 10:15", Outcome.REACHED, promised="2026-06-19"),
    )
    move_on = the(plan_of(facts), ActionKind.MOVE_ON)
    assert show(move_on.due) == "2026-06-22 09:00 CEST"  # 09:00 on the first business day after the 19th
    assert "no answer" not in move_on.reason


def test_a_reply_after_an_evasive_call_replaces_the_evasion() -> None:
    facts = with_touchpoints(
        after_call("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15", Outcome.EVASIVE),
        received("2026-06-12 10:00", Outcome.STILL_DECIDING, promised="2026-06-26"),
    )
    move_on = the(plan_of(facts), ActionKind.MOVE_ON)
    assert show(move_on.due) == "2026-06-29 09:00 CEST"
    assert "definite answer" not in move_on.reason


# -- decisions and closed applications ------------------------------------------------------------------


@pytest.mark.parametrize("decision", [DecisionState.DONE, DecisionState.SKIPPED])
def test_done_and_skipped_actions_disappear(decision: DecisionState) -> None:
    facts = state(interviews=[interview()])
    for action in plan_of(facts):
        decided_facts = replace(facts, decisions={action.id: decided(action, decision)})
        assert action.id not in {a.id for a in plan_of(decided_facts)}


def test_snoozing_moves_an_action_later_but_never_earlier() -> None:
    facts = state(interviews=[interview()])
    thanks = the(plan_of(facts), ActionKind.THANK_YOU)
    later = replace(facts, decisions={thanks.id: decided(thanks, DecisionState.SNOOZED, until="2026-06-01 18:00")})
    snoozed = the(plan_of(later), ActionKind.THANK_YOU)
    assert (snoozed.id, show(snoozed.due)) == (thanks.id, "2026-06-01 18:00 CEST")
    earlier = replace(facts, decisions={thanks.id: decided(thanks, DecisionState.SNOOZED, until="2026-06-01 08:00")})
    assert show(the(plan_of(earlier), ActionKind.THANK_YOU).due) == "2026-06-01 11:00 CEST"


@pytest.mark.parametrize(
    "status", [ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.CLOSED_NO_RESPONSE]
)
def test_a_closed_application_shows_nothing(status: ApplicationStatus) -> None:
    facts = state(
        app=application(status=status, closed_at="2026-06-12 15:00"),
        interviews=[interview(next_steps=None)],
        references=[named_reference()],
        touchpoints=[
            sent("2026-06-08 09:30", TouchpointKind.STATUS_CHECK, to=ANNA),
            received("2026-06-09 10:00", Outcome.INFO_REQUEST),
        ],
    )
    assert plan_of(facts) == []


def test_an_offer_still_gets_an_answer_but_no_chase() -> None:
    facts = state(
        app=application(status=ApplicationStatus.OFFER, closed_at="2026-06-12 15:00"),
        interviews=[interview()],
        touchpoints=[received("2026-06-12 15:00", Outcome.OFFER)],
    )
    assert kinds(plan_of(facts)) == ["respond"]


# -- ids and reasons ----------------------------------------------------------------------------------------


def with_notes(facts: ApplicationState) -> ApplicationState:
    """The same facts after the user jotted down some notes."""
    return replace(
        facts,
        application=replace(facts.application, notes="Liked the team"),
        contacts={cid: replace(c, notes="Met at the door") for cid, c in facts.contacts.items()},
        interviews=tuple(replace(i, main_points="Spark, data quality") for i in facts.interviews),
    )


def test_ids_stay_the_same_when_unrelated_facts_change() -> None:
    facts = state(
        app=via_recruiter(),
        interviews=[interview(people=(ANNA, BEN), next_steps=None)],
        references=[named_reference()],
    )
    before = {(a.kind, a.contact_id): a.id for a in plan_of(facts)}
    assert before == {(a.kind, a.contact_id): a.id for a in plan_of(with_notes(facts))}
    assert len(before) == len(set(before.values())) == 7


def test_the_id_of_a_step_stays_the_same_when_its_time_moves() -> None:
    facts = after_status_check("2026-06-08 09:30")
    call = the(plan_of(facts), ActionKind.FOLLOW_UP_CALL)
    moved = the(
        plan_of(with_touchpoints(facts, received("2026-06-09 09:00", Outcome.OTHER))),
        ActionKind.FOLLOW_UP_CALL,
    )
    assert (moved.id, moved.due) == (call.id, at("2026-06-16 10:00"))


def test_ids_differ_between_interviewers_and_interviews() -> None:
    facts = state(interviews=[interview(people=(ANNA, BEN)), interview("2026-06-10 10:00", iid=2, people=(ANNA,))])
    thanks = of_kind(plan_of(facts), ActionKind.THANK_YOU)
    assert len({a.id for a in thanks}) == len(thanks) == 3


def assert_one_sentence(reason: str) -> None:
    assert reason.endswith("."), reason
    assert "\n" not in reason, reason
    assert ". " not in reason, reason


def many_actions() -> list[Action]:
    """At least one action of every rule, with known people in them."""
    facts = state(
        app=via_recruiter(),
        interviews=[interview(people=(ANNA, BEN, CLARA), next_steps=None)],
        references=[named_reference()],
        touchpoints=[received("2026-06-02 10:00", Outcome.INFO_REQUEST)],
    )
    return [
        *plan_of(facts),
        *plan_of(state(interviews=[interview()])),
        *plan_of(after_status_check("2026-06-08 09:30")),
        *plan_of(after_call("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15")),
        *plan_of(after_call("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-11 10:15", Outcome.EVASIVE)),
        *plan_of(closed(ApplicationStatus.REJECTED, "2026-06-12 15:00")),
        *plan_of(state()),  # applied, no interview yet: a note about the application
    ]


NAMES = {c.id: c.name for c in (ANNA, BEN, CLARA, ROLF, RITA)}


@pytest.mark.parametrize("action", many_actions(), ids=lambda a: f"{a.kind.value}-{a.contact_id}")
def test_each_reason_is_one_plain_sentence_naming_who_and_where(action: Action) -> None:
    assert_one_sentence(action.reason)
    if action.contact_id is not None:
        assert NAMES[action.contact_id] in action.reason
    if action.kind in (ActionKind.PREPARE, ActionKind.RECRUITER_DEBRIEF, ActionKind.REFERENCE_HEADS_UP):
        assert "Acme" in action.reason


def test_every_rule_has_its_reason_checked() -> None:
    checked = {a.kind for a in many_actions()}
    assert checked == set(ActionKind) - {ActionKind.KEEP_SEARCHING}  # checked with its own table above


# -- time zones and real holidays --------------------------------------------------------------------------


def test_an_interview_abroad_is_planned_in_the_users_time_zone() -> None:
    # New York changed to summer time on 8 March, Berlin only on 29 March.
    facts = state(interviews=[interview("2026-03-30 10:00", tz=IN_NEW_YORK.tz)])
    # 2 days before 16:00 Berlin time, at 16:00 Berlin time.
    assert timing(facts, ActionKind.PREPARE) == ("2026-03-28 16:00 CET", "2026-03-30 16:00 CEST")


def test_the_same_instants_stored_in_utc_give_the_same_plan() -> None:
    facts = state(interviews=[interview("2026-10-26 09:00", next_steps=None)])
    in_utc = replace(
        facts, interviews=tuple(replace(i, starts_at=i.starts_at.astimezone(UTC)) for i in facts.interviews)
    )
    assert [(a.id, a.due, a.deadline) for a in plan_of(in_utc)] == [(a.id, a.due, a.deadline) for a in plan_of(facts)]
    assert timing(in_utc, ActionKind.PREPARE) == ("2026-10-24 09:00 CEST", "2026-10-26 09:00 CET")


@pytest.mark.parametrize(
    ("country", "holiday"),
    [
        pytest.param("US", date(2026, 11, 26), id="Thanksgiving"),
        pytest.param("US", date(2026, 12, 25), id="US Christmas"),
        pytest.param("US", date(2026, 7, 3), id="Independence Day observed"),
        pytest.param("US", date(2027, 1, 1), id="US New Year"),
        pytest.param("DE", date(2026, 10, 3), id="German Unity Day"),
        pytest.param("DE", date(2025, 10, 3), id="German Unity Day on a Friday"),
        pytest.param("DE", date(2026, 12, 25), id="German Christmas"),
        pytest.param("DE", date(2026, 4, 6), id="Easter Monday"),
    ],
)
def test_real_public_holidays_are_not_business_days(country: str, holiday: date) -> None:
    cal = us_calendar() if country == "US" else de_calendar()
    assert not cal.is_business_day(holiday)


def test_the_day_after_thanksgiving_is_a_business_day() -> None:
    assert us_calendar().is_business_day(date(2026, 11, 27))


def test_the_explicit_german_holidays_are_real_ones() -> None:
    cal = de_calendar()
    assert [d for d in sorted(DE_HOLIDAYS) if cal.is_business_day(d)] == []


def test_german_unity_day_on_a_friday_moves_a_letter_deadline_to_tuesday() -> None:
    facts = state(app=TRADITIONAL, interviews=[interview("2025-10-02 14:00")])
    where = replace(IN_BERLIN, cal=de_calendar())
    assert timing(facts, ActionKind.THANK_YOU, where) == ("2025-10-02 15:00 CEST", "2025-10-07 15:00 CEST")


def test_answering_a_request_with_any_message_resumes_the_wait() -> None:
    # They asked for references; the user's answer happened to be logged as a status check.
    facts = with_touchpoints(
        replied("2026-06-05 10:00", Outcome.INFO_REQUEST),
        sent("2026-06-05 15:00", TouchpointKind.STATUS_CHECK, to=ANNA),
    )
    plan = plan_of(facts)
    assert of_kind(plan, ActionKind.RESPOND) == []
    # Not paused for good: 3 business days after that unanswered email comes the call.
    assert show(the(plan, ActionKind.FOLLOW_UP_CALL).due) == "2026-06-10 10:00 CEST"
