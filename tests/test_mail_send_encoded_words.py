"""Header injection through RFC 2047 encoded words, end to end through the real SMTP server.

A name or subject that holds an encoded line break ("=?utf-8?q?=0D=0A...?=") is text to us
but a line break to the email package's folder before Python 3.11.10 (CVE-2024-6923): it
wrote "Bcc: spy@evil.example" as a header of its own, and the RCPT list read back from those
bytes sent the thank-you somewhere else. Whatever the name or subject, the server sees our
headers only, and the one recipient the user chose.
"""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

import pytest

import database_servers
from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    AFTER,
    STATUS_CHECK,
    STATUS_DAY,
    THANK_YOU,
    job,
    mail_command,
    received,
    user,
)

CRAFTED = [
    "Hal =?utf-8?q?=0D=0ABcc:_spy@evil.example?=",
    "=?utf-8?b?SGFsDQpCY2M6IHNweUBldmlsLmV4YW1wbGU=?=",  # the same in base64
    # Encoded twice: one decoding (ours, or a mail program's) leaves an encoded line break.
    "Hal =?utf-8?q?=3D=3Futf-8=3Fq=3F=3D0D=3D0ABcc=3A=5Fspy=40evil=2Eexample=3F=3D?=",
    "Hal =?utf-8?q?=00=0BBcc:_spy@evil.example?=",
]


def only_our_headers(smtp_server) -> None:
    for envelope in smtp_server.messages:
        assert envelope.rcpt_tos == ["ann@acme.example"]
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        names = [line.split(b":", 1)[0].lower() for line in head.split(b"\r\n") if line and not line[:1].isspace()]
        assert names == [b"from", b"to", b"subject", b"date", b"message-id", *names[5:]]
        assert not {b"bcc", b"cc", b"reply-to"} & set(names)
    for message in received(smtp_server):
        assert message["Bcc"] is None
        assert message.defects == []
        assert [a.addr_spec for a in message["To"].addresses] == ["ann@acme.example"]
        for name in ("From", "To", "Subject"):
            assert "\r" not in str(message[name])
            assert "\n" not in str(message[name])


@pytest.mark.parametrize("name", CRAFTED)
def test_an_encoded_line_break_in_a_contact_name_adds_no_bcc_nor_recipient(name, job, paths, smtp_server):
    # Stored as it was before names were checked at the door (or arriving from an old export).
    with database_servers.connect(paths["db"]) as conn:
        conn.execute("UPDATE contact SET name = ? WHERE email = 'ann@acme.example'", (name,))
    result = job("mail", "send", THANK_YOU, "--yes", "--json", now=AFTER)
    assert result.exit_code == 0, result.output
    assert len(smtp_server.messages) == 1
    only_our_headers(smtp_server)
    [message] = received(smtp_server)
    assert "Bcc: spy@evil.example" in message["To"].addresses[0].display_name.replace("\x00", " ")


@pytest.mark.parametrize("subject", CRAFTED)
def test_an_encoded_line_break_in_a_reply_subject_stays_in_the_subject(subject, job, paths, smtp_server):
    job.ok(
        "log", "1", "--received", "--contact", "Ann Lee", "--subject", subject,
        "--message-id", "<hr-1@acme.example>", "--at", "2026-11-19 10:00", now="2026-11-19T11:00:00+01:00",
    )  # fmt: skip
    result = job("mail", "send", STATUS_CHECK, "--yes", "--json", now=STATUS_DAY)
    assert result.exit_code == 0, result.output
    only_our_headers(smtp_server)
    [message] = received(smtp_server)
    assert message["Subject"].startswith("Re: ")
    assert "Bcc" in message["Subject"]
