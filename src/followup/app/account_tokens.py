"""A hosted account's own calendar address and API token.

The single-user app derives one calendar token and one API token from the installation's key
(`web/keys.py`); in a hosted installation those sign nobody in. Each account has its own instead,
made when it asks for one on its Settings page, and replaced by "make a new one": the old token
stops working at once, in every web process, because each request reads the one stored.

A token is `<owner>.<random>`: the owner part says which account's stored token to compare with
(a lookup by primary key, not a search through every account's), the random part (256 bits) is
the secret. The account id it shows is no secret: it is in a coach's addresses already.

Stored encrypted with the server's key in `owner_secret` (`app/stored_secrets.py`), like a mail
password, so that the Settings page can show it again and `server rotate-key` re-encrypts it;
unlike a mail password it is shown back, to its own account only, because showing it is its
purpose. It is never logged. A token signs its account in only while the account is enabled:
disabling the account stops both at once, enabling it again starts them again.

What a token reaches: the calendar token, the account's own feed (its follow-ups and interviews);
the API token, `/api/v1` as that account, through the same owner checks and row security as its
pages (the web layer decides which paths, `web/security.py`).
"""

from __future__ import annotations

import dataclasses
import hmac
import logging
import secrets

from followup.app import stored_secrets
from followup.app.context import Env
from followup.domain.accounts import Account
from followup.errors import InvalidInput, SettingsError
from followup.store import accounts as account_rows

log = logging.getLogger("followup.accounts")

CALENDAR = "calendar"
API = "api"
KINDS = (CALENDAR, API)
# owner_secret's service for each; one token of each kind per account, under this name.
_SERVICES = {CALENDAR: "followup-calendar-feed", API: "followup-api-token"}
_NAME = "token"
_LONGEST = 200  # a longer "token" is nobody's: refused before any lookup


def _service(kind: str) -> str:
    if kind not in _SERVICES:
        raise InvalidInput("there is no such token", hint="Choose the API token or the calendar address.")
    return _SERVICES[kind]


def current(env: Env, kind: str) -> str | None:
    """This account's token of `kind`, or None while it has not made one."""
    return stored_secrets.read(env, _service(kind), _NAME)


def make_new(env: Env, kind: str) -> str:
    """A new token of `kind` for this account; the one before stops working at once."""
    service = _service(kind)
    token = f"{env.owner}.{secrets.token_urlsafe(32)}"
    stored_secrets.keep(env, service, _NAME, token)
    return token


def account_of(env: Env, kind: str, token: str | None) -> Account | None:
    """The enabled account whose token of `kind` this is, or None (malformed, unknown, replaced, disabled).

    `env` is the installation's; the account's row security is bound for the one lookup it needs.
    """
    service = _service(kind)
    if not token or len(token) > _LONGEST:
        return None
    owner_text, dot, secret = token.partition(".")
    if not dot or not secret or not owner_text.isdecimal() or len(owner_text) > 18:
        return None
    owner = int(owner_text)
    account = account_rows.account_by_owner(env.store, owner)
    if account is None or account.disabled:
        return None
    # Only the store differs: reading one secret needs the account's rows, not its settings.
    as_owner = dataclasses.replace(env, store=dataclasses.replace(env.store, owner=owner))
    try:
        stored = stored_secrets.read(as_owner, service, _NAME)
    except SettingsError as exc:  # no server key, or a key removed too early: the operator's to fix
        log.error("an account's %s token cannot be checked: %s", kind, exc.message)
        return None
    if stored is None or not hmac.compare_digest(stored.encode(), token.encode()):
        return None
    return account
