"""An interview entered after it happened (weeks later, from another tracker's file) brings
nothing that is late the moment it is entered.

What was due around the interview is asked for once, due when it was entered and without a
deadline (a thank-you, the missing details), or not at all when its point had passed before
then (the recruiter debrief, a thank-you a week on); the status check starts from when the
interview was entered, like the note about an application entered late.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.domain.model import ActionKind, ContactRole, Source
from playbook_fixtures import (
    ANNA,
    RITA,
    application,
    interview,
    of_kind,
    plan_of,
    show,
    state,
    the,
)

# Mon 1 Jun 2026, 10:00 to 11:00 Berlin, with Anna, whose email and preferred channel are known.
INTERVIEW = "2026-06-01 10:00"


def timing(entered: str | None, kind: ActionKind) -> tuple[str | None, str | None] | None:
    facts = state(interviews=[interview(INTERVIEW, recorded_at=entered)])
    found = of_kind(plan_of(facts), kind)
    if not found:
        return None
    [action] = found
    return show(action.due), show(action.deadline)


@pytest.mark.parametrize(
    ("entered", "thank_you"),
    [
        pytest.param(None, ("2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST"), id="not known: as always"),
        pytest.param("2026-05-20 09:00", ("2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST"), id="entered ahead"),
        pytest.param("2026-06-01 18:00", ("2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST"), id="that evening"),
        pytest.param("2026-06-04 12:00", ("2026-06-04 12:00 CEST", None), id="3 days on: due now, not late"),
        pytest.param("2026-06-09 12:00", None, id="after it would have left the list: not asked"),
        pytest.param("2026-06-29 12:00", None, id="weeks on: not asked"),
    ],
)
def test_a_thank_you_is_never_late_the_moment_its_interview_is_entered(entered, thank_you) -> None:
    assert timing(entered, ActionKind.THANK_YOU) == thank_you


@pytest.mark.parametrize(
    ("entered", "status_check"),
    [
        pytest.param(None, ("2026-06-08 09:00 CEST", "2026-06-10 09:00 CEST"), id="a week after, as always"),
        pytest.param("2026-06-04 12:00", ("2026-06-08 09:00 CEST", "2026-06-10 09:00 CEST"), id="3 days on"),
        pytest.param(
            "2026-06-29 12:00", ("2026-06-30 09:00 CEST", "2026-07-02 09:00 CEST"), id="weeks on: next morning"
        ),
        pytest.param(
            "2026-06-29 08:00", ("2026-06-29 09:00 CEST", "2026-07-01 09:00 CEST"), id="before 9: that morning"
        ),
        pytest.param(
            "2026-07-04 11:00", ("2026-07-06 09:00 CEST", "2026-07-08 09:00 CEST"), id="on a Saturday: Monday"
        ),
    ],
)
def test_the_status_check_of_an_interview_entered_weeks_later_starts_then(entered, status_check) -> None:
    assert timing(entered, ActionKind.STATUS_CHECK) == status_check


def test_missing_details_of_an_interview_entered_weeks_later_are_asked_once_not_late() -> None:
    nobody = interview(INTERVIEW, people=(), recorded_at="2026-06-29 12:00")
    capture = the(plan_of(state(interviews=[nobody])), ActionKind.CAPTURE_DETAILS)
    assert (show(capture.due), show(capture.deadline), capture.expires) == ("2026-06-29 12:00 CEST", None, None)
    assert "from the interview on Mon 1 Jun" in capture.reason
    # Entered the same day: noted down within a day, as always.
    fresh = the(plan_of(state(interviews=[replace(nobody, recorded_at=None)])), ActionKind.CAPTURE_DETAILS)
    assert (show(fresh.due), show(fresh.deadline)) == ("2026-06-01 11:00 CEST", "2026-06-02 11:00 CEST")


def test_an_earlier_round_entered_after_the_next_began_asks_for_nothing_of_its_own() -> None:
    first = interview(INTERVIEW, people=(), recorded_at="2026-06-20 12:00")
    second = interview("2026-06-15 10:00", iid=2)
    actions = plan_of(state(interviews=[first, second]))
    assert [a for a in actions if a.interview_id == first.id] == []


@pytest.mark.parametrize(
    ("entered", "asked"),
    [
        pytest.param(None, True, id="not known"),
        pytest.param("2026-06-01 12:00", True, id="within its 3 hours"),
        pytest.param("2026-06-02 09:00", False, id="the next day: its point has passed"),
    ],
)
def test_the_recruiter_debrief_is_not_asked_for_once_its_hours_have_passed(entered, asked) -> None:
    app = replace(application(), source=Source.RECRUITER, recruiter_id=RITA.id)
    assert RITA.role is ContactRole.RECRUITER
    facts = state(app=app, interviews=[interview(INTERVIEW, recorded_at=entered)])
    assert bool(of_kind(plan_of(facts), ActionKind.RECRUITER_DEBRIEF)) is asked


def test_a_thank_you_entered_late_says_it_still_counts() -> None:
    facts = state(interviews=[interview(INTERVIEW, recorded_at="2026-06-04 12:00")])
    reason = the(plan_of(facts), ActionKind.THANK_YOU, ANNA).reason
    assert reason == (
        "Email Anna Schmidt a thank-you for the interview on Mon 1 Jun: a few days on, thanking them "
        "still counts (after Mon 8 Jun it leaves your list)."
    )
