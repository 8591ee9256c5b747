"""Connect your mailbox: a hosted seeker's mailbox at Google or Microsoft 365, opened by OAuth (XOAUTH2).

Those providers take no password for IMAP and SMTP from an app: they want an access token, which
the single-user app gets from a command (`oauth2_command`). No command runs on a server, so the
operator registers this installation once as a client of the provider (the variables below,
docs/hosting.md) and each seeker connects their mailbox from Settings → Mail:

- The authorization code flow with PKCE, state and nonce (`followup.openid.client`), started by a
  form of the signed-in account and kept by the browser that started it, with the account's id:
  the way back finishes only in that browser, for that account, once, within 10 minutes.
- The mailbox's address is the `email` of the id_token, once its signature, issuer, audience,
  expiry and nonce are checked. `email_verified` is not required (Microsoft's id_tokens do not carry
  it): the access token only ever opens the mailbox of the person who consented, so an address that
  is not theirs connects nothing, and no account of followup is opened by it.
- The refresh token is kept encrypted (`stored_secrets`, service `MAIL_CONNECTION`, named by the
  address), together with the last access token and its expiry in one row: workers on many
  machines reuse a token until a minute before it expires instead of each asking for a new one,
  and a refresh token the provider rotates replaces the old one in the same write.
- Every connection (sync, Send, the digest, "Test the connection") asks `for_connection` for the
  account with an access token handed over as `typed_token`; nothing else of it ever leaves here.
- A refresh token the provider no longer takes (`invalid_grant`: revoked by the person, expired,
  the password changed) ends the connection: it is forgotten, the row says when it ended, and
  every later use is the same clear error ("connect your mailbox again") without calling the
  provider, rather than a worker asking it again every few minutes.

Operator's variables (FOLLOWUP_SERVER_MAIL_OAUTH_*, the installation's own: `mail_account.installation_variable`):
ISSUER, CLIENT_ID, CLIENT_SECRET or CLIENT_SECRET_FILE, and optionally LABEL, SCOPE, IMAP and SMTP
(host[:port]), IMAP_SECURITY and SMTP_SECURITY. Google's and Microsoft's issuers bring their scope,
servers and what their consent screen needs (`GOOGLE`, `MICROSOFT`); any other provider names SCOPE and IMAP.
Of two processes finding the access token expired, one refreshes it and the other waits for its
token (`served.token_refresh_lock`).
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeGuard

from followup.app import stored_secrets
from followup.app.context import Env
from followup.app.mail_account import (
    ConnectionReport,
    Step,
    all_accounts,
    find_account,
    remove_account,
    save_account,
    try_connection,
)
from followup.errors import FollowupError, SettingsError
from followup.mail.accounts import IMAP_PORTS, PORTS, SMTP_PORTS, MailAccount, plain_text_allowed
from followup.openid import client as openid
from followup.store import served

log = logging.getLogger("followup.mail")

PREFIX = "FOLLOWUP_SERVER_MAIL_OAUTH_"
ISSUER = PREFIX + "ISSUER"
CLIENT_ID = PREFIX + "CLIENT_ID"
CLIENT_SECRET = PREFIX + "CLIENT_SECRET"
CLIENT_SECRET_FILE = PREFIX + "CLIENT_SECRET_FILE"
LABEL = PREFIX + "LABEL"
SCOPE = PREFIX + "SCOPE"
IMAP = PREFIX + "IMAP"
SMTP = PREFIX + "SMTP"
IMAP_SECURITY = PREFIX + "IMAP_SECURITY"
SMTP_SECURITY = PREFIX + "SMTP_SECURITY"
VARIABLES = (
    ISSUER, CLIENT_ID, CLIENT_SECRET, CLIENT_SECRET_FILE, LABEL, SCOPE, IMAP, SMTP, IMAP_SECURITY, SMTP_SECURITY,
)  # fmt: skip
# One row per connected mailbox: the refresh token, the last access token and its expiry (see the docstring).
MAIL_CONNECTION = "followup-mail-connection"
PENDING_LIFE = timedelta(minutes=10)  # as a sign-in: time to consent, short enough to be worth nothing later
# An access token this close to its expiry is not handed out: a sync must not lose it halfway through.
MARGIN = timedelta(seconds=60)
# When a provider does not say how long its access token lives: shorter than any known provider's hour.
DEFAULT_LIFE = 600
# A connected mailbox's servers are the operator's: what its "Test the connection" says when one fails.
OPERATORS_SERVERS = "Try again in a few minutes; if it keeps failing, tell your careers service (they set the servers)."
ACCOUNT_NAME = "mailbox"  # the first connected mailbox's name in the settings; then mailbox-2, ...


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str  # tls, starttls or none (loopback only)


@dataclass(frozen=True)
class Preset:
    label: str
    scope: str
    imap: Server
    smtp: Server
    extra: tuple[tuple[str, str], ...] = ()


GOOGLE = Preset(
    "Google",
    "openid email https://mail.google.com/",
    Server("imap.gmail.com", 993, "tls"),
    Server("smtp.gmail.com", 465, "tls"),
    # Google grants a refresh token only when asked for offline access, and again only with consent asked.
    (("access_type", "offline"), ("prompt", "consent")),
)
MICROSOFT = Preset(
    "Microsoft 365",
    "openid email offline_access https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send",
    Server("outlook.office365.com", 993, "tls"),
    Server("smtp.office365.com", 587, "starttls"),
)


def preset_for(issuer: str) -> Preset | None:
    if issuer.rstrip("/") == "https://accounts.google.com":
        return GOOGLE
    if issuer.startswith("https://login.microsoftonline.com/"):
        return MICROSOFT
    return None


@dataclass(frozen=True)
class MailProvider:
    """The operator's settings: the provider, this installation's client there, and its mail servers."""

    client: openid.Client
    label: str  # "Connect your <label> mailbox"
    scope: str
    imap: Server
    smtp: Server | None  # None: connected mailboxes do not send
    extra: tuple[tuple[str, str], ...] = ()


class MailboxDisconnected(SettingsError):
    """The provider no longer accepts the mailbox's connection: only the seeker can connect it again."""


