"""Protection that applies to every request, even on localhost.

A local web app is reachable from any page the user visits in the same browser,
so it defends itself like a public one: the Host header must name this app
(DNS rebinding), every state-changing request carries a CSRF token (or the API
token, for scripts), and responses forbid framing and inline scripts.

Loopback is not a boundary either: another account on the same computer can
reach 127.0.0.1. So every request needs a signed-in session (or the API token;
the calendar feed checks its own). `followup serve` makes a sign-in token for
each run and opens the browser with it; `/login?token=...` exchanges it for an
HttpOnly, SameSite=Strict session cookie. When the app listens beyond loopback
the password signs in too. Without a session a page says how to open the app,
and shows nothing else.

A hosted installation (a database made by `followup server init`) has accounts
instead: the middleware is given `account_of`, which reads the account session
cookie (`ACCOUNT_COOKIE`, kept server-side as a hash, see `app/accounts.py`) and
puts the signed-in `Account` into the ASGI scope as `scope[ACCOUNT_KEY]`. There the
local session, the one-run sign-in token and the installation's API token sign nobody in: without
an account session a page redirects to /login and the API answers 401 in JSON. On /api/ only,
an account's own API token (`account_of_api_token`, `app/account_tokens.py`) signs that account in.

Bound to all interfaces (or another address), any IP address in the Host header
is accepted (DNS rebinding needs a name), and so are names that resolve to this
computer's addresses and names given with `--allowed-host`; beyond loopback the
password stands behind them all. Bound to loopback only loopback names pass.

Written as plain ASGI middleware: it runs on every request, including the hot
Today page, so it avoids per-request framework objects.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote

import anyio.to_thread

from followup import __version__
from followup.web.keys import SESSION_MAX, Keys

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NONCE_COOKIE = "followup_nonce"
SESSION_COOKIE = "followup_session"
# Hosted mode: the account session's cookie, and where the signed-in account goes in the scope.
ACCOUNT_COOKIE = "followup_account"
ACCOUNT_KEY = "followup.account"
CSRF_HEADER = b"x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 20 * 1024 * 1024
TOO_LARGE = "\x00too large"  # what _form_token finds in a form over MAX_FORM_BYTES
# Hosted mode: the pages for signing in, joining and a forgotten password are public too.
HOSTED_PUBLIC_PATHS = ("/join", "/forgot", "/reset")
# Paths anyone may reach without the password: the login form itself, the files it
# needs, the calendar feed (which carries its own secret token), liveness and readiness (which
# say nothing about anyone) and the metrics (which check their own token, web/operations.py).
PUBLIC_PREFIXES = ("/login", "/static/", "/calendar.ics", "/healthz", "/readyz", "/metrics")
# Styled like every page (the stylesheet and icon are public), so a tab left open across a
# restart of `followup serve` shows a followup page that says what to do, not a bare error.
NOT_SIGNED_IN = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Open followup from your terminal</title>
<link rel="icon" href="/static/{__version__}/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/{__version__}/css/app.css"></head>
<body>
<header class="topbar"><span class="brand"><img src="/static/{__version__}/icon.svg" alt="" width="28" height="28">
<span>followup</span></span></header>
<main id="main"><section class="card">
<h1>Open followup from your terminal</h1>
<p>followup is running, but this browser is not signed in to it.</p>
<p>To open it, run <code>followup open</code> in a terminal, or start it with <code>followup serve</code>
and use the address it prints: the browser it opens is signed in.</p>
</section></main></body></html>
"""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]


class LoginThrottle:
    """Wrong passwords per client: after FREE tries each one doubles the wait before the next is heard."""

    FREE = 5
    LONGEST = 15 * 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}  # client -> (wrong tries, not before)

    def wait(self, client: str) -> float:
        """Seconds this client must wait before its next try is checked (0: go ahead)."""
        _count, not_before = self._failures.get(client, (0, 0.0))
        return max(0.0, not_before - self.clock())

    def failed(self, client: str) -> None:
        count = self._failures.get(client, (0, 0.0))[0] + 1
        delay = 0.0 if count < self.FREE else min(2.0 ** (count - self.FREE + 1), self.LONGEST)
        if len(self._failures) > 10_000:  # many clients guessing: forget the oldest rather than grow
            self._failures.pop(next(iter(self._failures)))
        self._failures[client] = (count, self.clock() + delay)

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)


