"""Mail accounts on the Settings page (the form, its checks, saving, "Test the connection") and
behind `followup mail account` (add, list, test, remove).

The page asks where the password comes from (an environment variable, a command
that prints it, the OS keyring, an OAuth2 token command), never the password:
nothing secret reaches the settings file, the database, the page or a log.

A saved secret goes only to the servers it was saved for (issue #11, item 2): "Test the
connection" uses the saved source only for the saved account unchanged (`uses_saved_secret`),
otherwise only a password typed for that test; and a save from the page that would send a
saved source to other servers must come with that password (`check_secret_goes_home`).

The form's text is first read into values, with the page's own words for what
only a form can get wrong (a URL for a host name, a port that is not a number);
the account is then validated by `followup.mail.accounts.parse_account`, exactly
as it will be read back from the file, and a problem it finds is shown next to
the field it names (`AccountError.field`).
"""

from __future__ import annotations

import hmac
import os
import re
import shlex
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from followup.app.settings import FieldErrors, is_email_address
from followup.config import open_document, write_text
from followup.domain.text import sentence
from followup.errors import FollowupError, SettingsError
from followup.mail.accounts import (
    ACCOUNT_NAME,
    IMAP_PORTS,
    PORTS,
    SMTP_PORTS,
    AccountError,
    MailAccount,
    parse_account,
    plain_text_allowed,
)

TEST_TIMEOUT = 10.0  # seconds per network step when testing from the page: short, the user is waiting

SOURCES = (
    ("env", "An environment variable", "The password is in a variable set before followup starts."),
    ("command", "A command that prints it", "For password managers, e.g. pass show mail/work."),
    ("keyring", "The system keyring", "The password is kept by your operating system's keyring."),
    ("oauth2", "An OAuth2 token command", "For providers that use sign-in tokens instead of passwords."),
)
SECURITY_CHOICES = (
    ("tls", "TLS"),
    ("starttls", "STARTTLS"),
    ("none", "None (this computer only)"),
)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
# The page may name a new variable only among followup's own: never PATH, AWS_SECRET_ACCESS_KEY...
WEB_VARIABLE_PREFIX = "FOLLOWUP_"
# ...and never one of followup's other settings: FOLLOWUP_PASSWORD signs in to the web app, and a
# hosted installation's database URL, server keys and metrics token must never go to a mail server.
NOT_MAIL_VARIABLES = frozenset(
    {
        "FOLLOWUP_PASSWORD",
        "FOLLOWUP_CONFIG",
        "FOLLOWUP_DB",
        "FOLLOWUP_DEBUG",
        "FOLLOWUP_NOW",
        "FOLLOWUP_DATABASE_URL",
        "FOLLOWUP_SECRET_KEYS",
        "FOLLOWUP_SECRET_KEYS_FILE",
        "FOLLOWUP_METRICS_TOKEN",
        "FOLLOWUP_PUBLIC_HOST",
        "FOLLOWUP_BASE_URL",
    }
)
# The hosted server's own outgoing mail (its SMTP URL holds a password) and its sign-in client's
# secret: never an account's.
SERVER_VARIABLE_PREFIXES = ("FOLLOWUP_SERVER_", "FOLLOWUP_OIDC_")


def installation_variable(name: str | None) -> bool:
    """Whether `name` is one of followup's own settings rather than a variable a mail password may be in."""
    return bool(name) and (name in NOT_MAIL_VARIABLES or str(name).startswith(SERVER_VARIABLE_PREFIXES))


_HOST = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$")
# What the file's checks report about a key the form does not show by that name.
_FORM_FIELD = {"password": "source", "password_keyring": "source", "folders": "email"}


def source_of(account: MailAccount) -> str:
    if account.oauth2_command:
        return "oauth2"
    if account.password_env:
        return "env"
    if account.password_command:
        return "command"
    return "keyring"


