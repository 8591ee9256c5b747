"""What a time phrase means, whatever its language, and the day it names (docs/dates.md).

The language tables turn words into one of these values; `resolve` turns a value into a
day, counted from the day the words were written. Keeping the two apart means a
convention ("a range is its later end", "end of the week is its last business day") is
written once for English, German, French and Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from followup.domain.calendar import BusinessCalendar

Part = Literal["early", "mid", "end"]
Unit = Literal["hour", "day", "business_day", "week", "month"]


@dataclass(frozen=True, slots=True)
class Named:
    """A day of the month, with its month and year when given: "14 December", "the 14th"."""

    day: int
    month: int | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Numeric:
    """ "11/6", "06.11.": which number is the month depends on who wrote it."""

    first: int
    second: int
    year: int | None = None
    day_first: bool | None = None  # None: decided by the writer's and the user's country


@dataclass(frozen=True, slots=True)
class OnWeekday:
    weekday: int  # Monday 0
    weeks_ahead: int | None = None  # None: the first such day after; 1: next week's


@dataclass(frozen=True, slots=True)
class WeekPart:
    weeks_ahead: int  # 0 this week, 1 next week, 2 the week after next
    part: Part = "end"


@dataclass(frozen=True, slots=True)
class MonthPart:
    part: Part
    month: int | None = None  # None: counted from the message's month
    months_ahead: int = 0
    year: int | None = None


@dataclass(frozen=True, slots=True)
class WeekOfMonth:
    """ "the second week of February": the week of the month's n-th Monday."""

    n: int
    month: int


@dataclass(frozen=True, slots=True)
class WeekOf:
    """ "the week of March 8": news by the end of the week holding that day."""

    day: Named | Numeric


@dataclass(frozen=True, slots=True)
class QuarterPart:
    quarter: int  # 1–4; 0: the message's own quarter, `ahead` quarters later ("end of this quarter")
    part: Part = "end"
    year: int | None = None
    ahead: int = 0


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    """ "bis KW 14", "calendar week 14": the ISO week of that number."""

    week: int


@dataclass(frozen=True, slots=True)
class Span:
    count: int
    unit: Unit


@dataclass(frozen=True, slots=True)
class DaysLater:
    """ "today" (0), "tomorrow" (1), "the day after tomorrow" (2)."""

    days: int


@dataclass(frozen=True, slots=True)
class Morning:
    """ "In the morning": the next morning when written after noon, else the same day."""


@dataclass(frozen=True, slots=True)
class YearEnd:
    pass


@dataclass(frozen=True, slots=True)
class Holiday:
    """A public holiday of the user's country, found by its English name, or a season of holidays."""

    name: str  # a lower-case fragment of the holiday's English name, or "christmas break"
    after: bool
    on: bool = False  # the holiday itself ("closed for the bank holiday; a call the day after")
    weekend: bool = False  # "after the Thanksgiving weekend": after the weekend that goes with it


@dataclass(frozen=True, slots=True)
class After:
    """A day counted from another named day: "the committee meets on the 14th; a call the day after"."""

    anchor: Expression
    days: int
    business: bool = False
    week_end: bool = False  # "the week after that": the last business day of the week `days` later
    weekday: int | None = None  # "the following Tuesday": the first such day after the other day
    span: Span | None = None  # "binnen einer Woche danach", "within 48 hours of that meeting": the span, from that day


Expression = (
    Named
    | Numeric
    | OnWeekday
    | WeekPart
    | MonthPart
    | WeekOfMonth
    | WeekOf
    | QuarterPart
    | CalendarWeek
    | Span
    | DaysLater
    | Morning
    | YearEnd
    | Holiday
    | After
)


@dataclass(frozen=True, slots=True)
class Context:
    written: date  # the day the words were written, in the writer's zone
    calendar: BusinessCalendar  # the user's business days
    country: str | None  # the user's country: its holidays, and month-first numeric dates
    month_first: bool  # the writer or the user writes month/day
    hour: int | None = None  # the writer's hour, when the moment is known


