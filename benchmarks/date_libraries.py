"""The phrase sets read by general temporal-expression libraries, to compare with followup's reader.

Usage (the libraries are not followup dependencies; install them beside it first):
    pip install dateparser ctparse recognizers-text-suite
    python benchmarks/date_libraries.py --reader dateparser|ctparse|recognizers [--sets ...] [--show-errors]

Each library is given the text, the moment it was written and its language, asked for the
date expressions it finds, and credited with the first one on or after the day written (the
end of an interval). None of them knows followup's conventions (business days, a range's
later end, holidays of the user's country), which is part of what is measured.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from dates import Item, main

# The Python port of Recognizers-Text has no German date-time model; German text goes to the English one.
_LOCALES = {"en": "en-us", "de": "en-us", "fr": "fr-fr", "es": "es-es"}


def _first_on_or_after(candidates: list[date], item: Item) -> date | None:
    written = item.sent.date()
    return next((day for day in candidates if day >= written), None)


def read_dateparser(item: Item) -> date | None:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {
        "RELATIVE_BASE": item.sent.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "MDY" if item.country in ("US", "CA") else "DMY",
    }
    found = search_dates(item.text, languages=[item.lang], settings=settings) or []
    return _first_on_or_after([moment.date() for _, moment in found], item)


def read_ctparse(item: Item) -> date | None:
    from ctparse import ctparse
    from ctparse.types import Interval, Time

    parsed = ctparse(item.text, ts=item.sent.replace(tzinfo=None), timeout=1.0)
    if parsed is None:
        return None
    found = parsed.resolution
    if isinstance(found, Interval):
        found = found.t_to or found.t_from
    if isinstance(found, Time) and found.year and found.month and found.day:
        return _first_on_or_after([date(found.year, found.month, found.day)], item)
    return None


def read_recognizers(item: Item) -> date | None:
    from recognizers_date_time import recognize_datetime

    days = []
    for result in recognize_datetime(item.text, _LOCALES[item.lang], reference=item.sent.replace(tzinfo=None)):
        for value in (result.resolution or {}).get("values", []):
            text = value.get("value") or value.get("end")
            if not text or value.get("type") not in ("date", "datetime", "daterange", "datetimerange"):
                continue
            try:
                day = datetime.fromisoformat(text).date()
            except ValueError:  # "XXXX-11-06": no year, resolved by the library in "end"/"value" only when it can
                continue
            # A period's "end" is exclusive ("March" ends on 1 April); "before Tuesday" ends on the Tuesday.
            days.append(day - timedelta(days=1) if value.get("start") and not value.get("Mod") else day)
    return _first_on_or_after(days, item)


if __name__ == "__main__":
    main({"dateparser": read_dateparser, "ctparse": read_ctparse, "recognizers": read_recognizers})
