"""`followup mail draft` and `followup mail send` against real servers (Dovecot, aiosmtpd).

What a job seeker relies on: the draft lands in Drafts as a reply in the thread,
a sent follow-up is the checked message exactly, it moves the agenda on, a copy is
in Sent once, and nothing is sent twice (see test_mail_send_crash.py for kills).
"""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

import json
import os

import pytest

import database_servers
from followup.mail.accounts import MailAccount
from mail_servers import PASSWORD
from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    AFTER,
    PASSWORD_VARIABLE,
    STATUS_CHECK,
    STATUS_DAY,
    THANK_YOU,
    agenda_ids,
    filing_smtp,
    folder,
    job,
    mail_command,
    outbox,
    received,
    touchpoints,
    user,
)


def test_draft_lands_in_drafts_as_a_reply_in_the_thread_and_is_not_yet_sent(job, paths, imap_server, user):
    job.ok(
        "log", "1", "--received", "--contact", "Ann Lee", "--subject", "Your interview on Wednesday",
        "--message-id", "<hr-42@acme.example>", "--at", "2026-11-19 10:00", now="2026-11-19T11:00:00+01:00",
    )  # fmt: skip
    result = job.json("mail", "draft", STATUS_CHECK[:6], now=STATUS_DAY)
    assert result["state"] == "drafted"
    assert result["message_id"].endswith("@example.org>")
    [(flags, message)] = folder(imap_server, user, "Drafts")
    assert b"\\Draft" in flags
    assert message["Subject"] == "Re: Your interview on Wednesday"
    assert message["In-Reply-To"] == "<hr-42@acme.example>"
    assert "<hr-42@acme.example>" in message["References"].split()
    assert message["Message-ID"] == result["message_id"]
    assert message["To"].addresses[0].addr_spec == "ann@acme.example"
    assert message["From"].addresses[0].display_name == "Zoë O'Brien"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "Ann" in plain.get_content()
    # A draft is not a sent message: the action stays due and nothing is recorded.
    assert STATUS_CHECK in agenda_ids(job, STATUS_DAY)
    assert touchpoints(paths, result["message_id"]) == 0
    # Drafting again adds nothing.
    again = job.json("mail", "draft", STATUS_CHECK, now=STATUS_DAY)
    assert again["already"] is True
    assert len(folder(imap_server, user, "Drafts")) == 1


def test_send_delivers_exactly_the_checked_message_and_moves_the_agenda_on(job, paths, imap_server, user, smtp_server):
    assert THANK_YOU in agenda_ids(job, AFTER)
    result = job.json("mail", "send", THANK_YOU[:5], "--yes", now=AFTER)
    assert result["state"] == "sent"
    assert [c for c in result["checks"] if c["severity"] == "error"] == []
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["ann@acme.example"]
    assert envelope.mail_from == "zoe@example.org"
    [(_action, state, message_id, raw, touchpoint_id)] = outbox(paths)
    assert state == "sent"
    assert touchpoint_id is not None
    assert envelope.content.rstrip(b"\r\n") == bytes(raw).rstrip(b"\r\n")  # the stored, checked bytes
    [message] = received(smtp_server)
    assert message["Message-ID"] == message_id
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    assert result["body"] in plain.get_content().replace("\r\n", "\n")
    assert THANK_YOU not in agenda_ids(job, AFTER)
    assert touchpoints(paths, message_id) == 1
    history = job.json("show", "1", now=AFTER)
    assert message_id in json.dumps(history)
    [(flags, copy)] = folder(imap_server, user, "Sent")
    assert copy["Message-ID"] == message_id
    assert b"\\Seen" in flags


def test_a_second_send_does_nothing(job, paths, imap_server, user, smtp_server):
    job.ok("mail", "send", THANK_YOU, "--yes", now=AFTER)
    second = job("mail", "send", THANK_YOU, "--yes", now=AFTER)
    assert second.exit_code == 0, second.output
    assert "nothing was sent again" in second.output
    assert "Already sent on Wed 18 Nov 15:30" in second.output
    drafted = job("mail", "draft", THANK_YOU, now=AFTER)
    assert "not put in Drafts" in drafted.output
    assert folder(imap_server, user, "Drafts") == []
    assert len(smtp_server.messages) == 1
    assert len(folder(imap_server, user, "Sent")) == 1
    assert touchpoints(paths, outbox(paths)[0][2]) == 1


def test_send_after_draft_sends_once_and_takes_the_draft_out_of_drafts(job, paths, imap_server, user, smtp_server):
    drafted = job.json("mail", "draft", THANK_YOU, now=AFTER)
    sent = job.json("mail", "send", THANK_YOU, "--yes", now=AFTER)
    assert sent["message_id"] == drafted["message_id"]
    assert len(smtp_server.messages) == 1
    assert folder(imap_server, user, "Drafts") == []
    assert len(folder(imap_server, user, "Sent")) == 1


def test_a_provider_that_files_sent_mail_itself_gets_no_second_copy(filing_smtp, job, paths, imap_server, user):
    job.ok("mail", "send", THANK_YOU, "--yes", now=AFTER)
    assert len(filing_smtp.messages) == 1
    assert len(folder(imap_server, user, "Sent")) == 1


