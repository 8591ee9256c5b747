"""The "Sign in with <the organisation's provider>" button's POST, and the provider's way back.

Included in a hosted installation whose operator configured a provider (`app/organisation_sign_in.py`
reads the settings once, when the app is built; `provider_of` finds them). The button is a form
with the CSRF token, like every form: another site cannot start a sign-in in this browser. Its answer
is a page that forwards to the provider (a redirect after a form would break the pages' CSP).

What the browser must keep between leaving for the provider and coming back (state, nonce, the
PKCE verifier, the page to open, an invitation) is one signed cookie for /login/oidc only, for 10
minutes, removed on the way back whatever happens (`web/provider_trip.py`): a sign-in finishes
once. Every way it can fail ends on a page that says what happened and what to do, never a traceback.
"""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from followup.app import organisation_sign_in
from followup.app.accounts import SESSION_LIFE, SignedIn
from followup.app.context import Env, in_own_env
from followup.errors import FollowupError
from followup.web import rendering
from followup.web.app import base_url, over_https, web_state
from followup.web.provider_trip import Trip
from followup.web.security import account_cookie

router = APIRouter(include_in_schema=False)
PENDING_COOKIE = "followup_sign_in"
PATH = "/login/oidc"
CALLBACK = f"{PATH}/callback"
TRIP = Trip(PENDING_COOKIE, PATH, "organisation sign-in", organisation_sign_in.PENDING_LIFE)
# A few sign-ins at once call the provider from worker threads; the rest wait their turn.
_AT_ONCE = anyio.CapacityLimiter(8)


def provider_of(request: Request) -> organisation_sign_in.Provider | None:
    """The provider the operator configured, None when there is none (set by `web/app.py`)."""
    provider: organisation_sign_in.Provider | None = getattr(request.app.state, "organisation_sign_in", None)
    return provider


def _refused(request: Request, exc: FollowupError) -> Response:
    context = {"heading": "Signing in did not work", "problem": exc.message.rstrip(".") + ".", "hint": exc.hint}
    response = rendering.page(request, "accounts_link_gone.html", context, title="Sign in", status=exc.http_status)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post(PATH)
async def start(request: Request, next: str = Form("/"), invitation: str = Form("")) -> Response:
    provider = provider_of(request)
    assert provider is not None  # this router is there only with a provider (web/app.py)
    now = web_state(request).now()
    try:
        started = await anyio.to_thread.run_sync(
            lambda: organisation_sign_in.begin(
                provider,
                redirect_uri=base_url(request) + CALLBACK,
                next=rendering.local_path(next),
                invitation=invitation[:200],
                now=now,
            ),
            limiter=_AT_ONCE,
        )
    except FollowupError as exc:
        return _refused(request, exc)
    heading = f"Signing in with {provider.label}"
    return TRIP.leave(request, started.url, started.pending.as_text(), label=provider.label, heading=heading)


@router.get(CALLBACK)
async def come_back(request: Request, state: str = "", code: str = "", error: str = "") -> Response:
    provider = provider_of(request)
    assert provider is not None  # this router is there only with a provider (web/app.py)
    pending = organisation_sign_in.Pending.from_text(TRIP.pending(request) or "")
    env = web_state(request).env
    now = web_state(request).now()

    def finish(own: Env) -> SignedIn:
        identity = organisation_sign_in.identity_of(provider, pending, state=state, code=code, error=error, now=now)
        invitation = pending.invitation if pending else ""
        return organisation_sign_in.sign_in(own, provider, identity, invitation)

    try:
        signed = await anyio.to_thread.run_sync(in_own_env, env, finish, limiter=_AT_ONCE)
    except FollowupError as exc:
        response = _refused(request, exc)
    else:
        target = pending.next if pending else "/"
        response = RedirectResponse(rendering.local_path(target), status_code=303)
        response.headers["Cache-Control"] = "no-store"
        max_age = int(SESSION_LIFE.total_seconds())
        response.headers.append("set-cookie", account_cookie(signed.token, secure=over_https(request), max_age=max_age))
    return TRIP.over(request, response)
