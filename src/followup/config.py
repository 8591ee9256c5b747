"""The settings file: reading it into `Settings`, and changing one key safely.

Reading uses the standard library only, so every command can afford it. A bad
value is reported with the file, the key, what is wrong and how to fix it.
Writes go through tomlkit so the user's own comments and layout survive.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import fields, replace
from datetime import time
from typing import Any

from followup.domain.settings import DRAFTING_HELP, TIMING_HELP, Drafting, Profile, Settings, Timings
from followup.errors import SettingsError

TOP_LEVEL_HELP = {
    "timezone": "your time zone, e.g. Europe/Berlin (IANA name)",
    "country": "country whose public holidays are not business days, e.g. US, GB, DE",
    "subdivision": "state or region for regional holidays, e.g. CA or BY (optional)",
    "active_applications_wanted": "how many active applications you want to keep going",
}
PROFILE_HELP = {
    "name": "your full name, for signatures",
    "email": "your email address",
    "phone": "your phone number",
    "postal_address": "your postal address, for letters",
    "signature": "how you sign off (optional; built from the above when empty)",
}
ALL_KEYS: dict[str, str] = {
    **TOP_LEVEL_HELP,
    **{f"timings.{k}": v for k, v in TIMING_HELP.items()},
    **{f"profile.{k}": v for k, v in PROFILE_HELP.items()},
    **{f"drafting.{k}": v for k, v in DRAFTING_HELP.items()},
}


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


def defaults() -> Settings:
    return Settings(timezone=detect_timezone(), country=detect_country())


def load(path: str) -> Settings:
    """Settings from `path`, or the defaults when the file does not exist yet."""
    base = defaults()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return base
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"the settings file is not valid TOML: {exc}",
            where=path,
            hint="Fix the file by hand, or delete it to start again from the defaults.",
        ) from None
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file: {exc.strerror}", where=path) from None
    return from_mapping(data, base, path)


def from_mapping(data: dict[str, Any], base: Settings, where: str) -> Settings:
    top: dict[str, Any] = {}
    timings = base.timings
    profile = base.profile
    drafting = base.drafting
    for key, value in data.items():
        if key == "timings":
            timings = replace(timings, **_section(value, "timings", TIMING_HELP, Timings, where))
        elif key == "profile":
            profile = replace(profile, **_section(value, "profile", PROFILE_HELP, Profile, where))
        elif key == "drafting":
            drafting = replace(drafting, **_section(value, "drafting", DRAFTING_HELP, Drafting, where))
        elif key == "mail":
            # Mail accounts are validated by followup.mail.accounts, which reads this section itself.
            if not isinstance(value, dict):
                raise SettingsError("[mail] must be a table of accounts, e.g. [mail.personal]", where=where)
        elif key in TOP_LEVEL_HELP:
            top[key] = parse_value(key, value, where)
        else:
            raise _unknown(key, where)
    return replace(base, timings=timings, profile=profile, drafting=drafting, **top)


def _section(value: Any, name: str, known: dict[str, str], kind: type, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SettingsError(f"[{name}] must be a table of settings", where=where)
    out = {}
    for key, item in value.items():
        if key not in known:
            raise _unknown(f"{name}.{key}", where)
        out[key] = parse_value(f"{name}.{key}", item, where)
    return out


def _unknown(key: str, where: str) -> SettingsError:
    import difflib

    close = difflib.get_close_matches(key, ALL_KEYS, n=1)
    hint = f"Did you mean {close[0]!r}?" if close else "See all settings with `followup config`."
    return SettingsError(f"unknown setting {key!r}", where=where, hint=hint)


_TIME_KEYS = {f.name for f in fields(Timings) if f.type in ("time", time)}
_MIN_ONE = {"active_applications_wanted", "timings.interview_minutes"} | {
    f"drafting.{k}" for k in DRAFTING_HELP if k.endswith("_words")
}


def parse_value(key: str, value: Any, where: str = "settings") -> Any:
    """Check and convert one setting's value; raises SettingsError naming the key."""
    leaf = key.rsplit(".", 1)[-1]

    def bad(problem: str, hint: str) -> SettingsError:
        return SettingsError(f"{key} {problem} (got {value!r})", where=where, hint=hint)

    if key == "drafting.paper":
        if not isinstance(value, str) or value.upper() not in ("A4", "LETTER"):
            raise bad("must be A4 or letter", "For example: followup config set drafting.paper letter")
        return "A4" if value.upper() == "A4" else "letter"
    if key.startswith("profile.") or key in ("country", "subdivision", "drafting.templates_dir"):
        if not isinstance(value, str):
            raise bad("must be text", f'Write it in quotes, e.g. {key} = "..."')
        if key == "country":
            if not (len(value) == 2 and value.isalpha()):
                raise bad("must be a two-letter country code", "For example US, GB, DE, FR or CA.")
            return value.upper()
        if key == "subdivision":
            return value.upper() or None
        return value
    if key == "timezone":
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
    if key.startswith("timings.") and leaf in _TIME_KEYS:
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0, tzinfo=None)
        try:
            hours, minutes = str(value).split(":")
            return time(int(hours), int(minutes))
        except ValueError:
            raise bad("must be a time of day", 'Write it as "HH:MM", e.g. "09:00".') from None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise bad("must be a whole number", "For example 3.")
    try:
        number = int(value)
    except ValueError:
        raise bad("must be a whole number", "For example 3.") from None
    minimum = 1 if key in _MIN_ONE else 0
    if number < minimum or number > 3650:
        raise bad(f"must be between {minimum} and 3650", "Choose a sensible number of days or hours.")
    return number


