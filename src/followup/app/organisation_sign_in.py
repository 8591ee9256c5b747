"""Signing in with the organisation's OpenID Connect provider (hosted mode, optional).

The operator turns it on with FOLLOWUP_OIDC_ISSUER, FOLLOWUP_OIDC_CLIENT_ID and the client secret
(FOLLOWUP_OIDC_CLIENT_SECRET, or a file named by FOLLOWUP_OIDC_CLIENT_SECRET_FILE); docs/hosting.md
says how. The protocol and its checks are `followup.openid.client`'s; this module decides what a
person the provider vouches for may open:

- The provider must say the address is verified (`email_verified` true): an address anyone may
  type at an open provider proves nothing.
- The first sign-in links the account to the provider's `sub`, its stable id for the person; from
  then on `sub` decides, so an address changed at the provider keeps its account, and an account
  already linked to one person of the provider is never opened by another who merely has its
  address now.
- Only people already invited (the default, FOLLOWUP_OIDC_INVITED_ONLY=yes): the identity opens the
  account with its verified address, or accepts the open invitation for that address, with the
  role it was made for. Any other address gets a page that says so, and no account. With `no`,
  every verified address of the provider that has no account becomes a job seeker's.
- An invitation link can be accepted with the provider too, for the invited address only.
- A sign-in so started is good for 10 minutes and once: its state, nonce and PKCE verifier are
  kept by the browser that started it (the web layer signs them), and the provider takes a code once.

Accounts made this way have no password (`NO_PASSWORD` matches none); "Forgot your password?" gives
them one if they want it. Nothing here is logged with a secret: the client secret is in no repr.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from followup.app import accounts
from followup.app.context import Env
from followup.domain.accounts import SEEKER, Account, fold_email
from followup.errors import FollowupError, NotAllowed, SettingsError, SignInRefused
from followup.openid import client as openid
from followup.store import accounts as rows

log = logging.getLogger("followup.accounts")

ISSUER = "FOLLOWUP_OIDC_ISSUER"
CLIENT_ID = "FOLLOWUP_OIDC_CLIENT_ID"
CLIENT_SECRET = "FOLLOWUP_OIDC_CLIENT_SECRET"
CLIENT_SECRET_FILE = "FOLLOWUP_OIDC_CLIENT_SECRET_FILE"
LABEL = "FOLLOWUP_OIDC_LABEL"
INVITED_ONLY = "FOLLOWUP_OIDC_INVITED_ONLY"
VARIABLES = (ISSUER, CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_FILE, LABEL, INVITED_ONLY)
# Long enough to type a password and answer a second factor at the provider; short enough that
# a sign-in left half done in a shared computer's browser is soon worth nothing.
PENDING_LIFE = timedelta(minutes=10)
# Stored as the password hash of an account made through the provider: argon2 matches no password to it.
NO_PASSWORD = "!no password: signs in with the organisation's provider"
_YES = ("yes", "true", "1", "on")
_NO = ("no", "false", "0", "off")


class SignInServiceDown(FollowupError):
    """The organisation's provider did not answer, or not as OpenID Connect says it should."""

    exit_code = 13
    http_status = 503


@dataclass(frozen=True)
class Provider:
    """The operator's settings: which provider, this installation's client there, and who may sign in."""

    client: openid.Client
    label: str  # "Sign in with <label>"
    invited_only: bool = True


