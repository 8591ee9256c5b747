"""Reading a fetched header block (the fields matching needs) without the full email parser.

A first sync reads the headers of every message in the mailbox, and most of them
match nothing. `parse_message` builds a whole `email.message.Message` for each,
which costs far more than the IMAP fetch itself. `parse_headers` gives the same
header values for the plain case every server sends, a block of ASCII (or UTF-8)
"Name: value" lines, and hands everything else (other 8-bit bytes, a bare CR, a
malformed line, an mbox "From " line, input that is no header block at all) to
`parse_message`, so its result is always the one `parse_message` would give.

A header block (what a FETCH of BODY[HEADER.FIELDS (...)] returns) has no body,
so `text` is empty, as `parse_message` has it too. Input with a body is simply
handed to `parse_message` as a whole.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from followup.mail.parse import ParsedMessage, _has_headers, header_value, parse_message

# What the stdlib's feed parser accepts as a field name before the colon (its headerRE).
_FIELD_NAME = re.compile(r"[\041-\071\073-\176]*")
# A single address simple enough that `parseaddr` returns it unchanged, with or without
# a display name of plain words; anything else goes through `parseaddr` itself.
_PLAIN_ADDR = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")
_NAMED_ADDR = re.compile(rf"([A-Za-z0-9]+(?: [A-Za-z0-9]+)*) <({_PLAIN_ADDR.pattern})>")


def parse_headers(raw: bytes, *, with_date: bool = True) -> ParsedMessage:
    """What `parse_message(raw)` gives, fast when `raw` is a plain header block.

    `with_date=False` leaves `date` None: matching never reads it, and a sync parses the
    full message of those that matched anyway.
    """
    fields = _fields(raw)
    if fields is None:
        parsed = parse_message(raw)
        return parsed if with_date or parsed.date is None else replace(parsed, date=None)
    h = _Fields(fields)
    from_name, from_addr = h.sender()
    return ParsedMessage(
        message_id=h.get("message-id"),
        in_reply_to=h.get("in-reply-to"),
        references=tuple((h.get("references") or "").split()),
        from_name=from_name,
        from_addr=from_addr,
        to_addrs=h.addresses("to"),
        cc_addrs=h.addresses("cc"),
        subject=h.get("subject") or "",
        date=h.date() if with_date else None,
        auto_submitted=h.get("auto-submitted"),
        precedence=h.get("precedence"),
        x_autoreply=("x-autoreply" in fields) or ("x-autorespond" in fields),
        list_id=h.get("list-id"),
        list_unsubscribe=h.get("list-unsubscribe"),
    )


def _fields(raw: bytes) -> dict[str, str] | None:
    """Field values by lower-case name (the first of each wins), as the feed parser stores them.

    None when the input is anything but a plain header block: the caller then uses the full
    parser, whose handling of the odd cases (defects, pushed-back lines, bodies and their
    charsets) is not worth copying.
    """
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        try:  # raw UTF-8 in the header fields (RFC 6532): what parse_message makes of it too
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    text = text.replace("\r\n", "\n")
    if "\r" in text or not _has_headers(raw):
        return None
    fields: dict[str, str] = {}
    name = ""
    value: list[str] = []
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if not line:  # the blank line ending the header block, or the end of the input
            if lines[at + 1 :] not in ([], [""]):
                return None  # a body follows, even blank lines (which a declared charset may read as text)
            break
        if line[0] in " \t":
            if not name:  # a continuation with no field before it: a defect
                return None
            value.append(line)
            continue
        if name:
            fields.setdefault(name, "\n".join(value))
        colon = line.find(":")
        if colon <= 0 or line.startswith("From ") or _FIELD_NAME.fullmatch(line, 0, colon) is None:
            return None  # not a field line: the full parser would start the body here
        name = line[:colon].lower()
        value = [line[colon + 1 :].lstrip(" \t")]
    if name:
        fields.setdefault(name, "\n".join(value))
    return fields


class _Fields:
    """The same decoding as parse_message's `_Headers`, on the values `_fields` read."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields

    def get(self, name: str) -> str | None:
        value = self.fields.get(name)
        return None if value is None else header_value(value)

    def unfolded(self, name: str) -> str:
        """The raw value on one line, encoded words as they are: where addresses are read."""
        return " ".join(self.fields.get(name, "").split())

    def sender(self) -> tuple[str, str]:
        value = self.unfolded("from")
        if _PLAIN_ADDR.fullmatch(value):
            return "", value.lower()
        if named := _NAMED_ADDR.fullmatch(value):
            return named[1], named[2].lower()
        name, addr = parseaddr(value)
        return header_value(name), addr.lower()

    def addresses(self, name: str) -> tuple[str, ...]:
        value = self.unfolded(name)
        if not value:
            return ()
        if _PLAIN_ADDR.fullmatch(value):
            return (value.lower(),)
        if named := _NAMED_ADDR.fullmatch(value):
            return (named[2].lower(),)
        return tuple(addr.lower() for _, addr in getaddresses([value]) if addr)

    def date(self) -> datetime | None:
        text = self.get("date")
        if not text:
            return None
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        # A Date header with "-0000" means "zone unknown"; UTC is the honest reading.
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
