"""When another program holds the database's write lock: wait without stopping the app, then
say "busy, try again in a moment" (HTTP 503 with Retry-After), never an internal error.

The CLI's import or a mail sync may hold SQLite's write lock for seconds. The web app's
connection waits only BUSY_WAIT for it, because that wait blocks the event loop and with it
every other request (/healthz too). A request that finds the database busy and has written
nothing yet is run again after a short pause, asynchronously, until RETRY_FOR has passed;
the pause lets every other request through. A request that wrote part of its work before
the lock was lost is not run again (it could do that part twice): it gets the 503 at once,
and what it wrote is rolled back with its transaction.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio

BUSY_WAIT = 0.05  # seconds SQLite waits for the lock on the event loop (the connection's busy_timeout)
RETRY_FOR = 8.0  # seconds a request is tried again before the answer is "busy"
PAUSE = 0.1  # seconds between tries
RETRY_AFTER = 5  # seconds, told to the browser or the script
MESSAGE = "followup is busy with another task (an import or a mail check, perhaps). Try again in a moment."
HINT = "Nothing was changed by this request."

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_busy(exc: BaseException) -> bool:
    """SQLite's 'database is locked' (SQLITE_BUSY) or 'table is locked' (SQLITE_LOCKED)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.OperationalError) and code is not None and code & 0xFF in (5, 6)


class BusyMiddleware:
    """Runs a request again while the database is busy, as described above.

    `writes` counts the rows written so far by the app's connection (SQLite's total_changes),
    and `undo` rolls back a transaction left open by a request that stopped inside it.
    """

    def __init__(self, app: ASGIApp, *, writes: Callable[[], int], undo: Callable[[], None]) -> None:
        self.app = app
        self.writes = writes
        self.undo = undo

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received: list[Message] = []  # the request body, to give it again to a second try
        started = False

        async def send_once(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        deadline = time.monotonic() + RETRY_FOR
        while True:
            before = self.writes()
            try:
                await self.app(scope, _replaying(receive, received), send_once)
                return
            except Exception as exc:
                if not is_busy(exc) or started:
                    raise
                self.undo()
                if self.writes() != before or time.monotonic() + PAUSE > deadline:
                    await _busy_response(scope, send)
                    return
            await anyio.sleep(PAUSE)


def _replaying(receive: Receive, received: list[Message]) -> Receive:
    """The request's messages: first those an earlier try read (kept in `received`), then the client's."""
    replay = list(received)

    async def receive_again() -> Message:
        if replay:
            return replay.pop(0)
        message = await receive()
        if message["type"] == "http.request":
            received.append(message)
        return message

    return receive_again


async def _busy_response(scope: Scope, send: Send) -> None:
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    path = str(scope.get("path", ""))
    if path.startswith("/api/") or "application/json" in headers.get("accept", ""):
        error = {"code": "Busy", "message": MESSAGE, "where": None, "hint": HINT}
        body, kind = json.dumps({"error": error}).encode(), "application/json"
    else:
        body = (
            "<!doctype html><html lang=en><meta charset=utf-8><title>Busy — followup</title>"
            f"<main><h1>Busy, try again in a moment</h1><p>{MESSAGE}</p><p>{HINT}</p>"
            "<p><a href=''>Try again</a></p></main></html>"
        ).encode()
        kind = "text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", kind.encode()),
                (b"retry-after", str(RETRY_AFTER).encode()),
                (b"cache-control", b"no-store"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
