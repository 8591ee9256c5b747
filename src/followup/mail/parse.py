"""Read one RFC 5322 message into plain values.

Header values are decoded as a mail program shows them, on one line, without control
characters; addresses come from the raw header, never from inside an encoded word, so a
display name cannot pass for another sender (see `_Headers.sender`).

Mail in the wild is broken in every way a parser can imagine: unknown charsets,
bodies whose bytes do not match the declared charset, missing headers, HTML with
no text part. Nothing here raises on such input: undecodable bytes become
replacement characters and a missing header becomes None or an empty value,
because a classifier that crashes on one odd message is worse than one that
reads a few characters wrong.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

from followup.domain.fields import one_line


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    from_name: str = ""
    from_addr: str = ""
    to_addrs: tuple[str, ...] = ()
    cc_addrs: tuple[str, ...] = ()
    subject: str = ""
    date: datetime | None = None  # always timezone-aware when present
    text: str = ""  # the readable body, quoted replies and signatures included
    auto_submitted: str | None = None
    precedence: str | None = None
    x_autoreply: bool = False  # X-Autoreply or X-Autorespond present
    list_id: str | None = None
    list_unsubscribe: str | None = None


# The years a Date header is believed in: mail did not exist before, and far-off years
# (0001, 9999) are forged or broken, and overflow once a zone or a business day is added.
MAIL_YEARS = (1970, 2999)

# A message "has headers" when its first block holds at least one header every
# real message carries; otherwise the whole input is a pasted body.
_KNOWN_HEADERS = re.compile(
    rb"^(?:from|to|subject|date|message-id|received|return-path|delivered-to|mime-version|reply-to|cc|"
    rb"in-reply-to|references|auto-submitted|content-type)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")


def _has_headers(raw: bytes) -> bool:
    head = raw.lstrip(b"\r\n").split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return bool(_HEADER_LINE.match(head)) and bool(_KNOWN_HEADERS.search(head))


def parse_message(raw: bytes) -> ParsedMessage:
    """The message in `raw`; input without headers is read as a body alone."""
    if not _has_headers(raw):
        return ParsedMessage(text=_decode(raw, "utf-8"))
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # the stdlib parser is lenient, but a defect must never reach the user as a crash
        return ParsedMessage(text=_decode(raw, "utf-8"))
    h = _Headers(msg)
    return ParsedMessage(
        message_id=h.get("Message-ID"),
        in_reply_to=h.get("In-Reply-To"),
        references=tuple((h.get("References") or "").split()),
        from_name=h.sender()[0],
        from_addr=h.sender()[1],
        to_addrs=h.addresses("To"),
        cc_addrs=h.addresses("Cc"),
        subject=h.get("Subject") or "",
        date=h.date(),
        text=_body_text(msg),
        auto_submitted=h.get("Auto-Submitted"),
        precedence=h.get("Precedence"),
        x_autoreply=h.get("X-Autoreply") is not None or h.get("X-Autorespond") is not None,
        list_id=h.get("List-Id"),
        list_unsubscribe=h.get("List-Unsubscribe"),
    )


class _Headers:
    """Header access that turns every decoding problem into a missing value."""

    # The default policy builds a structured header object on every access, which costs
    # more than the whole classification; the raw values are read once and decoded here.
    def __init__(self, msg: Message) -> None:
        self.raw: dict[str, str] = {}
        try:
            for name, value in msg.raw_items():
                self.raw.setdefault(name.lower(), _eight_bit(str(value)))
        except Exception:
            pass

    def get(self, name: str) -> str | None:
        value = self.raw.get(name.lower())
        return None if value is None else header_value(value)

    # Addresses are read from the raw value and only the display name is decoded: an encoded
    # word never holds an address (RFC 2047 section 5), and one that seems to ("=?utf-8?q?=3Cann=40
    # acme=2Eexample=3E?= <attacker@evil.example>") is a display name dressed up as someone else.
    def sender(self) -> tuple[str, str]:
        name, addr = parseaddr(" ".join(self.raw.get("from", "").split()))
        return header_value(name), addr.lower()

    def addresses(self, name: str) -> tuple[str, ...]:
        values = [" ".join(self.raw.get(name.lower(), "").split())]
        return tuple(addr.lower() for _, addr in getaddresses(values) if addr)

    def date(self) -> datetime | None:
        text = self.get("Date")
        if not text:
            return None
        try:
            moment = parsedate_to_datetime(text)
            # A Date header with "-0000" means "zone unknown"; UTC is the honest reading.
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            # "31 Dec 9999 23:59 -2359" is a date Python cannot convert to UTC: no date, as when it is missing.
            moment.astimezone(UTC)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if not MAIL_YEARS[0] <= moment.year <= MAIL_YEARS[1]:
            return None  # year 1 or 9999: a date arithmetic on it would overflow, and no mail was written then
        return moment


def header_value(value: str) -> str:
    """A header value as a reader shows it: encoded words decoded (kept as they are when broken),
    on one line, every control character a space (`followup.domain.fields.one_line`)."""
    if "=?" in value:  # without it there is no encoded word, and decode_header returns the value as it is
        with contextlib.suppress(Exception):  # a broken encoded word: keep the raw text
            value = str(make_header(decode_header(value)))
    return one_line(value)


_ESCAPED = re.compile("[\udc80-\udcff]")


def _eight_bit(value: str) -> str:
    """A header value with raw 8-bit bytes in it as text: UTF-8 (RFC 6532) when it is, else Windows-1252.

    The parser keeps such bytes as lone surrogates, which no text field (nor SQLite) accepts.
    """
    if not _ESCAPED.search(value):
        return value
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _decode(payload: bytes, charset: str) -> str:
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: UTF-8 is right more often than Latin-1
        return payload.decode("utf-8", errors="replace")


def _part_text(part: Message) -> str:
    # Decoding the payload ourselves (rather than get_content) is faster and lets an
    # unknown charset or a broken transfer encoding fall back instead of raising.
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if isinstance(payload, bytes):
        return _decode(payload, part.get_content_charset() or "utf-8")
    return payload if isinstance(payload, str) else ""


def _body_text(msg: Message) -> str:
    plain: Message | None = None
    html: Message | None = None
    try:
        parts = list(msg.walk())
    except Exception:
        parts = [msg]
    for part in parts:
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = part
        elif kind == "text/html" and html is None:
            html = part
    if plain is not None and (text := _part_text(plain)).strip():
        return text
    if html is not None:
        return html_to_text(_part_text(html))
    return ""


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote", "hr"})
    _SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skipping = 0
        self.quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "blockquote":  # an HTML reply quotes the earlier message in a blockquote
            self.quote_depth += 1
        if tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
        if tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.quote_depth:  # mark quoted lines the way plain-text mail does, for reading.quoting
            data = "\n".join("> " + line for line in data.split("\n"))
        self.chunks.append(data)


def html_to_text(html: str) -> str:
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is forgiving; this is only a last line of defence
        return re.sub(r"<[^>]*>", " ", html)
    text = "".join(parser.chunks).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
