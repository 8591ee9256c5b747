"""What a draft is made of: the facts a template may use, the draft itself, and check findings.

These are the contracts between the parts of drafting: `facts.py` gathers
`DraftFacts` from the store's values, `render.py` turns them into a `Draft`
through a template, `checks/` reads a draft (or any text) and returns
`Finding`s, and `letter.py` lays a letter out as a PDF. All plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from followup.domain.model import CompanyStyle, Language, Salutation


class DraftKind(StrEnum):
    THANK_YOU_EMAIL = "thank_you_email"
    THANK_YOU_LETTER = "thank_you_letter"
    STATUS_CHECK_EMAIL = "status_check_email"
    APPLICATION_CHECK_EMAIL = "application_check_email"
    CALL_SCRIPT = "call_script"
    VOICEMAIL_SCRIPT = "voicemail_script"
    RECRUITER_DEBRIEF = "recruiter_debrief"
    REFERENCE_HEADS_UP = "reference_heads_up"
    THANK_RECRUITER = "thank_recruiter"
    REPLY = "reply"
    REJECTION_REPLY = "rejection_reply"

    @property
    def medium(self) -> str:
        """'email', 'letter' or 'script' (read aloud on the phone, or talking points)."""
        if self is DraftKind.THANK_YOU_LETTER:
            return "letter"
        if self in (DraftKind.CALL_SCRIPT, DraftKind.VOICEMAIL_SCRIPT, DraftKind.RECRUITER_DEBRIEF):
            return "script"
        return "email"


class Tone(StrEnum):
    FORMAL = "formal"
    WARM = "warm"
    BRIEF = "brief"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None
    organisation: str | None = None
    # How the user greets them: the title they entered ("Dr"), the form, the language.
    honorific: str | None = None
    salutation: Salutation = Salutation.DEFAULT
    language: Language | None = None


@dataclass(frozen=True)
class DraftFacts:
    """Every variable a template may use (documented for user templates in docs/templates.md).

    Optional facts are None or empty when the user has not recorded them; a
    template must read well either way.
    """

    kind: DraftKind
    tone: Tone
    sender: Person  # the job seeker, from the profile settings
    signature: str  # the profile's sign-off block, or one built from `sender`
    company: str
    role: str
    today: date
    recipient: Person | None = None  # who the message or call is for
    job_url: str | None = None
    applied_date: date | None = None  # when the user applied (or added the application)
    interview_date: date | None = None
    interview_kind: str | None = None  # "video", "phone", "onsite", ...
    interview_round: int | None = None
    interviewers: tuple[str, ...] = ()  # everyone in that interview, names as stored
    # The interviewers who get a thank-you of their own: another's note does not thank them too.
    thanked_on_their_own: tuple[str, ...] = ()
    recipient_notes: str | None = None  # what the user noted about the recipient
    main_points: str | None = None
    forgot_to_mention: str | None = None
    to_clarify: str | None = None
    next_steps: str | None = None
    decision_date: date | None = None  # the date they promised news by, if any
    status_check_date: date | None = None  # when the user emailed for an update (for calls)
    recruiter: Person | None = None
    reference: Person | None = None  # for the reference heads-up
    reply_date: date | None = None  # the employer's message being answered
    reply_summary: str | None = None  # what they asked for, as noted by the user
    thread_subject: str | None = None  # subject of the last email exchanged with the employer
    thread_message_id: str | None = None
    thread_references: tuple[str, ...] = ()
    # Where an answer goes when nobody is greeted by name: the address the request came from (careers@).
    reply_address: Person | None = None
    # Decides how a person is greeted when their salutation is "default".
    company_style: CompanyStyle = CompanyStyle.UNKNOWN


@dataclass(frozen=True)
class Draft:
    kind: DraftKind
    tone: Tone
    subject: str  # empty for scripts
    body: str  # plain text; for letters the body between salutation and sign-off included
    facts: DraftFacts
    html: str | None = None  # email only
    to: tuple[Person, ...] = ()
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    template: str = ""  # which template file made it (user's own or built in)
    # The user's notes that do not read as a sentence, to weave in by hand rather than pasted in.
    notes_to_weave: tuple[str, ...] = ()


class Severity(StrEnum):
    ERROR = "error"  # must be fixed before sending
    WARNING = "warning"  # probably wrong
    INFO = "info"  # worth a look


class FixKind(StrEnum):
    REPLACE = "replace"  # put `replacement` in place of the text at [start, end)
    LEARN = "learn"  # add `word` to the user's dictionary; the text stays as it is


@dataclass(frozen=True, slots=True)
class Fix:
    """What solves a finding in one step, offered by the check that knows the answer (the stored
    spelling of a name, the word written twice), so that every door applies the same change."""

    kind: FixKind
    label: str  # what the button says: "Write “Jürgen”", "Add “dbt” to my dictionary"
    start: int  # the text to replace, in the checked text's offsets (for LEARN: the word)
    end: int
    replacement: str = ""
    word: str = ""  # for LEARN


@dataclass(frozen=True, slots=True)
class Finding:
    id: str  # stable check id, e.g. "unfilled-placeholder", "name-misspelt"
    severity: Severity
    message: str  # one sentence: what is wrong and how to fix it
    start: int  # character offsets into the checked text (subject and body joined by "\n\n")
    end: int
    line: int  # 1-based
    column: int  # 1-based
    fix: Fix | None = None  # a one-step fix, when there is exactly one right answer


@dataclass(frozen=True)
class CheckContext:
    """What the checks know beyond the text itself. Everything optional: `followup check FILE`
    on a bare file still runs the checks that need no facts."""

    kind: DraftKind | None = None
    recipient: str | None = None  # the stored spelling of the addressee's name
    company: str | None = None  # the stored spelling of the company
    role: str | None = None
    interview_date: date | None = None
    applied_date: date | None = None  # for a note about the application
    known_names: tuple[str, ...] = ()  # every stored person and company name, spelled right
    sender: Person | None = None  # for the full-contact-details check
    now: datetime | None = None
    earliest_status_check: datetime | None = None  # before this, a status check is too early
    promised_date: date | None = None  # the day the employer gave for news (`domain.promises`), if any
    word_limit: int | None = None
    personal_words: frozenset[str] = field(default_factory=frozenset)
    # What the user stored and the draft may quote (notes, tags, roles, places): its words, as written
    # there, are the user's own and never a spelling mistake or a misspelt name (`stored_texts` collects them).
    user_texts: tuple[str, ...] = ()