def resolve(expression: Expression, ctx: Context) -> date:
    """The day `expression` names, never before `ctx.written` unless the words name a past day
    (the caller drops those). Raises ValueError for an impossible date (31 June, 13/13)."""
    ref, cal = ctx.written, ctx.calendar
    e = expression
    if isinstance(e, Named):
        return _next_day_of_month(ref, e.day) if e.month is None else _on_or_after(ref, e.month, e.day, e.year)
    if isinstance(e, Numeric):
        day_first = e.day_first
        if day_first is None:
            day_first = e.first > 12 or (e.second <= 12 and not ctx.month_first)
        day, month = (e.first, e.second) if day_first else (e.second, e.first)
        return _on_or_after(ref, month, day, e.year)
    if isinstance(e, OnWeekday):
        if e.weeks_ahead is None:
            # "by Friday" said on a Friday means the coming one: the same day would be "today".
            return ref + timedelta(days=(e.weekday - ref.weekday()) % 7 or 7)
        return _monday(ref) + timedelta(weeks=e.weeks_ahead, days=e.weekday)
    if isinstance(e, WeekPart):
        monday = _monday(ref) + timedelta(weeks=e.weeks_ahead)
        if e.weeks_ahead == 0 and ref.weekday() >= 5:  # "this week", written at the weekend: the coming one
            monday += timedelta(weeks=1)
        return _week_part(monday, e.part, cal)
    if isinstance(e, MonthPart):
        named = _month_part(_month_of(ref, e.month, e.months_ahead, e.year, e.part, cal), e.part, cal)
        # "By the end of the month" written on its last weekend: the next business day.
        return cal.on_or_after(ref) if named < ref and e.month is None and e.months_ahead == 0 else named
    if isinstance(e, WeekOfMonth):
        for year in (ref.year, ref.year + 1):
            first = date(year, e.month, 1)
            monday = first + timedelta(days=(-first.weekday()) % 7, weeks=e.n - 1)
            if (end := _week_part(monday, "end", cal)) >= ref:
                return end
        raise ValueError("no such week ahead")
    if isinstance(e, WeekOf):
        return _week_part(_monday(resolve(e.day, ctx)), "end", cal)
    if isinstance(e, QuarterPart):
        if e.quarter == 0:
            year, index = divmod((ref.month - 1) // 3 + e.ahead, 4)
            return _quarter_part(ref, index + 1, e.part, ref.year + year, cal)
        return _quarter_part(ref, e.quarter, e.part, e.year, cal)
    if isinstance(e, CalendarWeek):
        for year in (ref.year, ref.year + 1):
            if (end := _week_part(date.fromisocalendar(year, e.week, 1), "end", cal)) >= ref:
                return end
        raise ValueError("no such week ahead")
    if isinstance(e, Span):
        return _span(ref, e.count, e.unit, cal)
    if isinstance(e, DaysLater):
        return ref + timedelta(days=e.days)
    if isinstance(e, Morning):
        return ref + timedelta(days=1 if ctx.hour is None or ctx.hour >= 12 else 0)
    if isinstance(e, YearEnd):
        return _last_business_day(date(ref.year, 12, 31), cal)
    if isinstance(e, Holiday):
        return _holiday(ref, e.name, e.after, ctx, on=e.on, weekend=e.weekend)
    start = _anchor_day(e.anchor, ctx)
    if e.span is not None:
        return _span(start, e.span.count, e.span.unit, cal)
    if e.weekday is not None:
        return start + timedelta(days=(e.weekday - start.weekday()) % 7 or 7)
    if e.week_end:
        return _week_part(_monday(start + timedelta(days=e.days)), "end", cal)
    return cal.add_business_days(start, e.days) if e.business else start + timedelta(days=e.days)


# "10 working days from the closing date of April 9", written on April 12: a day counted from
# is often just past, where a promised day is never; up to this long ago it is that past day.
RECENT_ANCHOR = timedelta(days=62)


def _anchor_day(anchor: Expression, ctx: Context) -> date:
    day = resolve(anchor, ctx)
    if isinstance(anchor, (Named, Numeric)) and anchor.year is None and day - ctx.written > timedelta(days=300):
        try:
            earlier = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day
        if ctx.written - earlier <= RECENT_ANCHOR:
            return earlier
    return day


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _last_day(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _last_business_day(day: date, cal: BusinessCalendar) -> date:
    while not cal.is_business_day(day):
        day -= timedelta(days=1)
    return day


def _add_months(day: date, months: int) -> date:
    year, index = divmod(day.month - 1 + months, 12)
    last = _last_day(day.year + year, index + 1)
    return date(day.year + year, index + 1, min(day.day, last.day))


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def _on_or_after(ref: date, month: int, day: int, year: int | None) -> date:
    if year is not None:
        return date(_full_year(year), month, day)
    # Eight years always hold a 29 February.
    for candidate_year in range(ref.year, ref.year + 9):
        if day <= _last_day(candidate_year, month).day and (found := date(candidate_year, month, day)) >= ref:
            return found
    raise ValueError(f"no {month}-{day} ahead")


def _next_day_of_month(ref: date, day: int) -> date:
    first = ref.replace(day=1)
    for offset in range(12):
        month = _add_months(first, offset)
        if day <= _last_day(month.year, month.month).day and (found := month.replace(day=day)) >= ref:
            return found
    raise ValueError(f"no day {day} in any month")


def _week_part(monday: date, part: Part, cal: BusinessCalendar) -> date:
    if part == "early":
        return monday + timedelta(days=1)
    if part == "mid":
        return monday + timedelta(days=2)
    return _last_business_day(monday + timedelta(days=4), cal)


def _month_of(ref: date, month: int | None, ahead: int, year: int | None, part: Part, cal: BusinessCalendar) -> date:
    if month is None:
        return _add_months(ref.replace(day=1), ahead)
    if year is not None:
        return date(_full_year(year), month, 1)
    first = date(ref.year, month, 1)
    # "end of March" written in April means next March; "early March" written on 20 March, too.
    if _month_part(first, part, cal) < ref:
        first = date(ref.year + 1, month, 1)
    return first


def _month_part(first: date, part: Part, cal: BusinessCalendar) -> date:
    if part == "early":
        return first.replace(day=10)
    if part == "mid":
        return first.replace(day=15)
    return _last_business_day(_last_day(first.year, first.month), cal)


def _quarter_part(ref: date, quarter: int, part: Part, year: int | None, cal: BusinessCalendar) -> date:
    years = [_full_year(year)] if year is not None else [ref.year, ref.year + 1]
    for candidate in years:
        first_month = 3 * (quarter - 1) + 1
        if part == "early":
            day = _last_day(candidate, first_month)
        elif part == "mid":
            day = date(candidate, first_month + 1, 15)
        else:
            day = _last_business_day(_last_day(candidate, first_month + 2), cal)
        if day >= ref or year is not None:
            return day
    raise ValueError("no such quarter ahead")


def _span(ref: date, count: int, unit: Unit, cal: BusinessCalendar) -> date:
    if unit == "hour":  # the hour it was written is not known here: whole days, rounded up
        return ref + timedelta(days=-(-count // 24))
    if unit == "business_day":
        return cal.add_business_days(ref, count)
    if unit == "day":
        return ref + timedelta(days=count)
    if unit == "week":
        return ref + timedelta(weeks=count)
    return _add_months(ref, count)


def _holiday(ref: date, name: str, after: bool, ctx: Context, *, on: bool = False, weekend: bool = False) -> date:
    cal = ctx.calendar
    if on:
        return _on_or_after(ref, 12, 25, None) if name == "christmas break" else _named_holiday(ref, name, ctx.country)
    if name == "christmas break":
        if after:
            return cal.on_or_after(_on_or_after(ref, 1, 2, None))
        return _last_business_day(_on_or_after(ref, 12, 24, None) - timedelta(days=1), cal)
    day = _named_holiday(ref, name, ctx.country)
    if after:
        # The first business day after it; "after the Thanksgiving weekend" also waits out
        # the weekend after a Thursday or Friday holiday.
        if weekend and day.weekday() in (3, 4):
            day += timedelta(days=6 - day.weekday())
        return cal.first_after(day)
    return _last_business_day(day - timedelta(days=1), cal)


def _named_holiday(ref: date, name: str, country: str | None) -> date:
    if name == "easter":
        return next(d for y in (ref.year, ref.year + 1) if (d := _easter(y)) >= ref)
    if name == "christmas day":
        return _on_or_after(ref, 12, 25, None)
    if name == "new year's day":
        return _on_or_after(ref, 1, 1, None)
    if country is None:
        raise ValueError(f"{name}: no country to look the holiday up in")
    import holidays  # only when a holiday is named: the tables are large

    table = holidays.country_holidays(country, years=(ref.year, ref.year + 1), language="en_US")
    # British spelling where the table has the American one and back ("Labour Day" in New Zealand's).
    found = sorted(
        day
        for day, label in table.items()
        if name in (folded := label.lower().replace("labour", "labor")) and "observed" not in folded
    )
    for day in found:
        if day >= ref:
            return day
    # Easter's days stand where the national table lacks them (Britain's lists them only per nation):
    # "after the Easter Monday bank holiday" still names that Monday.
    if name in _EASTER_DAYS:
        return next(d for y in (ref.year, ref.year + 1) if (d := _easter(y) + _EASTER_DAYS[name]) >= ref)
    raise ValueError(f"{name}: not a holiday in {country}")


_EASTER_DAYS = {"easter monday": timedelta(days=1), "good friday": timedelta(days=-2)}


def _easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus): a reference even where it is no public holiday."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)
