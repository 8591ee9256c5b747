"""Exactly once, under a kill: `followup mail send` in its own process, killed at the two
moments that matter (mail_sending.interruption_point, replaced in that process by KILLABLE), then run again."""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from followup.domain.ids import action_id
from mail_servers import PASSWORD
from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    AFTER,
    ENTRY,
    PASSWORD_VARIABLE,
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

# Whole-process tests: `followup` runs in processes of its own, killed mid-send.
pytestmark = pytest.mark.slow

# `followup` whose interruption point named by its first argument kills the process: os._exit skips
# every cleanup, like a kill -9 or a power cut would. The rest of the arguments are the command's.
KILLABLE = (
    "import os, sys; from followup.app import mail_sending; at = sys.argv.pop(1); "
    "mail_sending.interruption_point = lambda step: os._exit(137) if step == at else None; " + ENTRY
)


def run_killable(paths, crash_at: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    """`followup` as its own process, so that os._exit really kills it mid-send."""
    env = {**os.environ, PASSWORD_VARIABLE: PASSWORD}
    command = [sys.executable, "-c", KILLABLE, crash_at or "", "--db", paths["db"], "--config", paths["config"]]
    return subprocess.run([*command, "--now", AFTER, *args], env=env, capture_output=True, text=True, timeout=60)


def test_killed_after_the_server_accepted_the_retry_does_not_send_again(filing_smtp, job, paths, imap_server, user):
    killed = run_killable(paths, "smtp-accepted", "mail", "send", THANK_YOU, "--yes")
    assert killed.returncode == 137, killed.stderr
    assert len(filing_smtp.messages) == 1
    assert [row[1] for row in outbox(paths)] == ["sending"]
    retry = run_killable(paths, None, "mail", "send", THANK_YOU, "--yes")
    assert retry.returncode == 0, retry.stderr
    assert "not resent" in retry.stdout
    assert len(filing_smtp.messages) == 1
    [(_action, state, message_id, _raw, touchpoint_id)] = outbox(paths)
    assert state == "sent"
    assert touchpoint_id is not None
    assert touchpoints(paths, message_id) == 1
    assert len(folder(imap_server, user, "Sent")) == 1
    assert THANK_YOU not in agenda_ids(job, AFTER)


def test_killed_before_smtp_with_an_unknown_provider_the_retry_asks_first(job, paths, imap_server, user, smtp_server):
    # Killed before the server had anything, but nothing can tell that from afterwards: no
    # copy in Sent, and this provider has never shown whether it files sent mail itself.
    killed = run_killable(paths, "sending-committed", "mail", "send", THANK_YOU, "--yes")
    assert killed.returncode == 137, killed.stderr
    assert smtp_server.messages == []
    retry = run_killable(paths, None, "mail", "send", THANK_YOU, "--yes")
    assert retry.returncode == 5, retry.stdout
    assert "may already have gone out" in retry.stderr
    assert f"followup mail send {THANK_YOU} --resend" in retry.stderr
    assert "Traceback" not in retry.stderr
    assert smtp_server.messages == []
    assert [row[1] for row in outbox(paths)] == ["sending"]
    resent = run_killable(paths, None, "mail", "send", THANK_YOU, "--yes", "--resend")
    assert resent.returncode == 0, resent.stderr
    assert len(smtp_server.messages) == 1
    [(_action, state, message_id, _raw, _tp)] = outbox(paths)
    assert state == "sent"
    assert touchpoints(paths, message_id) == 1
    assert len(folder(imap_server, user, "Sent")) == 1  # filed by followup: this provider does not


def test_killed_after_the_server_accepted_with_a_provider_that_files_nothing_it_is_never_sent_twice(
    job, paths, smtp_server
):
    """Between the server's 250 and our commit, with no Sent copy anywhere: the retry does not
    send again on its own. Only --resend does, with the same Message-ID."""
    run_killable(paths, "smtp-accepted", "mail", "send", THANK_YOU, "--yes")
    retry = run_killable(paths, None, "mail", "send", THANK_YOU, "--yes")
    assert retry.returncode == 5
    assert len(smtp_server.messages) == 1
    run_killable(paths, None, "mail", "send", THANK_YOU, "--yes", "--resend")
    first, second = received(smtp_server)
    assert first["Message-ID"] == second["Message-ID"]
    assert touchpoints(paths, first["Message-ID"]) == 1


def test_once_the_provider_is_known_to_file_sent_mail_an_interrupted_send_is_retried_at_once(
    filing_smtp, job, paths, imap_server, user
):
    # A first follow-up goes out normally: the provider files it, and that is noted.
    sent = run_killable(paths, None, "mail", "send", THANK_YOU, "--yes")
    assert sent.returncode == 0, sent.stderr
    job.ok("app", "add", "Globex", "Engineer", now="2026-11-16T10:00:00+01:00")
    job.ok("interview", "add", "2", "--at", "2026-11-18 11:00", "--with", "Bo Roe <bo@globex.example>",
           now="2026-11-16T10:00:00+01:00")  # fmt: skip
    job.ok("interview", "capture", "2", "--prefers", "Bo Roe=email", "--timeline", "by Friday", now=AFTER)
    second = action_id(2, "thank_you", 2, 2)
    assert second in agenda_ids(job, AFTER)
    killed = run_killable(paths, "sending-committed", "mail", "send", second, "--yes")
    assert killed.returncode == 137, killed.stderr
    # Not in Sent, and this provider would have put it there: the server never took it.
    retry = run_killable(paths, None, "mail", "send", second, "--yes")
    assert retry.returncode == 0, retry.stderr
    assert [str(m["To"]) for m in received(filing_smtp)] == ["Ann Lee <ann@acme.example>", "Bo Roe <bo@globex.example>"]
    assert len(folder(imap_server, user, "Sent")) == 2


def test_the_interruption_point_is_inert_in_shipped_code():
    from followup.app import mail_sending

    mail_sending.interruption_point("smtp-accepted")  # returns: nothing replaced it, no crash


def test_in_a_terminal_the_retry_asks_and_sends_again_only_on_yes(job, paths, smtp_server):
    import pexpect

    run_killable(paths, "smtp-accepted", "mail", "send", THANK_YOU, "--yes")
    env = {**os.environ, PASSWORD_VARIABLE: PASSWORD, "COLUMNS": "120"}
    command = ["-c", ENTRY, "--db", paths["db"], "--config", paths["config"], "--now", AFTER]

    def answer(reply: str) -> str:
        child = pexpect.spawn(sys.executable, [*command, "mail", "send", THANK_YOU], env=env, encoding="utf-8",
                              timeout=30)  # fmt: skip
        child.expect_exact("Send this to Ann Lee <ann@acme.example>?")
        child.sendline("y")
        child.expect_exact("may already have gone out")
        child.expect_exact("Send it again anyway?")
        child.sendline(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        return str(child.before)

    assert "Not sent." in answer("n")
    assert len(smtp_server.messages) == 1
    assert "Sent as" in answer("y")
    assert len(smtp_server.messages) == 2