@dataclass(frozen=True)
class Guard:
    keys: Keys
    allowed_hosts: frozenset[str]
    password_hash: str | None = None
    # The one-run secret `followup serve` signs the browser in with.
    sign_in_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # A fingerprint of the password (Keys.password_generation): sessions carry it.
    generation: str = ""
    port: int = 0
    # Listening beyond loopback: IP addresses and names of this computer pass the Host check.
    beyond_loopback: bool = False
    machine_addresses: frozenset[str] = frozenset()
    resolve: Callable[[str], set[str]] = field(default=lambda name: _resolve(name), compare=False)
    revoked: dict[str, float] = field(default_factory=dict, compare=False)  # signed-out session -> when
    throttle: LoginThrottle = field(default_factory=LoginThrottle, compare=False)
    _resolved: dict[str, tuple[bool, float]] = field(default_factory=dict, compare=False)

    @classmethod
    def for_address(
        cls,
        keys: Keys,
        host: str,
        port: int,
        password_hash: str | None = None,
        *,
        allowed_names: Iterable[str] = (),
        generation: str = "",
        sign_in_token: str | None = None,
    ) -> Guard:
        everywhere = host in ("0.0.0.0", "::", "[::]", "")
        names = {host, "127.0.0.1", "localhost", "[::1]"} if is_loopback(host) or everywhere else {host}
        names |= {name.strip().lower() for name in allowed_names if name.strip()}
        if not is_loopback(host):
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}  # this computer's own names
        allowed: set[str] = set()
        for name in names:
            if ":" in name and not name.startswith("[") and name.count(":") > 1:
                name = f"[{name}]"
            if name.rpartition(":")[2].isdecimal() and not name.endswith("]"):
                allowed.add(name.lower())  # given with its port
                continue
            allowed.add(f"{name}:{port}".lower())
            if port in (80, 443):
                allowed.add(name.lower())
        beyond = not is_loopback(host)
        return cls(
            keys,
            frozenset(allowed),
            password_hash,
            sign_in_token=sign_in_token or secrets.token_urlsafe(32),
            generation=generation,
            port=port,
            beyond_loopback=beyond,
            machine_addresses=frozenset(machine_addresses(host)) if beyond else frozenset(),
        )

    def sign_in_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.sign_in_token, token or "")

    def session_of(self, cookie: str | None) -> tuple[bool, bool]:
        """(valid, renew) for a session cookie: signed, not expired, not signed out, this password."""
        check = self.keys.check_session(cookie, self.generation)
        if not check.ok or check.sid in self.revoked:
            return False, False
        return True, check.renew

    def sign_out(self, cookie: str | None) -> None:
        check = self.keys.check_session(cookie, self.generation)
        if check.ok:
            now = time.time()
            for sid, when in list(self.revoked.items()):  # past SESSION_MAX it is refused anyway
                if now - when > SESSION_MAX:
                    del self.revoked[sid]
            self.revoked[check.sid] = now

    async def host_ok(self, host: str) -> bool:
        """The Host header names this app. `allowed_hosts` answers the usual case without a lookup."""
        if host in self.allowed_hosts:
            return True
        if not self.beyond_loopback:
            return False
        name, port = _split_host(host)
        if name is None or (port != self.port and not (port is None and self.port in (80, 443))):
            return False
        try:
            ipaddress.ip_address(name.strip("[]"))
            return True  # an address, not a name: nothing a rebinding attack could use
        except ValueError:
            pass
        cached = self._resolved.get(name)
        now = time.monotonic()
        if cached is None or cached[1] < now:
            try:
                found = await anyio.to_thread.run_sync(self.resolve, name)
            except OSError:
                found = set()
            if len(self._resolved) > 256:
                self._resolved.clear()
            cached = (bool(found & self.machine_addresses), now + 60)
            self._resolved[name] = cached
        return cached[0]


def _split_host(host: str) -> tuple[str | None, int | None]:
    if host.startswith("["):
        name, _, rest = host.partition("]")
        name += "]"
        port_text = rest[1:] if rest.startswith(":") else ("" if not rest else "x")
    else:
        name, _, port_text = host.partition(":")
    if port_text and not port_text.isdecimal():
        return None, None
    if not name or len(name) > 253:
        return None, None
    return name, int(port_text) if port_text else None


def _resolve(name: str) -> set[str]:
    return {str(info[4][0]).split("%")[0] for info in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)}


