"""What text from outside may look like: one line of a mail header, an email address, a phone
number, a web address, a person's name.

Every door (the CLI, the web forms, the API, a file import) hands what it was given to the
typed commands of `followup.app`, which check it here, so the same value is accepted or
refused the same way wherever it comes from. A refusal is a `FieldError` (a ValueError)
whose message names the problem in the user's words; the application layer turns it into
its own error.

Header text is checked as a mail program reads it: RFC 2047 encoded words ("=?utf-8?q?...?=")
are decoded first, and a line break or other control character in what they decode to is
as unwelcome as a literal one. Mail programs join a header back from such text, so a
control character there could start a header of its own ("Bcc:") in someone else's mail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from urllib.parse import urlsplit

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators, which some
# mail programs also treat as line breaks.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
NAME_LENGTH = 200  # longer than any real name, short enough for one header line
ADDRESS_LENGTH = 254  # RFC 5321's limit on a path
URL_LENGTH = 2000
# A local part of RFC 5322 atext words (international letters too, RFC 6531), without quoting
# (nobody hands out a quoted address) and without "?", which no real address uses and which
# starts the fields of a mailto: link; a host of letters, digits and hyphens with a dot in it.
_LOCAL = re.compile(r"[\w!#$%&'*+/=^`{|}~-]+(?:\.[\w!#$%&'*+/=^`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")
_PHONE = re.compile(r"\+?[0-9 ()./-]+(?:\s*(?:ext\.?|x|#)\s*[0-9]+)?", re.IGNORECASE)


class FieldError(ValueError):
    """A value refused by one of the checks here; `str(error)` says why."""


def one_line(text: str) -> str:
    """Control characters (line breaks included) become spaces; runs of spaces become one."""
    return " ".join(CONTROL.sub(" ", text).split())


def decoded(text: str) -> str:
    """`text` with its RFC 2047 encoded words decoded, as a mail program shows it; as it is when
    they do not decode (an unknown charset, broken base64): a reader shows those as they are too."""
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return text


def header_text(text: str) -> str:
    """`text` fit for one header line: decoded as a reader would, control characters become spaces.

    The one place a name or subject is made safe before it goes into a header we write.
    """
    return one_line(decoded(text))


def email_address(value: str) -> str:
    """A plain address (local@host.example), stripped; FieldError for anything else.

    Refused: anything a mail program or a mailto: link would read as more than one address
    or as extra fields ("a@b?bcc=c", "a@b, c@d", "Name <a@b>"), spaces, control characters,
    an empty part, a host without a dot.
    """
    address = value.strip()
    if not address:
        raise FieldError("the email address is empty")
    if len(address) > ADDRESS_LENGTH:
        raise FieldError(f"the email address is longer than {ADDRESS_LENGTH} characters")
    local, at, host = address.rpartition("@")
    if CONTROL.search(address) or (at and any(c.isspace() for c in address)):
        raise FieldError(f"the email address {address!r} contains a space, a line break or another control character")
    labels = host.split(".")
    if (
        not at
        or not _LOCAL.fullmatch(local)
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise FieldError(f"{address!r} is not an email address (like name@example.com)")
    return address


def phone_number(value: str) -> str:
    """A phone number as people write it (+49 170 1234567, (555) 010-0199 ext. 12), stripped."""
    number = value.strip()
    if CONTROL.search(number):
        raise FieldError("the phone number contains a line break or another control character")
    digits = sum(c.isdigit() for c in number)
    if not _PHONE.fullmatch(number) or not 3 <= digits <= 20:
        raise FieldError(f"{number!r} is not a phone number (digits, spaces, + - ( ) . / and an extension)")
    return number


def web_address(value: str) -> str:
    """An http or https address with a host, stripped; FieldError for any other scheme (javascript:, data:)."""
    url = value.strip()
    if len(url) > URL_LENGTH:
        raise FieldError(f"the web address is longer than {URL_LENGTH} characters")
    if CONTROL.search(url) or any(c.isspace() for c in url):
        raise FieldError("the web address contains a space, a line break or another control character")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise FieldError(f"{url!r} is not a web address (it must start with https:// or http://)")
    return url


def person_name(value: str, *, what: str = "name") -> str:
    """A name stripped, at most NAME_LENGTH characters, without line breaks or other control characters."""
    name = value.strip()
    # Decoded too: "=?utf-8?q?=0D=0A?=" is a line break to every mail program that shows the name.
    if CONTROL.search(name) or CONTROL.search(decoded(name)):
        raise FieldError(f"the {what} contains a line break or another control character")
    if len(name) > NAME_LENGTH:
        raise FieldError(f"the {what} is longer than {NAME_LENGTH} characters")
    return name


# What trackers keep besides names and links: tags, a 1-5 excitement, a job description.
TAG_LENGTH = 40
TAG_COUNT = 20
DESCRIPTION_LENGTH = 50_000  # a long job description is some 10,000 characters
EXCITEMENT_LEVELS = range(1, 6)


def tag_list(values: str | Iterable[str]) -> tuple[str, ...]:
    """Tags as the user typed them ("remote, Python", or a list), each once, in their order.

    A comma separates tags (so no tag holds one); each is trimmed, loses a leading "#", and has
    its spaces and control characters made single spaces. The same tag in another case counts
    once, as first written. FieldError for a tag longer than TAG_LENGTH or more than TAG_COUNT.
    """
    parts = [values] if isinstance(values, str) else list(values)
    found: dict[str, str] = {}
    for part in parts:
        for piece in str(part).split(","):
            tag = one_line(piece).lstrip("#").strip()
            if not tag:
                continue
            if len(tag) > TAG_LENGTH:
                raise FieldError(f"the tag {tag[:20]!r}... is longer than {TAG_LENGTH} characters")
            found.setdefault(tag.casefold(), tag)
    if len(found) > TAG_COUNT:
        raise FieldError(f"{len(found)} tags are too many: keep at most {TAG_COUNT}")
    return tuple(found.values())


def excitement_level(value: int | str) -> int:
    """How much the user wants a job, a whole number from 1 to 5 ("4" as typed too)."""
    text = str(value).strip()
    if (
        isinstance(value, bool)
        or not (isinstance(value, int) or text.isdecimal())
        or int(text) not in EXCITEMENT_LEVELS
    ):
        raise FieldError(f"the excitement must be a whole number from 1 to 5, not {text!r}")
    return int(text)


def long_text(value: str, *, what: str = "description", limit: int = DESCRIPTION_LENGTH) -> str:
    """Text of several lines (a job description): line endings made "\\n", other control characters
    (tabs aside) made spaces, trimmed; FieldError when longer than `limit` characters."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _LONG_TEXT_CONTROL.sub(" ", text).strip()
    if len(text) > limit:
        raise FieldError(f"the {what} is longer than {limit:,} characters ({len(text):,})")
    return text


# CONTROL without the line feed and the tab, which a long text keeps.
_LONG_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
