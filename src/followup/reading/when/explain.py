"""Why a phrase names its day, in one short clause for the user: "Tue 1 Dec (the later end of
7–10 business days)". One wording per kind of expression, whatever the language it was read from."""

from __future__ import annotations

import re
from datetime import date

from followup.domain.labels import short_day
from followup.reading.when.expressions import (
    After,
    CalendarWeek,
    DaysLater,
    Expression,
    Holiday,
    MonthPart,
    Morning,
    Named,
    Numeric,
    OnWeekday,
    QuarterPart,
    Span,
    WeekOf,
    WeekOfMonth,
    WeekPart,
    YearEnd,
)

_RANGE = re.compile(r"[0-9]\s*[-–—]\s*[0-9]|\s(?:to|or|bis|oder|à|ou|a|o)\s", re.IGNORECASE)
_UNITS = {"hour": "hour", "day": "day", "business_day": "business day", "week": "week", "month": "month"}
_PARTS = {"early": "early", "mid": "the middle of", "end": "the end of"}
_WEEKS = {0: "this week", 1: "next week", 2: "the week after next"}


def reason(expression: Expression, day: date, written: date, phrase: str = "") -> str:
    e = expression
    if isinstance(e, Named | Numeric):
        return "the date they named" if getattr(e, "year", None) else "the next such date"
    if isinstance(e, OnWeekday):
        if e.weeks_ahead is None:
            return f"the first {day:%A} after {short_day(written)}"
        return f"{day:%A} of {_WEEKS.get(e.weeks_ahead, 'that week')}"
    if isinstance(e, WeekPart):
        if e.part == "end":
            return f"the last business day of {_WEEKS.get(e.weeks_ahead, 'that week')}"
        return f"{_PARTS[e.part]} {_WEEKS.get(e.weeks_ahead, 'that week')} read as {day:%A}"
    if isinstance(e, MonthPart):
        return {"early": "early in the month read as the 10th", "mid": "the middle of the month, the 15th"}.get(
            e.part, "the last business day of the month"
        )
    if isinstance(e, WeekOfMonth | WeekOf | CalendarWeek):
        return "the last business day of that week"
    if isinstance(e, QuarterPart):
        return {"early": "early in the quarter: the end of its first month", "mid": "the middle of the quarter"}.get(
            e.part, "the last business day of the quarter"
        )
    if isinstance(e, Span):
        unit = _UNITS[e.unit] + ("s" if e.count != 1 else "")
        if _RANGE.search(phrase):
            return f"the later end of “{phrase}”: {e.count} {unit} after {short_day(written)}"
        return f"{e.count} {unit} after {short_day(written)}"
    if isinstance(e, DaysLater):
        return {0: "the same day", 1: "the next day"}.get(e.days, f"{e.days} days later")
    if isinstance(e, Morning):
        return "the next morning" if day > written else "this morning"
    if isinstance(e, YearEnd):
        return "the last business day of the year"
    if isinstance(e, Holiday):
        if e.on:
            return "the holiday itself"
        return "the first business day after the holiday" if e.after else "the last business day before the holiday"
    if isinstance(e, After):
        return "counted from the other day they named"
    return "the day they named"  # pragma: no cover - every kind is named above
