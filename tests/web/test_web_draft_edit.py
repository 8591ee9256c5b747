"""Editing a draft on its page: a plain form (no script needed), kept per action, checked, and reset."""

# ruff: noqa: F811  (the fixture imported from test_web_drafts is redefined as an argument)

from __future__ import annotations

import email
import email.policy
from typing import Any

from playwright.sync_api import expect

from followup.app import drafts
from followup.app.context import Env
from followup.domain.model import PreferredChannel
from followup.drafting.model import DraftKind
from web.test_web_drafts import AFTER, body_text, thank_you  # noqa: F401  (the fixture is used by name)
from web.test_web_today import find, interviewed, page_of, with_profile
from web.web_support import WebClient, assert_accessible, shoot, text_of

SUBJECT = "Thanks for Wednesday"
BODY = "Dear Jürgen,\n\nThank you for our talk about forecasting at Société Générale.\n\nBest,\nZoë O'Brien"


def test_edit_mode_is_a_plain_form_with_the_subject_and_the_text(client: WebClient, thank_you: str) -> None:
    draft = page_of(client, f"/drafts/{thank_you}")
    link = draft.find("a", string="Edit the text")
    assert link["href"] == f"/drafts/{thank_you}?edit=1"
    assert draft.find(string="Edited by you") is None  # the template's text
    form = page_of(client, link["href"]).select_one("form.draft-edit")
    assert form["method"] == "post"
    assert form["action"] == f"/drafts/{thank_you}/edit"
    template = drafts.for_action(client.env, thank_you).draft
    assert form.select_one("input#edit-subject")["value"] == template.subject
    assert form.select_one("textarea#edit-body").get_text() == template.body
    assert form.select_one('input[name="csrf_token"]') is not None
    assert form.find("script") is None
    assert form.select("[onclick], [onsubmit]") == []


def test_saved_text_is_shown_marked_as_yours_with_the_checks_of_that_text(client: WebClient, thank_you: str) -> None:
    saved = client.post(
        f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY.replace("for our", "for the the")}
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/drafts/{thank_you}"
    soup = page_of(client, saved.headers["location"])
    assert "Your text is saved" in text_of(soup, ".flash")
    assert text_of(soup, "#draft-subject") == SUBJECT
    assert "talk about forecasting at Société Générale" in body_text(soup)
    assert "Edited by you" in text_of(soup, ".draft-edit-bar")
    # The checks are those of your text: the doubled word you typed is marked where it is.
    marks = [m.get_text().split("] ")[-1] for m in soup.select("#draft-text mark")]
    assert marks[0] == "the the"
    assert "“the” is written twice in a row" in text_of(soup, "#problem-1")
    # The tone tabs would not change your text: they are not offered while it is yours.
    assert soup.select('nav[aria-label="Tone"]') == []
    # Coming back later: still your text, and the editor opens with it.
    form = page_of(client, f"/drafts/{thank_you}?edit=1").select_one("form.draft-edit")
    assert form.select_one("input#edit-subject")["value"] == SUBJECT
    assert form.select_one("textarea#edit-body").get_text().startswith("Dear Jürgen,\n\nThank you for the the talk")


def test_a_tone_asked_for_on_an_edited_draft_says_why_it_changes_nothing(client: WebClient, thank_you: str) -> None:
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY})
    soup = page_of(client, f"/drafts/{thank_you}?tone=brief")
    bar = text_of(soup, ".draft-edit-bar")
    assert "You edited this draft, so the brief tone does not apply: your own text is used as you wrote it." in bar
    assert "reset the draft to the template first" in bar
    assert "Thank you for our talk about forecasting" in text_of(soup, "#draft-text")  # still the user's text
    assert "tone does not apply" not in text_of(page_of(client, f"/drafts/{thank_you}"), ".draft-edit-bar")


def test_the_download_uses_the_saved_text(client: WebClient, thank_you: str) -> None:
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY})
    response = client.get(f"/drafts/{thank_you}.eml")
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["Subject"] == SUBJECT
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "Thank you for our talk about forecasting" in plain.get_content()


def test_reset_asks_first_and_brings_the_template_back(client: WebClient, thank_you: str) -> None:
    template = drafts.for_action(client.env, thank_you).draft
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY})
    soup = page_of(client, f"/drafts/{thank_you}")
    confirm = soup.select_one("details.reset-confirm")
    assert confirm.summary.get_text() == "Reset to the template"
    form = confirm.form
    assert form["action"] == f"/drafts/{thank_you}/reset"
    assert "cannot be undone" in form.get_text()
    reset = client.post(form["action"], {})
    assert reset.headers["location"] == f"/drafts/{thank_you}"
    back = page_of(client, reset.headers["location"])
    assert "Back to the template" in text_of(back, ".flash")
    assert text_of(back, "#draft-subject") == template.subject
    assert back.select_one("details.reset-confirm") is None


