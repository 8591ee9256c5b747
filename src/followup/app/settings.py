"""Use cases behind the web app's Settings page and `followup config`: read the settings, change a few at once.

Every field of the page comes from the settings table (`followup.domain.settings`):
its label, help, unit, bounds and default are read there, never restated here.
Every change is written by `followup.config.write_settings`, which checks each
value as the settings file would and reads the whole new file back before it
replaces the old one; tomlkit keeps the user's comments and layout.

Form input is checked field by field first, in the page's words, so each problem
is told next to its field (`FieldErrors`). Secrets are never handled here: a mail
account says where its password comes from, never what it is: mail accounts
are in `followup.app.mail_account`, the user's own message templates in
`followup.app.template_overrides`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from followup import config
from followup.app.context import Env
from followup.domain.fields import FieldError, email_address, phone_number
from followup.domain.settings import CALENDAR, PROFILE, TIMING_GROUPS, Form, Kind, Setting, Settings, in_group
from followup.drafting import facts
from followup.errors import InvalidInput, SettingsError
from followup.store.db import is_database_url


class FieldErrors(InvalidInput):
    """Several form fields are wrong; `errors` maps each field's name to what to do about it."""

    def __init__(self, errors: dict[str, str]) -> None:
        count = len(errors)
        super().__init__(f"{count} field{'s' if count != 1 else ''} need{'s' if count == 1 else ''} a look")
        self.errors = errors


@dataclass(frozen=True)
class FormField:
    """A setting as a field of the page: everything is read from its row of the settings table."""

    setting: Setting

    @property
    def key(self) -> str:  # the dotted settings key
        return self.setting.key

    @property
    def name(self) -> str:  # the form field's name
        return self.setting.name

    @property
    def _form(self) -> Form:
        form = self.setting.form
        assert form is not None, f"{self.key} is not shown on the Settings page"
        return form

    @property
    def label(self) -> str:
        return self._form.label

    @property
    def help(self) -> str:
        return self._form.help

    @property
    def unit(self) -> str:
        return self._form.unit

    @property
    def kind(self) -> str:  # the control: text, email, tel, textarea
        return self._form.widget

    @property
    def autocomplete(self) -> str:
        return self._form.autocomplete

    @property
    def is_time(self) -> bool:
        return self.setting.spec.kind is Kind.TIME

    @property
    def minimum(self) -> int:
        return self.setting.spec.minimum

    @property
    def maximum(self) -> int:
        return self.setting.spec.maximum

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        return self.setting.spec.choices


def fields_of(group: str) -> tuple[FormField, ...]:
    return tuple(FormField(row) for row in in_group(group))


# -- writing ------------------------------------------------------------------------------------


def change_settings(env: Env, changes: Mapping[str, Any]) -> int:
    """Write `changes` (dotted key -> text, None to remove), use the new settings from now on,
    and bring every follow-up up to date. Returns how many applications had their follow-ups recomputed.
    """
    from followup.app.plan import ensure_fresh

    if not changes:
        return 0
    _check_profile_fields(changes)
    changes = _secrets_kept_apart(env, changes)
    config.write_settings(env.config_path, changes)
    env.reload_settings()
    return ensure_fresh(env)


def _secrets_kept_apart(env: Env, changes: Mapping[str, Any]) -> dict[str, Any]:
    """A pasted notification URL goes to the OS keyring (checked first), or in hosted mode to the
    account's encrypted secrets in the database; the settings only say "keyring"."""
    from followup.app import stored_secrets
    from followup.mail import push

    kept = dict(changes)
    url = kept.get(push.KEY)
    if isinstance(url, str) and "://" in url and not url.strip().startswith(("command:", "env:")):
        if stored_secrets.hosted(env):
            stored_secrets.keep_push_url(env, url.strip())
        else:
            push.keep_in_keyring(url.strip())
        kept[push.KEY] = "keyring"
    return kept


def reload(env: Env) -> Settings:
    """The settings as the file says now (the CLI or an editor may have changed it)."""
    env.reload_settings()
    return env.settings


