"""The classifier's shortcut: a cue pattern is skipped when none of its needed words is in the message.

It must never change a verdict, only skip work: checked on every labelled message, on
matches generated from every cue pattern, and on the case-folding corners of IGNORECASE.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.text import fold_like_ignorecase
from followup.mail.parse import parse_message
from followup.reading import classify, literals
from followup.reading.literals import needles
from followup.reading.quoting import strip_quoted

DATA = Path(__file__).parent / "data" / "mail"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"we are pleased to offer", {"we are pleased to offer"}),
        (r"\bfoo\b(?!bar)", {"foo"}),
        (r"(?:abc|defg)\s+h", {"abc", "defg"}),
        (r"x?abc", {"abc"}),
        (r"(?:abc)?wxyz+", {"wxy"}),
        (r"(?:abc)?", None),
        (r"[a-z]+@", None),
        (r"ab", None),  # too short to be worth looking for
        (r"(?:abc|d)", None),
        (r"für\s+dich", {"dich"}),  # non-ASCII letters are never needles
        (r"(?-i:Case)study", {"study"}),
        # The parser takes the common "pro" out of the branch; what is left still holds.
        (r"(?:won't|will\s+not)\s+(?:progress|proceed)", {"gress", "ceed"}),
    ],
)
def test_needles(pattern, expected):
    assert needles(pattern) == (frozenset(expected) if expected is not None else None)


@pytest.mark.parametrize("text", ["\u212aelvin scale", "MAſS offer", "KELVIN", "İnterview"])
def test_case_variants_that_ignorecase_matches_are_found(text):
    for pattern in (r"kelvin", r"mass\s+offer", r"interview"):
        if re.search(pattern, text, re.IGNORECASE):
            found = needles(pattern)
            assert found is not None
            assert any(n in fold_like_ignorecase(text) for n in found), (pattern, text)


def test_fold_knows_every_character_ignorecase_takes_for_an_ascii_letter():
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if letter.fullmatch(char):
            assert fold_like_ignorecase(char).isascii(), hex(code)
            assert re.fullmatch(fold_like_ignorecase(char), char, re.IGNORECASE), hex(code)


def needles_hold(cue: classify._Cue):
    """A check over matches generated from the cue's own pattern."""
    needed = cue.needles
    assert needed is not None

    @settings(max_examples=5, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(cue.pattern))
    def check(text: str) -> None:
        match = cue.pattern.search(text)
        assert match is not None
        folded = fold_like_ignorecase(match[0])
        assert any(n in folded for n in needed), (cue.pattern.pattern[:80], match[0])

    return check


@pytest.mark.slow
def test_every_cue_match_contains_one_of_its_needles():
    cues = [c for c in classify._CUES if c.needles is not None]
    assert len(cues) > 0.9 * len(classify._CUES), "most cues should have needles"
    for cue in cues:
        needles_hold(cue)()


@pytest.mark.slow
def test_the_shortcut_changes_no_score_on_any_labelled_message(monkeypatch):
    texts = []
    for path in sorted(DATA.rglob("*.eml")):
        parsed = parse_message(path.read_bytes())
        texts.append(f"{parsed.subject}\n{strip_quoted(parsed.text)}")
    assert len(texts) > 600
    fast = [classify.score(t) for t in texts]
    monkeypatch.setattr(classify, "_CUES", tuple(dataclasses.replace(c, needles=None) for c in classify._CUES))
    assert [classify.score(t) for t in texts] == fast


def test_the_private_parser_behind_re_still_has_the_shape_read_here():
    # `re._parser` is private: when a new Python changes it, this fails instead of the shortcut
    # quietly turning itself off (every pattern would then run, and classification slow down).
    tree = literals.parse_tree(r"ab(?:cd|ef)+\b")
    assert tree is not None
    ops = [op for op, _value in tree]
    from re import _constants as constants

    assert ops[:2] == [constants.LITERAL, constants.LITERAL]
    assert ops[2] is constants.MAX_REPEAT
    low, _high, sub = tree[2][1]
    assert low == 1
    assert [op for op, _ in sub] in ([constants.SUBPATTERN], [constants.BRANCH])
    assert ops[3] is constants.AT
    assert needles(r"we are pleased to offer") == frozenset({"we are pleased to offer"})
