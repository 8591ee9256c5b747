"""A drafted email as an RFC 5322 message, ready to open in a mail program or to send.

Every header value that comes from the user's data or from someone's mail (names,
subject, addresses, message ids) is made safe first, and the finished header block is
checked again as a mail program reads it: a line break in a value must never start a
new header (no smuggled "Bcc:"). Names and subjects go through
`followup.domain.fields.header_text` (RFC 2047 encoded words decoded, control
characters made spaces); addresses or message ids that contain control characters are
refused. From, To and Subject are written here rather than by the email package's
folder, which before Python 3.11.10 writes an encoded line break back as a real one
(CVE-2024-6923); a name or subject that still holds "=?" is sent as an encoded word of
our own, so a reader decodes exactly the text we checked.

`envelope` reads the sender and recipients for SMTP back from the stored bytes, after
the same check, so the RCPT list can only name addresses that passed the address check.
"""

from __future__ import annotations

import email.policy
import re
from datetime import datetime
from email.charset import Charset
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from typing import Any

from followup.domain.fields import CONTROL, FieldError, decoded, email_address, header_text
from followup.drafting.model import Draft, Person
from followup.drafting.render import html_body
from followup.errors import InvalidInput

UTF8 = Charset("utf-8")
MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")

USER_HEADERS = frozenset({"from", "to", "subject"})
# Every header build_email writes on the message itself, each once; nothing else may appear.
OUR_HEADERS = frozenset(
    {"from", "to", "subject", "date", "message-id", "in-reply-to", "references", "mime-version", "content-type"}
)
# A display name written as it is: atext words, without "=" and "?" (so never an encoded word).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+(?: [A-Za-z0-9!#$%&'*+/^_`{|}~-]+)*")
_LINE = 78  # RFC 5322's recommended line length; folding keeps header lines under it where it can

HTML_PAGE = '<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"></head>\n<body>\n{body}\n</body>\n</html>\n'


def build_email(
    draft: Draft,
    *,
    sender: Person,
    when: datetime,
    message_id: str | None = None,
    domain: str = "followup.invalid",
) -> EmailMessage:
    """The draft as a multipart/alternative (plain text and HTML) message in UTF-8."""
    if draft.kind.medium != "email":
        raise InvalidInput(
            f"a {draft.kind.value.replace('_', ' ')} is not an email",
            hint="Save it as text (or a letter as PDF) instead.",
        )
    if not draft.to:
        raise InvalidInput(
            "this draft has nobody to send it to",
            where="To",
            hint="Choose who it is for, e.g. followup draft --kind KIND --app APP --contact NAME.",
        )
    sender_address = _address("From", sender, hint="Set it once: followup config set profile.email you@example.com")
    recipients = [
        _address("To", person, hint=f'Add it: followup contact edit "{header_text(person.name)}" --email ADDRESS')
        for person in draft.to
    ]
    own_id = _message_id("Message-ID", message_id) if message_id else make_msgid(domain=_domain(domain))
    parent = _message_id("In-Reply-To", draft.in_reply_to) if draft.in_reply_to else None
    references = [_message_id("References", ref) for ref in draft.references]
    if parent and parent not in references:
        references.append(parent)  # RFC 5322 3.6.4: the parent's id ends the References list

    # Headers stay ASCII (names and subject as RFC 2047 encoded words, international
    # domains in punycode), which every mail program and relay reads.
    msg = EmailMessage(policy=POLICY)
    msg["From"] = sender_address
    msg["To"] = recipients
    msg["Subject"] = header_text(draft.subject)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = own_id
    if parent:
        msg["In-Reply-To"] = parent
    if references:
        msg["References"] = " ".join(references)
    # One kind of line break: a text typed in a browser or restored from a backup may carry CRLF, which
    # would otherwise reach the plain part as is and leave the HTML part one paragraph with empty lines.
    body = draft.body.replace("\r\n", "\n").replace("\r", "\n")
    # Quoted-printable keeps the body 7-bit, so no relay has to re-encode it.
    msg.set_content(body + "\n", subtype="plain", charset="utf-8", cte="quoted-printable")
    html = draft.html if draft.html is not None else html_body(body)
    msg.add_alternative(HTML_PAGE.format(body=html), subtype="html", charset="utf-8", cte="quoted-printable")
    for part in msg.iter_parts():
        del part["MIME-Version"]  # set_content adds it to each part; it belongs on the message only
    _checked_headers(bytes(msg))
    return msg


def envelope(raw: bytes) -> tuple[str, list[str]]:
    """The SMTP sender and recipients of a message build_email made, read back from its bytes.

    The header block is checked first (only our headers, each once, nothing that decodes to a
    control character); the addresses are the parsed ones of From and To, each checked as an
    email address. InvalidInput when anything is off: such bytes are not sent.
    """
    fields = _checked_headers(raw)
    senders = _addresses("From", fields.get("from", ""))
    recipients = _addresses("To", fields.get("to", ""))
    if len(senders) != 1 or not recipients:
        raise InvalidInput("the stored message has no single sender or no recipient, so it is not sent")
    return senders[0], recipients


def _addresses(field: str, value: str) -> list[str]:
    # Parsed from the raw value: an encoded word never holds an address (RFC 2047 section 5).
    found = []
    for _name, address in getaddresses([value]):
        try:
            found.append(email_address(address))
        except FieldError as exc:
            raise InvalidInput(f"the stored message's {field} holds a bad address: {exc}", where=field) from None
    return found


