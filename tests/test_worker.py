"""`followup worker` processes on a real PostgreSQL, with Dovecot mailboxes of several job seekers: every
mailbox read (the replies recorded once), a worker killed mid-sync whose job another worker takes over,
one mailbox never read by two workers at once, and a graceful stop."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from worker_support import Worker, hosted, queue_syncs, received_replies, wait_for

# Whole processes: workers are started, stopped and killed.
pytestmark = pytest.mark.slow


def test_the_workers_read_every_mailbox_and_stop_gracefully(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=3)
    first = Worker(tmp_path, postgresql_url, paths["config"], "first", "--concurrency", "2")
    second = Worker(tmp_path, postgresql_url, paths["config"], "second")
    try:
        wait_for(lambda: received_replies(postgresql_url) == dict.fromkeys(users, 2), what="every reply recorded")
    finally:
        assert first.stop() == 0, first.text
        assert second.stop(signal.SIGINT) == 0, second.text
    for worker in (first, second):
        assert "stopping; the jobs in hand are finished first" in worker.text
        assert "stopped: every job it had taken is finished" in worker.text
        assert "Traceback" not in worker.text
    said = first.text + second.text
    for owner in users:
        assert f"Account {owner}: Read mail from box: 2 new messages about your applications." in said
    assert said.count("Created the job queue's tables") == 1


def test_a_worker_killed_mid_sync_leaves_its_job_to_another_and_nothing_is_lost(
    postgresql_url, paths, imap_server, tmp_path: Path
):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=2)
    doomed = Worker(tmp_path, postgresql_url, paths["config"], "doomed", FOLLOWUP_TEST_DIE_AT="noting")
    assert doomed.wait() == 137  # died with the replies of one mailbox read and queued, not yet recorded
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
    # More syncs of each mailbox than its schedule would ever queue, all ready at once for six threads:
    # two under the queue's lock, and two without it, as when a job is run again while the worker
    # taken for dead still runs it (then the mailbox's own lock in the database keeps them apart).
    queue_syncs(postgresql_url, paths["config"], users, locked=2, unlocked=2)
    trace = tmp_path / "syncs.txt"
    slow = {"FOLLOWUP_TEST_TRACE": str(trace), "FOLLOWUP_TEST_SYNC_PAUSE": "0.5"}
    workers = [Worker(tmp_path, postgresql_url, paths["config"], name, "--concurrency", "3", **slow) for name in "ab"]
    try:
        wait_for(lambda: trace.exists() and all(trace.read_text().count(f"end {owner}:box") >= 2 for owner in users))
    finally:
        for worker in workers:
            assert worker.stop() == 0, worker.text
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
    said = "".join(worker.text for worker in workers)
    assert "Read mail from box: 2 new messages" in said
    assert "Mail from box is being read by another worker: not read twice at once." in said
    assert received_replies(postgresql_url) == dict.fromkeys(users, 2)
