"""Editing a draft with the checks as you type: the API that saves, resets and checks a text for an
action's draft, the dictionary, and (in a real browser) findings that appear, one-click fixes, and
the edited text kept when you come back."""

# ruff: noqa: F811  (the fixture imported from test_web_drafts is redefined as an argument)

from __future__ import annotations

import os
from typing import Any

from playwright.sync_api import expect

from followup.app import drafts
from followup.app.context import Env
from web.test_web_drafts import AFTER, thank_you  # noqa: F401  (the fixture is used by name)
from web.test_web_today import find, interviewed, page_of, with_profile
from web.web_support import WebClient, assert_accessible, shoot, text_of

API = "/api/v1"
SUBJECT = "Thanks for Wednesday"
BODY = "Dear Jürgen,\n\nThank you for our talk about forecasting at Société Générale.\n\nBest,\nZoë O'Brien"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def problems(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    found = {p["where"]: p["problem"] for p in error.get("problems", [])}
    if error.get("where"):
        found[error["where"]] = error["message"]
    return found


# -- the API ----------------------------------------------------------------------------------


def test_an_edit_is_saved_read_back_and_reset(client: WebClient, thank_you: str) -> None:
    template = drafts.for_action(client.env, thank_you).draft
    saved = ok(client.api("PUT", f"{API}/actions/{thank_you}/draft", {"subject": SUBJECT, "body": BODY}))
    assert (saved["subject"], saved["body"], saved["edited"]) == (SUBJECT, BODY, True)
    again = ok(client.api("GET", f"{API}/actions/{thank_you}/draft"))
    assert (again["subject"], again["body"], again["edited"]) == (SUBJECT, BODY, True)
    # The page shows the same text.
    assert text_of(page_of(client, f"/drafts/{thank_you}"), "#draft-subject") == SUBJECT
    reset = ok(client.api("DELETE", f"{API}/actions/{thank_you}/draft"))
    assert (reset["subject"], reset["body"], reset["edited"]) == (template.subject, template.body, False)
    assert ok(client.api("GET", f"{API}/actions/{thank_you}/draft"))["edited"] is False


def test_the_voicemail_and_the_call_script_are_saved_and_reset_each_on_its_own(
    env: Env, clock, client: WebClient
) -> None:
    from followup.domain.model import PreferredChannel

    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    clock.set("2026-11-25T10:00:00+01:00")
    call = find(env, "status_check", app).id
    script, voicemail = "Hello, this is Zoë about the role.", "Hello Jürgen, Zoë here: I will call again tomorrow."
    ok(client.api("PUT", f"{API}/actions/{call}/draft", {"subject": "", "body": script, "kind": "call_script"}))
    body = {"subject": "", "body": voicemail, "kind": "voicemail_script"}
    ok(client.api("PUT", f"{API}/actions/{call}/draft", body))
    assert ok(client.api("GET", f"{API}/actions/{call}/draft"))["body"] == script
    reset = ok(client.api("DELETE", f"{API}/actions/{call}/draft?kind=voicemail_script"))
    assert (reset["kind"], reset["edited"]) == ("voicemail_script", False)
    assert ok(client.api("GET", f"{API}/actions/{call}/draft"))["body"] == script


def test_a_subject_is_kept_on_one_line_as_the_form_keeps_it(client: WebClient, thank_you: str) -> None:
    body = {"subject": "Thanks\r\nBcc: someone@else.example", "body": BODY}
    saved = ok(client.api("PUT", f"{API}/actions/{thank_you}/draft", body))
    assert saved["subject"] == "Thanks Bcc: someone@else.example"


def test_a_bad_edit_is_refused_with_the_field_named_and_nothing_is_kept(client: WebClient, thank_you: str) -> None:
    url = f"{API}/actions/{thank_you}/draft"
    assert problems(client.api("PUT", url, {"subject": SUBJECT, "body": " \n"})) == {"body.body": "the text is empty"}
    too_long = problems(client.api("PUT", url, {"subject": SUBJECT, "body": "word " * drafts.BODY_LIMIT}))
    assert too_long["body.body"].startswith("the text is too long to keep (100,000 characters; at most 20,000)")
    long_subject = problems(client.api("PUT", url, {"subject": "s" * 301, "body": BODY}))
    assert long_subject == {"body.subject": "the subject is too long to keep (301 characters; at most 300)"}
    assert "body.body" in problems(client.api("PUT", url, {"subject": SUBJECT}))
    assert "body.body" in problems(client.api("PUT", url, {"subject": SUBJECT, "body": 3}))
    assert "body.colour" in problems(client.api("PUT", url, {"body": BODY, "colour": "red"}))
    assert "body.kind" in problems(client.api("PUT", url, {"body": BODY, "kind": "sonnet"}))
    wrong_kind = client.api("PUT", url, {"body": BODY, "kind": "call_script"})
    assert wrong_kind.status_code == 422
    assert "drafted as thank_you_email" in wrong_kind.json()["error"]["message"]
    assert ok(client.api("GET", url))["edited"] is False


def test_saving_and_resetting_need_the_token_or_the_page_s_csrf_header(client: WebClient, thank_you: str) -> None:
    url = f"{API}/actions/{thank_you}/draft"
    anonymous = client.http.put(url, json={"subject": SUBJECT, "body": BODY})
    assert anonymous.status_code == 403
    wrong = client.http.put(url, json={"subject": SUBJECT, "body": BODY}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert client.http.delete(url).status_code == 403
    assert client.http.post(f"{url}/check", json={"body": BODY}).status_code == 403
    assert client.http.post(f"{API}/dictionary", json={"word": "dbt"}).status_code == 403
    assert drafts.for_action(client.env, thank_you).edited is False
    # The draft page's own script sends its CSRF token instead.
    page = client.http.put(url, json={"subject": SUBJECT, "body": BODY}, headers={"X-CSRF-Token": client.token()})
    assert page.status_code == 200
    assert drafts.for_action(client.env, thank_you).edited is True


def test_unknown_or_done_actions_are_404_and_409(client: WebClient, thank_you: str) -> None:
    assert client.api("PUT", f"{API}/actions/zzzzzzzz/draft", {"body": BODY}).status_code == 404
    assert client.api("POST", f"{API}/actions/zzzzzzzz/draft/check", {"body": BODY}).status_code == 404
    client.api("POST", f"{API}/actions/{thank_you}/done")
    assert client.api("PUT", f"{API}/actions/{thank_you}/draft", {"body": BODY}).status_code == 409


def test_an_unsaved_text_is_checked_with_each_finding_placed_in_its_field(client: WebClient, thank_you: str) -> None:
    subject = "Thanks, Jurgen"
    body = "Dear Jurgen,\n\nThank you for the the talk about dbt at Société Générale.\n\nBest,\nZoë O'Brien"
    result = ok(client.api("POST", f"{API}/actions/{thank_you}/draft/check", {"subject": subject, "body": body}))
    fields = {"subject": subject, "body": body}
    found = {(f["id"], f["field"], fields[f["field"]][f["start"] : f["end"]]): f for f in result["findings"]}
    assert ("name-misspelt", "subject", "Jurgen") in found
    name = found[("name-misspelt", "body", "Jurgen")]
    assert name["severity"] == "error"
    assert name["fix"] == {
        "kind": "replace",
        "label": "Write “Jürgen”",
        "field": "body",
        "start": 5,
        "end": 11,
        "replacement": "Jürgen",
        "word": "",
    }
    doubled = found[("doubled-word", "body", "the the")]
    assert doubled["fix"]["replacement"] == "the"
    spelling = found[("spelling", "body", "dbt")]
    assert spelling["fix"]["kind"] == "learn"
    assert spelling["fix"]["word"] == "dbt"
    assert "followup check" not in spelling["message"]
    assert result["errors"] == 2
    # Nothing was saved, and the same text saved gets the same findings.
    assert drafts.for_action(client.env, thank_you).edited is False
    saved = ok(client.api("PUT", f"{API}/actions/{thank_you}/draft", {"subject": subject, "body": body}))
    assert sorted(f["id"] for f in saved["checks"]) == sorted(f["id"] for f in result["findings"])


def test_offsets_count_characters_as_typed_even_with_a_line_break_in_the_subject(
    client: WebClient, thank_you: str
) -> None:
    body = "Dear Jürgen,\n\nThank you for the the talk.\n\nBest,\nZoë O'Brien"
    request = {"subject": "Thanks\nfor it", "body": body}
    result = ok(client.api("POST", f"{API}/actions/{thank_you}/draft/check", request))
    doubled = next(f for f in result["findings"] if f["id"] == "doubled-word")
    assert body[doubled["start"] : doubled["end"]] == "the the"


def test_a_word_added_to_the_dictionary_is_no_longer_reported(client: WebClient, thank_you: str) -> None:
    body = {"subject": SUBJECT, "body": BODY.replace("forecasting", "dbt forecasting")}
    url = f"{API}/actions/{thank_you}/draft/check"
    assert "spelling" in [f["id"] for f in ok(client.api("POST", url, body))["findings"]]
    assert ok(client.api("POST", f"{API}/dictionary", {"word": "dbt"})) == {"word": "dbt", "added": True}
    assert ok(client.api("POST", f"{API}/dictionary", {"word": "dbt"})) == {"word": "dbt", "added": False}
    assert "spelling" not in [f["id"] for f in ok(client.api("POST", url, body))["findings"]]
    # The same dictionary as `followup check --learn`.
    dictionary = os.path.join(client.env.data_folder, "dictionary.txt")
    with open(dictionary, encoding="utf-8") as words:
        assert "dbt" in words.read().splitlines()
    assert "body.word" in problems(client.api("POST", f"{API}/dictionary", {"word": "two words"}))
    assert "body.word" in problems(client.api("POST", f"{API}/dictionary", {"word": ""}))


def test_the_new_addresses_are_in_the_openapi_document(client: WebClient) -> None:
    paths = client.http.get(f"{API}/openapi.json").json()["paths"]
    assert set(paths[f"{API}/actions/{{action_id}}/draft"]) == {"get", "put", "delete"}
    assert "post" in paths[f"{API}/actions/{{action_id}}/draft/check"]
    assert "post" in paths[f"{API}/dictionary"]


def test_the_form_s_line_breaks_are_kept_as_typed(client: WebClient, thank_you: str) -> None:
    # Browsers send a text area's line breaks as CRLF; the saved text (and so the email) has plain ones.
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY.replace("\n", "\r\n")})
    assert drafts.for_action(client.env, thank_you).draft.body == BODY


