"""Words a regular expression cannot match without: a cheap test before running it.

The classifier runs a couple of hundred cue patterns over every message, and most of
them match nothing in it. Each pattern has words that any match must contain ("offer"
in "we (are|were) pleased to offer"): when none of them is in the message, the pattern
need not run. `needles` reads them from the pattern's parse tree, the way grep tools
pick a literal to search for first.

The answer errs one way only: a set of strings of which every match contains at least
one, or None when the pattern names nothing certain (then it always runs). Only ASCII
strings are used, and looked for in `domain.text.fold_like_ignorecase(text)`: lower case,
with the four other characters IGNORECASE takes for an ASCII letter (İ, ı, ſ and the
Kelvin sign) replaced by that letter, so no case variant a pattern would match is missed.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind `re` and its opcodes: private, read only by `parse_tree` and the walk below
    from re import _constants as constants  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    parser = constants = None

Needles = frozenset[str]
# Shorter strings are in nearly every message: not worth looking for.
SHORTEST = 3


def needles(pattern: str) -> Needles | None:
    """Strings of which every match of `pattern` (compiled with IGNORECASE) contains one, or None."""
    tree = parse_tree(pattern)
    if tree is None:
        return None
    try:
        found = _sequence(tree)
    except Exception:  # a construct read wrongly here must never drop a match
        return None
    if found is None or min(len(s) for s in found) < SHORTEST:
        return None
    return found


def parse_tree(pattern: str) -> Any | None:
    """The parse tree `re` compiles `pattern` from (with IGNORECASE), or None where it cannot be had.

    Python has no public way to it: `re._parser` is private. This is the one place that calls
    it; tests/test_mail_literals.py fails loudly if a new Python changes its shape, and here any
    surprise only turns the shortcut off (every pattern then runs).
    """
    if parser is None:
        return None
    try:
        return parser.parse(pattern, re.IGNORECASE)
    except Exception:
        return None


def _sequence(items: Any) -> Needles | None:
    """A concatenation: every part must match, so the most selective part's strings will do."""
    best: Needles | None = None
    run: list[str] = []

    def close() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset({"".join(run).lower()}))
            run.clear()

    for op, value in items:
        if op is constants.LITERAL and value < 128:
            run.append(chr(value))
            continue
        if op in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
            continue  # zero width: the literal run goes on across a \b or a lookaround
        close()
        best = _better(best, _item(op, value))
    close()
    return best


def _item(op: Any, value: Any) -> Needles | None:
    if op is constants.SUBPATTERN:
        _group, _add_flags, del_flags, sub = value
        if del_flags & re.IGNORECASE:
            return None  # a case-sensitive part: its literals would still be in fold(text), but keep it simple
        return _sequence(sub)
    if op is constants.ATOMIC_GROUP:
        return _sequence(value)
    if op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
        low, _high, sub = value
        return _sequence(sub) if low >= 1 else None
    if op is constants.BRANCH:
        _none, branches = value
        union: set[str] = set()
        for branch in branches:
            found = _sequence(branch)
            if found is None:
                return None  # one way through that needs nothing certain
            union |= found
        return frozenset(union)
    return None  # a character class, any character, a back reference, non-ASCII: nothing certain


def _better(a: Needles | None, b: Needles | None) -> Needles | None:
    """Of two requirements that both hold, the one whose shortest string is longest.

    Every string here is ASCII: runs take only ASCII literals, and anything else is None.
    """
    if a is None or b is None:
        return b if a is None else a
    return a if min(map(len, a)) >= min(map(len, b)) else b
