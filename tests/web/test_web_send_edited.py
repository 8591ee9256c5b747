"""Sending the text the user wrote: edited on the draft page, sent from it through the outbox to a real
SMTP server (aiosmtpd, with its Sent copy in Dovecot), which receives exactly that subject and text."""

from __future__ import annotations

import email
import email.policy
import re
from html import unescape

from imapclient import IMAPClient
from playwright.sync_api import expect

from followup.app import drafts
from followup.app.agenda import agenda
from followup.app.context import Env
from mail_servers import PASSWORD
from web.test_web_drafts import AFTER, mail_account
from web.test_web_today import find, interviewed, with_profile
from web.web_support import assert_accessible

SUBJECT = "Zoë here — thank you for Wednesday"
# Umlauts, an em dash, and a line far longer than a mail line (78 characters): the message
# encoding folds it, and the text that arrives must still be this one line.
LONG_LINE = (
    "Thank you for our talk about forecasting at Société Générale — the way your team turns café loyalty "
    "data into weekly store plans is exactly the kind of work I would love to do, and I left with three ideas."
)
BODY = f"Dear Jürgen,\n\n{LONG_LINE}\n\nViele Grüße,\nZoë O'Brien"


def test_the_edited_text_is_what_goes_out(live, page, env: Env, imap_server, smtp_server, monkeypatch) -> None:
    with_profile(env)
    app = interviewed(env, "Société Générale", person="Jürgen Müller", email="juergen@sg.example")
    user = mail_account(env, imap_server, smtp_server, monkeypatch)
    live.clock.set(AFTER)
    action = find(env, "thank_you", app).id

    page.goto(f"{live.url}/drafts/{action}")
    page.get_by_role("link", name="Edit the text").click()
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Text").fill(BODY)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Your text is saved")
    expect(page.locator(".draft-edit-bar")).to_contain_text("Edited by you")
    expect(page.locator("#draft-subject")).to_have_text(SUBJECT)
    kept = drafts.for_action(env, action).draft
    assert (kept.subject, kept.body) == (SUBJECT, BODY)  # as typed, though a browser sends CRLF line breaks

    page.get_by_text("Send now…").click()
    confirm = page.locator("details.send-confirm")
    expect(confirm).to_contain_text("Send this thank-you email to Jürgen Müller <juergen@sg.example>")
    assert_accessible(page)
    confirm.get_by_role("button", name="Yes, send it").click()
    expect(page.locator("#messages")).to_contain_text("Sent to Jürgen Müller")

    # What the server took: exactly the user's subject and text, to the contact's address.
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["juergen@sg.example"]
    sent = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert sent["Subject"] == SUBJECT
    assert [a.addr_spec for a in sent["To"].addresses] == ["juergen@sg.example"]
    plain = sent.get_body(preferencelist=("plain",))
    assert plain is not None
    assert plain.get_content().replace("\r\n", "\n") == BODY + "\n"
    # The HTML part has the same paragraphs (a browser sends the text's line breaks as CRLF).
    html = sent.get_body(preferencelist=("html",))
    assert html is not None
    paragraphs = re.findall(r"<p>(.*?)</p>", html.get_content(), re.S)
    assert [" ".join(unescape(p.replace("<br>", " ")).split()) for p in paragraphs] == [
        "Dear Jürgen,",
        LONG_LINE,
        "Viele Grüße, Zoë O'Brien",
    ]

    # Its copy in Sent is the same message.
    with IMAPClient(imap_server.host, port=imap_server.port, ssl=False, timeout=10) as mailbox:
        mailbox.login(user, PASSWORD)
        mailbox.select_folder("Sent", readonly=True)
        [copy] = mailbox.fetch(mailbox.search(), ["RFC822"]).values()
    filed = email.message_from_bytes(copy[b"RFC822"], policy=email.policy.default)
    assert filed["Message-ID"] == sent["Message-ID"]
    assert filed["Subject"] == SUBJECT

    # The application remembers it: sent, with the user's subject; the thank-you is no longer due.
    assert action not in [i.id for i in agenda(env)]
    page.goto(f"{live.url}/applications/{app}")
    event = page.locator("#timeline li.event-sent").filter(has_text=SUBJECT)
    expect(event).to_have_count(1)
    expect(event).to_contain_text("From you")
    expect(event).to_contain_text(sent["Message-ID"].strip("<>"))
    expect(page.locator("#next")).not_to_contain_text("Thank-you")