# -- the fixes without a script ----------------------------------------------------------------


def fix_forms(soup: Any) -> dict[str, Any]:
    return {form.button.get_text(): form for form in soup.select("#checks-heading ~ ol .problem-fix")}


def submit(client: WebClient, form: Any) -> Any:
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    return client.post(form["action"], fields)


def test_each_fix_is_a_button_beside_its_finding_that_works_without_a_script(client: WebClient, thank_you: str) -> None:
    body = BODY.replace("Dear Jürgen", "Dear Jurgen").replace("for our", "for the the").replace("forecasting", "dbt")
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": body})
    soup = page_of(client, f"/drafts/{thank_you}")
    forms = fix_forms(soup)
    assert set(forms) == {"Write “Jürgen”", "Delete the second “the”", "Add “dbt” to my dictionary"}
    assert "followup check --learn" not in text_of(soup, ".checks")

    fixed = submit(client, forms["Write “Jürgen”"])
    assert fixed.status_code == 303
    soup = page_of(client, fixed.headers["location"])
    assert "Changed to “Jürgen”" in text_of(soup, ".flash")
    assert drafts.for_action(client.env, thank_you).draft.body.startswith("Dear Jürgen,")
    soup = page_of(client, submit(client, fix_forms(soup)["Delete the second “the”"]).headers["location"])
    assert "Thank you for the talk about dbt" in drafts.for_action(client.env, thank_you).draft.body
    learned = page_of(client, submit(client, fix_forms(soup)["Add “dbt” to my dictionary"]).headers["location"])
    assert "“dbt” is in your dictionary now" in text_of(learned, ".flash")
    assert fix_forms(learned) == {}
    assert [f.id for f in drafts.for_action(client.env, thank_you).findings if f.fix] == []


