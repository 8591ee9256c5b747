"""A server that answers a byte at a time cannot keep a sync going: the whole sync has a deadline.

The attack: each read waits at most imap.TIMEOUT, so a server sending one byte every
few seconds kept `followup mail sync` alive indefinitely. The scripted server here
trickles a byte every 0.1 s, for the greeting or after the login, and gives up by
itself after TRICKLE_FOR seconds, so that a sync without a deadline fails the timing
check instead of hanging the test run.
"""

from __future__ import annotations

import contextlib
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest

from followup.app.context import Env
from followup.app.mail_sync import sync
from followup.mail import imap
from followup.mail.accounts import MailAccount

TRICKLE_FOR = 8.0
DEADLINE = 1.0


class TricklingImap(socketserver.ThreadingTCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Trickle)
        self.trickle_greeting = False


class _Trickle(socketserver.StreamRequestHandler):
    timeout = TRICKLE_FOR
    server: TricklingImap

    def handle(self) -> None:
        with contextlib.suppress(OSError):
            if self.server.trickle_greeting:
                self.trickle(b"* OK " + b"." * 10_000)
                return
            self.wfile.write(b"* OK ready\r\n")
            while line := self.rfile.readline():
                tag, _, command = line.rstrip(b"\r\n").partition(b" ")
                verb = command.split(b" ", 1)[0].upper()
                if verb == b"CAPABILITY":
                    self.wfile.write(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
                elif verb == b"LOGIN":
                    self.wfile.write(tag + b" OK logged in\r\n")
                elif verb == b"LOGOUT":
                    self.wfile.write(b"* BYE bye\r\n" + tag + b" OK bye\r\n")
                    return
                else:  # LIST, STATUS, SELECT, FETCH: an answer that never ends
                    self.trickle(b"* LIST () " + b"x" * 10_000)
                    return

    def trickle(self, answer: bytes) -> None:
        ends = time.monotonic() + TRICKLE_FOR
        for byte in answer:
            if time.monotonic() > ends:
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.1)


@pytest.fixture
def trickling() -> Iterator[TricklingImap]:
    server = TricklingImap()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def account(trickling: TricklingImap, monkeypatch: pytest.MonkeyPatch) -> MailAccount:
    monkeypatch.setenv("FOLLOWUP_TEST_TRICKLE_PASSWORD", "secret")
    return MailAccount(
        name="slow",
        email="me@slow.example",
        imap_host="127.0.0.1",
        imap_port=trickling.server_address[1],
        imap_security="none",
        imap_user="me",
        password_env="FOLLOWUP_TEST_TRICKLE_PASSWORD",
    )


@pytest.mark.parametrize("where", ["greeting", "after login"])
def test_a_server_trickling_bytes_is_given_up_at_the_deadline(env: Env, trickling, account, where):
    trickling.trickle_greeting = where == "greeting"
    started = time.monotonic()
    with pytest.raises(imap.MailError) as caught:
        sync(env, account, deadline=DEADLINE)
    took = time.monotonic() - started
    assert took < DEADLINE + 3, f"the sync went on for {took:.1f} s"
    text = str(caught.value)
    assert f"the mail server at 127.0.0.1:{account.imap_port} stopped answering" in text
    assert "after 1 seconds" in text
    assert "Nothing was lost" in text
    assert caught.value.exit_code == 10


def test_the_cli_says_the_server_stopped_answering(paths, trickling, account, monkeypatch):
    from click.testing import CliRunner

    from followup.app import mail_account
    from followup.cli import cli

    monkeypatch.setattr(imap, "SYNC_DEADLINE", DEADLINE)
    monkeypatch.setattr(mail_account, "get_account", lambda *args: account)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["--db", paths["db"], "--config", paths["config"], "mail", "sync"])
    assert time.monotonic() - started < DEADLINE + 3
    assert result.exit_code == 10, result.output
    assert "stopped answering" in result.output
    assert "Traceback" not in result.output