def from_environment(environ: Mapping[str, str] | None = None) -> Provider | None:
    """The provider the operator configured, None when none is; a half-done setting is a SettingsError."""
    values = os.environ if environ is None else environ
    issuer = values.get(ISSUER, "").strip()
    if not issuer:
        others = [name for name in VARIABLES[1:] if values.get(name, "").strip()]
        if others:
            raise SettingsError(
                f"{others[0]} is set but {ISSUER} is not",
                where=ISSUER,
                hint="Set the provider's issuer URL too, or unset the FOLLOWUP_OIDC_* variables (docs/hosting.md).",
            )
        return None
    problem = openid.address_problem(issuer)
    if problem:
        raise SettingsError(f"{issuer!r} {problem}", where=ISSUER, hint="Give the issuer URL the provider shows.")
    client_id = values.get(CLIENT_ID, "").strip()
    if not client_id:
        raise SettingsError(
            "the client id is missing", where=CLIENT_ID, hint="Give the client id the provider made for followup."
        )
    secret = openid.client_secret(values, CLIENT_SECRET, CLIENT_SECRET_FILE)
    label = " ".join(values.get(LABEL, "").split())[:60] or (urlsplit(issuer).hostname or issuer)
    invited_only = values.get(INVITED_ONLY, "yes").strip().lower() or "yes"
    if invited_only not in _YES + _NO:
        raise SettingsError(
            f"{invited_only!r} is neither yes nor no", where=INVITED_ONLY, hint="Write yes (the default) or no."
        )
    return Provider(openid.Client(issuer, client_id, secret), label, invited_only in _YES)


# -- starting ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending(openid.Pending):
    """A sign-in under way, kept by the browser that started it (signed by the web layer)."""

    next: str  # the page to open once signed in
    invitation: str  # the invitation link's token when started from it, else ""


@dataclass(frozen=True)
class Started:
    url: str  # where to send the browser: the provider's sign-in
    pending: Pending


def _down(provider: Provider, problem: Exception) -> SignInServiceDown:
    log.warning("signing in with %s failed: %s", provider.client.issuer, problem)
    return SignInServiceDown(
        f"{provider.label} is not answering right now",
        hint="Try again in a few minutes, or sign in with your e-mail address and password.",
    )


def begin(provider: Provider, *, redirect_uri: str, next: str, invitation: str, now: datetime) -> Started:
    """Where to send the browser, and what it must keep until it comes back (reads the provider's
    discovery document: call it off the event loop)."""
    try:
        found = openid.endpoints(provider.client)
    except openid.ProviderUnreachable as exc:
        raise _down(provider, exc) from None
    pending = Pending.leaving(redirect_uri=redirect_uri, now=now, next=next, invitation=invitation)
    url = openid.authorization_url(
        provider.client,
        found,
        redirect_uri=redirect_uri,
        state=pending.state,
        nonce=pending.nonce,
        verifier=pending.verifier,
    )
    return Started(url, pending)


# -- coming back ------------------------------------------------------------------------------------


def _start_again(message: str) -> SignInRefused:
    return SignInRefused(message, hint="Start again from the sign-in page.")


def identity_of(
    provider: Provider, pending: Pending | None, *, state: str, code: str, error: str, now: datetime
) -> openid.Identity:
    """Whom the provider vouches for, from what the browser brought back (calls the provider:
    off the event loop). Every way it can go wrong is a FollowupError in the person's words."""
    if pending is None:
        raise _start_again("This sign-in did not start in this browser, or it was already used")
    if not state or not hmac.compare_digest(state.encode(), pending.state.encode()):
        # Another browser's sign-in, a link someone sent, or an old one: never finish it here.
        raise _start_again("This sign-in did not start in this browser, or it was already used")
    if pending.too_old(now, PENDING_LIFE):
        raise _start_again(f"This sign-in took more than {int(PENDING_LIFE.total_seconds() // 60)} minutes")
    if error:
        if error == "access_denied":
            raise SignInRefused(
                f"You cancelled signing in with {provider.label}",
                hint="Sign in again when you are ready, or use your e-mail address and password.",
            )
        log.warning("signing in with %s: the provider answered %r", provider.client.issuer, error[:80])
        raise SignInRefused(
            f"{provider.label} could not sign you in ({error[:80]})",
            hint="Try again; if it keeps happening, tell your careers service.",
        )
    if not code:
        raise _start_again(f"{provider.label} sent the browser back without a sign-in")
    try:
        found = openid.endpoints(provider.client)
        return openid.identity(
            provider.client,
            found,
            redirect_uri=pending.redirect_uri,
            code=code,
            verifier=pending.verifier,
            nonce=pending.nonce,
            now=now,
        )
    except openid.ProviderUnreachable as exc:
        raise _down(provider, exc) from None
    except openid.ProviderRefused as exc:
        log.warning("signing in with %s: the token endpoint refused the code: %s", provider.client.issuer, exc.error)
        if exc.error == "invalid_client":
            raise SignInServiceDown(
                f"{provider.label} does not accept this installation's client id or secret",
                hint="Tell your careers service: the operator's settings need a look (docs/hosting.md).",
            ) from None
        raise _start_again(f"{provider.label} did not accept this sign-in ({exc.error})") from None
    except openid.TokenRejected as exc:
        log.warning("signing in with %s: an id_token was refused: %s", provider.client.issuer, exc)
        raise _start_again(f"{provider.label}'s answer did not pass followup's checks ({exc})") from None