def write_setting(env: Env, key: str, value: str | None) -> None:
    """Write one dotted key (None: remove it), checked as the file is read; nothing is recomputed,
    and the settings in use change only with `reload` (for answers that are asked one by one)."""
    _check_profile_fields({key: value})
    config.set_value(env.config_path, key, value)


# The user's own address and number go into drafts as a contact's do: the same rules, whichever
# door they come through (the Settings page, `followup config set`, the CLI's first-use questions).
PROFILE_RULES = {
    "profile.email": (email_address, "Enter an email address like name@example.com."),
    "profile.phone": (phone_number, "Enter a phone number with its digits, like +44 20 7946 0958."),
}


def _check_profile_fields(changes: Mapping[str, Any]) -> None:
    for key, value in changes.items():
        if key in PROFILE_RULES and isinstance(value, str) and value.strip():
            check, advice = PROFILE_RULES[key]
            try:
                check(value)
            except FieldError as exc:
                raise InvalidInput(str(exc), where=key, hint=advice) from None


# -- `followup config` --------------------------------------------------------------------------


def current_values(env: Env) -> dict[str, Any]:
    """Every setting by its dotted key, as the file writes it, in the settings table's order."""
    return config.current_values(env.settings)


def current_value(env: Env, key: str) -> Any:
    """One setting's value as the file writes it; SettingsError for a key that does not exist."""
    config.spec_of(key, env.config_path)
    return config.current_values(env.settings)[key]


# -- profile ------------------------------------------------------------------------------------

PROFILE_FIELDS = tuple(f for f in fields_of(PROFILE) if not f.choices)  # the paper size is a choice, shown apart
PAPER = next(f for f in fields_of(PROFILE) if f.choices)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def signature(settings: Settings) -> str:
    """How drafts are signed: the profile's own signature, or its name, phone and email."""
    return facts.signature(settings.profile)


def profile_values(settings: Settings) -> dict[str, str]:
    return {f.name: f.setting.value_in(settings) for f in (*PROFILE_FIELDS, PAPER)}


def check_profile(form: Mapping[str, str]) -> dict[str, str | None]:
    """The profile keys to write (None: back to empty), or FieldErrors."""
    errors: dict[str, str] = {}
    changes: dict[str, str | None] = {}
    for spec in PROFILE_FIELDS:
        value = _clean_text(form.get(spec.name, ""), multiline=spec.kind == "textarea")
        limit = 1000 if spec.kind == "textarea" else 200
        if _CONTROL.search(value):
            errors[spec.name] = "Remove the invisible control characters (paste it as plain text)."
        elif len(value) > limit:
            errors[spec.name] = f"Keep it under {limit} characters (this is {len(value)})."
        elif value and spec.key in PROFILE_RULES and not _passes(PROFILE_RULES[spec.key][0], value):
            errors[spec.name] = PROFILE_RULES[spec.key][1]
        changes[spec.key] = value or None
    paper = form.get(PAPER.name, PAPER.setting.default)
    if paper not in {code for code, _ in PAPER.choices}:
        errors[PAPER.name] = "Choose A4 or US Letter."
    # The default is written as no key at all, so the file stays as short as the user left it.
    changes[PAPER.key] = None if paper == PAPER.setting.default else paper
    if errors:
        raise FieldErrors(errors)
    return changes


def is_email_address(value: str) -> bool:
    """Whether `value` is one plain email address by the rule every door uses (`domain.fields`)."""
    return _passes(email_address, value)


def _passes(check: Any, value: str) -> bool:
    try:
        check(value)
    except FieldError:
        return False
    return True


def _clean_text(value: str, *, multiline: bool) -> str:
    if not multiline:
        return " ".join(value.split())
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n").strip()


def save_profile(env: Env, form: Mapping[str, str]) -> None:
    changes = check_profile(form)
    current = config.current_values(env.settings)
    # Only what changed is written: an untouched empty field adds nothing to the file.
    change_settings(env, {k: v for k, v in changes.items() if (v or "") != (current.get(k) or "")})


# -- timings ------------------------------------------------------------------------------------

