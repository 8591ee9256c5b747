"""Whom a draft goes to, chosen on its page ("Send to"): whom the draft is for first, the application's
other contacts with an address, then the addresses that wrote about it (careers@); the pick is what the
copy in Drafts and the sent message are addressed to, and a refused pick is said on the field."""

# ruff: noqa: F811  (the fixture imported from test_web_drafts is redefined as an argument)

from __future__ import annotations

import email
import email.policy
import re

from imapclient import IMAPClient
from playwright.sync_api import expect

from followup.app import applications, mail_intake
from followup.app.agenda import agenda
from followup.app.context import Env
from followup.domain.model import ContactRole
from mail_servers import PASSWORD
from web.test_web_drafts import AFTER, mail_account, thank_you  # noqa: F401  (the fixture is used by name)
from web.test_web_today import find, interviewed, page_of, with_profile
from web.web_support import WebClient, assert_accessible, text_of

CAREERS = b"""From: SG Careers <careers@sg.example>
To: zoe@example.org
Subject: Your interview at Societe Generale
Message-ID: <careers-1@sg.example>
Date: Wed, 18 Nov 2026 17:00:00 +0100

Thank you for coming in today. We will be in touch.
"""


def app_of(env: Env) -> int:
    return applications.resolve_application(env, "Société Générale").id


def with_careers_mail(env: Env) -> None:
    mail_intake.attach(env, CAREERS, app_of(env))


def sent_to(smtp_server) -> list[str]:
    [envelope] = smtp_server.messages
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    return [a.addr_spec for a in message["To"].addresses]


