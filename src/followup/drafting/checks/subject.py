"""`empty-subject`: an email draft without a subject line.

Only `check_draft` knows a subject was given; `check` on bare text never reports it.
"""

from __future__ import annotations

from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import Finding, Severity


def check_subject(doc: Doc) -> Iterator[Finding]:
    if doc.subject is None or doc.subject.strip():
        return
    if doc.context.kind is not None and doc.context.kind.medium != "email":
        return  # letters and scripts have no subject
    yield doc.finding(
        "empty-subject",
        Severity.ERROR,
        "The subject is empty; give one that names the role and why you write (or reply in their thread).",
        0,
        len(doc.subject),
    )
