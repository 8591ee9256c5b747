"""Shared by the worker tests: a hosted database with job seekers whose mailboxes are on the test
Dovecot, and `followup worker` processes that a test can stop, kill, or have die at a chosen step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import database_servers
from followup.app import applications, stored_secrets
from followup.app.context import bootstrap, env_for
from followup.domain.model import ContactRole
from mail_servers import PASSWORD

CREATED = "2026-11-16T09:00:00Z"
# The server key the seekers' mail passwords are kept encrypted with, as a hosted installation keeps
# them (a hosted account logs in with its saved password only); a test that set its own key keeps it.
_SECRET_KEY = "RZmsw-y2ZFz2-p57uJH9cUkcfDP5k06kYUUFQRRtjxw="


def server_key() -> str:
    return os.environ.get(stored_secrets.KEYS_VARIABLE) or _SECRET_KEY


# `followup` in a process of its own, with what a test injects (shipped code has no hooks):
# FOLLOWUP_TEST_DIE_AT kills the process there, as a kill -9 would (os._exit skips every cleanup):
#   "noting" once a sync has queued what it read and before it notes it; or a send's
#   interruption point ("sending-committed", "smtp-accepted").
# FOLLOWUP_TEST_TRACE: a file where each mailbox sync writes when it starts and ends, after a pause
#   of FOLLOWUP_TEST_SYNC_PAUSE seconds (so that syncs overlap unless something keeps them apart).
ENTRY = """
import os, sys, time
from followup.app import mail_sending, mail_sync
die_at = os.environ.get("FOLLOWUP_TEST_DIE_AT", "")
if die_at == "noting":
    mail_sync.note_pending = lambda *args, **kwargs: os._exit(137)
elif die_at:
    mail_sending.interruption_point = lambda step: os._exit(137) if step == die_at else None
trace = os.environ.get("FOLLOWUP_TEST_TRACE")
if trace:
    original = mail_sync.sync
    def traced(env, account, **kwargs):
        def note(what):
            with open(trace, "a") as out:
                out.write(f"{what} {env.owner}:{account.name} {time.time()}\\n")
        note("start")
        time.sleep(float(os.environ.get("FOLLOWUP_TEST_SYNC_PAUSE", "0")))
        try:
            return original(env, account, **kwargs)
        finally:
            note("end")
    mail_sync.sync = traced
from followup.cli import main
sys.exit(main())
"""


def reply(to: str, sender: str, number: int) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = f"Ann Lee <{sender}>", to
    message["Subject"], message["Message-ID"] = f"Re: your application ({number})", f"<reply-{number}-{to}>"
    message["Date"] = "Tue, 17 Nov 2026 09:30:00 +0100"
    message.set_content(f"Thank you for your patience ({number}). We will be in touch.\n\nBest,\nAnn\n")
    return message.as_bytes()


def settings_of(user: str, imap: Any, *, extra: str = "", smtp: Any = None) -> str:
    """A job seeker's settings document, their mailbox on the test Dovecot (and `smtp` to send through)."""
    sending = f'smtp_host = "{smtp.host}"\nsmtp_port = {smtp.port}\nsmtp_security = "none"\n' if smtp else ""
    return (
        f'timezone = "Europe/Berlin"\ncountry = "DE"\n{extra}\n[mail.box]\nemail = "{user}@example.test"\n'
        f'imap_host = "{imap.host}"\nimap_port = {imap.port}\nimap_security = "none"\nimap_user = "{user}"\n'
        f"password_keyring = true\n{sending}"
    )


