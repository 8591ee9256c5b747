"""Writing iCalendar (RFC 5545) by hand: a feed of plain events, each with optional alarms.

Only what a published, read-only feed needs: VCALENDAR with VEVENTs, VALARMs
that display a message, and the RFC 7986 hints for how often to refresh. Lines
end in CRLF and are folded at 75 octets without splitting a UTF-8 character;
TEXT values escape backslash, semicolon, comma and newlines. Pure: every time
stamp comes in with the events.

Times are in UTC, except for an event that names its own zone (an interview
agreed on another city's clock): it is written on that clock with a TZID (unless
that clock shows the time twice, the night it goes back), and
the calendar carries a VTIMEZONE for each such zone. The VTIMEZONE lists every
change of that zone's offset from the year before its first event to the year
after its last one, read from the zone data itself, so it needs no recurrence
rules and stays right for zones whose rules changed. The years are whole so the
text does not change from one request to the next.

Alarm offsets are written in hours and minutes, never days: a day in a
DURATION is a calendar day (RFC 5545 3.3.6), which across a change of the
clocks is not 24 hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

CRLF = "\r\n"
LINE_OCTETS = 75
# TEXT may hold any character but the controls (HTAB aside); newlines are escaped separately.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Alarm:
    """A display alarm `before` the event starts (zero: at the start)."""

    description: str
    before: timedelta = timedelta(0)


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    start: datetime
    end: datetime
    summary: str
    stamp: datetime  # when this revision was made: DTSTAMP and LAST-MODIFIED
    sequence: int = 0
    description: str | None = None
    location: str | None = None
    categories: tuple[str, ...] = ()
    url: str | None = None
    created: datetime | None = None
    # A reminder to act, not a meeting: it does not make the user look busy.
    transparent: bool = False
    cancelled: bool = False
    alarms: tuple[Alarm, ...] = ()
    # An IANA zone to write the times in (with a TZID), or None for UTC.
    zone: str | None = None


@dataclass(frozen=True, slots=True)
class Calendar:
    name: str
    description: str | None = None
    product: str = "-//followup//followup//EN"
    refresh: timedelta = timedelta(hours=1)


def normalize_text(value: str) -> str:
    """What a TEXT value can carry: line breaks become LF, other control characters go."""
    return _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    text = normalize_text(value)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded into pieces of at most 75 octets joined by CRLF and a space.

    The space that starts a continuation counts toward its 75 octets, and a
    multi-octet UTF-8 character is never cut in two.
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form, e.g. 20261116T090000Z."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where an instant is needed")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def duration(delta: timedelta) -> str:
    """A DURATION value, e.g. -PT15M or PT0S."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    if days and not time:
        return f"{sign}P{days}D"
    return f"{sign}P{f'{days}D' if days else ''}T{time or '0S'}"


def exact_duration(delta: timedelta) -> str:
    """A DURATION in hours, minutes and seconds only (no nominal days), e.g. -PT31H."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    return f"{sign}PT{time or '0S'}"


def _on_its_clock(event: Event, moment: datetime) -> str | None:
    """`moment` as a local DATE-TIME in the event's zone, or None when only UTC says it exactly.

    A wall time the clock shows twice (the hour it goes back) is written in UTC:
    RFC 5545 3.3.5 reads it as the first one, but parsers differ on it.
    """
    if event.zone is None:
        return None
    local = moment.astimezone(ZoneInfo(event.zone))
    readings = {local.replace(fold=fold).astimezone(UTC) for fold in (0, 1)}
    if readings != {moment.astimezone(UTC)}:
        return None
    return local.strftime("%Y%m%dT%H%M%S")


def _when(name: str, event: Event, moment: datetime) -> str:
    local = _on_its_clock(event, moment)
    if local is None:
        return f"{name}:{utc_stamp(moment)}"
    return f"{name};TZID={event.zone}:{local}"


def _offset(delta: timedelta) -> str:
    """A UTC-OFFSET value, e.g. +0900, -0330, +003408 for a historical offset with seconds."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The instants in [start, end) when the zone's offset (or its name) changes."""

    def reading(moment: datetime) -> tuple[timedelta | None, str | None]:
        local = moment.astimezone(zone)
        return local.utcoffset(), local.tzname()

    found = []
    step = timedelta(days=1)  # no zone changes its clock twice within a day
    moment = start
    while moment < end:
        after = moment + step
        if reading(after) != reading(moment):
            low, high = moment, after
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if reading(middle) == reading(low) else (low, middle)
            found.append(high.replace(microsecond=0))
        moment = after
    return found