def account_form(account: MailAccount | None) -> dict[str, str]:
    """What the account's form shows: the settings as text, never a secret."""
    if account is None:
        return {
            "name": "personal",
            "email": "",
            "imap_host": "",
            "imap_port": "",
            "imap_security": "tls",
            "imap_user": "",
            "smtp_host": "",
            "smtp_port": "",
            "smtp_security": "tls",
            "smtp_user": "",
            "source": "env",
            "password_env": "FOLLOWUP_MAIL_PASSWORD",
            "password_command": "",
            "oauth2_command": "",
            "auto_apply": "",
        }
    return {
        "name": account.name,
        "email": account.email,
        "imap_host": account.imap_host,
        "imap_port": "" if account.imap_port == IMAP_PORTS.get(account.imap_security) else str(account.imap_port),
        "imap_security": account.imap_security,
        "imap_user": "" if account.imap_user == account.email else account.imap_user,
        "smtp_host": account.smtp_host,
        "smtp_port": "" if account.smtp_port == SMTP_PORTS.get(account.smtp_security) else str(account.smtp_port),
        "smtp_security": account.smtp_security,
        "smtp_user": "" if account.smtp_user == account.imap_user else account.smtp_user,
        "source": source_of(account),
        "password_env": account.password_env or "",
        "password_command": account.password_command or "",
        "oauth2_command": account.oauth2_command or "",
        "auto_apply": "on" if account.auto_apply else "",
    }


@dataclass(frozen=True)
class AccountView:
    account: MailAccount
    form: dict[str, str]
    source_note: tuple[str, bool]  # e.g. ("FOLLOWUP_MAIL_PASSWORD is set in ...", True)


def accounts(config_path: str) -> list[AccountView]:
    from followup.mail.accounts import load_accounts

    return [AccountView(a, account_form(a), source_note(a)) for a in load_accounts(config_path)]


def source_note(account: MailAccount) -> tuple[str, bool]:
    """(what to know about the password source, whether it looks ready); never reads a secret into the page."""
    from followup.mail.secrets import KEYRING_SERVICE

    kind = source_of(account)
    if kind == "env":
        variable = account.password_env or ""
        if os.environ.get(variable):
            return f"{variable} is set in the environment followup was started from.", True
        return (
            f"{variable} is not set in the environment followup was started from: set it, then restart followup.",
            False,
        )
    if kind == "keyring":
        return f"Store the password once with: keyring set {KEYRING_SERVICE} {account.imap_user}", True
    program = (account.oauth2_command or account.password_command or "").split(" ", 1)[0]
    return f"followup runs {program} each time it needs the password, and keeps nothing.", True


def check_account(
    form: Mapping[str, str], *, existing: MailAccount | None, allow_commands: bool, config_path: str
) -> MailAccount:
    """A MailAccount from the form, or FieldErrors. `existing` keeps what the form does not show (folders).

    `allow_commands` is False from the web page (always): then no one who reaches the page
    can make followup run a new program as the user.
    """
    errors: dict[str, str] = {}

    def text(name: str) -> str:
        return " ".join(str(form.get(name, "")).split())

    name = existing.name if existing else text("name")
    if not existing and not ACCOUNT_NAME.match(name):
        errors["name"] = "Use a short word of letters, digits, - or _, like personal or work."
    email = text("email")
    if not is_email_address(email):
        errors["email"] = "Enter your address at this account, like name@example.com."
    values: dict[str, Any] = {"email": email}
    for proto, required in (("imap", True), ("smtp", False)):
        host = text(f"{proto}_host")
        security = text(f"{proto}_security") or "tls"
        if "://" in host or "/" in host:
            errors[f"{proto}_host"] = "Enter just the server's name, like mail.example.com (no https:// or /)."
        elif host and not _HOST.match(host):
            errors[f"{proto}_host"] = "Enter the server's name, like mail.example.com."
        elif required and not host:
            errors[f"{proto}_host"] = "Enter the incoming mail server, like imap.example.com."
        if security not in {code for code, _ in SECURITY_CHOICES}:
            errors[f"{proto}_security"] = "Choose TLS, STARTTLS or None."
        elif security == "none" and host and not plain_text_allowed(host):
            errors[f"{proto}_security"] = "“None” sends your password unprotected: only for a server on this computer."
        port = text(f"{proto}_port")
        if port and (not port.isdecimal() or int(port) not in PORTS):
            errors[f"{proto}_port"] = (
                f"Enter a port number from {PORTS.start} to {PORTS.stop - 1}, or leave it empty for the usual one."
            )
        user = text(f"{proto}_user")
        values |= {f"{proto}_host": host, f"{proto}_security": security, f"{proto}_port": int(port or 0) or 0}
        values[f"{proto}_user"] = user
    source = text("source")
    secrets_in: dict[str, Any] = {
        "password_env": None,
        "password_command": None,
        "password_keyring": False,
        "oauth2_command": None,
    }
    if source == "env":
        variable = text("password_env")
        if not _VARIABLE.match(variable):
            errors["password_env"] = (
                "Enter the variable's name, like FOLLOWUP_MAIL_PASSWORD: letters, digits and _. "
                "Never the password itself."
            )
        secrets_in["password_env"] = variable
    elif source in ("command", "oauth2"):
        field_name = "password_command" if source == "command" else "oauth2_command"
        before = getattr(existing, field_name, None) if existing else None
        # Open to other computers: the page keeps the saved command and never takes a new one.
        command = str(form.get(field_name, "")).strip() if allow_commands else (before or "")
        try:
            words = shlex.split(command)
        except ValueError:
            words = []
            errors[field_name] = "Check the quotes: this command cannot be split into words."
        if field_name not in errors and not words and allow_commands:
            errors[field_name] = "Enter the command that prints it, like: pass show mail/work"
        elif field_name not in errors and "\n" in command:
            errors[field_name] = "Write the command on one line."
        if not allow_commands and not command:
            errors[field_name] = (
                "A command can only be set from the terminal or in the settings file, never from this page: "
                f"followup mail account add NAME --{field_name.replace('_', '-')} ..."
            )
        secrets_in[field_name] = command
    elif source == "keyring":
        secrets_in["password_keyring"] = True
    else:
        errors["source"] = "Choose where followup gets the password."
    if errors:
        raise FieldErrors(errors)
    imap_user = values.pop("imap_user")
    smtp_user = values.pop("smtp_user")
    account = MailAccount(
        name=name,
        imap_user=imap_user,
        smtp_user=smtp_user or imap_user,
        auto_apply=bool(form.get("auto_apply")),
        folders=dict(existing.folders) if existing else {},
        **values,
        **secrets_in,
    )
    # The account is validated exactly as it will be read back from the file.
    try:
        parse_account(name, account.to_table(), config_path)
    except AccountError as exc:
        where = _FORM_FIELD.get(exc.field or "", exc.field or "")
        raise FieldErrors({where if where in form else "email": f"{exc.message}. {exc.hint or ''}".strip()}) from None
    return account


