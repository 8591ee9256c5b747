"""Answers repeated reads of the two hot paths (Today, the agenda API) without entering FastAPI.

The views already cache what they build (`WebState.cached`); under load what remains
is the framework's own per-request work, which costs more than the cached page. So a
200 answer to a plain GET of those paths is kept here, with the browser's CSRF token cut
out, and served again while the data version and the minute are the same. Any write
clears it (`WebState.wrote` empties the cache), and so does any write by the CLI
(SQLite's data version). It sits inside the security middleware: Host, password and
token checks still run on every request.
"""

from __future__ import annotations

from typing import Any

from followup.web.security import ASGIApp, Message, Receive, Scope, Send

HOT_PATHS = frozenset({"/", "/api/v1/actions"})
# Request headers that change the answer besides the URL.
VARYING = (b"hx-request", b"hx-history-restore-request", b"hx-current-url", b"accept", b"authorization")


class HotCache:
    def __init__(self, app: Any, web: Any) -> None:
        self.app: ASGIApp = app
        self.web = web

    def __getattr__(self, name: str) -> Any:
        # The FastAPI app's own attributes (state, openapi, routes) stay reachable through here.
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in HOT_PATHS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if b"followup_flash" in headers.get(b"cookie", b""):
            await self.app(scope, receive, send)  # a one-time message: never cached, never served from cache
            return
        state = self.web
        token: str = scope.get("state", {}).get("csrf_token", "")
        stamp = state.stamp()
        key = ("hot", scope["path"], scope["query_string"], *(headers.get(name) for name in VARYING))
        hit = state.cache.get(key)
        if hit is not None and hit[0] == stamp:
            _stamp, status, response_headers, parts = hit
            body = token.encode().join(parts) if token else b"".join(parts)
            await send({"type": "http.response.start", "status": status, "headers": response_headers})
            await send({"type": "http.response.body", "body": body})
            return

        started: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        response_headers = [(k, v) for k, v in started.get("headers", []) if k.lower() != b"content-length"]
        cacheable = started.get("status") == 200 and not any(k.lower() == b"set-cookie" for k, _ in response_headers)
        if cacheable:
            body = b"".join(chunks)
            parts = body.split(token.encode()) if token else [body]
            # The length is the same for every browser: tokens all have one length.
            response_headers.append((b"content-length", str(len(body)).encode()))
            state.cache[key] = (stamp, 200, response_headers, parts)