TIMING_SECTION = tuple((title, fields_of(title)) for title in TIMING_GROUPS)
TIMING_FIELDS = tuple(f for _title, fields in TIMING_SECTION for f in fields)


def timing_value(settings: Settings, spec: FormField) -> str:
    return str(config.shown(spec.setting.value_in(settings)))


def timing_default(spec: FormField) -> str:
    return str(config.shown(spec.setting.default))


def default_text(spec: FormField) -> str:
    """'24 hours', '09:00', '1 business day'."""
    value = timing_default(spec)
    if spec.is_time:
        return value
    unit = spec.unit
    if value == "1":
        unit = re.sub(r"\b(day|hour|minute|application)s\b", r"\1", unit, count=1)
    return f"{value} {unit}"


def parse_timing(spec: FormField, raw: str) -> tuple[str | None, str | None]:
    """(value to store, None) or (None, the message to show next to the field). Never raises."""
    text = raw.strip()
    if spec.is_time:
        match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})", text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            return None, "Enter a time of day, like 09:00."
        return f"{int(match[1]):02d}:{match[2]}", None
    if not re.fullmatch(r"[+]?\d{1,6}", text):
        if re.fullmatch(r"-\d+", text):
            return None, f"Enter a number from {spec.minimum} to {spec.maximum}; it cannot be negative."
        return None, "Enter a whole number, like 3." if text else "Enter a number (the default is shown below)."
    number = int(text)
    if not spec.minimum <= number <= spec.maximum:
        return None, f"Enter a number from {spec.minimum} to {spec.maximum}."
    return str(number), None


def check_timings(settings: Settings, form: Mapping[str, str]) -> dict[str, str]:
    """The timing keys that change (dotted key → value), or FieldErrors naming each bad field."""
    errors: dict[str, str] = {}
    changes: dict[str, str] = {}
    for spec in TIMING_FIELDS:
        if spec.name not in form:
            continue
        value, problem = parse_timing(spec, form[spec.name])
        if problem:
            errors[spec.name] = problem
        elif value is not None and value != timing_value(settings, spec):
            changes[spec.key] = value
    if errors:
        raise FieldErrors(errors)
    return changes


def save_timings(env: Env, form: Mapping[str, str]) -> int:
    return change_settings(env, check_timings(env.settings, form))


def reset_timings(env: Env) -> int:
    """Every timing back to the playbook's default (the keys leave the file)."""
    return change_settings(env, {s.key: None for s in TIMING_FIELDS})


def changed_timings(settings: Settings) -> int:
    return sum(1 for s in TIMING_FIELDS if timing_value(settings, s) != timing_default(s))


# -- time zone and holidays ---------------------------------------------------------------------

COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/Vienna",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Helsinki",
    "Europe/Istanbul",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Cairo",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Hong_Kong",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
)
_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


@cache
def all_zones() -> tuple[str, ...]:
    """Every place-named IANA zone (no legacy aliases like US/Eastern), sorted."""
    from zoneinfo import available_timezones

    names = {z for z in available_timezones() if z.split("/", 1)[0] in _REGIONS and "/" in z}
    return tuple(sorted(names | {"UTC"}))


def detected_timezone() -> str:
    """The computer's own time zone, offered next to the one chosen."""
    return config.detect_timezone()


def zone_groups(current: str, detected: str) -> list[tuple[str, list[str]]]:
    """The zones for a select: common ones first (with the current and detected zones), then by region.

    Every zone appears once, and the current one always appears, even if it is a legacy name.
    """
    first = [z for z in dict.fromkeys([current, detected, *COMMON_ZONES]) if z]
    seen = set(first)
    groups: list[tuple[str, list[str]]] = [("Common", first)]
    by_region: dict[str, list[str]] = {}
    for zone in all_zones():
        if zone not in seen:
            by_region.setdefault(zone.split("/", 1)[0], []).append(zone)
    groups += list(by_region.items())
    return groups