def timezone_lines(name: str, first: datetime, last: datetime) -> list[str]:
    """A VTIMEZONE for the IANA zone `name`, right for every moment of the years around first..last."""
    zone = ZoneInfo(name)
    start = datetime(first.astimezone(UTC).year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last.astimezone(UTC).year + 2, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    before = start - timedelta(seconds=1)
    for moment in (start, *_changes(zone, start, end)):
        was = before.astimezone(zone).utcoffset() or timedelta(0)
        now = moment.astimezone(zone)
        offset = now.utcoffset() or timedelta(0)
        # The first observance only says which clock holds from the window's start.
        was = offset if moment == start else was
        kind = "DAYLIGHT" if now.dst() else "STANDARD"
        onset = (moment + was).replace(tzinfo=None)  # local time of the change, on the clock before it
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{onset:%Y%m%dT%H%M%S}",
            f"TZOFFSETFROM:{_offset(was)}",
            f"TZOFFSETTO:{_offset(offset)}",
        ]
        if now.tzname():
            lines.append(f"TZNAME:{escape_text(now.tzname() or '')}")
        lines.append(f"END:{kind}")
        before = moment
    lines.append("END:VTIMEZONE")
    return lines


def _timezones(events: list[Event]) -> list[str]:
    spans: dict[str, tuple[datetime, datetime]] = {}
    for event in events:
        if event.zone is None:
            continue
        first, last = spans.get(event.zone, (event.start, event.end))
        spans[event.zone] = (min(first, event.start), max(last, event.end, event.start))
    lines: list[str] = []
    for name in sorted(spans):
        lines += timezone_lines(name, *spans[name])
    return lines


def _event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"LAST-MODIFIED:{utc_stamp(event.stamp)}",
    ]
    if event.created is not None:
        lines.append(f"CREATED:{utc_stamp(event.created)}")
    lines += [
        f"SEQUENCE:{event.sequence:d}",
        _when("DTSTART", event, event.start),
        _when("DTEND", event, max(event.end, event.start)),
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.url:
        # A URI value, not TEXT: written as is (it never holds a line break).
        lines.append(f"URL:{normalize_text(event.url)}")
    lines.append(f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}")
    lines.append(f"TRANSP:{'TRANSPARENT' if event.transparent or event.cancelled else 'OPAQUE'}")
    if not event.cancelled:
        for alarm in event.alarms:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape_text(alarm.description)}",
                f"TRIGGER;RELATED=START:{exact_duration(-alarm.before)}",
                "END:VALARM",
            ]
    lines.append("END:VEVENT")
    return lines


def calendar_text(calendar: Calendar, events: Iterable[Event]) -> str:
    """The whole iCalendar object, CRLF line ends, every line folded."""
    lines: list[str] = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{calendar.product}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(calendar.name)}",
        f"NAME:{escape_text(calendar.name)}",
    ]
    if calendar.description:
        lines += [
            f"X-WR-CALDESC:{escape_text(calendar.description)}",
            f"DESCRIPTION:{escape_text(calendar.description)}",
        ]
    lines += [
        f"REFRESH-INTERVAL;VALUE=DURATION:{duration(calendar.refresh)}",
        f"X-PUBLISHED-TTL:{duration(calendar.refresh)}",
    ]
    events = list(events)
    lines += _timezones(events)
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