def test_a_fix_from_a_page_opened_before_the_text_changed_is_refused(client: WebClient, thank_you: str) -> None:
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY.replace("Jürgen", "Jurgen")})
    stale = fix_forms(page_of(client, f"/drafts/{thank_you}"))["Write “Jürgen”"]
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": "Hello! " + BODY.replace("Jürgen", "Jurgen")})
    refused = submit(client, stale)
    assert "That fix no longer fits the text" in text_of(page_of(client, refused.headers["location"]), ".flash-error")
    assert drafts.for_action(client.env, thank_you).draft.body.startswith("Hello! Dear Jurgen,")


def test_a_fix_on_the_template_s_text_makes_it_yours(client: WebClient, thank_you: str, env: Env) -> None:
    template = drafts.for_action(env, thank_you).draft
    subject = template.subject + " " + template.subject.split()[-1]  # the last word twice
    client.post(f"/drafts/{thank_you}/edit", {"subject": subject, "body": template.body})
    form = next(f for label, f in fix_forms(page_of(client, f"/drafts/{thank_you}")).items() if "Delete" in label)
    submit(client, form)
    result = drafts.for_action(env, thank_you)
    assert result.draft.subject == template.subject
    assert result.edited is False  # back to the template's own words: it follows the template again


# -- in a real browser -------------------------------------------------------------------------