def find_account(config_path: str, name: str) -> MailAccount | None:
    for view in accounts(config_path):
        if view.account.name == name:
            return view.account
    return None


def save_account(config_path: str, account: MailAccount, *, new: bool) -> None:
    """Write `[mail.<name>]`, key by key so the user's comments inside it survive."""
    import tomlkit

    from followup.mail.accounts import load_accounts

    document = open_document(config_path)
    mail = document.get("mail")
    if mail is None:
        mail = document["mail"] = tomlkit.table(is_super_table=True)
    if new and account.name in mail:
        raise FieldErrors({"name": f"You already have an account called {account.name}: choose another name."})
    if not new and account.name not in mail:
        raise SettingsError(f"no mail account called {account.name!r}", where=config_path)
    table = account.to_table()
    if new:
        item = tomlkit.table()
        mail[account.name] = item
    item = mail[account.name]
    for key in [k for k in item if k not in table]:
        del item[key]
    for key, value in table.items():
        if item.get(key) != value:
            item[key] = value
    text = tomlkit.dumps(document)
    tomllib.loads(text)
    try:
        write_text(config_path, text)
    except OSError as exc:
        raise SettingsError(f"cannot write the settings file: {exc.strerror}", where=config_path) from None
    load_accounts(config_path)  # the file as written reads back


def remove_account(config_path: str, name: str) -> None:
    from followup.mail.accounts import remove_account as remove

    remove(config_path, name)


# -- `followup mail account` ----------------------------------------------------------------------


def all_accounts(config_path: str) -> list[MailAccount]:
    """The mail accounts in the settings file, in its order; SettingsError when one is wrong."""
    from followup.mail.accounts import load_accounts

    return load_accounts(config_path)


def get_account(config_path: str, name: str | None = None) -> MailAccount:
    """The account called `name`, or the only one when no name is given; SettingsError otherwise."""
    from followup.mail.accounts import get_account as named

    return named(config_path, name)


def add_account(config_path: str, name: str, *, user: str | None, settings: Mapping[str, Any]) -> MailAccount:
    """Write a new [mail.<name>] from the command line's options: `settings` holds the MailAccount
    fields that were given, `user` the login for both servers (None: the email address).
    Adding an existing name is an error, not an overwrite."""
    from followup.mail.accounts import add_account as add

    account = MailAccount(name=name, imap_user=user or "", smtp_user=user or "", **settings)
    add(config_path, account)
    return account


