"""Encrypted connections against real servers: Dovecot with a certificate, aiosmtpd with TLS.

The product trusts the system's CA store (ssl.create_default_context); the tests point
it at their own throwaway CA through SSL_CERT_FILE, as a company CA would be installed.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest

from followup.app import applications
from followup.app.context import Env
from followup.app.mail_sync import sync
from followup.domain.model import ContactRole
from followup.mail.accounts import MailAccount
from followup.mail.imap import MailError
from followup.mail.smtp import connect_smtp, quit_quietly
from mail_servers import PASSWORD, ImapServer, SmtpServer, _Sink, free_port

PW_VAR = "FOLLOWUP_TEST_TLS_PASSWORD"


def reply(user: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "Ann Lee <ann.lee@acme.example>", f"{user}@example.test", "Next steps"
    m["Message-ID"], m["Date"] = f"<tls-{user}@test>", "Tue, 17 Nov 2026 09:30:00 +0100"
    m.set_content("We would like to invite you to a second interview.\n\nBest,\nAnn\n")
    return m.as_bytes()


def account(server: ImapServer, user: str, security: str, monkeypatch: pytest.MonkeyPatch, **extra: Any) -> MailAccount:
    monkeypatch.setenv(PW_VAR, PASSWORD)
    port = server.imaps_port if security == "tls" else server.port
    return MailAccount(
        name="tls",
        email=f"{user}@example.test",
        imap_host="localhost",
        imap_port=port,
        imap_security=security,
        imap_user=user,
        password_env=PW_VAR,
        **extra,
    )


@pytest.fixture
def known(env: Env) -> Env:
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=app.id,
    )
    return env


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_sync_over_an_encrypted_connection(
    security: str, known: Env, imap_tls_server: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", imap_tls_server.ca_file)
    user = imap_tls_server.new_user()
    imap_tls_server.deliver(user, reply(user))
    report = sync(known, account(imap_tls_server, user, security, monkeypatch))
    assert len(report.new_mail_ids) == 1


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_an_untrusted_certificate_is_refused_with_a_clear_message(
    security: str, known: Env, imap_tls_server: ImapServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    # A CA file that does not contain the server's CA: like a man in the middle.
    import trustme

    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    user = imap_tls_server.new_user()
    with pytest.raises(MailError) as caught:
        sync(known, account(imap_tls_server, user, security, monkeypatch))
    message = str(caught.value)
    assert "certificate" in message.lower() or "tls" in message.lower()
    assert "Traceback" not in message


def test_a_certificate_for_another_name_is_refused(
    known: Env, imap_tls_server: ImapServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", imap_tls_server.ca_file)
    user = imap_tls_server.new_user()
    wrong_name = account(imap_tls_server, user, "tls", monkeypatch)
    wrong_name = MailAccount(**{**wrong_name.__dict__, "imap_host": "127.0.0.2"})  # not in the certificate
    with pytest.raises(MailError):
        sync(known, wrong_name)


@pytest.fixture
def smtp_tls(tmp_path: Any) -> Iterator[tuple[SmtpServer, SmtpServer, str]]:
    """aiosmtpd twice with one certificate: STARTTLS on the first, implicit TLS on the second."""
    import trustme
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_context)
    ca_file = str(tmp_path / "ca.pem")
    ca.cert_pem.write_to_path(ca_file)

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: Any, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    starttls = SmtpServer("127.0.0.1", free_port())
    implicit = SmtpServer("127.0.0.1", free_port())
    controllers = [
        Controller(
            _Sink(starttls),
            hostname="127.0.0.1",
            port=starttls.port,
            authenticator=authenticate,
            tls_context=server_context,
            require_starttls=True,
        ),
        Controller(
            _Sink(implicit),
            hostname="127.0.0.1",
            port=implicit.port,
            authenticator=authenticate,
            ssl_context=server_context,
            server_hostname="localhost",
            # aiosmtpd does not count implicit TLS as TLS for this check; the connection is encrypted.
            auth_require_tls=False,
        ),
    ]
    for controller in controllers:
        controller.start()
    try:
        yield starttls, implicit, ca_file
    finally:
        for controller in controllers:
            controller.stop()


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_sending_over_an_encrypted_connection(
    security: str, smtp_tls: tuple[SmtpServer, SmtpServer, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    starttls, implicit, ca_file = smtp_tls
    server = starttls if security == "starttls" else implicit
    monkeypatch.setenv("SSL_CERT_FILE", ca_file)
    monkeypatch.setenv(PW_VAR, PASSWORD)
    sender = MailAccount(
        name="tls",
        email="me@example.test",
        imap_host="localhost",
        smtp_host="localhost",
        smtp_port=server.port,
        smtp_security=security,
        smtp_user="me",
        password_env=PW_VAR,
    )
    smtp = connect_smtp(sender)
    try:
        smtp.sendmail("me@example.test", ["ann.lee@acme.example"], b"Subject: hi\r\n\r\nThank you.\r\n")
    finally:
        quit_quietly(smtp)
    assert len(server.messages) == 1
    assert server.messages[0].rcpt_tos == ["ann.lee@acme.example"]


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_sending_refuses_an_untrusted_certificate(
    security: str, smtp_tls: tuple[SmtpServer, SmtpServer, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import trustme

    starttls, implicit, _ca = smtp_tls
    server = starttls if security == "starttls" else implicit
    other = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    monkeypatch.setenv(PW_VAR, PASSWORD)
    sender = MailAccount(
        name="tls",
        email="me@example.test",
        imap_host="localhost",
        smtp_host="localhost",
        smtp_port=server.port,
        smtp_security=security,
        password_env=PW_VAR,
    )
    with pytest.raises(MailError, match=r"(?i)certificate|tls"):
        connect_smtp(sender)
    assert server.messages == []


def test_xoauth2_login_with_a_token_from_a_command(known: Env, imap_oauth_server: Any, tmp_path: Any) -> None:
    # As with Gmail or Microsoft 365: a command prints a fresh access token; no password anywhere.
    server, tokens = imap_oauth_server
    user = server.new_user()
    tokens["ya29.fresh-token"] = user
    server.deliver(user, reply(user))
    oauth = MailAccount(
        name="oauth",
        email=f"{user}@example.test",
        imap_host=server.host,
        imap_port=server.port,
        imap_security="none",
        imap_user=user,
        oauth2_command="printf ya29.fresh-token",
    )
    report = sync(known, oauth)
    assert len(report.new_mail_ids) == 1


def test_an_expired_xoauth2_token_is_reported_clearly(known: Env, imap_oauth_server: Any) -> None:
    server, _tokens = imap_oauth_server
    user = server.new_user()
    oauth = MailAccount(
        name="oauth",
        email=f"{user}@example.test",
        imap_host=server.host,
        imap_port=server.port,
        imap_security="none",
        imap_user=user,
        oauth2_command="printf expired-token",
    )
    with pytest.raises(MailError) as caught:
        sync(known, oauth)
    assert "refused the login" in caught.value.message
    assert "oauth2_command" in (caught.value.hint or "")