def test_send_refuses_a_draft_with_errors_and_shows_them(job, paths, smtp_server, imap_server, user):
    # The user's own template forgot to fill in a placeholder: an error-level finding.
    template = os.path.join(os.path.dirname(paths["config"]), "templates", "thank_you_email", "warm.j2")
    os.makedirs(os.path.dirname(template))
    with open(template, "w", encoding="utf-8") as fh:
        fh.write("{% block subject %}Thank you{% endblock %}{% block body %}Dear [Name],\n\nThanks!\n{% endblock %}")
    refused = job("mail", "send", THANK_YOU, "--yes", "--json", now=AFTER)
    assert refused.exit_code == 1
    shown = json.loads(refused.output)
    assert shown["state"] == "refused"
    assert "unfilled-placeholder" in [c["id"] for c in shown["checks"] if c["severity"] == "error"]
    assert smtp_server.messages == []
    assert outbox(paths) == []
    # In a terminal the draft and its findings are shown, then the refusal.
    text = job("mail", "send", THANK_YOU, "--yes", now=AFTER)
    assert text.exit_code == 1
    assert "[Name]" in text.output
    # Drafting is still allowed, and says what is wrong.
    drafted = job.json("mail", "draft", THANK_YOU, now=AFTER)
    assert "unfilled-placeholder" in [c["id"] for c in drafted["checks"]]
    assert len(folder(imap_server, user, "Drafts")) == 1


def test_send_asks_first_and_refuses_without_a_terminal(job, smtp_server):
    quiet = job("mail", "send", THANK_YOU, now=AFTER)
    assert quiet.exit_code == 2
    assert "--yes" in quiet.output
    assert smtp_server.messages == []


def test_header_injection_through_a_name_or_subject_never_reaches_the_server(job, paths, smtp_server):
    job.ok(
        "log", "1", "--received", "--contact", "Ann Lee", "--subject", "Hello\r\nBcc: evil@evil.example",
        "--message-id", "<hr-1@acme.example>", "--at", "2026-11-19 10:00", now="2026-11-19T11:00:00+01:00",
    )  # fmt: skip
    with database_servers.connect(paths["db"]) as conn:
        conn.execute("UPDATE contact SET name = ? WHERE email = 'ann@acme.example'", ("Ann Lee\r\nCc: x@evil.example",))
    result = job("mail", "send", STATUS_CHECK, "--yes", "--json", now=STATUS_DAY)
    assert result.exit_code == 0, result.output
    [message] = received(smtp_server)
    assert message["Subject"] == "Re: Hello Bcc: evil@evil.example"  # one line: text, not a header
    assert [a.addr_spec for a in message["To"].addresses] == ["ann@acme.example"]
    assert message["Cc"] is None
    assert message["Bcc"] is None
    for envelope in smtp_server.messages:
        assert envelope.rcpt_tos == ["ann@acme.example"]
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        names = [line.split(b":", 1)[0].lower() for line in head.split(b"\r\n") if line and not line[:1].isspace()]
        assert b"bcc" not in names
        assert b"cc" not in names


def test_in_a_terminal_send_asks_and_no_means_nothing_is_sent(job, smtp_server, monkeypatch):
    from followup.cli.context import AppContext

    monkeypatch.setattr(AppContext, "interactive", property(lambda self: not self.json))
    declined = job("mail", "send", THANK_YOU, input="n\n", now=AFTER)
    assert "Send this to Ann Lee <ann@acme.example>? [y/N]" in declined.output
    assert "Not sent." in declined.output
    assert smtp_server.messages == []
    accepted = job("mail", "send", THANK_YOU, input="y\n", now=AFTER)
    assert accepted.exit_code == 0, accepted.output
    assert len(smtp_server.messages) == 1


def test_smtp_login_errors_say_what_to_fix_and_never_show_the_password(smtp_server, monkeypatch):
    from followup.mail.imap import MailError
    from followup.mail.smtp import connect_smtp

    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret-wrong")
    account = MailAccount(
        name="work", email="zoe@example.org", imap_host="127.0.0.1", imap_security="none",
        smtp_host=smtp_server.host, smtp_port=smtp_server.port, smtp_security="none", password_env=PASSWORD_VARIABLE,
    )  # fmt: skip
    with pytest.raises(MailError) as refused:
        connect_smtp(account)
    assert refused.value.exit_code == 10
    assert "refused the login for zoe@example.org" in str(refused.value)
    assert "s3cret-wrong" not in str(refused.value)
    with pytest.raises(MailError, match="has no SMTP server"):
        connect_smtp(MailAccount(name="r", email="z@example.org", imap_host="h", password_env=PASSWORD_VARIABLE))
    with pytest.raises(MailError, match="only allowed for a server on this computer"):
        connect_smtp(MailAccount(**{**account.__dict__, "smtp_host": "smtp.example.org"}))
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    connect_smtp(account).quit()


def test_the_message_id_is_deterministic_per_sender_and_action():
    from followup.store.outbox import message_id_for

    first = message_id_for(1, "zoe@example.org", THANK_YOU)
    assert first == message_id_for(1, "Zoe@Example.org ", THANK_YOU)
    assert first.startswith("<followup.")
    assert first.endswith("@example.org>")
    assert first != message_id_for(1, "max@example.org", THANK_YOU)
    assert first != message_id_for(1, "zoe@example.org", STATUS_CHECK)
    assert first != message_id_for(1, "zoe@example.org", THANK_YOU, attempt=1)
