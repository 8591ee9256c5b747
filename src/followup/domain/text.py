"""Folding text so that spellings people treat as the same compare equal.

Each fold here does one job; the readers that need a fold of their own build it from these:

- `fold_like_ignorecase`: words matched by a regular expression under re.IGNORECASE. Under
  IGNORECASE four non-ASCII letters match ASCII ones (İ and ı match i, ſ matches s, the Kelvin
  sign matches k), and str.lower() alone does not map them back; a word matched that way is
  folded with it before it is looked up or compared.
- `strip_accents`: é → e, ü → u (canonical decomposition, combining marks dropped). The
  classifier's features (reading.model) and the drafting checks' name comparison
  (drafting.checks.text) both start from it, and differ on purpose after it: see there.
"""

from __future__ import annotations

import re
import unicodedata

# Every non-ASCII character that re.IGNORECASE matches to an ASCII letter (a test checks all of Unicode).
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_like_ignorecase(text: str) -> str:
    """Lower case, the four ASCII twins mapped to their ASCII letters."""
    return text.translate(_ASCII_TWINS).lower()


def strip_accents(text: str) -> str:
    """The text without its accents: "Jürgen" → "Jurgen", "ﬁ" → "fi" (compatibility forms decomposed too).

    Case is kept; letters NFKD does not decompose (ø, ł, æ) are kept as they are.
    """
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# A word as a sentence starts with one: letters, joined by an apostrophe or a hyphen ("don't", "e-mail"),
# maybe followed by punctuation ("row," "first:"). Digits, "@", ".", "_" or brackets make it an id, an
# address, a file name or a path.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*[,;:!?)]?")


def capitalised(text: str) -> str:
    """`text` with its first letter capitalised, when its first word is a real word ("row 3" → "Row 3").

    A first word that is not (an action id such as "ue3p2is5tu", an email address, a file name,
    a path such as "applications[2].email") is left as written: capitalised, it would no longer
    be the id the user types.
    """
    words = text.split(maxsplit=1)
    if words and _WORD.fullmatch(words[0]):
        start = len(text) - len(text.lstrip())
        return text[:start] + text[start].upper() + text[start + 1 :]
    return text


def sentence(text: str) -> str:
    """`text` as a sentence: its first letter capitalised (see `capitalised`) and a full stop at the end."""
    text = capitalised(text.strip())
    if not text:
        return text
    return text if text.endswith((".", "!", "?")) else text + "."


# Letters people type without their mark that NFKD does not take apart (ß is casefolded to ss).
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"})


def fold_for_search(text: str) -> str:
    """`text` as search compares it: case and accents ignored, so "muller" finds "Müller",
    "lefevre" "Lefèvre", "nunez" "Núñez" and "SOREN" "Søren". Both sides of a search are folded."""
    if text.isascii():
        return text.lower()
    return strip_accents(text.casefold()).translate(_PLAIN_LETTERS)
