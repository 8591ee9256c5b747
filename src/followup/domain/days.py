"""Reading a calendar day as people write it, without reading the clock.

One reader for every door: the command line, the web forms and a spreadsheet's date
column all read a day through `read_day` (or `day_or_why`, which says what is wrong),
so a format accepted by one is accepted by all. Each door words its own error (an
option name on the command line, a form field on the web, a row and column in a file)
and decides whether an empty field is allowed.

Formats read: ISO (2026-11-28, a time after it ignored), day first with dots
(28.11.2026), with slashes (28/11/2026 or 11/28/2026: read when a number above 12 says
which is the day, else as the user's country writes dates), a month's name (28 Nov
2026, November 28, 2026); given today, also today/tomorrow/yesterday and whole weekday
names or their usual abbreviations ("fri", "friday", "next friday": the next one, never
today). A word that merely starts like a weekday ("monkey", "wedding") is not a day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Literal

Order = Literal["dmy", "mdy"]

_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
# Whole names and the abbreviations people write, each to its weekday (Monday is 0).
_WEEKDAY_WORDS = {
    **{
        name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    },
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
# A time after the day is allowed and left to the caller ("2026-11-03T14:30", "3.11.2026 14:30",
# LinkedIn's "11/3/26, 4:21 PM", Notion's "November 3, 2026 2:30 PM").
_TIME_AFTER = r"(?:,?[ T](?:at\s+)?\d{1,2}[:h]\d{2}.*)?"
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + _TIME_AFTER)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _TIME_AFTER)
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})" + _TIME_AFTER)
_NAMED_TIME = re.compile(r"[\s,]+(?:at\s+)?\d{1,2}[:h]\d{2}.*$")
_NAMED_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")
# Countries that write the month first (11/28/2026); everyone else writes the day first.
_MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW"})
HOW_TO_WRITE = "write it as YYYY-MM-DD, e.g. 2026-11-28 (or 28.11.2026)"


class DayError(ValueError):
    """Why a text is not a day; `str(error)` says it after the text ("is not a real date (...)")."""


class NotADay(DayError):
    """The text is no date at all ("next week", "soon"), rather than a date that does not exist."""


def day_order(country: str) -> Order:
    """How the user's country writes a slashed date: "mdy" (11/28/2026) or "dmy" (28/11/2026)."""
    return "mdy" if country.upper() in _MONTH_FIRST_COUNTRIES else "dmy"


def weekday_of(word: str) -> int | None:
    """The weekday (Monday is 0) a whole word names ("fri", "Friday", "Fri."); None for any other word."""
    return _WEEKDAY_WORDS.get(word.strip().lower().removesuffix("."))


def slashed(text: str) -> tuple[int, int, int] | None:
    """(first number, second number, year) of a slashed date such as 03/04/2026 or 3/4/26 (a two-digit
    year is this century's); None for any other text.

    A spreadsheet's column settles the order of all its slashed dates at once; see `day_or_why` for one.
    """
    match = _SLASHED.fullmatch(text.strip())
    if match is None:
        return None
    first, second, year = map(int, match.groups())
    return first, second, year + 2000 if year < 100 else year


def calendar_day(year: int, month: int, day: int) -> date:
    """The day, or DayError when there is no such day (31 November)."""
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DayError(f"is not a real date ({exc}): check the day and month") from None


def day_or_why(text: str, today: date | None = None, order: Order | None = None, *, past: bool = False) -> date:
    """The day `text` means; DayError saying why when it means none.

    Without `today`, words relative to today are not read. Without `order`, a slashed date
    is read only when its numbers say which is the day (28/11/2026, or 05/05/2026). A weekday
    is the next one; with `past` (a day something was done) the last one, today included.
    """
    text = " ".join(text.split())
    value = text.lower()
    if today is not None:
        if value in _RELATIVE:
            return today + timedelta(days=_RELATIVE[value])
        weekday = weekday_of(value.removeprefix("next ").removeprefix("this "))
        if weekday is not None:
            if past:
                return today - timedelta(days=(today.weekday() - weekday) % 7)
            return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    if match := _ISO.fullmatch(text):
        year, month, day = map(int, match.groups())
        return calendar_day(year, month, day)
    if match := _DOTTED.fullmatch(text):
        day, month, year = map(int, match.groups())
        return calendar_day(year, month, day)
    parts = slashed(text)
    if parts is not None:
        first, second, year = parts
        if first > 12 or (order == "dmy" and second <= 12) or first == second:
            return calendar_day(year, second, first)
        if second > 12 or order == "mdy":
            return calendar_day(year, first, second)
        raise DayError("could be day/month or month/day")
    day_only = _NAMED_TIME.sub("", text)
    for pattern in _NAMED_FORMATS:
        try:
            return datetime.strptime(day_only, pattern).date()
        except ValueError:
            continue
    raise NotADay("is not a date")


def read_day(text: str, today: date | None = None, order: Order | None = None, *, past: bool = False) -> date | None:
    """The day `text` means (see `day_or_why` for the formats), or None when it means none.

    Without `today` only dates are read: a web form's date picker sends nothing else.
    """
    try:
        return day_or_why(text, today, order, past=past)
    except DayError:
        return None