def sign_in(env: Env, provider: Provider, identity: openid.Identity, invitation: str = "") -> accounts.SignedIn:
    """A session for the account this identity opens, made or linked as the module's rules say."""
    if not identity.email_verified or not identity.email:
        raise SignInRefused(
            f"{provider.label} has not confirmed your e-mail address",
            hint=f"Confirm it at {provider.label} first, or sign in with your e-mail address and password.",
        )
    email = fold_email(identity.email)
    now = env.clock().astimezone(UTC).replace(microsecond=0)  # stored times are whole seconds
    with env.store.transaction():
        if invitation:
            invited, _role = accounts.invitation_for(env, invitation)
            if invited != email:
                raise NotAllowed(
                    f"This invitation is for {invited}, but {provider.label} signed you in as {email}",
                    hint=f"Sign in at {provider.label} as {invited}, or set a password below to join.",
                )
        account = _account_for(env, provider, identity, email, now)
        if account.disabled:
            raise SignInRefused("This account is disabled.", hint="Ask your careers service if you need it again.")
        token = accounts.start_session(env, account.owner_id)
    log.info("account %s signed in with %s", account.owner_id, provider.client.issuer)
    return accounts.SignedIn(account, token)


@dataclass(frozen=True)
class SignInWays:
    """How an account signs in, for "Your account"."""

    provider: str | None  # the provider's name when the account is linked to the configured provider
    password: bool  # False for an account made through the provider that never chose a password


def sign_in_ways(env: Env, account: Account, provider: Provider | None) -> SignInWays:
    linked = rows.identity_of(env.store, account.owner_id)
    with_provider = provider is not None and linked is not None and linked[0] == provider.client.issuer
    stored = rows.password_hash_of(env.store, account.owner_id)
    return SignInWays(provider.label if provider and with_provider else None, stored not in (None, NO_PASSWORD))


def _account_for(env: Env, provider: Provider, identity: openid.Identity, email: str, now: datetime) -> Account:
    store = env.store
    linked = rows.owner_of_identity(store, identity.issuer, identity.subject)
    if linked is not None:
        account = rows.account_by_owner(store, linked)
        if account is not None:
            return account
    account = rows.account_by_email(store, email)
    if account is not None:
        already = rows.identity_of(store, account.owner_id)
        if already is not None and already[0] == identity.issuer and already[1] != identity.subject:
            raise NotAllowed(
                f"{email} is linked to another person's sign-in at {provider.label}",
                hint="Sign in with your e-mail address and password, or ask your careers service.",
            )
        rows.link_identity(store, account.owner_id, identity.issuer, identity.subject)
        return account
    invited = rows.open_invitation_for(store, email, now)
    if invited is not None:
        token_hash, role = invited
        if not rows.invitation_accepted(store, token_hash, now):
            raise SignInRefused("This invitation was just used", hint="Sign in again.")
    elif provider.invited_only:
        raise NotAllowed(
            f"{email} has no account here, and no invitation",
            hint="Ask your careers service to invite this address, then sign in again.",
        )
    else:
        role = SEEKER
    made = rows.add_account(
        store, email=email, name=" ".join(identity.name.split())[:200], role=role, password_hash=NO_PASSWORD, now=now
    )
    rows.link_identity(store, made.owner_id, identity.issuer, identity.subject)
    log.info("account %s was made at its first sign-in with %s", made.owner_id, provider.client.issuer)
    return made
