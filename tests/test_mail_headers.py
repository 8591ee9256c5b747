"""The fast header reader gives exactly what the full parser gives, on real and generated header blocks."""

from __future__ import annotations

import base64
import dataclasses
import re
from email.header import Header
from email.utils import getaddresses, parseaddr
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followup.mail.headers import _Fields, _fields, parse_headers
from followup.mail.parse import header_value, parse_message

DEV = Path(__file__).parent / "data" / "mail" / "dev"
EMLS = sorted(DEV.glob("*.eml"))


def header_block(raw: bytes) -> bytes:
    """The header block of a message, with its blank line: what a HEADER.FIELDS fetch returns."""
    ends = [i + len(sep) for sep in (b"\r\n\r\n", b"\n\n") if (i := raw.find(sep)) >= 0]
    return raw[: min(ends)] if ends else raw


def fetched_fields(block: bytes) -> bytes:
    """Only the fields a sync fetches, as the server sends them (CRLF, ending in a blank line)."""
    wanted = {"message-id", "in-reply-to", "references", "from", "to", "cc", "subject", "date"}
    wanted |= {"auto-submitted", "precedence", "x-autoreply"}
    lines = re.split(rb"\r\n|\n", block)
    kept: list[bytes] = []
    keep = False
    for line in lines:
        if not line:
            break
        if line[:1] not in (b" ", b"\t"):
            keep = line.split(b":", 1)[0].strip().lower().decode("latin-1") in wanted
        if keep:
            kept.append(line)
    return b"".join(line + b"\r\n" for line in kept) + b"\r\n"


def test_the_dev_set_is_there():
    assert len(EMLS) > 50


@pytest.mark.parametrize("path", EMLS, ids=lambda p: p.name)
def test_every_dev_message_reads_the_same(path):
    raw = path.read_bytes()
    for block in (header_block(raw), fetched_fields(raw)):
        assert parse_headers(block) == parse_message(block)
        assert parse_headers(block, with_date=False) == dataclasses.replace(parse_message(block), date=None)
    # A whole message (with its body) goes to the full parser: the same answer, only slower.
    assert parse_headers(raw) == parse_message(raw)


def test_most_dev_header_blocks_take_the_fast_path():
    fast = [p.name for p in EMLS if _fields(fetched_fields(p.read_bytes())) is not None]
    assert len(fast) >= len(EMLS) * 0.9


# -- generated header blocks -----------------------------------------------------------------

WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=8)
ODD = st.sampled_from(
    [",", ";", ":", '"', "\\", "(", ")", "<", ">", "@", ".", "[", "]", "=?", "?=", "\t", "  ", "'", "-", "_", "+"]
)
NON_ASCII = st.sampled_from(["é", "ü", "ß", "Ω", "日", "😀", "\u00a0", "\u2028"])
CHARSETS = st.sampled_from(["utf-8", "iso-8859-1", "koi8-r", "shift_jis", "windows-1252", "x-unknown", "UTF-8"])


@st.composite
def encoded_word(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(st.one_of(st.sampled_from("abc XYZ,.<>@\"'"), NON_ASCII), min_size=1, max_size=10)))
    charset = draw(CHARSETS)
    if draw(st.booleans()):
        return draw(st.sampled_from(["=?utf-8?b?!!!?=", "=?utf-8?q?=ZZ?=", "=?utf-8?x?abc?=", "=?bogus?q?a?="]))
    try:
        data = text.encode("utf-8" if charset == "x-unknown" else charset)
    except UnicodeEncodeError:
        data, charset = text.encode("utf-8"), "utf-8"
    if draw(st.booleans()):
        return f"=?{charset}?b?{base64.b64encode(data).decode()}?="
    return f"=?{charset}?q?{''.join(f'={b:02X}' if b > 126 or chr(b) in '=?_ ' else chr(b) for b in data)}?="


def word_value(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(
            # NON_ASCII raw: UTF-8 straight in a header, as RFC 6532 allows and some senders do anyway.
            st.one_of(WORD, WORD, ODD, NON_ASCII, encoded_word(), WORD.map(lambda w: f"<{w}@x.example>")),
            max_size=6,
        )
    )
    return draw(st.sampled_from([" ", "", "  "])).join(parts)


ADDR = st.builds(
    "{}@{}.{}".format,
    st.text("abcxyz019._+-", min_size=1, max_size=8),
    st.text("abcxyz019-", min_size=1, max_size=6),
    st.sampled_from(["example", "co.uk", "ACME", "de"]),
)


@st.composite
def address_value(draw: st.DrawFn) -> str:
    def one() -> str:
        addr = draw(ADDR)
        shape = draw(st.integers(0, 6))
        name = draw(st.text("abc XYZ019.,'\"()üé日", max_size=10))
        return [
            addr,
            f"{name} <{addr}>",
            f'"{name}" <{addr}>',
            f"{draw(encoded_word())} <{addr}>",
            f"{addr} ({name})",
            f"<{addr}>",
            f"{draw(WORD)} {draw(WORD)} <{addr}>",
        ][shape]

    return ", ".join(one() for _ in range(draw(st.integers(1, 3))))


