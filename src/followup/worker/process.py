"""One worker process: its queue's tables, its jobs, a watch on the other workers, and a graceful stop.

- The queue's tables (Procrastinate's schema) are created by the first worker that starts on a
  database without them, under a PostgreSQL advisory lock, so that workers starting together
  create them once; a worker that finds them goes straight on.
- Each worker says it is alive every `stalled_after / 4` seconds, until it has stopped (its jobs in
  hand finished, however long that takes). A job whose worker has been silent
  for `stalled_after` seconds (killed, its machine gone) is queued again by whichever worker notices
  first; another worker runs it. Every job is safe to run again: a sync reads from where the last
  commit left it, a send looks in the Sent folder before it sends (the outbox's exactly-once rule).
- SIGTERM or SIGINT: no new job is taken, the jobs in hand are finished, and the process exits 0.
  A worker killed outright (SIGKILL, power cut) leaves its jobs to the watch above.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import procrastinate
from procrastinate import worker as procrastinate_worker
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException, UniqueViolation
from procrastinate.schema import SchemaManager

from followup import logs
from followup.app.hosted_jobs import open_connections
from followup.app.job_queue import SCHEMA_LOCK
from followup.worker.jobs import QUEUES, Where, build, describe

log = logging.getLogger("followup.worker")

# The queue's own pool, whatever --concurrency is: brief uses (fetching a job, recording its end, the
# heartbeat, the watch on other workers). Procrastinate holds one more, outside it, for LISTEN.
QUEUE_CONNECTIONS = 3


def configure_logging(log_format: str) -> None:
    """One line per event on stderr (journald, docker logs): text, or JSON lines (`followup.logs`);
    the queue's own chatter only when it matters."""
    if not logs.configure(log_format):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    logging.getLogger("procrastinate").setLevel(logging.WARNING)


async def ensure_schema(app: procrastinate.App) -> bool:
    """Create the queue's tables unless they exist; whether this call created them."""
    pool: Any = app.connector.pool  # type: ignore[attr-defined]
    async with pool.connection() as conn:
        # Each statement commits on its own: a worker waiting for the lock must find the tables the
        # one before it made committed, not still inside its transaction.
        await conn.set_autocommit(True)
        await conn.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            found = await (await conn.execute("SELECT to_regclass('procrastinate_jobs')")).fetchone()
            if found[0] is not None:
                return False
            # One string of statements: PostgreSQL runs it as one transaction, all or nothing.
            await conn.execute(SchemaManager.get_schema())
            return True
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
            await conn.set_autocommit(False)


async def keep_alive(app: procrastinate.App, worker: Any, every: float) -> None:
    """Say this worker is alive until it has stopped. Procrastinate's own heartbeat ends as soon as a
    stop begins, while the jobs in hand may run for minutes more: without this, they would be taken
    for abandoned and run a second time, a send included, while this worker still runs them."""
    suspects: set[int] = set()
    while True:
        await asyncio.sleep(every)
        if worker.worker_id is None:
            continue  # not registered yet, or already gone
        try:
            await app.job_manager.update_heartbeat(worker.worker_id)
            suspects = await retry_dropped(app, worker, suspects)
        except ConnectorException as exc:  # the database is away for a moment: say it next time
            log.warning("Could not tell the database this worker is alive: %s", exc)


async def retry_dropped(app: procrastinate.App, worker: Any, suspects: set[int]) -> set[int]:
    """Queue again the jobs the database says this worker runs and it does not: when a job ends while
    the database is away for a moment, its end is not recorded, and the job would stay taken (its lock
    too, holding back that account's next jobs) for as long as this worker lives.

    A job is queued again only when it was found so at the look before too (`suspects`, returned for
    the next look): one just taken is marked in the database a moment before the worker knows it."""
    running = {context.job.id for context in worker._running_jobs.values()}
    found = set()
    for job in await app.job_manager.list_jobs_async(status="doing", worker_id=worker.worker_id):
        if job.id in running or job.id is None:
            continue
        if job.id in suspects:
            await _retry(app, job, DROPPED)
        else:
            found.add(job.id)
    return found


