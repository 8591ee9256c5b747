"""Reminders: each follow-up reminded of once, at its minute on the user's clock, with good manners
(quiet hours, weekends), recorded so that a restart or a second process sends nothing twice."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup import config
from followup.app import applications, reminders
from followup.app.context import Env, bootstrap
from followup.domain.model import ContactRole
from followup.domain.quiet_hours import QuietHours
from followup.domain.settings import Reminders
from followup.store import db

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def interview(env: Env, company: str, starts_at: datetime) -> int:
    app = applications.add_application(env, applications.NewApplication(company=company, role="Data Analyst"))
    ann = applications.add_contact(
        env, applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER), application_id=app.id
    )
    applications.add_interview(env, app.id, applications.NewInterview(starts_at=starts_at, participants=[ann.id]))
    return app.id


def minute_by_minute(env: Env, clock, until: datetime) -> list[tuple[str, datetime]]:
    """(kind, the user's clock when sent) of every reminder sent, a pass a minute until `until`."""
    sent = []
    while clock.now < until:
        for reminder in reminders.remind(env).sent:
            sent.append((reminder.kind, clock.now.astimezone(env.tz)))
        clock.advance(minutes=1)
    return sent


def test_a_week_of_actions_fires_each_reminder_once_at_its_minute_across_the_clock_change(env, clock):
    # Berlin moves its clocks forward on Sunday 28 March 2027; the status check comes after.
    clock.set("2027-03-24T09:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN))

    sent = minute_by_minute(env, clock, datetime(2027, 4, 2, 10, 0, tzinfo=BERLIN))

    assert sorted(sent) == [
        ("capture_details", datetime(2027, 3, 26, 15, 0, tzinfo=BERLIN)),
        ("prepare", datetime(2027, 3, 24, 14, 0, tzinfo=BERLIN)),
        ("status_check", datetime(2027, 4, 2, 9, 0, tzinfo=BERLIN)),
        ("thank_you", datetime(2027, 3, 26, 15, 0, tzinfo=BERLIN)),
    ]
    assert [moment.utcoffset() for kind, moment in sorted(sent) if kind == "status_check"] == [timedelta(hours=2)]


def test_reminders_follow_the_users_zone(paths, clock):
    Path(paths["config"]).write_text('timezone = "America/New_York"\ncountry = "US"\n', encoding="utf-8")
    env = bootstrap(paths["db"], paths["config"], clock=clock)
    clock.set("2027-03-10T12:00:00-05:00")
    interview(env, "Acme", datetime(2027, 3, 11, 11, 0, tzinfo=NEW_YORK))

    sent = dict(minute_by_minute(env, clock, datetime(2027, 3, 11, 13, 0, tzinfo=NEW_YORK)))

    # Noon in New York, after the 11:00 interview's hour: 17:00 in UTC, 18:00 in Berlin.
    assert sent["thank_you"] == datetime(2027, 3, 11, 12, 0, tzinfo=NEW_YORK)
    env.close()


def test_a_follow_up_due_in_the_night_waits_for_the_morning(env, clock):
    clock.set("2027-03-22T09:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 23, 21, 30, tzinfo=BERLIN))  # ends 22:30, inside 21:00-08:00

    sent = dict(minute_by_minute(env, clock, datetime(2027, 3, 24, 12, 0, tzinfo=BERLIN)))

    assert sent["thank_you"] == datetime(2027, 3, 24, 8, 0, tzinfo=BERLIN)


def test_when_the_deadline_comes_before_the_morning_the_reminder_sounds_as_the_quiet_hours_begin():
    rules = Reminders()
    due = datetime(2027, 3, 23, 22, 0, tzinfo=BERLIN)
    deadline = datetime(2027, 3, 24, 2, 0, tzinfo=BERLIN)
    assert reminders.sounds_at(due, deadline, rules, BERLIN) == datetime(2027, 3, 23, 21, 0, tzinfo=BERLIN)
    assert reminders.sounds_at(due, None, rules, BERLIN) == datetime(2027, 3, 24, 8, 0, tzinfo=BERLIN)
    late = Reminders(quiet_hours=QuietHours(time(23, 0), time(7, 30)))
    assert reminders.sounds_at(due, None, late, BERLIN) == due


def test_with_weekends_off_a_weekend_reminder_waits_for_monday_unless_its_deadline_is_sooner():
    rules = Reminders(weekends=False)
    saturday = datetime(2027, 3, 27, 11, 0, tzinfo=BERLIN)
    monday = datetime(2027, 3, 29, 8, 0, tzinfo=BERLIN)  # after the clock change, on Monday's clock
    assert reminders.sounds_at(saturday, None, rules, BERLIN) == monday
    assert reminders.sounds_at(saturday, saturday + timedelta(days=3), rules, BERLIN) == monday
    assert reminders.sounds_at(saturday, saturday + timedelta(days=1), rules, BERLIN) == saturday
    assert reminders.sounds_at(saturday, None, Reminders(), BERLIN) == saturday


def test_with_weekends_off_a_pass_on_saturday_sends_only_what_cannot_wait(env, clock, run, paths):
    run.ok("config", "set", "reminders.weekends", "false")
    env.reload_settings()
    clock.set("2027-03-24T09:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 27, 10, 0, tzinfo=BERLIN))  # a Saturday interview
    interview(env, "Acme", datetime(2027, 3, 30, 14, 0, tzinfo=BERLIN))  # preparing for it is due on Sunday

    sent = minute_by_minute(env, clock, datetime(2027, 3, 29, 12, 0, tzinfo=BERLIN))

    # The thank-you is due within 24 hours, so Saturday it is; preparing for Tuesday can wait for Monday.
    assert ("thank_you", datetime(2027, 3, 27, 11, 0, tzinfo=BERLIN)) in sent
    assert ("prepare", datetime(2027, 3, 29, 8, 0, tzinfo=BERLIN)) in sent
    assert not [kind for kind, moment in sent if moment.weekday() >= 5 and kind not in ("thank_you", "capture_details")]


def test_nothing_is_sent_when_nothing_is_due(run):
    assert run.ok("remind", now="2027-03-24T10:00:00+01:00") == "Nothing is due: no reminder sent.\n"
    assert run.json("remind", now="2027-03-24T10:00:00+01:00") == {
        "dry_run": False,
        "held": None,
        "channels": [],
        "problems": [],
        "sent": [],
        "digest": None,
    }


def test_followup_remind_prints_what_it_sent_once_and_a_dry_run_sends_nothing(env, clock, run):
    clock.set("2027-03-24T09:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN))
    at = "2027-03-26T15:05:00+01:00"

    dry = run.json("remind", "--dry-run", now=at)
    assert dry["dry_run"] is True
    # Preparing is no longer due once the interview began: nobody is reminded of it after.
    assert sorted(item["kind"] for item in dry["sent"]) == ["capture_details", "thank_you"]

    shown = run.ok("remind", now=at)
    assert shown.startswith("Sent 2 reminders:\n")
    thank_you = next(item for item in dry["sent"] if item["kind"] == "thank_you")
    assert f"Fri 26 Mar 15:00  Thank-you (email): Data Analyst at Kaisha\n      {thank_you['reason']}\n" in shown
    assert f"      http://127.0.0.1:8765/drafts/{thank_you['id']}\n" in shown
    assert thank_you["due"] == "2027-03-26T15:00:00+01:00"

    # A restart (a new process, here a new run) sends nothing again.
    assert run.ok("remind", now=at) == "Nothing is due: no reminder sent.\n"
    assert run.ok("remind", now="2027-03-26T16:00:00+01:00") == "Nothing is due: no reminder sent.\n"


def test_nothing_goes_out_inside_quiet_hours_and_what_is_late_waits_for_the_morning(env, clock, run):
    clock.set("2027-03-24T09:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN))
    assert run.ok("remind", now="2027-03-26T23:30:00+01:00") == (
        "Nothing sent: it is quiet hours (see `followup config` for reminders.*).\n"
    )
    sent = run.json("remind", now="2027-03-27T08:00:00+01:00")["sent"]
    assert sorted(item["kind"] for item in sent) == ["capture_details", "thank_you"]


def test_a_snoozed_follow_up_is_reminded_of_again_at_its_new_time(env, clock):
    from followup.app import actions, agenda

    clock.set("2027-03-24T14:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN))
    assert [r.kind for r in reminders.remind(env).sent] == ["prepare"]
    item = next(i for i in agenda.agenda(env, 7) if i.kind == "prepare")
    actions.snooze(env, item.id, until=datetime(2027, 3, 25, 9, 0, tzinfo=BERLIN))
    clock.set("2027-03-25T08:59:00+01:00")
    assert reminders.remind(env).sent == []
    clock.set("2027-03-25T09:00:00+01:00")
    assert [r.kind for r in reminders.remind(env).sent] == ["prepare"]
    assert reminders.remind(env).sent == []


# -- two processes at once ------------------------------------------------------------------------


def _one_pass(db_path: str, config_path: str, at: str, start, results) -> None:
    env = bootstrap(db_path, config_path, clock=lambda: datetime.fromisoformat(at))
    start.wait()
    results.put([reminder.action_id for reminder in reminders.remind(env).sent])
    env.close()


@pytest.mark.slow
def test_two_processes_racing_send_each_reminder_once(env, clock, paths):
    clock.set("2027-03-24T09:00:00+01:00")
    for number in range(12):
        interview(env, f"Company {number}", datetime(2027, 3, 26, 9 + number % 8, 0, tzinfo=BERLIN))
    at = "2027-03-27T10:00:00+01:00"
    clock.set(at)
    expected = {r.action_id for r in reminders.remind(env, dry_run=True).sent}
    assert len(expected) == 24  # a thank-you and noting the details, for each interview

    spawn = multiprocessing.get_context("spawn")
    for _round in range(3):
        start, results = spawn.Barrier(2), spawn.Queue()
        racers = [
            spawn.Process(target=_one_pass, args=(paths["db"], paths["config"], at, start, results)) for _ in "ab"
        ]
        for racer in racers:
            racer.start()
        got = [results.get(timeout=60), results.get(timeout=60)]
        for racer in racers:
            racer.join(timeout=60)
            assert racer.exitcode == 0
        sent = got[0] + got[1]
        assert len(sent) == len(set(sent))
        assert set(sent) == (expected if _round == 0 else set())


# -- the record ------------------------------------------------------------------------------------


def test_a_database_at_schema_10_gains_the_record_of_reminders_and_keeps_its_data(tmp_path: Path):
    path = str(tmp_path / "followup.db")
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate_to(conn, 10, now_iso="2026-11-01T09:00:00Z")
    conn.execute(
        "INSERT INTO application (id, owner_id, company, role, created_at, updated_at) "
        "VALUES (1, 1, 'Müller GmbH', 'Analyst', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z')"
    )
    conn.close()

    upgraded = db.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION >= 11
    assert upgraded.execute("SELECT company FROM application").fetchall() == [("Müller GmbH",)]
    assert Path(f"{path}.v10.bak").exists()
    from followup.store import reminders as record

    store = db.Store(upgraded)
    at = datetime(2026, 12, 6, 9, 0, tzinfo=BERLIN)
    with store.transaction():
        assert record.claim(store, "a1", "2026-12-06T08:00:00Z", at) is True
        assert record.claim(store, "a1", "2026-12-06T08:00:00Z", at) is False
        assert record.claim(store, "a1", "2026-12-07T08:00:00Z", at) is True
    upgraded.close()


def test_reminders_weekends_is_true_or_false_with_a_clear_error(run, paths):
    assert run.ok("config", "set", "reminders.weekends", "no") == "reminders.weekends = False\n"
    assert config.load(paths["config"]).reminders.weekends is False
    result = run("config", "set", "reminders.weekends", "sometimes")
    assert result.exit_code != 0
    assert "reminders.weekends must be true or false (got 'sometimes')" in result.output
    assert "followup config set reminders.weekends false" in result.output


def test_links_point_to_the_web_address_the_user_opens_followup_at(env, clock, run):
    assert run.ok("config", "set", "reminders.web_address", "https://followup.home.example:8443/") == (
        "reminders.web_address = https://followup.home.example:8443\n"
    )
    clock.set("2027-03-24T09:00:00+01:00")
    interview(env, "Kaisha", datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN))
    [first, *_] = run.json("remind", now="2027-03-26T15:05:00+01:00")["sent"]
    assert first["link"] == f"https://followup.home.example:8443/drafts/{first['id']}"

    result = run("config", "set", "reminders.web_address", "followup.home.example")
    assert result.exit_code == 8
    assert "reminders.web_address must be a web address (got 'followup.home.example')" in result.output
    assert "For example: followup config set reminders.web_address http://127.0.0.1:8765" in result.output
