"""One row of a language's table: how specific a phrase is, its pattern, and what it means."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from followup.reading.literals import Needles, needles
from followup.reading.when.expressions import Expression, Span, Unit

# How specific a phrase is: when a sentence names several days, a date beats a weekday,
# which beats a span, which beats a bare "today" (usually small talk beside the real promise).
# Holidays and quarters sit between a date and a weekday: "after the new year, by 1/8" means the 8th.
DATE, PERIOD, WEEK, SPAN, DAY = 4, 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Rule:
    tier: int
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str]], Expression]
    # Words every match contains (reading/literals.py): a sentence with none of them is skipped,
    # as most sentences hold no date at all.
    needles: Needles | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needles", needles(self.pattern.pattern))


def number(token: str, words: Mapping[str, int]) -> int:
    token = " ".join(token.lower().split())
    if token.isdecimal():
        return int(token)
    if token in words:
        return words[token]
    # "twenty one", "twenty-one"
    return sum(words[part] for part in re.split(r"[\s-]+", token))


def pattern(text: str) -> re.Pattern[str]:
    """A phrase table's pattern: case never matters in what people write."""
    return re.compile(text, re.IGNORECASE)


def span(
    m: re.Match[str],
    numbers: Mapping[str, int],
    units: tuple[tuple[tuple[str, ...], Unit], ...],
    estimates: frozenset[str] = frozenset(),
) -> Span:
    """A span from a match with the groups n (and optionally hi, tail, biz) and unit: the later end
    of a range ("7–10", "un jour ou deux"), in the unit its word starts with (else months). Days
    given as an estimate ("ein paar Tage", "en unos días", "in ein, zwei Tagen") are working days,
    as people giving estimates think in working days."""
    groups = m.re.groupindex
    words = [m["n"], *(m[g] for g in ("hi", "tail") if g in groups and m[g])]
    count = max(number(word, numbers) for word in words)
    word = m["unit"].lower()
    unit: Unit = next((u for prefixes, u in units if word.startswith(prefixes)), "month")
    first = m["n"].lower()
    estimate = first in estimates or (len(words) > 1 and not first.isdecimal())
    if unit == "day" and (estimate or ("biz" in groups and m["biz"])):
        unit = "business_day"
    return Span(count, unit)
