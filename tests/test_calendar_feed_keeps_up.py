"""The calendar feed keeps up: what left the list is cancelled, interviews keep their clock,
alarms keep out of the quiet hours. Read back with two parsers and with a real calendar (khal)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from followup import config
from followup.app import actions, agenda, applications, calendar
from followup.app.context import Env
from followup.domain.model import ContactRole
from followup.domain.quiet_hours import QuietHours
from followup.store.calendar_feed import LEDGER_PREFIX, InterviewRow
from followup.transfer.ical import calendar_text, timezone_lines

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
NIGHT = QuietHours(time(21, 0), time(8, 0))


def parsed(text: str) -> dict[str, Any]:
    """The events by UID, after checking vobject reads the same UIDs and instants."""
    ours: dict[str, Any] = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    theirs = {e.uid.value: e for e in vobject.readOne(text).vevent_list}
    assert ours.keys() == theirs.keys()
    for uid, event in ours.items():
        assert event["DTSTART"].dt == theirs[uid].dtstart.value
    return ours


@pytest.fixture
def tokyo(env: Env):
    """An application in Tokyo: a video interview at 10:00 Tokyo time, 02:00 on the user's Berlin clock."""
    app = applications.add_application(env, applications.NewApplication(company="Kaisha", role="Data Analyst"))
    ken = applications.add_contact(
        env, applications.NewContact(name="Ken Sato", role=ContactRole.INTERVIEWER), application_id=app.id
    )
    interview = applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime(2026, 11, 20, 10, 0, tzinfo=TOKYO), timezone="Asia/Tokyo", participants=[ken.id]
        ),
    )
    return {"app": app, "interview": interview, "uid": f"interview-{interview.id}@followup"}


# -- an interview keeps its own clock ---------------------------------------------------------------


def test_an_interview_abroad_is_written_on_its_own_clock_with_its_zone(env, tokyo):
    text = calendar.feed(env).text
    assert "DTSTART;TZID=Asia/Tokyo:20261120T100000\r\n" in text
    assert "DTEND;TZID=Asia/Tokyo:20261120T110000\r\n" in text
    zones = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Tokyo"]
    event = parsed(text)[tokyo["uid"]]
    start = event["DTSTART"].dt
    assert start.astimezone(UTC) == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    assert start.replace(tzinfo=None) == datetime(2026, 11, 20, 10, 0)
    assert str(start.tzinfo) == "Asia/Tokyo"


def test_an_interview_agreed_in_utc_stays_in_utc(env):
    app = applications.add_application(env, applications.NewApplication(company="Remote", role="Analyst"))
    start = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    applications.add_interview(env, app.id, applications.NewInterview(starts_at=start, timezone="UTC"))
    text = calendar.feed(env).text
    assert "DTSTART:20261120T150000Z\r\n" in text
    assert "VTIMEZONE" not in text


def test_an_interview_in_the_hour_the_clock_goes_back_is_written_in_utc(env):
    # 1 Nov 2026, New York: 01:30 happens twice; parsers disagree on which one a local time means.
    app = applications.add_application(env, applications.NewApplication(company="Early", role="Analyst"))
    second = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York"))
    applications.add_interview(
        env, app.id, applications.NewInterview(starts_at=second, timezone="America/New_York", duration_minutes=60)
    )
    text = calendar.feed(env).text
    assert "DTSTART:20261101T063000Z\r\n" in text
    assert "DTEND;TZID=America/New_York:20261101T023000\r\n" in text  # 02:30 happens once


def test_the_time_zone_in_the_feed_agrees_with_the_zone_data_across_clock_changes():
    for name in ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Asia/Tokyo"):
        ours = zone_from_feed(name)
        zone = ZoneInfo(name)
        moment = datetime(2025, 1, 1, 0, 30, tzinfo=UTC)
        while moment < datetime(2028, 1, 1, tzinfo=UTC):
            assert moment.astimezone(ours).utcoffset() == moment.astimezone(zone).utcoffset(), (name, moment)
            moment += timedelta(hours=7)


