"""What the playbook requires a kind of message to say: `missing-thanks`, `missing-role`,
`missing-interview-date`, `missing-application-date`, `missing-call-to-action`.

Thanks are the point of a thank-you and the opening of a status check (an
error when absent, and looked for in the body: a subject line is skimmed). A
status check also reminds them of the role and the interview date and asks for
an update or offers more (warnings: the message still works without them, only
less well); a voicemail names the role. A note about an application (before any
interview) names the role and the day of the application, and asks or offers too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from followup.drafting.checks.dates import mentions_date
from followup.drafting.checks.text import WORD, Doc, word_key
from followup.drafting.model import DraftKind, Finding, Severity

THANKING = (DraftKind.THANK_YOU_EMAIL, DraftKind.THANK_YOU_LETTER, DraftKind.THANK_RECRUITER)
_THANKS = re.compile(
    r"\b(?:thank|thanks|thankful|grateful|gratitude|appreciate[ds]?|appreciating|appreciation|appreciative)\b",
    re.IGNORECASE,
)
_ANY_ROLE = re.compile(r"\b(?:position|role|job|opening|vacancy|post)s?\b", re.IGNORECASE)
_ASKS_OR_OFFERS = re.compile(
    r"\blet me know\b|\b(?:happy|glad|pleased|willing|ready) to (?:provide|send|share|answer|discuss|help|talk"
    r"|chat|supply|clarify|meet|forward|go over)\b|\banything else\b"
    r"|\b(?:any|further|additional|more|other) (?:information|details|documents|questions|references)\b"
    r"|\b(?:an?|any) (?:brief |quick |short )?update\b|\bupdate (?:on|about|regarding)\b|\bwhere things stand\b"
    r"|\b(?:the|your) (?:timeline|time frame|timeframe|next steps)\b|\bdon[’']?t hesitate\b|\bfeel free\b"
    r"|\bif (?:you need|there is anything|there's anything|it helps)\b|\b(?:reach|call|contact|email) me\b"
    r"|\bwhether the (?:position|role|job)\b",
    re.IGNORECASE,
)
# Words of a role title that say nothing about which role: "(m/w/d)", "and", "of".
_ROLE_FILLER = {"and", "of", "the", "for", "in", "at", "m", "w", "d", "f", "x", "h", "all", "genders"}


def check_thanks(doc: Doc) -> Iterator[Finding]:
    kind = doc.context.kind
    if kind not in (*THANKING, DraftKind.STATUS_CHECK_EMAIL) or _THANKS.search(doc.body):
        return
    what = "a thank-you" if kind in THANKING else "a status check"
    start, end = doc.first_body_line()
    yield doc.finding(
        "missing-thanks",
        Severity.ERROR,
        f"This is {what} but it thanks nobody; thank them for their time and the interview.",
        start,
        end,
    )


ASKING = (DraftKind.STATUS_CHECK_EMAIL, DraftKind.APPLICATION_CHECK_EMAIL)


def check_role(doc: Doc) -> Iterator[Finding]:
    if doc.context.kind not in (*ASKING, DraftKind.VOICEMAIL_SCRIPT):
        return
    role = (doc.context.role or "").strip()
    if (role and _names_role(doc.text, role)) or (not role and _ANY_ROLE.search(doc.text)):
        return
    which = f"the {role} role" if role else "which role you interviewed for"
    start, end = doc.first_body_line()
    yield doc.finding(
        "missing-role", Severity.WARNING, f"Remind them of {which}; they may be filling several.", start, end
    )


def check_interview_date(doc: Doc) -> Iterator[Finding]:
    if doc.context.kind is DraftKind.STATUS_CHECK_EMAIL:
        yield from _missing_day(
            doc, doc.context.interview_date, "missing-interview-date", "when you interviewed", "place you at once"
        )


def check_application_date(doc: Doc) -> Iterator[Finding]:
    if doc.context.kind is DraftKind.APPLICATION_CHECK_EMAIL:
        yield from _missing_day(
            doc,
            doc.context.applied_date,
            "missing-application-date",
            "when you applied",
            "find your application at once",
        )


def _missing_day(doc: Doc, day: date | None, rule: str, what: str, so_they_can: str) -> Iterator[Finding]:
    """A message that asks about something dated (the interview, the application) names its day."""
    if mentions_date(doc.text, day):
        return
    when = f" ({day:%A} {day.day} {day:%B})" if day else ""
    start, end = doc.first_body_line()
    yield doc.finding(rule, Severity.WARNING, f"Mention {what}{when}, so they can {so_they_can}.", start, end)


def check_call_to_action(doc: Doc) -> Iterator[Finding]:
    if doc.context.kind not in ASKING or _ASKS_OR_OFFERS.search(doc.text):
        return
    start, end = doc.sign_off_line()
    yield doc.finding(
        "missing-call-to-action",
        Severity.WARNING,
        "Ask politely for an update, or offer anything else they need (“Please let me know if …”).",
        start,
        end,
    )


def _names_role(text: str, role: str) -> bool:
    """The role's words appear (any order, case or plural); in a long title one word may be left out."""
    if word_key(role) in word_key(text):
        return True
    wanted = {
        w for m in WORD.finditer(re.sub(r"\([^)]*\)", " ", role)) if (w := word_key(m.group())) not in _ROLE_FILLER
    }
    if not wanted:
        return True
    present = {word_key(m.group()) for m in WORD.finditer(text)}
    present |= {w[:-1] for w in present if w.endswith("s")}
    found = len(wanted & present)
    return found == len(wanted) or (len(wanted) >= 3 and found >= len(wanted) - 1)
