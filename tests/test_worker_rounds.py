"""Rounds only for the accounts with something due: each round notes when its account next has
something to do (a reminder, the morning digest), and the minute's schedule finds, in one query,
the accounts whose time has come, whose settings changed, whose follow-ups were planned again, or
that never had a round; an idle account costs nothing in between. Real PostgreSQL, real worker
processes, Dovecot mailboxes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import database_servers
from followup.app import applications, hosted_jobs, reminders
from followup.app.agenda import agenda
from followup.app.context import bootstrap, env_for
from worker_support import Worker, hosted

# Whole processes: workers are started.
pytestmark = pytest.mark.slow

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a Tuesday, 11:00 in Berlin


def due_at(url: str, config: str, moment: datetime) -> list[int]:
    base = bootstrap(url, config, clock=lambda: moment)
    try:
        return hosted_jobs.due_owners(base)
    finally:
        base.close()


def notes(url: str) -> dict[int, tuple[str, str]]:
    """Each account's note of its next round: (next, ran); not the empty ones (plans rewritten since)."""
    with database_servers.connect(url) as conn:
        rows = conn.execute("SELECT key, value FROM meta WHERE key LIKE 'round_next:%'").fetchall()
    found = {}
    for key, value in rows:
        if not value:
            continue
        next_at, ran_at, _rules = [*value.split(" "), "", "", ""][:3]
        found[int(key.split(":")[1])] = (next_at, ran_at)
    return found


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def once(tmp_path: Path, url: str, config: str, name: str, moment: datetime) -> Worker:
    worker = Worker(tmp_path, url, config, name, "--once", now=moment.isoformat())
    assert worker.wait(60) == 0, worker.text
    assert "Traceback" not in worker.text
    return worker


def test_only_the_accounts_with_something_due_get_a_round(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=5, messages=0)
    ann, bob, cy, gone, broken = sorted(users)
    with database_servers.connect(postgresql_url) as conn:
        conn.execute("UPDATE account SET disabled_at = ? WHERE owner_id = ?", (iso(NOW), gone))
        conn.execute("UPDATE owner_settings SET document = 'timezone = [' WHERE owner_id = ?", (broken,))
    assert due_at(postgresql_url, paths["config"], NOW) == [ann, bob, cy, broken]  # never had a round
    said = once(tmp_path, postgresql_url, paths["config"], "first", NOW).text
    assert f"WARNING Account {broken}: " in said  # said, and put off for ten minutes
    noted = notes(postgresql_url)
    assert noted[broken] == (iso(NOW + timedelta(minutes=10)), iso(NOW))
    assert sorted(noted) == [ann, bob, cy, broken]
    assert all(next_at > iso(NOW) for next_at, _ran in noted.values())
    # Nothing due a minute later: the next minute queues no round, and none runs.
    later = NOW + timedelta(minutes=1)
    assert due_at(postgresql_url, paths["config"], later) == []
    once(tmp_path, postgresql_url, paths["config"], "idle", later)
    assert notes(postgresql_url) == noted

    # Ann changes her settings (a new mailbox, other quiet hours): her round is due.
    changed = NOW + timedelta(minutes=2)
    with database_servers.connect(postgresql_url) as conn:
        conn.execute("UPDATE owner_settings SET updated_at = ? WHERE owner_id = ?", (iso(changed), ann))
    # Bob's follow-ups are planned again (a new application): one may be due before his next round.
    base = bootstrap(postgresql_url, paths["config"], clock=lambda: changed)
    try:
        applications.add_application(env_for(base, bob), applications.NewApplication(company="Beta", role="Dev"))
    finally:
        base.close()
    assert due_at(postgresql_url, paths["config"], changed + timedelta(minutes=1)) == [ann, bob]
    once(tmp_path, postgresql_url, paths["config"], "after-changes", changed + timedelta(minutes=1))
    assert due_at(postgresql_url, paths["config"], changed + timedelta(minutes=2)) == []
    # Cy's time comes: due then, and not a minute before.
    cy_next = datetime.fromisoformat(notes(postgresql_url)[cy][0])
    assert cy not in due_at(postgresql_url, paths["config"], cy_next - timedelta(minutes=1))
    assert cy in due_at(postgresql_url, paths["config"], cy_next)


def test_a_round_is_due_again_when_the_next_reminder_may_go_out(postgresql_url, paths, imap_server):
    [owner] = hosted(postgresql_url, paths["config"], imap_server, seekers=1, messages=0)
    with database_servers.connect(postgresql_url) as conn:
        first = conn.execute(
            "SELECT id, due FROM pending_action WHERE owner_id = ? ORDER BY due LIMIT 1", (owner,)
        ).fetchone()
    action, due_on = str(first[0]), datetime.fromisoformat(first[1])
    # Six hours before the first follow-up is due: the next round is when its reminder sounds.
    before = bootstrap(postgresql_url, paths["config"], clock=lambda: due_on - timedelta(hours=6))
    try:
        env = env_for(before, owner)
        expected = reminders.reminder_of(env, next(item for item in agenda(env, 2) if item.id == action)).sounds_at
        assert reminders.next_due(env) == expected
        assert hosted_jobs.plan_next_round(env, hosted_jobs.round_note(env)) == expected
    finally:
        before.close()
    assert owner not in due_at(postgresql_url, paths["config"], expected - timedelta(minutes=1))
    assert owner in due_at(postgresql_url, paths["config"], expected)
    # Not sent by 23:00, inside the quiet hours: it waits for them to end in the morning, and so does the round.
    night = bootstrap(postgresql_url, paths["config"], clock=lambda: expected.replace(hour=23))
    try:
        env = env_for(night, owner)
        morning = datetime.combine(expected.date() + timedelta(days=1), env.settings.reminders.quiet_hours.end)
        assert reminders.next_due(env) == morning.replace(tzinfo=env.tz)
    finally:
        night.close()


def test_plans_rewritten_during_a_round_leave_it_due(postgresql_url, paths, imap_server):
    """The round read its note, then a follow-up was planned (a mail sync, the web app) before it noted
    its next round: the note it read is gone, so it notes nothing and the next minute runs it again."""
    [owner] = hosted(postgresql_url, paths["config"], imap_server, seekers=1, messages=0)
    soon = datetime(2026, 11, 16, 9, 1, tzinfo=UTC)  # a minute after the seeker started: nothing due yet
    base = bootstrap(postgresql_url, paths["config"], clock=lambda: soon)
    try:
        env = env_for(base, owner)
        seen = hosted_jobs.round_note(env)
        assert seen == ""  # planned when the seeker's application was added
        applications.add_application(env, applications.NewApplication(company="Delta", role="Analyst"))
        hosted_jobs.plan_next_round(env, "an older note")
        assert owner in hosted_jobs.due_owners(base)
        hosted_jobs.plan_next_round(env, hosted_jobs.round_note(env))
        assert owner not in hosted_jobs.due_owners(base)
    finally:
        base.close()
