"""The English word list (pyspellchecker's), loaded once per process on first use.

Loading it takes about a quarter of a second (a 160,000-word frequency table
read from a gzipped JSON file), so nothing loads at import time and every later
check in the same process reuses it. Besides spelling, the frequencies tell an
ordinary word ("Mark", "Stone", "Data") from a rare one ("Jon", "Acme"): the
name checks only guess that an ordinary capitalised word is a misspelt name
when it stands where a name must be.
"""

from __future__ import annotations

import re
import time

_dictionary: dict[str, int] | None = None
_load_seconds: float | None = None

# A word this frequent in the corpus is an ordinary word even when capitalised;
# first names sit well below it ("john" 6,920, "bob" 6,124; "role" 43,916).
ORDINARY_FREQUENCY = 20_000
LETTERS = "abcdefghijklmnopqrstuvwxyz'"

# Job-search words the general corpus lacks; without them every well-written
# draft would be flagged.
EXTRA_WORDS = frozenset({
    "analytics", "async", "bcc", "cc", "cv", "cvs", "dataset", "datasets", "ecommerce", "email", "emails", "etc",
    "etl", "fintech", "fyi", "github", "hoc", "hr", "kpi", "kpis", "linkedin", "offboarding", "onboarding",
    "onsite", "pdf", "pdfs", "reorg", "reskilling", "rollout", "rollouts", "shortlist", "shortlisted", "upskill",
    "upskilled", "upskilling", "voicemail", "voicemails", "walkthrough", "walkthroughs", "workflow", "workflows",
})  # fmt: skip

# British spellings, tried as their American form: the corpus is American, the
# users are not all. Each pair is (British ending, American ending).
_BRITISH = (
    (re.compile(r"is(e|ed|es|ing|er|ers|ation|ations|able)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able|ably|ful|less|er|ers)?$"), r"or\1"),
    (re.compile(r"(?<=[^aeiou])re(s|d)?$"), r"er\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"amme(s)?$"), r"am\1"),
)


def dictionary() -> dict[str, int]:
    """Lower-case word → frequency; the first call loads it."""
    global _dictionary, _load_seconds
    if _dictionary is None:
        started = time.perf_counter()
        # Imported here: loading the word list is the slow part, timed above, and most runs never check a text.
        from spellchecker import SpellChecker

        _dictionary = SpellChecker(language="en").word_frequency.dictionary
        _load_seconds = time.perf_counter() - started
    return _dictionary


def load_seconds() -> float | None:
    """How long the one-off load took, or None when it has not happened yet (for the benchmark)."""
    return _load_seconds


def frequency(word: str) -> int:
    return dictionary().get(word.lower(), 0)


def is_ordinary(word: str) -> bool:
    return frequency(word) >= ORDINARY_FREQUENCY


def is_known(word: str) -> bool:
    """A correctly spelt English word (American or British), given in any case."""
    lower = word.lower()
    words = dictionary()
    if lower in words or lower in EXTRA_WORDS:
        return True
    return any(
        (variant := pattern.sub(american, lower)) != lower and variant in words for pattern, american in _BRITISH
    )


def suggestions(word: str, limit: int = 3) -> list[str]:
    """The likeliest known words one edit away, most frequent first.

    One edit only: pyspellchecker's two-edit search takes 0.1-0.5 s per word in
    pure Python, and most typos ("recieve", "definately", "intervew") are one
    edit from the word meant.
    """
    lower = word.lower()
    words = dictionary()
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    edits |= {left + c + right[1:] for left, right in splits if right for c in LETTERS}
    edits |= {left + c + right for left, right in splits for c in LETTERS}
    edits.discard(lower)
    found = sorted((w for w in edits if w in words), key=lambda w: (-words[w], w))[:limit]
    if word[:1].isupper():
        return [w[:1].upper() + w[1:] for w in found]
    return found
