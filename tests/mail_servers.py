"""Real mail servers for the tests: Dovecot (IMAP) in a temp dir, aiosmtpd (SMTP) in-process.

Started on free loopback ports; every test user gets a fresh, empty mailbox
(Dovecot's static passdb: any user name logs in with the password "testpw"; the user
UTF8_USER also logs in with UTF8_PASSWORD, which is beyond ASCII).
"""

from __future__ import annotations

import base64
import contextlib
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
# A password as people choose them, which IMAP's LOGIN command cannot carry.
UTF8_USER, UTF8_PASSWORD = "zoe", "Grüße-Zoë-2026"

DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login{mechanisms}
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
    address = 127.0.0.1
    port = {imaps_port}
  }}
}}
{oauth_passdb}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
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
    imaps_port: int = 0
    ca_file: str = ""  # the CA that signed the server's certificate, when it has one

    def new_user(self) -> str:
        """A fresh, empty mailbox for one test."""
        return f"u{uuid.uuid4().hex[:10]}"

    def deliver(self, user: str, raw: bytes, folder: str = "INBOX") -> None:
        """Real local delivery through Dovecot's LDA, as a mail server would do it."""
        subprocess.run([LDA, "-c", self.conf, "-d", user, "-m", folder], input=raw, check=True)


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    yield from _dovecot(tls=False)


@pytest.fixture(scope="session")
def imap_tls_server() -> Iterator[ImapServer]:
    """Dovecot with a certificate from a test CA: STARTTLS on `port`, implicit TLS on `imaps_port`."""
    yield from _dovecot(tls=True)


@pytest.fixture(scope="session")
def imap_oauth_server() -> Iterator[tuple[ImapServer, dict[str, str]]]:
    """Dovecot taking XOAUTH2/OAUTHBEARER logins, checked against a local token introspection
    endpoint (as Gmail's and Microsoft's servers check theirs). Add `token: user` to the
    returned dict to make a token valid for that user."""
    import http.server
    import json
    import threading
    from urllib.parse import parse_qs

    tokens: dict[str, str] = {}

    class Introspection(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode())
            token = (form.get("token") or [""])[0]
            body = json.dumps({"active": "true", "username": tokens[token]} if token in tokens else {"active": "false"})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Introspection)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for server in _dovecot(tls=False, introspection_url=f"http://127.0.0.1:{httpd.server_port}/introspect"):
            yield server, tokens
    finally:
        httpd.shutdown()


def dovecot_checking_tokens(introspection_url: str) -> Iterator[ImapServer]:
    """Dovecot taking XOAUTH2/OAUTHBEARER logins checked by the given introspection endpoint (RFC 7662),
    as a provider's IMAP server checks the tokens its provider issued (use it as a generator fixture)."""
    yield from _dovecot(tls=False, introspection_url=introspection_url)


