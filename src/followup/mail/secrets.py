"""Getting a mail password or OAuth2 token at the moment it is needed, and nowhere else.

Sources, in order: a password typed for one connection test (`typed_password`,
which then replaces every other source), the environment variable named by `password_env`, the first
line printed by `password_command`, the OS keyring. The secret is returned to
the caller and never logged, printed, stored, or put into an error message:
errors name the source (variable, program) and say how to fix it.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from followup.errors import SettingsError
from followup.mail.accounts import MailAccount

COMMAND_TIMEOUT = 30.0
KEYRING_SERVICE = "followup-mail"


def password(account: MailAccount) -> str:
    """The account's password from the first source that has one."""
    if account.typed_password:
        return account.typed_password
    if account.oauth2_server:
        raise _not_here(account)
    if account.password_env:
        value = os.environ.get(account.password_env, "")
        if value:
            return value
        if not (account.password_command or account.password_keyring):
            raise SettingsError(
                f"the environment variable {account.password_env} is not set (mail account {account.name!r})",
                hint=f"Set it before running followup, e.g. `export {account.password_env}=...` in your shell profile.",
            )
    if account.password_command:
        return run_secret_command(account.password_command, what="password_command", account=account.name)
    if account.password_keyring:
        return _from_keyring(account)
    raise SettingsError(
        f"mail account {account.name!r} has no way to get the password",
        hint="Set password_env, password_command or password_keyring in its [mail.NAME] settings.",
    )


def oauth2_token(account: MailAccount) -> str:
    if account.typed_token:  # handed over by the hosted server for this connection
        return account.typed_token
    if account.typed_password:  # a token pasted for one test: the saved command is not run
        return account.typed_password
    if account.oauth2_server:
        raise _not_here(account)
    if not account.oauth2_command:
        raise SettingsError(
            f"mail account {account.name!r} has no oauth2_command",
            hint="Set oauth2_command to a program that prints a fresh access token.",
        )
    return run_secret_command(account.oauth2_command, what="oauth2_command", account=account.name)


def uses_token(account: MailAccount) -> bool:
    """Whether the account logs in with an OAuth2 access token (XOAUTH2) rather than a password."""
    return bool(account.oauth2_command or account.oauth2_server or account.typed_token)


def _not_here(account: MailAccount) -> SettingsError:
    # Only a hosted installation holds the tokens of a mailbox connected through it.
    return SettingsError(
        f"mail account {account.name!r} is connected through a hosted followup server (oauth2_server = true), "
        "and only that server holds its tokens",
        hint=f"Remove it with `followup mail account remove {account.name}`, then add the mailbox again with "
        "--password-env, --password-command, --password-keyring or --oauth2-command.",
    )


def run_secret_command(command: str, *, what: str, account: str) -> str:
    """First line of the command's output. No shell: the setting is a program and its arguments."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise SettingsError(f"mail.{account}.{what} cannot be split into words: {exc}") from None
    if not argv:
        raise SettingsError(f"mail.{account}.{what} is empty")
    program = argv[0]
    # Only the program's name goes into messages: arguments may themselves hold secrets.
    try:
        done = subprocess.run(argv, capture_output=True, timeout=COMMAND_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    except FileNotFoundError:
        raise SettingsError(
            f"mail.{account}.{what}: program {program!r} not found",
            hint="Give its full path, or install it.",
        ) from None
    except PermissionError:
        raise SettingsError(f"mail.{account}.{what}: program {program!r} cannot be run (permission denied)") from None
    except subprocess.TimeoutExpired:
        raise SettingsError(
            f"mail.{account}.{what}: {program!r} did not finish within {COMMAND_TIMEOUT:.0f} seconds",
            hint="Does it wait for input (a PIN, a password prompt)? Unlock it first, then run followup again.",
        ) from None
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].strip() if lines else ""
    if done.returncode != 0:
        raise SettingsError(
            f"mail.{account}.{what}: {program!r} failed with exit code {done.returncode}"
            + _stderr_excerpt(done.stderr, secret),
            hint="Run the command yourself to see what it needs.",
        )
    if not secret:
        raise SettingsError(
            f"mail.{account}.{what}: {program!r} printed nothing",
            hint="It must print the secret on its first line.",
        )
    return secret


def _stderr_excerpt(stderr: bytes, secret: str) -> str:
    text = stderr.decode("utf-8", "replace").strip().splitlines()
    if not text:
        return ""
    line = text[-1][:200]
    # A program that echoes its secret to stderr must not leak it through us.
    if secret and secret in line:
        line = line.replace(secret, "***")
    return f": {line}"


def _from_keyring(account: MailAccount) -> str:
    try:
        import keyring  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise SettingsError(
            f"mail account {account.name!r} uses the OS keyring, but the keyring package is not installed",
            hint="Install it with `pip install keyring`, or use password_env / password_command instead.",
        ) from None
    try:
        value = keyring.get_password(KEYRING_SERVICE, account.imap_user)
    except Exception as exc:  # keyring backends raise their own error types
        raise SettingsError(
            f"the OS keyring could not be read: {type(exc).__name__}",
            hint="Is the keyring unlocked? Or use password_env / password_command instead.",
        ) from None
    if not value:
        raise SettingsError(
            f"no password in the OS keyring for {account.imap_user} (service {KEYRING_SERVICE})",
            hint=f"Store it with `keyring set {KEYRING_SERVICE} {account.imap_user}`.",
        )
    return str(value)