def test_findings_appear_as_you_type_and_one_click_fixes_them(live, page, env: Env, clock) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id
    page.goto(f"{live.url}/drafts/{action}")
    page.get_by_role("link", name="Edit the text").click()
    findings = page.locator(".live-list li")
    summary = page.locator(".live-summary")
    expect(summary).to_have_attribute("aria-live", "polite")
    expect(summary).to_have_text("No problems found in your text.")
    body = page.locator("#edit-body")

    # A misspelt stored name: the finding appears under the field, and one click writes it as stored.
    body.fill("Dear Jurgen,\n\nThank you for our talk about forecasting.\n\nBest,\nZoë O'Brien")
    name = findings.filter(has_text="looks like a misspelling of “Jürgen”")
    expect(name).to_have_count(1)
    expect(summary).to_contain_text("1 problem to fix before sending")
    # Marked in the text too: under the field, for the eye only (the list says it in words).
    expect(page.locator(".edit-mirror mark.sev-error")).to_have_text("Jurgen")
    expect(page.locator(".edit-mirror")).to_have_attribute("aria-hidden", "true")
    name.get_by_role("button", name="Show in the text (“Jurgen”)").click()
    assert (
        page.evaluate(
            "() => { const f = document.activeElement; return f.value.slice(f.selectionStart, f.selectionEnd); }"
        )
        == "Jurgen"
    )
    name.get_by_role("button", name="Write “Jürgen”").click()
    expect(findings.filter(has_text="misspelling")).to_have_count(0)
    expect(body).to_have_value("Dear Jürgen,\n\nThank you for our talk about forecasting.\n\nBest,\nZoë O'Brien")
    expect(summary).not_to_contain_text("to fix before sending")

    # A doubled word, typed into the text: removed with one click.
    body.press("Control+End")
    body.fill(body.input_value().replace("for our", "for the the"))
    doubled = findings.filter(has_text="“the” is written twice in a row")
    expect(doubled).to_have_count(1)
    doubled.get_by_role("button", name="Delete the second “the”").click()
    expect(doubled).to_have_count(0)
    expect(body).to_have_value("Dear Jürgen,\n\nThank you for the talk about forecasting.\n\nBest,\nZoë O'Brien")

    # A word the dictionary does not know: the page offers a button, not a command to run.
    body.fill(body.input_value().replace("forecasting", "dbt forecasting"))
    unknown = findings.filter(has_text="“dbt” is not in the dictionary")
    expect(unknown).to_have_count(1)
    expect(page.locator(".live-checks")).not_to_contain_text("followup check")
    assert_accessible(page)
    shoot(page, "draft-live-checks")
    unknown.get_by_role("button", name="Add “dbt” to my dictionary").click()
    expect(page.locator("#messages")).to_contain_text("“dbt” is in your dictionary now")
    expect(unknown).to_have_count(0)
    assert "spelling" not in [f.id for f in drafts.check_edit(env, action, "Thanks", "We use dbt.").findings]

    # Save, leave, come back: the text is yours, with no problem left.
    page.get_by_label("Subject").fill("Thanks for Wednesday")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash")).to_contain_text("Your text is saved")
    page.goto(f"{live.url}/")
    page.goto(f"{live.url}/drafts/{action}")
    expect(page.locator("#draft-subject")).to_have_text("Thanks for Wednesday")
    expect(page.locator("#draft-text")).to_contain_text("Thank you for the talk about dbt forecasting.")
    expect(page.locator(".draft-edit-bar")).to_contain_text("Edited by you")
    expect(page.locator("#checks-heading + .checks-summary")).not_to_contain_text("to fix before sending")
    page.get_by_role("link", name="Edit the text").click()
    expect(page.locator("#edit-body")).to_have_value(
        "Dear Jürgen,\n\nThank you for the talk about dbt forecasting.\n\nBest,\nZoë O'Brien"
    )


