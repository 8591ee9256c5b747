"""`too-long`: more words in the body than the kind of message should have.

The defaults match the drafting settings (`followup config`), which the caller
passes as `CheckContext.word_limit`; the finding starts at the first word over
the limit, so the underline shows where to start cutting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import DraftKind, Finding, Severity

WORD_LIMITS = {
    DraftKind.THANK_YOU_EMAIL: 250,
    DraftKind.THANK_YOU_LETTER: 350,
    DraftKind.STATUS_CHECK_EMAIL: 150,
    DraftKind.APPLICATION_CHECK_EMAIL: 150,
    DraftKind.CALL_SCRIPT: 250,
    DraftKind.VOICEMAIL_SCRIPT: 80,  # about 30 seconds spoken
    DraftKind.RECRUITER_DEBRIEF: 200,
    DraftKind.REFERENCE_HEADS_UP: 180,
    DraftKind.THANK_RECRUITER: 180,
    DraftKind.REPLY: 250,
    DraftKind.REJECTION_REPLY: 150,
}
_COUNTED = re.compile(r"\S*[^\W_]\S*")  # whitespace-separated, with at least one letter or digit


def check_length(doc: Doc) -> Iterator[Finding]:
    kind = doc.context.kind
    limit = doc.context.word_limit or (WORD_LIMITS.get(kind) if kind is not None else None)
    if not limit or limit < 1:
        return
    words = list(_COUNTED.finditer(doc.body))
    if len(words) <= limit:
        return
    what = kind.value.replace("_", " ") if kind is not None else "message"
    first_over = words[limit]
    yield doc.finding(
        "too-long",
        Severity.WARNING,
        f"{len(words)} words is long for a {what} (at most {limit}); cut about {len(words) - limit}.",
        doc.body_start + first_over.start(),
        len(doc.text),
    )
