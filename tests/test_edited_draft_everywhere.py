"""One edited draft, every way out: `followup draft --out`, `followup mail draft` (the Drafts folder),
`followup mail send` (a real SMTP server), the web's .eml and PDF downloads all carry the user's text,
and after `--reset` all of them carry the template's again. A tone asked for an edited draft is
said not to apply, instead of being dropped without a word.
"""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from followup.app.context import Env
from followup.store import draft_edits
from test_cli_draft_edit import editor
from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    AFTER,
    THANK_YOU,
    folder,
    job,
    mail_command,
    received,
    user,
)
from web.web_support import WebClient

OWN_SUBJECT = "Zoë here — thank you for Wednesday"
OWN_BODY = (
    "Dear Ann,\n\n"
    "Thank you for our talk about forecasting models at ACME Corp — the way your team plans a week ahead from "
    "last year's numbers is exactly the kind of work I would love to do, and I left with three new ideas.\n\n"
    "Viele Grüße,\nZoë O'Brien"
)


def said(raw: bytes) -> tuple[str, str]:
    """The subject and plain text of a message, decoded (line endings as in the draft)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    return str(message["Subject"]), plain.get_content().replace("\r\n", "\n").rstrip("\n")


def in_drafts(imap_server: Any, user: str) -> list[tuple[str, str]]:
    return [said(message.as_bytes()) for _flags, message in folder(imap_server, user, "Drafts")]


@pytest.fixture
def web(job, env: Env, clock) -> WebClient:
    """The web app on the same database and settings as the `job` commands."""
    clock.set(AFTER)
    env.reload_settings()  # the commands set the profile after this env had read the settings
    return WebClient(env)


def edit(job, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subject: str, body: str) -> None:
    editor(tmp_path, monkeypatch, f"Subject: {subject}\n\n{body}\n")
    job.ok("draft", THANK_YOU, "--edit", now=AFTER)


def eml_from_the_cli(job, tmp_path: Path) -> tuple[str, str]:
    out = tmp_path / "thanks.eml"
    job.ok("draft", THANK_YOU, "--out", str(out), now=AFTER)
    return said(out.read_bytes())


def eml_from_the_web(web: WebClient) -> tuple[str, str]:
    response = web.get(f"/drafts/{THANK_YOU}.eml")
    assert response.status_code == 200
    return said(response.content)


def test_the_edited_email_is_what_every_way_out_carries(
    job, web, tmp_path, monkeypatch, imap_server, user, smtp_server
) -> None:
    template = job.json("draft", THANK_YOU, now=AFTER)
    assert template["subject"] != OWN_SUBJECT
    edit(job, tmp_path, monkeypatch, OWN_SUBJECT, OWN_BODY)
    own = (OWN_SUBJECT, OWN_BODY)

    assert eml_from_the_cli(job, tmp_path) == own
    assert eml_from_the_web(web) == own
    drafted = job.json("mail", "draft", THANK_YOU, now=AFTER)
    assert (drafted["subject"], drafted["body"]) == own
    assert in_drafts(imap_server, user) == [own]

    sent = job.json("mail", "send", THANK_YOU, "--yes", now=AFTER)
    assert sent["state"] == "sent"
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["ann@acme.example"]
    assert said(envelope.content) == own
    assert [said(m.as_bytes()) for _f, m in folder(imap_server, user, "Sent")] == [own]
    assert in_drafts(imap_server, user) == []  # the draft left Drafts once it was sent
    assert received(smtp_server)[0]["Message-ID"] == drafted["message_id"]


def test_reset_brings_the_template_back_everywhere_and_replaces_the_copy_in_drafts(
    job, web, tmp_path, monkeypatch, imap_server, user, smtp_server
) -> None:
    template = job.json("draft", THANK_YOU, now=AFTER)
    theirs = (template["subject"], template["body"])
    edit(job, tmp_path, monkeypatch, OWN_SUBJECT, OWN_BODY)
    job.ok("mail", "draft", THANK_YOU, now=AFTER)
    assert in_drafts(imap_server, user) == [(OWN_SUBJECT, OWN_BODY)]

    job.ok("draft", THANK_YOU, "--reset", "--yes", now=AFTER)
    assert eml_from_the_cli(job, tmp_path) == theirs
    assert eml_from_the_web(web) == theirs
    # The copy put in Drafts before holds the old text: drafting again puts the template's in its place.
    again = job("mail", "draft", THANK_YOU, now=AFTER)
    assert again.exit_code == 0, again.output
    assert "This text replaced the earlier one in the Drafts folder of zoe@example.org" in again.output
    assert in_drafts(imap_server, user) == [theirs]
    # Nothing changed since: nothing is added or replaced.
    assert job.json("mail", "draft", THANK_YOU, now=AFTER)["already"] is True
    assert in_drafts(imap_server, user) == [theirs]

    # Edited once more, on the web this time: the Drafts copy follows, and so does what is sent.
    web.post(f"/drafts/{THANK_YOU}/edit", {"subject": OWN_SUBJECT, "body": OWN_BODY})
    saved = web.post(f"/drafts/{THANK_YOU}/save", {"account": "work"})
    assert saved.status_code == 303
    assert in_drafts(imap_server, user) == [(OWN_SUBJECT, OWN_BODY)]
    job.ok("mail", "send", THANK_YOU, "--yes", now=AFTER)
    [envelope] = smtp_server.messages
    assert said(envelope.content) == (OWN_SUBJECT, OWN_BODY)
    assert in_drafts(imap_server, user) == []


def test_a_tone_for_an_edited_draft_is_said_not_to_apply(
    job, web, tmp_path, monkeypatch, imap_server, user, smtp_server
) -> None:
    plain = job("draft", THANK_YOU, "--tone", "brief", now=AFTER)
    assert "tone does not apply" not in plain.output  # the template's draft takes a tone
    edit(job, tmp_path, monkeypatch, OWN_SUBJECT, OWN_BODY)
    shown = job("draft", THANK_YOU, "--tone", "brief", now=AFTER)
    assert shown.exit_code == 0, shown.output
    assert "You edited this draft, so the brief tone does not apply" in shown.output
    assert "edited by you" in shown.output
    assert "brief ·" not in shown.output  # the title does not name a tone the text does not have
    drafted = job("mail", "draft", THANK_YOU, "--tone", "formal", now=AFTER)
    assert drafted.exit_code == 0, drafted.output
    assert "You edited this draft, so the formal tone does not apply" in drafted.output
    assert in_drafts(imap_server, user) == [(OWN_SUBJECT, OWN_BODY)]
    # The web's send form carries the tone the page was opened with: the message says the same.
    sent = web.post(f"/drafts/{THANK_YOU}/send", {"account": "work", "tone": "brief"})
    assert sent.status_code == 303
    today = web.soup(sent.headers["location"])
    messages = " ".join(today.select_one("#messages").get_text(" ", strip=True).split())
    assert "Sent to Ann Lee" in messages
    assert "You edited this draft, so the brief tone does not apply" in messages
    [envelope] = smtp_server.messages
    assert said(envelope.content) == (OWN_SUBJECT, OWN_BODY)


def test_the_edited_letter_is_what_the_pdf_carries_from_the_cli_and_the_web(job, web, tmp_path, monkeypatch) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed: apt-get install poppler-utils")
    job.ok("contact", "edit", "Ann Lee", "--prefers", "letter", "--address", "Hafenstraße 5\n20457 Hamburg")
    letter = job.json("draft", THANK_YOU, now=AFTER)
    assert letter["kind"] == "thank_you_letter"
    template_paragraph = letter["body"].split("\n\n")[1]
    own_paragraph = "Our talk about forecasting models — and the café next door — stayed with me. Viele Grüße!"
    edit(job, tmp_path, monkeypatch, letter["subject"], letter["body"].replace(template_paragraph, own_paragraph))

    def pdf_text(data: bytes) -> str:
        path = tmp_path / "letter.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        return " ".join(text.split())

    def from_the_cli() -> str:
        out = tmp_path / "out.pdf"
        job.ok("draft", THANK_YOU, "--out", str(out), now=AFTER)
        return pdf_text(out.read_bytes())

    def from_the_web() -> str:
        response = web.get(f"/drafts/{THANK_YOU}.pdf")
        assert response.status_code == 200
        return pdf_text(response.content)

    template_words = " ".join(template_paragraph.split())
    for text in (from_the_cli(), from_the_web()):
        assert own_paragraph in text
        assert template_words not in text
    job.ok("draft", THANK_YOU, "--reset", "--yes", now=AFTER)
    for text in (from_the_cli(), from_the_web()):
        assert template_words in text
        assert own_paragraph not in text


def test_a_text_kept_with_crlf_line_breaks_goes_out_in_its_paragraphs(job, web, smtp_server) -> None:
    # As a backup written on Windows restores it (the import keeps the text as the file has it).
    with web.env.store.transaction():
        values = {"application_id": 1, "subject": OWN_SUBJECT}
        draft_edits.save(
            web.env.store,
            THANK_YOU,
            "thank_you_email",
            values | {"body": OWN_BODY.replace("\n", "\r\n"), "edited_at": web.env.now()},
        )
    for raw in (eml_bytes_from_the_web(web), send_and_receive(job, smtp_server)):
        assert said(raw) == (OWN_SUBJECT, OWN_BODY)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        html = message.get_body(preferencelist=("html",))
        assert html is not None
        paragraphs = re.findall(r"<p>(.*?)</p>", html.get_content(), re.S)
        assert [" ".join(unescape(p.replace("<br>", " ")).split()) for p in paragraphs] == [
            " ".join(p.split()) for p in OWN_BODY.split("\n\n")
        ]


def eml_bytes_from_the_web(web: WebClient) -> bytes:
    response = web.get(f"/drafts/{THANK_YOU}.eml")
    assert response.status_code == 200
    return bytes(response.content)


def send_and_receive(job, smtp_server) -> bytes:
    job.ok("mail", "send", THANK_YOU, "--yes", now=AFTER)
    [envelope] = smtp_server.messages
    return bytes(envelope.content)
