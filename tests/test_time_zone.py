"""An interview keeps the time it was agreed at: changing one's own time zone never moves it.

The settings start in Berlin (tests/conftest.py). An interview entered at 14:00 is
stored with its zone; after the user's zone changes it still says 14:00, with the
user's own clock beside it when that reads differently.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from followup.domain.zones import beside, place

NOW = "2026-11-16T10:00:00+01:00"


def _interview_at_two(run) -> None:
    run.ok("app", "add", "ACME Corp", "Data Analyst", now=NOW)
    out = run.ok("interview", "add", "acme", "--at", "2026-11-20 14:00", "--kind", "video", now=NOW)
    assert "Fri 20 Nov 14:00." in out  # in the zone it was entered in, nothing beside it


def test_changing_the_zone_on_the_command_line_keeps_the_interview_at_its_time(run) -> None:
    _interview_at_two(run)
    run.ok("config", "set", "timezone", "Europe/London")

    shown = run.ok("show", "acme", now=NOW)
    assert "Fri 20 Nov 14:00 Berlin time (13:00 your time)" in shown
    [prepare] = [a for a in run.json("agenda", "--days", "14", now=NOW) if a["kind"] == "prepare"]
    assert "is on Fri 20 Nov at 14:00 Berlin time (13:00 your time)" in prepare["reason"]
    [interview] = run.json("show", "acme", now=NOW)["interviews"]
    assert (interview["starts_at"], interview["timezone"]) == ("2026-11-20T14:00:00+01:00", "Europe/Berlin")

    # Back home: one time again, the one agreed.
    run.ok("config", "set", "timezone", "Europe/Berlin")
    shown = run.ok("show", "acme", now=NOW)
    assert "Fri 20 Nov 14:00  " in shown
    assert "your time" not in shown


def test_an_interview_in_another_zone_is_recorded_there_and_shown_with_both_clocks(run) -> None:
    run.ok("app", "add", "Globex", "Analyst", now=NOW)
    out = run.ok("interview", "add", "globex", "--at", "2026-11-20 09:00", "--tz", "America/New_York", now=NOW)
    assert "Fri 20 Nov 09:00 New York time (15:00 your time)." in out
    assert "Fri 20 Nov 09:00 New York time (15:00 your time)" in run.ok("show", "globex", now=NOW)


# -- the words themselves -------------------------------------------------------------------


def test_both_clocks_are_shown_only_when_they_read_differently() -> None:
    berlin = datetime(2026, 11, 20, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert beside(berlin, ZoneInfo("Europe/Berlin")) == ""
    assert beside(berlin, ZoneInfo("Europe/Paris")) == ""  # same clock, one time
    assert beside(berlin, ZoneInfo("Europe/London")) == " Berlin time (13:00 your time)"
    late = datetime(2026, 11, 20, 1, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert beside(late, ZoneInfo("Europe/Berlin")) == " Tokyo time (Thu 19 Nov 17:00 your time)"
    utc = datetime(2026, 11, 20, 14, 0, tzinfo=ZoneInfo("UTC"))
    assert beside(utc, ZoneInfo("Europe/Berlin")) == " UTC (15:00 your time)"
    assert place("America/Argentina/Buenos_Aires") == "Buenos Aires"