def machine_addresses(host: str) -> set[str]:
    """This computer's addresses, as far as they can be found without extra packages."""
    found = {"127.0.0.1", "::1"}
    if host not in ("0.0.0.0", "::", "[::]", ""):
        found.add(host.strip("[]"))
    for name in {socket.gethostname(), socket.getfqdn()}:
        with contextlib.suppress(OSError):
            found |= _resolve(name)
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        # The address this computer would send from (a UDP "connect" sends nothing).
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found.add(str(udp.getsockname()[0]).split("%")[0])
        except OSError:
            pass
    return found


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1", "[::1]") or host.startswith("127.")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookies(scope: Scope) -> dict[str, str]:
    raw = _header(scope, b"cookie")
    if not raw:
        return {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header is the client's problem, not a crash
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


async def _respond(
    send: Send, status: int, body: bytes, content_type: bytes, headers: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    """A whole small response, sent straight from the middleware (nothing behind it runs)."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _plain(send: Send, status: int, text: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    await _respond(send, status, text.encode(), b"text/plain; charset=utf-8", headers)


class SecurityMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        guard: Guard,
        on_write: Callable[[], None] | None = None,
        account_of: Callable[[str | None], Any] | None = None,
        account_of_api_token: Callable[[str], Any] | None = None,
    ) -> None:
        self.app = app
        self.guard = guard
        # Called after each state-changing request, so caches know the data may have moved.
        self.on_write = on_write
        # Hosted mode: the account an account session cookie signs in, or None.
        self.account_of = account_of
        # Hosted mode: the account an account's own API token signs in to /api/, or None.
        self.account_of_api_token = account_of_api_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        guard = self.guard
        host = (_header(scope, b"host") or "").lower()
        if host not in guard.allowed_hosts and not await guard.host_ok(host):
            await _plain(send, 421, "This address is not followup's. Open the address `followup serve` printed.")
            return
        path: str = scope["path"]
        method: str = scope["method"]
        cookies = _cookies(scope)
        if self.account_of is not None:
            await self._hosted(scope, receive, send, cookies)
            return
        api_token = _bearer(scope)
        via_api_token = api_token is not None and guard.keys.api_ok(api_token)

        session = cookies.get(SESSION_COOKIE)
        signed_in, renew = guard.session_of(session) if session else (False, False)
        if not signed_in and not via_api_token and not path.startswith(PUBLIC_PREFIXES):
            if path.startswith("/api/"):
                await _plain(send, 401, "Sign in first, or send the API token as `Authorization: Bearer ...`.")
            elif guard.password_hash:
                query = scope["query_string"].decode("latin-1")
                target = quote(path + (f"?{query}" if query else ""))
                await _plain(send, 303, "Log in first.", [(b"location", f"/login?next={target}".encode())])
            else:
                await not_signed_in(send)
            return

        if method not in SAFE_METHODS and api_token is not None and not via_api_token:
            await _plain(send, 401, "The API token is wrong. Copy it again from Settings.")
            return

        def renewed(present: set[bytes]) -> list[tuple[bytes, bytes]]:
            if renew and session and b"set-cookie" not in present:
                return [(b"set-cookie", session_cookie(guard.keys.renewed(session, guard.generation)))]
            return []

        await self._pass_on(scope, receive, send, cookies, check_csrf=not via_api_token, more_headers=renewed)

    async def _pass_on(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        cookies: dict[str, str],
        *,
        check_csrf: bool = True,
        more_headers: Callable[[set[bytes]], list[tuple[bytes, bytes]]] | None = None,
    ) -> None:
        """A signed-in request, on to the app: with its CSRF token for the page (and, for a request
        that changes something, the check of the one it sent), the security headers on the answer,
        and the caches told after a write."""
        method: str = scope["method"]
        nonce = cookies.get(NONCE_COOKIE)
        new_nonce = None
        if not nonce or len(nonce) > 64:
            nonce = new_nonce = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf_token"] = self.guard.keys.csrf_token(nonce)
        if check_csrf and method not in SAFE_METHODS:
            receive, passed = await self._csrf_passed(scope, receive, send, None if new_nonce else nonce)
            if not passed:
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers += [(key, value) for key, value in SECURITY_HEADERS if key not in present]
                if new_nonce:
                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    cookie = f"{NONCE_COOKIE}={new_nonce}; Path=/; HttpOnly; SameSite=Strict{secure}"
                    headers.append((b"set-cookie", cookie.encode()))
                if more_headers is not None:
                    headers += more_headers(present)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            if method not in SAFE_METHODS and self.on_write is not None:
                self.on_write()

    async def _csrf_passed(self, scope: Scope, receive: Receive, send: Send, nonce: str | None) -> tuple[Receive, bool]:
        """Whether a state-changing request came from one of our pages; when not, the refusal is sent."""
        problem = _cross_site(scope, self.guard)
        if problem:
            await _plain(send, 403, problem)
            return receive, False
        token = _header(scope, CSRF_HEADER)
        if token is None:
            receive, token = await _form_token(scope, receive)
            if token is TOO_LARGE:
                limit = MAX_FORM_BYTES // (1024 * 1024)
                await _plain(send, 413, f"That upload is larger than {limit} MB. Split the file and try again.")
                return receive, False
        if not self.guard.keys.csrf_ok(nonce, token):
            await _plain(
                send,
                403,
                "This form has expired or did not come from followup (CSRF check). Reload the page and try again.",
            )
            return receive, False
        return receive, True

    async def _hosted(self, scope: Scope, receive: Receive, send: Send, cookies: dict[str, str]) -> None:
        """A hosted installation's request: an account session signs in, and on /api/ the account's own
        API token does (nothing else: not the installation's token, not the local session)."""
        assert self.account_of is not None
        path: str = scope["path"]
        api_token = _bearer(scope) if path.startswith("/api/") and self.account_of_api_token is not None else None
        # Only a Bearer token: a proxy's Basic sign-in in front of the installation is no account's.
        if api_token:
            # A token sent is the one that counts, even beside a session cookie: a wrong one says so.
            assert self.account_of_api_token is not None
            by_token = self.account_of_api_token(api_token)
            if by_token is None:
                await _json_401(send, "the API token is wrong, was replaced, or its account is disabled", _TOKEN_HINT)
                return
            scope[ACCOUNT_KEY] = by_token
            # A script's request: no form, so no CSRF token to check (a browser never sends this header itself).
            await self._pass_on(scope, receive, send, cookies, check_csrf=False)
            return
        # Files and probes are for anyone: no database lookup for each stylesheet and icon.
        anyones = path.startswith(("/static/", "/healthz", "/readyz", "/metrics"))
        account = None if anyones else self.account_of(cookies.get(ACCOUNT_COOKIE))
        if account is not None:
            scope[ACCOUNT_KEY] = account
        elif not path.startswith(PUBLIC_PREFIXES) and not path.startswith(HOSTED_PUBLIC_PATHS):
            if path.startswith("/api/"):
                await _json_401(send)
            else:
                query = scope["query_string"].decode("latin-1")
                target = quote(path + (f"?{query}" if query else ""))
                await _plain(send, 303, "Sign in first.", [(b"location", f"/login?next={target}".encode())])
            return

        await self._pass_on(scope, receive, send, cookies)


def account_cookie(value: str, *, secure: bool, max_age: int) -> str:
    """The account session's cookie: HttpOnly, SameSite=Lax (a link from a mail opens signed in),
    Secure when the site is served over HTTPS. An empty value with max_age 0 removes it."""
    return f"{ACCOUNT_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{'; Secure' if secure else ''}"


_TOKEN_HINT = "Copy your API token again from Settings, under Connections for other apps."


async def _json_401(send: Send, message: str = "sign in first", hint: str = "Sign in at /login.") -> None:
    import json

    problem = {"code": "NotSignedIn", "message": message, "where": None, "hint": hint}
    body = json.dumps({"error": problem}).encode()
    await _respond(send, 401, body, b"application/json", [(b"cache-control", b"no-store")])


def session_cookie(value: str) -> bytes:
    return f"{SESSION_COOKIE}={value}; Path=/; Max-Age={SESSION_MAX}; HttpOnly; SameSite=Strict".encode()


async def not_signed_in(send: Send) -> None:
    """The page for a browser without a session: how to open followup, and nothing else."""
    await _respond(send, 401, NOT_SIGNED_IN.encode(), b"text/html; charset=utf-8", [(b"cache-control", b"no-store")])


def _bearer(scope: Scope) -> str | None:
    value = _header(scope, b"authorization")
    if value is None:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _cross_site(scope: Scope, guard: Guard) -> str | None:
    if _header(scope, b"sec-fetch-site") == "cross-site":
        return "Requests from other web sites are refused."
    origin = _header(scope, b"origin")
    if origin and origin != "null":
        host = origin.split("://", 1)[-1].lower()
        if host != (_header(scope, b"host") or "").lower() and host not in guard.allowed_hosts:
            return "Requests from other web sites are refused."
    return None


async def _form_token(scope: Scope, receive: Receive) -> tuple[Receive, str | None]:
    """Read the body once to find the form's token, and hand the app a receive that replays it."""
    raw_type = _header(scope, b"content-type") or ""
    content_type = raw_type.lower()
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return receive, None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return receive, TOO_LARGE
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    body = b"".join(chunks)
    token: str | None = None
    if content_type.startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("latin-1"), keep_blank_values=True).get(CSRF_FIELD)
        token = values[0] if values else None
    else:
        # The boundary is case-sensitive (Chromium's is mixed case): parse with the header as sent.
        token = _multipart_field(body, raw_type, CSRF_FIELD)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return {"type": "http.disconnect"}
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay, token


def _multipart_field(body: bytes, content_type: str, name: str) -> str | None:
    from email.parser import BytesParser
    from email.policy import HTTP

    # The token is a small text part; the stdlib MIME parser finds it without a second dependency.
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        return None
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == name:
            payload = part.get_payload(decode=True)
            return payload.decode("utf-8", "replace").strip() if isinstance(payload, bytes) else None
    return None
