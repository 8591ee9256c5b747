"""Turn what an interviewer or employer said about a decision timeline into a date.

Pure: the day the words were said comes in as `reference` and the clock is never
read. Every phrase is one row of `_RULES` (pattern, specificity tier, resolver).
All patterns run over the original text, so `matched` is always a real substring
of it; when several phrases match, the most specific tier wins and, within a tier,
the earliest (then the longest) match.

Where a phrase is vague the later reading is taken (upper bound of a range, the
10th for "early", the last day for "late"): a follow-up nudge sent a little late
costs less than one sent before the employer's own deadline has passed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from followup.domain.calendar import BusinessCalendar
from followup.domain.model import Interview
from followup.domain.text import fold_like_ignorecase


@dataclass(frozen=True, slots=True)
class ParsedTimeline:
    date: datetime.date  # the day by which the decision is promised, inclusive
    text: str  # the original words, unchanged
    matched: str  # the substring of text the parser relied on
    explanation: str  # one short plain sentence for the user
    confidence: float  # 0..1


_Resolved = tuple[date, str, float]  # (day, reason shown in brackets, confidence)
_Resolver = Callable[[re.Match[str], date, BusinessCalendar], _Resolved]


@dataclass(frozen=True, slots=True)
class _Rule:
    tier: int
    pattern: re.Pattern[str]
    resolve: _Resolver


# Specificity tiers. Bare day words rank lowest because "thanks for today" or
# "we'll talk tomorrow" is usually small talk next to the real timeline.
_DATE, _WEEK, _SPAN, _DAY = 3, 2, 1, 0
_EXPLICIT, _WEEKDAY, _DURATION, _VAGUE = 0.95, 0.9, 0.85, 0.7

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen")
_WORD_VALUES = {w: i for i, w in enumerate((*_ONES, *_TEENS, "eighteen", "nineteen"), 1)}
_WORD_VALUES |= {"twenty": 20, "thirty": 30}

_WD = "|".join(_WEEKDAYS)
# "May" alone is never a month here (it is mostly the verb): month names only
# count next to a day number or an early/mid/late qualifier.
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_NUM = rf"[0-9]{{1,3}}|twenty[\s-]+(?:{'|'.join(_ONES)})|{_WORDS}"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:,?\s+(?P<year>[0-9]{4})\b)?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _number(token: str) -> int:
    if token.isdigit():  # the patterns only let ASCII digits through
        return int(token)
    return sum(_WORD_VALUES[word] for word in re.split(r"[\s-]+", fold_like_ignorecase(token)))


def _month_number(name: str) -> int:
    return next(i for i, month in enumerate(_MONTHS, 1) if month.startswith(fold_like_ignorecase(name[:3])))


def _last_day(year: int, month: int) -> int:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day


def _add_months(day: date, months: int) -> date:
    year, index = divmod(day.month - 1 + months, 12)
    return date(year + day.year, index + 1, min(day.day, _last_day(year + day.year, index + 1)))


def _next_yearly(reference: date, month: int, day: int) -> date:
    """The first `day` of `month` on or after `reference`; eight years covers 29 February."""
    for year in range(reference.year, reference.year + 9):
        if day <= _last_day(year, month) and (found := date(year, month, day)) >= reference:
            return found
    raise ValueError(f"no {month}-{day} ahead")


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _short(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1].title()}"


def _day_name(day: date) -> str:
    return _WEEKDAYS[day.weekday()].title()


def _long(day: date) -> str:
    return f"{_day_name(day)} {day.day} {_MONTHS[day.month - 1].title()} {day.year}"


def _quoted(m: re.Match[str]) -> str:
    return "“" + " ".join(m[0].split()) + "”"


def _iso(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    return date(int(m["y"]), int(m["m"]), int(m["d"])), "the date they named", _EXPLICIT


def _month_day(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    month, day = _month_number(m["month"]), int(m["day"])
    if m["year"]:
        return date(int(m["year"]), month, day), "the date they named", _EXPLICIT
    return _next_yearly(ref, month, day), "the next such date", _EXPLICIT


def _day_of_month(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    day = int(m["day"])
    for offset in range(12):
        first = _add_months(ref.replace(day=1), offset)
        if day <= _last_day(first.year, first.month) and (found := first.replace(day=day)) >= ref:
            return found, f"the next {m['day']}{fold_like_ignorecase(m['ord'])} of a month", _EXPLICIT
    raise ValueError(f"no day {day} in any month")


def _weekday(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    target = _WEEKDAYS.index(fold_like_ignorecase(m["wd"]))
    # "by Friday" said on a Friday means the coming Friday, not the same day: a
    # same-day answer would have been put as "today". Hence strictly after `ref`.
    day = ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
    return day, f"the first {_day_name(day)} after {_short(ref)}", _WEEKDAY


def _next_weekday(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    # "next Friday" is the Friday of next week, even when said on a Monday.
    name = fold_like_ignorecase(m["a"] or m["b"] or m["c"])
    day = _week_start(ref) + timedelta(days=7 + _WEEKDAYS.index(name))
    return day, f"{_day_name(day)} of the week after {_short(ref)}", _WEEKDAY


_WEEK_PART = {"early": 1, "beginning": 1, "start": 1, "mid": 2, "middle": 2, "late": 4, "end": 4}


def _next_week(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    part = fold_like_ignorecase((m["part"] or "end").split()[0])
    day = _week_start(ref) + timedelta(days=7 + _WEEK_PART[part])
    confidence = _WEEKDAY if part == "end" and m["part"] else _VAGUE
    return day, f"{_quoted(m)} read as {_day_name(day)} of the following week", confidence


def _this_week(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    friday = _week_start(ref) + timedelta(days=4)
    # Said at the weekend, "this week" can only mean the week about to start.
    day = friday if friday >= ref else friday + timedelta(days=7)
    confidence = _WEEKDAY if "end" in fold_like_ignorecase(m[0]) else _VAGUE
    return day, f"{_quoted(m)} read as that week's Friday", confidence


_VAGUE_QUANTITY = {"few": 3, "couple": 2}


def _span(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    qty = fold_like_ignorecase(m["qty"]).split()
    word = qty[1] if qty[0] == "a" and len(qty) > 1 else qty[0]
    low = _VAGUE_QUANTITY.get(word) or (1 if word in ("a", "an") else _number(m["qty"]))
    n = max([low, *(_number(g) for g in (m["hi"], m["tail"]) if g)])
    # "a few", "a couple" and "X or Y" are estimates; people giving them think in
    # working days, so such day counts skip weekends and holidays.
    vague = word in _VAGUE_QUANTITY or bool(m["tail"]) or fold_like_ignorecase(m["sep"] or "") == "or"
    unit = fold_like_ignorecase(m["unit"])
    business = unit == "day" and (bool(m["biz"]) or vague)
    if unit == "hour":  # the hour it was said is unknown, so round up to whole days
        day, what = ref + timedelta(days=-(-n // 24)), f"{n} hours"
    elif business:
        day, what = cal.add_business_days(ref, n), f"{n} business day{'s' * (n != 1)}"
    elif unit == "day":
        day, what = ref + timedelta(days=n), f"{n} day{'s' * (n != 1)}"
    elif unit == "week":
        day, what = ref + timedelta(weeks=n), f"{n} week{'s' * (n != 1)}"
    else:
        day, what = _add_months(ref, n), f"{n} month{'s' * (n != 1)}"
    if vague:
        return day, f"{_quoted(m)} read as {what} after {_short(ref)}", _VAGUE
    return day, f"{what} after {_short(ref)}", _DURATION


_MONTH_PART = {"early": 10, "beginning": 10, "start": 10, "mid": 15, "middle": 15, "late": 0, "end": 0}


def _month_part(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    wanted = _MONTH_PART[fold_like_ignorecase(m["part"].split()[0])]  # 0 stands for the month's last day
    if m["month"]:
        month = _month_number(m["month"])
        year = ref.year + (month < ref.month)
        if date(year, month, wanted or _last_day(year, month)) < ref:
            year += 1
    else:
        first = _add_months(ref.replace(day=1), int(fold_like_ignorecase(m["which"] or "") == "next"))
        year, month = first.year, first.month
    day = date(year, month, wanted or _last_day(year, month))
    what = f"the {wanted}th" if wanted else "the last day"
    confidence = _DURATION if fold_like_ignorecase(m["part"]).startswith("end") else _VAGUE
    return day, f"{_quoted(m)} read as {what}", confidence


def _year_end(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    return date(ref.year, 12, 31), "the last day of the year", _DURATION


def _christmas(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    return _next_yearly(ref, 12, 24), "Christmas Eve", _DURATION


def _after_holidays(m: re.Match[str], ref: date, cal: BusinessCalendar) -> _Resolved:
    # The Christmas and New Year holidays; summer holidays are too varied to guess.
    day = cal.on_or_after(_next_yearly(ref, 1, 2))
    return day, "the first business day after New Year", _VAGUE


def _days_later(days: int, reason: str) -> _Resolver:
    return lambda m, ref, cal: (ref + timedelta(days=days), reason, _WEEKDAY)


_RULES = (
    _Rule(_DATE, _compile(r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})\b"), _iso),
    _Rule(
        _DATE,
        _compile(rf"\b(?P<month>{_MONTH})\b\.?\s+(?:the\s+)?(?P<day>[0-9]{{1,2}}){_ORD}?\b{_YEAR}"),
        _month_day,
    ),
    _Rule(
        _DATE,
        _compile(rf"\b(?:the\s+)?(?P<day>[0-9]{{1,2}}){_ORD}?(?:\s+of)?\s+(?P<month>{_MONTH})\b\.?{_YEAR}"),
        _month_day,
    ),
    # A bare ordinal is as often "the 2nd interview" as a day, so it needs a lead-in;
    # one followed by a month name is left to the day-month rule.
    _Rule(
        _DATE,
        _compile(
            rf"\b(?:by|on|before|until|till|around|{_WD})\s+the\s+(?P<day>[0-9]{{1,2}})(?P<ord>{_ORD})\b"
            rf"(?!\s+(?:of\s+)?(?:{_MONTH})\b)"
        ),
        _day_of_month,
    ),
    _Rule(
        _WEEK,
        _compile(
            rf"\bnext\s+(?P<a>{_WD})\b|\b(?P<b>{_WD})\s+(?:of\s+)?next\s+week\b"
            rf"|\bnext\s+week\s+(?:on\s+)?(?P<c>{_WD})\b"
        ),
        _next_weekday,
    ),
    # Past references ("last Friday", "since Monday") are not promises.
    _Rule(_WEEK, _compile(rf"(?<!last\s)(?<!since\s)(?<!previous\s)\b(?P<wd>{_WD})\b"), _weekday),
    _Rule(
        _WEEK,
        _compile(
            r"\b(?:(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of)[\s-]*"
            r"(?:the\s+)?)?next\s+week\b"
        ),
        _next_week,
    ),
    _Rule(_WEEK, _compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week|this\s+week)\b"), _this_week),
    _Rule(
        _SPAN,
        _compile(
            rf"\b(?P<qty>(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|an?|{_NUM})"
            rf"(?:\s*(?P<sep>[-–—]|\bto\b|\bor\b)\s*(?P<hi>{_NUM}))?"
            r"\s+(?P<biz>(?:business|working)\s+)?(?P<unit>hour|day|week|month)s?\b"
            rf"(?:\s+or\s+(?P<tail>{_NUM})\b)?(?!\s+ago\b)"
        ),
        _span,
    ),
    _Rule(
        _SPAN,
        _compile(
            r"\b(?:the\s+)?(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of)[\s-]*"
            rf"(?:(?:(?P<which>next|this|the)\s+)?month\b|(?P<month>{_MONTH})\b)"
        ),
        _month_part,
    ),
    _Rule(
        _SPAN,
        _compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]?end)\b"),
        _year_end,
    ),
    _Rule(_SPAN, _compile(r"\b(?:before|by|until|till)\s+(?:christmas|xmas)\b"), _christmas),
    _Rule(
        _SPAN,
        _compile(r"\bafter\s+(?:the\s+)?(?:christmas\s+)?(?:holidays|christmas|new\s+year(?:'s)?)\b"),
        _after_holidays,
    ),
    _Rule(_DAY, _compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b"), _days_later(2, "two days later")),
    _Rule(_DAY, _compile(r"\btomorrow\b"), _days_later(1, "the next day")),
    _Rule(
        _DAY,
        # "at the end of the day" is an idiom, not a deadline.
        _compile(
            r"\bto(?:day|night)\b|(?<!at\sthe\s)\bend\s+of\s+(?:the\s+)?(?:business\s+)?day\b"
            r"|\b(?:end|close)\s+of\s+business\b|\beod\b"
        ),
        _days_later(0, "the same day"),
    ),
)


def interview_timeline(text: str, interview: Interview, calendar: BusinessCalendar) -> ParsedTimeline | None:
    """What the interviewer's words about timing promise, counted from the day the interview
    ended in the calendar's zone (as they were said then): the capture's rule, in the CLI and the web form."""
    return parse_timeline(text, calendar.local_date(interview.ends_at), calendar)


def parse_timeline(text: str, reference: date, calendar: BusinessCalendar) -> ParsedTimeline | None:
    """The day by which `text` promises news, or None when it names no usable day."""
    found = [
        (-rule.tier, m.start(), m.start() - m.end(), index, m)
        for index, rule in enumerate(_RULES)
        for m in rule.pattern.finditer(text)
    ]
    for _, _, _, index, m in sorted(found, key=lambda c: c[:4]):
        try:
            day, reason, confidence = _RULES[index].resolve(m, reference, calendar)
        except (ValueError, OverflowError):  # an impossible date such as 31 June or 2026-13-01
            continue
        if day >= reference:
            return ParsedTimeline(day, text, m[0], f"{_long(day)} ({reason})", confidence)
    return None
