"""Mail accounts: the `[mail.<name>]` tables of the settings file.

The file says where the mailbox is and *how* to obtain its password (an
environment variable, a command such as `pass show mail`, or the OS keyring),
never the password itself: settings files get copied, synced and shared.
Reading uses tomllib; writing goes through tomlkit so the user's comments and
layout survive, and replaces the file atomically.

`parse_account` is the one validation of an account, for the file and for the
Settings page alike: each problem is an `AccountError` whose `field` names the
key at fault, so a form can show it next to its field without reading the message.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from typing import Any

from followup.config import read_text, write_text
from followup.errors import SettingsError

SECURITY = ("tls", "starttls", "none")
IMAP_PORTS = {"tls": 993, "starttls": 143, "none": 143}
SMTP_PORTS = {"tls": 465, "starttls": 587, "none": 25}
FOLDER_ROLES = ("inbox", "junk", "sent", "drafts")
ACCOUNT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
PORTS = range(1, 65536)
_LOOPBACK = ("localhost", "127.0.0.1", "::1")
ADD_HINT = (
    "Add one with `followup mail account add NAME --email ADDRESS --imap-host HOST --password-env VAR` "
    "(or --password-command CMD / --password-keyring)."
)


class AccountError(SettingsError):
    """One problem with a mail account. `field` is the key at fault (`name` for the account's
    name, `password` when no password source is given, None for the table as a whole)."""

    def __init__(self, message: str, *, field: str | None, where: str | None, hint: str | None = None) -> None:
        super().__init__(message, where=where, hint=hint)
        self.field = field


def plain_text_allowed(host: str) -> bool:
    """Whether a connection without TLS may go to `host`: a password sent in clear over
    a network is a password given away, so only a server on this computer."""
    return host.strip("[]") in _LOOPBACK


@dataclass(frozen=True)
class MailAccount:
    name: str
    email: str
    imap_host: str
    imap_port: int = 0  # 0: the usual port for imap_security
    imap_security: str = "tls"
    imap_user: str = ""  # empty: the email address
    smtp_host: str = ""  # empty: no sending from this account
    smtp_port: int = 0
    smtp_security: str = "tls"
    smtp_user: str = ""
    password_env: str | None = None
    password_command: str | None = None
    password_keyring: bool = False
    oauth2_command: str | None = None
    # Connected with the hosted installation's mail provider ("Connect your mailbox"): the server
    # keeps the tokens (app/mail_connection.py); the single-user app has no such provider and refuses it.
    oauth2_server: bool = False
    auto_apply: bool = False
    folders: dict[str, str] = field(default_factory=dict, hash=False)
    # A password typed for one connection test on the Settings page: used instead of every source,
    # never written to the settings file, never compared, never shown by repr.
    typed_password: str | None = field(default=None, compare=False, hash=False, repr=False)
    # An access token handed over by the hosted server for one connection (XOAUTH2), the same way.
    typed_token: str | None = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        # Fill the conventional defaults once, so every reader sees real values.
        if not self.imap_port:
            object.__setattr__(self, "imap_port", IMAP_PORTS.get(self.imap_security, 993))
        if not self.smtp_port:
            object.__setattr__(self, "smtp_port", SMTP_PORTS.get(self.smtp_security, 465))
        if not self.imap_user:
            object.__setattr__(self, "imap_user", self.email)
        if not self.smtp_user:
            object.__setattr__(self, "smtp_user", self.imap_user)

    def to_table(self) -> dict[str, Any]:
        """What goes into the settings file: the values that differ from the defaults, no secret."""
        out: dict[str, Any] = {"email": self.email, "imap_host": self.imap_host}
        implied: dict[str, Any] = {
            "imap_port": IMAP_PORTS.get(self.imap_security),
            "imap_security": "tls",
            "imap_user": self.email,
            "smtp_host": "",
            "smtp_port": SMTP_PORTS.get(self.smtp_security),
            "smtp_security": "tls",
            "smtp_user": self.imap_user,
            "password_env": None,
            "password_command": None,
            "password_keyring": False,
            "oauth2_command": None,
            "oauth2_server": False,
            "auto_apply": False,
            "folders": {},
        }
        for key, default in implied.items():
            value = getattr(self, key)
            if value != default:
                out[key] = dict(value) if isinstance(value, dict) else value
        return out


_TEXT = {"email", "imap_host", "imap_user", "smtp_host", "smtp_user", "password_env", "password_command"}
_TEXT |= {"oauth2_command"}
_PORTS = {"imap_port", "smtp_port"}
_BOOLS = {"password_keyring", "auto_apply", "oauth2_server"}
_KEYS = {f.name for f in fields(MailAccount)} - {"name", "typed_password", "typed_token"}
_SOURCES = ("password_env", "password_command", "password_keyring", "oauth2_command")


def parse_account(name: str, table: Any, where: str) -> MailAccount:
    """One `[mail.<name>]` table, checked key by key; raises AccountError naming the field."""

    def bad(key: str, problem: str, hint: str) -> AccountError:
        return AccountError(f"mail.{name}.{key} {problem}", field=key, where=where, hint=hint)

    if not ACCOUNT_NAME.match(name):
        raise AccountError(
            f"mail account name {name!r} is not usable",
            field="name",
            where=where,
            hint="Use letters, digits, '-' and '_' (up to 40), e.g. [mail.personal].",
        )
    if not isinstance(table, dict):
        raise AccountError(
            f"mail.{name} must be a table of settings", field=None, where=where, hint=f"Write it as [mail.{name}]."
        )
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            import difflib

            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else f"Known keys: {', '.join(sorted(_KEYS))}."
            raise bad(key, "is not a known mail setting", hint)
        if key in _TEXT:
            if not isinstance(value, str) or not value.strip():
                raise bad(key, f"must be non-empty text (got {value!r})", f'Write it in quotes, e.g. {key} = "..."')
            value = value.strip()
        elif key in _PORTS:
            # A TOML boolean is an int to Python; true is not a port.
            if isinstance(value, bool) or not isinstance(value, int) or value not in PORTS:
                raise bad(key, f"must be a port number (got {value!r})", "For example 993 for IMAP over TLS.")
        elif key in _BOOLS:
            if not isinstance(value, bool):
                raise bad(key, f"must be true or false (got {value!r})", f"For example {key} = true")
        elif key in ("imap_security", "smtp_security"):
            if value not in SECURITY:
                raise bad(key, f"must be tls, starttls or none (got {value!r})", "Most providers use tls.")
        elif key == "folders":
            value = _folders(name, value, where)
        values[key] = value
    for key in ("email", "imap_host"):
        if key not in values:
            raise bad(key, "is missing", f'Add {key} = "..." under [mail.{name}].')
    if "@" not in values["email"]:
        raise bad("email", f"is not an email address (got {values['email']!r})", "For example me@example.com.")
    if values.get("imap_security") == "none" and not plain_text_allowed(values["imap_host"]):
        raise bad(
            "imap_security",
            "is none, which is only allowed for a server on this computer",
            "Use tls (port 993) or starttls (port 143).",
        )
    if values.get("oauth2_server"):
        mixed = [key for key in _SOURCES if values.get(key)]
        if mixed:
            raise bad(
                mixed[0],
                "is set, but the account is connected through the server (oauth2_server = true)",
                f"Keep one of them under [mail.{name}].",
            )
    elif not any(values.get(k) for k in _SOURCES):
        raise AccountError(
            f"mail.{name} has no way to get the password",
            field="password",
            where=where,
            hint='Add password_env = "VAR", password_command = "pass show mail", password_keyring = true '
            "or oauth2_command.",
        )
    return MailAccount(name=name, **values)


def _folders(name: str, value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise AccountError(
            f"mail.{name}.folders must be a table", field="folders", where=where, hint=f"[mail.{name}.folders]"
        )
    for role, folder in value.items():
        if role not in FOLDER_ROLES:
            raise AccountError(
                f"mail.{name}.folders.{role} is not a folder role",
                field="folders",
                where=where,
                hint=f"Use one of {', '.join(FOLDER_ROLES)}.",
            )
        if not isinstance(folder, str) or not folder:
            raise AccountError(
                f"mail.{name}.folders.{role} must be a folder name (got {folder!r})",
                field="folders",
                where=where,
                hint=f'For example {role} = "{role.capitalize()}"',
            )
    return dict(value)


def _read(config_path: str) -> dict[str, Any]:
    try:
        text = read_text(config_path)
        return tomllib.loads(text) if text is not None else {}
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"the settings file is not valid TOML: {exc}", where=config_path) from None
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file: {exc.strerror}", where=config_path) from None


def load_accounts(config_path: str) -> list[MailAccount]:
    section = _read(config_path).get("mail", {})
    if not isinstance(section, dict):
        raise SettingsError("[mail] must be a table of accounts", where=config_path, hint="e.g. [mail.personal]")
    return [parse_account(name, table, config_path) for name, table in section.items()]


def get_account(config_path: str, name: str | None = None) -> MailAccount:
    """The named account, or the only one when no name is given."""
    accounts = load_accounts(config_path)
    if not accounts:
        raise SettingsError("no mail account is set up", where=config_path, hint=ADD_HINT)
    if name is None:
        if len(accounts) > 1:
            names = ", ".join(a.name for a in accounts)
            raise SettingsError(f"there are several mail accounts ({names})", hint="Choose one with --account NAME.")
        return accounts[0]
    for account in accounts:
        if account.name == name:
            return account
    names = ", ".join(a.name for a in accounts)
    raise SettingsError(f"no mail account called {name!r} (there is: {names})", where=config_path)


def add_account(config_path: str, account: MailAccount) -> None:
    """Write `account` as [mail.<name>]; adding an existing name is an error, not an overwrite."""
    import tomlkit

    document = _document(config_path)
    mail = document.setdefault("mail", tomlkit.table(is_super_table=True))
    if account.name in mail:
        raise SettingsError(
            f"a mail account called {account.name!r} already exists",
            where=config_path,
            hint=f"Remove it first with `followup mail account remove {account.name}`, or choose another name.",
        )
    table = account.to_table()
    # The new table is validated exactly as it will be read back, before the file changes.
    parse_account(account.name, table, config_path)
    item = tomlkit.table()
    for key, value in table.items():
        item[key] = value
    mail[account.name] = item
    _write(config_path, document)


def remove_account(config_path: str, name: str) -> None:
    document = _document(config_path)
    mail = document.get("mail")
    if mail is None or name not in mail:
        raise SettingsError(
            f"no mail account called {name!r}", where=config_path, hint="See `followup mail account list`."
        )
    del mail[name]
    if not mail:
        del document["mail"]
    _write(config_path, document)


def _document(config_path: str) -> Any:
    import tomlkit

    try:
        text = read_text(config_path)
        return tomlkit.parse(text) if text is not None else tomlkit.document()
    except tomlkit.exceptions.ParseError as exc:
        raise SettingsError(f"the settings file is not valid TOML: {exc}", where=config_path) from None


def _write(config_path: str, document: Any) -> None:
    import tomlkit

    write_text(config_path, tomlkit.dumps(document))
