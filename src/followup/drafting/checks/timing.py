"""`too-early`: a status check before the playbook finds it polite (3 business days after the
interview, or after the promised decision date). The caller works out the moment
(`CheckContext.earliest_status_check`); this check only compares it with now.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from followup.drafting.checks.text import Doc
from followup.drafting.model import DraftKind, Finding, Severity


def check_too_early(doc: Doc) -> Iterator[Finding]:
    ctx = doc.context
    if ctx.kind is not DraftKind.STATUS_CHECK_EMAIL or ctx.now is None or ctx.earliest_status_check is None:
        return
    now, earliest = _comparable(ctx.now, ctx.earliest_status_check)
    if now >= earliest:
        return
    polite = ctx.earliest_status_check
    when = f"{polite:%A} {polite.day} {polite:%B} at {polite:%H:%M}"
    start, end = doc.line_span(0)
    yield doc.finding(
        "too-early",
        Severity.ERROR,
        f"A status check now would be too early; it becomes polite on {when}, so wait until then.",
        start,
        end,
    )


def _comparable(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    """Aware and naive moments cannot be compared; when they are mixed, compare wall-clock times."""
    if (a.tzinfo is None) != (b.tzinfo is None):
        return a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a, b