class MailProviderDown(FollowupError):
    """The provider did not answer while connecting (nothing was saved)."""

    exit_code = 13
    http_status = 503


class ConnectRefused(FollowupError):
    """Connecting did not finish: denied, foreign, replayed, expired or failed its checks (nothing was saved)."""

    exit_code = 4
    http_status = 400


# -- the operator's settings ------------------------------------------------------------------------


def from_environment(environ: Mapping[str, str] | None = None) -> MailProvider | None:
    """The configured provider, None when none is; a half-done setting is a SettingsError naming the variable."""
    values = os.environ if environ is None else environ

    def value(name: str) -> str:
        return values.get(name, "").strip()

    issuer = value(ISSUER)
    if not issuer:
        others = [name for name in VARIABLES[1:] if value(name)]
        if others:
            raise SettingsError(
                f"{others[0]} is set but {ISSUER} is not",
                where=ISSUER,
                hint=f"Set the mail provider's issuer URL too, or unset the {PREFIX}* variables (docs/hosting.md).",
            )
        return None
    problem = openid.address_problem(issuer)
    if problem:
        raise SettingsError(f"{issuer!r} {problem}", where=ISSUER, hint="Give the issuer URL the provider shows.")
    client_id = value(CLIENT_ID)
    if not client_id:
        raise SettingsError(
            "the client id is missing", where=CLIENT_ID, hint="Give the client id the provider made for followup."
        )
    secret = openid.client_secret(values, CLIENT_SECRET, CLIENT_SECRET_FILE, whose="the mail provider's")
    preset = preset_for(issuer)
    scope = " ".join(value(SCOPE).split()) or (preset.scope if preset else "")
    if not scope:
        raise SettingsError(
            "the scope is missing: only Google's and Microsoft's are known",
            where=SCOPE,
            hint="Give the scopes that let followup read and send mail with a token, starting with openid email.",
        )
    if not {"openid", "email"} <= set(scope.split()):
        raise SettingsError(
            f"the scope {scope!r} lacks openid or email",
            where=SCOPE,
            hint="followup learns the mailbox's address from the id_token's email: add openid email.",
        )
    imap = _server(values, IMAP, IMAP_SECURITY, preset.imap if preset else None, IMAP_PORTS)
    if imap is None:
        raise SettingsError(
            "the incoming mail server is missing: only Google's and Microsoft's are known",
            where=IMAP,
            hint="Give it as host[:port], like imap.example.com:993.",
        )
    smtp = _server(values, SMTP, SMTP_SECURITY, preset.smtp if preset else None, SMTP_PORTS)
    label = " ".join(value(LABEL).split())[:60] or (preset.label if preset else issuer)
    return MailProvider(
        openid.Client(issuer, client_id, secret), label, scope, imap, smtp, preset.extra if preset else ()
    )