def test_an_empty_text_is_refused_and_nothing_is_kept(client: WebClient, thank_you: str) -> None:
    refused = client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": "  \n"})
    assert refused.status_code == 303
    assert "the text is empty" in text_of(page_of(client, refused.headers["location"]), ".flash-error").lower()
    assert drafts.for_action(client.env, thank_you).edited is False


def test_a_call_script_is_edited_without_a_subject(env: Env, clock, client: WebClient) -> None:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    clock.set("2026-11-25T10:00:00+01:00")
    call = find(env, "status_check", app)
    form = page_of(client, f"/drafts/{call.id}?edit=1").select_one("form.draft-edit")
    assert form.select_one("#edit-subject") is None
    assert form.find("label", string="What you say") is not None
    client.post(
        f"/drafts/{call.id}/edit", {"body": "Hello, this is Zoë about the Data Analyst role.", "kind": "call_script"}
    )
    assert drafts.for_action(env, call.id).draft.body == "Hello, this is Zoë about the Data Analyst role."
    # The voicemail of the same call keeps the template's text.
    assert drafts.for_action(env, call.id, kind=DraftKind.VOICEMAIL_SCRIPT).edited is False


def test_the_call_script_and_the_voicemail_keep_their_own_text(env: Env, clock, client: WebClient) -> None:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    clock.set("2026-11-25T10:00:00+01:00")
    call = find(env, "status_check", app)
    script, voicemail = "Hello, this is Zoë about the role.", "Hello Jürgen, Zoë here: I will call again tomorrow."
    client.post(f"/drafts/{call.id}/edit", {"body": script, "kind": "call_script"})
    client.post(f"/drafts/{call.id}/edit", {"body": voicemail, "kind": "voicemail_script"})
    for kind, text in (("call_script", script), ("voicemail_script", voicemail)):
        soup = page_of(client, f"/drafts/{call.id}?kind={kind}")
        assert text in text_of(soup, "#draft-text")
        assert "Edited by you" in text_of(soup, ".draft-edit-bar")
    # The reset on the voicemail's page is the voicemail's: the call script stays as written.
    client.post(f"/drafts/{call.id}/reset", {"kind": "voicemail_script"})
    assert "Edited by you" not in text_of(
        page_of(client, f"/drafts/{call.id}?kind=voicemail_script"), ".draft-edit-bar"
    )
    assert script in text_of(page_of(client, f"/drafts/{call.id}?kind=call_script"), "#draft-text")


# -- in a real browser -------------------------------------------------------------------------


def test_edit_save_leave_and_come_back(live, page, env: Env, clock) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id
    page.goto(f"{live.url}/drafts/{action}")
    page.get_by_role("link", name="Edit the text").click()
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Text").fill(BODY)
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash")).to_contain_text("Your text is saved")
    page.goto(f"{live.url}/")
    page.goto(f"{live.url}/drafts/{action}")
    expect(page.locator("#draft-subject")).to_have_text(SUBJECT)
    expect(page.locator("#draft-text")).to_contain_text("Thank you for our talk about forecasting")
    expect(page.locator(".draft-edit-bar")).to_contain_text("Edited by you")
    assert_accessible(page)
    shoot(page, "draft-edited")
    page.get_by_text("Reset to the template").click()
    page.get_by_role("button", name="Yes, go back to the template").click()
    expect(page.locator(".flash")).to_contain_text("Back to the template")
    expect(page.locator("#draft-text")).not_to_contain_text("talk about forecasting")


def test_typing_before_the_checks_script_has_loaded_loses_no_key(live, page, env: Env, clock) -> None:
    # Found in CI: a slow machine let the user (there, the browser driver) start typing before the
    # deferred script ran, and the script then moved the field into a new box, which took its focus:
    # the keys after that went nowhere and Save kept the template's text.
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id
    held: list[Any] = []
    page.route("**/draft_editor.js*", lambda route: held.append(route))  # held until let through
    page.goto(f"{live.url}/drafts/{action}?edit=1", wait_until="commit")
    body = page.locator("#edit-body")
    body.fill("Dear Jürgen,\n\nThank you")
    page.wait_for_timeout(200)  # the browser asks for the script while the user types
    assert held, "the page asked for its script"
    held[0].continue_()
    expect(page.locator(".edit-mirror")).to_have_count(1)  # the script ran
    page.keyboard.type(" for our talk about forecasting.")
    expect(body).to_have_value("Dear Jürgen,\n\nThank you for our talk about forecasting.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#draft-text")).to_contain_text("Thank you for our talk about forecasting.")
