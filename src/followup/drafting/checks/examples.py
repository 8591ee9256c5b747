"""A good and a bad example for every check: the bad one it must report, the good one it must leave alone.

Kept beside the checks so that a change to one is tried on what it is for
(the tests run every pair); each pair differs only where the check looks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from followup.drafting.checks import check, check_draft
from followup.drafting.model import CheckContext, DraftKind, Person


@dataclass(frozen=True)
class Example:
    check_id: str
    context: CheckContext
    good: str
    bad: str
    subject: str | None = None  # an email's subject (None: the text is checked on its own)
    bad_subject: str | None = None
    bad_context: CheckContext | None = None  # when the bad example differs in what is known, not in its words

    def findings(self, bad: bool) -> set[str]:
        """The ids found in the bad or the good example."""
        text, subject = (self.bad, self.bad_subject) if bad else (self.good, self.subject)
        context = (self.bad_context or self.context) if bad else self.context
        found = check(text, context) if subject is None else check_draft(subject, text, context)
        return {f.id for f in found}


_ME = Person("Maria Kowalski", email="maria.kowalski@example.com", phone="+49 151 2345 6789")
_SIGNED = "\n\nBest regards,\nMaria Kowalski\n+49 151 2345 6789\nmaria.kowalski@example.com\n"
_BASE = CheckContext(
    kind=DraftKind.THANK_YOU_EMAIL,
    recipient="Zoë Müller-O'Brien",
    company="Café",
    role="iOS Developer",
    interview_date=date(2026, 11, 18),
    known_names=("Café", "Zoë Müller-O'Brien", "Jürgen Weiß"),
    sender=_ME,
)
_STATUS = replace(
    _BASE,
    kind=DraftKind.STATUS_CHECK_EMAIL,
    now=datetime(2026, 11, 30, 10, tzinfo=UTC),
    earliest_status_check=datetime(2026, 11, 23, 9, tzinfo=UTC),
)
_NOTE = replace(_BASE, kind=DraftKind.APPLICATION_CHECK_EMAIL, applied_date=date(2026, 11, 16), interview_date=None)
_THANKS = "Dear Zoë,\n\nThank you for the interview on 18 November about the iOS Developer role."
_STATUS_TEXT = (
    "Dear Zoë,\n\nThank you again for meeting me on 18 November about the iOS Developer role. "
    "Could you let me know if there is an update?"
)
_NOTE_TEXT = "Dear Zoë,\n\nI applied for the iOS Developer role on 16 November. Could you let me know where it stands?"

EXAMPLES: tuple[Example, ...] = (
    Example("unfilled-placeholder", _BASE, _THANKS + _SIGNED, _THANKS.replace("iOS Developer", "[Role]") + _SIGNED),
    Example("empty-subject", _BASE, _THANKS + _SIGNED, _THANKS + _SIGNED, subject="Thank you", bad_subject=""),
    Example(
        "name-misspelt", _BASE, _THANKS + _SIGNED, _THANKS.replace("Dear Zoë", "Dear Zoe") + " Jurgen too." + _SIGNED
    ),
    Example(
        "company-misspelt",
        _BASE,
        _THANKS + " I liked the café loyalty data." + _SIGNED,
        _THANKS + " I liked Cafe." + _SIGNED,
    ),
    Example("wrong-salutation", _BASE, _THANKS + _SIGNED, _THANKS.replace("Dear Zoë", "Dear Mr. Smith") + _SIGNED),
    Example("missing-thanks", _BASE, _THANKS + _SIGNED, "Dear Zoë,\n\nI met you on 18 November." + _SIGNED),
    Example(
        "missing-role", _STATUS, _STATUS_TEXT + _SIGNED, _STATUS_TEXT.replace("the iOS Developer role", "it") + _SIGNED
    ),
    Example(
        "missing-interview-date",
        _STATUS,
        _STATUS_TEXT + _SIGNED,
        _STATUS_TEXT.replace("on 18 November", "recently") + _SIGNED,
    ),
    Example(
        "missing-application-date", _NOTE, _NOTE_TEXT + _SIGNED, _NOTE_TEXT.replace(" on 16 November", "") + _SIGNED
    ),
    Example(
        "missing-call-to-action",
        _STATUS,
        _STATUS_TEXT + _SIGNED,
        _STATUS_TEXT.replace(" Could you let me know if there is an update?", "") + _SIGNED,
    ),
    Example("missing-contact-details", _STATUS, _STATUS_TEXT + _SIGNED, _STATUS_TEXT + "\n\nBest regards,\nMaria"),
    Example("asks-if-filled", _BASE, _THANKS + _SIGNED, _THANKS + " Has the position been filled yet?" + _SIGNED),
    Example(
        "too-early",
        _STATUS,
        _STATUS_TEXT + _SIGNED,
        _STATUS_TEXT + _SIGNED,
        bad_context=replace(_STATUS, now=datetime(2026, 11, 20, 10, tzinfo=UTC)),
    ),
    Example(
        "wrong-promise",
        replace(_STATUS, promised_date=date(2026, 12, 11)),
        _STATUS_TEXT + " You mentioned you hoped to decide by 11 December." + _SIGNED,
        _STATUS_TEXT + " You mentioned you hoped to decide by 27 November." + _SIGNED,
    ),
    Example("too-long", replace(_BASE, word_limit=40), _THANKS + _SIGNED, _THANKS + " More words." * 20 + _SIGNED),
    Example("pushy", _BASE, _THANKS + _SIGNED, _THANKS + " Please reply ASAP!!" + _SIGNED),
    Example("doubled-word", _BASE, _THANKS + _SIGNED, _THANKS.replace("about the", "about the the") + _SIGNED),
    Example("spelling", _BASE, _THANKS + _SIGNED, _THANKS.replace("interview", "intervew") + _SIGNED),
)
