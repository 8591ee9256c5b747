"""One row of a language's table: how specific a phrase is, its pattern, and what it means."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from followup.reading.literals import Needles, needles
from followup.reading.when.expressions import Expression

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