def current_values(settings: Settings) -> dict[str, Any]:
    """Every setting by its dotted key, in display form."""
    values: dict[str, Any] = {
        "timezone": settings.timezone,
        "country": settings.country,
        "subdivision": settings.subdivision,
        "active_applications_wanted": settings.active_applications_wanted,
    }
    for f in fields(Timings):
        value = getattr(settings.timings, f.name)
        values[f"timings.{f.name}"] = value.strftime("%H:%M") if isinstance(value, time) else value
    for f in fields(Profile):
        values[f"profile.{f.name}"] = getattr(settings.profile, f.name)
    for f in fields(Drafting):
        values[f"drafting.{f.name}"] = getattr(settings.drafting, f.name)
    return values


def set_value(path: str, key: str, raw: str | None) -> Settings:
    """Set (or with `raw=None`, remove) one key in the file; returns the new settings.

    The new file is checked in full before it replaces the old one, so a bad
    value never leaves a broken settings file behind.
    """
    import tomlkit

    if key not in ALL_KEYS:
        raise _unknown(key, path)
    try:
        with open(path, encoding="utf-8") as fh:
            document = tomlkit.parse(fh.read())
    except FileNotFoundError:
        document = tomlkit.document()
        document.add(tomlkit.comment("followup settings; see `followup config` for every key"))
    section: Any = document
    *parents, leaf = key.split(".")
    for name in parents:
        if name not in section:
            section[name] = tomlkit.table()
        section = section[name]
    if raw is None:
        section.pop(leaf, None)
    else:
        value = parse_value(key, raw, path)
        if key == "country":
            check_country(value, path)
        section[leaf] = value.strftime("%H:%M") if isinstance(value, time) else value
    text = tomlkit.dumps(document)
    settings = from_mapping(tomllib.loads(text), defaults(), path)
    from followup.files import write_atomically

    write_atomically(path, text.encode("utf-8"), create_folder=True)
    return settings


def check_country(code: str, where: str) -> None:
    import holidays

    if code not in holidays.list_supported_countries():
        raise SettingsError(
            f"country {code!r} has no holiday calendar",
            where=where,
            hint="Use a two-letter code such as US, GB, DE, FR, CA or AU.",
        )
