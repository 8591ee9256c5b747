"""Real mail servers for the tests: Dovecot (IMAP) in a temp dir, aiosmtpd (SMTP) in-process.

Started on free loopback ports; every test user gets a fresh, empty mailbox
(Dovecot's static passdb: any user name logs in with the password "testpw").
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

DOVECOT = "/usr/sbin/dovecot"
LDA = "/usr/lib/dovecot/dovecot-lda"
PASSWORD = "testpw"

DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
default_login_user = {login}
default_internal_user = {internal}
default_internal_group = {group}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={mailuser} gid={group} home={d}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, banner: bytes = b"", proc: subprocess.Popen[Any] | None = None, timeout: float = 15) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                if not banner or s.recv(64).startswith(banner):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"nothing ready on 127.0.0.1:{port}")


@dataclass
class ImapServer:
    host: str
    port: int
    conf: str
    log: str

    def new_user(self) -> str:
        """A fresh, empty mailbox for one test."""
        return f"u{uuid.uuid4().hex[:10]}"

    def deliver(self, user: str, raw: bytes, folder: str = "INBOX") -> None:
        """Real local delivery through Dovecot's LDA, as a mail server would do it."""
        subprocess.run([LDA, "-c", self.conf, "-d", user, "-m", folder], input=raw, check=True)


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    if not os.path.exists(DOVECOT):
        if os.environ.get("CI"):
            pytest.fail("Dovecot is not installed: apt-get install dovecot-imapd (scripts/test does it)")
        pytest.skip("Dovecot is not installed: apt-get install dovecot-imapd")
    d = tempfile.mkdtemp(prefix="imap-")  # short: unix sockets live here
    port = free_port()
    if os.geteuid() == 0:
        kw = {"login": "dovenull", "internal": "dovecot", "group": "dovecot", "mailuser": "dovecot"}
        os.chmod(d, 0o755)
    else:
        me = pwd.getpwuid(os.getuid()).pw_name
        kw = {"login": me, "internal": me, "group": grp.getgrgid(os.getgid()).gr_name, "mailuser": me}
    os.mkdir(f"{d}/mail")
    shutil.chown(f"{d}/mail", kw["mailuser"], kw["group"])
    with open(f"{d}/dovecot.conf", "w") as fh:
        fh.write(DOVECOT_CONF.format(d=d, port=port, password=PASSWORD, **kw))
    proc = subprocess.Popen(
        [DOVECOT, "-F", "-c", f"{d}/dovecot.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_port(port, b"* OK", proc)
        yield ImapServer("127.0.0.1", port, f"{d}/dovecot.conf", f"{d}/dovecot.log")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(d, ignore_errors=True)


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[Any] = field(default_factory=list)  # aiosmtpd Envelopes: .mail_from .rcpt_tos .content


class _Sink:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.server.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: Any, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)

    result = SmtpServer("127.0.0.1", free_port())
    controller = Controller(
        _Sink(result), hostname="127.0.0.1", port=result.port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield result
    finally:
        controller.stop()
