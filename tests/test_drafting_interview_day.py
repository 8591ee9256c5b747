"""A draft names the day of the interview as it was agreed, on the interview's own clock.

An interview at 19:00 on a Tuesday in New York was on Tuesday, though it was already
Wednesday 01:00 for a user in Berlin: the thank-you says "Tuesday", as the interviewer
remembers it.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import ActionKind
from followup.domain.settings import Profile
from followup.drafting.facts import gather
from followup.drafting.model import DraftKind, Tone
from followup.drafting.render import render
from playbook_fixtures import ANNA, IN_BERLIN, interview, plan_of, state, the

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
PROFILE = Profile(name="Sam Jones", email="sam@example.org", phone="+49 30 1234567")


@pytest.mark.parametrize(
    ("start", "zone", "yours", "day"),
    [
        # 19:00 Tue in New York is 01:00 Wed in Berlin.
        pytest.param("2026-06-02 19:00", NEW_YORK, BERLIN, date(2026, 6, 2), id="evening in New York"),
        # 23:30 Tue in Berlin is 17:30 Tue in New York: the same day either way.
        pytest.param("2026-06-02 23:30", BERLIN, NEW_YORK, date(2026, 6, 2), id="late in Berlin"),
        # 08:00 Wed in Tokyo is 01:00 Wed in Berlin... and 19:00 Tue in New York.
        pytest.param("2026-06-03 08:00", TOKYO, NEW_YORK, date(2026, 6, 3), id="morning in Tokyo"),
        pytest.param("2026-06-02 23:59", NEW_YORK, NEW_YORK, date(2026, 6, 2), id="same zone, a minute to midnight"),
    ],
)
def test_the_interview_day_is_the_day_on_its_own_clock(start: str, zone: ZoneInfo, yours: ZoneInfo, day: date) -> None:
    facts = state(interviews=[interview(start, tz=zone, people=(ANNA,))])
    gathered = gather(facts, DraftKind.THANK_YOU_EMAIL, PROFILE, date(2026, 6, 3), yours, contact_id=ANNA.id)
    assert gathered.interview_date == day


def test_the_thank_you_for_an_evening_interview_abroad_says_the_day_it_was_there() -> None:
    facts = state(interviews=[interview("2026-06-02 19:00", tz=NEW_YORK, people=(ANNA,))])
    gathered = gather(
        facts, DraftKind.THANK_YOU_EMAIL, PROFILE, date(2026, 6, 3), BERLIN, tone=Tone.WARM, contact_id=ANNA.id
    )
    body = render(gathered).body
    assert "Tuesday" in body
    assert "Wednesday" not in body
    assert datetime(2026, 6, 2, 19, 0, tzinfo=NEW_YORK).astimezone(BERLIN).strftime("%A") == "Wednesday"


def test_the_agenda_names_the_same_day_as_the_draft() -> None:
    # The user lives in Berlin; the interview was at 19:00 on Tuesday in New York.
    facts = state(interviews=[interview("2026-06-02 19:00", tz=NEW_YORK, people=(ANNA,), next_steps=None)])
    actions = plan_of(facts, IN_BERLIN)
    assert "for the interview on Tue 2 Jun" in the(actions, ActionKind.THANK_YOU).reason
    assert "from the interview on Tue 2 Jun" in the(actions, ActionKind.CAPTURE_DETAILS).reason
    assert the(actions, ActionKind.STATUS_CHECK).reason.startswith("Your interview was on Tue 2 Jun")
