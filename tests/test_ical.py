"""The calendar feed: RFC 5545 text read back by two independent parsers, and `followup export --format ics`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from followup.app import agenda, applications, calendar
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction, InterviewKind, Outcome
from followup.store import records
from followup.transfer.ical import Alarm, Calendar, Event, calendar_text, duration, escape_text, fold, normalize_text

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
NASTY = "Café; Müller, & <Co>"


def one_event(**changes: object) -> Event:
    values: dict[str, object] = {
        "uid": "interview-1@followup",
        "start": T0,
        "end": T0 + timedelta(hours=1),
        "summary": "Interview",
        "stamp": T0,
    }
    values.update(changes)
    return Event(**values)  # type: ignore[arg-type]


def text_of(*events: Event) -> str:
    return calendar_text(Calendar("followup"), events)


def both_parsers(text: str) -> tuple[list[Any], list[Any]]:
    with_icalendar = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    with_vobject = list(vobject.readOne(text).vevent_list)
    return with_icalendar, with_vobject


def physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in lines), "a bare LF or CR in the output"
    return lines


# -- the writer ---------------------------------------------------------------------------------


def test_a_calendar_has_the_required_header_and_crlf_line_ends():
    text = text_of(one_event())
    lines = physical_lines(text)
    assert lines[:4] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//followup//followup//EN", "CALSCALE:GREGORIAN"]
    assert "X-WR-CALNAME:followup" in lines
    assert lines[-1] == "END:VCALENDAR"


def test_commas_semicolons_backslashes_and_newlines_are_escaped_and_read_back():
    description = f"{NASTY}\nsecond line\\ with a backslash\r\nthird"
    text = text_of(one_event(summary=f"Interview: Data Analyst at {NASTY}", description=description))
    assert r"SUMMARY:Interview: Data Analyst at Café\; Müller\, & <Co>" in text
    assert r"\nsecond line\\ with a backslash\nthird" in text.replace("\r\n ", "")
    ours, theirs = both_parsers(text)
    assert str(ours[0]["SUMMARY"]) == theirs[0].summary.value == f"Interview: Data Analyst at {NASTY}"
    expected = f"{NASTY}\nsecond line\\ with a backslash\nthird"
    assert str(ours[0]["DESCRIPTION"]) == theirs[0].description.value == expected


def test_long_lines_are_folded_at_75_octets_without_cutting_a_character():
    summary = "Ü" * 100 + "x" * 30 + "€" * 40
    text = text_of(one_event(summary=summary))
    lines = physical_lines(text)
    assert max(len(line.encode()) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    ours, theirs = both_parsers(text)
    assert str(ours[0]["SUMMARY"]) == theirs[0].summary.value == summary


def test_times_are_utc_and_the_alarm_comes_before_the_start():
    start = datetime(2026, 11, 17, 14, 0, tzinfo=BERLIN)
    event = one_event(start=start, end=start + timedelta(minutes=45), alarms=(Alarm("Soon", timedelta(hours=1)),))
    text = text_of(event)
    assert "DTSTART:20261117T130000Z" in text
    assert "DTEND:20261117T134500Z" in text
    assert "TRIGGER;RELATED=START:-PT1H" in text
    ours, theirs = both_parsers(text)
    assert ours[0]["DTSTART"].dt == theirs[0].dtstart.value == start
    assert ours[0].walk("VALARM")[0]["TRIGGER"].dt == theirs[0].valarm.trigger.value == timedelta(hours=-1)
    assert str(ours[0].walk("VALARM")[0]["ACTION"]) == theirs[0].valarm.action.value == "DISPLAY"


def test_a_cancelled_event_has_no_alarm_and_does_not_block_time():
    text = text_of(one_event(cancelled=True, alarms=(Alarm("Soon"),)))
    assert "STATUS:CANCELLED" in text
    assert "TRANSP:TRANSPARENT" in text
    assert "VALARM" not in text


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "PT0S"),
        (timedelta(minutes=-15), "-PT15M"),
        (timedelta(hours=1, minutes=30), "PT1H30M"),
        (timedelta(days=2), "P2D"),
        (timedelta(days=1, seconds=5), "P1DT5S"),
    ],
)
def test_durations(delta, expected):
    assert duration(delta) == expected


def test_control_characters_are_dropped_and_line_breaks_unified():
    assert normalize_text("a\x00b\x1bc\td\r\ne\rf") == "ab" + "c\td\ne\nf"
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# Text from every corner of Unicode except surrogates (they cannot be UTF-8 encoded).
any_text = st.text(st.characters(codec="utf-8"), max_size=300)


@given(summary=any_text.filter(lambda s: normalize_text(s).strip()), description=any_text)
def test_any_text_survives_both_parsers(summary, description):
    text = text_of(one_event(summary=summary, description=description or None))
    ours, theirs = both_parsers(text)
    assert str(ours[0]["SUMMARY"]) == normalize_text(summary)
    assert theirs[0].summary.value == normalize_text(summary)
    if normalize_text(description):
        assert str(ours[0]["DESCRIPTION"]) == normalize_text(description)
        assert theirs[0].description.value == normalize_text(description)


@given(line=st.text(st.characters(codec="utf-8").filter(lambda c: c not in "\r\n"), max_size=500))
def test_folding_keeps_every_line_within_75_octets_and_unfolds_to_the_original(line):
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join([pieces[0], *(piece[1:] for piece in pieces[1:])]) == line


# -- what goes into the calendar -----------------------------------------------------------------


@pytest.fixture
def search(env, clock):
    """One application with a round-2 video interview tomorrow, two interviewers, and a second one later."""
    app = applications.add_application(env, applications.NewApplication(company=NASTY, role="Data Analyst"))
    anna = applications.add_contact(
        env,
        applications.NewContact(name="Anna Berg", role=ContactRole.INTERVIEWER, title="Head of Data"),
        application_id=app.id,
    )
    zoe = applications.add_contact(
        env,
        applications.NewContact(name="Zoë Ümlaut", role=ContactRole.INTERVIEWER, email="zoe@example.com"),
        application_id=app.id,
    )
    interview = applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime(2026, 11, 17, 14, 0, tzinfo=BERLIN),
            participants=[anna.id, zoe.id],
            kind=InterviewKind.VIDEO,
            round=2,
            duration_minutes=45,
        ),
    )
    return {"app": app, "interview": interview, "anna": anna, "zoe": zoe}


def events_by_uid(text: str) -> dict[str, Any]:
    ours, theirs = both_parsers(text)
    assert sorted(str(e["UID"]) for e in ours) == sorted(e.uid.value for e in theirs)
    return {str(event["UID"]): event for event in ours}


def test_the_interview_is_an_event_with_its_people_and_a_reminder(env, search):
    events = events_by_uid(calendar.feed(env).text)
    event = events[f"interview-{search['interview'].id}@followup"]
    assert str(event["SUMMARY"]) == f"Interview: Data Analyst at {NASTY} (round 2)"
    assert event["DTSTART"].dt == datetime(2026, 11, 17, 13, 0, tzinfo=UTC)
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=45)
    assert str(event["LOCATION"]) == "Video call"
    assert "With: Anna Berg (Head of Data), Zoë Ümlaut" in str(event["DESCRIPTION"])
    assert event.walk("VALARM")[0]["TRIGGER"].dt == timedelta(hours=-1)


def test_due_follow_ups_are_events_that_alert_and_say_why(env, search):
    items = {item.id: item for item in agenda.agenda(env, calendar.FEED_DAYS)}
    events = events_by_uid(calendar.feed(env).text)
    thanks = next(i for i in items.values() if i.kind == "thank_you" and i.contact == "Anna Berg")
    event = events[f"action-{thanks.id}@followup"]
    assert str(event["SUMMARY"]) == f"Thank-you (email): Anna Berg ({NASTY})"
    assert event["DTSTART"].dt == thanks.due
    assert str(event["DESCRIPTION"]).startswith(thanks.reason)
    assert "Do it by: Wed 18 Nov 2026, 14:45" in str(event["DESCRIPTION"])
    assert str(event["TRANSP"]) == "TRANSPARENT"
    alarm = event.walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(0)
    assert {f"action-{item_id}@followup" for item_id in items} <= set(events)


def test_an_unchanged_feed_is_the_same_bytes_and_a_change_keeps_the_uid(env, clock, search):
    first = calendar.feed(env).text
    clock.advance(hours=2)
    assert calendar.feed(env).text == first  # nothing changed: same stamps, same sequence

    uid = f"interview-{search['interview'].id}@followup"
    before = events_by_uid(first)[uid]
    applications.edit_interview(
        env,
        search["interview"].id,
        applications.InterviewChanges(starts_at=datetime(2026, 11, 18, 10, 0, tzinfo=BERLIN)),
    )
    after = events_by_uid(calendar.feed(env).text)[uid]
    assert after["DTSTART"].dt == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert before["SEQUENCE"] == 0
    assert after["SEQUENCE"] == 1
    assert after["LAST-MODIFIED"].dt == clock.now.astimezone(UTC)
    assert after["DTSTAMP"].dt > before["DTSTAMP"].dt
    # The other events did not change, so they keep their revision.
    unchanged = [u for u in events_by_uid(first) if u.startswith("action-") and "thank" not in u]
    assert unchanged


def test_a_closed_application_cancels_its_coming_interview_under_the_same_uid(env, clock, search):
    uid = f"interview-{search['interview'].id}@followup"
    calendar.feed(env)
    applications.log_touchpoint(
        env,
        search["app"].id,
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL, outcome=Outcome.REJECTION),
    )
    event = events_by_uid(calendar.feed(env).text)[uid]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Interview (cancelled):")
    assert event["SEQUENCE"] == 1
    assert not event.walk("VALARM")
    assert records.get_application(env.store, search["app"].id).status is (ApplicationStatus.REJECTED)


def test_done_follow_ups_are_sent_as_cancelled_then_leave_the_calendar(env, clock, search):
    from followup.app import actions

    item = next(i for i in agenda.agenda(env, 60) if i.kind == "thank_you")
    uid = f"action-{item.id}@followup"
    before = events_by_uid(calendar.feed(env).text)[uid]
    actions.mark_done(env, item.id)
    clock.advance(minutes=5)
    # A calendar app that imports the file drops it only when told: same UID, cancelled, a newer revision.
    after = events_by_uid(calendar.feed(env).text)[uid]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after["DTSTART"].dt == before["DTSTART"].dt
    assert str(after["SUMMARY"]) == str(before["SUMMARY"])
    assert after["LAST-MODIFIED"].dt == clock.now.astimezone(UTC)
    assert not after.walk("VALARM")
    clock.advance(days=30)
    assert uid in calendar.feed(env).text  # still told for CANCELLED_DAYS
    clock.advance(days=1)
    assert uid not in calendar.feed(env).text


def test_days_limits_how_far_ahead_follow_ups_go(env, search):
    soon = events_by_uid(calendar.feed(env, days=1).text)
    later = events_by_uid(calendar.feed(env, days=30).text)
    assert any("Status check" in str(e["SUMMARY"]) for e in later.values())
    assert not any("Status check" in str(e["SUMMARY"]) for e in soon.values())
    assert f"interview-{search['interview'].id}@followup" in soon  # interviews are always there


# -- the command line -----------------------------------------------------------------------------


def test_export_ics_prints_the_calendar(run):
    run.ok("app", "add", NASTY, "Data Analyst")
    run.ok("interview", "add", "1", "--at", "2026-11-17 14:00", "--with", "Anna Berg", now="2026-11-16T10:00:00+01:00")
    result = run("export", "--format", "ics", now="2026-11-16T10:00:00+01:00")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    events = events_by_uid(raw.decode("utf-8"))
    assert str(events["interview-1@followup"]["SUMMARY"]) == f"Interview: Data Analyst at {NASTY}"


def test_export_ics_to_a_file_says_what_it_wrote(run, tmp_path):
    now = "2026-11-16T10:00:00+01:00"
    run.ok("app", "add", "ACME", "Data Analyst", now=now)
    run.ok("interview", "add", "1", "--at", "2026-11-17 14:00", "--with", "Anna Berg", now=now)
    due = run.json("agenda", "--days", "3", now=now)
    out = tmp_path / "followup.ics"
    printed = run.ok("export", "--out", str(out), "--days", "3", now=now)
    assert printed.splitlines()[0] == f"Exported 1 interview and {len(due)} follow-ups to {out}."
    events = events_by_uid(out.read_bytes().decode("utf-8"))
    assert set(events) == {"interview-1@followup"} | {f"action-{item['id']}@followup" for item in due}


def test_days_without_the_calendar_format_is_refused(run):
    result = run("export", "--format", "json", "--days", "3")
    assert result.exit_code != 0
    assert "--days only applies to the calendar export" in result.output