def _server(
    values: Mapping[str, str], name: str, security_name: str, preset: Server | None, ports: Mapping[str, int]
) -> Server | None:
    text = values.get(name, "").strip()
    security = values.get(security_name, "").strip().lower()
    if not text and preset is None:
        if security:
            raise SettingsError(f"{security_name} is set but {name} is not", where=name, hint="Set both, or neither.")
        return None
    if not text:
        assert preset is not None
        host, port = preset.host, preset.port
        security = security or preset.security
    else:
        host, _, port_text = text.partition(":") if text.count(":") == 1 else (text, "", "")
        if not host or "/" in host or " " in host:
            raise SettingsError(f"{text!r} is not host[:port]", where=name, hint="For example imap.example.com:993.")
        port = 0
        if port_text:
            if not port_text.isdecimal() or int(port_text) not in PORTS:
                raise SettingsError(f"{port_text!r} is not a port number", where=name, hint="For example :993.")
            port = int(port_text)
    if not security:
        by_port = {number: kind for kind, number in ports.items() if kind != "none"}
        security = by_port.get(port, "tls")
    if security not in ("tls", "starttls", "none"):
        raise SettingsError(f"{security!r} is not tls, starttls or none", where=security_name, hint="Most use tls.")
    if security == "none" and not plain_text_allowed(host):
        raise SettingsError(
            "none sends the mail tokens unprotected: only for a server on this computer",
            where=security_name,
            hint="Use tls or starttls.",
        )
    return Server(host, port or ports[security], security)


# -- connecting -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending(openid.Pending):
    """A connection under way, kept by the browser that started it (signed by the web layer)."""

    owner: str  # the account that started it: the way back finishes for that account only


@dataclass(frozen=True)
class Started:
    url: str  # the provider's consent page
    pending: Pending


def _down(provider: MailProvider, problem: Exception) -> MailProviderDown:
    log.warning("connecting a mailbox with %s failed: %s", provider.client.issuer, problem)
    return MailProviderDown(
        f"{provider.label} is not answering right now, so your mailbox was not connected",
        hint="Try again in a few minutes.",
    )


def begin(provider: MailProvider, *, owner: int, redirect_uri: str, now: datetime) -> Started:
    """Where to send the browser, and what it must keep until it comes back (calls the provider)."""
    try:
        found = openid.endpoints(provider.client)
    except openid.ProviderUnreachable as exc:
        raise _down(provider, exc) from None
    pending = Pending.leaving(redirect_uri=redirect_uri, now=now, owner=str(owner))
    url = openid.authorization_url(
        provider.client,
        found,
        redirect_uri=redirect_uri,
        state=pending.state,
        nonce=pending.nonce,
        verifier=pending.verifier,
        scope=provider.scope,
        extra=dict(provider.extra),
    )
    return Started(url, pending)


def _start_again(message: str) -> ConnectRefused:
    return ConnectRefused(message, hint="Nothing was saved. Start again with “Connect your mailbox” below.")


