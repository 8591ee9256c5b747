"""Shared by the `followup mail draft/send` tests: a job with a due thank-you, a mail account
on the real test servers (Dovecot, aiosmtpd), and readers for what ended up where."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from typing import Any

import pytest
from imapclient import IMAPClient

import database_servers
from followup.domain.playbook import action_id
from followup.mail.accounts import MailAccount, add_account
from mail_servers import PASSWORD, SmtpServer, free_port

AFTER = "2026-11-18T15:30:00+01:00"
STATUS_DAY = "2026-11-23T09:30:00+01:00"
THANK_YOU = action_id(1, "thank_you", 1, 1)
STATUS_CHECK = action_id(1, "status_check", 1)
PASSWORD_VARIABLE = "FOLLOWUP_TEST_MAIL_PASSWORD"


# Until the `mail` group is registered in followup.cli.COMMANDS, the tests add it themselves
# (in-process here, and in the subprocess through ENTRY); both are no-ops once it is there.
ENTRY = (
    "import sys; from followup.cli import COMMANDS, main; "
    "COMMANDS.setdefault('mail', 'followup.cli.mail:mail'); sys.exit(main())"
)


@pytest.fixture(autouse=True)
def mail_command(monkeypatch):
    from followup.cli import COMMANDS

    if "mail" not in COMMANDS:
        monkeypatch.setitem(COMMANDS, "mail", "followup.cli.mail:mail")


@pytest.fixture
def user(imap_server) -> str:
    return str(imap_server.new_user())


@pytest.fixture
def filing_smtp(imap_server, user, smtp_server) -> Iterator[SmtpServer]:
    """A provider like Gmail or Fastmail: what it accepts is filed in the sender's Sent folder.

    Replaces `smtp_server` (same host and port fields, so the account fixture is unchanged).
    """
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    class Filing:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            imap_server.deliver(user, envelope.content, "Sent")
            smtp_server.messages.append(envelope)
            return "250 OK"

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: Any, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    port = free_port()
    controller = Controller(
        Filing(), hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    smtp_server.port = port  # read by the `job` fixture, which is set up after this one
    try:
        yield smtp_server
    finally:
        controller.stop()


def thank_you_due(run) -> None:
    """Zoë's interview at ACME done and captured: her thank-you to Ann Lee (by email) is due."""
    for key, value in (("profile.name", "Zoë O'Brien"), ("profile.email", "zoe@example.org")):
        run.ok("config", "set", key, value)
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--style", "modern", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann Lee <ann@acme.example>",
        now="2026-11-16T10:00:00+01:00",
    )  # fmt: skip
    run.ok(
        "interview", "capture", "1", "--prefers", "Ann Lee=email", "--timeline", "by Friday",
        "--main-points", "forecasting models", now=AFTER,
    )  # fmt: skip


@pytest.fixture
def job(run, paths, imap_server, smtp_server, user, monkeypatch):
    """An interview done, its thank-you due, and a mail account on the test servers."""
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    thank_you_due(run)
    add_account(
        paths["config"],
        MailAccount(
            name="work",
            email="zoe@example.org",
            imap_host=imap_server.host,
            imap_port=imap_server.port,
            imap_security="none",
            imap_user=user,
            smtp_host=smtp_server.host,
            smtp_port=smtp_server.port,
            smtp_security="none",
            smtp_user=user,
            password_env=PASSWORD_VARIABLE,
        ),
    )
    return run


def folder(imap_server, user: str, name: str) -> list[tuple[set[bytes], email.message.EmailMessage]]:
    """Every message in a folder, parsed, with its flags."""
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10) as client:
        client.login(user, PASSWORD)
        client.select_folder(name, readonly=True)
        fetched = client.fetch(client.search(), ["RFC822", "FLAGS"])
    return [
        (set(data[b"FLAGS"]), email.message_from_bytes(data[b"RFC822"], policy=email.policy.default))
        for _uid, data in sorted(fetched.items())
    ]


def outbox(paths) -> list[tuple[Any, ...]]:
    with database_servers.connect(paths["db"]) as conn:
        return conn.execute("SELECT action_id, state, message_id, raw, touchpoint_id FROM outbox").fetchall()


def touchpoints(paths, message_id: str) -> int:
    with database_servers.connect(paths["db"]) as conn:
        return int(conn.execute("SELECT count(*) FROM touchpoint WHERE message_id = ?", (message_id,)).fetchone()[0])


def agenda_ids(run, now: str) -> list[str]:
    return [item["id"] for item in run.json("agenda", now=now)]


def received(smtp_server) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(e.content, policy=email.policy.default) for e in smtp_server.messages]
