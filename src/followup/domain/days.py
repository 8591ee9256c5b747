"""Reading a calendar day as people write it, without reading the clock.

One reader for both doors: `read_day` says which day a text means, or None when it means
none; each door words its own error (an option name on the command line, a form field on
the web) and decides whether an empty field is allowed.
"""

from __future__ import annotations

from datetime import date, timedelta

_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def read_day(text: str, today: date | None = None) -> date | None:
    """The day `text` means: ISO (2026-11-27); given `today`, also today/tomorrow/yesterday or a
    weekday name (the next one, never today). None when the text is not a day.

    Without `today` only ISO is read: a web form's date picker sends nothing else.
    """
    text = text.strip()
    value = text.lower()
    if today is not None:
        if value in _RELATIVE:
            return today + timedelta(days=_RELATIVE[value])
        if value[:3] in _WEEKDAYS and value.isalpha():
            ahead = (_WEEKDAYS.index(value[:3]) - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def names_a_day(word: str) -> bool:
    """Whether `word` is one of the relative day words or starts with a weekday's name."""
    value = word.lower()
    return value in _RELATIVE or value[:3] in _WEEKDAYS
