"""Secrets at rest in hosted mode: what the single-user app keeps in the OS keyring, encrypted in the database.

A server has no keyring per person, so in hosted mode an account's mail password, OAuth
token and push address are kept in `owner_secret`, encrypted with the server's key
(Fernet: AES-128-CBC with an HMAC-SHA256, from the `cryptography` package). The keys come
from FOLLOWUP_SECRET_KEYS, a comma-separated list of Fernet keys, newest first, or else
from the file FOLLOWUP_SECRET_KEYS_FILE names (one key a line, or comma-separated). The
newest key encrypts; every key in the list decrypts, so a new key is put first, then
`followup server rotate-key` re-encrypts every row with it, and only then is the old key
removed (docs/hosting.md).

Each ciphertext carries the owner, service and name it was written for, checked when read:
a row copied to another account or another service does not decrypt into a password there.

A secret is returned to the caller and to nothing else: never logged, never shown back (a
form says "saved"), never put into an error message, which names the variable to fix instead.

The mail adapter never reaches this module: `for_connection` hands the stored secret to it
the way a password typed for one test is handed over (`MailAccount.typed_password`).

`cryptography` is imported only here, and only when a secret is read or written: the
single-user app never loads it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC
from typing import TYPE_CHECKING

from followup.app.context import Env
from followup.errors import SettingsError
from followup.mail.accounts import MailAccount
from followup.store import db, owner_secrets
from followup.store.actions import get_meta
from followup.store.db import transaction

if TYPE_CHECKING:
    from cryptography.fernet import MultiFernet

KEYS_VARIABLE = "FOLLOWUP_SECRET_KEYS"
KEYS_FILE_VARIABLE = "FOLLOWUP_SECRET_KEYS_FILE"
# The same service names as the single-user app's OS keyring entries (mail/secrets.py, mail/push.py).
MAIL_PASSWORD = "followup-mail"
MAIL_OAUTH2 = "followup-mail-oauth2"
PUSH = "followup-push"
PUSH_NAME = "push_url"
_SEPARATOR = "\x1f"  # between the owner, service, name and secret inside a ciphertext
_NEW_KEY_HINT = (
    f"Make a key with `followup server new-key` and give it to every web process and worker in {KEYS_VARIABLE} "
    f"(or in a file named by {KEYS_FILE_VARIABLE})."
)


class SecretKeyError(SettingsError):
    """The server's key is missing or malformed, or cannot read what was stored."""


def hosted(env: Env) -> bool:
    """Whether the database serves accounts (`followup server init` marks it)."""
    return get_meta(env.store, "hosted") == "1"


# -- the server key ---------------------------------------------------------------------------------


def new_key() -> str:
    """A fresh Fernet key (32 random bytes, URL-safe base64): what `followup server new-key` prints."""
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")


def server_keys(environ: Mapping[str, str] | None = None) -> MultiFernet:
    """The keys from FOLLOWUP_SECRET_KEYS, else from the file FOLLOWUP_SECRET_KEYS_FILE names; newest first."""
    from cryptography.fernet import Fernet, MultiFernet

    environ = os.environ if environ is None else environ
    where = KEYS_VARIABLE
    text = environ.get(KEYS_VARIABLE, "")
    if not text.strip() and environ.get(KEYS_FILE_VARIABLE):
        path = environ[KEYS_FILE_VARIABLE]
        where = f"{KEYS_FILE_VARIABLE} ({path})"
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise SecretKeyError(
                f"the file named by {KEYS_FILE_VARIABLE} cannot be read: {exc.strerror}",
                where=path,
                hint="Check the path, and that the account followup runs as may read it (and nobody else).",
            ) from None
    keys = [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]
    if not keys:
        raise SecretKeyError(
            f"{KEYS_VARIABLE} is not set: hosted mode keeps mail passwords and tokens encrypted with it",
            hint=_NEW_KEY_HINT,
        )
    fernets = []
    for number, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:  # also binascii.Error; its message never repeats the key
            raise SecretKeyError(
                f"{where}: key {number} of {len(keys)} is not a Fernet key (32 bytes in URL-safe base64)",
                hint=_NEW_KEY_HINT,
            ) from None
    return MultiFernet(fernets)


def _sealed(keys: MultiFernet, owner: int, service: str, name: str, secret: str) -> str:
    plain = _SEPARATOR.join((str(owner), service, name, secret))
    return keys.encrypt(plain.encode("utf-8")).decode("ascii")


