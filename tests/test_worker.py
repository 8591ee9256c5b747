"""`followup worker` processes on a real PostgreSQL, with Dovecot mailboxes of several job seekers: every
mailbox read (the replies recorded once), a worker killed mid-sync whose job another worker takes over,
one mailbox never read by two workers at once, and a graceful stop."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

import database_servers
from followup.app import hosted_jobs
from followup.app.context import bootstrap, env_for
from followup.store import served
from mail_servers import SmtpServer, free_port
from worker_support import Worker, hosted, queue_syncs, received_replies, server_key, wait_for

# Whole processes: workers are started, stopped and killed.
pytestmark = pytest.mark.slow


def test_the_workers_read_every_mailbox_and_stop_gracefully(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=4)
    broken = max(users)
    with database_servers.connect(postgresql_url) as conn:  # one job seeker's settings cannot be read
        conn.execute("UPDATE owner_settings SET document = 'timezone = [' WHERE owner_id = ?", (broken,))
    del users[broken]
    first = Worker(tmp_path, postgresql_url, paths["config"], "first", "--concurrency", "2")
    second = Worker(tmp_path, postgresql_url, paths["config"], "second")
    try:
        wait_for(lambda: received_replies(postgresql_url) == dict.fromkeys(users, 2), what="every reply recorded")
    finally:
        stopped = [first.stop(), second.stop(signal.SIGINT)]
    assert stopped == [0, 0], first.text + second.text
    for worker in (first, second):
        assert "stopping; the jobs in hand are finished first" in worker.text
        assert "stopped: every job it had taken is finished" in worker.text
        assert "Traceback" not in worker.text
    said = first.text + second.text
    for owner in users:
        assert f"Account {owner}: Read mail from box: 2 new messages about your applications." in said
    assert f"WARNING Account {broken}: " in said  # said, in words, and the others served all the same
    assert broken not in received_replies(postgresql_url)
    assert said.count("Created the job queue's tables") == 1


def test_a_worker_stopped_mid_sync_finishes_it_first(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=1)
    trace = tmp_path / "syncs.txt"
    # Longer than --stalled-after (2 s here): the stopping worker must still be seen alive meanwhile.
    slow = {"FOLLOWUP_TEST_TRACE": str(trace), "FOLLOWUP_TEST_SYNC_PAUSE": "3"}
    worker = Worker(tmp_path, postgresql_url, paths["config"], "busy", **slow)
    try:
        wait_for(lambda: trace.exists() and "start" in trace.read_text(), what="a sync under way")
    finally:
        assert worker.stop() == 0, worker.text
    assert "end" in trace.read_text()  # the sync ran to its end before the process exited
    assert received_replies(postgresql_url) == dict.fromkeys(users, 2)
    said = worker.text
    assert said.index("SIGTERM: stopping") < said.index("Read mail from box: 2 new messages")
    assert "stopped answering" not in said  # not taken for dead, so not run a second time
    assert trace.read_text().count("start") == 1
    assert said.rstrip().endswith("Worker busy stopped: every job it had taken is finished.")


def test_a_worker_killed_mid_sync_leaves_its_job_to_another_and_nothing_is_lost(
    postgresql_url, paths, imap_server, tmp_path: Path
):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=2)
    doomed = Worker(tmp_path, postgresql_url, paths["config"], "doomed", FOLLOWUP_TEST_DIE_AT="noting")
    assert doomed.wait() == 137  # died with the replies of one mailbox read and queued, not yet recorded
    assert received_replies(postgresql_url) == {}
    with database_servers.connect(postgresql_url) as conn:
        assert conn.execute("SELECT count(*) FROM mail_pending").fetchone()[0] == 2
    survivor = Worker(tmp_path, postgresql_url, paths["config"], "survivor")
    try:
        wait_for(lambda: received_replies(postgresql_url) == dict.fromkeys(users, 2), what="every reply recorded")
    finally:
        assert survivor.stop() == 0, survivor.text
    assert "A worker stopped answering while reading mail from box for account" in survivor.text
    assert "queued again, for another worker" in survivor.text
    assert received_replies(postgresql_url) == dict.fromkeys(users, 2)  # each once


def test_two_workers_never_read_one_mailbox_at_once(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=2)
    # More syncs of each mailbox than its schedule would ever queue (no queueing lock refuses them),
    # all ready at once for six threads: only the queue's lock keeps them apart.
    queue_syncs(postgresql_url, paths["config"], users, locked=3, unlocked=0)
    trace = tmp_path / "syncs.txt"
    slow = {"FOLLOWUP_TEST_TRACE": str(trace), "FOLLOWUP_TEST_SYNC_PAUSE": "0.3"}
    workers = [Worker(tmp_path, postgresql_url, paths["config"], name, "--concurrency", "3", **slow) for name in "ab"]
    try:
        wait_for(lambda: trace.exists() and all(trace.read_text().count(f"end {owner}:box") >= 3 for owner in users))
    finally:
        stopped = [worker.stop() for worker in workers]
    assert stopped == [0, 0], [worker.text for worker in workers]
    runs: dict[str, list[tuple[float, float]]] = {}
    started: dict[str, float] = {}
    for line in trace.read_text().splitlines():
        what, mailbox, at = line.split()
        if what == "start":
            assert mailbox not in started, f"{mailbox} was read by two workers at once"
            started[mailbox] = float(at)
        else:
            runs.setdefault(mailbox, []).append((started.pop(mailbox), float(at)))
    # ...while the two mailboxes were read side by side: the workers could have overlapped.
    one, other = runs.values()
    assert any(start < other_end and other_start < end for start, end in one for other_start, other_end in other)
    assert received_replies(postgresql_url) == dict.fromkeys(users, 2)


def test_a_sync_run_again_while_the_first_still_runs_leaves_the_mailbox_alone(
    postgresql_url, paths, imap_server, monkeypatch
):
    """A job queued again while the worker taken for dead still runs it: the mailbox's lock in the
    database (held by the first sync's connection) keeps the second out."""
    [(owner, _user)] = hosted(postgresql_url, paths["config"], imap_server, seekers=1).items()
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", server_key())
    first, second = (env_for(bootstrap(postgresql_url, paths["config"]), owner) for _ in range(2))
    try:
        with served.mailbox_lock(first.conn, owner, "box") as free:
            assert free
            done = hosted_jobs.read_mail(second, "box")
        assert done.lines == ["Mail from box is being read by another worker: not read twice at once."]
        assert received_replies(postgresql_url) == {}
        assert hosted_jobs.read_mail(second, "box").lines == [
            "Read mail from box: 2 new messages about your applications."
        ]
    finally:
        first.close()
        second.close()


def test_each_job_seeker_gets_their_morning_digest_once_and_a_fresh_plan(
    postgresql_url, paths, imap_server, smtp_server, tmp_path: Path
):
    extra = '[profile]\nemail = "{user}@example.test"\n[reminders]\ndigest_at = "08:00"\n'
    [owner] = hosted(postgresql_url, paths["config"], imap_server, seekers=1, messages=0, extra=extra, smtp=smtp_server)
    at_eight = "2026-12-01T08:05:00+01:00"  # a Tuesday, on the job seeker's clock
    for name, log_format in (("first", "text"), ("again", "json")):
        worker = Worker(
            tmp_path, postgresql_url, paths["config"], name, "--once", "--log-format", log_format, now=at_eight
        )
        assert worker.wait() == 0, worker.text
    assert len(smtp_server.messages) == 1  # once, though two workers ran that morning
    [digest] = smtp_server.messages
    assert digest.rcpt_tos == [f"{users_email(postgresql_url, owner)}"]
    first = (tmp_path / "first.log").read_text()
    assert "Follow-ups recomputed for 1 application after a change of settings." in first
    again = [json.loads(line) for line in (tmp_path / "again.log").read_text().splitlines()]
    assert [line["message"] for line in again] == [
        "Worker again started: 1 job at a time, queues schedule, reminders, mail, send, plan.",
        "Worker again stopped: every job it had taken is finished.",
    ]  # nothing recomputed (fresh since), nothing sent again


def test_a_digest_the_mail_server_refuses_is_said_in_the_log_and_tried_again_next_round(
    postgresql_url, paths, imap_server, tmp_path: Path
):
    nowhere = SmtpServer("127.0.0.1", free_port())  # nothing listens there
    extra = '[profile]\nemail = "{user}@example.test"\n[reminders]\ndigest_at = "08:00"\n'
    [owner] = hosted(postgresql_url, paths["config"], imap_server, seekers=1, messages=0, extra=extra, smtp=nowhere)
    worker = Worker(tmp_path, postgresql_url, paths["config"], "once", "--once", now="2026-12-01T08:05:00+01:00")
    assert worker.wait() == 0, worker.text
    assert f"WARNING Account {owner}: " in worker.text
    assert "Traceback" not in worker.text
    with database_servers.connect(postgresql_url) as conn:  # not recorded as sent: the next round tries again
        assert conn.execute("SELECT count(*) FROM reminder_sent WHERE about = 'digest'").fetchone()[0] == 0


def users_email(url: str, owner: int) -> str:
    with database_servers.connect(url) as conn:
        return str(conn.execute("SELECT email FROM account WHERE owner_id = ?", (owner,)).fetchone()[0])


def test_a_worker_runs_as_many_jobs_at_once_as_its_concurrency(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=8, messages=0)
    queue_syncs(postgresql_url, paths["config"], users, locked=1, unlocked=0)
    trace = tmp_path / "syncs.txt"
    slow = {"FOLLOWUP_TEST_TRACE": str(trace), "FOLLOWUP_TEST_SYNC_PAUSE": "1.5"}
    worker = Worker(tmp_path, postgresql_url, paths["config"], "wide", "--concurrency", "8", "--queues", "mail", **slow)
    try:
        wait_for(lambda: trace.exists() and trace.read_text().count("end") >= 8)
    finally:
        assert worker.stop() == 0, worker.text
    running = most = 0
    for line in sorted(trace.read_text().splitlines(), key=lambda line: float(line.split()[2])):
        running += 1 if line.startswith("start") else -1
        most = max(most, running)
    assert most == 8  # more than the thread pool's default on a small machine (cores + 4)
