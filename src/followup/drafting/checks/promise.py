"""`wrong-promise`: a date the draft says the employer gave ("you mentioned you hoped to decide by
27 November") that is not the date they gave. A draft that states the employer's own words back
to them must state them right: a deadline they set for you, a return from leave or a day nobody
said is not their promise. Only explicit days are compared ("27 November", "Nov 27", "27.11."),
in sentences that put the date in their mouth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from followup.drafting.checks.dates import MONTHS
from followup.drafting.checks.text import Doc
from followup.drafting.model import Finding, Severity

# "you mentioned / said / hoped / expected / planned / would …", "your team …", "as discussed".
_THEIR_WORDS = re.compile(
    r"\b(?:you|your\s+(?:team|panel|colleagues?)|the\s+(?:team|panel))\s+(?:\w+\s+){0,3}?"
    r"(?:mentioned|said|hoped|expected|planned|aimed|intended|promised|told|indicated|would|were\s+hoping|"
    r"expect|hope|plan|aim)\b|\bas\s+(?:you\s+)?(?:discussed|agreed|mentioned)\b",
    re.IGNORECASE,
)
_MONTH = "|".join(m if m == "may" else f"{m[:3]}(?:{m[3:]})?" for m in MONTHS) + "|sept"
_DAY_MONTH = re.compile(
    rf"(?<!\d)(?P<d1>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?P<m1>{_MONTH})\b"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def check_wrong_promise(doc: Doc) -> Iterator[Finding]:
    promised = doc.context.promised_date
    if promised is None:
        return
    for sentence in _SENTENCE.finditer(doc.text):
        if sentence.start() < doc.body_start or not _THEIR_WORDS.search(sentence[0]):
            continue
        for m in _DAY_MONTH.finditer(sentence[0]):
            said = _day(m, promised)
            if said is None or said == promised or said == doc.context.interview_date:
                continue
            start, end = sentence.start() + m.start(), sentence.start() + m.end()
            yield doc.finding(
                "wrong-promise",
                Severity.ERROR,
                f"The draft says they gave {said:%-d %B}, but the date they gave is {promised:%A} "
                f"{promised.day} {promised:%B}; write their date, or leave it out.",
                start,
                end,
            )


def _day(m: re.Match[str], near: date) -> date | None:
    """The day a match names, in the year that puts it nearest to `near` (drafts rarely give a year)."""
    day = int(m["d1"] or m["d2"])
    name = (m["m1"] or m["m2"]).lower()
    month = next(i for i, full in enumerate(MONTHS, 1) if full.startswith(name[:3]))
    found = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            found.append(date(year, month, day))
        except ValueError:  # 31 June: not a day, nothing to compare
            continue
    return min(found, key=lambda d: abs((d - near).days)) if found else None
