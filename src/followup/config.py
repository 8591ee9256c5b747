"""The settings file: reading it into `Settings`, and changing keys safely.

Which keys exist, what each means, its default and its bounds come from the one
table in `followup.domain.settings`; this module only turns a file's values (or
a command line's text) into them. Reading uses the standard library only, so
every command can afford it. A bad value is reported with the file, the key,
what is wrong and how to fix it. Writes go through tomlkit so the user's own
comments and layout survive, and the whole new file is read back before it
replaces the old one, so a bad value never leaves a broken settings file behind.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import time
from typing import Any

from followup.domain import quiet_hours
from followup.domain.settings import BY_KEY, SECTIONS, Kind, Setting, Settings
from followup.errors import SettingsError


def detect_timezone() -> str:
    """The machine's zone name, so a new user's times are right without any setup."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and "/" in name:
        return name
    try:
        target = os.path.realpath("/etc/localtime")
        marker = "zoneinfo/"
        if marker in target:
            return target.split(marker, 1)[1]
    except OSError:
        pass
    return "UTC"


def detect_country() -> str:
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(var, "")
        if len(value) >= 5 and value[2] == "_" and value[3:5].isalpha():
            return value[3:5].upper()
    return "US"


class StoredSettings(str):
    """A hosted account's settings document, kept in the database rather than in a file.

    The document is the same TOML a settings file holds, so one reader and one writer serve
    both. It is a `str` (the words a message shows where it would show a file's path) so that
    everything which takes the settings' place takes this one unchanged; `read_text` and
    `write_text` below reach the document through the two functions it carries, which the
    application layer binds to that account's store.
    """

    read: Callable[[], str | None]
    write: Callable[[str], None]

    def __new__(cls, shown: str, read: Callable[[], str | None], write: Callable[[str], None]) -> StoredSettings:
        place = super().__new__(cls, shown)
        place.read = read
        place.write = write
        return place


def read_text(place: str) -> str | None:
    """The settings document at `place` (a file's path, or `StoredSettings`); None when there is none yet.

    A file that cannot be read raises `OSError`, and one that is not UTF-8 `UnicodeDecodeError`,
    for the caller to report with its own words."""
    if isinstance(place, StoredSettings):
        return place.read()
    try:
        with open(place, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def write_text(place: str, text: str) -> None:
    """Replace the settings document at `place` in one step."""
    if isinstance(place, StoredSettings):
        place.write(text)
        return
    from followup.files import write_atomically

    write_atomically(place, text.encode("utf-8"), create_folder=True)


def defaults() -> Settings:
    return Settings(timezone=detect_timezone(), country=detect_country())


def load(path: str) -> Settings:
    """Settings from `path`, or the defaults when the file does not exist yet."""
    base = defaults()
    try:
        text = read_text(path)
        if text is None:
            return base
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"the settings file is not valid TOML: {exc}",
            where=path,
            hint="Fix the file by hand, or delete it to start again from the defaults.",
        ) from None
    except UnicodeDecodeError:
        raise SettingsError(
            "the settings file is not UTF-8 text",
            where=path,
            hint="Point --config at a followup settings file, or delete this one to start from the defaults.",
        ) from None
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file: {exc.strerror}", where=path) from None
    return from_mapping(data, base, path)


_YES_NO = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_SECTION_NAMES = {section for section, _holder in SECTIONS if section}


def from_mapping(data: dict[str, Any], base: Settings, where: str) -> Settings:
    """`base` with every key of `data` (a parsed settings file) checked and applied."""
    top: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {section: {} for section in _SECTION_NAMES}
    for key, value in data.items():
        if key in _SECTION_NAMES:
            if not isinstance(value, dict):
                raise SettingsError(f"[{key}] must be a table of settings", where=where)
            for name, item in value.items():
                sections[key][name] = parse_value(f"{key}.{name}", item, where)
        elif key == "mail":
            # Mail accounts are validated by followup.mail.accounts, which reads this section itself.
            if not isinstance(value, dict):
                raise SettingsError("[mail] must be a table of accounts, e.g. [mail.personal]", where=where)
        else:
            top[key] = parse_value(key, value, where)
    changed = {section: replace(getattr(base, section), **values) for section, values in sections.items() if values}
    return replace(base, **top, **changed)


