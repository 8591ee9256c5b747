"""An interview keeps the time it was agreed at: changing one's own time zone never moves it.

The settings start in Berlin (tests/conftest.py). An interview entered at 14:00 is
stored with its zone; after the user's zone changes it still says 14:00, with the
user's own clock beside it when that reads differently.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.domain.zones import beside, place

NOW = "2026-11-16T10:00:00+01:00"


def _interview_at_two(run) -> None:
    run.ok("app", "add", "ACME Corp", "Data Analyst", now=NOW)
    out = run.ok("interview", "add", "acme", "--at", "2026-11-20 14:00", "--kind", "video", now=NOW)
    assert "Fri 20 Nov 14:00." in out  # in the zone it was entered in, nothing beside it


def test_changing_the_zone_on_the_command_line_keeps_the_interview_at_its_time(run) -> None:
    _interview_at_two(run)
    # Asked about the interviews on the Berlin clock, the user leaves them as they are.
    kept = run.ok("config", "set", "timezone", "Europe/London", "--keep-interviews", now=NOW)
    assert "Left it as it is, on Berlin time with your own time beside it." in kept

    shown = run.ok("show", "acme", now=NOW)
    assert "Fri 20 Nov 14:00 Berlin time (13:00 your time)" in shown
    [prepare] = [a for a in run.json("agenda", "--days", "14", now=NOW) if a["kind"] == "prepare"]
    assert "is on Fri 20 Nov at 14:00 Berlin time (13:00 your time)" in prepare["reason"]
    [interview] = run.json("show", "acme", now=NOW)["interviews"]
    assert (interview["starts_at"], interview["timezone"]) == ("2026-11-20T14:00:00+01:00", "Europe/Berlin")

    # Back home: one time again, the one agreed.
    back = run.ok("config", "set", "timezone", "Europe/Berlin", now=NOW)
    assert "interview" not in back  # nothing entered on London's clock, nothing to ask
    shown = run.ok("show", "acme", now=NOW)
    assert "Fri 20 Nov 14:00  " in shown
    assert "your time" not in shown


def test_an_interview_in_another_zone_is_recorded_there_and_shown_with_both_clocks(run) -> None:
    run.ok("app", "add", "Globex", "Analyst", now=NOW)
    out = run.ok("interview", "add", "globex", "--at", "2026-11-20 09:00", "--tz", "America/New_York", now=NOW)
    assert "Fri 20 Nov 09:00 New York time (15:00 your time)." in out
    assert "Fri 20 Nov 09:00 New York time (15:00 your time)" in run.ok("show", "globex", now=NOW)


# -- interviews entered on a guessed zone ---------------------------------------------------
#
# The zone was this computer's UTC when two interviews were entered "at 14:00"; the user then
# sets Europe/Berlin. They are asked whether those keep their clock time in Berlin: never silently.


def _entered_on_utc(run) -> None:
    run.ok("config", "set", "timezone", "UTC")
    run.ok("app", "add", "ACME Corp", "Data Analyst", now=NOW)
    run.ok("interview", "add", "acme", "--at", "2026-11-20 14:00", now=NOW)  # upcoming
    run.ok("app", "add", "Globex", "Analyst", now=NOW)
    run.ok("interview", "add", "globex", "--at", "2026-11-12 09:30", now=NOW)  # last week: recent
    run.ok("interview", "add", "globex", "--at", "2026-10-01 11:00", now=NOW)  # history: not offered
    run.ok("interview", "add", "globex", "--at", "2026-11-25 09:00", "--tz", "America/New_York", now=NOW)


def _times(run) -> dict[str, tuple[str, str]]:
    shown = {}
    for app in ("acme", "globex"):
        for interview in run.json("show", app, now=NOW)["interviews"]:
            shown[interview["starts_at"][:10]] = (interview["starts_at"][11:], interview["timezone"])
    return shown


def test_a_script_must_say_what_becomes_of_interviews_on_the_old_clock(run) -> None:
    _entered_on_utc(run)
    refused = run("config", "set", "timezone", "Europe/Berlin", now=NOW)
    assert refused.exit_code == 2
    assert "2 interviews were entered on UTC time; the time zone is not changed yet" in refused.output
    assert "--move-interviews to keep their clock time in Europe/Berlin" in refused.output
    assert "--keep-interviews to leave them as they are" in refused.output
    assert run.ok("config", "get", "timezone").strip() == "UTC"


def test_moving_keeps_the_clock_time_in_the_new_zone(run) -> None:
    _entered_on_utc(run)
    out = run.ok("config", "set", "timezone", "Europe/Berlin", "--move-interviews", now=NOW)
    assert "ACME Corp, Data Analyst: Fri 20 Nov 14:00 UTC (15:00 your time)" in out
    assert "Globex, Analyst: Thu 12 Nov 09:30 UTC (10:30 your time)" in out
    assert "Moved 2 interviews and their reminders to the same clock time in Europe/Berlin." in out
    assert _times(run) == {
        "2026-11-20": ("14:00:00+01:00", "Europe/Berlin"),
        "2026-11-12": ("09:30:00+01:00", "Europe/Berlin"),
        "2026-10-01": ("11:00:00+00:00", "UTC"),  # long past: left as it was
        "2026-11-25": ("09:00:00-05:00", "America/New_York"),  # agreed on New York's clock: not ours to move
    }
    assert "Fri 20 Nov 14:00  " in run.ok("show", "acme", now=NOW)
    # The preparation reminder moved with it: it is planned from the interview's new time.
    agenda = run.json("agenda", "--days", "14", now=NOW)
    [prepare] = [a for a in agenda if a["application_id"] == 1 and a["kind"] == "prepare"]
    assert "is on Fri 20 Nov at 14:00:" in prepare["reason"]
    assert prepare["deadline"] == "2026-11-20T14:00:00+01:00"


def test_keeping_leaves_them_on_the_old_clock_with_yours_beside_it(run) -> None:
    _entered_on_utc(run)
    out = run.ok("config", "set", "timezone", "Europe/Berlin", "--keep-interviews", now=NOW)
    assert "Left them as they are, on UTC time with your own time beside it." in out
    assert _times(run)["2026-11-20"] == ("14:00:00+00:00", "UTC")
    assert "Fri 20 Nov 14:00 UTC (15:00 your time)" in run.ok("show", "acme", now=NOW)


def test_the_flags_belong_to_a_change_of_zone(run) -> None:
    refused = run("config", "set", "country", "FR", "--move-interviews")
    assert refused.exit_code == 2
    assert "go with a change of timezone" in refused.output


@pytest.mark.slow
def test_in_a_terminal_the_question_is_asked(paths) -> None:
    import os
    import subprocess
    import sys

    import pexpect

    env = {**os.environ, "FOLLOWUP_DB": paths["db"], "FOLLOWUP_CONFIG": paths["config"], "COLUMNS": "120"}

    def followup(*args: str) -> str:
        command = [sys.executable, "-m", "followup", "--now", NOW, *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    followup("config", "set", "timezone", "UTC")
    followup("app", "add", "ACME Corp", "Data Analyst")
    followup("interview", "add", "acme", "--at", "2026-11-20 14:00")
    command = ["-m", "followup", "--now", NOW, "config", "set", "timezone", "Europe/Berlin"]
    child = pexpect.spawn(sys.executable, command, env=env, encoding="utf-8", timeout=30)
    child.expect_exact("ACME Corp, Data Analyst: Fri 20 Nov 14:00 UTC (15:00 your time)")
    child.expect_exact("1 interview was entered on UTC time. Keep it at the same clock time in Europe/Berlin? [y/n]")
    child.sendline("")  # no default: a choice this big is not made by pressing Enter
    child.expect_exact("Keep it at the same clock time in Europe/Berlin? [y/n]")
    child.sendline("y")
    child.expect_exact("Moved 1 interview and its reminders to the same clock time in Europe/Berlin")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Fri 20 Nov 14:00  " in followup("show", "acme")


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
