"""One voice per interviewer: each thank-you is that person's, and the user's notes are not pasted in raw.

Two interviewers of one interview get notes that differ: a different opening, their own part of
the conversation, a different close. Someone who gets a thank-you of their own is never thanked
again in a colleague's note. A list of topics ("Dashboards für den Vertrieb, SQL performance")
is no sentence: the draft leaves a marked place and offers the topics as bullet points instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from followup.domain.playbook import action_id
from followup.domain.settings import Profile
from followup.drafting.checks import check_draft
from followup.drafting.facts import gather
from followup.drafting.model import Draft, DraftKind, Tone
from followup.drafting.render import reads_as_phrase, reads_as_sentence, render
from playbook_fixtures import interview, interviewer, state

BERLIN = ZoneInfo("Europe/Berlin")
PROFILE = Profile(name="Sam Jones", email="sam@example.org", phone="+49 30 1234567")
ZOE = interviewer(11, "Zoë Müller-O'Brien")
JOSE = interviewer(12, "José Ñúñez")
# No email and no postal address: he cannot get a note of his own, so the others thank him.
FRANCOIS = interviewer(13, "François Dubois", email=None, postal_address=None)
SENTENCES = "Zoë asked how I would speed up the nightly SQL jobs. José wanted to know how I work with the sales team."
PHRASES = "Dashboards für den Vertrieb, SQL performance, café loyalty data"
THANK_YOUS = [(k, t) for k in (DraftKind.THANK_YOU_EMAIL, DraftKind.THANK_YOU_LETTER) for t in Tone]


def draft_for(
    person_id: int, kind: DraftKind, tone: Tone, main_points: str | None, *, forgot: str | None = None
) -> Draft:
    met = replace(interview(people=(ZOE, JOSE, FRANCOIS), main_points=main_points), forgot_to_mention=forgot)
    facts = state(contacts=(ZOE, JOSE, FRANCOIS), interviews=[met])
    gathered = gather(facts, kind, PROFILE, date(2026, 6, 1), BERLIN, tone=tone, contact_id=person_id)
    return render(gathered)


def letter_sentences(body: str) -> set[str]:
    """The sentences between the salutation and the sign-off: what the template and the notes wrote."""
    text = body.split("\n", 1)[1]
    text = re.split(r"^(?:Kind regards|Warm regards|Best|Yours sincerely|With kind regards),$", text, flags=re.M)[0]
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()}


@pytest.mark.parametrize(("kind", "tone"), THANK_YOUS, ids=[f"{k}-{t}" for k, t in THANK_YOUS])
def test_two_interviewers_of_one_interview_get_notes_of_their_own(kind: DraftKind, tone: Tone) -> None:
    zoe = draft_for(ZOE.id, kind, tone, SENTENCES, forgot="my three years of dbt experience")
    jose = draft_for(JOSE.id, kind, tone, SENTENCES, forgot="my three years of dbt experience")

    # "Not near-identical": fewer than half of the sentences between salutation and sign-off are shared.
    mine, theirs = letter_sentences(zoe.body), letter_sentences(jose.body)
    assert len(mine & theirs) / min(len(mine), len(theirs)) < 0.5, mine & theirs
    # Each gets their own part of the conversation, said to them rather than about them.
    # After the template's colon: "… stayed with me: you asked …" (a name would keep its capital).
    assert ": you asked how I would speed up the nightly SQL jobs." in zoe.body
    assert "wanted to know how I work with the sales team" not in zoe.body
    assert ": you wanted to know how I work with the sales team." in jose.body
    assert "speed up the nightly SQL jobs" not in jose.body
    # Both get their own note, so neither thanks the other; François, who cannot get one, is thanked.
    assert "José" not in zoe.body
    assert "Zoë" not in jose.body
    assert "Müller-O'Brien" not in jose.body
    assert "François Dubois" in zoe.body
    assert "François Dubois" in jose.body


def test_only_interviewers_who_can_be_reached_count_as_thanked_on_their_own() -> None:
    draft = draft_for(ZOE.id, DraftKind.THANK_YOU_EMAIL, Tone.FORMAL, None)
    assert draft.facts.thanked_on_their_own == ("Zoë Müller-O'Brien", "José Ñúñez")
    assert "Please also convey my thanks to François Dubois." in draft.body


def test_no_colleague_to_thank_when_everyone_gets_their_own_note() -> None:
    met = interview(people=(ZOE, JOSE))
    facts = state(contacts=(ZOE, JOSE), interviews=[met])
    body = render(gather(facts, DraftKind.THANK_YOU_EMAIL, PROFILE, date(2026, 6, 1), BERLIN, contact_id=ZOE.id)).body
    assert "José" not in body
    assert "convey my thanks" not in body


@pytest.mark.parametrize(("kind", "tone"), THANK_YOUS, ids=[f"{k}-{t}" for k, t in THANK_YOUS])
def test_a_list_of_topics_is_offered_as_bullets_not_pasted(kind: DraftKind, tone: Tone) -> None:
    draft = draft_for(ZOE.id, kind, tone, PHRASES)
    for topic in ("Dashboards für den Vertrieb", "SQL performance", "café loyalty data"):
        assert topic not in draft.body
    assert draft.notes_to_weave == ("Dashboards für den Vertrieb", "SQL performance", "café loyalty data")
    # A clearly marked place, which the checks hold back until the user writes it.
    assert re.search(r"\[what you (valued|enjoyed) from your notes\]", draft.body)
    findings = check_draft(draft.subject, draft.body)
    assert any(f.id == "unfilled-placeholder" for f in findings)


def test_a_short_topic_still_reads_in_the_sentence() -> None:
    draft = draft_for(ZOE.id, DraftKind.THANK_YOU_EMAIL, Tone.FORMAL, "the sales dashboards")
    assert "I particularly valued our discussion of the sales dashboards," in draft.body
    assert draft.notes_to_weave == ()


def test_what_the_user_noted_about_the_recipient_is_offered_not_pasted() -> None:
    noted = interviewer(11, "Zoë Müller-O'Brien", notes="runs the Berlin data team, likes dbt")
    facts = state(contacts=(noted, JOSE), interviews=[interview(people=(noted, JOSE))])
    draft = render(gather(facts, DraftKind.THANK_YOU_EMAIL, PROFILE, date(2026, 6, 1), BERLIN, contact_id=11))
    assert "Berlin data team" not in draft.body
    assert draft.notes_to_weave == ("What you noted about Zoë: runs the Berlin data team, likes dbt",)


@pytest.mark.parametrize(
    ("note", "sentence", "phrase"),
    [
        ("Zoë asked how I would speed up the nightly SQL jobs.", True, False),
        ("We talked about the move to dbt!", True, False),
        ("Dashboards für den Vertrieb, SQL performance, café loyalty data", False, False),
        ("Dashboards für den Vertrieb, SQL performance, café loyalty data.", False, False),  # a full stop is not enough
        ("SQL modelling and the sales dashboards.", False, True),
        ("pricing", False, True),
        ("we talked about pricing", False, False),  # no capital, no full stop: a jotted note, not a sentence
        ("dbt\nLooker\npricing", False, False),
    ],
)
def test_what_reads_as_a_sentence_and_what_as_a_phrase(note: str, sentence: bool, phrase: bool) -> None:
    assert reads_as_sentence(note) is sentence
    assert (reads_as_phrase(note) and not reads_as_sentence(note)) is phrase


def test_followup_draft_lists_the_notes_to_weave_in(run) -> None:
    for key, value in (("profile.name", "Sam Jones"), ("profile.email", "sam@example.org")):
        run.ok("config", "set", key, value)
    run.ok("app", "add", "Café Crème", "Data Analyst", "--style", "modern", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Zoë Müller <zoe@cafe.example>",
        now="2026-11-16T10:00:00+01:00",
    )  # fmt: skip
    run.ok("interview", "capture", "1", "--main-points", PHRASES, now="2026-11-18T15:30:00+01:00")
    result = run("draft", action_id(1, "thank_you", 1, 1), now="2026-11-18T15:30:00+01:00")
    assert result.exit_code == 1  # the marked place is an error until the user writes it
    output = result.output
    assert "From your notes, to write in yourself:" in output
    for topic in ("Dashboards für den Vertrieb", "SQL performance", "café loyalty data"):
        assert f"• {topic}" in output
    assert "our discussion of Dashboards" not in output


def test_followup_draft_json_carries_the_notes_to_weave_in(run) -> None:
    run.ok("config", "set", "profile.name", "Sam Jones")
    run.ok("app", "add", "Café Crème", "Data Analyst", "--style", "modern", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Zoë Müller <zoe@cafe.example>",
        now="2026-11-16T10:00:00+01:00",
    )  # fmt: skip
    run.ok("interview", "capture", "1", "--main-points", PHRASES, now="2026-11-18T15:30:00+01:00")
    result = run("draft", action_id(1, "thank_you", 1, 1), "--json", now="2026-11-18T15:30:00+01:00")
    assert json.loads(result.output)["notes_to_weave"] == [
        "Dashboards für den Vertrieb",
        "SQL performance",
        "café loyalty data",
    ]


@pytest.mark.parametrize(
    ("sentence", "said_to_her"),
    [
        (
            "Zoë asked how I would speed up the nightly SQL jobs.",
            "You asked how I would speed up the nightly SQL jobs.",
        ),
        ("Zoë Müller-O'Brien explained the team's roadmap.", "You explained the team's roadmap."),
        ("Zoë was curious about my dbt work.", "You were curious about my dbt work."),
        ("I showed Zoë's team my churn dashboard.", "I showed your team my churn dashboard."),
        ("We agreed with Zoë that SQL tuning matters most.", "We agreed with you that SQL tuning matters most."),
        ("Zoë thinks the team needs more tests.", None),  # "You thinks": offered, not pasted
    ],
)
def test_a_note_about_the_recipient_is_said_to_them_or_offered(sentence: str, said_to_her: str | None) -> None:
    draft = draft_for(ZOE.id, DraftKind.THANK_YOU_EMAIL, Tone.WARM, sentence)
    if said_to_her is None:
        assert sentence not in draft.body
        assert "thinks" not in draft.body
        assert sentence in draft.notes_to_weave
    else:
        plain = said_to_her.split(maxsplit=1)[0] in ("You", "Your", "We")  # lower case after the colon
        assert (said_to_her[0].lower() + said_to_her[1:] if plain else said_to_her) in draft.body
        assert "Zoë" not in draft.body.split("\n", 1)[1]  # only the salutation names her


def test_a_note_about_another_interviewer_is_not_pasted_into_this_ones_note() -> None:
    draft = draft_for(ZOE.id, DraftKind.THANK_YOU_EMAIL, Tone.WARM, "José asked about my sales dashboards.")
    assert "José" not in draft.body
    assert "sales dashboards" not in draft.body
