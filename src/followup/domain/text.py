"""Comparing words as regular expressions compare them under re.IGNORECASE.

Under IGNORECASE four non-ASCII letters match ASCII ones (İ and ı match i, ſ matches s,
the Kelvin sign matches k), and str.lower() alone does not map them back; a word matched
that way is folded with `fold_like_ignorecase` before it is looked up or compared.
"""

from __future__ import annotations

# Every non-ASCII character that re.IGNORECASE matches to an ASCII letter (a test checks all of Unicode).
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_like_ignorecase(text: str) -> str:
    """Lower case, the four ASCII twins mapped to their ASCII letters."""
    return text.translate(_ASCII_TWINS).lower()