def _dovecot(tls: bool, introspection_url: str | None = None) -> Iterator[ImapServer]:
    if not os.path.exists(DOVECOT):
        if os.environ.get("CI"):
            pytest.fail("Dovecot is not installed: apt-get install dovecot-imapd (scripts/test does it)")
        pytest.skip("Dovecot is not installed: apt-get install dovecot-imapd")
    d = tempfile.mkdtemp(prefix="imap-")  # short: unix sockets live here
    port = free_port()
    imaps_port = free_port() if tls else 0
    if os.geteuid() == 0:
        kw = {"login": "dovenull", "internal": "dovecot", "group": "dovecot", "mailuser": "dovecot"}
        os.chmod(d, 0o755)
    else:
        me = pwd.getpwuid(os.getuid()).pw_name
        kw = {"login": me, "internal": me, "group": grp.getgrgid(os.getgid()).gr_name, "mailuser": me}
    os.mkdir(f"{d}/mail")
    shutil.chown(f"{d}/mail", kw["mailuser"], kw["group"])
    ssl_conf = "ssl = no"
    ca_file = ""
    if tls:
        ca_file = _certificates(d)
        ssl_conf = f"ssl = yes\nssl_cert = <{d}/cert.pem\nssl_key = <{d}/key.pem"
    mechanisms = oauth_passdb = ""
    if introspection_url:
        mechanisms = " xoauth2 oauthbearer"
        with open(f"{d}/oauth2.conf", "w") as fh:
            fh.write(
                f"introspection_mode = post\nintrospection_url = {introspection_url}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
            )
        oauth_passdb = (
            f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {d}/oauth2.conf\n}}\n"
        )
    conf = DOVECOT_CONF.format(
        d=d, port=port, password=PASSWORD, ssl=ssl_conf, imaps_port=imaps_port,
        mechanisms=mechanisms, oauth_passdb=oauth_passdb, **kw,
    )  # fmt: skip
    with open(f"{d}/dovecot.conf", "w") as fh:
        fh.write(conf)
    with open(f"{d}/users", "w", encoding="utf-8") as fh:
        fh.write(f"{UTF8_USER}:{{PLAIN}}{UTF8_PASSWORD}\n")
    proc = subprocess.Popen(
        [DOVECOT, "-F", "-c", f"{d}/dovecot.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_port(port, b"* OK", proc)
        if tls:
            wait_port(imaps_port, proc=proc)
        yield ImapServer("127.0.0.1", port, f"{d}/dovecot.conf", f"{d}/dovecot.log", imaps_port, ca_file)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if not os.environ.get("KEEP_DOVECOT"):
            shutil.rmtree(d, ignore_errors=True)


def _certificates(d: str) -> str:
    """A throwaway CA and a certificate for 127.0.0.1 and localhost; returns the CA's file."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(f"{d}/key.pem")
    cert.cert_chain_pems[0].write_to_path(f"{d}/cert.pem")
    for extra in cert.cert_chain_pems[1:]:
        with open(f"{d}/cert.pem", "ab") as fh:
            fh.write(extra.bytes())
    ca.cert_pem.write_to_path(f"{d}/ca.pem")
    os.chmod(f"{d}/key.pem", 0o644)  # Dovecot's config reader runs as root, but keep it readable in any case
    return f"{d}/ca.pem"


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[Any] = field(default_factory=list)  # aiosmtpd Envelopes: .mail_from .rcpt_tos .content
    logins: list[str] = field(default_factory=list)  # who logged in by XOAUTH2 (smtp_server_checking_tokens)


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
        ok = isinstance(auth_data, LoginPassword) and auth_data.password in (PASSWORD.encode(), UTF8_PASSWORD.encode())
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


def _introspected(url: str, token: str) -> str | None:
    """The user an access token belongs to, as the introspection endpoint says; None when it is not active."""
    import json
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"token": token}).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=body, method="POST"), timeout=10) as answer:
        found = json.loads(answer.read())
    return str(found["username"]) if found.get("active") is True else None


@contextlib.contextmanager
def smtp_server_checking_tokens(introspection_url: str) -> Iterator[SmtpServer]:
    """aiosmtpd taking AUTH XOAUTH2 only, each token checked by the introspection endpoint, as
    Gmail's and Office 365's SMTP servers check theirs; `logins` records who logged in."""
    import asyncio
    import json

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    result = SmtpServer("127.0.0.1", free_port())

    class TokenSink(_Sink):
        async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
            if len(args) < 2:
                return AuthResult(success=False)
            fields = dict(
                part.split("=", 1) for part in base64.b64decode(args[1]).decode().split("\x01") if "=" in part
            )
            user, bearer = fields.get("user", ""), fields.get("auth", "")
            token = bearer[7:] if bearer.startswith("Bearer ") else ""
            holder = await asyncio.to_thread(_introspected, introspection_url, token) if token else None
            if holder is None or holder != user:
                # RFC 7628 §3.2.2: the error is a challenge, answered by an empty line, then the refusal.
                await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
                return AuthResult(success=False)
            result.logins.append(user)
            return AuthResult(success=True)

    controller = Controller(
        TokenSink(result),
        hostname="127.0.0.1",
        port=result.port,
        auth_require_tls=False,
        auth_exclude_mechanism=["LOGIN", "PLAIN"],
    )
    controller.start()
    try:
        yield result
    finally:
        controller.stop()
