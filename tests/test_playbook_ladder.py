"""A reply with a new promised date once this round's status check was sent: the next step of the
ladder (the call, or the move-on) comes at 09:00 on the first business day after that date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.model import (
    ActionKind,
    ApplicationState,
    Channel,
    Direction,
    Interview,
    Outcome,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.playbook import plan
from playbook_fixtures import (
    ANNA,
    BEN,
    IN_BERLIN,
    IN_NEW_YORK,
    SETTINGS,
    Place,
    called,
    interview,
    of_kind,
    plan_of,
    received,
    sent,
    show,
    state,
    the,
)
from test_playbook_properties import CALENDARS, PROPERTY, calendars, first_interview_starts
from test_playbook_rules import assert_one_sentence

CHASE = (ActionKind.STATUS_CHECK, ActionKind.FOLLOW_UP_CALL, ActionKind.MOVE_ON)


def checked_then_promised(
    start: str, checked: str, reply_at: str, promised: str, where: Place = IN_BERLIN
) -> ApplicationState:
    """An interview with Anna, her status check sent, then her reply promising news by `promised`."""
    return state(
        interviews=[interview(start, tz=where.tz)],
        touchpoints=[
            sent(checked, TouchpointKind.STATUS_CHECK, to=ANNA, tz=where.tz),
            received(reply_at, Outcome.STILL_DECIDING, promised=promised, tz=where.tz),
        ],
    )


# fmt: off
@pytest.mark.parametrize(("facts", "where", "call"), [
    pytest.param(checked_then_promised("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-08 15:00", "2026-06-19"),
                 IN_BERLIN, "2026-06-22 09:00 CEST", id="promised a Friday: Monday at 9"),
    pytest.param(checked_then_promised("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-09 11:00", "2026-06-10"),
                 IN_BERLIN, "2026-06-11 09:00 CEST", id="promised within days: the day after, not 3 business days"),
    pytest.param(checked_then_promised("2026-05-11 10:00", "2026-05-18 09:30", "2026-05-19 11:00", "2026-05-22"),
                 IN_BERLIN, "2026-05-26 09:00 CEST", id="over Whit Monday"),
    pytest.param(checked_then_promised("2026-12-14 10:00", "2026-12-21 09:30", "2026-12-22 11:00", "2026-12-24"),
                 IN_BERLIN, "2026-12-28 09:00 CET", id="over Christmas"),
    pytest.param(checked_then_promised("2026-11-23 10:00", "2026-11-30 09:30", "2026-12-01 11:00", "2026-12-04",
                                       IN_NEW_YORK),
                 IN_NEW_YORK, "2026-12-07 09:00 EST", id="New York"),
])
def test_a_new_date_after_the_status_check_moves_the_call_to_9_the_business_day_after(
    facts: ApplicationState, where: Place, call: str
) -> None:
    actions = plan_of(facts, where)
    assert [a.kind for a in actions if a.kind in CHASE] == [ActionKind.FOLLOW_UP_CALL]
    action = the(actions, ActionKind.FOLLOW_UP_CALL)
    assert show(action.due, where.tz) == call
    assert "Acme said you would hear by" in action.reason
    assert_one_sentence(action.reason)
# fmt: on


def test_when_the_status_check_was_the_call_the_new_date_moves_the_move_on() -> None:
    facts = state(
        interviews=[interview(people=(BEN,))],
        touchpoints=[
            called("2026-06-08 09:10", Outcome.VOICEMAIL, kind=TouchpointKind.STATUS_CHECK, to=BEN),
            received("2026-06-09 11:00", Outcome.STILL_DECIDING, sender=BEN, promised="2026-06-12"),
        ],
    )
    actions = plan_of(facts)
    assert [a.kind for a in actions if a.kind in CHASE] == [ActionKind.MOVE_ON]
    assert show(the(actions, ActionKind.MOVE_ON).due) == "2026-06-15 09:00 CEST"


def test_after_the_call_the_new_date_moves_the_move_on() -> None:
    facts = checked_then_promised("2026-06-01 10:00", "2026-06-08 09:30", "2026-06-08 15:00", "2026-06-19")
    facts = state(
        interviews=facts.interviews,
        touchpoints=[
            *facts.touchpoints,
            called("2026-06-22 09:15", Outcome.NO_ANSWER),
            received("2026-06-23 10:00", Outcome.STILL_DECIDING, promised="2026-06-26"),
        ],
    )
    assert show(the(plan_of(facts), ActionKind.MOVE_ON).due) == "2026-06-29 09:00 CEST"


def test_a_reply_without_a_date_after_the_status_check_keeps_the_usual_wait() -> None:
    facts = state(
        interviews=[interview()],
        touchpoints=[
            sent("2026-06-08 09:30", TouchpointKind.STATUS_CHECK, to=ANNA),
            received("2026-06-09 11:00", Outcome.STILL_DECIDING),
        ],
    )
    # A week after their answer, at the call's usual hour.
    assert show(the(plan_of(facts), ActionKind.FOLLOW_UP_CALL).due) == "2026-06-16 10:00 CEST"


@PROPERTY
@given(
    calendars,
    first_interview_starts,
    st.integers(0, 20 * 24 * 60),
    st.integers(1, 3 * 24 * 60),
    st.integers(1, 30),
    st.sampled_from(["email", "called"]),
)
def test_the_next_step_after_a_promise_is_9_on_the_business_day_after_it(
    where: str, start: object, check_after: int, reply_after: int, promise_in: int, how: str
) -> None:
    cal = CALENDARS[where]
    held = Interview(1, 1, start, "UTC", participant_ids=(ANNA.id,), next_steps="They will call")  # type: ignore[arg-type]
    checked_at = held.ends_at + timedelta(minutes=check_after)
    replied_at = checked_at + timedelta(minutes=reply_after)
    promised: date = cal.local_date(replied_at) + timedelta(days=promise_in)
    chased = [Touchpoint(1, 1, Direction.SENT, Channel.EMAIL, checked_at, TouchpointKind.STATUS_CHECK, ANNA.id)]
    if how == "called":
        chased.append(
            Touchpoint(
                2,
                1,
                Direction.SENT,
                Channel.PHONE,
                checked_at + timedelta(minutes=1),
                TouchpointKind.FOLLOW_UP_CALL,
                ANNA.id,
                Outcome.NO_ANSWER,
            )
        )
    reply = Touchpoint(
        3, 1, Direction.RECEIVED, Channel.EMAIL, replied_at, TouchpointKind.REPLY, ANNA.id, Outcome.STILL_DECIDING,
        promised_date=promised,
    )  # fmt: skip
    base = state(interviews=[held])
    facts = ApplicationState(base.application, base.contacts, (held,), (*chased, reply))
    actions = [a for a in plan(facts, SETTINGS, cal) if a.kind in CHASE]
    expected_kind = ActionKind.FOLLOW_UP_CALL if how == "email" else ActionKind.MOVE_ON
    assert [a.kind for a in actions] == [expected_kind]
    floor = cal.add_business_days(cal.local_date(held.ends_at), SETTINGS.timings.status_check_min_business_days)
    expected = cal.at(max(cal.first_after(promised), floor), SETTINGS.timings.status_check_time)
    assert actions[0].due == expected
    assert of_kind(actions, ActionKind.STATUS_CHECK) == []
