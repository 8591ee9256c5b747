"""`missing-contact-details`: the sender's phone number or email address is not in the message.

The playbook closes a status check (and a note about an application) "with full contact details", and a letter
has no From line to reply to. Required in status checks, thank-you emails and
letters and replies (phone and email), and in a voicemail (the phone number:
they will want to call back). Phone numbers are compared by their last eight
digits, so "+49 151 2345 6789" and "0151 23456789" are the same number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import DraftKind, Finding, Severity

NEEDS_BOTH = (
    DraftKind.STATUS_CHECK_EMAIL,
    DraftKind.APPLICATION_CHECK_EMAIL,
    DraftKind.THANK_YOU_EMAIL,
    DraftKind.THANK_YOU_LETTER,
    DraftKind.REPLY,
)
_PHONE_LIKE = re.compile(r"\+?\d[\d \t().\-/]{4,}\d")


def check_contact_details(doc: Doc) -> Iterator[Finding]:
    sender, kind = doc.context.sender, doc.context.kind
    if sender is None or kind is None or kind not in (*NEEDS_BOTH, DraftKind.VOICEMAIL_SCRIPT):
        return
    missing: list[str] = []
    if sender.phone and _digits(sender.phone) and not _has_phone(doc.text, sender.phone):
        missing.append(f"your phone number ({sender.phone})")
    if kind in NEEDS_BOTH and sender.email and sender.email.casefold() not in doc.text.casefold():
        missing.append(f"your email address ({sender.email})")
    if not missing:
        return
    start, end = doc.sign_off_line()
    where = "Say" if kind is DraftKind.VOICEMAIL_SCRIPT else "Add"
    yield doc.finding(
        "missing-contact-details",
        Severity.WARNING,
        f"{where} {' and '.join(missing)} so they can reach you in one step.",
        start,
        end,
    )


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _has_phone(text: str, phone: str) -> bool:
    wanted = _digits(phone)[-8:]
    return any(_digits(m.group()).endswith(wanted) for m in _PHONE_LIKE.finditer(text))
