"""What a job seeker keeps about an application, as plain values.

Everything here is immutable and free of I/O: the store builds these from rows,
the playbook rules read them, and nothing in this module knows about either.
Instants are timezone-aware datetimes; calendar days are dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum


class ApplicationStatus(StrEnum):
    # Saved to apply to later: not applied yet, so nothing to follow up.
    WISHLIST = "wishlist"
    ACTIVE = "active"
    OFFER = "offer"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED_NO_RESPONSE = "closed_no_response"

    @property
    def is_open(self) -> bool:
        return self is ApplicationStatus.ACTIVE

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ApplicationStatus.WISHLIST: "on the wishlist",
    ApplicationStatus.ACTIVE: "active",
    ApplicationStatus.OFFER: "offer",
    ApplicationStatus.REJECTED: "rejected",
    ApplicationStatus.WITHDRAWN: "withdrawn",
    ApplicationStatus.CLOSED_NO_RESPONSE: "closed without response",
}


class Source(StrEnum):
    """How the application came about."""

    DIRECT = "direct"
    RECRUITER = "recruiter"


class CompanyStyle(StrEnum):
    TRADITIONAL = "traditional"
    MODERN = "modern"
    UNKNOWN = "unknown"


class Salutation(StrEnum):
    """How a draft greets a contact: by first name, by title and surname, by full name, or
    "default": as the company's style has it (traditional: title and surname; modern: first name)."""

    DEFAULT = "default"
    FIRST_NAME = "first"
    TITLE = "title"
    FULL_NAME = "full"


class Language(StrEnum):
    """The language a contact is greeted in; unset, the draft's own (English)."""

    EN = "en"
    DE = "de"
    FR = "fr"
    ES = "es"


class PreferredChannel(StrEnum):
    """How a contact likes to be followed up; unknown until asked."""

    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    UNKNOWN = "unknown"


class ContactRole(StrEnum):
    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    REFERENCE = "reference"

    @property
    def is_employer_side(self) -> bool:
        return self in (ContactRole.INTERVIEWER, ContactRole.HIRING_MANAGER)


class Channel(StrEnum):
    """The medium of one touchpoint."""

    EMAIL = "email"
    LETTER = "letter"
    FAX = "fax"
    PHONE = "phone"
    VOICEMAIL = "voicemail"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def is_call(self) -> bool:
        return self in (Channel.PHONE, Channel.VOICEMAIL)


class ActionChannel(StrEnum):
    """The medium a due action asks for (the agenda's `channel`)."""

    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"


class Direction(StrEnum):
    SENT = "sent"
    RECEIVED = "received"


class TouchpointKind(StrEnum):
    """What a touchpoint was for. Sent ones mirror the playbook's actions."""

    THANK_YOU = "thank_you"
    RECRUITER_DEBRIEF = "recruiter_debrief"
    REFERENCE_HEADS_UP = "reference_heads_up"
    STATUS_CHECK = "status_check"
    FOLLOW_UP_CALL = "follow_up_call"
    THANK_RECRUITER = "thank_recruiter"
    RESPONSE = "response"
    APPLICATION = "application"
    REPLY = "reply"
    OTHER = "other"


class Outcome(StrEnum):
    """What a reply meant, or how a call went."""

    # replies from the employer or recruiter
    REJECTION = "rejection"
    NEXT_ROUND = "next_round"
    OFFER = "offer"
    INFO_REQUEST = "info_request"
    STILL_DECIDING = "still_deciding"
    AUTO_REPLY = "auto_reply"
    OTHER = "other"
    # calls the job seeker made
    REACHED = "reached"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no_answer"
    EVASIVE = "evasive"


REPLY_OUTCOMES = frozenset(
    {
        Outcome.REJECTION,
        Outcome.NEXT_ROUND,
        Outcome.OFFER,
        Outcome.INFO_REQUEST,
        Outcome.STILL_DECIDING,
        Outcome.AUTO_REPLY,
        Outcome.OTHER,
    }
)
CALL_OUTCOMES = frozenset({Outcome.REACHED, Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.EVASIVE})


