"""Things that went stale: a thank-you overdue for ever, and a status check whose recipient jumped
between interviewers whenever a thank-you was logged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.domain.model import (
    ActionKind,
    ApplicationState,
    Channel,
    CompanyStyle,
    ContactRole,
    Outcome,
    TouchpointKind,
)
from followup.domain.playbook import due_actions
from followup.domain.settings import Settings, Timings
from playbook_fixtures import (
    ANNA,
    CLARA,
    IN_BERLIN,
    application,
    at,
    interview,
    interviewer,
    of_kind,
    plan_of,
    received,
    sent,
    show,
    state,
    the,
)
from test_playbook_rules import assert_one_sentence

TRADITIONAL = application(style=CompanyStyle.TRADITIONAL)


def thank_yous_at(facts: ApplicationState, when: str, settings: Settings = IN_BERLIN.settings) -> list[str]:
    return [
        a.kind.value for a in due_actions(facts, settings, IN_BERLIN.cal, at(when)) if a.kind is ActionKind.THANK_YOU
    ]


# -- a thank-you leaves the list once it is long past its point ------------------------------------


@pytest.mark.parametrize(
    ("facts", "expires"),
    [
        pytest.param(state(interviews=[interview()]), "2026-06-08 11:00 CEST", id="email: a week after the interview"),
        pytest.param(
            state(app=TRADITIONAL, interviews=[interview()]), "2026-06-08 11:00 CEST", id="letter: a week after too"
        ),
        pytest.param(
            state(interviews=[interview(), interview("2026-06-04 15:00", iid=2)]),
            "2026-06-04 15:00 CEST",
            id="or at the next interview, when that comes first",
        ),
    ],
)
def test_a_thank_you_not_sent_leaves_the_list_a_week_after_the_interview(facts: ApplicationState, expires: str) -> None:
    thanks = [a for a in plan_of(facts) if a.kind is ActionKind.THANK_YOU and a.interview_id == 1]
    assert [show(a.expires) for a in thanks] == [expires]


def test_the_overdue_thank_you_is_shown_until_then_and_never_16_days_later() -> None:
    facts = state(interviews=[interview()])
    assert thank_yous_at(facts, "2026-06-03 09:00") == ["thank_you"]  # overdue, still worth sending
    assert thank_yous_at(facts, "2026-06-08 10:59") == ["thank_you"]
    assert thank_yous_at(facts, "2026-06-08 11:00") == []
    assert thank_yous_at(facts, "2026-06-17 09:00") == []
    # The status check, which thanks them again, is what remains.
    later = due_actions(facts, IN_BERLIN.settings, IN_BERLIN.cal, at("2026-06-17 09:00"))
    assert [a.kind for a in later] == [ActionKind.STATUS_CHECK]


def test_the_reason_says_when_it_leaves_the_list() -> None:
    reason = the(plan_of(state(interviews=[interview()])), ActionKind.THANK_YOU).reason
    assert reason.endswith("(after Mon 8 Jun it leaves your list).")
    assert_one_sentence(reason)


def test_how_long_a_thank_you_stays_is_a_setting_but_never_before_its_deadline() -> None:
    short = Settings(timezone="Europe/Berlin", country="DE", timings=Timings(thank_you_stale_days=1))
    where = replace(IN_BERLIN, settings=short)
    email = the(plan_of(state(interviews=[interview()]), where), ActionKind.THANK_YOU)
    assert show(email.expires) == "2026-06-02 11:00 CEST"
    # A letter has 2 business days: it stays at least until then.
    letter = the(plan_of(state(app=TRADITIONAL, interviews=[interview()]), where), ActionKind.THANK_YOU)
    assert (show(letter.deadline), show(letter.expires)) == ("2026-06-03 11:00 CEST", "2026-06-03 11:00 CEST")


# -- the status check's recipient stays put ---------------------------------------------------------


def two_interviewers(*touchpoints: object) -> ApplicationState:
    """Anna (email) and Clara (letters) interviewed together on Monday 1 June."""
    return state(interviews=[interview(people=(ANNA, CLARA))], touchpoints=touchpoints)  # type: ignore[arg-type]


def status_check_for(facts: ApplicationState) -> tuple[int | None, str]:
    check = the(plan_of(facts), ActionKind.STATUS_CHECK)
    return check.contact_id, check.reason


@pytest.mark.parametrize(
    "thanked",
    [
        pytest.param((), id="nobody thanked yet"),
        pytest.param(
            (sent("2026-06-02 09:00", TouchpointKind.THANK_YOU, to=CLARA, channel=Channel.LETTER),),
            id="a letter to Clara",
        ),
        pytest.param((sent("2026-06-01 15:00", TouchpointKind.THANK_YOU, to=ANNA),), id="an email to Anna"),
        pytest.param(
            (
                sent("2026-06-01 15:00", TouchpointKind.THANK_YOU, to=ANNA),
                sent("2026-06-02 09:00", TouchpointKind.THANK_YOU, to=CLARA),
            ),
            id="both, Clara last",
        ),
    ],
)
def test_logging_thank_yous_does_not_move_the_status_check_to_someone_else(thanked: tuple[object, ...]) -> None:
    contact, reason = status_check_for(two_interviewers(*thanked))
    assert contact == ANNA.id
    assert "email Anna Schmidt (the first of the 2 people who interviewed you)" in reason
    assert_one_sentence(reason)


def test_the_hiring_manager_is_asked_when_one_interviewed_you() -> None:
    boss = interviewer(3, "Clara Weiss", role=ContactRole.HIRING_MANAGER)
    facts = state(
        contacts=[boss],
        interviews=[interview(people=(ANNA, boss))],
        touchpoints=[sent("2026-06-01 15:00", TouchpointKind.THANK_YOU, to=ANNA)],
    )
    contact, reason = status_check_for(facts)
    assert contact == boss.id
    assert "Clara Weiss (the hiring manager)" in reason


def test_whoever_wrote_to_you_last_is_the_one_to_ask_and_the_reason_says_so() -> None:
    facts = two_interviewers(received("2026-06-03 10:00", Outcome.STILL_DECIDING, sender=CLARA))
    contact, reason = status_check_for(facts)
    assert contact == CLARA.id
    assert "Clara Weiss (who last wrote to you, on Wed 3 Jun)" in reason


def test_the_call_goes_to_whoever_got_the_status_check_whatever_is_logged_after() -> None:
    facts = two_interviewers(
        sent("2026-06-08 09:30", TouchpointKind.STATUS_CHECK, to=ANNA),
        sent("2026-06-09 09:00", TouchpointKind.THANK_YOU, to=CLARA),
    )
    call = the(plan_of(facts), ActionKind.FOLLOW_UP_CALL)
    assert call.contact_id == ANNA.id
    assert "Anna Schmidt (whom you already asked)" in call.reason


def test_one_interviewer_needs_no_explanation() -> None:
    contact, reason = status_check_for(state(interviews=[interview()]))
    assert contact == ANNA.id
    assert "email Anna Schmidt to ask politely" in reason
    assert of_kind(plan_of(state(interviews=[interview()])), ActionKind.FOLLOW_UP_CALL) == []


def test_an_out_of_office_does_not_make_its_sender_the_one_to_ask() -> None:
    facts = two_interviewers(received("2026-06-03 10:00", Outcome.AUTO_REPLY, sender=CLARA))
    assert status_check_for(facts)[0] == ANNA.id