def test_a_fix_is_not_applied_to_text_changed_since_the_check(live, page, env: Env, clock) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id
    page.goto(f"{live.url}/drafts/{action}?edit=1")
    body = page.locator("#edit-body")
    body.fill("Dear Jurgen,\n\nThanks.\n\nZoë")
    fix = page.get_by_role("button", name="Write “Jürgen”")
    expect(fix).to_be_visible()
    # Typed before the check came back: the fix's place may have moved, so the text is checked again instead.
    page.evaluate("() => { const f = document.getElementById('edit-body'); f.value = 'Hi! ' + f.value; }")
    fix.click()
    expect(page.locator("form.draft-edit")).not_to_have_attribute("aria-busy", "true")  # checked again
    expect(body).to_have_value("Hi! Dear Jurgen,\n\nThanks.\n\nZoë")
    page.get_by_role("button", name="Write “Jürgen”").click()
    expect(body).to_have_value("Hi! Dear Jürgen,\n\nThanks.\n\nZoë")


def test_while_editing_the_side_checks_say_which_text_they_are_of(client: WebClient, thank_you: str) -> None:
    editing = page_of(client, f"/drafts/{thank_you}?edit=1")
    assert text_of(editing, "#checks-heading") == "Checks of the template"
    assert editing.select("form.draft-edit .live-checks[hidden] [aria-live=polite]")  # filled in by the script
    client.post(f"/drafts/{thank_you}/edit", {"subject": SUBJECT, "body": BODY})
    assert text_of(page_of(client, f"/drafts/{thank_you}?edit=1"), "#checks-heading") == "Checks as last saved"
    assert text_of(page_of(client, f"/drafts/{thank_you}"), "#checks-heading") == "Checks"


def test_a_fix_lands_on_its_words_after_characters_the_browser_counts_twice(live, page, env: Env, clock) -> None:
    # The checks count characters; a browser's field counts an emoji as two. The fix must still hit "Jurgen".
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id
    page.goto(f"{live.url}/drafts/{action}?edit=1")
    body = page.locator("#edit-body")
    body.fill("🙂🙂\n\nDear Jurgen,\n\nThanks.\n\nZoë")
    page.get_by_role("button", name="Write “Jürgen”").click()
    expect(body).to_have_value("🙂🙂\n\nDear Jürgen,\n\nThanks.\n\nZoë")


def test_the_marks_under_the_text_wrap_and_scroll_with_it(live, page, env: Env, clock) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id
    page.set_viewport_size({"width": 420, "height": 800})  # narrow, so that few words make many lines
    page.goto(f"{live.url}/drafts/{action}?edit=1")
    body = page.locator("#edit-body")
    # Fewer words than a thank-you may have, so that no too-long finding covers the whole end.
    long_lines = "\n\n".join(f"Paragraph {n}: " + "a sentence that wraps in the field " * 4 for n in range(6))
    body.fill(f"Dear Jürgen,\n\n{long_lines}\n\nThank you for the the talk.\n\nZoë")
    expect(page.locator(".edit-mirror mark").first).to_have_text("the the")
    body.evaluate("field => { field.scrollTop = field.scrollHeight; }")
    # The copy follows on the field's scroll event, a frame later: wait for it, not for a clock.
    page.wait_for_function(
        """() => document.querySelector('.edit-mirror').scrollTop === document.getElementById('edit-body').scrollTop"""
    )
    sizes = page.evaluate(
        """() => {
            const field = document.getElementById('edit-body'), copy = document.querySelector('.edit-mirror');
            const mark = copy.querySelector('mark').getBoundingClientRect(), box = field.getBoundingClientRect();
            return {field: field.scrollHeight, copy: copy.scrollHeight, top: field.scrollTop, copyTop: copy.scrollTop,
                    markInside: mark.top >= box.top && mark.bottom <= box.bottom};
        }"""
    )
    assert sizes["copy"] == sizes["field"]  # the same lines, wrapped at the same places
    assert sizes["copyTop"] == sizes["top"] > 0
    assert sizes["markInside"]  # the doubled word near the end is scrolled into view with the text
