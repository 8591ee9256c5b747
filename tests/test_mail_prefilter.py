"""The sync's prefilter: it may let through too much, never a message that matching would match.

A batch's header blocks are searched as one text (followup.mail.prefilter) and only the
blocks it finds are parsed and matched. If it ever missed one, a reply would be lost
without a trace, so the property is checked on generated batches that mix known
Message-IDs, contacts and company domains with unknown ones, in every spelling a header
can have them (case, display names, comments, quotes, spaces, folding, encoded words,
8-bit text), in received and sent mail.
"""

from __future__ import annotations

import base64

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followup.mail.headers import parse_headers
from followup.mail.match import AppFacts, Known, MatchIndex, Person, match
from followup.mail.prefilter import Prefilter
from test_mail_headers import FIELDS, encoded_word, fold


def index() -> MatchIndex:
    idx = MatchIndex()
    idx.apps = {
        1: AppFacts(1, "ACME Corp", "Data Analyst", True, "2026-11-01T00:00:00Z"),
        2: AppFacts(2, "Globex", "Engineer", True, "2026-11-02T00:00:00Z"),
    }
    idx.people = {
        "ann.lee@acme.example": Person(10, "Ann Lee", "ann.lee@acme.example", (1,)),
        "recruiter+jobs@gmail.com": Person(11, "Rita", "recruiter+jobs@gmail.com", (2,)),
        "kim@gmail.com": Person(12, "Kim", "kim@gmail.com", (2,)),
    }
    idx.domains = {"acme.example": {1: "ACME Corp"}, "globex.co.uk": {2: "Globex"}}
    idx.remember("<CAF=x+y/1@mail.gmail.com>", Known(2, 11, None, "sent"))
    idx.remember("<thread.7@acme.example>", Known(1, 10, None, "received"))
    idx.remember("<20261118.Q7x>", Known(2, None, None, "sent"))  # a broken mailer's id, no "@"
    return idx


KNOWN_ADDRESSES = [
    "ann.lee@acme.example",
    "Ann.Lee@ACME.example",
    "recruiter+jobs@gmail.com",
    "RECRUITER+JOBS@GMAIL.COM",
]
COMPANY_ADDRESSES = ["hr@acme.example", "x@mail.ACME.example", "talent@globex.co.uk", "a@hr.globex.co.uk"]
OTHER_ADDRESSES = [
    "n1@news.example",
    "ann.lee@gmail.com",
    "lee@acme.example.org",
    "me@example.test",
    "jobs@notacme.example",
]
KNOWN_IDS = ["<caf=x+y/1@mail.gmail.com>", "<CAF=X+Y/1@MAIL.GMAIL.COM>", "<thread.7@acme.example>", "<20261118.q7X>"]
OTHER_IDS = ["<caf=x+y/2@mail.gmail.com>", "<1@mail.gmail.com>", "<thread.7@acme.example.org>", "<x7@acme.example>",
             "<20261118.q7>"]  # fmt: skip


@st.composite
def address(draw: st.DrawFn) -> str:
    addr = draw(st.sampled_from(KNOWN_ADDRESSES + COMPANY_ADDRESSES + OTHER_ADDRESSES))
    local, _, host = addr.partition("@")
    name = draw(st.sampled_from(["Ann Lee", '"Lee, Ann"', "", "Dr. A. Lee (HR)"]))
    shape = draw(st.integers(0, 9))
    return [
        addr,
        f"{name} <{addr}>",
        f"{addr} ({name})",
        f"{draw(encoded_word())} <{addr}>",
        f"{local} @ {host}",  # spaces around "@": parseaddr still reads the address
        f"{local}(comment)@{host}",
        f'"{local}"@{host}',
        f"<{addr}>",
        f"Ann Lée <{addr}>",  # 8-bit display name
        f"=?utf-8?b?{base64.b64encode(addr.encode()).decode()}?=",  # the whole address encoded
    ][shape]


@st.composite
def message_id_value(draw: st.DrawFn) -> str:
    ids = draw(st.lists(st.sampled_from(KNOWN_IDS + OTHER_IDS), min_size=1, max_size=3))
    if draw(st.booleans()):
        return " ".join(ids)
    return draw(st.sampled_from(["", "Your message of Tuesday ", "<>"])) + "".join(ids)


