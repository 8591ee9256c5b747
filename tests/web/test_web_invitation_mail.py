"""Invitations go out by mail through the server's own outgoing mail (a real aiosmtpd server here),
from `followup account invite` / `resend` and from the administrators' Accounts page; when the
server has no outgoing mail, or its SMTP server fails, the link is shown as before with why.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `env` fixture's database).
"""

from __future__ import annotations

import json
from datetime import UTC
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import Cli
from followup.app import accounts
from followup.app.context import Env
from followup.errors import NotFound, SignInRefused
from mail_servers import free_port
from web.test_web_accounts import PASSWORD, Browser, join

BASE = "https://careers.example.edu"
NOW = "2026-12-06T15:00:00Z"


@pytest.fixture
def hosted(env: Env) -> Env:
    accounts.init_server(env, admin_email="boss@example.org", admin_name="Ada Boss", password=PASSWORD)
    return env


@pytest.fixture
def outgoing(smtp_server: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The server's outgoing mail set up, to a real SMTP server that keeps what it is sent."""
    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://alice:testpw@{smtp_server.host}:{smtp_server.port}")
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "Careers service <no-reply@careers.example.edu>")
    monkeypatch.setenv("FOLLOWUP_BASE_URL", BASE)
    return smtp_server


@pytest.fixture
def no_outgoing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOLLOWUP_SERVER_SMTP_URL", raising=False)
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "no-reply@careers.example.edu")
    monkeypatch.setenv("FOLLOWUP_BASE_URL", BASE)


def received(server: Any) -> list[Message]:
    return [message_from_bytes(envelope.content) for envelope in server.messages]


