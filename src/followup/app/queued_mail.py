"""Send and "Check mail now" in a hosted installation: the web app queues the job, a worker does it.

A web process serves every account: mail is not sent nor read there (a slow mail server would hold
its threads, and a process that restarts would lose what it was doing). Send puts the checked
message in the outbox exactly as the single-user app does (`mail_sending.prepare_to_send`), then
queues its sending; the worker sends it exactly once (`hosted_jobs.send`). "Check mail now" brings
each mailbox's next sync forward. The page then shows how it is getting on, read each time from the
outbox, the mailbox's folders and the queue (`send_progress`, `mail_check_progress`): the same on a
reload, in another tab, or from another web process.

The single-user app keeps sending and reading in its own process (`mail_sending.send_now`,
`replies.start_mail_check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from followup.app import mail_sending, replies
from followup.app.context import Env
from followup.errors import SettingsError
from followup.store import mail as mail_store
from followup.store import outbox
from followup.store.convert import instant

if TYPE_CHECKING:
    from followup.app.job_queue import JobQueue
    from followup.drafting.model import DraftKind, Tone
    from followup.store.outbox import OutboxItem


@dataclass(frozen=True)
class SendProgress:
    """Where a message the job seeker sent from the web app stands, in their words.

    `state`: queued, sending, retrying (the mail server could not be reached; tried again at a
    time said in `message`), sent, failed (the server refused it, or every try failed), in_doubt
    (a send stopped halfway: the draft page asks whether to send it again), stalled (queued
    nowhere: Send again). `finished`: nothing more happens unless they act.
    """

    state: str
    message: str
    people: str
    action_id: str

    @property
    def finished(self) -> bool:
        return self.state not in ("queued", "sending", "retrying")


def queue_send(
    env: Env,
    jobs: JobQueue,
    action_id: str,
    account_name: str,
    *,
    tone: Tone | None,
    kind: DraftKind | None,
    resend: bool = False,
    to: str | None = None,
) -> SendProgress:
    """Send's first half (the checked message in the outbox) and its sending queued for a worker.

    Refused as the single-user app's Send is (no SMTP server, errors in the draft, a recipient that
    is none). Sending twice is safe: the outbox has one message per follow-up, and its job is
    queued once (`job_queue.queue_send`)."""
    _account, prepared = mail_sending.prepare_to_send(env, action_id, account_name, tone=tone, kind=kind, to=to)
    if not prepared.already:
        jobs.send(env.owner, prepared.item.id, resend=resend)
    progress = send_progress(env, jobs, prepared.item.action_id)
    assert progress is not None  # the item was just written
    return progress


def send_progress(env: Env, jobs: JobQueue, action_id: str) -> SendProgress | None:
    """How the send of the follow-up `action_id` stands; None when it was never sent from the web app."""
    item = next((item for item in outbox.for_action(env.store, action_id) if item.mode == "send"), None)
    if item is None or item.action_id != action_id:
        return None
    people = item.people()

    def said(state: str, message: str) -> SendProgress:
        return SendProgress(state, message, people, item.action_id)

    if item.state == "sent":
        at = _clock(env, item.updated_at)
        return said("sent", f"Sent to {people} at {at}. It is recorded, and the next step is on your list.")
    if item.state == "failed":
        return said("failed", f"Not sent to {people}: {item.error or 'the mail server refused it'}.")
    job = jobs.state_of("send", env.owner, item.id)
    if job is not None and job.state == "running":
        return said("sending", f"Sending to {people}…")
    if job is not None and job.state == "waiting":
        if job.attempts:
            at = "in a moment" if job.at is None else f"at {_local(env, job.at)}"
            return said("retrying", f"Not sent yet: the mail server could not be reached. Tried again {at}.")
        return said("queued", f"Queued: it goes out to {people} in a moment.")
    if item.state == "sending":
        return said("in_doubt", _in_doubt(env, item, people))
    if job is not None and job.state == "failed":
        return said(
            "failed", f"Not sent to {people}: the mail server could not be reached, however often it was tried."
        )
    return said("stalled", f"Not sent to {people} yet: nothing is queued to send it. Send it again.")


def _in_doubt(env: Env, item: OutboxItem, people: str) -> str:
    return (
        f"The send to {people} stopped halfway at {_clock(env, item.updated_at)}: it may have gone out. "
        "Look in your Sent folder; the draft page lets you send it again if it is not there."
    )


def _clock(env: Env, iso: str) -> str:
    return _local(env, instant(iso))


def _local(env: Env, moment: datetime) -> str:
    return f"{moment.astimezone(env.tz):%H:%M}"


@dataclass(frozen=True)
class QueuedMailCheck:
    """ "Check mail now" as the Replies page shows it (the same fields as `replies.MailCheck`)."""

    accounts: list[str]
    state: str  # running, done
    text: str
    hint: str | None = None

    @property
    def running(self) -> bool:
        return self.state == "running"

    def summary(self) -> str:
        return self.text


def check_mail_now(env: Env, jobs: JobQueue) -> QueuedMailCheck:
    """Have every mailbox of the job seeker read as soon as a worker is free (its next sync brought
    forward: never two at once); how it stands now."""
    names = replies.account_names(env)
    if not names:
        raise SettingsError("no mail account is set up", hint="Add one in Settings, or import a saved mail file.")
    for name in names:
        jobs.read_mail_now(env.owner, name)
    progress = mail_check_progress(env, jobs)
    assert progress is not None  # there are mailboxes
    return progress


def mail_check_progress(env: Env, jobs: JobQueue) -> QueuedMailCheck | None:
    """Whether the job seeker's mail is being read now (or is about to be), else when it last was;
    None without a mail account."""
    names = replies.account_names(env)
    if not names:
        return None
    now = env.now()
    states = {name: _state(jobs, env, name) for name in names}
    reading = [name for name in names if states[name] == "running"]
    due = [name for name in names if states[name] == "due"]
    several = len(names) > 1
    if reading:
        which = f" ({', '.join(reading)})" if several else ""
        return QueuedMailCheck(names, "running", f"Reading your mail{which}…")
    if due:
        which = f" ({', '.join(due)})" if several else ""
        return QueuedMailCheck(names, "running", f"Queued: your mail{which} is read as soon as a worker is free…")
    read = [at for at in (mail_store.last_read(env.store, name) for name in names) if at is not None]
    every = int(env.settings.reminders.check_mail_minutes)
    if not read:
        return QueuedMailCheck(names, "done", f"Your mail has not been read yet; it is read every {every} minutes.")
    last = instant(min(read))
    local = last.astimezone(env.tz)
    when = f"{local:%H:%M}" if local.date() == now.date() else f"{local:%d %b %H:%M}"
    return QueuedMailCheck(names, "done", f"Your mail was last read at {when}; it is read every {every} minutes.")


def _state(jobs: JobQueue, env: Env, mailbox: str) -> str:
    """running, due (queued for now), or scheduled (its next sync, later)."""
    job = jobs.state_of("mail", env.owner, mailbox)
    if job is None:
        return "scheduled"
    if job.state == "running":
        return "running"
    if job.state == "waiting" and (job.at is None or job.at <= env.now()):
        return "due"
    return "scheduled"