FOLDER_ROLES = ("inbox", "junk", "sent", "drafts")


@dataclass(frozen=True)
class FolderCount:
    role: str  # inbox, junk, sent, drafts
    folder: str | None  # its name on the server; None: not found there
    messages: int


def count_folders(account: MailAccount, *, logged_in: Callable[[], None]) -> Iterator[FolderCount]:
    """Log in to the account's IMAP server (then call `logged_in`), and count the messages of each
    folder followup uses, one at a time as the server answers. The connection is closed at the end."""
    from followup.mail import imap

    client = imap.connect(account)
    try:
        logged_in()
        with imap.mail_errors(account, "listing the folders"):
            roles = imap.folder_roles(client, account.folders)
            for role in FOLDER_ROLES:
                if role not in roles:
                    yield FolderCount(role, None, 0)
                    continue
                count = client.folder_status(roles[role], ["MESSAGES"])[b"MESSAGES"]
                yield FolderCount(role, roles[role], int(count))
    finally:
        imap.close(client)


# -- where a saved secret may go ------------------------------------------------------------------


def destination(account: MailAccount) -> tuple[object, ...]:
    """Everything that decides where the account's secret is sent, and as whom."""
    return (
        account.imap_host,
        account.imap_port,
        account.imap_security,
        account.imap_user,
        account.smtp_host,
        account.smtp_port,
        account.smtp_security,
        account.smtp_user,
    )


def secret_sources(account: MailAccount) -> set[tuple[str, str]]:
    """The secrets the account would read: a variable, a keyring entry, a command."""
    found = set()
    if account.password_env:
        found.add(("env", account.password_env))
    if account.password_command:
        found.add(("command", account.password_command))
    if account.password_keyring:
        found.add(("keyring", account.imap_user))
    if account.oauth2_command:
        found.add(("oauth2", account.oauth2_command))
    return found


def uses_saved_secret(account: MailAccount, saved: MailAccount | None) -> bool:
    """Whether a connection test of `account` may use its password source: only when it is the
    saved account `saved` exactly, in its servers, ports, users, security and password source."""
    return (
        saved is not None
        and account.name == saved.name
        and destination(account) == destination(saved)
        and (account.password_env, account.password_command, account.password_keyring, account.oauth2_command)
        == (saved.password_env, saved.password_command, saved.password_keyring, saved.oauth2_command)
    )


def check_secret_goes_home(config_path: str, account: MailAccount, typed_password: str) -> None:
    """Before the page saves `account`: FieldErrors when it would send a saved secret elsewhere.

    A source that saved accounts already use (the same variable, keyring entry or command) may
    be saved with other servers only together with the password it holds, typed on the page
    and checked against it; a command is never run for that, nor a source read that followup
    cannot read here. A variable no saved account uses must be one of followup's own.
    """
    sources = secret_sources(account)
    sharing = [saved for saved in all_accounts(config_path) if secret_sources(saved) & sources]
    if not sharing:
        for kind, variable in sources:
            if kind == "env" and (not variable.startswith(WEB_VARIABLE_PREFIX) or installation_variable(variable)):
                raise FieldErrors(
                    {
                        "password_env": f"From this page, name a variable of your own that starts with "
                        f"{WEB_VARIABLE_PREFIX}, like FOLLOWUP_MAIL_PASSWORD. Another one is set from the terminal: "
                        f"followup mail account add {account.name} --password-env ..."
                    }
                )
        return
    if any(destination(saved) == destination(account) for saved in sharing):
        return
    names = ", ".join(sorted(saved.name for saved in sharing))
    from_terminal = (
        f"Change the servers from the terminal instead: followup mail account remove {account.name}, "
        f"then followup mail account add {account.name} ... (or edit the settings file)."
    )
    if account.password_command or account.oauth2_command:
        raise FieldErrors(
            {"source": f"The password of {names} comes from a command, which this page never runs. {from_terminal}"}
        )
    from followup.mail import secrets

    try:
        held = secrets.password(replace(account, typed_password=None))
    except FollowupError as exc:
        raise FieldErrors(
            {"source": f"followup cannot read the saved password here ({exc.message}). {from_terminal}"}
        ) from None
    if not typed_password:
        raise FieldErrors(
            {
                "password": f"The password saved for {names} would go to another server: "
                "type it here to show it is yours, then save again."
            }
        )
    if not hmac.compare_digest(typed_password.encode("utf-8"), held.encode("utf-8")):
        raise FieldErrors({"password": f"This is not the password saved for {names}."})


