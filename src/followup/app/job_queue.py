"""The queue of a hosted installation's jobs (Procrastinate's, in the same PostgreSQL): how a job is
queued, under which locks, and what the web app asks of it.

The workers (`followup.worker.jobs`) define and run the jobs; the web app queues two of them, by
name, when a job seeker asks (Send, "Check mail now"), and reads how they are getting on. Both
queue through the functions here, so a job is locked the same way whoever queues it:

- every per-person job carries a queueing lock (it is queued at most once) and a lock of the same
  name (it never runs twice at once, on any worker): two syncs of one mailbox would read the same
  messages and race on its folder state;
- a mailbox always has its next sync queued (`read_mail` queues it first), at a time in the
  future: "Check mail now" brings that one forward rather than queueing a second.

Imported only in a hosted installation: the single-user app never loads Procrastinate.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager

# Any fixed number: the workers and web processes of one database agree on it, so only one creates
# the queue's tables.
SCHEMA_LOCK = 0x666F6C6C6F777570  # "followup"

# Rounds are queued this many to a statement: one round trip per thousand accounts, not one each.
ROUNDS_AT_ONCE = 1000


def lock_of(kind: str, owner: int, *parts: object) -> str:
    return ":".join([kind, str(owner), *map(str, parts)])


def _task(app: procrastinate.App, task: str, queue: str, lock: str, **options: Any) -> Any:
    """The task `task` in `queue`, under the queueing lock and the lock `lock`. The queue is named here
    as well as where the task is defined (`followup.worker.jobs`): the web app queues tasks it does not
    define, which Procrastinate would put in its "default" queue, where no worker looks."""
    return app.configure_task(task, queue=queue, queueing_lock=lock, lock=lock, **options)


def _queue(deferrer: Any, **kwargs: Any) -> bool:
    """Queue a job unless one with its queueing lock is queued already; whether it was queued."""
    try:
        deferrer.defer(**kwargs)
    except AlreadyEnqueued:
        return False
    return True


def queue_rounds(app: procrastinate.App, owners: list[int]) -> int:
    """Queue the round of each of `owners` unless it is queued already; how many were queued."""
    queued = 0
    for start in range(0, len(owners), ROUNDS_AT_ONCE):
        some = owners[start : start + ROUNDS_AT_ONCE]
        jobs = []
        for owner in some:
            name = lock_of("round", owner)
            jobs.append(_task(app, "round", "reminders", name).make_new_job(owner=owner))
        try:
            app.job_manager.batch_defer_jobs(jobs)  # all or none: one still queued refuses the statement
            queued += len(jobs)
        except AlreadyEnqueued:
            queued += sum(queue_round(app, owner) for owner in some)  # a busy minute: one by one
    return queued


def queue_round(app: procrastinate.App, owner: int) -> bool:
    name = lock_of("round", owner)
    return _queue(_task(app, "round", "reminders", name), owner=owner)


def queue_mail(app: procrastinate.App, owner: int, mailbox: str, *, in_minutes: int = 0) -> bool:
    """Queue a sync of `mailbox` (now, or in `in_minutes`) unless one is queued already."""
    name = lock_of("mail", owner, mailbox)
    deferrer = _task(app, "read_mail", "mail", name, schedule_in={"minutes": in_minutes} if in_minutes else None)
    return _queue(deferrer, owner=owner, mailbox=mailbox)


def queue_send(app: procrastinate.App, owner: int, item_id: int, *, resend: bool = False) -> bool:
    """Queue the sending of outbox item `item_id` (prepared by `mail_sending.prepare(..., "send", ...)`);
    `resend`: the job seeker said to send it again after a send that may have gone out."""
    name = lock_of("send", owner, item_id)
    deferrer = _task(app, "send", "send", name)
    return _queue(deferrer, owner=owner, item_id=item_id, **({"resend": True} if resend else {}))


def queue_replan(app: procrastinate.App, owner: int) -> bool:
    name = lock_of("replan", owner)
    return _queue(_task(app, "replan", "plan", name), owner=owner)


# -- what the web app asks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class JobState:
    """Where a job stands: `waiting` (queued, for now or for `at`), `running`, `failed` (given up)."""

    state: str
    at: datetime | None = None
    attempts: int = 0


def create_tables(conn: Any) -> bool:
    """Create the queue's tables on the psycopg connection `conn` unless they exist; whether it did.
    Under an advisory lock, each statement committing on its own: of several processes starting
    together, one creates them and the others find them made."""
    autocommit = conn.autocommit
    conn.autocommit = True
    conn.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
    try:
        found = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if found[0] is not None:
            return False
        # One string of statements: PostgreSQL runs it as one transaction, all or nothing.
        conn.execute(SchemaManager.get_schema())
        return True
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
        conn.autocommit = autocommit


class JobQueue:
    """The queue as one web process uses it: a small pool of its own, opened on first use (most
    requests queue nothing) and closed with the process."""

    def __init__(self, database_url: str) -> None:
        self._app = procrastinate.App(
            connector=procrastinate.SyncPsycopgConnector(
                conninfo=database_url,
                min_size=0,
                max_size=2,
                # Closed after a minute unused: a web process rarely queues anything.
                max_idle=60,
                kwargs={"application_name": "followup web (queue)"},
            )
        )
        self._opened = False
        self._opening = threading.Lock()

    def _open(self) -> procrastinate.App:
        with self._opening:
            if not self._opened:
                self._app.open()
                self._opened = True
                # A web app may ask before any worker has started: the queue's tables, as a worker makes them.
                with self._app.connector.pool.connection() as conn:  # type: ignore[attr-defined]
                    create_tables(conn)
        return self._app

    def send(self, owner: int, item_id: int, *, resend: bool = False) -> bool:
        """Queue the sending of an outbox item; False when it was queued already."""
        return queue_send(self._open(), owner, item_id, resend=resend)

    def read_mail_now(self, owner: int, mailbox: str) -> bool:
        """Have `mailbox` read as soon as a worker is free: its next sync (queued for later, on its
        schedule) is brought forward; False when a sync of it is under way or due now already."""
        app = self._open()
        name = lock_of("mail", owner, mailbox)
        now = datetime.now(UTC)
        jobs = app.job_manager.list_jobs(lock=name)
        if any(job.status == "doing" for job in jobs):
            return False  # being read now
        for job in jobs:
            if job.status != "todo":
                continue
            if job.scheduled_at is None or job.scheduled_at <= now:
                return False  # due now: a worker takes it as soon as it is free
            if job.id is not None:
                # Taken out and queued again for now: if a worker took it meanwhile, it runs now anyway.
                app.job_manager.cancel_job_by_id(job.id, delete_job=True)
        return queue_mail(app, owner, mailbox)

    def state_of(self, kind: str, owner: int, *parts: object) -> JobState | None:
        """Where the job `kind` of `owner` (its lock's parts) stands; None when none is queued or running
        (finished jobs are not kept)."""
        found = None
        for job in self._open().job_manager.list_jobs(lock=lock_of(kind, owner, *parts)):
            if job.status == "doing":
                return JobState("running", attempts=job.attempts)
            if job.status == "todo":
                found = JobState("waiting", job.scheduled_at, job.attempts)
            elif job.status == "failed" and found is None:
                found = JobState("failed", attempts=job.attempts)
        return found

    def close(self) -> None:
        with self._opening:
            if self._opened:
                self._app.close()
                self._opened = False
