"""The day an employer promises news (or an absent person says they are back), from a message body.

Only sentences that announce a decision, an update or a return are read: "the
interview was on Friday" names a day but promises nothing. English phrases go
through `followup.domain.timeline.parse_timeline`, so the product reads "within
7–10 business days" the same way everywhere; German, French and Spanish have the
common forms here (a date, a weekday, next week, end of week or month, "in two
weeks"), read the same way: the later end of a range, never a day before the
message was sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from followup.domain.calendar import BusinessCalendar
from followup.domain.timeline import parse_timeline
from followup.reading.patterns_dates import (
    CUE,
    DAY_MONTH,
    END_OF_DAY,
    END_OF_MONTH,
    END_OF_WEEK,
    MONTHS,
    NEGATED,
    NEXT_MONTH_START,
    NEXT_WEEK,
    NEXT_WEEKDAY,
    NUMBERS,
    NUMERIC_DATE,
    PAST,
    RETURN,
    SPAN,
    THIRD_PERSON_AWAY,
    WEEKDAY,
    WEEKDAYS,
)

# Sentence ends, but not the dot of a German ordinal ("5. Dezember") or a decimal.
# A comma ends a clause unless a date goes on after it ("Monday, November 30").
_CLAUSE_END = re.compile(
    r",(?!\s*(?:[0-9]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))|\b(?:as|because|since|while|but)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<![0-9])[.!?]+(?:\s+|$)|\n\s*\n|[;•]")


def sentences(text: str) -> list[str]:
    joined = re.sub(r"(?<!\n)\n(?!\n)", " ", text)  # undo hard wrapping at ~72 columns
    return [s.strip() for s in _SENTENCE_END.split(joined) if s and s.strip()]


def promised_date(text: str, message_date: date, calendar: BusinessCalendar) -> tuple[date, str] | None:
    """(day, the phrase naming it) for the first sentence that promises a day, or None.

    A first pass reads only the clause right after the cue (or, in a sentence with
    nothing in the past tense, the words before it); only when no sentence names a
    day that way does a second pass read the whole rest of the sentence after the cue.
    """
    # Within a sentence the last cue is tried first: in "out of office today, back on
    # Friday" the return, not the absence, carries the date.
    text = END_OF_DAY.sub("", text)
    candidates = [(s, cues[::-1]) for s in sentences(text) if (cues := list(CUE.finditer(s)))]
    candidates.sort(key=lambda item: RETURN.search(item[0]) is None)
    for strict in (True, False):
        for sentence, cues in candidates:
            found = _foreign(sentence, message_date, calendar)
            for cue in cues:
                if found is not None:
                    break
                found = _english(sentence, cue, strict, message_date, calendar)
            if found is not None and found[0] >= message_date:
                return found
    return None


def _english(
    sentence: str, cue: re.Match[str], strict: bool, ref: date, cal: BusinessCalendar
) -> tuple[date, str] | None:
    tail = sentence[cue.end() :]
    if not strict:
        parsed = parse_timeline(tail, ref, cal)
        return (parsed.date, parsed.matched) if parsed else None
    # The day usually follows the cue in the same clause ("we'll get back to you by Friday");
    # one before it ("by Friday we'll decide") counts when nothing points to the past.
    # A negated cue ("they won't decide before Friday") and someone else's absence ("the
    # director is away until the 8th") promise no news on that day.
    head = sentence[: cue.start()]
    clause = _CLAUSE_END.split(head)[-1]
    away = THIRD_PERSON_AWAY.search(head)
    if NEGATED.search(clause) or (away and not head[away.end() :].strip()):
        return None
    parsed = parse_timeline(_CLAUSE_END.split(tail, maxsplit=1)[0], ref, cal)
    if parsed is None and not PAST.search(sentence) and not away:
        parsed = parse_timeline(head, ref, cal)
    return (parsed.date, parsed.matched) if parsed else None


def _next_weekday_after(ref: date, weekday: int) -> date:
    return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _next_yearly(ref: date, month: int, day: int, year: str | None) -> date:
    if year:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    candidate = date(ref.year, month, day)
    return candidate if candidate >= ref else date(ref.year + 1, month, day)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else NUMBERS[token.lower()]


def _day_month(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    return _next_yearly(ref, MONTHS[m["month"].lower()], int(m["day"]), m["year"])


def _numeric(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    return _next_yearly(ref, int(m["month"]), int(m["day"]), m["year"])


def _next_weekday(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    # "nächsten Freitag", "vendredi prochain": the weekday of the following week, as in English.
    monday = ref - timedelta(days=ref.weekday())
    name = m["wd"] or m["wd2"] or m["wd3"] or m["wd4"]
    return monday + timedelta(days=7 + WEEKDAYS[name.lower()])


def _weekday(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    return _next_weekday_after(ref, WEEKDAYS[m["wd"].lower()])


def _next_week(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    return ref - timedelta(days=ref.weekday()) + timedelta(days=11)  # Friday of next week


def _end_of_week(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    friday = ref - timedelta(days=ref.weekday()) + timedelta(days=4)
    return friday if friday >= ref else friday + timedelta(days=7)


def _span(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    n = max(_number(m["n"]), _number(m["hi"]) if m["hi"] else 0)
    unit = m["unit"].lower()
    if unit.startswith(("werk", "arbeit")) or m["biz"]:
        return cal.add_business_days(ref, n)
    if unit.startswith(("tag", "jour", "día", "dia")):
        return ref + timedelta(days=n)
    if unit.startswith(("woche", "semaine", "semana")):
        return ref + timedelta(weeks=n)
    first = date(ref.year + (ref.month - 1 + n) // 12, (ref.month - 1 + n) % 12 + 1, 1)
    return first.replace(day=min(ref.day, _month_end(first.year, first.month).day))


def _next_month_start(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    return date(ref.year + ref.month // 12, ref.month % 12 + 1, 10)  # "early" is read as the 10th, as in English


def _end_of_month(m: re.Match[str], ref: date, cal: BusinessCalendar) -> date:
    return _month_end(ref.year, ref.month)


# Most specific first: an explicit date beats a weekday, which beats a span.
_FOREIGN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date, BusinessCalendar], date]], ...] = (
    (DAY_MONTH, _day_month),
    (NUMERIC_DATE, _numeric),
    (NEXT_WEEKDAY, _next_weekday),
    (WEEKDAY, _weekday),
    (NEXT_WEEK, _next_week),
    (END_OF_WEEK, _end_of_week),
    (SPAN, _span),
    (NEXT_MONTH_START, _next_month_start),
    (END_OF_MONTH, _end_of_month),
)


def _foreign(sentence: str, ref: date, cal: BusinessCalendar) -> tuple[date, str] | None:
    for pattern, resolve in _FOREIGN:
        for m in pattern.finditer(sentence):
            try:
                day = resolve(m, ref, cal)
            except (ValueError, KeyError, OverflowError):  # 31. Juni, 15/13: not a date
                continue
            if day >= ref:
                return day, m[0]
    return None
