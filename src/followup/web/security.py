"""Protection that applies to every request, even on localhost.

A local web app is reachable from any page the user visits in the same browser,
so it defends itself like a public one: the Host header must name this app
(DNS rebinding), every state-changing request carries a CSRF token (or the API
token, for scripts), responses forbid framing and inline scripts, and when the
app listens beyond loopback nobody gets in without the password.

Written as plain ASGI middleware: it runs on every request, including the hot
Today page, so it avoids per-request framework objects.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, quote

from followup.web.keys import Keys

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NONCE_COOKIE = "followup_nonce"
SESSION_COOKIE = "followup_session"
CSRF_HEADER = b"x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 20 * 1024 * 1024
TOO_LARGE = "\x00too large"  # what _form_token finds in a form over MAX_FORM_BYTES
# Paths anyone may reach without the password: the login form itself, the files it
# needs, and the calendar feed (which carries its own secret token).
PUBLIC_PREFIXES = ("/login", "/static/", "/calendar.ics", "/healthz")

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


@dataclass(frozen=True)
class Guard:
    keys: Keys
    allowed_hosts: frozenset[str]
    password_hash: str | None = None

    @classmethod
    def for_address(cls, keys: Keys, host: str, port: int, password_hash: str | None = None) -> Guard:
        names = {host, "127.0.0.1", "localhost", "[::1]"} if is_loopback(host) else {host}
        if ":" in host and not host.startswith("["):
            names.add(f"[{host}]")
        allowed = {f"{name}:{port}".lower() for name in names} | {name.lower() for name in names if port in (80, 443)}
        return cls(keys, frozenset(allowed), password_hash)


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


async def _plain(send: Send, status: int, text: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, guard: Guard, on_write: Callable[[], None] | None = None) -> None:
        self.app = app
        self.guard = guard
        # Called after each state-changing request, so caches know the data may have moved.
        self.on_write = on_write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        guard = self.guard
        host = (_header(scope, b"host") or "").lower()
        if host not in guard.allowed_hosts:
            await _plain(send, 421, "This address is not followup's. Open the address `followup serve` printed.")
            return
        path: str = scope["path"]
        method: str = scope["method"]
        cookies = _cookies(scope)
        api_token = _bearer(scope)
        via_api_token = api_token is not None and guard.keys.api_ok(api_token)

        needs_login = guard.password_hash and not path.startswith(PUBLIC_PREFIXES) and not via_api_token
        if needs_login and not guard.keys.session_ok(cookies.get(SESSION_COOKIE)):
            if path.startswith("/api/"):
                await _plain(send, 401, "Log in first, or send the API token as `Authorization: Bearer ...`.")
            else:
                query = scope["query_string"].decode("latin-1")
                target = quote(path + (f"?{query}" if query else ""))
                await _plain(send, 303, "Log in first.", [(b"location", f"/login?next={target}".encode())])
            return

        nonce = cookies.get(NONCE_COOKIE)
        new_nonce = None
        if not nonce or len(nonce) > 64:
            nonce = new_nonce = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf_token"] = guard.keys.csrf_token(nonce)

        if method not in SAFE_METHODS:
            if api_token is not None and not via_api_token:
                await _plain(send, 401, "The API token is wrong. Copy it again from Settings.")
                return
            if not via_api_token:
                problem = _cross_site(scope, guard)
                if problem:
                    await _plain(send, 403, problem)
                    return
                token = _header(scope, CSRF_HEADER)
                if token is None:
                    receive, token = await _form_token(scope, receive)
                    if token is TOO_LARGE:
                        limit = MAX_FORM_BYTES // (1024 * 1024)
                        await _plain(send, 413, f"That upload is larger than {limit} MB. Split the file and try again.")
                        return
                if not guard.keys.csrf_ok(None if new_nonce else nonce, token):
                    await _plain(
                        send,
                        403,
                        "This form has expired or did not come from followup (CSRF check). "
                        "Reload the page and try again.",
                    )
                    return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers += [(key, value) for key, value in SECURITY_HEADERS if key not in present]
                if new_nonce:
                    headers.append(
                        (b"set-cookie", f"{NONCE_COOKIE}={new_nonce}; Path=/; HttpOnly; SameSite=Strict".encode())
                    )
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            if method not in SAFE_METHODS and self.on_write is not None:
                self.on_write()


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
        if host not in guard.allowed_hosts:
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
