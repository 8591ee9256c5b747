"""Mail sent to many, or sent by a machine: no answer from the employer.

A newsletter, a job alert or an event invitation from the company's domain matches its
application by that domain, but says nothing about it. Recorded as a reply it would
count as the employer writing: "ACME Corp last wrote", a re-timed status check, an
interviewer's promise replaced. So such a message is kept as other mail of the
application and moves nothing in its plan (`followup.app.mail_intake`).

- Mail to many carries the headers of a list or a campaign (List-Unsubscribe, List-Id,
  Precedence: bulk, list or junk) or comes from a marketing address (newsletter@,
  news@, marketing@): it is never an answer, whatever its words look like.
- Mail from a machine (Auto-Submitted: auto-generated, a no-reply address) is an answer
  only when it says what became of the application: applicant-tracking systems send
  rejections, invitations and requests that way. An out-of-office (auto-replied) is
  read as today, as an automatic reply.

A message that answers one of the conversation (In-Reply-To or References naming it)
is an answer all the same: a newsletter never replies to anyone.
"""

from __future__ import annotations

import re
from typing import Protocol

# What a machine may say that is about the application itself.
OUTCOMES = frozenset({"rejection", "offer", "next_round", "info_request", "auto_reply"})
_MASS_PRECEDENCE = frozenset({"bulk", "list", "junk"})
# Not offers@ or events@: a job offer or an assessment day may come from those.
_MARKETING = re.compile(
    r"(?:newsletters?|news|marketing|mailer|mailings?|promo(?:tions?)?|campaigns?|digest)(?:[-._+].*)?", re.I
)
_NO_REPLY = re.compile(r"(?:no|do[-._]?not)[-._]?reply(?:[-._+].*)?", re.I)


class Headers(Protocol):
    @property
    def from_addr(self) -> str: ...
    @property
    def auto_submitted(self) -> str | None: ...
    @property
    def precedence(self) -> str | None: ...
    @property
    def list_id(self) -> str | None: ...
    @property
    def list_unsubscribe(self) -> str | None: ...


def sent_to_many(message: Headers) -> str | None:
    """The header that shows the message went to a list or a campaign, or None."""
    if message.list_unsubscribe:
        return "List-Unsubscribe"
    if message.list_id:
        return "List-Id"
    precedence = (message.precedence or "").strip().lower()
    if precedence in _MASS_PRECEDENCE:
        return f"Precedence: {precedence}"
    local = message.from_addr.rpartition("@")[0]
    if _MARKETING.fullmatch(local):
        return f"sent from {message.from_addr}"
    return None


def sent_by_machine(message: Headers) -> str | None:
    """The header that shows a program sent the message (not an out-of-office), or None."""
    auto = (message.auto_submitted or "").strip().lower()
    if auto and auto != "no" and not auto.startswith("auto-replied"):
        return f"Auto-Submitted: {auto.split(';')[0].strip()}"
    local = message.from_addr.rpartition("@")[0]
    if _NO_REPLY.fullmatch(local):
        return f"sent from {message.from_addr}"
    return None


def no_answer(message: Headers, label: str | None, *, in_thread: bool) -> str | None:
    """Why a received message is no answer from the employer, in words for the user; None if it may be one."""
    if in_thread:
        return None
    many = sent_to_many(message)
    if many is not None:
        return f"{many}: mail sent to many, not an answer"
    machine = sent_by_machine(message)
    if machine is not None and label not in OUTCOMES:
        return f"{machine}: automatic mail that says nothing about your application"
    return None
