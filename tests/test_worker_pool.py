"""A worker's database connections: its jobs borrow them from a pool of a bounded size (`--connections`)
and give them back, so that PostgreSQL sees a fixed number per worker however many jobs it runs; a
graceful stop closes them all. Real worker processes on a real PostgreSQL, with Dovecot mailboxes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import database_servers
from followup.app import hosted_jobs
from followup.app.context import bootstrap
from followup.errors import StorageError
from followup.worker.process import QUEUE_CONNECTIONS
from worker_support import Worker, hosted, queue_syncs, received_replies, wait_for

# Whole processes: workers are started and stopped.
pytestmark = pytest.mark.slow


def connections_of(url: str, worker: str) -> Counter[str]:
    """The connections PostgreSQL has open for the worker `worker`, by what they serve (jobs, or queue)."""
    with database_servers.connect(url) as conn:
        rows = conn.execute(
            "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE ?",
            (f"followup worker {worker}%",),
        ).fetchall()
    return Counter("queue" if name.endswith("(queue)") else "jobs" for (name,) in rows)


def most_at_once(trace: Path) -> int:
    running = most = 0
    for line in sorted(trace.read_text().splitlines(), key=lambda line: float(line.split()[2])):
        running += 1 if line.startswith("start") else -1
        most = max(most, running)
    return most


def test_the_jobs_share_a_bounded_pool_of_connections_and_a_stop_closes_it(
    postgresql_url, paths, imap_server, tmp_path: Path
):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=6)
    queue_syncs(postgresql_url, paths["config"], users, locked=1, unlocked=0)
    trace = tmp_path / "syncs.txt"
    slow = {"FOLLOWUP_TEST_TRACE": str(trace), "FOLLOWUP_TEST_SYNC_PAUSE": "0.5"}
    worker = Worker(
        tmp_path, postgresql_url, paths["config"], "pooled", "--concurrency", "4", "--connections", "2", **slow
    )
    seen: list[Counter[str]] = []

    def every_reply_recorded() -> bool:
        seen.append(connections_of(postgresql_url, "pooled"))
        return received_replies(postgresql_url) == dict.fromkeys(users, 2)

    try:
        wait_for(every_reply_recorded, what="every reply recorded")
    finally:
        assert worker.stop() == 0, worker.text
    # Four jobs at a time, two connections: two syncs at once, the others waiting for a connection.
    assert max(count["jobs"] for count in seen) == 2
    assert max(count["queue"] for count in seen) <= QUEUE_CONNECTIONS + 1  # and the one that LISTENs
    assert most_at_once(trace) == 2
    assert "Traceback" not in worker.text
    assert connections_of(postgresql_url, "pooled") == Counter()  # all closed by the graceful stop


def test_the_connections_option_is_read_from_the_environment(postgresql_url, paths, imap_server, tmp_path: Path):
    users = hosted(postgresql_url, paths["config"], imap_server, seekers=3)
    queue_syncs(postgresql_url, paths["config"], users, locked=1, unlocked=0)
    trace = tmp_path / "syncs.txt"
    slow = {"FOLLOWUP_TEST_TRACE": str(trace), "FOLLOWUP_TEST_SYNC_PAUSE": "0.5"}
    worker = Worker(
        tmp_path, postgresql_url, paths["config"], "env", "--concurrency", "3", FOLLOWUP_WORKER_CONNECTIONS="1", **slow
    )
    try:
        wait_for(lambda: received_replies(postgresql_url) == dict.fromkeys(users, 2), what="every reply recorded")
    finally:
        assert worker.stop() == 0, worker.text
    assert most_at_once(trace) == 1


def psycopg_connection(env):
    return env.conn.raw


def test_a_borrowed_connection_comes_back_without_the_last_job_s_owner_or_locks(postgresql_url, paths):
    pool = hosted_jobs.open_connections(postgresql_url, size=1, name="followup worker test")
    try:
        env = bootstrap(config_path=paths["config"], connections=pool, owner=7)
        raw = psycopg_connection(env)
        env.conn.execute("SELECT pg_advisory_lock(1, 2)")  # a lock the job forgot to let go
        assert env.conn.execute("SELECT current_setting('followup.owner')").fetchone()[0] == "7"
        env.close()
        again = bootstrap(config_path=paths["config"], connections=pool)
        assert psycopg_connection(again) is raw  # the same connection, lent again
        assert again.conn.execute("SELECT current_setting('followup.owner')").fetchone()[0] == "1"
        assert again.conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").fetchone()[0] == 0
        pool.timeout = 0.2
        with pytest.raises(StorageError, match="all 1 database connections of this process stayed in use"):
            bootstrap(config_path=paths["config"], connections=pool)
        again.close()
    finally:
        pool.close()
