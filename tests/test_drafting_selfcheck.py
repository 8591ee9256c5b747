"""The product's own drafts pass the product's own checks, for every kind, tone and amount of facts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followup.drafting.checks import check_draft
from followup.drafting.model import CheckContext, DraftFacts, DraftKind, Tone
from followup.drafting.render import render
from test_drafting_render import facts

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def context_for(draft_facts: DraftFacts) -> CheckContext:
    """What `followup draft` tells the checks: the stored spellings and the user."""
    names = {draft_facts.company, *draft_facts.interviewers}
    for person in (draft_facts.recipient, draft_facts.recruiter, draft_facts.reference):
        if person is not None:
            names.add(person.name)
    return CheckContext(
        kind=draft_facts.kind,
        recipient=draft_facts.recipient.name if draft_facts.recipient else None,
        company=draft_facts.company,
        role=draft_facts.role,
        interview_date=draft_facts.interview_date,
        applied_date=draft_facts.applied_date,
        known_names=tuple(sorted(names)),
        sender=draft_facts.sender,
        now=NOW,
        # The scenario's own jargon ("dbt"), which a user would have taught the spell checker.
        personal_words=frozenset({"dbt"}),
    )


@pytest.mark.parametrize("tone", list(Tone))
@pytest.mark.parametrize("kind", list(DraftKind))
@pytest.mark.parametrize("amount", ["everything", "some", "nothing"])
def test_own_drafts_have_no_errors(kind: DraftKind, tone: Tone, amount: str) -> None:
    draft_facts = facts(kind, tone, amount)
    draft = render(draft_facts)
    findings = check_draft(draft.subject, draft.body, context_for(draft_facts))
    errors = [(f.id, f.message) for f in findings if f.severity.value == "error"]
    assert errors == []
    if amount == "everything":
        # With every fact recorded, a draft should not even draw a warning.
        assert [(f.id, f.message) for f in findings if f.severity.value == "warning"] == []
