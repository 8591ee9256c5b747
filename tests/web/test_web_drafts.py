"""The draft view: the message for a due action, its checks marked in the text, and ways to send it."""

from __future__ import annotations

import email
import email.policy
import os
import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import expect

from followup.app.agenda import agenda
from followup.app.context import Env
from followup.domain.model import CompanyStyle, PreferredChannel
from followup.drafting.model import Finding, Severity
from followup.mail.accounts import MailAccount, add_account
from followup.web.views.draft import cut, mailto, paragraphs, pieces, tel_uri
from mail_servers import PASSWORD
from web.test_web_today import find, interviewed, page_of, with_profile
from web.web_support import WebClient, assert_accessible, shoot, text_of

AFTER = "2026-11-18T16:00:00+01:00"  # the interview on 18 Nov ended at 15:00: the thank-you is due
PASSWORD_VARIABLE = "FOLLOWUP_TEST_WEB_MAIL_PASSWORD"
MISSPELT = """{% block subject %}Thank you, Jurgen{% endblock %}
{% block body %}
Dear Jurgen,

Thank you for the the interview about the {{ role }} role at {{ company }}.

Best,
{{ contact_signature }}
{% endblock %}
"""


@pytest.fixture
def thank_you(env: Env, clock) -> str:
    """A due thank-you email to Jürgen Müller; returns the action id."""
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    clock.set(AFTER)
    return find(env, "thank_you", app).id


