"""Settings → Mail, "Connect your <label> mailbox": the button's POST, the provider's way back, Disconnect
and "Test the connection" of a connected mailbox.

Included in a hosted installation whose operator set up a mail provider (`app/mail_connection.py`
reads the settings once, when the app is built). As with signing in with the organisation's provider
(`organisation_sign_in.py`), the button is a form with the CSRF token; its answer is a page that
forwards to the provider; what the browser must keep until it comes back (state, nonce, the PKCE
verifier, and the account that started it) is one signed cookie for the way back only, for 10
minutes, removed on the way back whatever happens (`web/provider_trip.py`).
The way back finishes only for the account signed in, in the browser that started it; every way it
can fail is a message on the Settings page, and nothing is saved.
"""

from __future__ import annotations

from urllib.parse import urlencode

import anyio.to_thread
from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from followup.app import mail_connection
from followup.app.context import Env, in_own_env
from followup.domain.text import sentence
from followup.errors import FollowupError
from followup.web.app import base_url, env_of, web_state
from followup.web.pages.settings import mail_page
from followup.web.provider_trip import Trip

router = APIRouter(include_in_schema=False)
PENDING_COOKIE = "followup_mail_connection"
START = "/settings/mail/connect"
CALLBACK = "/settings/mail/connected"
TRIP = Trip(PENDING_COOKIE, CALLBACK, "mail connection", mail_connection.PENDING_LIFE)
# A few connections at once call the provider from worker threads; the rest wait their turn.
_AT_ONCE = anyio.CapacityLimiter(8)


def provider_of(request: Request) -> mail_connection.MailProvider:
    provider: mail_connection.MailProvider | None = getattr(request.app.state, "mail_connection", None)
    assert provider is not None  # this router is there only with a provider (web/app.py)
    return provider


def _problem(request: Request, env: Env, exc: FollowupError) -> Response:
    problem = {"message": sentence(exc.message), "hint": exc.hint}
    response = mail_page(request, env, exc.http_status, connect_problem=problem)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post(START)
async def start(request: Request) -> Response:
    provider = provider_of(request)
    env = env_of(request)
    now = web_state(request).now()
    try:
        started = await anyio.to_thread.run_sync(
            lambda: mail_connection.begin(
                provider, owner=env.owner, redirect_uri=base_url(request) + CALLBACK, now=now
            ),
            limiter=_AT_ONCE,
        )
    except FollowupError as exc:
        return _problem(request, env, exc)
    heading = f"Connecting your {provider.label} mailbox"
    return TRIP.leave(request, started.url, started.pending.as_text(), label=provider.label, heading=heading)


@router.get(CALLBACK)
async def come_back(request: Request, state: str = "", code: str = "", error: str = "") -> Response:
    provider = provider_of(request)
    pending = mail_connection.Pending.from_text(TRIP.pending(request) or "")
    env = env_of(request)
    now = web_state(request).now()

    def finish(own: Env) -> str:
        return mail_connection.finish(own, provider, pending, state=state, code=code, error=error, now=now).imap_user

    try:
        address = await anyio.to_thread.run_sync(in_own_env, env, finish, limiter=_AT_ONCE)
    except FollowupError as exc:
        response = _problem(request, env, exc)
    else:
        query = urlencode({"saved": "mail-connected", "account": address})
        response = RedirectResponse(f"/settings?{query}#mail", status_code=303)
        response.headers["Cache-Control"] = "no-store"
    return TRIP.over(request, response)


async def _account_name(request: Request) -> str:
    form = await request.form()
    name = form.get("account", "")
    return name[:40] if isinstance(name, str) else ""


@router.post("/settings/mail/disconnect")
async def disconnect(request: Request) -> Response:
    provider = provider_of(request)
    env = env_of(request)
    name = await _account_name(request)
    address = await anyio.to_thread.run_sync(
        in_own_env, env, lambda own: mail_connection.disconnect(own, provider, name), limiter=_AT_ONCE
    )
    # The page names a connected mailbox by its address, the name the person knows it by.
    query = urlencode({"saved": "mail-disconnected", "account": address or name})
    return RedirectResponse(f"/settings?{query}#mail", status_code=303)


@router.post("/settings/mail/connected/test")
async def test(request: Request) -> Response:
    env = env_of(request)
    name = await _account_name(request)
    report = await anyio.to_thread.run_sync(
        in_own_env, env, lambda own: mail_connection.connection_test(own, name), limiter=_AT_ONCE
    )
    return mail_page(request, env, connect_report=(name, report))
