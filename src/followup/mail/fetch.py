"""Reading a UID FETCH of one body section per message, fast.

imaplib reads a response a line at a time through a regular expression, a log call and a
list append, and IMAPClient then parses it token by token: on a first sync of a large
mailbox that costs more than the server takes to send it. The FETCH a sync sends has a
fixed shape, one literal per message:

    * 12 FETCH (UID 345 BODY[HEADER.FIELDS (FROM ...)] {123}
    <123 bytes>)

so it is sent on imaplib's connection and its response read here, with imaplib's public
`send`, `readline` and `read`. Untagged responses of other kinds (EXISTS, EXPUNGE, flag
updates) are skipped. A response in a shape not read here gives None once the command has
completed, and the caller asks again through IMAPClient; a failed command or a closed
connection raises imaplib's own errors, which the callers turn into a MailError.
"""

from __future__ import annotations

import imaplib
import itertools
import re

_LITERAL = re.compile(rb"\{(\d+)\}\r\n\Z")
_UID = re.compile(rb"[( ]UID (\d+)", re.IGNORECASE)
_FETCH = re.compile(rb"\* \d+ FETCH \(", re.IGNORECASE)
_QUOTED = re.compile(rb'"(?:[^"\\]|\\.)*"')
# imaplib's own tags are four letters from A to P and a number: a Z never collides with them.
_tags = itertools.count(1)


def fetch_section(
    imap: imaplib.IMAP4, uid_set: str, items: str, section: bytes
) -> dict[int, tuple[bytes, bytes]] | None:
    """`UID FETCH uid_set items`: by UID, the content of `section` (a regular expression
    for its name, e.g. rb"BODY\\[\\]") and the response's text around it; None when the
    response has a shape not read here."""
    tag = b"Z%d" % next(_tags)
    imap.send(b"%s UID FETCH %s %s\r\n" % (tag, uid_set.encode("ascii"), items.encode("ascii")))
    # What nearly every server sends for each message, read with one expression; anything
    # else (other items first, several literals, other responses) by the general loop below.
    usual = re.compile(rb"\* \d+ FETCH \(UID (\d+) " + section + rb" \{(\d+)\}\r\n", re.IGNORECASE)
    as_literal = re.compile(section + rb" \{\d+\}\r\n\Z", re.IGNORECASE)
    inline = re.compile(section + rb' (NIL|"(?:[^"\\]|\\.)*")', re.IGNORECASE)
    readline, read = imap.readline, imap.read
    found: dict[int, tuple[bytes, bytes]] = {}
    readable = True
    while True:
        line = readline()
        if not line:
            raise imap.abort("the server closed the connection during FETCH")
        if line.startswith(tag + b" "):
            break
        texts: list[bytes] = []
        content: bytes | None = None
        if (shape := usual.fullmatch(line)) is not None:
            content = read(int(shape[2]))
            rest = readline()
            if rest == b")\r\n":
                found[int(shape[1])] = (content, line + rest)
                continue
            texts.append(line)
            line = rest
        while (length := _LITERAL.search(line)) is not None:
            literal = read(int(length[1]))
            if as_literal.search(line):
                content = literal
            texts.append(line)
            line = readline()
            if not line:
                raise imap.abort("the server closed the connection during FETCH")
        texts.append(line)
        text = b"".join(texts)
        if not _FETCH.match(text):
            continue  # EXISTS, EXPUNGE, RECENT, an alert: nothing this command asked for
        uid = _UID.search(_QUOTED.sub(b'""', text))  # not a "UID 3" inside a quoted string
        if content is None:
            quoted = inline.search(text)
            if quoted is not None:
                content = b"" if quoted[1].upper() == b"NIL" else re.sub(rb"\\(.)", rb"\1", quoted[1][1:-1])
            elif b"BODY[" in text.upper():
                readable = False  # the section in a form not read here
        if uid is not None and content is not None:
            found[int(uid[1])] = (content, text)
        # else a flag update of some message, which carries no section
    status = (line[len(tag) + 1 :].split(None, 1) or [b""])[0].upper()
    if status != b"OK":
        raise imap.error(f"FETCH failed: {line.decode('ascii', 'replace').strip()}")
    return found if readable else None
