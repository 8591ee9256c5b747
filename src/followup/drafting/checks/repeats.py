"""`doubled-word`: the same word twice in a row ("the the"), also across a line break.

Case-insensitive ("The the"). Not across a blank line (a subject line may end
with the word the body starts with), and not for the few words English doubles
on purpose ("had had", "that that", "is is" in "what it is is", "do do"), nor
where a stored name or note has the word twice ("Wei Wei Chen", "Humbert Humbert").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import Finding, Fix, FixKind, Severity

ALLOWED = {"had", "that", "is", "do"}  # "what they do do is ..."
_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w'’-])", re.IGNORECASE)


def check_doubled_words(doc: Doc) -> Iterator[Finding]:
    context = doc.context
    sender = context.sender.name if context.sender else None
    stored = [t for t in (context.recipient, context.company, sender, *context.known_names, *context.user_texts) if t]
    for match in _DOUBLED.finditer(doc.text):
        word = match.group(1)
        if word.casefold() in ALLOWED:
            continue
        if any(f"{word} {match.group(3)}" in text for text in stored):
            continue  # the user's own data has it twice: a name, not a slip
        # The fix keeps the first word as written ("The the" becomes "The") and drops the space after it.
        fix = Fix(FixKind.REPLACE, f"Delete the second “{word}”", match.start(), match.end(), replacement=word)
        yield doc.finding(
            "doubled-word",
            Severity.WARNING,
            f"“{word}” is written twice in a row; delete one.",
            match.start(),
            match.end(),
            fix,
        )