def _opened(keys: MultiFernet, owner: int, service: str, name: str, ciphertext: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        plain = keys.decrypt(ciphertext.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise _unreadable(service) from None
    parts = plain.split(_SEPARATOR, 3)  # the secret, last, may hold anything
    if parts[:3] != [str(owner), service, name] or len(parts) != 4:
        raise SecretKeyError(
            f"a stored secret ({service}) was written for another account or purpose, and is not used",
            hint="Save it again on the Settings page.",
        )
    return parts[3]


def _unreadable(service: str) -> SecretKeyError:
    return SecretKeyError(
        f"a stored secret ({service}) cannot be decrypted with the keys in {KEYS_VARIABLE}",
        hint=f"Was a key removed before `followup server rotate-key` ran? Put it back in {KEYS_VARIABLE}, "
        "after the newest key, and run the rotation again.",
    )


# -- one account's secrets --------------------------------------------------------------------------


def keep(env: Env, service: str, name: str, secret: str) -> None:
    """Encrypt and store `secret` for this account, replacing the one kept before."""
    keys = server_keys()
    sealed = _sealed(keys, env.owner, service, name, secret)
    with env.store.transaction():
        owner_secrets.put(env.store, service, name, sealed, env.clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def read(env: Env, service: str, name: str) -> str | None:
    """The secret kept for this account, or None when there is none."""
    ciphertext = owner_secrets.get(env.store, service, name)
    if ciphertext is None:
        return None
    return _opened(server_keys(), env.owner, service, name, ciphertext)


def forget(env: Env, service: str, name: str) -> bool:
    with env.store.transaction():
        return owner_secrets.delete(env.store, service, name)


def saved(env: Env, service: str, name: str) -> bool:
    """Whether a secret is kept (what a form shows instead of the secret): nothing is decrypted."""
    return owner_secrets.get(env.store, service, name) is not None


# -- handing them over ------------------------------------------------------------------------------


def keep_mail_password(env: Env, account: MailAccount, password: str) -> None:
    keep(env, MAIL_OAUTH2 if account.oauth2_command else MAIL_PASSWORD, account.imap_user, password)


def for_connection(env: Env, account: MailAccount) -> MailAccount:
    """The account as the mail adapter should connect with it, for this owner.

    In the single-user app, unchanged (the adapter reads the OS keyring, a variable or a command).
    A mailbox connected with the installation's mail provider gets an access token (`mail_connection`).
    In hosted mode only the secret this account keeps in the database is handed over, as a typed
    password is; nothing else the account's settings name is ever read on the server: no variable
    (the server's own hold its database password, its keys, its sign-in client's secret), no
    command, not the server's keyring. Without a saved secret: a clear error, and nothing is sent.
    """
    if account.typed_password or not hosted(env):
        return account
    if account.oauth2_server:  # connected with the installation's mail provider: an access token, refreshed there
        from followup.app import mail_connection

        return mail_connection.for_connection(env, account)
    if account.oauth2_command:
        raise SettingsError(
            f"mail account {account.name!r} gets its token from a command, and no command runs on the server",
            hint="Remove the account on the Settings page, under Mail, and add it again with its password.",
        )
    secret = read(env, MAIL_PASSWORD, account.imap_user)
    if secret is None:
        raise SettingsError(
            f"no password is saved for mail account {account.name!r}",
            hint="Save it on the Settings page, under Mail.",
        )
    return replace(account, typed_password=secret, password_env=None, password_command=None, password_keyring=False)


def push_url(env: Env, source: str) -> str:
    """The push address from where `reminders.push_url` says it is; "keyring" means the database in hosted mode."""
    from followup.mail import push

    if source == "keyring" and hosted(env):
        url = read(env, PUSH, PUSH_NAME)
        if url is None:
            raise SettingsError(
                f"no notification URL is saved ({push.KEY} = keyring)",
                hint="Paste it again on the Settings page, under Reminders.",
            )
        return url
    return push.url_from(source)


def keep_push_url(env: Env, url: str) -> None:
    """Check that Apprise knows the URL, then keep it encrypted for this account."""
    from followup.mail import push

    push.service_name(url)
    keep(env, PUSH, PUSH_NAME, url)


# -- the operator's rotation ------------------------------------------------------------------------


def rotate(env: Env, environ: Mapping[str, str] | None = None) -> int:
    """Re-encrypt every stored secret of every account with the newest key, in one transaction.

    Returns how many were re-encrypted. When one cannot be read with any key, nothing is changed.
    """
    from cryptography.fernet import InvalidToken

    keys = server_keys(environ)
    # Every account's rows: on PostgreSQL, row security shows them to the installation only.
    conn = db.Store(env.conn, owner=db.INSTALLATION).conn
    with transaction(conn):
        rows = owner_secrets.all_rows(conn)
        rotated = []
        for owner, service, name, ciphertext in rows:
            try:
                fresh = keys.rotate(ciphertext.encode("ascii")).decode("ascii")
            except (InvalidToken, UnicodeError):
                raise SecretKeyError(
                    f"a stored secret (account {owner}, {service}) cannot be decrypted with the keys in "
                    f"{KEYS_VARIABLE}; nothing was re-encrypted",
                    hint=f"Put every key used since the last rotation in {KEYS_VARIABLE}, the new one first.",
                ) from None
            rotated.append((owner, service, name, ciphertext, fresh))
        owner_secrets.rewrite(conn, rotated)
    return len(rotated)
