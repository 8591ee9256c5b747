"""The user's own words: every text the user stored that a draft may quote.

Names, companies, roles, notes, tags and places are the user's data; a word
written in a draft exactly as it stands in them is what the user meant, so the
spelling and name checks never report it ("café loyalty data" from a note is
not a misspelling of the company "Café"). `stored_texts` walks any record the
draft was made from (its facts, an application with its contacts and
interviews), so a fact added later is trusted without a change here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from functools import lru_cache

from followup.drafting.checks.text import WORD, normalise


def stored_texts(*records: object) -> tuple[str, ...]:
    """Every non-empty text inside the records, in order, each once."""
    seen: dict[str, None] = {}
    for record in records:
        for text in _texts(record, depth=0):
            if text.strip():
                seen.setdefault(text, None)
    return tuple(seen)


def _texts(value: object, depth: int) -> Iterator[str]:
    if depth > 6 or value is None or isinstance(value, (bool, int, float, date, datetime)):
        return
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), depth + 1)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item, depth + 1)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _texts(item, depth + 1)


@lru_cache(maxsize=64)  # a draft is re-checked as the user types; its stored texts stay the same
def words_of(texts: tuple[str, ...]) -> frozenset[str]:
    """The words of the texts exactly as written there, and each part of a hyphenated one."""
    words = {normalise(m.group()) for t in texts for m in WORD.finditer(t)}
    words |= {part for w in list(words) for part in w.split("-") if part}
    return frozenset(words)