@st.composite
def block(draw: st.DrawFn) -> bytes:
    lines = []
    for name in draw(st.lists(st.sampled_from(["From", "To", "Cc", "Message-ID", "In-Reply-To", "References"]))):
        value = draw(message_id_value()) if name in ("Message-ID", "In-Reply-To", "References") else None
        if value is None:
            value = ", ".join(draw(st.lists(address(), min_size=1, max_size=3)))
        lines.append(fold(draw, f"{draw(st.sampled_from([name, name.upper()]))}: {value}"))
    for name in draw(st.lists(st.sampled_from(["Subject", "Date", "X-Other"]), max_size=2)):
        lines.append(f"{name}: {FIELDS[name](draw)}")
    draw(st.randoms()).shuffle(lines)
    return ("".join(line + "\r\n" for line in lines) + "\r\n").encode("utf-8")


def missed(blocks: list[bytes]) -> list[tuple[int, str]]:
    idx = index()
    candidates = set(Prefilter(idx).scan(blocks).candidates())
    out = []
    for i, raw in enumerate(blocks):
        for direction in ("received", "sent"):
            if match(parse_headers(raw, with_date=False), idx, direction=direction) and i not in candidates:
                out.append((i, direction))
    return out


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(block(), min_size=1, max_size=6))
@example([b"From: Ann Lee <ANN.LEE@acme.example>\r\n\r\n"])
@example([b"From: ann.lee @ acme.example\r\n\r\n"])
@example([b"From: recruiter+jobs(comment)@gmail.com\r\n\r\n"])
@example([b"To: =?utf-8?b?cmVjcnVpdGVyK2pvYnNAZ21haWwuY29t?=\r\n\r\n"])
@example([b"In-Reply-To: <thread.7@ACME.example>\r\n\r\n", b"From: n1@news.example\r\n\r\n"])
def test_the_prefilter_never_drops_a_message_that_matches(blocks):
    assert missed(blocks) == []


def test_it_drops_what_names_nothing_known():
    blocks = [
        b"From: n1@news.example\r\nTo: me@example.test\r\nMessage-ID: <1@mail.gmail.com>\r\n\r\n",
        b"From: Ann Lee <ann.lee@acme.example>\r\nTo: me@example.test\r\n\r\n",
        b"From: shop@notacme.example\r\nReferences: <caf=x+y/2@mail.gmail.com>\r\n\r\n",
        b"From: hr@careers.acme.example\r\n\r\n",
        b"In-Reply-To: <CAF=x+y/1@mail.gmail.com>\r\nFrom: someone@ats.example\r\n\r\n",
    ]
    assert Prefilter(index()).scan(blocks).candidates() == [1, 3, 4]


def test_what_it_cannot_read_plainly_goes_through():
    blocks = [
        b"From: =?utf-8?b?YW5uLmxlZUBhY21lLmV4YW1wbGU=?=\r\n\r\n",  # an address hidden in an encoded word
        "From: \u212aim <\u212aim@gmail.com>\r\n\r\n".encode(),
        b'From: "odd"@news.example\r\n\r\n',
        b"From: n1@news.example\r\n\r\n",
    ]
    assert Prefilter(index()).scan(blocks).candidates() == [0, 1, 2]
    # 8-bit text alone changes nothing: the addresses around it are still read.
    plain_8bit = ["From: Zoë <z@news.example>\r\nSubject: Grüße\r\n\r\n".encode()]
    assert Prefilter(index()).scan(plain_8bit).candidates() == []


def test_a_reply_to_a_message_matched_in_the_same_batch_is_found_by_naming():
    blocks = [
        b"From: ann.lee@acme.example\r\nMessage-ID: <first.1@mx.example>\r\n\r\n",
        b"From: bot@ats.example\r\nIn-Reply-To: <FIRST.1@MX.example>\r\n\r\n",
        b"From: bot@ats.example\r\nIn-Reply-To: <first.2@mx.example>\r\n\r\n",
    ]
    idx = index()
    scan = Prefilter(idx).scan(blocks)
    assert scan.candidates() == [0]
    # The message itself names its Message-ID too; the sync skips the blocks it has looked at.
    assert scan.naming(["<first.1@mx.example>"]) == [0, 1]


def test_a_known_message_id_without_an_at_sign_is_looked_for_whole():
    blocks = [
        b"From: n1@news.example\r\nIn-Reply-To: <20261118.Q7X>\r\n\r\n",
        b"From: n2@news.example\r\nIn-Reply-To: <20261118.Q8>\r\n\r\n",
        b"From: n3@news.example\r\nReferences: <a@b.example>\r\n <20261118.q7x>\r\n\r\n",
    ]
    assert Prefilter(index()).scan(blocks).candidates() == [0, 2]


def test_a_known_message_id_of_an_unusual_form_turns_the_prefilter_off():
    idx = index()
    idx.remember("<no at sign>", Known(1, None, None, "sent"))
    assert Prefilter(idx).scan([b"From: n1@news.example\r\n\r\n"]).candidates() == [0]
