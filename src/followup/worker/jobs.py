"""The Procrastinate app: which jobs exist, in which queue, under which locks, and when they run.

- `every_minute` (queue `schedule`, periodic): queues the round of each job seeker with something due
  (`hosted_jobs.due_owners`: one query), not of everyone. One at a time across all workers: the
  periodic task is deferred once per minute, whichever worker does it.
- `round` (queue `reminders`): one job seeker's due work: the reminders due now and the morning digest
  (`reminders.remind`, on their clock and with their quiet hours), then a mail sync for each mailbox
  that has none queued; it ends by noting when their next round is due (`plan_next_round`: the next
  reminder or digest; sooner when their settings or follow-ups change). When their follow-ups were
  planned under other settings or rules, it queues `replan` instead, which queues the round again
  once the plan is fresh.
- `read_mail` (queue `mail`): one mailbox's sync. It queues its own next run first, at the owner's
  `reminders.check_mail_minutes` from now, so a mailbox has one run queued at all times; a failing
  mailbox is tried again on that schedule, not every minute.
- `send` (queue `send`): one message of the outbox, exactly once (`hosted_jobs.send`), queued by the
  web app's Send; a network failure is retried with a growing wait.
- `replan` (queue `plan`): one job seeker's follow-ups recomputed after a change of settings, or of the
  rules after an upgrade (every account at once: the work is spread over the workers).

Every per-person job is queued under its locks by `followup.app.job_queue`, whoever queues it
(a job here, or the web app's Send and "Check mail now").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import procrastinate

from followup.app import hosted_jobs
from followup.app.context import Env, bootstrap, env_for
from followup.app.hosted_jobs import Connections, MailError
from followup.app.job_queue import queue_mail, queue_replan, queue_round, queue_rounds
from followup.errors import FollowupError

QUEUES = ("schedule", "reminders", "mail", "send", "plan")
log = logging.getLogger("followup.worker")

# A send that failed on the network is tried again after 8 s, 64 s, 8.5 min, 68 min: a mail
# server that is down for a while gets the message when it is back, without a retry storm.
SEND_RETRY = procrastinate.RetryStrategy(max_attempts=4, exponential_wait=8, retry_exceptions=[MailError])


@dataclass(frozen=True)
class Where:
    """What every job opens: the database, the server's settings file, the clock; `connections`, the
    worker's pool to borrow a connection from (none: each job opens its own)."""

    database_url: str
    config_path: str | None
    clock: Callable[[], datetime] | None = None
    connections: Connections | None = None

    @contextmanager
    def env(self, owner: int | None = None) -> Iterator[Env]:
        """A connection for the job alone (jobs run in threads, on any machine), as `owner` sees it."""
        base = bootstrap(self.database_url, self.config_path, clock=self.clock, connections=self.connections)
        try:
            yield base if owner is None else env_for(base, owner)
        finally:
            base.close()


def describe(task_name: str, args: dict[str, Any]) -> str:
    """A job as the log names it, in the job seeker's words."""
    owner = args.get("owner")
    what = {
        "every_minute": "queueing the minute's round",
        "round": f"the reminders of account {owner}",
        "read_mail": f"reading mail from {args.get('mailbox')} for account {owner}",
        "send": f"sending message {args.get('item_id')} of account {owner}",
        "replan": f"recomputing the follow-ups of account {owner}",
    }
    return what.get(task_name.rpartition(".")[2], task_name)


def _say(owner: int, done: hosted_jobs.Done) -> None:
    for line in done.lines:
        log.log(logging.WARNING if done.failed else logging.INFO, "Account %s: %s", owner, line)


@contextmanager
def _reported(owner: int, *, retried: type[Exception] | None = None) -> Iterator[None]:
    """A problem the job seeker can act on (broken settings, a database that is away, a digest the mail
    server refused) is said in the log, in their words, and ends the job: it is not a bug, and the next
    round or run tries again. A `retried` one is left to the queue, which tries again later."""
    try:
        yield
    except FollowupError as exc:
        if retried is not None and isinstance(exc, retried):
            raise
        _warn(owner, exc)


