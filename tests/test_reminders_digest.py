"""The morning digest, received by a real SMTP server (aiosmtpd): once a day at the chosen time, from
the user's own account to themselves, overdue / due today / coming up, each with its reason and link."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole
from followup.mail.accounts import MailAccount, add_account
from mail_servers import PASSWORD

BERLIN = ZoneInfo("Europe/Berlin")
VARIABLE = "FOLLOWUP_TEST_DIGEST_PASSWORD"
FRIDAY = "2027-03-26T08:00:00+01:00"


def interview(env: Env, company: str, starts_at: datetime) -> None:
    app = applications.add_application(env, applications.NewApplication(company=company, role="Data Analyst"))
    ann = applications.add_contact(
        env, applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER), application_id=app.id
    )
    applications.add_interview(env, app.id, applications.NewInterview(starts_at=starts_at, participants=[ann.id]))


@pytest.fixture
def mailbox(run, paths, env, clock, smtp_server, monkeypatch):
    monkeypatch.setenv(VARIABLE, PASSWORD)
    run.ok("config", "set", "profile.name", "Zoë O'Brien")
    run.ok("config", "set", "reminders.digest_at", "08:00")
    add_account(
        paths["config"],
        MailAccount(
            name="home",
            email="zoe@example.org",
            imap_host="127.0.0.1",
            imap_security="none",
            smtp_host=smtp_server.host,
            smtp_port=smtp_server.port,
            smtp_security="none",
            password_env=VARIABLE,
        ),
    )
    clock.set("2027-03-22T09:00:00+01:00")
    interview(env, "Overdue GmbH", datetime(2027, 3, 23, 10, 0, tzinfo=BERLIN))  # its thank-you is late by Friday
    interview(env, "Kaisha", datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN))  # Friday's interview
    interview(env, "Later AG", datetime(2027, 3, 31, 10, 0, tzinfo=BERLIN))  # preparing is coming up
    return smtp_server


def received(server) -> list[EmailMessage]:
    return [email.message_from_bytes(m.content, policy=email.policy.default) for m in server.messages]


def test_the_morning_digest_arrives_once_at_its_time_readable_as_text_and_html(run, mailbox):
    assert run.json("remind", now="2027-03-26T07:59:00+01:00")["digest"] is None
    assert mailbox.messages == []

    done = run.json("remind", now=FRIDAY)
    assert done["digest"]["to"] == "zoe@example.org"
    [envelope] = mailbox.messages
    assert (envelope.mail_from, envelope.rcpt_tos) == ("zoe@example.org", ["zoe@example.org"])
    [message] = received(mailbox)
    assert message["To"] == "zoe@example.org"
    assert message["From"].addresses[0].display_name == "Zoë O'Brien"
    assert message["Subject"] == done["digest"]["subject"]
    assert message["Subject"].startswith("followup, Fri 26 Mar: 2 overdue, ")

    plain = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert plain.index("OVERDUE") < plain.index("DUE TODAY") < plain.index("COMING UP")
    overdue = plain[plain.index("OVERDUE") : plain.index("DUE TODAY")]
    late = "* Thank-you (email): Data Analyst at Overdue GmbH\n  due Tue 23 Mar, 11:00; by Wed 24 Mar, 11:00\n"
    assert late in overdue
    assert "Kaisha" not in overdue
    today = plain[plain.index("DUE TODAY") : plain.index("COMING UP")]
    assert "* Thank-you (email): Data Analyst at Kaisha\n  due Fri 26 Mar, 15:00; by Sat 27 Mar, 15:00\n" in today
    assert "Later AG" in plain[plain.index("COMING UP") :]
    assert all(len(line) < 300 for line in plain.splitlines())

    page = BeautifulSoup(message.get_body(preferencelist=("html",)).get_content(), "html.parser")  # type: ignore[union-attr]
    assert page.find("meta", attrs={"name": "viewport"}) is not None
    assert [h.get_text() for h in page.find_all("h2")] == ["Overdue", "Due today", "Coming up"]
    links = {a.get_text(): str(a["href"]) for a in page.find_all("a")}
    kaisha = links["Thank-you (email): Data Analyst at Kaisha"]
    assert kaisha.startswith("http://127.0.0.1:8765/drafts/")
    assert f"  {kaisha}\n" in today  # the same link in both parts
    anchor = page.find("a", string="Thank-you (email): Data Analyst at Kaisha")
    assert anchor is not None
    assert anchor.parent is not None
    paragraph = anchor.parent
    assert "Email Ann Lee a thank-you for the interview on Fri 26 Mar within 24 hours" in paragraph.get_text()

    # Once a day: later passes, and a restart, send no second digest that day; the next morning brings one.
    assert run.json("remind", now="2027-03-26T08:01:00+01:00")["digest"] is None
    assert run.json("remind", now="2027-03-26T19:00:00+01:00")["digest"] is None
    assert len(mailbox.messages) == 1
    assert run.json("remind", now="2027-03-27T08:00:00+01:00")["digest"] is not None
    assert len(mailbox.messages) == 2


def test_no_digest_on_a_weekend_kept_free_and_none_when_it_is_off(run, mailbox):
    run.ok("config", "set", "reminders.weekends", "false")
    assert run.json("remind", now="2027-03-27T09:00:00+01:00")["digest"] is None
    assert run.json("remind", now="2027-03-28T09:00:00+02:00")["digest"] is None
    run.ok("config", "set", "reminders.digest_at", "off")
    assert run.json("remind", now="2027-03-29T09:00:00+02:00")["digest"] is None
    assert mailbox.messages == []


def test_a_dry_run_shows_the_digest_and_sends_nothing(run, mailbox):
    shown = run.ok("remind", "--dry-run", now=FRIDAY)
    assert "Would send the morning digest to zoe@example.org: followup, Fri 26 Mar: 2 overdue" in shown
    assert mailbox.messages == []
    assert run.json("remind", now=FRIDAY)["digest"] is not None


def test_a_digest_with_no_account_to_send_it_says_what_to_do(run):
    run.ok("config", "set", "reminders.digest_at", "08:00")
    result = run("remind", now=FRIDAY)
    assert result.exit_code == 8
    assert "reminders.digest_at is set, but no mail account can send the digest" in result.output
    assert "followup config set reminders.digest_at off" in result.output


def test_digest_at_is_a_time_of_day_or_off(run):
    assert run.ok("config", "set", "reminders.digest_at", "7:30") == "reminders.digest_at = 07:30\n"
    assert run.ok("config", "set", "reminders.digest_at", "OFF") == "reminders.digest_at = off\n"
    result = run("config", "set", "reminders.digest_at", "7:3")
    assert result.exit_code == 8
    assert "reminders.digest_at must be a time of day or off (got '7:3')" in result.output
    assert "followup config set reminders.digest_at 08:00" in result.output
