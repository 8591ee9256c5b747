"""Signing in and out: the sign-in token `followup serve` opens the browser with, and the password
form shown when the app listens beyond this computer.

Checking a password runs scrypt in a worker thread, a few at a time, so that many
logins at once never stall other requests; wrong passwords are throttled per client
(`security.LoginThrottle`).
"""

from __future__ import annotations

import math

import anyio
import anyio.to_thread
from fastapi import APIRouter, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from followup.web import rendering
from followup.web.app import web_state
from followup.web.keys import password_ok
from followup.web.security import NOT_SIGNED_IN, SESSION_COOKIE, session_cookie

router = APIRouter(include_in_schema=False)
# scrypt takes 16 MB and a core for a moment: a few at once keep memory and the CPU for the rest.
_SCRYPT_AT_ONCE = anyio.CapacityLimiter(2)
# The icon is named so that the browser does not ask for /favicon.ico on the way in (a 404 in its console).
SIGNED_IN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}">
<link rel="icon" href="{icon}" type="image/svg+xml"><title>Opening followup</title></head>
<body><main><p>Signed in. <a href="{target}">Open followup</a>.</p></main></body></html>
"""


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _signed_in(request: Request, target: str) -> Response:
    """Set the session cookie and go on to `target`.

    A page that forwards, not a redirect: the browser came from the file `followup serve`
    opened (another site), and a SameSite=Strict cookie is not sent on a redirect that
    started elsewhere; a page of ours that forwards is a navigation from this site.
    """
    state = web_state(request)
    response = HTMLResponse(
        SIGNED_IN.format(target=target, icon=rendering.static_url("icon.svg")), headers={"Cache-Control": "no-store"}
    )
    response.headers.append("set-cookie", session_cookie(state.keys.session(state.guard.generation)).decode())
    return response


@router.get("/login")
async def login_form(request: Request, next: str | None = None, token: str | None = None) -> Response:
    guard = web_state(request).guard
    target = rendering.local_path(next)
    if token is not None and guard.sign_in_ok(token):
        return _signed_in(request, target)
    if not guard.password_hash:
        return HTMLResponse(NOT_SIGNED_IN, status_code=401, headers={"Cache-Control": "no-store"})
    return rendering.page(request, "login.html", {"next": target, "failed": False, "wait": 0}, title="Log in")


@router.post("/login")
async def login(request: Request, password: str = Form(""), next: str = Form("/")) -> Response:
    state = web_state(request)
    guard = state.guard
    stored = guard.password_hash
    target = rendering.local_path(next)
    if not stored:
        return HTMLResponse(NOT_SIGNED_IN, status_code=401, headers={"Cache-Control": "no-store"})
    client = _client(request)
    wait = guard.throttle.wait(client)
    if wait > 0:
        seconds = math.ceil(wait)
        context = {"next": target, "failed": False, "wait": seconds}
        response = rendering.page(request, "login.html", context, title="Log in", status=429)
        response.headers["Retry-After"] = str(seconds)
        return response
    right = await anyio.to_thread.run_sync(password_ok, stored, password, limiter=_SCRYPT_AT_ONCE)
    if not right:
        guard.throttle.failed(client)
        context = {"next": target, "failed": True, "wait": 0}
        return rendering.page(request, "login.html", context, title="Log in", status=401)
    guard.throttle.succeeded(client)
    done = RedirectResponse(target, status_code=303)
    done.headers.append("set-cookie", session_cookie(state.keys.session(guard.generation)).decode())
    return done


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End this session: the cookie goes, and the server refuses it from now on."""
    guard = web_state(request).guard
    guard.sign_out(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