class InterviewKind(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    PANEL = "panel"
    TECHNICAL = "technical"
    OTHER = "other"


class ActionKind(StrEnum):
    """The playbook's rule ids; each due action carries one as its `kind`."""

    PREPARE = "prepare"
    RECRUITER_DEBRIEF = "recruiter_debrief"
    THANK_YOU = "thank_you"
    CAPTURE_DETAILS = "capture_details"
    REFERENCE_HEADS_UP = "reference_heads_up"
    STATUS_CHECK = "status_check"
    FOLLOW_UP_CALL = "follow_up_call"
    MOVE_ON = "move_on"
    THANK_RECRUITER = "thank_recruiter"
    RESPOND = "respond"
    # Before any interview: a short note asking after the application itself.
    APPLICATION_CHECK = "application_check"
    KEEP_SEARCHING = "keep_searching"


class DecisionState(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    name: str
    role: ContactRole
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None
    preferred_channel: PreferredChannel = PreferredChannel.UNKNOWN
    organisation: str | None = None
    notes: str | None = None
    # How the user addresses them ("Dr", "Frau", "Sra."), as entered: never guessed. `title` is
    # their job title.
    honorific: str | None = None
    salutation: Salutation = Salutation.DEFAULT
    language: Language | None = None


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    company: str
    role: str
    created_at: datetime
    status: ApplicationStatus = ApplicationStatus.ACTIVE
    source: Source = Source.DIRECT
    company_style: CompanyStyle = CompanyStyle.UNKNOWN
    job_url: str | None = None
    recruiter_id: int | None = None
    applied_on: date | None = None
    closed_at: datetime | None = None
    notes: str | None = None
    location: str | None = None
    # A range as the user or the posting wrote it ("€55–65k"), never parsed.
    salary: str | None = None
    # How much the user wants this job, 1 to 5; None when not said.
    excitement: int | None = None
    tags: tuple[str, ...] = ()
    # The job description, as copied from the posting.
    description: str | None = None
    # The stage another tracker had it at ("Interviewing") when the file gave no interview
    # date: past applying, with an interview still to be added.
    undated_interview: str | None = None
    # When it was entered into followup, if later than `created_at` (an import dates each
    # application the day it was applied); None: the same moment.
    entered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    id: int
    application_id: int
    starts_at: datetime
    timezone: str
    duration: timedelta = timedelta(hours=1)
    kind: InterviewKind = InterviewKind.OTHER
    round: int = 1
    participant_ids: tuple[int, ...] = ()
    next_steps: str | None = None
    timeline_text: str | None = None
    decision_date: date | None = None
    main_points: str | None = None
    forgot_to_mention: str | None = None
    to_clarify: str | None = None
    recorded_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        # Absolute arithmetic: an interview across a DST change still lasts its length.
        return _absolute(self.starts_at, self.duration)

    @property
    def timeline_known(self) -> bool:
        return bool(self.decision_date or self.next_steps or self.timeline_text)


@dataclass(frozen=True, slots=True)
class Touchpoint:
    id: int
    application_id: int
    direction: Direction
    channel: Channel
    occurred_at: datetime
    kind: TouchpointKind = TouchpointKind.OTHER
    contact_id: int | None = None
    outcome: Outcome | None = None
    subject: str | None = None
    message_id: str | None = None
    promised_date: date | None = None
    notes: str | None = None
    action_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReferenceNamed:
    """A reference the candidate gave this employer, who should hear about it."""

    contact_id: int
    named_at: datetime
    interview_id: int | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """What the user said about one action: done, skipped, or snoozed until later."""

    action_id: str
    state: DecisionState
    at: datetime
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class MailHeaders:
    """What a recorded email's own headers say: who wrote it, and the thread it continues."""

    from_name: str | None = None
    from_addr: str | None = None
    # The Message-IDs of the thread before it, oldest first (its References, then its In-Reply-To).
    thread: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ApplicationState:
    """Everything the playbook needs to know about one application."""

    application: Application
    contacts: dict[int, Contact] = field(default_factory=dict)
    interviews: tuple[Interview, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    references: tuple[ReferenceNamed, ...] = ()
    decisions: dict[str, Decision] = field(default_factory=dict)
    # The headers of the application's emails found in the mailbox, by Message-ID: a reply goes
    # in its own thread and to the address the message came from.
    mail: dict[str, MailHeaders] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the user should do, when, and why."""

    id: str
    kind: ActionKind
    due: datetime
    reason: str
    application_id: int | None = None
    contact_id: int | None = None
    channel: ActionChannel | None = None
    deadline: datetime | None = None
    # After this moment the action no longer makes sense (e.g. preparing for an
    # interview that has already started) and is dropped rather than shown late.
    expires: datetime | None = None
    interview_id: int | None = None


def _absolute(moment: datetime, delta: timedelta) -> datetime:
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)