def body_of(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def link_in(message: Message) -> str:
    [link] = [line for line in body_of(message).splitlines() if "/join?token=" in line]
    return link.strip()


# -- the message ------------------------------------------------------------------------------------


def test_the_mail_says_who_invited_what_followup_is_the_link_and_until_when(hosted: Env, outgoing: Any) -> None:
    admin = accounts.list_accounts(hosted, None)[0]
    made = accounts.invite(hosted, admin, "Sam@Example.org", "coach")
    assert accounts.mail_invitation(admin, made, BASE + "/") == accounts.Delivery(True)
    [message] = received(outgoing)
    [envelope] = outgoing.messages
    assert envelope.rcpt_tos == ["sam@example.org"]
    assert message["To"] == "sam@example.org"
    assert message["From"] == "Careers service <no-reply@careers.example.edu>"
    assert message["Subject"] == "You are invited to followup"
    assert message.get_content_type() == "text/plain"
    body = body_of(message)
    assert "Ada Boss (boss@example.org) invited you to followup at https://careers.example.edu, as a coach." in body
    # A coach has no applications of their own (found being the user: the coach's mail said "your").
    assert "you see the progress of those who add you as their coach" in body
    assert "your job applications" not in body
    assert link_in(message) == f"{BASE}/join?token={made.token}"
    assert made.expires_at - hosted.clock() == accounts.INVITATION_LIFE
    assert f"The link works once, until {made.expires_at:%A %d %B %Y, %H:%M} UTC." in body


def test_the_mailed_link_opens_the_join_page(hosted: Env, outgoing: Any) -> None:
    made = accounts.invite(hosted, None, "sam@example.org", "seeker")
    accounts.mail_invitation(None, made, BASE)
    [message] = received(outgoing)
    assert "Your careers service invited you" in body_of(message)
    assert "followup keeps track of your job applications and tells you when to follow up" in body_of(message)
    token = link_in(message).removeprefix(f"{BASE}/join?token=")
    assert accounts.invitation_for(hosted, token) == ("sam@example.org", "seeker")


def test_without_outgoing_mail_the_invitation_stands_and_says_why_it_was_not_mailed(
    hosted: Env, no_outgoing: None
) -> None:
    made = accounts.invite(hosted, None, "sam@example.org", "seeker")
    delivery = accounts.mail_invitation(None, made, BASE)
    assert not delivery.sent
    assert delivery.problem is not None
    assert delivery.problem.startswith("the server has no outgoing mail: FOLLOWUP_SERVER_SMTP_URL is not set.")
    assert accounts.invitation_for(hosted, made.token) == ("sam@example.org", "seeker")


def test_a_failing_smtp_server_is_named(hosted: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()  # nobody listens there
    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "no-reply@careers.example.edu")
    made = accounts.invite(hosted, None, "sam@example.org", "seeker")
    delivery = accounts.mail_invitation(None, made, BASE)
    assert not delivery.sent
    assert delivery.problem is not None
    assert delivery.problem.startswith("sending through the server's SMTP server failed")
    assert f"127.0.0.1:{port}" in delivery.problem
    assert "FOLLOWUP_SERVER_SMTP_URL" in delivery.problem  # what to check
    assert made.token not in delivery.problem


def test_send_again_makes_a_new_link_with_the_same_role_and_the_old_one_stops(hosted: Env, outgoing: Any) -> None:
    first = accounts.invite(hosted, None, "sam@example.org", "coach")
    again = accounts.resend_invitation(hosted, None, "SAM@example.org")
    assert (again.email, again.role) == ("sam@example.org", "coach")
    assert again.token != first.token
    with pytest.raises(SignInRefused):
        accounts.invitation_for(hosted, first.token)
    with pytest.raises(NotFound, match=r"no invitation for nobody@example\.org is waiting"):
        accounts.resend_invitation(hosted, None, "nobody@example.org")
    join(hosted, "joined@example.org")
    with pytest.raises(NotFound, match="It was accepted or has expired"):
        accounts.resend_invitation(hosted, None, "joined@example.org")


# -- on the command line ----------------------------------------------------------------------------


def init(run: Cli) -> None:
    result = run("server", "init", "--admin-email", "boss@example.org", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output


def test_account_invite_mails_the_link(run: Cli, outgoing: Any) -> None:
    init(run)
    made = run.json("account", "invite", "sam@example.org", now=NOW)
    [message] = received(outgoing)
    assert made == {
        "email": "sam@example.org",
        "role": "seeker",
        "link": link_in(message),
        "expires_at": "2026-12-13T15:00:00+00:00",
        "mailed": True,
        "not_mailed_because": None,
    }
    said = run.ok("account", "invite", "ann@example.org", "--role", "coach", now=NOW)
    assert said == (
        "Mailed the invitation to ann@example.org (coach); its link works once, until 2026-12-13 15:00 UTC.\n"
    )
    assert "/join?token=" not in said
    assert [message["To"] for message in received(outgoing)] == ["sam@example.org", "ann@example.org"]


def test_account_invite_without_outgoing_mail_prints_the_link_and_why(run: Cli, no_outgoing: None) -> None:
    init(run)
    result = run("account", "invite", "sam@example.org", now=NOW)
    assert result.exit_code == 0, result.output
    assert "The invitation was not mailed: the server has no outgoing mail" in result.output
    assert f"{BASE}/join?token=" in result.output


def test_account_invite_no_mail_only_prints_the_link(run: Cli, outgoing: Any) -> None:
    init(run)
    made = run.json("account", "invite", "sam@example.org", "--no-mail", now=NOW)
    assert (made["mailed"], made["not_mailed_because"]) == (False, None)
    assert made["link"].startswith(f"{BASE}/join?token=")
    assert outgoing.messages == []


def test_account_resend_mails_a_new_link(run: Cli, outgoing: Any) -> None:
    init(run)
    first = run.json("account", "invite", "sam@example.org", "--role", "coach", now=NOW)
    again = run.json("account", "resend", "sam@example.org", now="2026-12-10T09:00:00Z")
    assert (again["role"], again["mailed"], again["expires_at"]) == ("coach", True, "2026-12-17T09:00:00+00:00")
    assert again["link"] != first["link"]
    assert link_in(received(outgoing)[-1]) == again["link"]
    missing = run("account", "resend", "nobody@example.org")
    assert missing.exit_code == 3
    assert "no invitation for nobody@example.org is waiting to be accepted" in missing.output


def test_a_failed_send_on_the_command_line_is_said_in_json(run: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    init(run)
    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "no-reply@careers.example.edu")
    result = run("account", "invite", "sam@example.org", "--base-url", BASE, "--json")
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    assert made["mailed"] is False
    assert made["not_mailed_because"].startswith("sending through the server's SMTP server failed")


# -- on the Accounts page ---------------------------------------------------------------------------


def admin_browser(env: Env) -> Browser:
    browser = Browser(env, scheme="https")  # FOLLOWUP_BASE_URL is https: the cookie is Secure
    assert browser.sign_in("boss@example.org").status_code == 303
    return browser


def test_the_accounts_page_mails_the_invitation_and_does_not_show_the_link(hosted: Env, outgoing: Any) -> None:
    page = admin_browser(hosted).post("/accounts/invite", {"email": "sam@example.org", "role": "seeker"})
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    said = soup.select_one("#invite-mailed")
    assert said is not None
    until = hosted.clock().astimezone(UTC) + accounts.INVITATION_LIFE
    assert " ".join(said.get_text().split()) == (
        f"Mailed an invitation to sam@example.org (seeker). Its link works once, until {until:%d %B %Y, %H:%M} UTC."
    )
    assert soup.select_one("#invite-link") is None
    [message] = received(outgoing)
    assert "Ada Boss (boss@example.org) invited you" in body_of(message)
    assert link_in(message).startswith(f"{BASE}/join?token=")  # the installation's address, not the request's


def test_without_outgoing_mail_the_page_shows_the_link_and_why(hosted: Env, no_outgoing: None) -> None:
    page = admin_browser(hosted).post("/accounts/invite", {"email": "sam@example.org", "role": "seeker"})
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    alert = soup.select_one("#invite-not-mailed")
    assert alert is not None
    assert "The invitation was not mailed: the server has no outgoing mail" in alert.get_text()
    link = soup.select_one("#invite-link")
    assert link is not None
    token = str(link["value"]).removeprefix(f"{BASE}/join?token=")
    assert accounts.invitation_for(hosted, token) == ("sam@example.org", "seeker")


def test_a_failing_smtp_server_on_the_page_shows_the_link_and_the_server_and_logs_without_the_link(
    hosted: Env, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "no-reply@careers.example.edu")
    page = admin_browser(hosted).post("/accounts/invite", {"email": "sam@example.org", "role": "seeker"})
    soup = BeautifulSoup(page.text, "html.parser")
    alert = soup.select_one("#invite-not-mailed")
    assert alert is not None
    assert "failed" in alert.get_text()
    assert f"127.0.0.1:{port}" in alert.get_text()
    link = soup.select_one("#invite-link")
    assert link is not None
    logged = [record.getMessage() for record in caplog.records if record.name.startswith("followup")]
    assert [line for line in logged if line.startswith("an invitation was not mailed: sending through")]
    token = str(link["value"]).rpartition("=")[2]
    assert not [line for line in logged if token in line]


def test_send_again_on_the_page_mails_a_new_link(hosted: Env, outgoing: Any) -> None:
    admin = admin_browser(hosted)
    admin.post("/accounts/invite", {"email": "sam@example.org", "role": "coach"})
    page = admin.soup("/accounts")
    [button] = page.select("form[action='/accounts/resend'] button")
    assert button.get_text() == "Send again"
    assert button["aria-label"] == "Send again to sam@example.org"
    again = admin.post("/accounts/resend", {"email": "sam@example.org"})
    assert again.status_code == 200
    assert "Mailed an invitation to sam@example.org (coach)" in again.text
    first, second = received(outgoing)
    assert link_in(first) != link_in(second)
    with pytest.raises(SignInRefused):
        accounts.invitation_for(hosted, link_in(first).rpartition("=")[2])
    gone = admin.post("/accounts/resend", {"email": "nobody@example.org"})
    assert gone.status_code == 404
    assert "no invitation for nobody@example.org is waiting" in gone.text


def test_only_an_administrator_sends_an_invitation_again(hosted: Env, outgoing: Any) -> None:
    accounts.invite(hosted, None, "new@example.org", "seeker")
    join(hosted, "sam@example.org")
    sam = Browser(hosted, scheme="https")
    sam.sign_in("sam@example.org")
    assert sam.post("/accounts/resend", {"email": "new@example.org"}).status_code == 403
    assert outgoing.messages == []