def zone_from_feed(name: str) -> Any:
    """The VTIMEZONE the feed writes for `name`, as a tzinfo built from its text alone
    (not from the parser's own zone data), for events from March to November 2026."""
    lines = ["BEGIN:VCALENDAR", *timezone_lines(name, *SPAN), "END:VCALENDAR"]
    component: Any
    (component,) = icalendar.Calendar.from_ical("".join(f"{line}\r\n" for line in lines)).walk("VTIMEZONE")
    return component.to_tz(lookup_tzid=False)


SPAN = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC))


@given(
    zone=st.sampled_from(["Europe/Berlin", "America/Santiago", "Africa/Casablanca", "Australia/Lord_Howe"]),
    moment=st.datetimes(min_value=datetime(2025, 1, 2), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
)
def test_any_moment_reads_the_same_on_the_feeds_zone_and_the_zone_data(zone, moment):
    assert moment.astimezone(zone_from_feed(zone)).utcoffset() == moment.astimezone(ZoneInfo(zone)).utcoffset()


# -- alarms keep out of quiet hours -------------------------------------------------------------------


def alarm_times(event: Any) -> list[datetime]:
    """When each alarm sounds: the trigger is an exact duration, so it is added in UTC (wall-clock
    arithmetic on the event's zone would be an hour off across a clock change)."""
    start = event["DTSTART"].dt.astimezone(UTC)
    return [start + alarm["TRIGGER"].dt for alarm in event.walk("VALARM")]


def test_the_reminder_for_an_interview_at_night_sounds_the_evening_before(env, tokyo):
    event = parsed(calendar.feed(env).text)[tokyo["uid"]]
    (alarm,) = event.walk("VALARM")
    # 10:00 in Tokyo is 02:00 in Berlin; an hour before is 01:00, so it sounds at 21:00 the evening before.
    assert alarm["TRIGGER"].dt == -timedelta(hours=5)
    assert alarm_times(event) == [datetime(2026, 11, 19, 21, 0, tzinfo=BERLIN)]
    assert str(alarm["DESCRIPTION"]) == "Interview for Data Analyst at Kaisha (Fri 20 Nov 2026, 02:00 your time)"


def test_no_alarm_in_the_feed_sounds_inside_the_quiet_hours(env, tokyo):
    for event in parsed(calendar.feed(env).text).values():
        for moment in alarm_times(event):
            assert not NIGHT.is_quiet(moment, BERLIN), (str(event["SUMMARY"]), moment.astimezone(BERLIN))


def test_the_quiet_hours_are_the_users_to_change(env, tokyo):
    config.set_value(env.config_path, "reminders.quiet_hours", "23:00-00:30")
    env.reload_settings()
    event = parsed(calendar.feed(env).text)[tokyo["uid"]]
    assert event["SEQUENCE"] == 0
    assert alarm_times(event) == [datetime(2026, 11, 20, 1, 0, tzinfo=BERLIN)]  # 01:00 is no longer quiet
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == "In an hour: interview for Data Analyst at Kaisha"


ZONES = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "America/Santiago", "UTC"]


@given(
    yours=st.sampled_from(ZONES),
    theirs=st.sampled_from(ZONES),
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
    quiet=st.tuples(st.integers(0, 23), st.integers(0, 23)).filter(lambda ends: ends[0] != ends[1]),
)
def test_an_interview_alarm_read_back_from_the_feed_is_never_in_quiet_hours(yours, theirs, start, quiet):
    """Written with the interview's TZID and read back by a parser: DST on either side moves nothing."""
    night = QuietHours(time(quiet[0]), time(quiet[1]))
    row = InterviewRow(
        id=1,
        application_id=1,
        company="Kaisha",
        role="Analyst",
        status="interviewing",
        closed_at=None,
        round=1,
        starts_at=start.replace(second=0, microsecond=0),
        minutes=60,
        kind="video",
        next_steps=None,
        timeline_text=None,
        decision_date=None,
        main_points=None,
        recorded_at=None,
        timezone=theirs,
    )
    event = calendar.interview_event(row, ZoneInfo(yours), quiet=night)
    text = calendar_text(calendar.CALENDAR, [event])
    (read,) = parsed(text).values()
    (sounds,) = alarm_times(read)
    assert not night.is_quiet(sounds, ZoneInfo(yours))
    assert sounds == night.latest_allowed(row.starts_at - timedelta(hours=1), ZoneInfo(yours))


