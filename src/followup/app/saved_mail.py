"""Mail accounts on the Settings page of a hosted installation: the password is typed, then saved encrypted.

In the single-user app the page never asks for a password; it asks where followup finds it (a
variable, a command, the OS keyring: `mail_account.py`). A hosted installation has none of those
per person, so the page asks for the password itself and keeps it encrypted in the database
(`stored_secrets.py`). From then on the page says "saved", never the password.

The rule of `mail_account.py` holds here too: a saved password goes only to the servers it was
saved for. An account whose servers, ports, security or user change, and a new account, must come
with the password typed again; so must "Test the connection" of anything but the saved account.
"""

from __future__ import annotations

from dataclasses import replace

from followup.app import stored_secrets
from followup.app.context import Env
from followup.app.mail_account import (
    ConnectionReport,
    Step,
    all_accounts,
    destination,
    find_account,
    remove_account,
    save_account,
    try_connection,
)
from followup.app.settings import FieldErrors
from followup.mail.accounts import MailAccount

SOURCES = (
    (
        "keyring",
        "Saved here, encrypted",
        "Type the password below: followup keeps it encrypted and never shows it again.",
    ),
)


def note(env: Env, account: MailAccount) -> tuple[str, bool]:
    """What the form says about the password: saved or not, never the password."""
    if stored_secrets.saved(env, stored_secrets.MAIL_PASSWORD, account.imap_user):
        return "The password is saved, encrypted. Type a new one only to change it.", True
    return "No password is saved for this account yet: type it below and save.", False


def save(env: Env, account: MailAccount, *, existing: MailAccount | None, typed: str) -> MailAccount:
    """Save the account and, when typed, its password, together; FieldErrors when the password is needed."""
    if account.password_env or account.password_command or account.oauth2_command:
        raise FieldErrors({"source": "Here followup keeps the password itself: choose “Saved here, encrypted”."})
    account = replace(account, password_keyring=True)
    held = stored_secrets.saved(env, stored_secrets.MAIL_PASSWORD, account.imap_user)
    moved = existing is None or destination(existing) != destination(account)
    if not typed and not held:
        raise FieldErrors({"password": "Type the password of this account: it is saved encrypted."})
    if not typed and moved:
        raise FieldErrors(
            {"password": "The saved password goes only to the servers it was saved for: type it again for these."}
        )
    with env.store.transaction():
        save_account(env.config_path, account, new=existing is None)
        if typed:
            stored_secrets.keep_mail_password(env, account, typed)
    return account


def remove(env: Env, name: str) -> None:
    """Remove the account, and its saved password unless another account of this person logs in with it."""
    account = find_account(env.config_path, name)
    if account is None:  # already gone (another tab): nothing to do
        return
    with env.store.transaction():
        remove_account(env.config_path, name)
        if not any(other.imap_user == account.imap_user for other in all_accounts(env.config_path)):
            stored_secrets.forget(env, stored_secrets.MAIL_PASSWORD, account.imap_user)


def connection_test(env: Env, saved: MailAccount | None, account: MailAccount, typed: str) -> ConnectionReport:
    """Log in with the password typed for this test, or with the saved one for the saved account unchanged."""
    if typed:
        return try_connection(replace(account, typed_password=typed))
    unchanged = saved is not None and saved.name == account.name and destination(saved) == destination(account)
    if unchanged and stored_secrets.saved(env, stored_secrets.MAIL_PASSWORD, account.imap_user):
        return try_connection(stored_secrets.for_connection(env, replace(account, password_keyring=True)))
    problem = Step(
        "Incoming mail (IMAP)",
        False,
        "A saved password goes only to the servers it was saved for: followup does not send one to these.",
        "Type the password below to test them.",
    )
    return ConnectionReport([problem], needs_password=True)