def own_template(env: Env, name: str, text: str) -> None:
    path = os.path.join(os.path.dirname(env.config_path), "templates", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def body_text(soup: Any) -> str:
    return "\n\n".join(p.get_text() for p in soup.select("#draft-text p"))


# -- the page -------------------------------------------------------------------------------


def test_the_draft_shows_who_it_is_for_its_subject_and_its_text(client: WebClient, thank_you: str) -> None:
    soup = page_of(client, f"/drafts/{thank_you}")
    assert soup.h1 is not None
    assert soup.h1.get_text() == "Thank-you email to Jürgen Müller"
    assert "Data Analyst at Société Générale" in text_of(soup, ".draft-about")
    assert "Email Jürgen Müller a thank-you" in text_of(soup, ".draft-reason")
    assert text_of(soup, ".envelope dd") == "Jürgen Müller <juergen@sg.example>"
    assert text_of(soup, "#draft-subject") == "Thank you for our conversation about the Data Analyst role"
    text = body_text(soup)
    assert text.startswith("Dear Jürgen,")
    assert "Société Générale" in text
    assert "Zoë O'Brien" in text
    assert "No problems found" in text_of(soup, ".checks")
    assert soup.select_one('nav a[aria-current="page"]').get_text() == "Today"


def test_findings_are_marked_where_they_are_and_listed_with_how_to_fix_them(
    env: Env, client: WebClient, thank_you: str
) -> None:
    own_template(env, "thank_you_email/warm.j2", MISSPELT)
    soup = page_of(client, f"/drafts/{thank_you}")
    subject_marks = soup.select("#draft-subject mark")
    assert [m.get_text() for m in subject_marks] == ["[problem 1 starts] Jurgen"]
    assert "sev-error" in subject_marks[0]["class"]
    assert subject_marks[0]["id"] == "mark-1"
    body_marks = soup.select("#draft-text mark")
    assert [m.get_text().split("] ")[-1] for m in body_marks] == ["Jurgen", "the the"]
    assert "sev-error" in body_marks[0]["class"]
    assert "sev-warning" in body_marks[1]["class"]
    # Each mark ends with its number, a link to the explanation.
    refs = soup.select("#draft-text a.ref")
    assert [r["href"] for r in refs] == ["#problem-2", "#problem-3"]

    problems = soup.select("ol.problems-list li")
    assert [p["id"] for p in problems] == ["problem-1", "problem-2", "problem-3"]
    first = problems[0].get_text(" ", strip=True)
    assert first.startswith("✕ Must fix")  # the severity in words, not only in colour
    assert "misspelling of “Jürgen”" in first
    assert "write it as stored" in first
    assert problems[2].get_text(" ", strip=True).startswith("! Check")
    assert problems[0].find("a")["href"] == "#mark-1"
    assert "2 problems to fix before sending and 1 thing to check" in text_of(soup, ".checks-summary")


def test_tone_tabs_switch_the_wording(client: WebClient, thank_you: str) -> None:
    warm = page_of(client, f"/drafts/{thank_you}")  # Société Générale is modern: warm by default
    tabs = warm.select('nav[aria-label="Tone"] a')
    assert [t.get_text(" ", strip=True) for t in tabs] == ["Formal tone", "Warm tone", "Brief tone"]
    assert [t.get("aria-current") for t in tabs] == [None, "page", None]
    assert tabs[2]["href"] == f"/drafts/{thank_you}?tone=brief"

    brief = page_of(client, f"/drafts/{thank_you}?tone=brief")
    assert brief.select_one('nav[aria-label="Tone"] a[aria-current="page"]')["href"].endswith("tone=brief")
    assert body_text(brief) != body_text(warm)
    assert body_text(brief).startswith("Hi Jürgen,")
    page_of(client, f"/drafts/{thank_you}?tone=shouty", status=422)


def test_open_in_mail_app_is_a_properly_encoded_mailto_link(client: WebClient, thank_you: str) -> None:
    soup = page_of(client, f"/drafts/{thank_you}")
    link = soup.find("a", string="Open in your mail app")
    href = link["href"]
    assert " " not in href
    assert "\n" not in href
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "juergen@sg.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [text_of(soup, "#draft-subject")]
    copy = soup.select_one("textarea#draft-copy").get_text()
    assert query["body"] == [copy.replace("\n", "\r\n")]
    assert "Société Générale" in query["body"][0]


def test_copy_buttons_point_at_the_plain_text(client: WebClient, thank_you: str) -> None:
    soup = page_of(client, f"/drafts/{thank_you}")
    copy = soup.find("button", string="Copy the text")
    source = soup.select_one(f"#{copy['data-copy-target']}")
    assert source.name == "textarea"
    assert source.get_text().startswith("Dear Jürgen,")
    subject = soup.find("button", string="Copy the subject")
    assert soup.select_one(f"#{subject['data-copy-target']}").get_text().startswith("Thank you for our")


def test_the_email_downloads_as_an_eml_file(client: WebClient, thank_you: str) -> None:
    response = client.get(f"/drafts/{thank_you}.eml?tone=formal")
    assert response.status_code == 200
    assert response.headers["content-type"] == "message/rfc822"
    assert "attachment" in response.headers["content-disposition"]
    message = email.message_from_bytes(response.content, policy=email.policy.default)
    assert message["To"].addresses[0].display_name == "Jürgen Müller"
    assert message["From"].addresses[0].addr_spec == "zoe@example.org"


def test_a_letter_downloads_as_a_pdf(env: Env, clock, client: WebClient) -> None:
    with_profile(env)
    app = interviewed(env, "Bankhaus Alt", person="Anna Schmidt", email="anna@alt.example",
                      prefers=PreferredChannel.LETTER, style=CompanyStyle.TRADITIONAL)  # fmt: skip
    clock.set(AFTER)
    letter = find(env, "thank_you", app)
    assert letter.channel == "letter"
    soup = page_of(client, f"/drafts/{letter.id}")
    assert soup.h1.get_text() == "Thank-you letter to Anna Schmidt"
    download = soup.find("a", string="Download the letter (PDF)")
    assert download["href"] == f"/drafts/{letter.id}.pdf"
    assert soup.find("a", string="Open in your mail app") is None
    response = client.get(download["href"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="thank-you-letter-bankhaus-alt.pdf"' in response.headers["content-disposition"]


def test_a_call_is_a_script_to_read_with_a_big_button_that_dials(env: Env, clock, client: WebClient) -> None:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    clock.set("2026-11-25T10:00:00+01:00")
    call = find(env, "status_check", app)
    soup = page_of(client, f"/drafts/{call.id}")
    assert soup.h1.get_text() == "Call script for your call with Jürgen Müller"
    dial = soup.select_one("a.call-button")
    assert dial["href"] == "tel:+4930123456"
    assert "Call Jürgen Müller" in dial.get_text()
    assert "+49 30 123 456" in dial.get_text()
    # Readable: the script's headings stand out, and there is no subject or mail button.
    cues = [c.get_text() for c in soup.select("#draft-text .cue-line")]
    assert "Say hello:" in cues
    assert soup.select_one("#draft-subject") is None
    assert soup.find("a", string="Open in your mail app") is None
    kinds = soup.select('nav[aria-label="Which one"] a')
    assert [k.get_text() for k in kinds] == ["Call script", "Voicemail message"]
    voicemail = page_of(client, kinds[1]["href"])
    assert voicemail.h1.get_text() == "Voicemail message for Jürgen Müller"
    assert voicemail.select_one('input[name="outcome"][value="voicemail"]').has_attr("checked")


def test_an_unknown_action_gets_a_friendly_404_with_a_way_back(env: Env, client: WebClient) -> None:
    with_profile(env)
    soup = page_of(client, "/drafts/zzzzzzzzzz", status=404)
    assert soup.h1.get_text() == "This follow-up is not on your list"
    assert soup.find("a", string="See what is on your list today")["href"] == "/"


def test_a_draft_already_done_offers_to_undo(client: WebClient, thank_you: str) -> None:
    client.post(f"/actions/{thank_you}/done")
    soup = page_of(client, f"/drafts/{thank_you}", status=409)
    assert soup.h1.get_text() == "You already took care of this one"
    undo = soup.select_one(f'form[action="/actions/{thank_you}/undo"]')
    assert undo.select_one('input[name="next"]')["value"] == f"/drafts/{thank_you}"
    response = client.post(f"/actions/{thank_you}/undo", {"next": f"/drafts/{thank_you}"})
    assert response.headers["location"] == f"/drafts/{thank_you}"
    assert page_of(client, response.headers["location"]).h1.get_text() == "Thank-you email to Jürgen Müller"


def test_without_a_name_it_asks_for_one_in_settings(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set(AFTER)
    soup = page_of(client, f"/drafts/{find(env, 'thank_you', app).id}")
    assert soup.h1.get_text() == "Add your name first"
    assert soup.find("a", string="Add your name in Settings")["href"] == "/settings"


def test_a_company_called_script_stays_text_in_the_draft(env: Env, clock, client: WebClient) -> None:
    with_profile(env)
    app = interviewed(env, "<script>alert(1)</script>")
    clock.set(AFTER)
    response = client.get(f"/drafts/{find(env, 'thank_you', app).id}")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_mark_as_sent_records_it_and_returns_to_today(env: Env, client: WebClient, thank_you: str) -> None:
    soup = page_of(client, f"/drafts/{thank_you}")
    form = soup.select_one(f'form[action="/drafts/{thank_you}/sent"]')
    fields = {i["name"]: i.get("value", "") for i in form.select("input")}
    response = client.post(form["action"], fields)
    assert response.status_code == 303
    assert response.headers["location"] == f"/?undo={thank_you}"
    today = page_of(client, response.headers["location"])
    assert "Marked as sent: Thank-you (email) for Jürgen Müller." in text_of(today, "#messages")
    assert thank_you not in [i.id for i in agenda(env)]
    from followup.app import applications

    [sent] = applications.show(env, 1).state.touchpoints
    assert sent.subject == "Thank you for our conversation about the Data Analyst role"


# -- the mailbox ------------------------------------------------------------------------------


def mail_account(env: Env, imap_server, smtp_server, monkeypatch, *, smtp: bool = True) -> str:
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    user = str(imap_server.new_user())
    add_account(
        env.config_path,
        MailAccount(
            name="work", email="zoe@example.org",
            imap_host=imap_server.host, imap_port=imap_server.port, imap_security="none", imap_user=user,
            smtp_host=smtp_server.host if smtp else "", smtp_port=smtp_server.port, smtp_security="none",
            smtp_user=user, password_env=PASSWORD_VARIABLE,
        ),
    )  # fmt: skip
    return user


def test_save_and_send_appear_only_with_a_mail_account(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    soup = page_of(client, f"/drafts/{thank_you}")
    assert soup.select_one('form[action$="/save"]') is None
    assert soup.select_one(".send-confirm") is None
    mail_account(env, imap_server, smtp_server, monkeypatch)
    soup = page_of(client, f"/drafts/{thank_you}")
    assert soup.select_one('form[action$="/save"] button').get_text(" ", strip=True).startswith("Save to Drafts")
    confirm = soup.select_one("details.send-confirm")
    assert "Send this thank-you email to Jürgen Müller <juergen@sg.example>" in confirm.get_text(" ", strip=True)
    assert confirm.find("button", string="Yes, send it") is not None


def test_sending_is_blocked_while_a_must_fix_problem_remains(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    mail_account(env, imap_server, smtp_server, monkeypatch)
    own_template(env, "thank_you_email/warm.j2", MISSPELT)
    soup = page_of(client, f"/drafts/{thank_you}")
    assert soup.select_one(".send-confirm") is None
    assert soup.find("button", string="Send now").has_attr("disabled")
    # Even a hand-made request is refused, and nothing goes out.
    response = client.post(f"/drafts/{thank_you}/send", {"account": "work"})
    assert response.headers["location"] == f"/drafts/{thank_you}"
    assert "Not sent" in text_of(page_of(client, response.headers["location"]), ".flash-error")
    assert smtp_server.messages == []


def test_send_goes_out_once_and_moves_the_plan_on(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    mail_account(env, imap_server, smtp_server, monkeypatch)
    response = client.post(f"/drafts/{thank_you}/send", {"account": "work", "tone": "brief"})
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert "Sent to Jürgen Müller" in text_of(page_of(client, "/"), "#messages")
    [envelope] = smtp_server.messages
    sent = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert sent["To"].addresses[0].addr_spec == "juergen@sg.example"
    plain = sent.get_body(preferencelist=("plain",))
    assert plain is not None
    assert plain.get_content().startswith("Hi Jürgen,")  # the tone chosen
    assert thank_you not in [i.id for i in agenda(env)]
    again = client.post(f"/drafts/{thank_you}/send", {"account": "work"})
    assert "already sent" in text_of(page_of(client, again.headers["location"]), "#messages")
    assert len(smtp_server.messages) == 1


def test_save_to_drafts_puts_it_in_the_mailbox_once(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    from imapclient import IMAPClient

    user = mail_account(env, imap_server, smtp_server, monkeypatch, smtp=False)
    soup = page_of(client, f"/drafts/{thank_you}")
    assert soup.select_one(".send-confirm") is None  # no outgoing server: Drafts only
    response = client.post(f"/drafts/{thank_you}/save", {"account": "work"})
    assert "Saved in the Drafts folder of zoe@example.org" in text_of(
        page_of(client, response.headers["location"]), "#messages"
    )
    client.post(f"/drafts/{thank_you}/save", {"account": "work"})
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10) as imap:
        imap.login(user, PASSWORD)
        imap.select_folder("Drafts", readonly=True)
        assert len(imap.search()) == 1
    assert thank_you in [i.id for i in agenda(env)]  # a draft is not a sent message


# -- pure helpers ------------------------------------------------------------------------------

plain_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80)


@given(st.lists(st.from_regex(r"[a-z0-9._+-]{1,10}@[a-z]{1,8}\.[a-z]{2,4}", fullmatch=True), min_size=1, max_size=3),
       plain_text, plain_text)  # fmt: skip
def test_mailto_round_trips_any_subject_and_body(addresses: list[str], subject: str, body: str) -> None:
    uri = mailto(addresses, subject, body)
    assert not re.search(r"[\s\"<>]", uri)
    head, _, query = uri.partition("?")
    assert [unquote(a) for a in head.removeprefix("mailto:").split(",")] == addresses
    values = dict(part.split("=", 1) for part in query.split("&"))
    assert unquote(values["subject"]) == subject
    assert unquote(values["body"]) == re.sub(r"\r?\n", "\r\n", body)


@st.composite
def text_and_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(st.text(alphabet="ab \n", max_size=40))
    findings = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        severity = draw(st.sampled_from(list(Severity)))
        findings.append(Finding("x", severity, "m", start, end, 1, 1))
    return text, findings


@given(text_and_findings())
def test_pieces_cover_the_text_and_each_finding_exactly(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    parts = pieces(text, findings)
    assert "".join(p.text for p in parts) == text
    offset = 0
    for part in parts:
        assert part.at == offset
        offset += len(part.text)
    for number, finding in enumerate(findings, 1):
        covered = {p.at + i for p in parts if number in p.refs for i in range(len(p.text))}
        assert covered == set(range(finding.start, finding.end))
        [start] = [p for p in parts if number in p.starts]
        [end] = [p for p in parts if number in p.ends]
        assert start.at == finding.start
        assert end.at + len(end.text) == finding.end


@given(text_and_findings(), st.data())
def test_cutting_and_laying_out_keeps_every_mark(case: tuple[str, list[Finding]], data: st.DataObject) -> None:
    text, findings = case
    parts = pieces(text, findings)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert "".join(p.text for p in cut(parts, a, b)) == text[a:b]
    laid_out = [p for para in paragraphs(parts) for line in para.lines for p in line]
    for number in range(1, len(findings) + 1):
        assert sum(number in p.starts for p in laid_out) == 1
        assert sum(number in p.ends for p in laid_out) == 1
    assert "".join(p.text for p in laid_out).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_phone_numbers_become_dialable_links() -> None:
    assert tel_uri("+49 (0)30 123-456") == "tel:+49030123456"
    assert tel_uri("030 123 456") == "tel:030123456"
    assert tel_uri("ask the desk") is None
    assert tel_uri(None) is None


# -- in a real browser -------------------------------------------------------------------------


def test_open_a_draft_and_copy_it(live, page, env: Env, clock) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    live.clock.set("2026-11-20T10:00:00+01:00")
    own_template(env, "thank_you_email/warm.j2", MISSPELT)
    thank_you = find(env, "thank_you", app)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live.url)
    page.goto(live.url + "/")
    page.locator(f"#item-{thank_you.id}").get_by_role("link", name=re.compile("^Write the email")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank-you email to Jürgen Müller")
    expect(page.locator("ol.problems-list li")).to_have_count(3)
    assert_accessible(page)
    shoot(page, "draft")

    page.get_by_role("button", name="Copy the text").click()
    expect(page.locator("#messages")).to_contain_text("The text is copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Dear Jurgen,\n\nThank you for the the interview")

    page.get_by_role("link", name="Show in the text (problem 3)").click()
    expect(page.locator("#mark-3")).to_be_in_viewport()


def test_a_call_script_on_a_phone(live, page, env: Env) -> None:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    live.clock.set("2026-11-25T10:00:00+01:00")
    call = find(env, "status_check", app)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live.url}/drafts/{call.id}")
    dial = page.get_by_role("link", name=re.compile("^Call Jürgen Müller"))
    expect(dial).to_be_in_viewport()
    expect(dial).to_have_attribute("href", "tel:+4930123456")
    assert_accessible(page)
    shoot(page, "draft-phone-script")


def test_after_an_interrupted_send_it_goes_out_again_only_when_ticked(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    from followup.app import mail_sending as sending
    from followup.mail.accounts import get_account
    from followup.store import outbox
    from followup.store.db import transaction

    mail_account(env, imap_server, smtp_server, monkeypatch)
    # A send that stopped after `sending` was committed (tests/test_mail_send_crash.py kills a real one).
    prepared = sending.prepare(env, thank_you, "send", get_account(env.config_path, "work"))
    with transaction(env.conn):
        outbox.set_state(env.store, prepared.item.id, "sending", env.now())
    soup = page_of(client, f"/drafts/{thank_you}")
    confirm = soup.select_one("details.send-confirm")
    assert "stopped halfway" in text_of(confirm, ".notice-warning")
    assert confirm.select_one('input[type="checkbox"][name="resend"]') is not None
    refused = client.post(f"/drafts/{thank_you}/send", {"account": "work"})
    assert "may already have gone out" in text_of(page_of(client, refused.headers["location"]), ".flash-error")
    assert smtp_server.messages == []
    sent = client.post(f"/drafts/{thank_you}/send", {"account": "work", "resend": "yes"})
    assert sent.headers["location"] == "/"
    assert len(smtp_server.messages) == 1
