"""The "Sign in with <the organisation's provider>" button's POST, and the provider's way back.

Included in a hosted installation whose operator configured a provider (`app/organisation_sign_in.py`
reads the settings once, when the app is built; `provider_of` finds them). The button is a form
with the CSRF token, like every form: another site cannot start a sign-in in this browser. Its answer
is a page that forwards to the provider (a redirect after a form would break the pages' CSP).

What the browser must keep between leaving for the provider and coming back (state, nonce, the
PKCE verifier, the page to open, an invitation) goes in one cookie, signed with the app's key,
HttpOnly, SameSite=Lax (the way back is a navigation from the provider's site, which a Strict
cookie would miss), for /login/oidc only, for 10 minutes, and removed on the way back whatever
happens: a sign-in finishes once. Every way it can fail ends on a page that says what happened
and what to do, never a traceback.
"""

from __future__ import annotations

import base64
import os

import anyio.to_thread
from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from followup.app import organisation_sign_in
from followup.app.accounts import SESSION_LIFE, SignedIn
from followup.app.context import Env, in_own_env
from followup.errors import FollowupError
from followup.web import rendering
from followup.web.app import web_state
from followup.web.security import account_cookie

router = APIRouter(include_in_schema=False)
PENDING_COOKIE = "followup_sign_in"
PATH = "/login/oidc"
CALLBACK = f"{PATH}/callback"
_PURPOSE = "organisation sign-in"
_PENDING_SECONDS = int(organisation_sign_in.PENDING_LIFE.total_seconds())
# A few sign-ins at once call the provider from worker threads; the rest wait their turn.
_AT_ONCE = anyio.CapacityLimiter(8)


def provider_of(request: Request) -> organisation_sign_in.Provider | None:
    """The provider the operator configured, None when there is none (set by `web/app.py`)."""
    provider: organisation_sign_in.Provider | None = getattr(request.app.state, "organisation_sign_in", None)
    return provider


def _secure(request: Request) -> bool:
    # Behind a reverse proxy that ends TLS the app sees plain HTTP: the installation's address says.
    return request.url.scheme == "https" or os.environ.get("FOLLOWUP_BASE_URL", "").startswith("https://")


def _base_url(request: Request) -> str:
    # The address the provider sends the browser back to must be the one registered there.
    return (os.environ.get("FOLLOWUP_BASE_URL") or str(request.base_url)).rstrip("/")


def _pending_cookie(request: Request, value: str, max_age: int) -> str:
    secure = "; Secure" if _secure(request) else ""
    return f"{PENDING_COOKIE}={value}; Path={PATH}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"


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
                redirect_uri=_base_url(request) + CALLBACK,
                next=rendering.local_path(next),
                invitation=invitation[:200],
                now=now,
            ),
            limiter=_AT_ONCE,
        )
    except FollowupError as exc:
        return _refused(request, exc)
    text = base64.urlsafe_b64encode(started.pending.as_text().encode()).decode().rstrip("=")
    # A page that forwards, not a redirect: the form's page allows forms to post only to this site
    # (CSP form-action 'self'), and browsers hold a redirect after a form to that too.
    context = {"url": started.url, "label": provider.label}
    response = rendering.page(request, "accounts_to_provider.html", context, title=f"Signing in with {provider.label}")
    response.headers["Cache-Control"] = "no-store"
    value = web_state(request).keys.signed(_PURPOSE, text)
    response.headers.append("set-cookie", _pending_cookie(request, value, _PENDING_SECONDS))
    return response


def _pending(request: Request) -> organisation_sign_in.Pending | None:
    text = web_state(request).keys.unsigned(_PURPOSE, request.cookies.get(PENDING_COOKIE))
    if text is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except ValueError:
        return None
    return organisation_sign_in.Pending.from_text(raw)


@router.get(CALLBACK)
async def come_back(request: Request, state: str = "", code: str = "", error: str = "") -> Response:
    provider = provider_of(request)
    assert provider is not None  # this router is there only with a provider (web/app.py)
    pending = _pending(request)
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
        response.headers.append("set-cookie", account_cookie(signed.token, secure=_secure(request), max_age=max_age))
    # Used or refused, this sign-in is over: its state opens nothing a second time.
    response.headers.append("set-cookie", _pending_cookie(request, "", 0))
    return response