def utc_offset(zone: str, at: datetime) -> str:
    """'UTC+01:00' for `zone` at the moment `at`."""
    offset = at.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_label(zone: str, at: datetime) -> str:
    """'Berlin (Europe/Berlin), UTC+01:00'."""
    try:
        offset = utc_offset(zone, at)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError; a malformed name a ValueError
        return f"{zone} (not a known time zone)"
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{place} ({zone}), {offset}" if "/" in zone else f"{zone}, {offset}"


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """(code, name) of every country with a holiday calendar, by name."""
    import holidays
    from holidays.registry import COUNTRIES

    supported = holidays.list_supported_countries()
    names: dict[str, str] = {}
    for class_name, code, *_rest in COUNTRIES.values():
        if len(code) == 2 and code in supported:
            words = re.findall(r"[A-Z][a-z]*|[a-z]+", class_name)
            small = {"And", "Of", "The", "Da", "Du"}
            names[code] = " ".join(w.lower() if i and w in small else w for i, w in enumerate(words))
    return tuple(sorted(names.items(), key=lambda item: item[1]))


def country_name(code: str) -> str:
    return dict(countries()).get(code, code)


@cache
def subdivisions(code: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of the regions with their own holidays; only codes the settings file can hold."""
    import holidays

    supported = holidays.list_supported_countries().get(code, [])
    try:
        aliases = getattr(holidays.country_holidays(code), "subdivisions_aliases", {}) or {}
    except (NotImplementedError, KeyError):
        return ()
    names: dict[str, str] = {}
    for name, sub in aliases.items():
        names.setdefault(sub, name)
    usable = [s for s in supported if s == s.upper()]
    return tuple(sorted(((s, names.get(s, s)) for s in usable), key=lambda item: item[1]))


CALENDAR_FIELDS = {f.name: f for f in fields_of(CALENDAR)}


def check_calendar(form: Mapping[str, str]) -> dict[str, str | None]:
    errors: dict[str, str] = {}
    zone = form.get("timezone", "").strip()
    try:
        config.parse_value("timezone", zone)
    except SettingsError:
        errors["timezone"] = "Choose a time zone from the list, like Europe/Berlin."
    country = form.get("country", "").strip().upper()
    subdivision = form.get("subdivision", "").strip().upper()
    if country not in dict(countries()):
        errors["country"] = (
            f"followup has no holiday calendar for “{form.get('country', '')}”. Choose a country from the list."
            if country
            else "Choose your country."
        )
    elif subdivision and subdivision not in dict(subdivisions(country)):
        regions = subdivisions(country)
        errors["subdivision"] = f"{country_name(country)} has no region “{subdivision}” with its own holidays. " + (
            "Choose one from the list, or “Whole country”." if regions else "Choose “Whole country”."
        )
    if errors:
        raise FieldErrors(errors)
    return {"timezone": zone, "country": country, "subdivision": subdivision or None}


def save_calendar(env: Env, form: Mapping[str, str]) -> int:
    changes = check_calendar(form)
    current = config.current_values(env.settings)
    return change_settings(env, {k: v for k, v in changes.items() if v != current.get(k)})


def upcoming_holidays(settings: Settings, today: date, count: int = 4) -> list[tuple[date, str]]:
    """The next public holidays that are not business days, in English where the package has it."""
    import holidays

    years = [today.year, today.year + 1]
    try:
        try:
            days = holidays.country_holidays(
                settings.country, subdiv=settings.subdivision, years=years, language="en_US"
            )
        except (NotImplementedError, KeyError, ValueError):
            days = holidays.country_holidays(settings.country, subdiv=settings.subdivision, years=years)
    except Exception:  # an unsupported country is reported by the form, not here
        return []
    return [(day, name) for day, name in sorted(days.items()) if day >= today][:count]


# -- your data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataPlaces:
    database: str
    settings: str
    templates: str
    database_size: int | None
    in_postgresql: bool  # the applications are in a PostgreSQL database, not on this computer


def data_places(env: Env) -> DataPlaces:
    from followup.app.drafts import templates_dir

    try:
        size: int | None = os.path.getsize(env.db_path)
    except OSError:  # not there yet, or a PostgreSQL database (a URL)
        size = None
    in_postgresql = is_database_url(env.db_path)
    return DataPlaces(
        database=env.database_shown if in_postgresql else os.path.abspath(env.db_path),
        settings=os.path.abspath(env.config_path),
        templates=os.path.abspath(templates_dir(env)),
        database_size=size,
        in_postgresql=in_postgresql,
    )


# -- the first run ------------------------------------------------------------------------------
#
# A new user is asked two things once: their name, which signs every draft, and their time
# zone, in which they enter interviews. The web app asks on one short screen before Today;
# the command line, which cannot show a screen, says once how to set each one. Whether that
# was done (or skipped) is kept in the database, so it is asked of each data folder once.

FIRST_RUN = "first_run"  # meta key: "done" or "skipped"


def _first_run_key(env: Env) -> str:
    # The meta table is the installation's: each account of a hosted one answers the questions once.
    return FIRST_RUN if env.own_folder is None else f"{FIRST_RUN}:{env.owner}"


TOLD = "told_how_to_set:"  # meta key prefix: the command line said once how to set this setting


def first_run_due(env: Env) -> bool:
    """Whether the first visit's questions are still to be asked: no name, no application, not skipped."""
    from followup.store.actions import get_meta, has_applications

    if env.settings.profile.name.strip():
        return False
    if get_meta(env.store, _first_run_key(env)) is not None or has_applications(env.store):
        return False
    env.reload_settings()  # the command line may have set the name since the server started
    return not env.settings.profile.name.strip()


def zone_was_chosen(env: Env) -> bool:
    """Whether the settings file names a time zone (else it is this computer's, guessed)."""
    import tomllib

    try:
        return "timezone" in tomllib.loads(config.read_text(env.config_path) or "")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def first_run_values(env: Env) -> dict[str, str]:
    return {"name": env.settings.profile.name, "timezone": env.settings.timezone}


def check_first_run(form: Mapping[str, str]) -> dict[str, str]:
    """The name and zone to write (dotted key -> value), or FieldErrors in the screen's words."""
    errors: dict[str, str] = {}
    name = _clean_text(form.get("name", ""), multiline=False)
    if not name:
        errors["name"] = "Enter your name as it should sign your messages, or choose “Skip for now”."
    elif _CONTROL.search(name):
        errors["name"] = "Remove the invisible control characters (paste it as plain text)."
    elif len(name) > 200:
        errors["name"] = f"Keep it under 200 characters (this is {len(name)})."
    zone = form.get("timezone", "").strip()
    try:
        config.parse_value("timezone", zone)
    except SettingsError:
        errors["timezone"] = "Choose a time zone from the list, like Europe/Berlin."
    if errors:
        raise FieldErrors(errors)
    return {"profile.name": name, "timezone": zone}


def save_first_run(env: Env, form: Mapping[str, str]) -> None:
    """Write the name and the zone (the zone even when it is the guessed one: it is chosen now)."""
    from followup.store.actions import set_meta
    from followup.store.db import transaction

    change_settings(env, check_first_run(form))
    with transaction(env.conn):
        set_meta(env.store, _first_run_key(env), "done")


def skip_first_run(env: Env) -> None:
    """Not now: Today from here on, and Settings keeps both questions."""
    from followup.store.actions import set_meta
    from followup.store.db import transaction

    with transaction(env.conn):
        set_meta(env.store, _first_run_key(env), "skipped")


def how_to_set_once(env: Env, *, name: bool = True, zone: bool = True) -> dict[str, str]:
    """For the command line: how to set the name and the zone when they were never set, each said once
    (dotted key -> what to say). `name` and `zone` choose which of the two matter to the command asking.
    """
    from followup.store.actions import get_meta, set_meta
    from followup.store.db import transaction

    wanted: list[tuple[str, str]] = []
    if name and not env.settings.profile.name.strip():
        wanted.append(
            (
                "profile.name",
                "Drafts are signed with your name, which is not set yet: "
                "followup config set profile.name 'Your Name' (and profile.email, profile.phone).",
            )
        )
    if zone and not zone_was_chosen(env):
        zone_name = env.settings.timezone
        example = "Europe/London" if zone_name == "America/New_York" else "America/New_York"
        wanted.append(
            (
                "timezone",
                f"Times are in {zone_name}, this computer's time zone. If yours is another: "
                f"followup config set timezone Area/City (e.g. {example}).",
            )
        )
    told = [(key, text) for key, text in wanted if get_meta(env.store, TOLD + key) is None]
    if told:
        with transaction(env.conn):
            for key, _text in told:
                set_meta(env.store, TOLD + key, "yes")
    return dict(told)


# -- interviews entered on the old zone's clock -------------------------------------------------
#
# An interview keeps the zone it was entered in (`followup.domain.zones`), so changing one's own
# zone never moves it. But when the old zone was a wrong guess (this computer's UTC before the
# user chose Europe/Berlin), "14:00" was typed meaning 14:00 at home, and the interview now says
# "14:00 UTC (15:00 your time)". So after a change of zone the user is asked, never silently
# answered for, whether the interviews entered on the old clock keep their clock time in the new
# zone. Only upcoming and recent ones are offered: older ones are history and their follow-ups are done.

RECENT = timedelta(days=14)


@dataclass(frozen=True)
class OnOldClock:
    """One interview entered on the old zone's clock, and when it would be in the new zone."""

    interview_id: int
    company: str
    role: str
    starts_at: datetime  # as stored, on the old zone's clock
    moved_to: datetime  # the same clock time in the new zone

    @property
    def reads_now(self) -> str:
        """'Fri 20 Nov 14:00 UTC (15:00 your time)': as it reads in the new zone if left as it is."""
        from followup.domain.labels import short_day
        from followup.domain.zones import beside

        start, yours = self.starts_at, self.moved_to.tzinfo
        assert yours is not None  # moved_to is always on the new zone's clock
        return f"{short_day(start)} {start:%H:%M}{beside(start, yours)}"


@dataclass(frozen=True)
class ZoneMove:
    """The question asked after a change of time zone, with the interviews it is about."""

    old_zone: str
    new_zone: str
    interviews: tuple[OnOldClock, ...]

    @property
    def interview_ids(self) -> tuple[int, ...]:
        return tuple(i.interview_id for i in self.interviews)

    @property
    def old_place(self) -> str:
        """'UTC', 'London': the old zone as the question names it."""
        from followup.domain.zones import place

        return place(self.old_zone)

    @property
    def entered(self) -> str:
        """'3 interviews were entered on UTC time' ('on London time' for Europe/London)."""
        count = len(self.interviews)
        what = "1 interview was" if count == 1 else f"{count} interviews were"
        return f"{what} entered on {self.old_place} time"

    @property
    def question(self) -> str:
        """'3 interviews were entered on UTC time. Keep them at the same clock time in Europe/Berlin?'"""
        them = "it" if len(self.interviews) == 1 else "them"
        return f"{self.entered}. Keep {them} at the same clock time in {self.new_zone}?"


def interviews_to_move(env: Env, old_zone: str, new_zone: str) -> ZoneMove | None:
    """The upcoming and recent interviews entered in `old_zone` whose clock time would read differently
    in `new_zone`; None when there are none (or the zones are the same, or either is unknown)."""
    from followup.store import board, records

    try:
        old, new = ZoneInfo(old_zone), ZoneInfo(new_zone)
    except (ValueError, KeyError):
        return None
    if old_zone == new_zone:
        return None
    since = env.now() - RECENT
    found: list[OnOldClock] = []
    for app_id, interviews in sorted(board.interviews_by_application(env.store).items()):
        for interview in interviews:
            if interview.timezone != old_zone or interview.starts_at < since:
                continue
            on_old = interview.starts_at.astimezone(old)
            moved = on_old.replace(tzinfo=new)
            if moved == on_old:  # the two clocks agree that day (Paris and Berlin): nothing would move
                continue
            app = records.get_application(env.store, app_id)
            found.append(OnOldClock(interview.id, app.company, app.role, on_old, moved))
    if not found:
        return None
    found.sort(key=lambda i: (i.starts_at, i.interview_id))
    return ZoneMove(old_zone, new_zone, tuple(found))


def zone_move_for(env: Env, key: str, value: str | None) -> ZoneMove | None:
    """What `followup config set/unset KEY` would ask about, found before anything is written: the
    interviews on the current zone's clock when KEY is the time zone and it changes."""
    if key != "timezone":
        return None
    new_zone = config.detect_timezone() if value is None else str(config.parse_value(key, value))
    return interviews_to_move(env, env.settings.timezone, new_zone)


def move_interviews(env: Env, old_zone: str, new_zone: str, interview_ids: Collection[int]) -> int:
    """Put these interviews, entered in `old_zone`, at the same clock time in `new_zone`, all in one
    transaction with their applications' follow-ups recomputed. Only those still offered move (one
    already moved or edited since is left alone). Returns how many moved."""
    from followup.app.plan import refresh
    from followup.store import records
    from followup.store.db import transaction

    wanted = set(interview_ids)
    with transaction(env.conn):
        offer = interviews_to_move(env, old_zone, new_zone)
        chosen = [i for i in offer.interviews if i.interview_id in wanted] if offer else []
        apps: set[int] = set()
        for item in chosen:
            interview = records.get_interview(env.store, item.interview_id)
            records.update_interview(env.store, item.interview_id, starts_at=item.moved_to, timezone=new_zone)
            apps.add(interview.application_id)
        refresh(env, apps)
    return len(chosen)


# -- reminders ------------------------------------------------------------------------------------

# What the page says is wrong with a field: in the page's words, not the command line's.
REMINDER_ADVICE = {
    "quiet_hours": "Write two times of day, like 21:00-08:00.",
    "digest_at": "Write a time of day like 08:00, or off.",
    "web_address": "Write the address you open followup at, like http://127.0.0.1:8765.",
    "check_mail_minutes": "Write a number of minutes from 1 to 1440, like 10.",
    "push_url": "Apprise does not know this address. Paste the one your service gives, like ntfy://ntfy.sh/your-topic.",
}


def reminder_values(settings: Settings) -> dict[str, str]:
    """The Reminders section's fields as the page shows them (the push address never: it is a secret)."""
    rules = settings.reminders
    return {
        "quiet_hours": str(rules.quiet_hours),
        "weekends": "on" if rules.weekends else "",
        "desktop": "on" if rules.desktop else "",
        "digest_at": rules.digest_at,
        "web_address": rules.web_address,
        "check_mail_minutes": str(rules.check_mail_minutes),
        "push_url": "",
    }


def push_status(settings: Settings) -> str:
    """Where the push address comes from, in words (never the address)."""
    source = settings.reminders.push_url
    if not source:
        return "Not set up: reminders reach you only through `followup remind` and the digest."
    if source.startswith("env:"):
        return f"Set up: the address comes from the environment variable {source[len('env:') :]}."
    if source.startswith("command:"):
        return "Set up: the address comes from the program in your settings file."
    return "Set up: the address is kept in your OS keyring. Paste a new one to replace it."


def save_reminders(env: Env, form: Mapping[str, str]) -> None:
    """Check every field of the Reminders section, then save them together; FieldErrors names the wrong ones."""
    from followup.mail import push

    changes: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in ("quiet_hours", "digest_at", "web_address", "check_mail_minutes"):
        raw = form.get(name, "").strip() or ("off" if name == "digest_at" else "")
        try:
            config.parse_value(f"reminders.{name}", raw)
        except SettingsError:
            errors[name] = REMINDER_ADVICE[name]
        changes[f"reminders.{name}"] = raw
    changes["reminders.weekends"] = "true" if form.get("weekends") else "false"
    changes["reminders.desktop"] = "true" if form.get("desktop") else "false"
    url = form.get("push_url", "").strip()
    if url:
        try:
            push.service_name(url)
        except SettingsError:
            errors["push_url"] = REMINDER_ADVICE["push_url"]
        changes[push.KEY] = url
    if errors:
        raise FieldErrors(errors)
    change_settings(env, changes)


def send_test_reminder(env: Env) -> tuple[str, list[str]]:
    """Send a test reminder through every channel set up: what it went through, in words, and what could not take it."""
    from followup.app.reminders import send_test

    tried = send_test(env)
    return ", ".join(tried.went), tried.problems
