"""One log line per request, for `followup serve --log-format json`: method, path, status, duration.

The path is logged without its query string, which may carry a sign-in or calendar token; no
header, cookie or body is read. Only wrapped around the app when asked for, so the local app's
requests pay nothing for it.
"""

from __future__ import annotations

import logging
import time

from followup.web.security import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("followup.web.request")


class RequestLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # when the app fails before it answers

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            took = round((time.perf_counter() - started) * 1000, 1)
            method, path = scope["method"], scope["path"]
            log.info(
                "%s %s %d %.1f ms",
                method,
                path,
                status,
                took,
                extra={"method": method, "path": path, "status": status, "duration_ms": took},
            )