def hosted(
    url: str, config: str, imap: Any, seekers: int, messages: int = 2, extra: str = "", smtp: Any = None
) -> dict[int, str]:
    """A hosted database with `seekers` accounts, each with an application whose contact has written
    `messages` replies to their own Dovecot mailbox; their owner ids and mailbox users. `extra`: more
    of their settings (TOML); `smtp`: the server their mail account sends through."""
    users: dict[int, str] = {}
    with database_servers.connect(url) as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('hosted', '1')")
        for number in range(seekers):
            user = imap.new_user()
            owner = conn.execute(
                "INSERT INTO owner (name, created_at) VALUES (?, ?) RETURNING id", (user, CREATED)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at) "
                "VALUES (?, ?, ?, 'seeker', 'unused', ?, ?)",
                (owner, f"{user}@example.test", f"Seeker {number}", CREATED, CREATED),
            )
            conn.execute(
                "INSERT INTO owner_settings (owner_id, document, updated_at) VALUES (?, ?, ?)",
                (owner, settings_of(user, imap, extra=extra.format(user=user), smtp=smtp), CREATED),
            )
            users[owner] = user
    base = bootstrap(url, config, clock=lambda: datetime(2026, 11, 16, 9, tzinfo=UTC))
    before = os.environ.get(stored_secrets.KEYS_VARIABLE)
    os.environ[stored_secrets.KEYS_VARIABLE] = server_key()
    try:
        for owner, user in users.items():
            env = env_for(base, owner)
            stored_secrets.keep(env, stored_secrets.MAIL_PASSWORD, user, PASSWORD)  # as Settings → Mail saves it
            added = applications.add_application(env, applications.NewApplication(company="ACME", role="Analyst"))
            contact = f"ann.{user}@acme.example"
            applications.add_contact(
                env,
                applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email=contact),
                application_id=added.id,
            )
            for number in range(messages):
                imap.deliver(user, reply(f"{user}@example.test", contact, number))
    finally:
        if before is None:
            del os.environ[stored_secrets.KEYS_VARIABLE]
        base.close()
    return users


def received_replies(url: str) -> dict[int, int]:
    """Per owner, how many replies were recorded as touchpoints."""
    with database_servers.connect(url) as conn:
        rows = conn.execute(
            "SELECT owner_id, count(*) FROM touchpoint WHERE message_id LIKE '<reply-%' GROUP BY owner_id"
        ).fetchall()
    return {int(owner): int(count) for owner, count in rows}


def queue_syncs(url: str, config: str, users: dict[int, str], *, locked: int, unlocked: int) -> None:
    """Queue more syncs of every mailbox, with no queueing lock to refuse them (as if several workers had
    each queued one): `locked` under the mailbox's lock in the queue, `unlocked` without it."""
    from followup.app.job_queue import lock_of

    async def syncs(app: Any) -> None:
        for owner in users:
            for lock in [lock_of("mail", owner, "box")] * locked + [None] * unlocked:
                await app.configure_task("read_mail", lock=lock).defer_async(owner=owner, mailbox="box")

    queue(url, config, syncs)


def queue(url: str, config: str, jobs: Callable[[Any], Awaitable[None]]) -> None:
    """Queue `jobs` (given the Procrastinate app) as the web app or a worker would, the queue's tables
    made first when no worker has started yet."""
    import asyncio

    from followup.worker.jobs import Where, build
    from followup.worker.process import ensure_schema

    async def run() -> None:
        app = build(Where(url, config))
        async with app.open_async():
            await ensure_schema(app)
            await jobs(app)

    asyncio.run(run())


def wait_for(check: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(0.1)


class Worker:
    """A `followup worker` process; its log (stderr) in `folder/<name>.log`."""

    def __init__(
        self, folder: Path, url: str, config: str, name: str, *args: str, now: str | None = None, **environment: str
    ) -> None:
        self.log = folder / f"{name}.log"
        command = [sys.executable, "-c", ENTRY, "--db", url, "--config", config, *(["--now", now] if now else [])]
        command += ["worker", "--name", name, "--stalled-after", "2", *args]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=log,
                env={**os.environ, stored_secrets.KEYS_VARIABLE: server_key(), **environment},
            )

    @property
    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.process.wait(timeout)

    def wait(self, timeout: float = 30) -> int:
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
