"""The checked text, tokenised once and shared by every check, and how offsets become lines and columns.

Offsets count characters (code points) of the checked text. Lines are split on
"\\n" only, so a stray "\\r" is an ordinary character of its line: the same rule
everywhere keeps start/end, line and column in agreement for any input.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from followup.domain.text import strip_accents
from followup.drafting.model import CheckContext, Finding, Fix, Severity

# Letters only (no digits, no underscore), with apostrophes and hyphens inside a
# word: "O'Brien", "Jean-Pierre", "don't" are one word each.
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# Letters that NFKD does not decompose but that people type without the accent.
_STROKES = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "œ": "oe", "ı": "i"})
# What may sit between the end of one sentence and the first word of the next.
_LEAD_IN = " \t\"'“‘«([*•–—-"
# Email addresses, URLs and bare domains: their letters are neither names nor prose.
_ADDRESSES = re.compile(
    r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|\b(?:https?://|www\.)\S+"
    r"|\b[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|io|dev|de|uk|fr|ie|eu|example)\b"
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:best(?: regards| wishes)?|kind regards|warm(?:est)? regards|regards|sincerely|yours(?: sincerely"
    r"| truly| faithfully)?|many thanks|thanks(?: again)?|thank you(?: again)?|cheers|all the best|with thanks"
    r"|with best wishes|respectfully)[ \t]*[,.!]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def normalise(word: str) -> str:
    """Typographic apostrophes as straight ones: "O’Brien" and "O'Brien" are the same name."""
    return word.translate(APOSTROPHES)


@lru_cache(maxsize=16384)  # the same few hundred words are folded again for every stored name
def word_key(text: str) -> str:
    """Accent-, case- and punctuation-insensitive form: "Jürgen" → "jurgen", "O'Brien" → "obrien".

    Looser than the classifier's fold (reading.model.feature_form), on purpose: a name typed
    without its stroke letter or its apostrophe is still the same name, where for the
    classifier "don't" and "dont" need not be the same word.
    """
    bare = strip_accents(text.translate(_STROKES))
    return bare.casefold().translate({ord("'"): None, ord("’"): None, ord("ʼ"): None, ord("-"): None})


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "å": "aa", "Å": "Aa"})


@lru_cache(maxsize=16384)
def transliterate(text: str) -> str:
    """The German and Nordic way of typing without accents: "Müller" → "mueller"."""
    return word_key(text.translate(_UMLAUTS))


def strip_possessive(word: str) -> str:
    """ "Ann's" → "Ann": the possessive is grammar, not spelling."""
    if len(word) > 3 and word[-2:] in ("'s", "’s", "'S", "’S"):
        return word[:-2]
    return word


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


class Doc:
    """One text under check: the text, where its body starts, and what is known about it."""

    def __init__(self, text: str, context: CheckContext, *, body_start: int = 0, subject: str | None = None) -> None:
        self.text = text
        self.context = context
        self.body_start = body_start  # 0 without a subject line
        self.subject = subject  # None when the text was checked without a subject (plain check())

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def finding(
        self, check_id: str, severity: Severity, message: str, start: int, end: int, fix: Fix | None = None
    ) -> Finding:
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        line, column = self.position(start)
        return Finding(check_id, severity, message, start, end, line, column, fix)

    @cached_property
    def words(self) -> tuple[Word, ...]:
        """The words of the text outside email addresses and URLs."""
        words = (Word(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text))
        spans = [m.span() for m in _ADDRESSES.finditer(self.text)]
        if not spans:
            return tuple(words)
        return tuple(w for w in words if not any(s <= w.start < e for s, e in spans))

    def starts_sentence(self, offset: int) -> bool:
        """True at the start of the text, a line, or after . ! ? (skipping quotes, brackets, bullets)."""
        i = offset
        while i > 0 and self.text[i - 1] in _LEAD_IN:
            i -= 1
        return i == 0 or self.text[i - 1] in ".!?…\n"

    def adjacent(self, left: Word, right: Word) -> bool:
        """Two words separated only by spaces or tabs on one line (parts of one name)."""
        gap = self.text[left.end : right.start]
        return bool(gap) and gap.strip(" \t") == "" and len(gap) <= 3

    def line_span(self, offset: int) -> tuple[int, int]:
        """The line holding offset, without its line break."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def first_body_line(self) -> tuple[int, int]:
        """The body's first non-empty line (usually the greeting): where an opening is missing."""
        for match in re.finditer(r"[^\n]*\S[^\n]*", self.body):
            return self.body_start + match.start(), self.body_start + match.end()
        return len(self.text), len(self.text)

    def sign_off_line(self) -> tuple[int, int]:
        """The sign-off ("Best regards,"), or else the last non-empty line: where closing matter belongs."""
        found = [m for m in _SIGN_OFF.finditer(self.body) if m.group().strip()]
        if found:
            return self.body_start + found[-1].start(), self.body_start + found[-1].end()
        lines = list(re.finditer(r"[^\n]*\S[^\n]*", self.body))
        if lines:
            return self.body_start + lines[-1].start(), self.body_start + lines[-1].end()
        return len(self.text), len(self.text)