def finish(
    env: Env, provider: MailProvider, pending: Pending | None, *, state: str, code: str, error: str, now: datetime
) -> MailAccount:
    """Check what the browser brought back, exchange the code and keep the connection (calls the provider)."""
    if pending is None or not state or not hmac.compare_digest(state.encode(), pending.state.encode()):
        # Another browser's or account's connection, a link someone sent, or one already finished.
        raise _start_again("This connection did not start in this browser, or it was already used")
    if pending.owner != str(env.owner):
        raise _start_again("This connection was started by another account")
    if pending.too_old(now, PENDING_LIFE):
        raise _start_again(f"Connecting took more than {int(PENDING_LIFE.total_seconds() // 60)} minutes")
    if error:
        if error == "access_denied":
            raise ConnectRefused(
                f"You did not allow followup to use your mailbox at {provider.label}",
                hint="Nothing was saved. Connect it again when you are ready.",
            )
        log.warning("connecting a mailbox with %s: the provider answered %r", provider.client.issuer, error[:80])
        raise _start_again(f"{provider.label} could not connect your mailbox ({error[:80]})")
    if not code:
        raise _start_again(f"{provider.label} sent the browser back without connecting")
    try:
        found = openid.endpoints(provider.client)
        identity, tokens = openid.exchange(
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
        log.warning(
            "connecting a mailbox with %s: the token endpoint refused the code: %s", provider.client.issuer, exc.error
        )
        if exc.error == "invalid_client":
            raise MailProviderDown(
                f"{provider.label} does not accept this installation's client id or secret",
                hint="Tell your careers service: the operator's settings need a look (docs/hosting.md).",
            ) from None
        raise _start_again(f"{provider.label} did not accept this connection ({exc.error})") from None
    except openid.TokenRejected as exc:
        log.warning("connecting a mailbox with %s: an id_token was refused: %s", provider.client.issuer, exc)
        raise _start_again(f"{provider.label}'s answer did not pass followup's checks ({exc})") from None
    if not identity.email or "@" not in identity.email:
        raise _start_again(f"{provider.label} did not say which mailbox this is (no e-mail address)")
    if tokens.refresh_token is None:
        raise MailProviderDown(
            f"{provider.label} granted access for an hour only, not until you disconnect",
            hint="Tell your careers service: the provider must grant offline access (docs/hosting.md).",
        )
    return _keep_connection(env, provider, identity.email, tokens, now)


def _keep_connection(env: Env, provider: MailProvider, email: str, tokens: openid.Tokens, now: datetime) -> MailAccount:
    accounts = all_accounts(env.config_path)
    existing = next((one for one in accounts if one.oauth2_server and one.imap_user == email), None)
    name = existing.name if existing else _free_name({one.name for one in accounts})
    account = MailAccount(
        name=name,
        email=existing.email if existing else email,
        imap_user=email,
        smtp_user=email,
        oauth2_server=True,
        auto_apply=existing.auto_apply if existing else False,
        folders=dict(existing.folders) if existing else {},
        **_servers(provider),
    )
    record = _record(provider, tokens, None, now)
    with env.store.transaction():
        save_account(env.config_path, account, new=existing is None)
        stored_secrets.keep(env, MAIL_CONNECTION, email, json.dumps(record))
    log.info("account %s connected a mailbox with %s", env.owner, provider.client.issuer)
    return account


def _free_name(taken: set[str]) -> str:
    number = 1
    while (name := ACCOUNT_NAME if number == 1 else f"{ACCOUNT_NAME}-{number}") in taken:
        number += 1
    return name


def _record(
    provider: MailProvider, tokens: openid.Tokens, before: dict[str, Any] | None, now: datetime
) -> dict[str, Any]:
    life = tokens.expires_in if tokens.expires_in is not None and tokens.expires_in > 0 else DEFAULT_LIFE
    return {
        "issuer": provider.client.issuer,
        # A provider that does not rotate sends no new refresh token: the one before stays good.
        "refresh": tokens.refresh_token or (before or {}).get("refresh", ""),
        "access": tokens.access_token,
        "expires": (now.astimezone(UTC) + timedelta(seconds=life)).isoformat(timespec="seconds"),
        "ended": "",
    }


# -- using it ---------------------------------------------------------------------------------------


def configured() -> MailProvider:
    """The provider of this process's environment, for a connection (a worker reads it like the web app)."""
    provider = from_environment()
    if provider is None:
        raise SettingsError(
            "this mailbox was connected through the careers service's mail provider, which is no longer set up",
            where=ISSUER,
            hint="Tell your careers service: the server's settings need a look (docs/hosting.md).",
        )
    return provider


def _read(env: Env, email: str) -> dict[str, Any] | None:
    text = stored_secrets.read(env, MAIL_CONNECTION, email)
    if text is None:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _ended(provider: MailProvider, account: MailAccount) -> MailboxDisconnected:
    return MailboxDisconnected(
        f"the connection to your mailbox {account.imap_user} at {provider.label} has ended",
        hint="Connect your mailbox again on the Settings page, under Mail.",
    )


def for_connection(env: Env, account: MailAccount, provider: MailProvider | None = None) -> MailAccount:
    """The account with a valid access token handed over (`typed_token`), refreshed when the one kept expired.

    MailboxDisconnected when the connection has ended; MailError when the provider does not answer
    (a network failure: the next try may work, and Send's job is retried).
    """
    provider = provider or configured()
    now = env.clock().astimezone(UTC)
    record = _read(env, account.imap_user)
    if not _standing(record, provider):
        raise _ended(provider, account)
    if _fresh(record, now):
        return _handing(provider, account, str(record["access"]))
    with served.token_refresh_lock(env.conn, env.owner, account.imap_user):
        # Read again under the lock: another process may have refreshed while this one waited.
        record = _read(env, account.imap_user)
        if not _standing(record, provider):
            raise _ended(provider, account)
        if _fresh(record, now):
            return _handing(provider, account, str(record["access"]))
        return _refreshed(env, provider, account, record, now)


def _refreshed(
    env: Env, provider: MailProvider, account: MailAccount, record: dict[str, Any], now: datetime
) -> MailAccount:
    from followup.mail.imap import MailError

    try:
        found = openid.endpoints(provider.client)
        tokens = openid.refresh(provider.client, found, str(record["refresh"]))
    except openid.ProviderUnreachable as exc:
        log.warning("refreshing a mailbox's token at %s failed: %s", provider.client.issuer, exc)
        raise MailError(
            f"{provider.label} did not answer when followup asked for access to {account.imap_user}",
            hint="Nothing was lost; followup tries again later.",
        ) from None
    except openid.ProviderRefused as exc:
        again = _read(env, account.imap_user)
        if again and again.get("refresh") != record.get("refresh") and _fresh(again, now):
            # Another process refreshed (and the provider rotated the token) meanwhile: use its token.
            return _handing(provider, account, str(again["access"]))
        if exc.error != "invalid_grant":
            log.warning("refreshing a mailbox's token at %s: %s", provider.client.issuer, exc.error)
            raise MailError(
                f"{provider.label} refused to refresh the access to {account.imap_user} ({exc.error})",
                hint="Tell your careers service if it keeps happening.",
            ) from None
        _end(env, account.imap_user, now)
        log.info(
            "account %s: the mailbox's connection at %s has ended (invalid_grant)", env.owner, provider.client.issuer
        )
        raise _ended(provider, account) from None
    fresh = _record(provider, tokens, record, now)
    stored_secrets.keep(env, MAIL_CONNECTION, account.imap_user, json.dumps(fresh))
    return _handing(provider, account, tokens.access_token)


def _standing(record: dict[str, Any] | None, provider: MailProvider | None = None) -> TypeGuard[dict[str, Any]]:
    """Whether a kept connection still holds a refresh token (not ended, not forgotten), of `provider`
    when given: tokens of another provider go to no one (the operator changed providers since)."""
    if record is None or record.get("ended") or not record.get("refresh"):
        return False
    return provider is None or record.get("issuer") == provider.client.issuer


def _fresh(record: dict[str, Any], now: datetime) -> bool:
    try:
        expires = datetime.fromisoformat(str(record.get("expires")))
    except ValueError:
        return False
    return bool(record.get("access")) and expires - MARGIN > now


def _servers(provider: MailProvider) -> dict[str, Any]:
    """A connected mailbox's server settings: the provider's (without SMTP, it does not send)."""
    smtp = provider.smtp
    return {
        "imap_host": provider.imap.host,
        "imap_port": provider.imap.port,
        "imap_security": provider.imap.security,
        "smtp_host": smtp.host if smtp else "",
        "smtp_port": smtp.port if smtp else 0,
        "smtp_security": smtp.security if smtp else "tls",
    }


def _handing(provider: MailProvider, account: MailAccount, token: str) -> MailAccount:
    # The provider's servers as the operator sets them now, not as they were when the mailbox was
    # connected: a server the operator moves or corrects is every connected mailbox's at once.
    return replace(
        account,
        typed_token=token,
        password_env=None,
        password_command=None,
        password_keyring=False,
        **_servers(provider),
    )


def _end(env: Env, email: str, now: datetime) -> None:
    # The tokens are forgotten; what stays says when it ended, so that no one asks the provider again.
    ended = {"issuer": "", "refresh": "", "access": "", "expires": "", "ended": now.isoformat(timespec="seconds")}
    stored_secrets.keep(env, MAIL_CONNECTION, email, json.dumps(ended))


# -- what Settings shows, and disconnecting ---------------------------------------------------------


@dataclass(frozen=True)
class Connection:
    account: MailAccount
    ended: bool  # the provider no longer takes it: "connect again"


def connections(env: Env) -> list[Connection]:
    """The account's mailboxes connected through the provider, each read (and decrypted) to say whether it ended."""
    return [
        Connection(account, not _standing(_read(env, account.imap_user)))
        for account in all_accounts(env.config_path)
        if account.oauth2_server
    ]


def disconnect(env: Env, provider: MailProvider | None, name: str) -> str | None:
    """Forget the mailbox `name` and its tokens, after asking the provider to revoke them (when it offers
    that; the tokens are forgotten either way). Its address, or None when no such mailbox is connected."""
    account = find_account(env.config_path, name)
    if account is None or not account.oauth2_server:
        return None
    record = _read(env, account.imap_user)
    if provider is not None and _standing(record, provider):
        try:
            openid.revoke(provider.client, openid.endpoints(provider.client), str(record["refresh"]))
        except openid.ProviderUnreachable as exc:
            log.warning("revoking a mailbox's token at %s failed: %s", provider.client.issuer, exc)
    with env.store.transaction():
        remove_account(env.config_path, name)
        if not any(
            other.imap_user == account.imap_user and other.oauth2_server for other in all_accounts(env.config_path)
        ):
            stored_secrets.forget(env, MAIL_CONNECTION, account.imap_user)
    return account.imap_user


def connection_test(env: Env, name: str) -> ConnectionReport:
    """Log in to the connected mailbox `name` with its access token, as a sync and Send will."""
    account = find_account(env.config_path, name)
    if account is None or not account.oauth2_server:
        return ConnectionReport([Step("Incoming mail (IMAP)", False, "This mailbox is not connected any more.")])
    try:
        ready = for_connection(env, account)
    except FollowupError as exc:
        return ConnectionReport([Step("Incoming mail (IMAP)", False, exc.message.rstrip(".") + ".", exc.hint)])
    report = try_connection(ready)
    # The servers and their settings are the operator's, not on this page: the seeker cannot "check
    # the port" of a connected mailbox, only try again or tell the careers service.
    return replace(report, steps=[step if step.ok else replace(step, hint=OPERATORS_SERVERS) for step in report.steps])
