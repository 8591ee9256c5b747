"""The scheduler reads the mail accounts on an interval, through a real Dovecot: a reply that arrives is
picked up by the next pass that is due, nothing is read while no account is set up, and a failing
account is reported once, not on every try."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest

from followup.app import applications
from followup.app.context import Env
from followup.app.mail_import import matched_messages
from followup.app.scheduler import Job, Scheduler, mail_job
from followup.domain.model import ContactRole
from mail_servers import PASSWORD

PW_VAR = "FOLLOWUP_TEST_IMAP_PASSWORD"
WAIT = 60.0


def reply(user: str, subject: str, mid: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Message-ID"] = (
        "Ann Lee <ann.lee@acme.example>",
        f"{user}@example.test",
        subject,
        f"<{mid}@test>",
    )
    m["Date"] = "Tue, 17 Nov 2026 09:30:00 +0100"
    m.set_content(f"{subject}\n\nBest,\nAnn\n")
    return m.as_bytes()


def set_up(env: Env, run: Any, server: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """An application with Ann Lee's address, and a mail account on the test server; the user's name."""
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=app.id,
    )
    user: str = server.new_user()
    monkeypatch.setenv(PW_VAR, PASSWORD)
    run.ok(
        "mail", "account", "add", "test", "--email", f"{user}@example.test", "--imap-host", server.host,
        "--imap-port", str(server.port), "--imap-security", "none", "--user", user, "--password-env", PW_VAR,
    )  # fmt: skip
    return user


class Passes:
    """A job after the mail job that counts the scheduler's passes (and may move the clock on after each)."""

    def __init__(self, after_each: Callable[[], None] = lambda: None) -> None:
        self.count = 0
        self.changed = threading.Condition()
        self.after_each = after_each

    def job(self) -> Job:
        def run(own: Env) -> list[str]:
            self.after_each()
            with self.changed:
                self.count += 1
                self.changed.notify_all()
            return []

        return Job("counting", run)

    def wait_for(self, more: int) -> None:
        with self.changed:
            wanted = self.count + more
            assert self.changed.wait_for(lambda: self.count >= wanted, WAIT), f"not {more} more passes in {WAIT} s"


@pytest.fixture
def scheduled(env: Env) -> Iterator[Callable[..., tuple[Passes, list[str]]]]:
    started: list[Scheduler] = []

    def start(after_each: Callable[[], None] = lambda: None) -> tuple[Passes, list[str]]:
        passes, reported = Passes(after_each), list[str]()
        scheduler = Scheduler(env, [mail_job(), passes.job()], report=reported.append, interval=0.02)
        started.append(scheduler)
        scheduler.start()
        return passes, reported

    yield start
    for scheduler in started:
        scheduler.stop(timeout=WAIT)


def test_a_reply_is_picked_up_by_the_next_pass_that_is_due(env, clock, run, imap_server, monkeypatch, scheduled):
    user = set_up(env, run, imap_server, monkeypatch)
    imap_server.deliver(user, reply(user, "Next steps", "r1"))
    passes, reported = scheduled()
    passes.wait_for(2)
    assert reported == ["Read mail from test: 1 new message about your applications."]

    imap_server.deliver(user, reply(user, "Your references", "r2"))
    clock.advance(minutes=9)
    passes.wait_for(3)
    assert [m.subject for m in matched_messages(env)] == ["Next steps"]  # not due before the ten minutes

    clock.advance(minutes=1)
    passes.wait_for(2)
    assert reported[1:] == ["Read mail from test: 1 new message about your applications."]
    assert sorted(m.subject for m in matched_messages(env)) == ["Next steps", "Your references"]


def test_the_interval_is_a_setting(env, clock, run, imap_server, monkeypatch, scheduled):
    user = set_up(env, run, imap_server, monkeypatch)
    assert run.ok("config", "set", "reminders.check_mail_minutes", "2").startswith("reminders.check_mail_minutes = 2\n")
    passes, reported = scheduled()
    passes.wait_for(2)
    imap_server.deliver(user, reply(user, "Next steps", "r1"))
    clock.advance(minutes=2)
    passes.wait_for(2)
    assert reported == ["Read mail from test: 1 new message about your applications."]


def test_nothing_is_read_without_an_account(env, clock, scheduled):
    passes, reported = scheduled(after_each=lambda: clock.advance(minutes=11))
    passes.wait_for(3)
    assert reported == []


def test_a_failing_account_is_reported_once_and_said_to_work_again(
    env, clock, run, imap_server, monkeypatch, scheduled
):
    user = set_up(env, run, imap_server, monkeypatch)
    # The password's variable is missing, as in a service started without it.
    monkeypatch.delenv(PW_VAR)
    passes, reported = scheduled(after_each=lambda: clock.advance(minutes=11))
    passes.wait_for(4)  # four tries, each ten minutes and more after the last
    assert len(reported) == 1, reported
    assert reported[0].startswith(f"Could not read mail from test: the environment variable {PW_VAR} is not set")

    imap_server.deliver(user, reply(user, "Next steps", "r1"))
    monkeypatch.setenv(PW_VAR, PASSWORD)
    passes.wait_for(2)
    assert reported[1:] == [
        "Mail from test is read again.",
        "Read mail from test: 1 new message about your applications.",
    ]