def test_send_to_lists_whom_the_draft_is_for_then_contacts_then_who_wrote(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    mail_account(env, imap_server, smtp_server, monkeypatch)
    applications.add_contact(
        env,
        applications.NewContact(name="Rita Recruiter", role=ContactRole.RECRUITER, email="rita@sg.example"),
        application_id=app_of(env),
    )
    applications.add_contact(
        env, applications.NewContact(name="No Address", role=ContactRole.INTERVIEWER), application_id=app_of(env)
    )
    with_careers_mail(env)
    soup = page_of(client, f"/drafts/{thank_you}")
    select = soup.select_one('form#mail-form select[name="to"]')
    assert soup.select_one('label[for="mail-to"]').get_text(strip=True) == "Send to"
    options = [(o["value"], o.get_text(strip=True), o.has_attr("selected")) for o in select.find_all("option")]
    assert options == [
        ("", "Jürgen Müller <juergen@sg.example>", True),
        ("rita@sg.example", "Rita Recruiter <rita@sg.example>", False),
        ("careers@sg.example", "SG Careers <careers@sg.example>", False),
    ]
    assert "mail-to-hint" in select["aria-describedby"]
    assert not select.has_attr("aria-invalid")
    # One form: saving and sending both go where "Send to" says.
    assert soup.select_one("details.send-confirm button")["formaction"] == f"/drafts/{thank_you}/send"
    assert "to the one chosen under “Send to”" in text_of(soup, "details.send-confirm")


def test_save_to_drafts_for_careers_then_the_page_shows_it_and_sends_there(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    user = mail_account(env, imap_server, smtp_server, monkeypatch)
    with_careers_mail(env)
    saved = client.post(f"/drafts/{thank_you}/save", {"account": "work", "to": "careers@sg.example"})
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/drafts/{thank_you}?to=careers%40sg.example"
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10) as imap:
        imap.login(user, PASSWORD)
        imap.select_folder("Drafts", readonly=True)
        [copy] = imap.fetch(imap.search(), ["RFC822"]).values()
    drafted = email.message_from_bytes(copy[b"RFC822"], policy=email.policy.default)
    assert [a.addr_spec for a in drafted["To"].addresses] == ["careers@sg.example"]

    soup = page_of(client, saved.headers["location"])
    assert "careers@sg.example" in text_of(soup, ".envelope dd")  # the preview's To line
    chosen = soup.select_one('select[name="to"] option[selected]')
    assert chosen["value"] == "careers@sg.example"
    sent = client.post(f"/drafts/{thank_you}/send", {"account": "work", "to": chosen["value"]})
    assert sent.headers["location"] == "/"
    assert sent_to(smtp_server) == ["careers@sg.example"]


def test_an_address_that_is_none_is_refused_on_the_field(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    mail_account(env, imap_server, smtp_server, monkeypatch)
    response = client.post(f"/drafts/{thank_you}/send", {"account": "work", "to": "careers@sg"})
    assert response.status_code == 422
    soup = page_of_text(response.text)
    select = soup.select_one('select[name="to"]')
    assert select["aria-invalid"] == "true"
    assert "mail-to-error" in select["aria-describedby"].split()
    error = text_of(soup, "#mail-to-error")
    assert "careers@sg" in error
    assert "Choose one of the addresses under “Send to”" in error
    assert soup.select_one("details.send-confirm").has_attr("open")  # where the user was
    assert smtp_server.messages == []


def test_a_contact_without_an_address_is_refused_on_the_field(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    mail_account(env, imap_server, smtp_server, monkeypatch)
    applications.add_contact(
        env, applications.NewContact(name="Nadia Noaddress", role=ContactRole.INTERVIEWER), application_id=app_of(env)
    )
    response = client.post(f"/drafts/{thank_you}/save", {"account": "work", "to": "Nadia Noaddress"})
    assert response.status_code == 422
    soup = page_of_text(response.text)
    assert "Nadia Noaddress has no email address" in text_of(soup, "#mail-to-error")
    assert not soup.select_one("details.send-confirm").has_attr("open")


def test_a_send_where_drafts_has_it_for_someone_else_asks_whom(
    env: Env, client: WebClient, thank_you: str, imap_server, smtp_server, monkeypatch
) -> None:
    mail_account(env, imap_server, smtp_server, monkeypatch)
    with_careers_mail(env)
    client.post(f"/drafts/{thank_you}/save", {"account": "work", "to": "careers@sg.example"})
    # Sent from a page that offers whom the draft is for (no pick): not silently to another person.
    response = client.post(f"/drafts/{thank_you}/send", {"account": "work", "to": ""})
    assert response.status_code == 409
    soup = page_of_text(response.text)
    error = text_of(soup, "#mail-to-error")
    assert "This was put in Drafts for careers@sg.example, but the draft is now for juergen@sg.example." in error
    assert "Choose whom it goes to under “Send to”, then save or send it again." in error
    assert "followup mail send" not in error
    # Every choice now names its address, so picking Jürgen is a pick too.
    values = [o["value"] for o in soup.select('select[name="to"] option')]
    assert values == ["juergen@sg.example", "careers@sg.example"]
    assert smtp_server.messages == []
    client.post(f"/drafts/{thank_you}/send", {"account": "work", "to": "juergen@sg.example"})
    assert sent_to(smtp_server) == ["juergen@sg.example"]


def page_of_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


# -- in a real browser -------------------------------------------------------------------------


def test_choose_careers_and_send_it_there(live, page, env: Env, imap_server, smtp_server, monkeypatch) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    mail_account(env, imap_server, smtp_server, monkeypatch)
    mail_intake.attach(env, CAREERS, app)
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id

    page.goto(f"{live.url}/drafts/{action}")
    page.get_by_label("Send to").select_option(label="SG Careers <careers@sg.example>")
    # The preview and the mail-app link follow the choice.
    expect(page.locator("#draft-to")).to_have_text("SG Careers <careers@sg.example>")
    expect(page.locator("#draft-mailto")).to_have_attribute("href", re.compile(r"^mailto:careers@sg\.example\?"))
    page.get_by_text("Send now…").click()
    confirm = page.locator("details.send-confirm")
    expect(confirm).to_contain_text("to the one chosen under “Send to”")
    assert_accessible(page)
    confirm.get_by_role("button", name="Yes, send it").click()
    expect(page.locator("#messages")).to_contain_text("Sent to careers@sg.example")

    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["careers@sg.example"]
    assert sent_to(smtp_server) == ["careers@sg.example"]
    assert action not in [i.id for i in agenda(env)]
