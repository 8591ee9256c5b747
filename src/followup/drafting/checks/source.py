"""Reading a draft to check from a file: plain text, plain text with a "Subject:" first line (what
`followup draft --out x.txt` writes), or an email message (.eml: its Subject and text/plain body).

Positions reported for a text file point into the file as read (line breaks
normalised to "\\n"); for an email they point into its subject and body joined
by a blank line, since the raw message may be encoded.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
from dataclasses import dataclass, replace
from email.message import EmailMessage

from followup.drafting.checks import check, check_draft, position
from followup.drafting.model import CheckContext, Finding
from followup.errors import InvalidInput

_SUBJECT_LINE = re.compile(r"\ASubject:[ \t]?([^\n]*)\n(?:[ \t]*\n)?", re.IGNORECASE)
_HEADERS = re.compile(r"\A(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+\n")
_MAIL_HEADER = re.compile(r"^(?:From|To|Date|MIME-Version|Content-Type|Message-ID):", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Source:
    name: str  # the path, or "-" for standard input
    text: str  # what reported positions refer to, and what is shown around them
    subject: str | None  # None: checked as bare text
    body: str
    subject_at: int = 0  # where the subject and the body start in `text`
    body_at: int = 0

    def check(self, context: CheckContext) -> list[Finding]:
        if self.subject is None:
            return check(self.text, context)
        findings = check_draft(self.subject, self.body, context)
        if self.text == _joined(self.subject, self.body):
            return findings
        return [self._relocate(f) for f in findings]

    def _relocate(self, finding: Finding) -> Finding:
        """From "subject\\n\\nbody" offsets to offsets in the file, whose subject line has a "Subject:" label."""
        assert self.subject is not None
        if finding.id == "empty-subject":
            start, end = self.subject_at, self.subject_at + len(self.subject)
        else:
            start, end = self._offset(finding.start), self._offset(finding.end)
        line, column = position(self.text, start)
        return replace(finding, start=start, end=max(start, end), line=line, column=column)

    def _offset(self, joined: int) -> int:
        assert self.subject is not None
        if not self.subject:
            return self.body_at + joined
        if joined <= len(self.subject):
            return self.subject_at + joined
        return self.body_at + max(0, joined - len(self.subject) - 2)


def read_draft(path: str, data: bytes) -> Source:
    """The draft in `data`, read from `path` ("-" for standard input); InvalidInput when unusable."""
    where = "standard input" if path == "-" else path
    if path.lower().endswith(".eml") or (path == "-" and _looks_like_mail(data)):
        return _from_mail(path, data, where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{where} is not UTF-8 text", hint="Save the draft as plain UTF-8 text, or as an .eml message."
        ) from None
    text = text.replace("\r\n", "\n")
    subject_line = _SUBJECT_LINE.match(text)
    if subject_line is None:
        return Source(path, text, None, text)
    subject = subject_line.group(1).rstrip()
    body_at = subject_line.end()
    return Source(path, text, subject, text[body_at:], subject_line.start(1), body_at)


def read_file(path: str) -> bytes:
    try:
        with open(os.path.expanduser(path), "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InvalidInput(
            f"cannot read {path}: {exc.strerror or exc}",
            hint="Give the path of a draft (.txt or .eml), or - to read it from standard input.",
        ) from None


def _from_mail(path: str, data: bytes, where: str) -> Source:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise InvalidInput(f"{where} is not an email message", hint="Save it from your mail program as .eml.")
    part = message.get_body(preferencelist=("plain",))
    if part is None or not isinstance(part, EmailMessage):
        raise InvalidInput(f"{where} has no plain-text part to check", hint="Send it as plain text, or paste the text.")
    try:
        body = str(part.get_content()).replace("\r\n", "\n")
    except (LookupError, ValueError) as exc:
        raise InvalidInput(f"{where}: cannot decode the message text ({exc})") from None
    subject = " ".join(str(message.get("subject", "")).split())
    return Source(path, _joined(subject, body), subject, body, 0, len(subject) + 2 if subject else 0)


def _looks_like_mail(data: bytes) -> bool:
    head = data[:8192].decode("utf-8", "replace").replace("\r\n", "\n")
    match = _HEADERS.match(head)
    return match is not None and _MAIL_HEADER.search(match.group()) is not None


def _joined(subject: str, body: str) -> str:
    return f"{subject}\n\n{body}" if subject else body
