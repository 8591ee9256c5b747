"""A list the user typed under "forgot to mention" or "to clarify" is offered to weave in, never
pasted after a template's colon; a sentence or a single topic still goes into the draft."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from followup.drafting.facts import gather
from followup.drafting.model import DraftKind, Tone
from followup.drafting.render import notes_to_weave, render
from playbook_fixtures import interview, state
from test_thank_you_voices import BERLIN, FRANCOIS, JOSE, PROFILE, ZOE

LIST = "SQL tuning, dbt, the Munich office"


def facts_with(field: str, note: str, tone: Tone):
    met = interview(people=(ZOE, JOSE, FRANCOIS), main_points=None)
    met = replace(met, forgot_to_mention=note) if field == "forgot_to_mention" else replace(met, to_clarify=note)
    facts = state(contacts=(ZOE, JOSE, FRANCOIS), interviews=[met])
    return gather(facts, DraftKind.THANK_YOU_EMAIL, PROFILE, date(2026, 6, 1), BERLIN, tone=tone, contact_id=ZOE.id)


@pytest.mark.parametrize("tone", list(Tone))
@pytest.mark.parametrize(("field", "label"), [("forgot_to_mention", "mention"), ("to_clarify", "clarify")])
def test_a_list_is_offered_not_pasted(field: str, label: str, tone: Tone) -> None:
    facts = facts_with(field, LIST, tone)
    assert "dbt" not in render(facts).body
    assert f"You meant to {label}: SQL tuning; dbt; the Munich office" in notes_to_weave(facts)


@pytest.mark.parametrize(
    "note",
    [
        "my dbt certification",
        "I led the move of our warehouse to dbt last year.",
        "my notice period is one month, not three",
    ],
)
def test_a_topic_or_a_sentence_goes_in(note: str) -> None:
    facts = facts_with("forgot_to_mention", note, Tone.WARM)
    assert note.rstrip(".") in render(facts).body
    assert not any(n.startswith("You meant to") for n in notes_to_weave(facts))
