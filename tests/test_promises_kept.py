"""A promise of news is kept until a later promise replaces it (issue #14): the plan and the drafts
read the same promise, and who made it."""

from __future__ import annotations

from followup.domain.model import ActionKind, Outcome, TouchpointKind
from followup.domain.promises import latest_promise
from followup.drafting.facts import promised_date
from playbook_fixtures import ANNA, BEN, day, interview, plan_of, received, sent, show, state, the

ANNAS_PROMISE = received("2026-06-02 10:00", Outcome.STILL_DECIDING, promised="2026-06-19")


def status_check(*touchpoints):
    facts = state(interviews=[interview()], touchpoints=[ANNAS_PROMISE, *touchpoints])
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    return facts, show(check.due), check.reason


def test_a_deadline_in_someone_elses_request_and_the_answer_to_it_leave_the_promise_standing():
    facts, due, reason = status_check(
        received("2026-06-05 10:00", Outcome.INFO_REQUEST, sender=None, promised="2026-06-12"),
        sent("2026-06-05 15:00", TouchpointKind.RESPONSE),
    )
    assert due == "2026-06-22 09:00 CEST"
    assert "said you would hear by Fri 19 Jun" in reason
    assert promised_date(facts, facts.interviews[0]) == day("2026-06-19")


def test_a_colleagues_message_without_a_date_does_not_erase_the_interviewers_promise():
    _facts, due, reason = status_check(received("2026-06-08 10:00", Outcome.STILL_DECIDING, sender=BEN))
    assert due == "2026-06-22 09:00 CEST"
    assert "said you would hear by Fri 19 Jun" in reason


def test_a_later_promise_from_anyone_at_the_company_replaces_it_and_says_who_made_it():
    facts, due, _reason = status_check(
        received("2026-06-08 10:00", Outcome.STILL_DECIDING, sender=BEN, promised="2026-06-26")
    )
    assert due == "2026-06-29 09:00 CEST"
    promise = latest_promise(facts.interviews[0], facts.touchpoints)
    assert promise is not None
    assert (promise.day, promise.contact_id) == (day("2026-06-26"), BEN.id)


def test_an_out_of_office_return_is_no_promise_a_draft_states():
    facts, _due, _reason = status_check(received("2026-06-20 09:00", Outcome.AUTO_REPLY, promised="2026-06-29"))
    assert promised_date(facts, facts.interviews[0]) == day("2026-06-19")
    promise = latest_promise(facts.interviews[0], facts.touchpoints)
    assert promise is not None
    assert promise.contact_id == ANNA.id


def test_once_the_promised_day_has_come_a_message_without_a_new_date_restarts_the_usual_wait():
    facts = state(
        interviews=[interview()],
        touchpoints=[
            received("2026-06-02 10:00", Outcome.STILL_DECIDING, promised="2026-06-10"),
            received("2026-06-11 10:00", Outcome.STILL_DECIDING, sender=BEN),
        ],
    )
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    assert show(check.due) == "2026-06-18 09:00 CEST"
    assert "last wrote, on Thu 11 Jun" in check.reason