FIELDS = {
    "Message-ID": lambda d: d(WORD.map(lambda w: f"<{w}@mail.example>")) if d(st.booleans()) else word_value(d),
    "In-Reply-To": lambda d: d(WORD.map(lambda w: f"<{w}@mail.example>")),
    "References": lambda d: " ".join(d(st.lists(WORD.map(lambda w: f"<{w}@m.example>"), max_size=4))),
    "From": lambda d: d(address_value()),
    "To": lambda d: d(address_value()),
    "Cc": lambda d: d(address_value()) if d(st.booleans()) else "",
    "Subject": word_value,
    "Date": lambda d: d(
        st.sampled_from(
            [
                "Tue, 17 Nov 2026 09:30:00 +0100",
                "17 Nov 2026 09:30:00 -0000",
                "Tue, 17 Nov 2026 09:30 GMT",
                "not a date",
                "Tue, 31 Feb 2026 09:30:00 +0100",
                "",
            ]
        )
    ),
    "Auto-Submitted": lambda d: d(st.sampled_from(["auto-replied", "no", "auto-generated (vacation)"])),
    "Precedence": lambda d: d(st.sampled_from(["bulk", "list", "junk"])),
    "X-Autoreply": lambda d: d(st.sampled_from(["yes", ""])),
    "X-Autorespond": lambda d: "yes",
    "List-Id": lambda d: d(WORD.map(lambda w: f"News <{w}.list.example>")),
    "Received": word_value,
    "X-Other": word_value,
}


def fold(draw: st.DrawFn, line: str) -> str:
    """Fold at some of the spaces, as mail software does, sometimes with a tab."""
    out = []
    for i, piece in enumerate(line.split(" ")):
        if i:
            out.append(draw(st.sampled_from([" ", " ", "\r\n ", "\r\n\t", "\r\n  "])))
        out.append(piece)
    return "".join(out)


@st.composite
def header_blocks(draw: st.DrawFn) -> bytes:
    names = draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=9))
    lines = []
    for name in names:
        spelled = draw(st.sampled_from([name, name.lower(), name.upper()]))
        value = FIELDS[name](draw)
        sep = draw(st.sampled_from([": ", ":", ":  ", ":\t"]))
        lines.append(fold(draw, f"{spelled}{sep}{value}"))
    text = "".join(line + "\r\n" for line in lines) + "\r\n"
    raw = text.encode("utf-8")  # raw UTF-8 in headers, as some senders do
    variant = draw(st.integers(0, 9))
    if variant == 0:
        raw = raw.replace(b"\r\n", b"\n")  # bare LF endings
    elif variant == 1:
        raw = raw.replace(b"\r\n", b"\r", 1)  # a bare CR
    elif variant == 2:
        raw = draw(st.sampled_from([b" continued\r\n", b"From me@x Tue\r\n", b": x\r\n", b"bad line\r\n"])) + raw
    elif variant == 3:
        raw = raw[:-2] + draw(st.sampled_from([b"bad line\r\n", b"\r\n", b"body\r\n", b"\xe9\r\n"]))
    elif variant == 4:
        raw = raw.replace(b"\r\n", b"\xe9\r\n", 1)  # Latin-1 bytes
    elif variant == 5:
        raw = raw[:-2]  # no blank line at the end
    return raw


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header_blocks())
@example(b"From: Ann Lee <ann.lee@acme.example>\r\nSubject: Hi\r\n\r\n")
@example(b"Subject: =?utf-8?q?caf=C3=A9?= au lait\r\n\r\n")
@example(b"Subject:\r\n folded\r\nFrom: a@b.example\r\n\r\n")
@example(b"subject: first\r\nSubject: second\r\n\r\n")
@example(b"X-Other: nothing we know\r\n\r\n")
@example(b"\r\n")
@example(b"")
def test_generated_header_blocks_read_the_same(raw):
    assert parse_headers(raw) == parse_message(raw)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(st.one_of(address_value(), st.text("abc XYZ019.,'\"()<>@;:-_+\\[] ", max_size=30)))
def test_the_address_shortcuts_agree_with_the_stdlib(value):
    fields = _Fields({"from": value, "to": value})
    # Unfolded but not decoded, as parse_message reads addresses: an encoded word never holds one.
    collapsed = " ".join(value.split())
    name, addr = parseaddr(collapsed)
    assert fields.sender() == (header_value(name), addr.lower())
    assert fields.addresses("to") == tuple(a.lower() for _, a in getaddresses([collapsed]) if a)


def test_without_the_date_only_the_date_is_missing():
    block = b"From: a@b.example\r\nDate: Tue, 17 Nov 2026 09:30:00 +0100\r\nSubject: x\r\n\r\n"
    full = parse_headers(block)
    assert full.date is not None
    assert parse_headers(block, with_date=False) == dataclasses.replace(full, date=None)


def test_encoded_names_and_odd_charsets():
    name = str(Header("Jürgen Weiß", "iso-8859-1").encode())
    block = f"From: {name} <jw@firma.example>\r\nSubject: =?x-unknown?q?abc?=\r\n\r\n".encode()
    assert _fields(block) is not None
    assert parse_headers(block) == parse_message(block)
    assert parse_headers(block).from_name == "Jürgen Weiß"