# -- what left the list is cancelled ----------------------------------------------------------------------


def test_a_skipped_follow_up_and_a_deleted_interview_are_sent_as_cancelled(env, clock, tokyo):
    first = parsed(calendar.feed(env).text)
    item = next(i for i in agenda.agenda(env, 60) if i.kind == "thank_you")
    actions.skip(env, item.id)
    applications.delete_interview(env, tokyo["interview"].id)
    clock.advance(minutes=3)
    text = calendar.feed(env).text
    after = parsed(text)
    for uid in (f"action-{item.id}@followup", tokyo["uid"]):
        assert str(after[uid]["STATUS"]) == "CANCELLED", uid
        assert after[uid]["SEQUENCE"] == first[uid]["SEQUENCE"] + 1
        assert after[uid]["DTSTART"].dt == first[uid]["DTSTART"].dt
        assert after[uid]["DTSTAMP"].dt == after[uid]["LAST-MODIFIED"].dt == clock.now.astimezone(UTC)
        assert not after[uid].walk("VALARM")
    assert str(after[tokyo["uid"]]["DESCRIPTION"]) == "Removed from followup."
    # Asking again changes nothing: no new revision, the same bytes.
    clock.advance(hours=5)
    assert calendar.feed(env).text == text


def test_a_thank_you_no_longer_due_is_sent_as_cancelled(env, clock, tokyo):
    item = next(i for i in agenda.agenda(env, 60) if i.kind == "thank_you")
    uid = f"action-{item.id}@followup"
    assert str(parsed(calendar.feed(env).text)[uid]["STATUS"]) == "CONFIRMED"
    # A week after the interview a thank-you would read oddly, so it leaves the list unsent.
    clock.advance(days=12)
    assert item.id not in {i.id for i in agenda.agenda(env, 60)}
    event = parsed(calendar.feed(env).text)[uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["DESCRIPTION"]) == "No longer on your list: done, skipped, or no longer due."


def test_a_follow_up_further_ahead_than_the_feed_looks_is_neither_shown_nor_cancelled(env, clock, tokyo):
    wide = parsed(calendar.feed(env, days=60).text)
    later = [uid for uid, event in wide.items() if "Status check" in str(event["SUMMARY"])]
    assert later
    narrow = parsed(calendar.feed(env, days=1).text)
    assert not set(later) & set(narrow)
    again = parsed(calendar.feed(env, days=60).text)
    assert {uid: again[uid]["SEQUENCE"] for uid in later} == {uid: wide[uid]["SEQUENCE"] for uid in later}
    assert all(str(again[uid]["STATUS"]) == "CONFIRMED" for uid in later)


def test_a_follow_up_reads_as_it_did_before_events_had_a_zone(env, tokyo):
    """The ledger's fingerprint of an event in UTC is the one written before interviews had a TZID,
    so upgrading gives no follow-up a new SEQUENCE."""
    item = next(i for i in agenda.agenda(env, 60) if i.kind == "thank_you")
    event = calendar.action_event(item, env.tz, quiet=NIGHT)
    bare = dataclasses.replace(event, stamp=datetime(1970, 1, 1, tzinfo=UTC), sequence=0, created=None, url=None)
    before = dataclasses.asdict(bare)
    del before["zone"]
    alarms = ", ".join(f"Alarm(description={a.description!r}, before={a.before!r})" for a in event.alarms)
    written_before = (
        "Event("
        + ", ".join(
            f"{name}={value!r}" if name != "alarms" else f"alarms=({alarms},)" for name, value in before.items()
        )
        + ")"
    )
    assert calendar.fingerprint(event) == hashlib.blake2b(written_before.encode(), digest_size=12).hexdigest()


