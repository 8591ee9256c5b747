"""Reading the Applications pages' forms: each field's value, or a message to show next to it.

A `Form` keeps what the user typed (to show it again) and one error per field.
Reading never raises: the view re-renders the form with status 422 when
`form.errors` is not empty, so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from starlette.requests import Request

from followup.app.promises import promised_day
from followup.domain.calendar import BusinessCalendar
from followup.domain.days import Order
from followup.domain.fields import (
    DESCRIPTION_LENGTH,
    NAME_LENGTH,
    FieldError,
    email_address,
    excitement_level,
    phone_number,
    tag_list,
    web_address,
)
from followup.domain.text import sentence

E = TypeVar("E", bound=Enum)
LONG = 5000  # notes and other free text
SHORT = 300  # names, titles, subjects


@dataclass
class Form:
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    async def read(cls, request: Request) -> Form:
        data = await request.form()
        return cls({k: v for k, v in data.items() if isinstance(v, str) and k != "csrf_token"})

    def raw(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    @property
    def ok(self) -> bool:
        return not self.errors

    def text(self, name: str, *, label: str, required: bool = False, limit: int = SHORT) -> str | None:
        value = self.raw(name)
        if not value:
            if required:
                self.error(name, f"Enter the {label}.")
            return None
        if len(value) > limit:
            self.error(name, f"Keep the {label} under {limit} characters (it has {len(value)}).")
        return value

    def choice(self, name: str, kind: type[E], *, label: str, default: E | None = None) -> E | None:
        value = self.raw(name)
        if not value:
            return default
        try:
            return kind(value)
        except ValueError:
            self.error(name, f"Choose one of the {label} options.")
            return default

    def url(self, name: str) -> str | None:
        value = self.text(name, label="link", limit=2000)
        if value is None:
            return None
        if "://" not in value and "." in value and " " not in value:
            value = "https://" + value  # "jobs.example.com/123" is what people copy
        try:
            return web_address(value)  # the same check as every other door's (followup.domain.fields)
        except FieldError:
            self.error(name, "This does not look like a web link: it should start with https://")
            return None

    def email(self, name: str) -> str | None:
        value = self.text(name, label="email address")
        if value is None:
            return None
        try:
            return email_address(value)
        except FieldError:
            self.error(name, "An email address looks like name@example.com.")
            return value

    def phone(self, name: str) -> str | None:
        value = self.text(name, label="phone number", limit=60)
        if value is None:
            return None
        try:
            return phone_number(value)
        except FieldError:
            self.error(name, "A phone number has digits, spaces and + - ( ) . / only, e.g. +49 30 1234567.")
            return value

    def day(self, name: str, *, label: str, latest: date | None = None) -> date | None:
        value = self.raw(name)
        if not value:
            return None
        try:
            found = date.fromisoformat(value)
        except ValueError:
            self.error(name, f"Write the {label} as YYYY-MM-DD, e.g. 2026-11-20.")
            return None
        if latest is not None and found > latest:
            self.error(name, f"The {label} is in the future: check the year, or the day and month.")
        return found

    def moment(self, name: str, tz: ZoneInfo, *, label: str, latest: datetime | None = None) -> datetime | None:
        """A local date and time from a datetime-local field ('2026-11-20T14:00')."""
        value = self.raw(name)
        if not value:
            self.error(name, f"Enter the {label}.")
            return None
        try:
            naive = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            self.error(name, f"Write the {label} as YYYY-MM-DD HH:MM, e.g. 2026-11-20 14:00.")
            return None
        if naive.tzinfo is not None:
            naive = naive.astimezone(tz).replace(tzinfo=None)
        found = local(naive, tz)
        if latest is not None and found > latest + timedelta(minutes=5):
            self.error(name, f"The {label} is in the future: log things once they have happened.")
        return found

    def promise(self, name: str, said_on: date, calendar: BusinessCalendar, order: Order | None = None) -> date | None:
        """A promised day, as a date ('2026-12-04', '4.12.2026', 'friday') or in the employer's words
        ('by Friday', 'within two weeks'): `app.promises.promised_day`, as every door reads it."""
        value = self.raw(name)
        if not value:
            return None
        day = promised_day(value, said_on, calendar, order)
        if day is None:
            self.error(
                name, "Give a date (2026-12-04 or 4.12.2026) or their words, like “by Friday” or “within two weeks”."
            )
        return day

    def number(self, name: str) -> int | None:
        value = self.raw(name)
        return int(value) if value.isdecimal() else None


def tracker_values(form: Form) -> dict[str, Any]:
    """What trackers keep, from the add and edit forms: location, salary, excitement, tags, description.

    Empty fields are None (tags: none at all), so an edit can clear them.
    """
    values: dict[str, Any] = {
        "location": form.text("location", label="location", limit=NAME_LENGTH),
        "salary": form.text("salary", label="salary", limit=NAME_LENGTH),
        "description": form.text("description", label="job description", limit=DESCRIPTION_LENGTH),
        "excitement": None,
        "tags": (),
    }
    level = form.raw("excitement")
    if level:
        try:
            values["excitement"] = excitement_level(level)
        except FieldError:
            form.error("excitement", "Choose how much you want this job, from 1 to 5 stars.")
    try:
        values["tags"] = tag_list(form.raw("tags"))
    except FieldError as exc:
        form.error("tags", sentence(str(exc)))
    return values


def local(naive: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time in `tz`; one skipped by a clock change moves forward, as the clock did."""
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def field_value(value: Any) -> str:
    """A stored value as an input shows it."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def values_of(obj: Any, names: list[str], tz: ZoneInfo | None = None) -> dict[str, str]:
    """The fields of a stored record, as the edit form starts with them."""
    found = {}
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, datetime) and tz is not None:
            value = value.astimezone(tz)
        found[name] = field_value(value)
    return found


def changes(new: Mapping[str, Any], old: Any) -> dict[str, Any]:
    """Only the fields whose value differs from the stored one."""
    return {name: value for name, value in new.items() if getattr(old, name) != value}


def wants_fragment(request: Request) -> bool:
    """An htmx request for a piece of the page; htmx restoring history after "Back" needs the whole page."""
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-history-restore-request") != "true"
