"""Hosted mode's own pages: sign in and out, join by invitation, a forgotten password, "Your account"
(password, coaches) and, for administrators, "Accounts" (invite, list, disable, counts).

Included only when the database is a hosted installation (`web/app.py`); the local app keeps
its own /login (`pages/login.py`). Every form works without JavaScript and carries the CSRF
token like every other form. Signing in sets the account session cookie
(`security.account_cookie`); the security middleware reads it on every request and puts the
account in the scope (`security.ACCOUNT_KEY`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from followup.app import accounts, organisation_sign_in
from followup.app.context import Env, in_own_env
from followup.domain.accounts import Account
from followup.errors import FollowupError, TooManyTries
from followup.web import rendering
from followup.web.app import base_url, over_https, web_state
from followup.web.pages.organisation_sign_in import provider_of
from followup.web.security import ACCOUNT_COOKIE, ACCOUNT_KEY, account_cookie

router = APIRouter(include_in_schema=False)
log = logging.getLogger("followup.accounts")
SESSION_SECONDS = int(accounts.SESSION_LIFE.total_seconds())
T = TypeVar("T")
# argon2 takes 64 MiB and a core for a moment: a few at once keep memory and the CPU for the rest.
_HASHING_AT_ONCE = anyio.CapacityLimiter(2)


def _env(request: Request) -> Env:
    # The installation's own rows (accounts, sessions): not one owner's data.
    return web_state(request).env


async def _hashing(request: Request, work: Callable[[Env], T]) -> T:
    """Run a use case that hashes or checks a password in a worker thread, on its own connection,
    so that a sign-in never holds up other people's pages."""
    return await anyio.to_thread.run_sync(in_own_env, _env(request), work, limiter=_HASHING_AT_ONCE)


def _client(request: Request) -> str:
    """The client's address, for the limit on failed sign-ins.

    Listening on loopback only, every peer is this machine: a hosted installation's reverse
    proxy, which names the real client last in X-Forwarded-For. Without this, every failure
    would count against the proxy's one address, and 20 of them would lock everyone out."""
    peer = request.client.host if request.client else "?"
    forwarded = request.headers.get("x-forwarded-for", "")
    if forwarded and not web_state(request).guard.beyond_loopback:
        nearest = forwarded.rsplit(",", 1)[-1].strip()
        if nearest:
            return nearest[:64]
    return peer


def _account(request: Request) -> Account:
    account: Account = request.scope[ACCOUNT_KEY]  # the middleware lets no one without it past
    return account


def _signed_in(request: Request, token: str, target: str) -> Response:
    response = RedirectResponse(rendering.local_path(target), status_code=303)
    response.headers.append("set-cookie", account_cookie(token, secure=over_https(request), max_age=SESSION_SECONDS))
    response.headers["Cache-Control"] = "no-store"
    return response


def _sign_in_with(request: Request) -> str | None:
    """The organisation's provider's name for its "Sign in with" button, None when there is none."""
    provider = provider_of(request)
    return provider.label if provider is not None else None


def _problem(exc: FollowupError) -> str:
    where = f"{exc.where}: " if exc.where else ""
    return f"{where}{exc.message}." + (f" {exc.hint}" if exc.hint else "")


# -- signing in and out -----------------------------------------------------------------------------


@router.get("/login")
async def sign_in_form(request: Request, next: str | None = None) -> Response:
    if request.scope.get(ACCOUNT_KEY) is not None:
        return RedirectResponse(rendering.local_path(next), status_code=303)
    context = {
        "next": rendering.local_path(next),
        "email": "",
        "problem": None,
        "hint": None,
        "sign_in_with": _sign_in_with(request),
    }
    return rendering.page(request, "accounts_sign_in.html", context, title="Sign in")


