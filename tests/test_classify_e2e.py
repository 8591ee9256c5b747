"""The reply labels' look-alikes end to end: delivered to a real Dovecot, read by `followup mail sync`.

A tracking system's invitation is a next round to schedule, not a receipt; its portal's
notice about a password is no answer from the employer; a recruiter at the company writing
about another role suggests nothing for this application.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from typing import Any

import pytest

from conftest import Cli, Clock
from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole
from followup.mail.accounts import MailAccount, add_account
from mail_servers import PASSWORD

PW_VAR = "FOLLOWUP_TEST_LOOKALIKES_PASSWORD"
NOW = "2026-11-23T09:00:00+01:00"


def mail(sender: str, to: str, subject: str, mid: str, body: str, **headers: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Message-ID"] = sender, to, subject, f"<{mid}@test>"
    m["Date"] = datetime.fromisoformat("2026-11-21T08:00:00+01:00").strftime("%a, %d %b %Y %H:%M:%S %z")
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(body)
    return m.as_bytes()


@pytest.fixture
def synced(env: Env, clock: Clock, run: Cli, paths: dict[str, str], imap_server: Any, monkeypatch: pytest.MonkeyPatch):
    """Delivers one message to a fresh mailbox of an ACME application and syncs; the stored row."""
    user = imap_server.new_user()
    monkeypatch.setenv(PW_VAR, PASSWORD)
    account = MailAccount(
        name="home", email=f"{user}@example.test", imap_host=imap_server.host, imap_port=imap_server.port,
        imap_security="none", imap_user=user, password_env=PW_VAR,
    )  # fmt: skip
    add_account(paths["config"], account)
    clock.set("2026-11-17T09:00:00+01:00")
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=app.id,
    )

    def deliver(raw: bytes) -> tuple[str, str | None, str]:
        imap_server.deliver(user, raw, "INBOX")
        run.ok("mail", "sync", now=NOW)
        [(label, suggestion, evidence)] = env.conn.execute(
            "SELECT label, suggestion, evidence FROM mail_message"
        ).fetchall()
        return label, suggestion, evidence

    return {"deliver": deliver, "me": account.email, "run": run}


def test_a_tracking_systems_invitation_is_a_next_round_to_schedule(synced):
    raw = mail(
        "ACME Careers <no-reply@acme.example>", synced["me"], "Data Analyst: next step", "inv1",
        "Dear Zoe,\n\nThank you for applying for the Data Analyst role. The hiring manager has reviewed your "
        "application and would like to interview you. Please select an interview time in the candidate portal.\n\n"
        "This is an automated message. Replies to this address are not monitored.\n",
        Auto_Submitted="auto-generated",
    )  # fmt: skip
    label, suggestion, _ = synced["deliver"](raw)
    assert (label, suggestion) == ("next_round", "schedule the next interview")


def test_the_portals_password_notice_is_no_answer(synced):
    raw = mail(
        "ACME Careers <no-reply@acme.example>", synced["me"], "Reset your password", "pw1",
        "Hello,\n\nSomeone asked to reset your password for the ACME candidate portal. If it was you, follow the "
        "link below; your applications are not affected.\n\nThis is an automated message, do not reply.\n",
        Auto_Submitted="auto-generated",
    )  # fmt: skip
    label, suggestion, evidence = synced["deliver"](raw)
    assert (label, suggestion) == ("other", None)
    assert "automatic mail that says nothing about your application" in evidence
    assert "ACME Corp last wrote" not in synced["run"].ok("agenda", "--days", "60", now=NOW)


def test_a_recruiters_approach_about_another_role_suggests_nothing(synced):
    raw = mail(
        "Max Roth <max.roth@acme.example>", synced["me"], "Another role at ACME?", "cold1",
        "Hi,\n\nI came across your profile and think you could be a fit for our Analytics Lead opening in Hamburg. "
        "Would you be open to a quick call on Thursday?\n\nMax\n",
    )  # fmt: skip
    label, suggestion, _ = synced["deliver"](raw)
    assert (label, suggestion) == ("other", None)
