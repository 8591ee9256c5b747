"""`doubled-word`: the same word twice in a row ("the the"), also across a line break.

Case-insensitive ("The the"). Not across a blank line (a subject line may end
with the word the body starts with), and not for the few words English doubles
on purpose ("had had", "that that", "is is" in "what it is is", "do do").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import Finding, Severity

ALLOWED = {"had", "that", "is", "do"}  # "what they do do is ..."
_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'’-])", re.IGNORECASE)


def check_doubled_words(doc: Doc) -> Iterator[Finding]:
    for match in _DOUBLED.finditer(doc.text):
        word = match.group(1)
        if word.casefold() in ALLOWED:
            continue
        yield doc.finding(
            "doubled-word",
            Severity.WARNING,
            f"“{word}” is written twice in a row; delete one.",
            match.start(),
            match.end(),
        )