def _warn(owner: int, exc: FollowupError) -> None:
    log.warning("Account %s: %s", owner, f"{exc.message} ({exc.hint})" if exc.hint else exc.message)


def build(where: Where, **connection: Any) -> procrastinate.App:
    """The app with its jobs; `connection`: the pool's settings (min_size, max_size)."""
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=where.database_url, **connection))

    @app.periodic(cron="* * * * *", periodic_id="minute")
    @app.task(name="every_minute", queue="schedule", queueing_lock="every_minute")
    def every_minute(timestamp: int) -> None:
        with where.env() as env:
            owners = hosted_jobs.due_owners(env)
        queue_rounds(app, owners)

    @contextmanager
    def put_off_when_unreadable(owner: int) -> Iterator[None]:
        """A round that fails as a whole (settings that cannot be read) is put off, not run every minute."""
        try:
            yield
        except FollowupError:
            try:
                with where.env() as base:
                    hosted_jobs.put_off_round(base, owner)
            except FollowupError:
                pass  # the database is away: the round is due again, and tried again next minute
            raise

    @app.task(name="round", queue="reminders")
    def owner_round(owner: int) -> None:
        with _reported(owner), put_off_when_unreadable(owner), where.env(owner) as env:
            if hosted_jobs.plan_is_stale(env):
                # Reminders read the plan: it is recomputed first, by a job of its own, which then
                # queues this round again (rather than every read recomputing it on the spot).
                queue_replan(app, owner)
                return
            seen = hosted_jobs.round_note(env)  # read first: plans rewritten during the round win
            failed = False
            try:
                _say(owner, hosted_jobs.remind(env))
            except FollowupError as exc:
                _warn(owner, exc)
                failed = True
            try:
                mailboxes = hosted_jobs.mailboxes(env)
            except FollowupError as exc:
                _say(owner, hosted_jobs.Done([f"Could not read the mail accounts' settings: {exc.message}"], True))
                mailboxes = []
            for mailbox in mailboxes:
                queue_mail(app, owner, mailbox)
            # Its next round only when something is due then: an idle account costs nothing meanwhile.
            hosted_jobs.plan_next_round(env, seen, failed=failed)

    @app.task(name="read_mail", queue="mail")
    def read_mail(owner: int, mailbox: str) -> None:
        with _reported(owner), where.env(owner) as env:
            if not hosted_jobs.is_served(env, owner):
                return  # the account was disabled: its mail is not read any more
            try:
                still_there = mailbox in hosted_jobs.mailboxes(env)
            except FollowupError:
                still_there = True  # broken settings: said by the round; tried again on the schedule
            if not still_there:
                log.info("Account %s: the mail account %s is no longer set up: not read any more.", owner, mailbox)
                return
            # The next run first: a worker that dies during the sync leaves the schedule in place.
            queue_mail(app, owner, mailbox, in_minutes=hosted_jobs.mail_interval_minutes(env))
            _say(owner, hosted_jobs.read_mail(env, mailbox))

    @app.task(name="send", queue="send", retry=SEND_RETRY)
    def send(owner: int, item_id: int, resend: bool = False) -> None:
        with _reported(owner, retried=MailError), where.env(owner) as env:
            try:
                _say(owner, hosted_jobs.send(env, item_id, resend=resend))
            except MailError as exc:
                log.warning("Account %s: could not send message %s yet (%s): it will be tried again.", owner,
                            item_id, exc.message)  # fmt: skip
                raise

    @app.task(name="replan", queue="plan")
    def replan(owner: int) -> None:
        with _reported(owner), where.env(owner) as env:
            _say(owner, hosted_jobs.replan(env))
            queue_round(app, owner)

    return app