async def retry_stalled(app: procrastinate.App, stalled_after: float) -> None:
    """Queue again the jobs of workers that stopped answering (see the module's docstring)."""
    while True:
        await asyncio.sleep(stalled_after / 2)
        try:
            stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after)
            for job in stalled:
                await _retry(app, job)
        except ConnectorException as exc:  # the database is away for a moment: look again next time
            log.warning("Could not look for abandoned jobs: %s", exc)


STALLED = "A worker stopped answering while {what}: queued again, for another worker."
DROPPED = "The end of a job was not recorded (the database was away) while {what}: queued again."


async def _retry(app: procrastinate.App, job: Any, said: str = STALLED) -> None:
    what = describe(job.task_name, job.task_kwargs)
    try:
        await app.job_manager.retry_job(job)
    except UniqueViolation:
        # The same job was queued again meanwhile (a mailbox's next run): this one goes first.
        for queued in await app.job_manager.list_jobs_async(queueing_lock=job.queueing_lock, status="todo"):
            if queued.id is not None:
                await app.job_manager.cancel_job_by_id_async(queued.id, delete_job=True)
        try:
            await app.job_manager.retry_job(job)
        except ConnectorException:
            return  # another worker was quicker
    except ConnectorException:
        return  # another worker queued it again first, or it finished after all
    log.warning(said.format(what=what))


async def serve(
    app: procrastinate.App,
    *,
    name: str,
    queues: Sequence[str] | None,
    concurrency: int,
    once: bool,
    stalled_after: float,
) -> None:
    async with app.open_async():
        if await ensure_schema(app):
            log.info("Created the job queue's tables in the database.")
        worker = procrastinate_worker.Worker(
            app=app,
            name=name,
            queues=list(queues) if queues else None,
            concurrency=concurrency,
            wait=not once,
            install_signal_handlers=False,
            update_heartbeat_interval=stalled_after / 4,
            stalled_worker_timeout=stalled_after,
            # New jobs come by NOTIFY; a job that waited for a lock or a time is found by this poll.
            fetch_job_polling_interval=1.0,
            delete_jobs="successful",  # finished jobs would fill the table; failures stay, to be looked at
        )
        loop = asyncio.get_running_loop()
        # Jobs are plain functions run in threads of the loop's default pool, which would otherwise
        # stop at min(32, cores + 4): --concurrency is what decides.
        loop.set_default_executor(ThreadPoolExecutor(max_workers=concurrency + 4, thread_name_prefix="followup-job"))

        def stop(signame: str) -> None:
            log.info("%s: stopping; the jobs in hand are finished first, no new one is taken.", signame)
            worker.stop()  # type: ignore[no-untyped-call]

        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop, signal.Signals(signum).name)
        watch = asyncio.create_task(retry_stalled(app, stalled_after))
        alive = asyncio.create_task(keep_alive(app, worker, stalled_after / 4))
        shown = ", ".join(queues or QUEUES)
        log.info(
            "Worker %s started: %d job%s at a time, queues %s.", name, concurrency, "s" * (concurrency != 1), shown
        )
        try:
            if once:
                with contextlib.suppress(AlreadyEnqueued):  # the periodic task was quicker
                    await app.configure_task("every_minute").defer_async(timestamp=0)
            await worker.run()  # type: ignore[no-untyped-call]
        finally:
            watch.cancel()
            alive.cancel()
    log.info("Worker %s stopped: every job it had taken is finished.", name)


def run(
    where: Where,
    *,
    name: str,
    queues: Sequence[str] | None = None,
    concurrency: int = 1,
    connections: int | None = None,
    once: bool = False,
    stalled_after: float = 30.0,
    log_format: str = "text",
) -> int:
    """`connections`: how many database connections the jobs share (default: one per job at once)."""
    configure_logging(log_format)
    # Two pools. The queue's (Procrastinate's): fetching jobs and recording their end, the heartbeat,
    # LISTEN; the jobs', which each borrow one connection for their whole run and give it back.
    pool = open_connections(where.database_url, size=connections or concurrency, name=f"followup worker {name}")
    try:
        app = build(
            replace(where, connections=pool),
            min_size=1,
            max_size=QUEUE_CONNECTIONS,
            kwargs={"application_name": f"followup worker {name} (queue)"},
        )
        asyncio.run(
            serve(app, name=name, queues=queues, concurrency=concurrency, once=once, stalled_after=stalled_after)
        )
    finally:
        pool.close()  # after the graceful stop: every job has given its connection back
    return 0
