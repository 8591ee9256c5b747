"""Importing saved mail (.eml, mbox, Maildir) without an account; unmatched mail leaves only counts."""

from __future__ import annotations

import mailbox
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from click.testing import Result

import database_servers
from conftest import Cli, Clock
from followup.app import applications, mail_intake
from followup.app.context import Env
from followup.app.mail_import import import_mail
from followup.domain.model import ApplicationStatus, ContactRole
from followup.errors import InvalidInput
from followup.store import records


def message(
    sender: str, body: str, *, message_id: str, date: str, to: str = "me@example.org", in_reply_to: str | None = None
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = "Data Analyst"
    msg["Date"] = format_datetime(datetime.fromisoformat(date))
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    msg.set_content(body)
    return msg


SENT = message("Me <me@example.org>", "Any news?", message_id="<s1@example.org>", date="2026-11-23T09:00:00+01:00")
SENT.replace_header("To", "ann@acme.example")
# An answer from someone followup does not know, in the thread of the mail sent above.
REPLY = message(
    "Hiring Team <jobs@ats.example>",
    "Unfortunately, we have decided not to move forward with your application.",
    message_id="<r1@ats.example>",
    date="2026-11-24T11:00:00+01:00",
    in_reply_to="<s1@example.org>",
)
PRIVATE = message(
    "Friend <friend@gmail.com>", "secret dinner plans", message_id="<p1@gmail.com>", date="2026-11-22T20:00:00+01:00"
)


@pytest.fixture
def acme(env: Env, clock: Clock) -> int:
    with Path(env.config_path).open("a", encoding="utf-8") as fh:
        fh.write('[profile]\nemail = "me@example.org"\n')
    env.reload_settings()
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@acme.example"),
        application_id=app.id,
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(starts_at=datetime.fromisoformat("2026-11-18T14:00:00+01:00"), participants=[ann.id]),
    )
    clock.set("2026-11-25T12:00:00+01:00")
    return app.id


def no_trace_of_private_mail(env: Env) -> None:
    dump = database_servers.dump(env.conn)
    assert "secret dinner" not in dump
    assert "friend@gmail.com" not in dump
    assert "p1@gmail.com" not in dump


def test_import_an_eml_file(env: Env, acme: int, tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_bytes(
        message(
            "ann@acme.example", "We are still deciding.", message_id="<a@x>", date="2026-11-24T11:00:00+01:00"
        ).as_bytes()
    )
    report = import_mail(env, path)
    assert (report.read, report.matched, report.new_replies) == (1, 1, 1)
    assert report.messages[0].why == "matched because it is from Ann Lee (ann@acme.example)"
    assert report.messages[0].application == "Data Analyst at ACME Corp"
    again = import_mail(env, path)
    assert (again.read, again.matched, again.new_replies) == (1, 1, 0)
    assert env.conn.execute("SELECT count(*) FROM mail_message").fetchone() == (1,)


def test_import_an_mbox_threads_and_leaves_no_trace_of_unmatched_mail(env: Env, acme: int, tmp_path: Path) -> None:
    path = tmp_path / "export.mbox"
    box = mailbox.mbox(path)
    for msg in (REPLY, PRIVATE, SENT):  # not in date order: the import sorts them
        box.add(msg)
    box.flush()
    report = import_mail(env, path, auto_apply=True)
    assert (report.read, report.matched, report.new_replies) == (3, 2, 1)
    by_direction = {m.direction: m for m in report.messages}
    assert by_direction["sent"].why == "matched because it is to Ann Lee (ann@acme.example)"
    assert by_direction["received"].why == "matched because it answers your email of 23 Nov"
    assert by_direction["received"].label == "rejection"
    assert records.get_application(env.store, acme).status is ApplicationStatus.REJECTED
    no_trace_of_private_mail(env)


def test_import_a_maildir(env: Env, acme: int, tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    for msg in (SENT, REPLY, PRIVATE):
        box.add(msg)
    report = import_mail(env, tmp_path / "Mail")
    assert (report.read, report.matched, report.new_replies) == (3, 2, 1)
    received = next(m for m in report.messages if m.direction == "received")
    assert (received.suggestion, received.suggestion_state) == ("close as rejected", "pending")
    assert records.get_application(env.store, acme).status is ApplicationStatus.ACTIVE
    no_trace_of_private_mail(env)
    # A match the user undid is not matched again by the next import.
    mail_intake.unmatch(env, received.mail_id)
    again = import_mail(env, tmp_path / "Mail")
    assert (again.matched, again.skipped) == (1, 1)


def test_a_folder_that_is_not_a_maildir_is_refused(env: Env, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        import_mail(env, tmp_path)


class MailCli(Cli):
    """`followup mail ...` invoked on the mail group itself (it may not be registered on the root yet)."""

    def __call__(self, *args: str, input: str | None = None, now: str | None = None) -> Result:
        from followup.cli.context import AppContext
        from followup.cli.mail import mail

        if now:
            args = (*args, "--now", now)
        obj = AppContext(self.paths["db"], self.paths["config"])
        try:
            return self.runner.invoke(mail, list(args[1:]), input=input, obj=obj, catch_exceptions=False)
        finally:
            obj.close()


def test_cli_import_and_matches(env: Env, acme: int, paths: dict[str, str], tmp_path: Path) -> None:
    run = MailCli(paths)
    path = tmp_path / "export.mbox"
    box = mailbox.mbox(path)
    for msg in (SENT, REPLY, PRIVATE):
        box.add(msg)
    box.flush()
    now = "2026-11-25T12:00:00+01:00"
    report = run.json("mail", "import", str(path), now=now)
    assert (report["read"], report["matched"], report["new_replies"]) == (3, 2, 1)
    listed = run.json("mail", "matches", "--app", "acme", now=now)
    assert [m["direction"] for m in listed] == ["received", "sent"]
    reply_id = listed[0]["id"]
    assert "close as rejected (pending)" in run.ok("mail", "matches", now=now)
    assert "Applied: close as rejected." in run.ok("mail", "matches", "apply", str(reply_id), now=now)
    assert records.get_application(env.store, acme).status is ApplicationStatus.REJECTED
    other = applications.add_application(env, applications.NewApplication(company="Globex", role="Engineer"))
    moved = run.json("mail", "matches", "move", str(reply_id), "globex", now=now)
    assert moved["application"] == "Engineer at Globex"
    assert records.get_application(env.store, acme).status is ApplicationStatus.ACTIVE
    assert run.json("mail", "matches", "unmatch", str(reply_id), now=now) == {"id": reply_id, "deleted": True}
    eml = tmp_path / "missed.eml"
    eml.write_bytes(PRIVATE.as_bytes())
    attached = run.json("mail", "matches", "attach", str(eml), "--app", str(other.id), now=now)
    assert (attached["application_id"], attached["why"]) == (other.id, "attached by hand to Engineer at Globex")
