"""The JSON backup keeps each of an action's drafts' edits (the thank-you email's and the letter's), and a
file from before edits named their draft imports each edit as the draft the action offered first."""

# ruff: noqa: F811  (the fixtures imported from test_transfer_json are redefined as arguments)

from __future__ import annotations

import json

from followup.app import agenda, applications, drafts
from followup.app.context import Env
from followup.app.transfer import export_json, import_json, parse_json
from followup.domain.model import PreferredChannel
from followup.drafting.model import DraftKind
from followup.store import draft_edits
from test_transfer_json import OWN_BODY, OWN_SUBJECT, clock, source, target, without_time_of_export  # noqa: F401

LETTER = "Dear Dr. O'Connor,\n\nThank you for receiving me.\n\nYours sincerely,\nZoë"


def thank_renee(env: Env) -> str:
    return next(i for i in agenda.agenda(env, days=60) if i.kind == "thank_you" and i.company == "ACME Corp").id


def prefers(env: Env, channel: PreferredChannel) -> None:
    renee = applications.resolve_contact(env, "Renée O'Connor")
    changes = applications.ContactChanges(preferred_channel=channel, postal_address="1 rue de la Paix\n75002 Paris")
    applications.edit_contact(env, renee.id, changes)


def test_the_email_and_the_letter_edits_of_one_thank_you_survive_the_round_trip(source, target):
    prefers(source, PreferredChannel.LETTER)
    drafts.save_draft_edit(source, thank_renee(source), "", LETTER)
    prefers(source, PreferredChannel.EMAIL)

    first = export_json(source)
    report = import_json(target, parse_json(json.dumps(first, ensure_ascii=False).encode()))
    assert without_time_of_export(export_json(target)) == without_time_of_export(first)
    assert report.counts["draft_edits"] == 2
    acme = next(a for a in first["applications"] if a.get("draft_edits"))
    assert [e["kind"] for e in acme["draft_edits"]] == ["thank_you_email", "thank_you_letter"]

    email = drafts.for_action(target, thank_renee(target))
    assert (email.draft.kind, email.draft.subject, email.draft.body) == (
        DraftKind.THANK_YOU_EMAIL,
        OWN_SUBJECT,
        OWN_BODY,
    )
    prefers(target, PreferredChannel.LETTER)
    letter = drafts.for_action(target, thank_renee(target))
    assert (letter.draft.kind, letter.edited, letter.draft.body) == (DraftKind.THANK_YOU_LETTER, True, LETTER)


def test_an_edit_without_its_draft_imports_as_the_draft_the_action_offered(source, target):
    document = export_json(source)
    for app in document["applications"]:
        for edit in app.get("draft_edits", []):
            del edit["kind"]
    import_json(target, document)
    [edit] = draft_edits.all_edits(target.store)
    assert edit.kind == "thank_you_email"
    assert drafts.for_action(target, thank_renee(target)).draft.body == OWN_BODY


def test_an_edit_without_its_draft_is_the_letter_for_someone_who_prefers_letters(source, target):
    document = export_json(source)
    [renee] = [c for c in document["contacts"] if c["name"] == "Dr. Renée O'Connor"]
    renee |= {"preferred_channel": "letter", "postal_address": "1 rue de la Paix\n75002 Paris"}
    for app in document["applications"]:
        for edit in app.get("draft_edits", []):
            del edit["kind"]
    import_json(target, document)
    [edit] = draft_edits.all_edits(target.store)
    assert edit.kind == "thank_you_letter"
    letter = drafts.for_action(target, thank_renee(target))
    assert (letter.draft.kind, letter.edited, letter.draft.body) == (DraftKind.THANK_YOU_LETTER, True, OWN_BODY)