def test_a_ledger_written_before_cancellations_learns_and_then_cancels(env, clock, tokyo):
    calendar.feed(env)
    # The ledger's older form: fingerprint, sequence and when it changed, nothing of what was published.
    rows = env.conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", (LEDGER_PREFIX + "%",)).fetchall()
    with env.conn:
        for key, value in rows:
            env.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (" ".join(value.split(" ")[:3]), key))
    before = parsed(calendar.feed(env).text)
    item = next(i for i in agenda.agenda(env, 60) if i.kind == "thank_you")
    uid = f"action-{item.id}@followup"
    actions.mark_done(env, item.id)
    after = parsed(calendar.feed(env).text)[uid]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] == before[uid]["SEQUENCE"] + 1


# -- a real calendar app ------------------------------------------------------------------------------


class Khal:
    """khal with its own configuration and calendar folder, on the user's Berlin clock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "calendar").mkdir()
        self.config = folder / "config"
        self.config.write_text(
            "[calendars]\n[[followup]]\n"
            f"path = {folder / 'calendar'}\ntype = calendar\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            "default_timezone = Europe/Berlin\nlocal_timezone = Europe/Berlin\n"
            f"[sqlite]\npath = {folder / 'khal.db'}\n",
            encoding="utf-8",
        )

    def __call__(self, *args: str) -> str:
        khal = Path(sys.executable).with_name("khal")
        done = subprocess.run(
            [str(khal), "-c", str(self.config), *args], capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def import_feed(self, text: str, name: str) -> None:
        path = self.folder / name
        path.write_bytes(text.encode("utf-8"))
        self("import", "--batch", str(path))

    def events(self) -> dict[str, dict[str, Any]]:
        fields = ("uid", "title", "start", "end", "cancelled", "alarms-list")
        out = self("list", "--once", *(arg for field in fields for arg in ("--json", field)), "2026-11-01", "60d")
        listed = [event for line in out.splitlines() if line.strip() for event in json.loads(line)]
        return {event["uid"]: event for event in listed}


@pytest.mark.slow
def test_khal_drops_a_done_follow_up_and_shows_the_interview_abroad_at_the_right_time(env, clock, tokyo, tmp_path):
    khal = Khal(tmp_path)
    khal.import_feed(calendar.feed(env).text, "first.ics")
    shown = khal.events()
    interview = shown[tokyo["uid"]]
    # On the user's Berlin clock: 10:00 in Tokyo is 02:00 in Berlin.
    assert (interview["start"], interview["end"]) == ("2026-11-20 02:00", "2026-11-20 03:00")
    assert interview["cancelled"] == ""
    assert interview["title"] == "Interview: Data Analyst at Kaisha"
    # Its reminder, as khal reads it: five hours before, 21:00 the evening before on the user's clock.
    assert [alarm["delta"] for alarm in interview["alarms-list"]] == [-5 * 3600]
    # khal keeps the interview on Tokyo's clock, as the feed wrote it.
    stored = icalendar.Calendar.from_ical((tmp_path / "calendar" / f"{tokyo['uid']}.ics").read_text())
    event: Any
    (event,) = stored.walk("VEVENT")
    assert event["DTSTART"].dt == datetime(2026, 11, 20, 10, 0, tzinfo=TOKYO)
    assert str(event["DTSTART"].dt.tzinfo) == "Asia/Tokyo"

    item = next(i for i in agenda.agenda(env, 60) if i.kind == "thank_you")
    uid = f"action-{item.id}@followup"
    assert shown[uid]["title"] == calendar.action_summary(item)
    live = {u for u, e in shown.items() if e["cancelled"] == ""}
    assert uid in live
    actions.mark_done(env, item.id)
    clock.advance(minutes=5)
    khal.import_feed(calendar.feed(env).text, "second.ics")
    after = khal.events()
    # The same event, now cancelled: no longer among the things to do, and not a second copy.
    assert uid not in {u for u, e in after.items() if e["cancelled"] == ""}
    assert after[uid]["cancelled"] == "CANCELLED"
    assert len(list((tmp_path / "calendar").glob(f"{uid}.ics"))) == 1
    assert live - {uid} == {u for u, e in after.items() if e["cancelled"] == ""}
