"""The scheduler beside the web app: runs the jobs of `app/` on a timer, in a thread.

`followup serve --with-scheduler` (what the background service runs) starts it. The
jobs themselves are defined once elsewhere in `app/` (the reminder pass is
`reminders.remind`, the same pass `followup remind` runs by hand; the mail job is the
sync of `followup mail sync`); this module only decides when they run, so a hosted
deployment swaps it for workers that call the same jobs. The mail job runs before the
reminders, so a reply that just arrived is known before anything is reminded of.

The first pass runs at once, so what fell due while the computer was off goes out
at login rather than a minute later. Each pass gets its own database connection
(`in_own_env`): a SQLite connection belongs to the thread that opened it. A pass
that fails is reported and the next one runs on time: one bad pass must not stop
the reminders for the rest of the day. A pass that fails the way the one before it
did is not reported again (a failure that lasts, such as no desktop to show
notifications on, would fill the service's log every minute); the first pass that
works after it says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.app.context import Env, in_own_env
from followup.domain.settings import Reminders
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.mail.accounts import MailAccount

# Reminders are due to the minute; a pass that finds nothing due costs one small query.
INTERVAL_SECONDS = 60.0


@dataclass(frozen=True)
class Job:
    name: str  # in the user's words, for the report: "reminders"
    run: Callable[[Env], list[str]]  # one pass; returns a line per thing it did
    stop: Callable[[], None] | None = None  # releases what the job keeps between passes


def reminder_job(report: Callable[[str], None] | None = None, *, serving_at: str | None = None) -> Job:
    """The reminder pass; with `report`, the desktop notifications' buttons are answered (and reported)
    for as long as the scheduler runs, since the job keeps their notifier between passes.

    `serving_at`: the address the web app beside the scheduler runs at. Reminders link to it unless
    the user chose where links point (`reminders.web_address`): the default port may have been taken.
    """
    from followup.app import reminders

    kept: list[reminders.DesktopChannel] = []

    def run(env: Env) -> list[str]:
        rules = env.settings.reminders
        if serving_at is not None and rules.web_address == Reminders().web_address:
            # The pass's own Env (in_own_env): the links of this pass, its digest included.
            env.settings = replace(env.settings, reminders=replace(rules, web_address=serving_at.rstrip("/")))
        desktop = None
        if env.settings.reminders.desktop and report is not None:
            if not kept:
                kept.append(reminders.DesktopChannel(env, report))
            desktop = kept[0]
        done = reminders.remind(env, desktop=desktop)
        return done.problems + [f"Sent a reminder: {reminder.headline}" for reminder in done.sent]

    def stop() -> None:
        for channel in kept:
            channel.close()

    return Job("reminders", run, stop)


def mail_job() -> Job:
    """Reads every mail account (the sync of `followup mail sync`) every `reminders.check_mail_minutes`,
    the first time at once; nothing at all while no account is set up.

    The job's own clock, not the scheduler's minute, says when: a pass that is not due yet
    costs nothing. A failure is reported once, not on every try, and the account said to
    work again when it does; the other accounts are read all the same.
    """
    last_read: list[datetime] = []
    failing: dict[str, str] = {}  # account ("" for the settings) → what its last failure said

    def run(env: Env) -> list[str]:
        from followup.app import mail_account

        lines: list[str] = []
        now = env.now()
        if last_read and now < last_read[-1] + timedelta(minutes=env.settings.reminders.check_mail_minutes):
            return lines
        try:
            accounts = mail_account.all_accounts(env.config_path)
        except FollowupError as exc:
            _once(failing, "", f"Could not read the mail accounts' settings: {exc}", lines)
            return lines
        failing.pop("", None)
        if accounts:
            last_read[:] = [now]
        for account in accounts:
            problem, said = read_mail(env, account)
            if problem:
                _once(failing, account.name, said, lines)
                continue
            if failing.pop(account.name, None) is not None:
                lines.append(f"Mail from {account.name} is read again.")
            if said:
                lines.append(said)
        return lines

    return Job("mail", run)


def _once(failing: dict[str, str], key: str, said: str, lines: list[str]) -> None:
    """Report a failure unless it is the one reported last time for `key`."""
    if failing.get(key) != said:
        lines.append(said)
    failing[key] = said


def read_mail(env: Env, account: MailAccount) -> tuple[bool, str]:
    """One account's sync: (False, what was new, empty when nothing) or (True, why it could not be read).
    The scheduler's mail job and a hosted worker's both word it this way."""
    from followup.app import mail_sync

    try:
        report = mail_sync.sync(env, account)
    except FollowupError as exc:
        return True, f"Could not read mail from {account.name}: {exc}"
    except Exception as exc:  # a network failure the mail layer did not name: the next try may work
        return True, f"Could not read mail from {account.name}: {type(exc).__name__}: {exc}"
    new = len(report.new_mail_ids)
    if not new:
        return False, ""
    return False, f"Read mail from {account.name}: {new} new message{'s' * (new != 1)} about your applications."


class Scheduler:
    """Runs `jobs` every `interval` seconds in a daemon thread until `stop()`."""

    def __init__(
        self,
        env: Env,
        jobs: Sequence[Job],
        report: Callable[[str], None],
        interval: float = INTERVAL_SECONDS,
    ) -> None:
        self._env = env
        self._jobs = tuple(jobs)
        self._report = report
        self._interval = interval
        self._stopping = threading.Event()
        self._failing: dict[str, str] = {}  # job → what its last pass's failure said
        self._thread = threading.Thread(target=self._loop, name="followup scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        for job in self._jobs:
            if job.stop is not None:
                job.stop()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            for job in self._jobs:
                self._run(job)
            self._stopping.wait(self._interval)

    def _run(self, job: Job) -> None:
        try:
            lines = in_own_env(self._env, job.run)
        except FollowupError as exc:
            self._failed(job, f"The {job.name} pass failed: {exc}")
        except Exception as exc:  # a bug, but the next pass may still work: report it and go on
            self._failed(job, f"The {job.name} pass failed unexpectedly: {type(exc).__name__}: {exc}")
        else:
            if self._failing.pop(job.name, None) is not None:
                self._report(f"The {job.name} pass works again.")
            for line in lines:
                self._report(line)

    def _failed(self, job: Job, said: str) -> None:
        # The same failure pass after pass (no desktop, a database being upgraded) is said once, not every minute.
        if self._failing.get(job.name) != said:
            self._report(said)
        self._failing[job.name] = said
