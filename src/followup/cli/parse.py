"""Reading what people type for dates, times and durations, with errors that show the fix."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.domain.days import names_a_day, read_day
from followup.errors import InvalidInput

_SPAN = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\w*\s*$", re.IGNORECASE)
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
    return day


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
    amount, unit = int(match.group(1)), match.group(2).lower()
    if unit in ("m", "min"):
        return timedelta(minutes=amount)
    return {"h": timedelta(hours=amount), "d": timedelta(days=amount), "w": timedelta(weeks=amount)}[unit]


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