def spec_of(key: str, where: str) -> Setting:
    """The setting called `key`, or an error that suggests the closest known key."""
    found = BY_KEY.get(key)
    if found is None:
        raise unknown_setting(key, where)
    return found


def unknown_setting(key: str, where: str) -> SettingsError:
    # Imported here: every command reads the settings, only a mistyped key needs difflib.
    import difflib

    close = difflib.get_close_matches(key, BY_KEY, n=1)
    hint = f"Did you mean {close[0]!r}?" if close else "See all settings with `followup config`."
    return SettingsError(f"unknown setting {key!r}", where=where, hint=hint)


def parse_value(key: str, value: Any, where: str = "settings") -> Any:
    """Check and convert one setting's value (from the file, or a command's text).

    Raises SettingsError naming the key, what is wrong and how to fix it.
    """
    setting = spec_of(key, where)
    spec = setting.spec

    def bad(problem: str, hint: str) -> SettingsError:
        return SettingsError(f"{key} {problem} (got {value!r})", where=where, hint=hint)

    if spec.kind is Kind.CHOICE:
        codes = [code for code, _label in spec.choices]
        by_case = {code.upper(): code for code in codes}
        if not isinstance(value, str) or value.upper() not in by_case:
            raise bad(f"must be {' or '.join(codes)}", f"For example: followup config set {key} {codes[-1]}")
        return by_case[value.upper()]
    if spec.kind in (Kind.TEXT, Kind.COUNTRY, Kind.REGION):
        if not isinstance(value, str):
            raise bad("must be text", f'Write it in quotes, e.g. {key} = "..."')
        if spec.kind is Kind.COUNTRY:
            if not (len(value) == 2 and value.isalpha()):
                raise bad("must be a two-letter country code", "For example US, GB, DE, FR or CA.")
            return value.upper()
        if spec.kind is Kind.REGION:
            return value.upper() or None
        return value
    if spec.kind is Kind.ZONE:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            if not isinstance(value, str) or not value:
                raise ValueError
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise bad(
                "is not a known time zone", "Use an IANA name such as Europe/Berlin or America/New_York."
            ) from None
        return value
    if spec.kind is Kind.QUIET_HOURS:
        if isinstance(value, quiet_hours.QuietHours):
            return value
        try:
            return quiet_hours.parse(str(value))
        except ValueError:
            raise bad("must be two different times of day", 'Write it as "HH:MM-HH:MM", e.g. "21:00-08:00".') from None
    if spec.kind is Kind.DAILY_TIME:
        text = str(value).strip().lower() if isinstance(value, str | time) else ""
        if text in ("off", "false", "no"):
            return "off"
        try:
            hours, minutes = text.split(":")[:2]
            if len(minutes) != 2:
                raise ValueError
            return f"{time(int(hours), int(minutes)):%H:%M}"
        except ValueError:
            raise bad("must be a time of day or off", f"For example: followup config set {key} 08:00") from None
    if spec.kind is Kind.WEB_ADDRESS:
        from urllib.parse import urlsplit

        text = value.strip().rstrip("/") if isinstance(value, str) else ""
        try:
            parts = urlsplit(text)
            fine = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
        except ValueError:  # a port that is not a number
            fine = False
        if not fine or parts.query or parts.fragment:
            raise bad("must be a web address", f"For example: followup config set {key} http://127.0.0.1:8765")
        return text
    if spec.kind is Kind.SECRET:
        return _secret_source(key, value, where)
    if spec.kind is Kind.YES_NO:
        if isinstance(value, bool):
            return value
        answer = _YES_NO.get(str(value).strip().lower())
        if answer is None:
            raise bad("must be true or false", f"For example: followup config set {key} false")
        return answer
    if spec.kind is Kind.TIME:
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0, tzinfo=None)
        try:
            hours, minutes = str(value).split(":")
            return time(int(hours), int(minutes))
        except ValueError:
            raise bad("must be a time of day", 'Write it as "HH:MM", e.g. "09:00".') from None
    # A TOML boolean is an int to Python; true is not a number of days.
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise bad("must be a whole number", "For example 3.")
    try:
        number = int(value)
    except ValueError:
        raise bad("must be a whole number", "For example 3.") from None
    if not spec.minimum <= number <= spec.maximum:
        raise bad(f"must be between {spec.minimum} and {spec.maximum}", "Choose a sensible number of days or hours.")
    return number


