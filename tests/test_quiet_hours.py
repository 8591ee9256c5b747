"""Quiet hours: no reminder sounds inside them; one that would sounds when they began."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from followup import config
from followup.domain import quiet_hours
from followup.domain.quiet_hours import QuietHours
from followup.errors import SettingsError

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = QuietHours(time(21, 0), time(8, 0))
# Zones with summer time in either hemisphere, half-hour and 30-minute shifts, a clock change
# at midnight, and a zone whose clock moves back and forth for Ramadan.
ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Australia/Adelaide",
    "Asia/Tokyo",
    "Africa/Casablanca",
    "Pacific/Auckland",
    "UTC",
]


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ("2026-11-17T04:00", "2026-11-16T21:00"),  # after midnight: the evening before
        ("2026-11-16T23:30", "2026-11-16T21:00"),
        ("2026-11-16T21:00", "2026-11-16T21:00"),  # the ends themselves are not quiet
        ("2026-11-17T08:00", "2026-11-17T08:00"),
        ("2026-11-17T07:59", "2026-11-16T21:00"),
        ("2026-11-17T12:00", "2026-11-17T12:00"),
    ],
)
def test_an_alarm_in_the_night_sounds_when_the_quiet_began(local, expected):
    moment = datetime.fromisoformat(local).replace(tzinfo=BERLIN)
    assert NIGHT.latest_allowed(moment, BERLIN) == datetime.fromisoformat(expected).replace(tzinfo=BERLIN)


def test_quiet_hours_within_one_day_also_work():
    nap = QuietHours(time(13, 0), time(14, 30))
    moment = datetime(2026, 11, 17, 14, 0, tzinfo=BERLIN)
    assert nap.latest_allowed(moment, BERLIN) == datetime(2026, 11, 17, 13, 0, tzinfo=BERLIN)
    assert not nap.is_quiet(datetime(2026, 11, 17, 22, 0, tzinfo=BERLIN), BERLIN)


def test_the_night_the_clocks_go_forward_and_back():
    # 29 Mar 2026, Berlin: 02:00 becomes 03:00. 04:00 local is 7 hours after 21:00 the day before.
    spring = datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN)
    assert NIGHT.latest_allowed(spring, BERLIN) == datetime(2026, 3, 28, 21, 0, tzinfo=BERLIN)
    assert spring.astimezone(UTC) - datetime(2026, 3, 28, 21, 0, tzinfo=BERLIN).astimezone(UTC) == timedelta(hours=6)
    # Quiet hours that begin in the skipped hour begin when the clock jumps: the last minute before it.
    odd = QuietHours(time(2, 30), time(6, 0))
    moved = odd.latest_allowed(datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN), BERLIN)
    assert moved.astimezone(BERLIN) == datetime(2026, 3, 29, 1, 59, tzinfo=BERLIN)


def clock_changes(zone: str) -> list[datetime]:
    tz = ZoneInfo(zone)
    # Day by day is close enough: a moment is then drawn within a day and a half of the change.
    days = (datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=n) for n in range(4 * 365))
    found, before = [], None
    for hour in days:
        offset = hour.astimezone(tz).utcoffset()
        if before is not None and offset != before:
            found.append(hour)
        before = offset
    return found or [datetime(2026, 6, 1, tzinfo=UTC)]


CHANGES = {zone: clock_changes(zone) for zone in ZONES}
FIRST, LAST = datetime(2025, 1, 1), datetime(2028, 12, 31)


@st.composite
def near_a_clock_change(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone, and a moment within a day and a half of one of its clock changes (or any moment)."""
    zone = draw(st.sampled_from(ZONES))
    if draw(st.booleans()):
        return zone, draw(st.datetimes(min_value=FIRST, max_value=LAST, timezones=st.just(UTC)))
    change = draw(st.sampled_from(CHANGES[zone]))
    return zone, change + timedelta(minutes=draw(st.integers(-36 * 60, 36 * 60)))


@given(where=near_a_clock_change(), start=st.times(), end=st.times())
# Auckland's clock going back from 03:00 to 02:00 after the quiet hours (00:00-02:16) ended once: from
# 02:15 on the second pass the nearest allowed moment is 02:59 on the first, not midnight.
@example(where=("Pacific/Auckland", datetime(2025, 4, 5, 14, 15, tzinfo=UTC)), start=time(0, 0), end=time(2, 16))
def test_an_alarm_never_sounds_inside_quiet_hours_and_moves_no_further_than_needed(where, start, end):
    zone, moment = where
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    if start == end:
        return
    quiet = QuietHours(start, end)
    tz = ZoneInfo(zone)
    moved = quiet.latest_allowed(moment, tz)
    assert not quiet.is_quiet(moved, tz)
    assert moved <= moment
    if not quiet.is_quiet(moment, tz):
        assert moved == moment
        return
    assert moment - moved <= timedelta(hours=25)
    # Nearest: every minute between the moved alarm and the original one is quiet.
    step = moved + timedelta(minutes=1)
    while step < moment:
        assert quiet.is_quiet(step, tz), (moved, step)
        step += timedelta(minutes=1)


@pytest.mark.parametrize("text", ["21:00-08:00", "21:00–08:00", " 21:00 - 08:00 ", "21:00 to 08:00", "9:00-17:30"])
def test_quiet_hours_are_read_as_written(text):
    assert str(quiet_hours.parse(text)) in {"21:00-08:00", "09:00-17:30"}


@pytest.mark.parametrize("text", ["21:00", "21-08", "25:00-08:00", "21:00-21:00", "evening", "21:00-8"])
def test_what_is_not_two_different_times_is_refused(text):
    with pytest.raises(ValueError, match="time"):
        quiet_hours.parse(text)


def test_quiet_hours_are_a_setting_with_followup_config(run, paths):
    written = Path(paths["config"])
    assert run.json("config", "show")["reminders.quiet_hours"] == "21:00-08:00"
    run.ok("config", "set", "reminders.quiet_hours", "22:30–07:00")
    assert run.ok("config", "get", "reminders.quiet_hours").strip() == "22:30-07:00"
    assert '[reminders]\nquiet_hours = "22:30-07:00"' in written.read_text(encoding="utf-8")
    bad = run("config", "set", "reminders.quiet_hours", "22:00")
    assert bad.exit_code == 8
    assert "reminders.quiet_hours must be two different times of day" in bad.output
    assert "21:00-08:00" in bad.output  # the example of how to write it


def test_a_hand_written_quiet_hours_setting_is_checked(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[reminders]\nquiet_hours = "22:00-06:00"\n', encoding="utf-8")
    assert config.load(str(path)).reminders.quiet_hours == QuietHours(time(22, 0), time(6, 0))
    path.write_text('[reminders]\nquiet_hours = "late"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="quiet_hours"):
        config.load(str(path))
