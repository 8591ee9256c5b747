"""One reader for the day news is promised by, in replies and in the user's own notes (docs/dates.md).

`read_promise` reads a reply or a note; `parse_timeline` and `interview_timeline` give the
capture form and the command line the day with the words it came from and why; `promised_day`
reads any "they promised news by" field, where a plain date is welcome too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup.domain.calendar import BusinessCalendar
from followup.domain.days import Order, read_day
from followup.domain.labels import long_day
from followup.domain.model import Interview
from followup.reading.when.explain import reason
from followup.reading.when.expressions import DaysLater, Holiday, MonthPart, Named, Numeric, Span, WeekPart
from followup.reading.when.reader import Promise, month_first, read_promise

__all__ = [
    "ParsedTimeline",
    "Promise",
    "interview_timeline",
    "month_first",
    "parse_timeline",
    "promised_day",
    "read_promise",
]


@dataclass(frozen=True, slots=True)
class ParsedTimeline:
    date: date  # the day by which the decision is promised, inclusive
    text: str  # the original words, unchanged
    matched: str  # the words the day was read from
    explanation: str  # "Tue 1 Dec 2026 (the later end of …)"
    confidence: float  # 0..1: a named date is surer than "a few days"


def parse_timeline(
    text: str, written: date | datetime, calendar: BusinessCalendar, *, country: str | None = None
) -> ParsedTimeline | None:
    """What the user wrote they were told ("they said 7–10 business days"), as a day."""
    found = read_promise(text, written, calendar, country=country, from_user=True)
    if found is None:
        return None
    day_written = written.date() if isinstance(written, datetime) else written
    why = reason(found.expression, found.day, day_written, found.phrase)
    return ParsedTimeline(found.day, text, found.phrase, f"{long_day(found.day)} ({why})", _confidence(found))


def interview_timeline(
    text: str, interview: Interview, calendar: BusinessCalendar, *, country: str | None = None
) -> ParsedTimeline | None:
    """The interviewer's words about timing, counted from the day the interview ended in the
    user's zone (as they were said then): the capture's rule, in the CLI and the web form."""
    return parse_timeline(text, calendar.local_date(interview.ends_at), calendar, country=country)


def promised_day(text: str, said_on: date, calendar: BusinessCalendar, order: Order | None = None) -> date | None:
    """A "news promised by" field: a day as `read_day` reads it, or their words ("by Friday",
    "within two weeks"); None when the text names no day. Every door reads the field this way."""
    day = read_day(text, said_on, order)
    if day is not None:
        return day
    parsed = read_promise(text, said_on, calendar, from_user=True)
    return parsed.day if parsed is not None else None


def _confidence(found: Promise) -> float:
    e = found.expression
    if isinstance(e, Named | Numeric):
        return 0.95
    if isinstance(e, Span) and e.unit == "business_day" and e.count <= 3:
        return 0.7  # "a day or two", "a few days": an estimate
    if (isinstance(e, WeekPart) and e.part != "end") or (isinstance(e, MonthPart) and e.part != "end"):
        return 0.7
    if isinstance(e, Span | Holiday):
        return 0.85
    if isinstance(e, DaysLater):
        return 0.9
    return 0.9
