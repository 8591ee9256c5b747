"""Parsing RFC 5322 mail into plain values, and cutting it down to what the author wrote."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.mail.parse import html_to_text, parse_message
from followup.reading.quoting import strip_quoted

RAW = (
    b"From: Ann Lee <Ann.Lee@acme.example>\r\nTo: a@x.example, b@x.example\r\nCc: c@x.example\r\n"
    b"Subject: =?utf-8?q?R=C3=BCckmeldung?=\r\nDate: Mon, 16 Nov 2026 09:12:00 +0100\r\n"
    b"Message-ID: <1@acme>\r\nIn-Reply-To: <0@x>\r\nReferences: <a@x> <0@x>\r\n"
    b"Auto-Submitted: auto-replied\r\nPrecedence: bulk\r\nX-Autoreply: yes\r\nList-Id: <jobs.acme>\r\n"
    b"\r\nHello there\r\n"
)


def test_headers() -> None:
    m = parse_message(RAW)
    assert (m.from_name, m.from_addr) == ("Ann Lee", "ann.lee@acme.example")
    assert m.to_addrs == ("a@x.example", "b@x.example")
    assert m.cc_addrs == ("c@x.example",)
    assert m.subject == "Rückmeldung"
    assert m.date == datetime(2026, 11, 16, 9, 12, tzinfo=timezone(timedelta(hours=1)))
    assert (m.message_id, m.in_reply_to, m.references) == ("<1@acme>", "<0@x>", ("<a@x>", "<0@x>"))
    assert (m.auto_submitted, m.precedence, m.x_autoreply, m.list_id) == ("auto-replied", "bulk", True, "<jobs.acme>")
    assert m.text.strip() == "Hello there"


def test_unknown_zone_is_utc_and_bad_date_is_none() -> None:
    assert parse_message(b"From: a@b\nDate: Mon, 16 Nov 2026 09:12:00 -0000\n\nx").date == datetime(
        2026, 11, 16, 9, 12, tzinfo=UTC
    )
    assert parse_message(b"From: a@b\nDate: someday\n\nx").date is None


def test_html_only_body_becomes_text_without_quoted_blockquote() -> None:
    raw = (
        b"From: a@b\nContent-Type: text/html; charset=utf-8\n\n<html><head><style>p{}</style></head><body>"
        b"<p>We&#39;d like to <b>invite</b> you.</p><br><blockquote>old message</blockquote></body></html>"
    )
    text = parse_message(raw).text
    assert "We'd like to invite you." in text
    assert "p{}" not in text
    assert strip_quoted(text) == "We'd like to invite you."
    assert html_to_text("<div>a</div><div>b</div>").split() == ["a", "b"]


def test_plain_part_is_preferred() -> None:
    raw = (
        b'From: a@b\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="x"\n\n--x\n'
        b"Content-Type: text/plain\n\nplain words\n--x\nContent-Type: text/html\n\n<p>html words</p>\n--x--\n"
    )
    assert parse_message(raw).text.strip() == "plain words"


def test_broken_charsets_never_raise() -> None:
    bad = b"From: a@b\nContent-Type: text/plain; charset=klingon-8\n\nUnfortunately \xff\xfe we"
    assert "Unfortunately" in parse_message(bad).text
    wrong = b"From: a@b\nContent-Type: text/plain; charset=utf-8\n\nGr\xfc\xdfe"
    assert parse_message(wrong).text.startswith("Gr")
    b64 = b"From: a@b\nContent-Transfer-Encoding: base64\n\n!!!not base64"
    parse_message(b64)


def test_text_without_headers_is_a_body() -> None:
    m = parse_message(b"Thanks, will get back to you next week")
    assert m.text == "Thanks, will get back to you next week"
    assert m.date is None


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    parse_message(raw)
    parse_message(b"From: a@b\nSubject: x\n\n" + raw)


def test_strip_english_gmail_quote_and_signature() -> None:
    text = (
        "Hi,\n\nWe would like to invite you.\n\nBest regards,\nBob Smith\nTalent | Acme\n\n"
        "On Mon, Jan 5, 2026 at 10:00 AM Anna <anna@x.example>\nwrote:\n> hello\n"
    )
    assert strip_quoted(text) == "Hi,\n\nWe would like to invite you."


def test_strip_german_french_spanish_attributions() -> None:
    assert strip_quoted("Leider nein.\n\nAm 05.01.2026 um 10:00 schrieb Anna <a@x>:\n> Hallo") == "Leider nein."
    assert strip_quoted("Merci.\n\nLe lun. 5 janv. 2026 à 10:00, Anna <a@x> a écrit :\n> Bonjour") == "Merci."
    assert strip_quoted("Gracias.\n\nEl lun, 5 ene 2026 a las 10:00, Anna escribió:\n> Hola") == "Gracias."


def test_strip_outlook_blocks() -> None:
    outlook = "Yes.\n\n-----Original Message-----\nFrom: Anna\nSent: Monday\n\nold"
    assert strip_quoted(outlook) == "Yes."
    headers = "Ja.\n\nVon: Anna <a@x>\nGesendet: Montag, 5. Januar 2026\nAn: Bob\n\nalt"
    assert strip_quoted(headers) == "Ja."
    french = "Oui.\n\nDe : Anna\nEnvoyé : lundi 5 janvier\n\nancien"
    assert strip_quoted(french) == "Oui."


def test_strip_dash_signature_and_disclaimer() -> None:
    assert strip_quoted("Offer attached.\n-- \nBob\n+1 555") == "Offer attached."
    text = "See you.\n\nThis email and any attachments are confidential and intended solely for the addressee."
    assert strip_quoted(text) == "See you."
    assert strip_quoted("Bis bald.\n\nDiese E-Mail enthält vertrauliche Informationen.") == "Bis bald."


def test_signoff_kept_when_sentences_follow() -> None:
    text = "Hi Anna,\nThank you.\nWe have decided to move forward with another candidate for this role."
    assert "move forward" in strip_quoted(text)
    assert strip_quoted("Thanks!") == "Thanks!"
    assert strip_quoted("Danke für Ihre Zeit.\n\nMit freundlichen Grüßen\nLena Vogt") == "Danke für Ihre Zeit."


@pytest.mark.parametrize(
    ("raw", "subject", "name"),
    [
        ("Subject: Rückmeldung – Zweitgespräch\r\nFrom: Jürgen Müller <j@x.de>\r\n\r\nHallo".encode(),
         "Rückmeldung – Zweitgespräch", "Jürgen Müller"),  # raw UTF-8 (RFC 6532)
        ("Subject: Réponse à votre candidature\r\nFrom: Hélène <h@x.fr>\r\n\r\nBonjour".encode("latin-1"),
         "Réponse à votre candidature", "Hélène"),  # a legacy 8-bit charset
        (b"Subject: a\x81b\r\nFrom: a@b.example\r\n\r\nhi", "a\ufffdb", ""),  # a byte no charset here has
    ],
)  # fmt: skip
def test_raw_8bit_headers_become_text_that_can_be_stored(raw, subject, name):
    parsed = parse_message(raw)
    assert (parsed.subject, parsed.from_name) == (subject, name)
    for value in (parsed.subject, parsed.from_name, parsed.from_addr, parsed.text):
        value.encode("utf-8")  # no lone surrogates, which SQLite refuses