@router.post("/login")
async def sign_in(request: Request, email: str = Form(""), password: str = Form(""), next: str = Form("/")) -> Response:
    target = rendering.local_path(next)
    shown = {"next": target, "email": email, "sign_in_with": _sign_in_with(request)}
    try:
        client = _client(request)
        signed = await _hashing(request, lambda env: accounts.sign_in(env, email, password, client))
    except TooManyTries as exc:
        context = {**shown, "problem": exc.message, "hint": exc.hint}
        response = rendering.page(request, "accounts_sign_in.html", context, title="Sign in", status=429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except FollowupError as exc:
        context = {**shown, "problem": exc.message, "hint": exc.hint}
        return rendering.page(request, "accounts_sign_in.html", context, title="Sign in", status=exc.http_status)
    return _signed_in(request, signed.token, target)


@router.post("/logout")
async def sign_out(request: Request) -> Response:
    accounts.sign_out(_env(request), request.cookies.get(ACCOUNT_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.headers.append("set-cookie", account_cookie("", secure=over_https(request), max_age=0))
    return response


# -- joining by invitation --------------------------------------------------------------------------


@router.get("/join")
async def join_form(request: Request, token: str = "") -> Response:
    try:
        email, role = accounts.invitation_for(_env(request), token)
    except FollowupError as exc:
        context = {"heading": "This link does not open", "problem": exc.message, "hint": exc.hint}
        return rendering.page(request, "accounts_link_gone.html", context, title="Join", status=exc.http_status)
    context = {
        "token": token,
        "email": email,
        "role": role,
        "name": "",
        "problem": None,
        "sign_in_with": _sign_in_with(request),
    }
    return rendering.page(request, "accounts_join.html", context, title="Join")


@router.post("/join")
async def join(
    request: Request,
    token: str = Form(""),
    name: str = Form(""),
    password: str = Form(""),
    password_again: str = Form(""),
) -> Response:
    env = _env(request)
    try:
        email, role = accounts.invitation_for(env, token)
    except FollowupError as exc:
        gone = {"heading": "This link does not open", "problem": exc.message, "hint": exc.hint}
        return rendering.page(request, "accounts_link_gone.html", gone, title="Join", status=exc.http_status)
    context: dict[str, Any] = {
        "token": token,
        "email": email,
        "role": role,
        "name": name,
        "problem": None,
        "sign_in_with": _sign_in_with(request),
    }
    if password != password_again:
        context["problem"] = "The two passwords differ. Type the same one twice."
        return rendering.page(request, "accounts_join.html", context, title="Join", status=422)
    try:
        client = _client(request)

        def accept(own: Env) -> accounts.SignedIn:
            accounts.accept_invitation(own, token, name, password)
            return accounts.sign_in(own, email, password, client)

        signed = await _hashing(request, accept)
    except FollowupError as exc:
        context["problem"] = _problem(exc)
        return rendering.page(request, "accounts_join.html", context, title="Join", status=exc.http_status)
    return _signed_in(request, signed.token, "/")


# -- a forgotten password ---------------------------------------------------------------------------


@router.get("/forgot")
async def forgot_form(request: Request) -> Response:
    return rendering.page(request, "accounts_forgot.html", {"sent": False, "problem": None}, title="Forgot password")


@router.post("/forgot")
async def forgot(request: Request, email: str = Form("")) -> Response:
    try:
        accounts.request_reset(_env(request), email, base_url(request))
    except FollowupError as exc:  # the server's mail is not set up: the same for every address
        context = {"sent": False, "problem": _problem(exc)}
        return rendering.page(request, "accounts_forgot.html", context, title="Forgot password", status=503)
    return rendering.page(request, "accounts_forgot.html", {"sent": True, "problem": None}, title="Forgot password")


@router.get("/reset")
async def reset_form(request: Request, token: str = "") -> Response:
    if not accounts.reset_is_open(_env(request), token):
        context = {
            "heading": "This link does not open",
            "problem": "This password reset link has expired or was already used.",
            "hint": "Ask for a new one with “Forgot your password?”.",
        }
        return rendering.page(request, "accounts_link_gone.html", context, title="New password", status=401)
    return rendering.page(request, "accounts_reset.html", {"token": token, "problem": None}, title="New password")


@router.post("/reset")
async def reset(
    request: Request, token: str = Form(""), password: str = Form(""), password_again: str = Form("")
) -> Response:
    if password != password_again:
        context = {"token": token, "problem": "The two passwords differ. Type the same one twice."}
        return rendering.page(request, "accounts_reset.html", context, title="New password", status=422)
    try:
        await _hashing(request, lambda env: accounts.reset_password(env, token, password))
    except FollowupError as exc:
        context = {"token": token, "problem": _problem(exc)}
        return rendering.page(request, "accounts_reset.html", context, title="New password", status=exc.http_status)
    response = RedirectResponse("/login", status_code=303)
    rendering.set_flash(response, "Your new password is set. Sign in with it; you were signed out everywhere.")
    return response


# -- your account -----------------------------------------------------------------------------------


def _account_page(
    request: Request, problem: str | None = None, where: str | None = None, status: int = 200
) -> Response:
    account = _account(request)
    context = {
        "me": account,
        "coaches": accounts.coaches(_env(request), account) if account.is_seeker else [],
        "ways": organisation_sign_in.sign_in_ways(_env(request), account, provider_of(request)),
        "problem": problem,
        "problem_where": where,
    }
    return rendering.page(request, "account.html", context, title="Your account", active="account", status=status)


@router.get("/account")
async def account_page(request: Request) -> Response:
    return _account_page(request)


@router.post("/account/password")
async def change_password(
    request: Request, current: str = Form(""), password: str = Form(""), password_again: str = Form("")
) -> Response:
    try:
        me = _account(request)
        token = await _hashing(
            request, lambda env: accounts.change_password(env, me, current, password, confirm=password_again)
        )
    except FollowupError as exc:
        return _account_page(request, _problem(exc), "password", exc.http_status)
    response = _signed_in(request, token, "/account")
    rendering.set_flash(response, "Password changed. Every other browser signed in to this account is signed out.")
    return response


@router.post("/account/coaches")
async def add_coach(request: Request, email: str = Form("")) -> Response:
    try:
        coach = accounts.add_coach(_env(request), _account(request), email)
    except FollowupError as exc:
        return _account_page(request, _problem(exc), "coaches", exc.http_status)
    response = RedirectResponse("/account", status_code=303)
    rendering.set_flash(response, f"{coach.shown_name} can now see your applications and agenda.")
    return response


@router.post("/account/coaches/remove")
async def remove_coach(request: Request, email: str = Form("")) -> Response:
    try:
        accounts.remove_coach(_env(request), _account(request), email)
    except FollowupError as exc:
        return _account_page(request, _problem(exc), "coaches", exc.http_status)
    response = RedirectResponse("/account", status_code=303)
    rendering.set_flash(response, f"{email} no longer sees your applications.")
    return response


# -- accounts (administrators) ----------------------------------------------------------------------


def _admin_page(
    request: Request,
    *,
    invited: accounts.Invitation | None = None,
    delivery: accounts.Delivery | None = None,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    env = _env(request)
    admin = _account(request)
    context = {
        "me": admin,
        "figures": accounts.figures(env, admin),
        "people": accounts.list_accounts(env, admin),
        "pending": accounts.pending_invitations(env, admin),
        "invited": invited,
        "mailed": delivery is not None and delivery.sent,
        "not_mailed_because": delivery.problem if delivery is not None else None,
        # Shown only when it did not go out by mail: then the administrator passes it on by hand.
        "invite_link": accounts.join_link(base_url(request), invited)
        if invited and not (delivery and delivery.sent)
        else None,
        "problem": problem,
    }
    return rendering.page(request, "accounts_admin.html", context, title="Accounts", active="accounts", status=status)


async def _mailed(request: Request, made: accounts.Invitation) -> accounts.Delivery:
    # The SMTP server may take its time (up to its timeout): not on the event loop, which serves everyone.
    delivery = await anyio.to_thread.run_sync(accounts.mail_invitation, _account(request), made, base_url(request))
    if not delivery.sent:
        # For the operator too: a server whose outgoing mail fails fails every invitation. Never the link.
        log.warning("an invitation was not mailed: %s", delivery.problem)
    return delivery


@router.get("/accounts")
async def admin_page(request: Request) -> Response:
    return _admin_page(request)


@router.post("/accounts/invite")
async def invite(request: Request, email: str = Form(""), role: str = Form("seeker")) -> Response:
    return await _invitation_page(request, lambda: accounts.invite(_env(request), _account(request), email, role))


@router.post("/accounts/resend")
async def resend(request: Request, email: str = Form("")) -> Response:
    """Send a waiting invitation again, with a new link (the database keeps only the old one's hash)."""
    return await _invitation_page(request, lambda: accounts.resend_invitation(_env(request), _account(request), email))


async def _invitation_page(request: Request, make: Callable[[], accounts.Invitation]) -> Response:
    """The Accounts page after an invitation is made (or made again) and mailed, or with why it was not."""
    try:
        made = make()
    except FollowupError as exc:
        if not _account(request).is_admin:
            raise
        return _admin_page(request, problem=_problem(exc), status=exc.http_status)
    return _admin_page(request, invited=made, delivery=await _mailed(request, made))


@router.post("/accounts/disable")
async def disable(request: Request, email: str = Form("")) -> Response:
    try:
        done = accounts.disable(_env(request), _account(request), email)
    except FollowupError as exc:
        if not _account(request).is_admin:
            raise
        return _admin_page(request, problem=_problem(exc), status=exc.http_status)
    response = RedirectResponse("/accounts", status_code=303)
    rendering.set_flash(response, f"{done.email} is disabled and signed out everywhere.")
    return response


@router.post("/accounts/enable")
async def enable(request: Request, email: str = Form("")) -> Response:
    done = accounts.enable(_env(request), _account(request), email)
    response = RedirectResponse("/accounts", status_code=303)
    rendering.set_flash(response, f"{done.email} can sign in again.")
    return response
