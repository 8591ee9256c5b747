"""Reading what people type for dates, times and durations, with errors that show the fix."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.cli.context import within_years
from followup.domain.days import DayError, Order, day_or_why, day_order, read_day
from followup.errors import InvalidInput

if TYPE_CHECKING:
    from followup.app.context import Env
    from followup.domain.calendar import BusinessCalendar

# A number and a unit, as people write it: 30m, 3h, 2d, 1w, "3 days", "2 weeks", "90 minutes".
_SPAN = re.compile(
    r"^\s*(\d+)\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s*$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}(?::\d{2})?")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
LONGEST_SPAN = timedelta(weeks=520)
_NAME_EMAIL = re.compile(r"^\s*(?P<name>[^<]*?)\s*<(?P<email>[^>]+)>\s*$")


def order(env: Env) -> Order:
    """How the user's country writes a slashed date, for the readers below."""
    return day_order(env.settings.country)


def zone(name: str, option: str = "--tz") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"{option} {name!r} is not a known time zone", hint="Use an IANA name such as Europe/Berlin."
        ) from None


def parse_day(text: str, today: date, option: str, order: Order | None = None, *, past: bool = False) -> date:
    """A calendar day as `domain.days` reads it: 2026-11-27, 27.11.2026, 27/11/2026 (slashes as
    `order`, the user's country, says), 27 Nov 2026, today/tomorrow/yesterday, or a weekday name
    (the next one; with `past`, the last one)."""
    try:
        day = day_or_why(text, today, order, past=past)
    except DayError as why:
        raise InvalidInput(
            f"{option} {text!r} {why}",
            hint="Write it as YYYY-MM-DD (2026-11-27) or 27.11.2026, or a word such as 'tomorrow' or 'friday'.",
        ) from None
    return within_years(day, text, option)


def parse_moment(text: str, tz: ZoneInfo, now: datetime, option: str, order: Order | None = None) -> datetime:
    """A moment, local to `tz`: ISO with or without offset ('2026-11-20 14:00'), or any day `parse_day`
    reads with an optional time after it ('tomorrow 14:00', '27.11.2026 9:30', 'friday'); 09:00 when none."""
    value = text.strip()
    try:
        moment: datetime | None = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is not None:
        within_years(moment, text, option)
        if len(value) == 10:  # a bare date means the start of the working day
            moment = moment.replace(hour=9)
        return moment if moment.tzinfo else _local(moment, tz)
    parts = value.split()
    clock_text = parts.pop() if len(parts) > 1 and _CLOCK.fullmatch(parts[-1]) else None
    try:
        if re.search(r"\d[:h]\d\d", " ".join(parts)):
            raise DayError("has a time we cannot read")  # "4:21 PM": never dropped in silence
        day = day_or_why(" ".join(parts), now.astimezone(tz).date(), order)
    except DayError:
        raise InvalidInput(
            f"{option} {text!r} is not a date and time",
            hint="Write it as 'YYYY-MM-DD HH:MM', e.g. '2026-11-20 14:00', or 'tomorrow 10:30'.",
        ) from None
    within_years(day, text, option)
    clock = _clock(clock_text, option) if clock_text else time(9, 0)
    return _local(datetime.combine(day, clock), tz)


def _clock(text: str, option: str) -> time:
    hours, _, minutes = text.partition(":")
    try:
        # "9:30" as "09:30": the hour is often written with one digit.
        return time.fromisoformat(f"{int(hours):02d}:{minutes or '00'}")
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
    minutes = _UNIT_MINUTES[unit[0]]
    # Compared as a count of minutes: a timedelta of 10**14 days cannot even be made.
    if len(digits) > 9 or int(digits) * minutes > LONGEST_SPAN / timedelta(minutes=1):
        raise InvalidInput(f"{option} {text!r} is too long", hint=f"Give at most {LONGEST_SPAN.days // 7}w.")
    return timedelta(minutes=int(digits) * minutes)


# The web's snooze choices (`app.agenda.snooze_until`) in the words people type for them.
_SNOOZE_WORDS = {
    "tomorrow": "tomorrow",
    "week": "week",
    "a week": "week",
    "in a week": "week",
    "next week": "week",
}


def parse_snooze(text: str, tz: ZoneInfo, now: datetime, option: str, order: Order | None = None) -> datetime:
    """When a snoozed action comes back, in the words the web's choices use: 'tomorrow', 'next week',
    a weekday ('monday': the next one), a date, a span ('3 days', 2d, 4h), or a day and time ('fri 14:00').

    Days mean the start of that day's working morning, as they do on the web.
    """
    from followup.app.agenda import snooze_until

    value = " ".join(text.lower().split())
    local_now = now.astimezone(tz)
    if value in _SNOOZE_WORDS:
        return snooze_until(_SNOOZE_WORDS[value], None, local_now)
    if _SPAN.match(value):
        return now + parse_span(value, option)
    day = read_day(value, local_now.date(), order)
    if day is not None:
        if day <= local_now.date():
            raise InvalidInput(f"{option} {text!r} is not after today", hint="Give a day from tomorrow on.")
        return snooze_until("date", day, local_now)
    try:
        return parse_moment(text, tz, now, option, order)
    except InvalidInput:
        raise InvalidInput(
            f"{option} {text!r} is not a time to snooze until",
            hint="For example tomorrow, next week, monday, 2026-12-01, '3 days' or 'fri 14:00'.",
        ) from None


def name_and_email(text: str) -> tuple[str, str | None]:
    """'Ann Lee <ann@acme.example>' → ('Ann Lee', 'ann@acme.example'); a plain name has no email."""
    match = _NAME_EMAIL.match(text)
    if match:
        return match.group("name").strip().strip('"'), match.group("email").strip()
    return text.strip(), None


def parse_promise(
    text: str, said_on: date, calendar: BusinessCalendar, option: str = "--promised", order: Order | None = None
) -> date:
    """A promised date, as a date ('2026-12-04', '4.12.2026', 'friday') or in the employer's words ('by Friday')."""
    # Imported here: the phrase tables are many regular expressions, and most commands read no promise.
    from followup.app.promises import promised_day

    day = promised_day(text, said_on, calendar, order)
    if day is None:
        raise InvalidInput(
            f"{option} {text!r} is not a date I can read",
            hint="Give a date (2026-12-04) or words like 'by Friday' or 'within 10 business days'.",
        )
    return within_years(day, text, option)
