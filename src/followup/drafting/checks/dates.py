"""Does a text mention a date? The interview's, in any usual way of writing it, or any date at all.

"18 November", "18th of November", "November 18", "Nov. 18th", "18. November",
"18/11", "18.11.2026", "11/18" (US), "2026-11-18" and the weekday ("on
Wednesday") all count for 18 November 2026.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINAL = r"(?:st|nd|rd|th|\.)?"
_ANY_MONTH = "|".join(m if m == "may" else f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + "|sept"
_ANY_DATE = re.compile(
    rf"(?<!\d)\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?(?:{_ANY_MONTH})\b"
    rf"|\b(?:{_ANY_MONTH})\.?\s+(?:the\s+)?\d{{1,2}}(?!\d)"
    r"|(?<![\d/.])\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?(?![\d/])"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b(?:{'|'.join(WEEKDAYS)})\b"
    r"|\b(?:yesterday|last week|earlier this week)\b",
    re.IGNORECASE,
)


def _month(month: int) -> str:
    name = MONTHS[month - 1]
    forms = {name, name[:3]} | ({"sept"} if month == 9 else set())
    return "|".join(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=64)
def date_pattern(day: date) -> re.Pattern[str]:
    d, m, month = day.day, day.month, _month(day.month)
    years = rf"(?:{day.year}|{day.year % 100:02d})"
    return re.compile(
        rf"(?<!\d)0?{d}{_ORDINAL}\s+(?:of\s+)?(?:{month})\b"
        rf"|\b(?:{month})\.?\s+(?:the\s+)?0?{d}(?:st|nd|rd|th)?(?!\d)"
        rf"|(?<![\d/.])0?{d}[./]0?{m}(?:[./]{years}?)?(?![\d/])"
        rf"|(?<![\d/.])0?{m}/0?{d}(?:/{years})?(?![\d/])"
        rf"|\b{day.isoformat()}\b"
        rf"|\b{WEEKDAYS[day.weekday()]}\b",
        re.IGNORECASE,
    )


def mentions_date(text: str, day: date | None) -> bool:
    """True when the text names `day` (or, with no day given, any date or weekday)."""
    pattern = date_pattern(day) if day is not None else _ANY_DATE
    return pattern.search(text) is not None
