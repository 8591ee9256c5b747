"""The user's own text of a draft (app.drafts.save_draft_edit): kept per action, checked, and
what every way out uses (the .eml, the outbox of `mail draft`/`mail send`)."""

from __future__ import annotations

import email
import email.policy

import pytest

from followup.app import applications, drafts
from followup.app import mail_sending as sending
from followup.app.context import Env
from followup.mail.accounts import MailAccount
from followup.store import draft_edits
from web.test_web_today import find, interviewed, with_profile

AFTER = "2026-11-18T16:00:00+01:00"
SUBJECT = "Thanks for Wednesday"
BODY = "Dear Jürgen,\n\nThank you for our talk about forecasting.\n\nBest,\nZoë"


@pytest.fixture
def thank_you(env: Env, clock) -> str:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    clock.set(AFTER)
    return find(env, "thank_you", app).id


def test_a_saved_edit_is_the_draft_from_then_on_and_reset_brings_the_template_back(env: Env, thank_you: str) -> None:
    template = drafts.for_action(env, thank_you)
    assert template.edited is False
    saved = drafts.save_draft_edit(env, thank_you, SUBJECT, BODY + "\n\n")
    assert (saved.draft.subject, saved.draft.body, saved.edited) == (SUBJECT, BODY, True)
    again = drafts.for_action(env, thank_you)
    assert (again.draft.subject, again.draft.body, again.edited) == (SUBJECT, BODY, True)
    assert again.draft.to == template.draft.to
    assert again.draft.html is None  # made from the edited body, not the template's
    assert drafts.reset_draft(env, thank_you) is True
    back = drafts.for_action(env, thank_you)
    assert (back.draft.subject, back.draft.body, back.edited) == (template.draft.subject, template.draft.body, False)
    assert drafts.reset_draft(env, thank_you) is False


def test_the_template_text_saved_unchanged_is_no_edit(env: Env, thank_you: str) -> None:
    template = drafts.for_action(env, thank_you).draft
    drafts.save_draft_edit(env, thank_you, SUBJECT, BODY)
    result = drafts.save_draft_edit(env, thank_you, template.subject, template.body + "\n")
    assert result.edited is False
    assert draft_edits.get(env.store, thank_you, "thank_you_email") is None


def test_a_subject_stays_one_line(env: Env, thank_you: str) -> None:
    result = drafts.save_draft_edit(env, thank_you, "Thanks\r\nBcc: someone@else.example", BODY)
    assert result.draft.subject == "Thanks Bcc: someone@else.example"


def test_the_checks_are_those_of_the_edited_text(env: Env, thank_you: str) -> None:
    assert [f for f in drafts.for_action(env, thank_you).findings if f.id == "doubled-word"] == []
    result = drafts.save_draft_edit(env, thank_you, SUBJECT, BODY.replace("for our", "for the the"))
    assert "doubled-word" in {f.id for f in result.findings}


def test_the_eml_download_and_the_outbox_hold_the_edited_text(env: Env, thank_you: str) -> None:
    drafts.save_draft_edit(env, thank_you, SUBJECT, BODY)
    _name, data = drafts.eml_file(env, thank_you, tone=None, kind=None)
    account = MailAccount(name="work", email="zoe@example.org", imap_host="imap.example.org")
    prepared = sending.prepare(env, thank_you, "draft", account)
    for raw in (data, bytes(prepared.item.raw)):
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["Subject"] == SUBJECT
        plain = message.get_body(preferencelist=("plain",))
        assert plain is not None
        assert plain.get_content().replace("\r\n", "\n").rstrip("\n") == BODY


def test_an_edit_goes_with_its_application(env: Env, thank_you: str) -> None:
    drafts.save_draft_edit(env, thank_you, SUBJECT, BODY)
    edit = draft_edits.get(env.store, thank_you, "thank_you_email")
    assert edit is not None
    assert edit.application_id is not None
    assert edit.edited_at == env.now()
    applications.delete_application(env, edit.application_id)
    assert draft_edits.get(env.store, thank_you, "thank_you_email") is None


def test_the_store_refuses_a_column_of_its_own() -> None:
    with pytest.raises(ValueError, match="owner_id"):
        draft_edits.save(None, "x", "thank_you_email", {"owner_id": 2})  # type: ignore[arg-type]


def test_an_empty_or_endless_text_is_refused_and_nothing_is_kept(env: Env, thank_you: str) -> None:
    from followup.errors import InvalidInput

    with pytest.raises(InvalidInput, match="empty"):
        drafts.save_draft_edit(env, thank_you, SUBJECT, " \n ")
    with pytest.raises(InvalidInput, match="too long"):
        drafts.save_draft_edit(env, thank_you, SUBJECT, "word " * drafts.BODY_LIMIT)
    with pytest.raises(InvalidInput, match="too long"):
        drafts.save_draft_edit(env, thank_you, "s" * (drafts.SUBJECT_LIMIT + 1), BODY)
    assert draft_edits.get(env.store, thank_you, "thank_you_email") is None
