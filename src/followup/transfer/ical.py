"""Writing iCalendar (RFC 5545) by hand: a feed of plain events, each with optional alarms.

Only what a published, read-only feed needs: VCALENDAR with VEVENTs (times in
UTC, so no VTIMEZONE), VALARMs that display a message, and the RFC 7986 hints
for how often to refresh. Lines end in CRLF and are folded at 75 octets without
splitting a UTF-8 character; TEXT values escape backslash, semicolon, comma
and newlines. Pure: every time stamp comes in with the events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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
        f"DTSTART:{utc_stamp(event.start)}",
        f"DTEND:{utc_stamp(max(event.end, event.start))}",
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
                f"TRIGGER;RELATED=START:{duration(-alarm.before)}",
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
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