def _secret_source(key: str, value: Any, where: str) -> str:
    """Where a secret is: never the secret itself, which this error does not repeat either."""
    text = value.strip() if isinstance(value, str) else ""
    name = text[len("env:") :]
    if text in ("", "keyring") or (text.startswith("env:") and name.isidentifier()):
        return text
    if text.startswith("command:") and text[len("command:") :].strip():
        return text
    problem = "holds a secret URL in the settings file" if "://" in text else "must say where the secret is"
    raise SettingsError(
        f"{key} {problem}",
        where=where,
        hint=f"Paste the URL with `followup config set {key} URL` (it goes to your OS keyring), or write "
        "env:NAME (an environment variable) or command:PROGRAM (the first line it prints).",
    )


def shown(value: Any) -> Any:
    """A setting's value as the file writes it and `followup config` shows it."""
    if isinstance(value, quiet_hours.QuietHours):
        return str(value)
    return value.strftime("%H:%M") if isinstance(value, time) else value


def current_values(settings: Settings) -> dict[str, Any]:
    """Every setting by its dotted key, in display form, in the table's order."""
    return {setting.key: shown(setting.value_in(settings)) for setting in BY_KEY.values()}


def set_value(path: str, key: str, raw: str | None) -> Settings:
    """Set (or with `raw=None`, remove) one key in the file; returns the new settings."""
    return write_settings(path, {key: raw})


def write_settings(path: str, changes: Mapping[str, Any]) -> Settings:
    """Set (or, for None, remove) several dotted keys in one atomic write; returns the new settings.

    Each value is checked by `parse_value` (and a country by `check_country`), and
    the whole new file is read back before it replaces the old one.
    """
    import tomlkit

    for key in changes:
        spec_of(key, path)
    document = open_document(path)
    for key, raw in changes.items():
        *parents, leaf = key.split(".")
        section: Any = document
        for name in parents:
            if name not in section:
                if raw is None:
                    section = None
                    break
                section[name] = tomlkit.table()
            section = section[name]
        if section is None:  # removing a key whose table is not there: nothing to do
            continue
        if raw is None:
            section.pop(leaf, None)
            continue
        value = parse_value(key, raw, path)
        if BY_KEY[key].spec.kind is Kind.COUNTRY:
            check_country(value, path)
        value = shown(value)
        if isinstance(value, str) and "\n" in value:
            value = tomlkit.string(value, multiline=True)
        section[leaf] = value
    text = tomlkit.dumps(document)
    settings = from_mapping(tomllib.loads(text), defaults(), path)
    try:
        write_text(path, text)
    except OSError as exc:
        raise SettingsError(f"cannot write the settings file: {exc.strerror}", where=path) from None
    return settings


def open_document(path: str) -> Any:
    """The settings file as a tomlkit document (a new one, with a comment, when there is no file yet)."""
    import tomlkit

    try:
        text = read_text(path)
        if text is not None:
            return tomlkit.parse(text)
        document = tomlkit.document()
        document.add(tomlkit.comment("followup settings; see `followup config` for every key"))
        return document
    except tomlkit.exceptions.ParseError as exc:
        raise SettingsError(
            f"the settings file is not valid TOML: {exc}",
            where=path,
            hint="Fix the file by hand, or delete it to start again from the defaults.",
        ) from None
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file: {exc.strerror}", where=path) from None


def check_country(code: str, where: str) -> None:
    import holidays

    if code not in holidays.list_supported_countries():
        raise SettingsError(
            f"country {code!r} has no holiday calendar",
            where=where,
            hint="Use a two-letter code such as US, GB, DE, FR, CA or AU.",
        )