def connection_test(config_path: str, target: str, account: MailAccount, typed_password: str) -> ConnectionReport:
    """`try_connection` for the Settings page: the saved password source only for the saved account
    `target` unchanged, otherwise the password typed for this test, and without one nothing is sent."""
    if typed_password:
        return try_connection(replace(account, typed_password=typed_password))
    if uses_saved_secret(account, find_account(config_path, target) if target else None):
        return try_connection(account)
    problem = Step(
        "Incoming mail (IMAP)",
        False,
        "A saved password goes only to the servers it was saved for: followup does not send one to these.",
        "Type the password below to test them: it is used for this test only and kept nowhere.",
    )
    if source_of(account) == "env" and not os.environ.get(account.password_env or ""):
        from followup.mail import secrets

        try:
            secrets.password(account)  # only says that the variable is not set: it reads and runs nothing
        except FollowupError as exc:
            failed = _failed("Incoming mail (IMAP)", exc)
            problem = replace(failed, hint=" ".join(filter(None, (failed.hint, problem.hint))))
    return ConnectionReport([problem], needs_password=True)


@dataclass(frozen=True)
class Step:
    what: str  # "Incoming mail (IMAP)"
    ok: bool
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class ConnectionReport:
    steps: list[Step] = field(default_factory=list)
    needs_password: bool = False  # the test sent nothing: a password must be typed for it

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)


def try_connection(account: MailAccount, timeout: float | None = None) -> ConnectionReport:
    """Log in to IMAP (and SMTP, when set) and list the folders. Blocking: run it in a worker thread.

    Uses only its own connections and the account, never the database, so it is
    safe in any thread. The password is fetched, used and dropped; no message
    ever contains it.
    """
    from followup.mail import imap, smtp

    timeout = timeout or TEST_TIMEOUT
    steps: list[Step] = []
    where = f"{account.imap_host}:{account.imap_port}"
    try:
        client = imap.connect(account, timeout=timeout)
        try:
            with imap.mail_errors(account, "listing the folders"):
                roles = imap.folder_roles(client, account.folders)
        finally:
            imap.close(client)
        found = ", ".join(f"{role} ({folder})" for role, folder in roles.items())
        message = f"Logged in to {where} as {account.imap_user}. Folders: {found}."
        steps.append(Step("Incoming mail (IMAP)", True, message))
    except Exception as exc:  # every failure becomes a line of the report, never a crash of the page
        steps.append(_failed("Incoming mail (IMAP)", exc))
    if account.smtp_host:
        smtp_where = f"{account.smtp_host}:{account.smtp_port}"
        try:
            connection = smtp.connect_smtp(account, timeout=timeout)
            smtp.quit_quietly(connection)
            message = f"Logged in to {smtp_where} as {account.smtp_user}; sending will work."
            steps.append(Step("Sending (SMTP)", True, message))
        except Exception as exc:
            steps.append(_failed("Sending (SMTP)", exc))
    return ConnectionReport(steps)


# The mail layer speaks of settings keys (for the CLI); the page speaks of its fields.
WEB_WORDS = (
    ("imap_host and imap_port", "the incoming server and its port"),
    ("smtp_host and smtp_port", "the sending server and its port"),
    ("imap_security", "the incoming security setting"),
    ("smtp_security", "the sending security setting"),
    ("smtp_port", "the sending port"),
    ("imap_host", "the incoming server"),
    ("smtp_host", "the sending server"),
    ("smtp_user", "the sending user name"),
    ("`followup mail account test`", "“Test the connection”"),
    ("in the settings", "above"),
    ("in your settings", "above"),
)


def _web_words(text: str) -> str:
    for cli, web in WEB_WORDS:
        text = text.replace(cli, web)
    return text


def _failed(what: str, exc: Exception) -> Step:
    if not isinstance(exc, FollowupError):
        return Step(what, False, f"The test stopped on an unexpected problem ({type(exc).__name__}).", None)
    text = exc.message
    if exc.where and exc.where not in text:
        text = f"{text} ({exc.where})"
    return Step(what, False, _web_words(sentence(text)), _web_words(exc.hint) if exc.hint else None)
