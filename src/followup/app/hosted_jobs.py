"""The jobs of a hosted installation, one job seeker at a time, as the workers (`followup worker`) run them.

Each job is a use case defined once elsewhere in `app/`, the same the single-user app runs
in-process (`app/scheduler.py`): reading a mailbox is the scheduler's mail sync, the reminder
pass (with the morning digest) is `reminders.remind`, sending is the outbox's exactly-once
send, re-planning is `plan.ensure_fresh`. This module only says whom they are for (the
accounts of the database, or the one user of a database that is not hosted) and words what
they did, as the job seeker would read it, for the worker's log.

Nothing here knows about the queue: the worker package decides when each job runs, and may
run any of them on any machine, so each opens nothing that outlives it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from followup.app import accounts, digest, mail_account, plan, reminders, scheduler
from followup.app.context import Env, bootstrap
from followup.app.mail_sending import MaybeSent, send_from_account
from followup.errors import FollowupError, InvalidInput
from followup.mail.imap import MailError as MailError  # what the worker retries: a network failure
from followup.store import db, outbox, served
from followup.store.actions import get_meta
from followup.store.postgresql import Pool


def database_url(db_path: str | None, config_path: str | None) -> str:
    """The PostgreSQL database a worker serves, named as every command names it (`--db`, then
    FOLLOWUP_DATABASE_URL, then FOLLOWUP_DB), opened once so that it is upgraded before any job runs."""
    target = db_path or os.environ.get("FOLLOWUP_DATABASE_URL") or os.environ.get("FOLLOWUP_DB") or ""
    if not db.is_database_url(target):
        raise InvalidInput(
            "followup worker runs the jobs of a PostgreSQL database, and none is named"
            + (f" ({target} is an SQLite file)" if target else ""),
            hint="Name it with --db postgresql://USER@HOST/DATABASE or FOLLOWUP_DATABASE_URL. On your own "
            "computer, `followup serve --with-scheduler` runs the same jobs without workers.",
        )
    bootstrap(target, config_path).close()
    return target


# A worker's pool of database connections (`open_connections`), as the worker names it.
Connections = Pool


def open_connections(url: str, *, size: int, name: str) -> Connections:
    """The worker's pool of at most `size` connections, which its jobs borrow one at a time
    (`bootstrap(..., connections=...)`); named `name` in PostgreSQL's pg_stat_activity."""
    pool = Connections(url, min_size=1, max_size=size, name=name)
    pool.open()
    return pool


def served_owners(env: Env) -> list[int]:
    """Whose jobs the workers run: every account that is not disabled; on a database that is not
    hosted (one person's, on PostgreSQL), that one person."""
    if not accounts.is_hosted(env):
        return [env.owner]
    return served.enabled_owners(env.conn)


def is_served(env: Env, owner: int) -> bool:
    """Whether the workers run `owner`'s jobs (`served_owners`), asked of one account."""
    if not accounts.is_hosted(env):
        return owner == env.owner
    return served.is_enabled(env.conn, owner)


# A round at least this often, whatever is planned: reminders look two days ahead
# (`reminders.LOOK_AHEAD_DAYS`), and a mailbox whose schedule was lost gets it back.
LONGEST_WAIT = timedelta(hours=12)
# After a round that failed (a digest the mail server refused, broken settings): tried again then.
RETRY_AFTER = timedelta(minutes=10)


def due_owners(env: Env) -> list[int]:
    """Whose round has something to do now (`served.owners_due`): a reminder or a digest due, a
    mailbox to put on its schedule, plans to redo after a change. On a database that is not hosted,
    its one person, every minute (as the single-user app's scheduler does)."""
    if not accounts.is_hosted(env):
        return [env.owner]
    return served.owners_due(env.conn, _utc(env.now()), plan.ENGINE_VERSION)


def round_note(env: Env) -> str | None:
    """The account's note of its next round, as the round found it (`plan_next_round`)."""
    return served.round_note(env.conn, env.owner)


def plan_next_round(env: Env, seen: str | None, *, failed: bool = False) -> datetime:
    """Note when the account's next round has something to do, after a round: the next reminder or
    digest, at the latest LONGEST_WAIT from now; RETRY_AFTER from now after a round that `failed`.
    Not noted when plans were rewritten since the round read its note (`seen`): it runs again."""
    now = env.now()
    if failed:
        next_at = now + RETRY_AFTER
    else:
        found = [moment for moment in (reminders.next_due(env), digest.next_due(env)) if moment is not None]
        next_at = min([now + LONGEST_WAIT, *found])
    with env.store.transaction():
        served.note_round(env.conn, env.owner, seen, next_at=_utc(next_at), ran_at=_utc(now), rules=plan.ENGINE_VERSION)
    return next_at


