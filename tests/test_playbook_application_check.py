"""Following up on an application that never got an interview: `application_check`, then moving on.

Checked as the user reads it: wall-clock time and zone abbreviation, Europe/Berlin
with the German public holidays unless a row says IN_NEW_YORK.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.domain.model import (
    ActionChannel,
    ActionKind,
    ApplicationState,
    ApplicationStatus,
    Contact,
    ContactRole,
    Decision,
    DecisionState,
    Outcome,
    TouchpointKind,
)
from followup.domain.settings import Settings, Timings
from playbook_fixtures import (
    ANNA,
    IN_BERLIN,
    IN_NEW_YORK,
    RITA,
    ROLF,
    Place,
    application,
    at,
    day,
    decided,
    interview,
    interviewer,
    of_kind,
    plan_of,
    received,
    sent,
    show,
    state,
    the,
    via_recruiter,
)
from test_playbook_rules import assert_one_sentence

HANNA = interviewer(20, "Hanna Vogel", role=ContactRole.HIRING_MANAGER)


def applied(on: str, *, where: Place = IN_BERLIN, **facts: object) -> ApplicationState:
    """An application sent on `on` (a day), with no interview yet."""
    base = state(**facts)  # type: ignore[arg-type]
    return replace(base, application=replace(base.application, applied_on=day(on)))


def only(facts: ApplicationState, *contacts: Contact) -> ApplicationState:
    """The same facts with exactly these people on the application (the fixtures add everyone)."""
    return replace(facts, contacts={c.id: c for c in contacts})


def check_timing(facts: ApplicationState, where: Place = IN_BERLIN) -> tuple[str | None, str | None]:
    action = the(plan_of(facts, where), ActionKind.APPLICATION_CHECK)
    return show(action.due, where.tz), show(action.deadline, where.tz)


def moving_on(facts: ApplicationState) -> list[str | None]:
    """When 'move on' after applying is due; it belongs to no interview."""
    return [show(a.due) for a in of_kind(plan_of(facts), ActionKind.MOVE_ON) if a.interview_id is None]


# fmt: off
@pytest.mark.parametrize(("on", "where", "due", "deadline"), [
    pytest.param("2026-06-01", IN_BERLIN, "2026-06-10 09:00 CEST", "2026-06-15 09:00 CEST",
                 id="applied on a Monday: the Wednesday of the week after next"),
    pytest.param("2026-05-18", IN_BERLIN, "2026-05-28 09:00 CEST", "2026-06-02 09:00 CEST",
                 id="Whit Monday is not a business day"),
    pytest.param("2026-12-18", IN_BERLIN, "2026-12-30 09:00 CET", "2027-01-05 09:00 CET",
                 id="over Christmas and into the New Year"),
    pytest.param("2026-06-06", IN_BERLIN, "2026-06-16 09:00 CEST", "2026-06-19 09:00 CEST",
                 id="applied on a Saturday: counted from the next business day"),
    pytest.param("2026-11-25", IN_NEW_YORK, "2026-12-07 09:00 EST", "2026-12-10 09:00 EST",
                 id="New York, across Thanksgiving"),
])
def test_the_first_note_comes_at_9_on_the_7th_business_day_and_is_late_3_business_days_later(
    on: str, where: Place, due: str, deadline: str
) -> None:
    assert check_timing(applied(on, where=where), where) == (due, deadline)


def test_without_an_application_date_it_counts_from_the_day_the_application_was_added() -> None:
    # Added on Friday 1 May (Labour Day): the 7th business day after is Tuesday 12 May.
    facts = state(app=application(created="2026-05-01 09:00"))
    assert check_timing(facts) == ("2026-05-12 09:00 CEST", "2026-05-18 09:00 CEST")


@pytest.mark.parametrize(("first", "due", "deadline"), [
    pytest.param(sent("2026-06-10 14:00", TouchpointKind.STATUS_CHECK, to=RITA),
                 "2026-06-19 09:00 CEST", "2026-06-24 09:00 CEST", id="7 business days after the first was sent"),
    pytest.param(sent("2026-06-12 16:30", TouchpointKind.STATUS_CHECK, to=RITA),
                 "2026-06-23 09:00 CEST", "2026-06-26 09:00 CEST", id="sent late, counted from when it went"),
])
def test_one_more_note_when_the_first_went_unanswered(first: object, due: str, deadline: str) -> None:
    facts = applied("2026-06-01", touchpoints=[first])
    assert check_timing(facts) == (due, deadline)
    assert "one more short note" in the(plan_of(facts), ActionKind.APPLICATION_CHECK).reason
# fmt: on


def test_a_skipped_first_note_counts_as_sent_unanswered_at_its_due_time() -> None:
    facts = applied("2026-06-01")
    first = the(plan_of(facts), ActionKind.APPLICATION_CHECK)
    skipped = replace(facts, decisions={first.id: decided(first, DecisionState.SKIPPED, "2026-06-10 09:30")})
    second = the(plan_of(skipped), ActionKind.APPLICATION_CHECK)
    assert second.id != first.id
    assert show(second.due) == "2026-06-19 09:00 CEST"


def test_a_third_note_sent_anyway_restarts_the_wait_before_moving_on() -> None:
    facts = applied(
        "2026-06-01",
        touchpoints=[
            sent("2026-06-10 14:00", TouchpointKind.STATUS_CHECK, to=RITA),
            sent("2026-06-19 11:00", TouchpointKind.STATUS_CHECK, to=RITA),
            sent("2026-07-06 10:00", TouchpointKind.STATUS_CHECK, to=RITA),
        ],
    )
    # 10 business days after the last note, not after the second (which would be before the third).
    assert moving_on(facts) == ["2026-07-20 10:00 CEST"]


def test_after_the_second_unanswered_note_it_suggests_moving_on_10_business_days_later() -> None:
    facts = applied(
        "2026-06-01",
        touchpoints=[
            sent("2026-06-10 14:00", TouchpointKind.STATUS_CHECK, to=RITA),
            sent("2026-06-19 11:00", TouchpointKind.STATUS_CHECK, to=RITA),
        ],
    )
    plan = plan_of(facts)
    assert of_kind(plan, ActionKind.APPLICATION_CHECK) == []
    move_on = the(plan, ActionKind.MOVE_ON)
    assert (show(move_on.due), move_on.deadline, move_on.interview_id) == ("2026-07-03 11:00 CEST", None, None)
    assert "close it as 'no response'" in move_on.reason
    assert_one_sentence(move_on.reason)


def test_skipping_both_notes_still_ends_in_moving_on_not_in_a_third_note() -> None:
    facts = applied("2026-06-01")
    decisions: dict[str, Decision] = {}
    for _ in range(2):
        check = the(plan_of(replace(facts, decisions=decisions)), ActionKind.APPLICATION_CHECK)
        decisions[check.id] = decided(check, DecisionState.SKIPPED)
    plan = plan_of(replace(facts, decisions=decisions))
    assert of_kind(plan, ActionKind.APPLICATION_CHECK) == []
    assert moving_on(replace(facts, decisions=decisions)) == ["2026-07-03 09:00 CEST"]


def test_notes_sent_from_the_agenda_keep_their_place_when_the_first_was_skipped() -> None:
    facts = applied("2026-06-01")
    first = the(plan_of(facts), ActionKind.APPLICATION_CHECK)
    facts = replace(facts, decisions={first.id: decided(first, DecisionState.SKIPPED)})
    second = the(plan_of(facts), ActionKind.APPLICATION_CHECK)
    note = sent("2026-06-19 09:30", TouchpointKind.STATUS_CHECK, to=RITA, action_id=second.id)
    facts = replace(facts, touchpoints=(note,))
    assert of_kind(plan_of(facts), ActionKind.APPLICATION_CHECK) == []
    assert moving_on(facts) == ["2026-07-03 09:30 CEST"]


@pytest.mark.parametrize(
    "reply",
    [Outcome.STILL_DECIDING, Outcome.OTHER, Outcome.INFO_REQUEST, Outcome.NEXT_ROUND, Outcome.REJECTION, None],
)
@pytest.mark.parametrize("notes_before", [0, 1, 2])
def test_any_reply_stops_it_for_good(reply: Outcome | None, notes_before: int) -> None:
    notes = [sent(when, TouchpointKind.STATUS_CHECK, to=RITA) for when in ("2026-06-10 14:00", "2026-06-19 11:00")]
    facts = applied("2026-06-01", touchpoints=[*notes[:notes_before], received("2026-06-22 10:00", reply, sender=RITA)])
    assert of_kind(plan_of(facts), ActionKind.APPLICATION_CHECK) == []
    assert moving_on(facts) == []


def test_a_message_from_a_reference_is_no_answer_from_the_employer() -> None:
    facts = applied("2026-06-01", touchpoints=[received("2026-06-03 10:00", Outcome.OTHER, sender=ROLF)])
    assert check_timing(facts) == ("2026-06-10 09:00 CEST", "2026-06-15 09:00 CEST")


def test_an_automatic_acknowledgement_is_no_answer() -> None:
    facts = applied("2026-06-01", touchpoints=[received("2026-06-01 10:00", Outcome.AUTO_REPLY, sender=None)])
    assert check_timing(facts) == ("2026-06-10 09:00 CEST", "2026-06-15 09:00 CEST")


def test_an_out_of_office_with_a_return_date_holds_the_note_until_the_business_day_after() -> None:
    facts = applied("2026-06-01", touchpoints=[received("2026-06-02 09:00", Outcome.AUTO_REPLY, promised="2026-06-12")])
    assert check_timing(facts)[0] == "2026-06-15 09:00 CEST"


@pytest.mark.parametrize("notes_before", [0, 1, 2])
def test_once_an_interview_is_recorded_the_interview_rules_take_over_for_good(notes_before: int) -> None:
    notes = [sent(when, TouchpointKind.STATUS_CHECK, to=RITA) for when in ("2026-05-12 14:00", "2026-05-21 11:00")]
    facts = applied("2026-05-01", interviews=[interview()], touchpoints=notes[:notes_before])
    plan = plan_of(facts)
    assert of_kind(plan, ActionKind.APPLICATION_CHECK) == []
    assert moving_on(facts) == []
    assert the(plan, ActionKind.STATUS_CHECK).interview_id == 1


@pytest.mark.parametrize(
    "status", [ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED, ApplicationStatus.CLOSED_NO_RESPONSE]
)
def test_closing_the_application_stops_it(status: ApplicationStatus) -> None:
    facts = applied("2026-06-01", app=application(status=status, closed_at="2026-06-05 12:00"))
    assert of_kind(plan_of(facts), ActionKind.APPLICATION_CHECK) == []
    assert moving_on(facts) == []


def test_moving_on_after_applying_is_itself_stopped_by_a_late_reply() -> None:
    facts = applied(
        "2026-06-01",
        touchpoints=[
            sent("2026-06-10 14:00", TouchpointKind.STATUS_CHECK, to=RITA),
            sent("2026-06-19 11:00", TouchpointKind.STATUS_CHECK, to=RITA),
            received("2026-07-06 08:00", Outcome.STILL_DECIDING, sender=RITA),
        ],
    )
    assert moving_on(facts) == []


# -- who it goes to, and the reason ---------------------------------------------------------------


def test_it_goes_to_the_recruiter_the_application_came_through() -> None:
    facts = applied("2026-06-01", app=via_recruiter())
    check = the(plan_of(only(facts, RITA, HANNA)), ActionKind.APPLICATION_CHECK)
    assert (check.contact_id, check.channel) == (RITA.id, ActionChannel.EMAIL)
    assert "email Rita Mendes a short note" in check.reason


def test_else_to_the_recruiter_or_hiring_manager_on_the_application() -> None:
    check = the(plan_of(only(applied("2026-06-01"), ANNA, HANNA)), ActionKind.APPLICATION_CHECK)
    assert check.contact_id == HANNA.id
    assert "email Hanna Vogel a short note that restates your interest" in check.reason


def test_the_second_note_goes_to_whoever_got_the_first() -> None:
    facts = only(
        applied("2026-06-01", touchpoints=[sent("2026-06-10 14:00", TouchpointKind.STATUS_CHECK, to=HANNA)]),
        RITA,
        HANNA,
    )
    assert the(plan_of(facts), ActionKind.APPLICATION_CHECK).contact_id == HANNA.id


def test_without_a_contact_it_is_still_an_email_and_says_how_to_find_one() -> None:
    check = the(plan_of(only(applied("2026-06-01"), ANNA)), ActionKind.APPLICATION_CHECK)
    assert (check.contact_id, check.channel) == (None, ActionChannel.EMAIL)
    assert "email the recruiter or hiring manager a short note that restates your interest (" in check.reason
    assert "you have no contact there yet" in check.reason
    assert "job posting" in check.reason
    assert "add them to the application" in check.reason
    assert_one_sentence(check.reason)


def test_a_contact_without_an_email_address_is_named_with_what_is_missing() -> None:
    no_email = replace(HANNA, email=None)
    check = the(plan_of(only(applied("2026-06-01"), no_email)), ActionKind.APPLICATION_CHECK)
    assert check.contact_id == HANNA.id
    assert check.reason.endswith(
        "email Hanna Vogel a short note that restates your interest (add their email address to the application first)."
    )


def test_the_reasons_are_plain_sentences_with_the_role_company_and_day() -> None:
    first = the(plan_of(applied("2026-06-01")), ActionKind.APPLICATION_CHECK)
    assert first.reason == (
        "You applied for the Data Engineer role at Acme on Mon 1 Jun: if nothing has come by Wed 10 Jun, "
        "email Rita Mendes a short note that restates your interest."
    )
    second = the(
        plan_of(applied("2026-06-01", touchpoints=[sent("2026-06-10 14:00", TouchpointKind.STATUS_CHECK, to=RITA)])),
        ActionKind.APPLICATION_CHECK,
    )
    assert second.reason == (
        "Your note of Wed 10 Jun about the Data Engineer role at Acme got no answer: "
        "if nothing has come by Fri 19 Jun, send Rita Mendes one more short note."
    )
    for action in (first, second):
        assert_one_sentence(action.reason)


def test_every_timing_is_a_setting() -> None:
    timings = Timings(
        application_check_business_days=5,
        application_check_again_business_days=3,
        application_check_time=at("2026-01-01 08:30").time(),
        application_check_grace_business_days=1,
        application_move_on_business_days=4,
    )
    where = replace(IN_BERLIN, settings=Settings(timezone="Europe/Berlin", country="DE", timings=timings))
    facts = applied("2026-06-01")
    assert check_timing(facts, where) == ("2026-06-08 08:30 CEST", "2026-06-09 08:30 CEST")
    facts = replace(facts, touchpoints=(sent("2026-06-08 09:00", TouchpointKind.STATUS_CHECK, to=RITA),))
    assert check_timing(facts, where) == ("2026-06-11 08:30 CEST", "2026-06-12 08:30 CEST")
    facts = replace(
        facts, touchpoints=(*facts.touchpoints, sent("2026-06-11 09:00", TouchpointKind.STATUS_CHECK, to=RITA))
    )
    assert [show(a.due) for a in plan_of(facts, where) if a.kind is ActionKind.MOVE_ON] == ["2026-06-17 09:00 CEST"]


@pytest.mark.parametrize(
    ("entered", "due"),
    [
        pytest.param("2026-06-17 14:00", "2026-06-18 09:00 CEST", id="entered in the afternoon: the next morning"),
        pytest.param("2026-06-17 08:00", "2026-06-17 09:00 CEST", id="entered before 9: that morning"),
        pytest.param("2026-06-20 11:00", "2026-06-22 09:00 CEST", id="entered on a Saturday: Monday"),
    ],
)
def test_an_application_entered_long_after_it_was_sent_is_not_weeks_overdue(entered: str, due: str) -> None:
    # Sent on 1 April, entered (or imported) in June: the first note is due once it is entered.
    facts = state(app=replace(application(created=entered), applied_on=day("2026-04-01")))
    check = the(plan_of(facts), ActionKind.APPLICATION_CHECK)
    assert show(check.due) == due
    assert check.reason.startswith("You applied for the Data Engineer role at Acme on Wed 1 Apr:")