def _checked_headers(raw: bytes) -> dict[str, str]:
    """The message's own header fields (unfolded, by lower-case name), after checking them as a reader would."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    fields: dict[str, str] = {}
    name = ""
    for line in head.decode("ascii", "replace").split("\n"):
        if line[:1] in (" ", "\t") and name:
            fields[name] += line
            continue
        name, colon, value = line.partition(":")
        name = name.lower()
        if not colon or name not in OUR_HEADERS or name in fields:
            raise InvalidInput(f"the message would carry a header it must not have ({line[:40]!r}), so it is not made")
        fields[name] = value.lstrip(" ")
    for name, value in fields.items():
        if "\r" in value or CONTROL.search(decoded(value)):
            raise InvalidInput(f"the {name} header would hold a line break or another control character")
    return fields


class _Policy(email.policy.EmailPolicy):
    """The SMTP policy, with our own RFC 2047 encoding of non-ASCII names and subjects.

    Python 3.11's folder loses the space between two encoded words when a long
    header wraps ("Société Générale" arrives as "SociétéGénérale") and garbles long
    non-ASCII display names, so those three headers are encoded here instead.
    """

    def fold(self, name: str, value: Any) -> str:
        return self._encode(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: Any) -> bytes:
        folded = self._encode(name, value)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)

    def _encode(self, name: str, value: Any) -> str | None:
        if name.lower() not in USER_HEADERS:
            return None
        if name.lower() == "subject":
            return _subject_line(name, str(value), self.linesep)
        # One address per line; the address itself passed the address check in _address.
        shown = [
            f"{_display_name(a.display_name)} <{a.addr_spec}>" if header_text(a.display_name) else a.addr_spec
            for a in getattr(value, "addresses", ())
        ]
        return f"{name}: " + f",{self.linesep} ".join(shown) + self.linesep


POLICY = _Policy(linesep="\r\n")


def _encoded_words(text: str, first: int = 75) -> list[str]:
    """`text` as RFC 2047 encoded words of at most 75 characters (`first` for the first one).

    Split between characters, never inside one; spaces stay inside the words, so a
    reader that joins adjacent encoded words gets the text back exactly.
    """
    words: list[str] = []
    chunk = ""
    for char in text:
        limit = first if not words else 75
        if chunk and len(UTF8.header_encode(chunk + char)) > limit:
            words.append(UTF8.header_encode(chunk))
            chunk = ""
        chunk += char
    return [*words, UTF8.header_encode(chunk)] if chunk else words


def _display_name(name: str) -> str:
    """A name as plain words when it is plain words, else one encoded word, even past RFC 2047's 75
    characters.

    Split in two, a name reads back with a stray space in readers that keep the space
    between adjacent encoded words in a name (Python's own parser does); every reader
    decodes a long word, and a name long enough to need it is rare.
    """
    text = header_text(name)
    return text if _PLAIN_NAME.fullmatch(text) else UTF8.header_encode(text)


def _subject_line(name: str, value: str, linesep: str) -> str:
    """The Subject header, folded at spaces when it is plain ASCII, else as encoded words."""
    text = header_text(value)
    words = text.split(" ")
    if text.isascii() and "=?" not in text and all(len(word) < _LINE - len(name) - 2 for word in words):
        lines = [f"{name}:"]
        for word in words:
            if len(lines[-1]) + 1 + len(word) > _LINE:
                lines.append("")
            lines[-1] += f" {word}"
        return linesep.join(lines) + linesep
    encoded = _encoded_words(text, first=_LINE - len(name) - 2)
    return f"{name}: " + f"{linesep} ".join(encoded) + linesep


def _address(field: str, person: Person, *, hint: str) -> Address:
    name = header_text(person.name)
    who = "your" if field == "From" else f"{name}'s" if name else "the recipient's"
    addr = (person.email or "").strip()
    if not addr:
        raise InvalidInput(
            f"{name or 'the recipient'} has no email address" if field != "From" else "your email address is not set",
            where=field,
            hint=hint,
        )
    if CONTROL.search(addr):
        raise InvalidInput(f"{who} email address contains a line break or other control character", where=field)
    if any(c.isspace() for c in addr):
        raise InvalidInput(f"{who} email address {addr!r} contains a space", where=field, hint=hint)
    try:
        email_address(addr)  # the rule every door applies, and `envelope` again before SMTP
    except FieldError:
        raise InvalidInput(f"{who} email address {addr!r} is not valid", where=field, hint=hint) from None
    try:
        parsed = Address(display_name=name, addr_spec=addr)
    except (ValueError, IndexError, MessageError) as exc:  # the email package's parser raises any of them
        raise InvalidInput(f"{who} email address {addr!r} is not valid ({exc})", where=field, hint=hint) from None
    if not parsed.username or not parsed.domain:
        raise InvalidInput(f"{who} email address {addr!r} is not valid", where=field, hint=hint)
    if parsed.domain.isascii():
        return parsed
    try:
        domain = parsed.domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidInput(f"{who} email address {addr!r} has an invalid domain", where=field, hint=hint) from None
    return Address(display_name=name, username=parsed.username, domain=domain)


def _message_id(field: str, value: str) -> str:
    """'<id@host>', accepting it without the angle brackets; never anything that could break a header."""
    text = value.strip()
    if CONTROL.search(text):
        raise InvalidInput(f"the {field} contains a line break or other control character", where=field)
    if not text.startswith("<"):
        text = f"<{text}>"
    if not MESSAGE_ID.fullmatch(text) or not text.isascii():
        raise InvalidInput(
            f"the {field} {value!r} is not a message id", where=field, hint="A message id looks like <id@host>."
        )
    return text


def _domain(domain: str) -> str:
    if CONTROL.search(domain) or not re.fullmatch(r"[A-Za-z0-9.-]+", domain):
        raise InvalidInput(f"{domain!r} is not a domain name", where="Message-ID")
    return domain