def put_off_round(env: Env, owner: int) -> None:
    """After a round that could not even start (`owner`'s settings cannot be read): its next round in
    RETRY_AFTER, or as soon as they are saved again. `env`: the installation's, not the owner's."""
    now = env.now()
    with env.store.transaction():
        seen = served.round_note(env.conn, owner)
        served.note_round(
            env.conn, owner, seen, next_at=_utc(now + RETRY_AFTER), ran_at=_utc(now), rules=plan.ENGINE_VERSION
        )


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def mailboxes(env: Env) -> list[str]:
    """The names of the owner's mail accounts (`[mail.<name>]` of their settings)."""
    return [account.name for account in mail_account.all_accounts(env.config_path)]


def mail_interval_minutes(env: Env) -> int:
    """How often the owner's mail is read (`reminders.check_mail_minutes`)."""
    return int(env.settings.reminders.check_mail_minutes)


@dataclass(frozen=True)
class Done:
    """What a job did, in the job seeker's words; `failed` when it could not do it (said in `lines`)."""

    lines: list[str]
    failed: bool = False


def read_mail(env: Env, name: str) -> Done:
    """One sync of the mailbox `name`: what was new (nothing said when nothing was), or why it could not be read."""
    try:
        account = mail_account.get_account(env.config_path, name)
    except FollowupError as exc:
        return Done([f"Could not read mail from {name}: {exc.message}"], failed=True)
    with served.mailbox_lock(env.conn, env.owner, name) as free:
        if not free:
            return Done([f"Mail from {name} is being read by another worker: not read twice at once."])
        problem, said = scheduler.read_mail(env, account)
    return Done([said] if said else [], failed=problem)


def remind(env: Env) -> Done:
    """The reminder pass of `followup remind`: the reminders due now and the morning digest, each once."""
    return Done(scheduler.reminder_job().run(env))


def plan_is_stale(env: Env) -> bool:
    """Whether the owner's follow-ups were planned with other settings or rules than today's."""
    return get_meta(env.store, plan.fingerprint_key(env)) != plan.plan_fingerprint(env)


def replan(env: Env) -> Done:
    """Recompute the owner's follow-ups after their settings (or the rules) changed; nothing when they did not."""
    count = plan.ensure_fresh(env)
    if not count:
        return Done([])
    return Done([f"Follow-ups recomputed for {count} application{'s' * (count != 1)} after a change of settings."])


def send(env: Env, item_id: int, *, resend: bool = False) -> Done:
    """Send one message of the outbox, exactly once (`mail_sending.send`).

    A send that stopped halfway (its worker died) is first looked for in the Sent folder; when
    nothing can tell whether the server took it, it is not sent again (`MaybeSent`): the job
    seeker decides (their draft page says so), and `resend` is their answer. A network failure
    raises `MailError`, for the queue to try again later. While one worker sends it, the message
    is locked: a second worker (the job run again while the first, taken for dead, still runs it)
    leaves it alone.
    """
    with served.sending_lock(env.conn, env.owner, item_id) as free:
        try:
            item = outbox.get(env.store, item_id)  # read under the lock: the last holder may have sent it
        except LookupError:
            return Done([f"Message {item_id} is no longer in the outbox: nothing sent."], failed=True)
        people = item.people()
        if not free:
            return Done([f"The follow-up to {people} is being sent by another worker: not sent twice."])
        if item.state == "sent":
            return Done([f"The follow-up to {people} was already sent: not sent again."])
        if item.mode != "send" or item.state in ("drafted", "failed"):
            return Done([f"The follow-up to {people} is not waiting to be sent ({item.state}): nothing sent."])
        account = mail_account.get_account(env.config_path, item.account)
        try:
            outcome = send_from_account(env, item, account, resend=resend)
        except MaybeSent as doubt:
            return Done([f"Not sent again: {doubt.message}"], failed=True)
    assert outcome is not None  # without ask_to_resend, a send in doubt raises MaybeSent
    if outcome.already:
        return Done([f"The follow-up to {people} was already sent: not sent again."])
    if outcome.recovered:
        return Done([f"The follow-up to {people} had already gone out (found in Sent): recorded, not sent again."])
    return Done([f"Sent the follow-up to {people}.", *outcome.warnings])
