"""A display name cannot pass for a known contact: mail is matched on the parsed address only.

The attack: `From: =?utf-8?q?=3Cann=40acme=2Eexample=3E?= <attacker@evil.example>` decodes to
`<ann@acme.example> <attacker@evil.example>`; read after decoding, the first address won, the
message was credited to the known contact Ann and a rejection in it was applied at once.
The full parser, the fast header reader and the sync's prefilter read the same address.
"""

# ruff: noqa: F811  (the acme fixture imported from test_mail_intake is redefined as an argument)

from __future__ import annotations

import pytest

from followup.app import mail_intake
from followup.app.context import Env
from followup.domain.model import ApplicationStatus
from followup.mail.headers import parse_headers
from followup.mail.match import MatchIndex, match
from followup.mail.parse import parse_message
from followup.mail.prefilter import Prefilter, match_batch
from followup.store import records
from test_mail_intake import REJECTION, acme, raw  # noqa: F401  (acme is a fixture)

SPOOFS = [
    "=?utf-8?q?=3Cann=40acme=2Eexample=3E?= <attacker@evil.example>",
    "=?utf-8?b?PGFubkBhY21lLmV4YW1wbGU+?= <attacker@evil.example>",
    "=?utf-8?q?Ann_Lee_=3Cann=40acme=2Eexample=3E?= <attacker@evil.example>",
    "=?utf-8?q?ann=40acme=2Eexample?= <attacker@evil.example>",
    "=?utf-8?q?ann=40acme=2Eexample=2C_?= attacker@evil.example",
    "=?utf-8?q?ann=40acme=2Eexample?=",  # no address at all outside the encoded word
]
GENUINE = [
    "=?utf-8?q?Ann_Lee_=3Cboss=40elsewhere=2Eexample=3E?= <ann@acme.example>",
    "=?utf-8?q?=3Cattacker=40evil=2Eexample=3E?= <ann@acme.example>",
    '"Ann Lee <boss@elsewhere.example>" <ann@acme.example>',
    '"Lee, Ann <x@y.example>" <ANN@acme.example>',
    "=?utf-8?q?Ann_Lee?= <ann@acme.example>",
]


def head(sender: str) -> bytes:
    lines = [f"From: {sender}", "To: me@example.org", "Subject: Re: Data Analyst", "Message-ID: <s1@x.example>"]
    return ("".join(line + "\r\n" for line in lines) + "\r\n").encode()


def mail_from(sender: str, body: str = REJECTION) -> bytes:
    return raw("placeholder@example.org", body).replace(b"From: placeholder@example.org", f"From: {sender}".encode())


@pytest.mark.parametrize("sender", SPOOFS)
def test_a_display_name_that_spells_a_contacts_address_does_not_make_it_theirs(env: Env, acme, sender) -> None:
    index = MatchIndex.build(env.store)
    for parsed in (parse_message(mail_from(sender)), parse_headers(head(sender))):
        assert parsed.from_addr != "ann@acme.example"
        assert match(parsed, index) is None
    assert match_batch(Prefilter(index), [head(sender)], "received") == []


def test_a_spoofed_rejection_is_not_applied(env: Env, acme) -> None:
    parsed = parse_message(mail_from(SPOOFS[0]))
    assert parsed.from_addr == "attacker@evil.example"
    assert parsed.from_name == "<ann@acme.example>"  # shown as the name it is
    assert match(parsed, MatchIndex.build(env.store)) is None
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.ACTIVE
    # Even attached by hand, the message is not from Ann: no contact is credited.
    mail_id = mail_intake.attach(env, mail_from(SPOOFS[0]), acme["app"])
    row = env.conn.execute("SELECT from_addr, contact_id FROM mail_message WHERE id = ?", (mail_id,)).fetchone()
    assert tuple(row) == ("attacker@evil.example", None)


@pytest.mark.parametrize("sender", GENUINE)
def test_a_contact_whose_display_name_holds_an_address_still_matches(env: Env, acme, sender) -> None:
    index = MatchIndex.build(env.store)
    for parsed in (parse_message(mail_from(sender)), parse_headers(head(sender))):
        assert parsed.from_addr == "ann@acme.example"
        found = match(parsed, index)
        assert found is not None
        assert (found.application_id, found.contact_id, found.reason) == (acme["app"], acme["ann"], "contact")
    [(_at, found, _id)] = match_batch(Prefilter(index), [head(sender)], "received")
    assert found.contact_id == acme["ann"]


def test_recipients_are_read_from_addresses_not_names(env: Env, acme) -> None:
    block = b"From: me@example.org\r\nTo: =?utf-8?q?ann=40acme=2Eexample?= <someone@evil.example>\r\n\r\n"
    for parsed in (parse_message(block), parse_headers(block)):
        assert parsed.to_addrs == ("someone@evil.example",)
        assert match(parsed, MatchIndex.build(env.store), direction="sent") is None
