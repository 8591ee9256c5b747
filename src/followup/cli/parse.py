"""Reading what people type for dates, times and durations, with errors that show the fix."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain.days import names_a_day, read_day
from followup.errors import InvalidInput

_SPAN = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\w*\s*$", re.IGNORECASE)
# The years a date typed here may fall in: far enough for any job search, and far
# from the ends of Python's calendar (0001, 9999), where adding a day or a time
# zone overflows.
YEARS = (1900, 2999)
LONGEST_SPAN = timedelta(weeks=520)
DayOrMoment = TypeVar("DayOrMoment", date, datetime)
_NAME_EMAIL = re.compile(r"^\s*(?P<name>[^<]*?)\s*<(?P<email>[^>]+)>\s*$")


def zone(name: str, option: str = "--tz") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"{option} {name!r} is not a known time zone", hint="Use an IANA name such as Europe/Berlin."
        ) from None


def parse_day(text: str, today: date, option: str) -> date:
    """A calendar day: ISO (2026-11-27), today/tomorrow/yesterday, or a weekday name (the next one)."""
    day = read_day(text, today)
    if day is None:
        raise InvalidInput(
            f"{option} {text!r} is not a date", hint="Write it as YYYY-MM-DD, e.g. 2026-11-27, or 'tomorrow'."
        )
    return within_years(day, text, option)


def within_years(value: DayOrMoment, text: str, option: str) -> DayOrMoment:
    """`value` itself, or InvalidInput when its year is outside YEARS."""
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise InvalidInput(
            f"{option} {text!r} is out of range", hint=f"Give a date between the years {YEARS[0]} and {YEARS[1]}."
        )
    return value


def parse_moment(text: str, tz: ZoneInfo, now: datetime, option: str) -> datetime:
    """A moment: ISO with or without offset ('2026-11-20 14:00'), or 'tomorrow 14:00'; local to `tz`."""
    value = text.strip()
    parts = value.split()
    if parts and names_a_day(parts[0]) and len(parts) <= 2:
        day = parse_day(parts[0], now.astimezone(tz).date(), option)
        clock = _clock(parts[1], option) if len(parts) == 2 else time(9, 0)
        return _local(datetime.combine(day, clock), tz)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            f"{option} {text!r} is not a date and time",
            hint="Write it as 'YYYY-MM-DD HH:MM', e.g. '2026-11-20 14:00', or 'tomorrow 10:30'.",
        ) from None
    within_years(moment, text, option)
    if len(value) == 10:  # a bare date means the start of the working day
        moment = moment.replace(hour=9)
    return moment if moment.tzinfo else _local(moment, tz)


def _clock(text: str, option: str) -> time:
    try:
        return time.fromisoformat(text if len(text) > 2 else f"{int(text):02d}:00")
    except ValueError:
        raise InvalidInput(f"{option}: {text!r} is not a time of day", hint="Write it as HH:MM, e.g. 14:30.") from None


def _local(naive: datetime, tz: ZoneInfo) -> datetime:
    from datetime import UTC

    moment = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
    if moment.replace(tzinfo=None) != naive:
        import click

        # A wall time skipped when the clocks go forward: say which time is used instead.
        click.echo(
            f"Note: {naive:%H:%M} does not exist on {naive:%d %b %Y} in {tz.key} (the clocks change); "
            f"using {moment:%H:%M}.",
            err=True,
        )
    return moment


def parse_span(text: str, option: str = "--for") -> timedelta:
    """A duration such as 30m, 3h, 2d or 1w."""
    match = _SPAN.match(text)
    if not match:
        raise InvalidInput(f"{option} {text!r} is not a duration", hint="For example 3h, 2d or 1w.")
    digits, unit = match.group(1), match.group(2).lower()
    minutes = {"m": 1, "min": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}[unit]
    # Compared as a count of minutes: a timedelta of 10**14 days cannot even be made.
    if len(digits) > 9 or int(digits) * minutes > LONGEST_SPAN / timedelta(minutes=1):
        raise InvalidInput(f"{option} {text!r} is too long", hint=f"Give at most {LONGEST_SPAN.days // 7}w.")
    return timedelta(minutes=int(digits) * minutes)


def name_and_email(text: str) -> tuple[str, str | None]:
    """'Ann Lee <ann@acme.example>' → ('Ann Lee', 'ann@acme.example'); a plain name has no email."""
    match = _NAME_EMAIL.match(text)
    if match:
        return match.group("name").strip().strip('"'), match.group("email").strip()
    return text.strip(), None


def parse_promise(text: str, said_on: date, calendar: object, option: str = "--promised") -> date:
    """A promised date, as a date ('2026-12-04') or in the employer's words ('by Friday')."""
    from followup.domain.calendar import BusinessCalendar
    from followup.domain.timeline import parse_timeline

    try:
        return parse_day(text, said_on, option)
    except InvalidInput:
        pass
    assert isinstance(calendar, BusinessCalendar)
    parsed = parse_timeline(text, said_on, calendar)
    if parsed is None:
        raise InvalidInput(
            f"{option} {text!r} is not a date I can read",
            hint="Give a date (2026-12-04) or words like 'by Friday' or 'within 10 business days'.",
        )
    return parsed.date
