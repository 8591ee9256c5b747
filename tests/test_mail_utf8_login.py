"""A mail password beyond ASCII ("Grüße-Zoë-2026") logs in to a real Dovecot and a real SMTP server,
and a server that cannot take one gets a clear message instead of a crash."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from click.testing import CliRunner
from imapclient import IMAPClient

from followup.app import applications
from followup.cli.context import AppContext
from followup.cli.mail_sync import sync as sync_command
from followup.domain.model import ContactRole
from followup.mail import imap
from followup.mail.accounts import MailAccount, add_account
from followup.mail.smtp import connect_smtp
from mail_servers import UTF8_PASSWORD, UTF8_USER

PW_VAR = "FOLLOWUP_TEST_UTF8_PASSWORD"


def utf8_account(imap_server, monkeypatch, smtp_server=None) -> MailAccount:
    monkeypatch.setenv(PW_VAR, UTF8_PASSWORD)
    smtp = (
        {"smtp_host": smtp_server.host, "smtp_port": smtp_server.port, "smtp_security": "none"} if smtp_server else {}
    )
    return MailAccount(
        name="home", email=f"{UTF8_USER}@example.test", imap_host=imap_server.host, imap_port=imap_server.port,
        imap_security="none", imap_user=UTF8_USER, password_env=PW_VAR, **smtp,
    )  # fmt: skip


def test_mail_sync_logs_in_with_a_password_beyond_ascii(env, paths, imap_server, monkeypatch):
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=app.id,
    )
    reply = EmailMessage()
    reply["From"], reply["To"] = "Ann Lee <ann.lee@acme.example>", f"{UTF8_USER}@example.test"
    reply["Subject"], reply["Message-ID"] = "Next steps", "<utf8-login-1@acme.example>"
    reply["Date"] = "Tue, 17 Nov 2026 09:30:00 +0100"
    reply.set_content("Thank you for coming in; we will be in touch.\n")
    imap_server.deliver(UTF8_USER, reply.as_bytes())
    add_account(paths["config"], utf8_account(imap_server, monkeypatch))
    result = CliRunner().invoke(sync_command, [], obj=AppContext(paths["db"], paths["config"]))
    assert result.exit_code == 0, result.output
    assert "Internal error" not in result.output
    assert "Next steps" in result.output


def test_without_a_login_that_carries_utf8_the_message_says_what_to_do(imap_server, monkeypatch):
    # A server that offers no AUTHENTICATE PLAIN (only LOGIN, which is ASCII).
    monkeypatch.setattr(IMAPClient, "has_capability", lambda self, name: name.upper() != "AUTH=PLAIN")
    with pytest.raises(imap.MailError) as caught:
        imap.connect(utf8_account(imap_server, monkeypatch))
    text = str(caught.value)
    assert f"the password for {UTF8_USER} has characters beyond plain ASCII" in text
    assert f"{imap_server.host}:{imap_server.port}" in text
    assert "app password" in text
    assert UTF8_PASSWORD not in text


def test_the_wrong_password_beyond_ascii_is_a_refused_login(imap_server, monkeypatch):
    account = utf8_account(imap_server, monkeypatch)
    monkeypatch.setenv(PW_VAR, "Grüße-falsch")
    with pytest.raises(imap.MailError, match=f"refused the login of {UTF8_USER}") as caught:
        imap.connect(account)
    assert "Grüße-falsch" not in str(caught.value)


def test_smtp_logs_in_with_a_password_beyond_ascii(imap_server, smtp_server, monkeypatch):
    account = utf8_account(imap_server, monkeypatch, smtp_server)
    smtp = connect_smtp(account)
    try:
        smtp.sendmail(account.email, ["ann.lee@acme.example"], b"Subject: hi\r\n\r\nhello\r\n")
    finally:
        smtp.quit()
    assert smtp_server.messages[0].rcpt_tos == ["ann.lee@acme.example"]
    monkeypatch.setenv(PW_VAR, "Grüße-falsch")
    with pytest.raises(imap.MailError, match=f"refused the login for {UTF8_USER}") as caught:
        connect_smtp(account)
    assert "Grüße-falsch" not in str(caught.value)
