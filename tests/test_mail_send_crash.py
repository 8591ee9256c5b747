"""Exactly once, under a kill: `followup mail send` in its own process, killed at the two
moments that matter (test-only hook FOLLOWUP_TEST_CRASH_AFTER), then run again."""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

import os
import subprocess
import sys

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


def run_killable(paths, crash_at: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    """`followup` as its own process, so that os._exit really kills it mid-send."""
    env = {**os.environ, PASSWORD_VARIABLE: PASSWORD}
    env.pop("FOLLOWUP_TEST_CRASH_AFTER", None)
    if crash_at:
        env["FOLLOWUP_TEST_CRASH_AFTER"] = crash_at
    command = [sys.executable, "-c", ENTRY, "--db", paths["db"], "--config", paths["config"], "--now", AFTER]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=60)


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


def test_killed_before_smtp_the_retry_sends_exactly_once(job, paths, imap_server, user, smtp_server):
    killed = run_killable(paths, "sending-committed", "mail", "send", THANK_YOU, "--yes")
    assert killed.returncode == 137, killed.stderr
    assert smtp_server.messages == []
    retry = run_killable(paths, None, "mail", "send", THANK_YOU, "--yes")
    assert retry.returncode == 0, retry.stderr
    assert len(smtp_server.messages) == 1
    [(_action, state, message_id, _raw, _tp)] = outbox(paths)
    assert state == "sent"
    assert touchpoints(paths, message_id) == 1
    assert len(folder(imap_server, user, "Sent")) == 1


def test_the_documented_window_a_provider_that_files_nothing(job, paths, smtp_server):
    """Killed between the server's 250 and our commit, with no Sent copy anywhere: the module
    docstring says the retry sends again, with the same Message-ID. This pins that down."""
    run_killable(paths, "smtp-accepted", "mail", "send", THANK_YOU, "--yes")
    run_killable(paths, None, "mail", "send", THANK_YOU, "--yes")
    first, second = received(smtp_server)
    assert first["Message-ID"] == second["Message-ID"]
    assert touchpoints(paths, first["Message-ID"]) == 1


def test_the_crash_hook_is_inert_without_its_variable():
    from followup.mail import send

    assert "FOLLOWUP_TEST_CRASH_AFTER" not in os.environ
    send._crash_point("smtp-accepted")  # returns: no variable, no crash
