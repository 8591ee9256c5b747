"""Drafts become RFC 5322 emails whose headers read back exactly, and never carry smuggled headers."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import date, datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.fields import CONTROL
from followup.drafting.message import build_email, envelope
from followup.drafting.model import Draft, DraftFacts, DraftKind, Person, Tone
from followup.drafting.render import render
from followup.errors import InvalidInput

WHEN = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
SENDER = Person("Siobhán Ní Bhriain", email="siobhan@example.org", phone="+49 170 1234567")
ZOE = Person("Zoë O'Brien", title="Head of Data", email="zoe.obrien@societe.example")


def draft(kind: DraftKind = DraftKind.STATUS_CHECK_EMAIL, **changes: object) -> Draft:
    facts = DraftFacts(
        kind=kind,
        tone=Tone.FORMAL,
        sender=SENDER,
        signature="Siobhán Ní Bhriain",
        company="Société Générale",
        role="Data Analyst",
        today=date(2026, 11, 23),
        recipient=ZOE,
        interview_date=date(2026, 11, 18),
        thread_subject="Interview – Data Analyst",
        thread_message_id="<b2@societe.example>",
        thread_references=("<a1@societe.example>", "<b2@societe.example>"),
    )
    return render(replace(facts, **changes))  # type: ignore[arg-type]


def parse(message: EmailMessage) -> EmailMessage:
    """The bytes a mail program would receive, read back with the modern parser."""
    parsed = email.message_from_bytes(bytes(message), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_headers_round_trip() -> None:
    d = draft()
    msg = parse(build_email(d, sender=SENDER, when=WHEN, message_id="<own-1@example.org>"))
    sender = msg["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Siobhán Ní Bhriain", "siobhan@example.org")
    to = msg["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in to] == [("Zoë O'Brien", "zoe.obrien@societe.example")]
    assert msg["Subject"] == "Re: Interview – Data Analyst"
    assert msg["Date"].datetime == WHEN
    assert msg["Date"] == "Mon, 23 Nov 2026 09:00:00 +0100"
    assert msg["Message-ID"] == "<own-1@example.org>"
    assert msg["In-Reply-To"] == "<b2@societe.example>"
    assert msg["References"] == "<a1@societe.example> <b2@societe.example>"
    assert msg["MIME-Version"] == "1.0"
    assert msg.defects == []


def test_non_ascii_headers_are_encoded_words_in_plain_ascii() -> None:
    raw = bytes(build_email(draft(), sender=SENDER, when=WHEN))
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # RFC 2047: every mail program can read it
    assert b"=?utf-8?" in head
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))


@pytest.mark.parametrize(
    "subject",
    [
        "Re: Entretien – Analyste de données chez Société Générale, équipe Müller-Lüdenscheidt " * 3,
        "Ñ" * 120,
        "Plain ASCII but rather long " * 8,
    ],
)
def test_long_and_non_ascii_subjects_read_back_exactly(subject: str) -> None:
    d = replace(draft(), subject=subject.strip())
    msg = parse(build_email(d, sender=SENDER, when=WHEN))
    assert msg["Subject"] == subject.strip()


def test_several_recipients_with_long_accented_names_read_back_exactly() -> None:
    people = (
        Person("Jürgen Müller-Lüdenscheidt, Société Générale", email="juergen@societe.example"),
        Person("Zoë O'Brien", email="zoe@societe.example"),
        Person("Ann Lee", email="ann@societe.example"),
        Person("José Ñúñez", email="jose@societe.example"),
    )
    message = build_email(replace(draft(), to=people), sender=SENDER, when=WHEN)
    head = bytes(message).split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    lines = head.split(b"\r\n")
    assert all(len(line) <= 78 for line in lines if not line.startswith(b"To: "))  # the long name may run on
    assert all(len(line) <= 998 for line in lines)
    to = parse(message)["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in to] == [(p.name, p.email) for p in people]


def test_an_international_domain_is_sent_in_punycode() -> None:
    sender = replace(SENDER, email="siobhan@bücher.example")
    raw = bytes(build_email(draft(), sender=sender, when=WHEN))
    assert raw.split(b"\r\n\r\n", 1)[0].isascii()
    msg = parse(build_email(draft(), sender=sender, when=WHEN))
    assert msg["From"].addresses[0].addr_spec == "siobhan@xn--bcher-kva.example"
    assert msg["From"].addresses[0].display_name == "Siobhán Ní Bhriain"


def test_the_body_is_plain_text_and_html_in_utf8() -> None:
    d = draft(kind=DraftKind.THANK_YOU_EMAIL, main_points="R&D <pipelines>")
    msg = parse(build_email(d, sender=SENDER, when=WHEN))
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert all(p["MIME-Version"] is None for p in parts)
    plain, html = (p.get_content().replace("\r\n", "\n") for p in parts)
    assert plain.rstrip("\n") == d.body
    assert "Dear Zoë O'Brien," in plain
    assert "R&D <pipelines>" in plain
    assert "<p>Dear Zoë O&#39;Brien,</p>" in html
    assert "R&amp;D &lt;pipelines&gt;" in html
    assert '<meta charset="utf-8">' in html
    assert bytes(build_email(d, sender=SENDER, when=WHEN)).isascii()  # quoted-printable bodies


def test_a_new_conversation_has_no_thread_headers_and_a_generated_id() -> None:
    msg = parse(build_email(draft(kind=DraftKind.THANK_YOU_EMAIL), sender=SENDER, when=WHEN, domain="mail.example"))
    assert msg["In-Reply-To"] is None
    assert msg["References"] is None
    assert msg["Message-ID"].startswith("<")
    assert msg["Message-ID"].endswith("@mail.example>")
    other = parse(build_email(draft(kind=DraftKind.THANK_YOU_EMAIL), sender=SENDER, when=WHEN))
    assert other["Message-ID"].endswith("@followup.invalid>")
    assert other["Message-ID"] != msg["Message-ID"]


def test_thread_ids_without_brackets_are_completed() -> None:
    d = draft(thread_message_id="b2@societe.example", thread_references=())
    msg = parse(build_email(d, sender=SENDER, when=WHEN))
    assert msg["In-Reply-To"] == "<b2@societe.example>"
    assert msg["References"] == "<b2@societe.example>"


INJECTIONS = [
    "Hi\r\nBcc: evil@example.com",
    "Hi\nBcc: evil@example.com",
    "Hi\rBcc: evil@example.com",
    "Hi\u2028Bcc: evil@example.com",
    "Hi\x85Bcc: evil@example.com",
    "Hi\r\n\r\nBody injected",
]


@pytest.mark.parametrize("subject", INJECTIONS)
def test_a_subject_cannot_add_headers(subject: str) -> None:
    d = replace(draft(), subject=subject)
    raw = bytes(build_email(d, sender=SENDER, when=WHEN))
    msg = parse(build_email(d, sender=SENDER, when=WHEN))
    assert msg["Bcc"] is None
    assert b"\nBcc:" not in raw
    assert "\n" not in msg["Subject"]
    assert "\r" not in msg["Subject"]
    assert msg["Subject"].startswith("Hi ")
    assert msg.defects == []


@pytest.mark.parametrize("name", INJECTIONS)
def test_a_name_cannot_add_headers(name: str) -> None:
    d = replace(draft(), to=(replace(ZOE, name=name),))
    msg = parse(build_email(d, sender=replace(SENDER, name=name), when=WHEN))
    assert msg["Bcc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == ["zoe.obrien@societe.example"]
    assert msg["To"].addresses[0].display_name.startswith("Hi ")
    assert msg["From"].addresses[0].addr_spec == "siobhan@example.org"


def test_a_name_with_commas_and_quotes_stays_one_recipient() -> None:
    person = replace(ZOE, name='O\'Brien, Zoë "Zo" <boss@evil.example>')
    msg = parse(build_email(replace(draft(), to=(person,)), sender=SENDER, when=WHEN))
    assert [a.addr_spec for a in msg["To"].addresses] == ["zoe.obrien@societe.example"]
    assert msg["To"].addresses[0].display_name == 'O\'Brien, Zoë "Zo" <boss@evil.example>'


@pytest.mark.parametrize(
    "address",
    [
        "zoe@example.com\r\nBcc: evil@example.com",
        "zoe@example.com\nBcc: evil@example.com",
        "zoe@example.com, evil@example.com",
        "zoe@example.com>",
        "zoe example.com",
        "zoe@",
        "@example.com",
        "<zoe@example.com>",
        "zoë@example.com",
    ],
)
def test_a_bad_address_is_refused_naming_the_field(address: str) -> None:
    d = replace(draft(), to=(replace(ZOE, email=address),))
    with pytest.raises(InvalidInput) as caught:
        build_email(d, sender=SENDER, when=WHEN)
    assert caught.value.where == "To"
    assert "Zoë O'Brien's email address" in caught.value.message
    with pytest.raises(InvalidInput) as caught:
        build_email(draft(), sender=replace(SENDER, email=address), when=WHEN)
    assert caught.value.where == "From"


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("Message-ID", {"message_id": "<a@b>\r\nBcc: evil@example.com"}),
        ("Message-ID", {"message_id": "not an id"}),
        ("Message-ID", {"domain": "evil.example\r\nBcc: x@y"}),
    ],
)
def test_a_bad_message_id_is_refused(field: str, changes: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_email(draft(), sender=SENDER, when=WHEN, **changes)
    assert caught.value.where == field


@pytest.mark.parametrize(
    ("field", "thread"),
    [
        ("In-Reply-To", {"in_reply_to": "<b2@x>\nBcc: evil@example.com"}),
        ("References", {"references": ("<a1@x>", "<a2@x>\r\nBcc: evil@example.com")}),
        ("References", {"references": ("two ids@x",)}),
    ],
)
def test_bad_thread_ids_are_refused(field: str, thread: dict[str, object]) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_email(replace(draft(), **thread), sender=SENDER, when=WHEN)  # type: ignore[arg-type]
    assert caught.value.where == field


def test_a_recipient_without_an_email_address_is_named() -> None:
    d = replace(draft(), to=(Person("José Ñúñez"),))
    with pytest.raises(InvalidInput) as caught:
        build_email(d, sender=SENDER, when=WHEN)
    assert caught.value.message == "José Ñúñez has no email address"
    assert caught.value.where == "To"
    assert caught.value.hint
    assert "followup contact edit" in caught.value.hint


def test_no_recipient_or_no_sender_address() -> None:
    with pytest.raises(InvalidInput, match="nobody to send it to"):
        build_email(draft(recipient=None), sender=SENDER, when=WHEN)
    with pytest.raises(InvalidInput, match="your email address is not set"):
        build_email(draft(), sender=replace(SENDER, email=None), when=WHEN)


def test_scripts_and_letters_are_not_emails() -> None:
    for kind in (DraftKind.CALL_SCRIPT, DraftKind.THANK_YOU_LETTER):
        with pytest.raises(InvalidInput, match="is not an email"):
            build_email(draft(kind=kind), sender=SENDER, when=WHEN)


def test_every_email_kind_builds() -> None:
    for kind in DraftKind:
        if kind.medium == "email":
            msg = parse(build_email(draft(kind=kind), sender=SENDER, when=WHEN))
            assert msg["Subject"]
            assert msg.get_body(preferencelist=("plain",)) is not None


# Encoded words that decode to a line break: text to us, a line break to the email package's
# folder before Python 3.11.10 (CVE-2024-6923), which wrote the rest as a header of its own.
ENCODED_INJECTIONS = [
    "Hal =?utf-8?q?=0D=0ABcc:_spy@evil.example?=",
    "=?utf-8?b?SGFsDQpCY2M6IHNweUBldmlsLmV4YW1wbGU=?=",
    "Hal =?utf-8?q?=3D=3Futf-8=3Fq=3F=3D0D=3D0ABcc=3A=5Fspy=40evil=2Eexample=3F=3D?=",  # encoded twice
    "Hal =?iso-8859-1?q?=0ABcc:_spy@evil.example?= =?utf-8?q?=0D=0A=0D=0Abody?=",
]
OUR_HEADERS = ["from", "to", "subject", "date", "message-id", "in-reply-to", "references", "mime-version"]


def header_names(raw: bytes) -> list[str]:
    head = raw.split(b"\r\n\r\n", 1)[0]
    return [line.split(b":", 1)[0].decode().lower() for line in head.split(b"\r\n") if not line[:1].isspace()]


@pytest.mark.parametrize("text", ENCODED_INJECTIONS)
def test_an_encoded_line_break_in_a_name_or_subject_adds_no_header(text: str) -> None:
    d = replace(draft(), subject=f"Re: {text}", to=(replace(ZOE, name=text),))
    built = build_email(d, sender=replace(SENDER, name=text), when=WHEN)
    raw = bytes(built)
    assert header_names(raw) == [*OUR_HEADERS, "content-type"]
    msg = parse(built)
    assert msg.defects == []
    assert [a.addr_spec for a in msg["To"].addresses] == ["zoe.obrien@societe.example"]
    for name in ("From", "To", "Subject"):
        assert not CONTROL.search(str(msg[name]))
    assert "Bcc" in msg["Subject"]  # kept as text, on the subject's own line
    assert envelope(raw) == ("siobhan@example.org", ["zoe.obrien@societe.example"])


PIECES = ["=?utf-8?q?", "=?utf-8?b?", "?=", "=0D", "=0A", "=00", "\r", "\n", "\x00", "\u2028", "Bcc:", " ", "_",
          "spy@evil.example", "<", ">", '"', ",", "Zoë", "DQo=", "=3D", "=3F", "a" * 80]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(name=st.lists(st.sampled_from(PIECES), max_size=12), subject=st.lists(st.sampled_from(PIECES), max_size=12))
def test_no_name_or_subject_adds_a_header_or_a_recipient(name: list[str], subject: list[str]) -> None:
    d = replace(draft(), subject="".join(subject), to=(replace(ZOE, name="".join(name)),))
    raw = bytes(build_email(d, sender=replace(SENDER, name="".join(name)), when=WHEN))
    assert header_names(raw) == [*OUR_HEADERS, "content-type"]
    assert envelope(raw) == ("siobhan@example.org", ["zoe.obrien@societe.example"])
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["zoe.obrien@societe.example"]
    assert msg["Bcc"] is None
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))


@pytest.mark.parametrize(
    "smuggled",
    [
        b"\r\nBcc: spy@evil.example\r\nSubject:",
        b"\r\nCc: spy@evil.example\r\nSubject:",
        b"\r\nSubject: again\r\nSubject:",
        b"\r\nX-Note: =?utf-8?q?=0D=0ABcc:_spy@evil.example?=\r\nSubject:",
    ],
)
def test_stored_bytes_with_a_smuggled_header_give_no_envelope(smuggled: bytes) -> None:
    raw = bytes(build_email(draft(), sender=SENDER, when=WHEN))
    assert envelope(raw) == ("siobhan@example.org", ["zoe.obrien@societe.example"])
    with pytest.raises(InvalidInput):
        envelope(raw.replace(b"\r\nSubject:", smuggled, 1))


def test_an_envelope_names_only_checked_addresses() -> None:
    raw = bytes(build_email(draft(), sender=SENDER, when=WHEN))
    tampered = raw.replace(b"<zoe.obrien@societe.example>", b"<zoe@societe.example?bcc=spy@evil.example>", 1)
    with pytest.raises(InvalidInput, match="bad address"):
        envelope(tampered)
