"""An action can offer two drafts (the call script and the voicemail; the thank-you email, or the letter
when the contact prefers letters), and each keeps its own edit: saving one never wipes the other."""

from __future__ import annotations

import pytest

from followup.app import applications, drafts
from followup.app.context import Env
from followup.domain.model import PreferredChannel
from followup.drafting.model import DraftKind
from web.test_web_today import find, interviewed, with_profile

AFTER = "2026-11-18T16:00:00+01:00"
CALL = "Hello, this is Zoë, about the Data Analyst role: is now a good time?"
VOICEMAIL = "Hello Jürgen, this is Zoë about the Data Analyst role. I will try again tomorrow."
EMAIL_SUBJECT = "Thanks for Wednesday"
EMAIL = "Dear Jürgen,\n\nThank you for our talk about forecasting.\n\nBest,\nZoë"
LETTER = "Dear Jürgen,\n\nThank you for receiving me on Wednesday.\n\nYours sincerely,\nZoë"


@pytest.fixture
def call(env: Env, clock) -> str:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    clock.set("2026-11-25T10:00:00+01:00")
    return find(env, "status_check", app).id


def test_editing_the_voicemail_keeps_the_call_script_edit(env: Env, call: str) -> None:
    drafts.save_draft_edit(env, call, "", CALL, kind=DraftKind.CALL_SCRIPT)
    drafts.save_draft_edit(env, call, "", VOICEMAIL, kind=DraftKind.VOICEMAIL_SCRIPT)

    script = drafts.for_action(env, call, kind=DraftKind.CALL_SCRIPT)
    voicemail = drafts.for_action(env, call, kind=DraftKind.VOICEMAIL_SCRIPT)
    assert (script.edited, script.draft.body) == (True, CALL)
    assert (voicemail.edited, voicemail.draft.body) == (True, VOICEMAIL)
    assert drafts.for_action(env, call).draft.body == CALL  # the call script comes first

    # Going back to the template's voicemail leaves the call script as the user wrote it.
    assert drafts.reset_draft(env, call, kind=DraftKind.VOICEMAIL_SCRIPT) is True
    assert drafts.for_action(env, call, kind=DraftKind.VOICEMAIL_SCRIPT).edited is False
    assert drafts.for_action(env, call, kind=DraftKind.CALL_SCRIPT).draft.body == CALL
    # Without a kind, the reset is of the draft the action shows first.
    assert drafts.reset_draft(env, call) is True
    assert drafts.for_action(env, call).edited is False


def test_the_letter_starts_from_the_template_and_the_email_edit_comes_back(env: Env, clock) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    clock.set(AFTER)
    thank_you = find(env, "thank_you", app).id
    drafts.save_draft_edit(env, thank_you, EMAIL_SUBJECT, EMAIL)
    jurgen = applications.resolve_contact(env, "Jürgen Müller", app)

    def prefers(channel: PreferredChannel) -> None:
        changes = applications.ContactChanges(preferred_channel=channel, postal_address="Hauptstr. 1\n10115 Berlin")
        applications.edit_contact(env, jurgen.id, changes)

    prefers(PreferredChannel.LETTER)
    letter = drafts.for_action(env, thank_you)
    assert letter.draft.kind is DraftKind.THANK_YOU_LETTER
    assert letter.edited is False
    assert EMAIL not in letter.draft.body  # the template's letter, not the email's text
    drafts.save_draft_edit(env, thank_you, letter.draft.subject, LETTER)

    prefers(PreferredChannel.EMAIL)
    email = drafts.for_action(env, thank_you)
    assert (email.draft.kind, email.edited, email.draft.subject, email.draft.body) == (
        DraftKind.THANK_YOU_EMAIL,
        True,
        EMAIL_SUBJECT,
        EMAIL,
    )
    prefers(PreferredChannel.LETTER)
    assert drafts.for_action(env, thank_you).draft.body == LETTER


def test_the_command_line_resets_only_the_draft_asked_for(env: Env, call: str, run) -> None:
    drafts.save_draft_edit(env, call, "", CALL, kind=DraftKind.CALL_SCRIPT)
    drafts.save_draft_edit(env, call, "", VOICEMAIL, kind=DraftKind.VOICEMAIL_SCRIPT)
    now = "2026-11-25T10:00:00+01:00"
    reset = run("draft", call, "--kind", "voicemail_script", "--reset", "--yes", now=now)
    assert reset.exit_code == 0, reset.output
    assert "Back to the template" in reset.output
    assert drafts.for_action(env, call, kind=DraftKind.VOICEMAIL_SCRIPT).edited is False
    assert CALL in run.ok("draft", call, now=now)  # the call script as the user wrote it
