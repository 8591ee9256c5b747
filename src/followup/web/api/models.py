"""What goes in and out of `/api/v1`: precise types, documented once, read by FastAPI and the OpenAPI document.

Requests forbid unknown fields and take JSON types as they are (no "3" for 3,
no number for a date). Times need an offset: "2026-11-20T14:00:00+01:00" or
"...Z"; a time without one is refused with a message saying so, since it could
mean any of 24 moments. Responses carry the shapes declared in `followup.app.shapes` and
`AgendaItem.to_json`, the same JSON that `followup ... --json` prints; their
times are passed through as those shapes write them. The models here add what the
document says of each key (its enumeration, format, description); that they name
the same keys as the shapes is checked at the end of this module.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from followup.app import shapes
from followup.domain.fields import DESCRIPTION_LENGTH, TAG_COUNT, TAG_LENGTH
from followup.domain.model import (
    ActionChannel,
    ActionKind,
    ApplicationStatus,
    Channel,
    CompanyStyle,
    ContactRole,
    Direction,
    InterviewKind,
    Language,
    Outcome,
    PreferredChannel,
    Salutation,
    Source,
    TouchpointKind,
)
from followup.drafting.model import DraftKind, Severity, Tone

MAX_ID = 2**53 - 1  # the largest integer a JSON number keeps exactly (JavaScript's MAX_SAFE_INTEGER)
FIRST_YEAR, LAST_YEAR = 1970, 2100
EXAMPLE_MOMENT = "2026-11-20T14:00:00+01:00"

# -- value types ------------------------------------------------------------------------------


def _storable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError(
            "text_encoding", "the text holds an unpaired surrogate (\\ud800-\\udfff); send valid UTF-8 text"
        ) from None
    return value


def _whole_number(value: Any) -> Any:
    # JSON has one number type: 3 and 3.0 are the same integer, "3" and true are not numbers.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "give a whole number, e.g. 3")
    if isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("int_from_float", "give a whole number, e.g. 3")
        return int(value)
    return value


_MOMENT_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
_DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


def _moment_text(value: Any) -> Any:
    if not isinstance(value, str) or not _MOMENT_TEXT.match(value):
        raise PydanticCustomError(
            "datetime_type", f"give a date and time as text with its offset, e.g. {EXAMPLE_MOMENT!r}"
        )
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise PydanticCustomError(
            "timezone_missing",
            "the time has no offset, so it could be any of 24 moments: add one, "
            f"e.g. {EXAMPLE_MOMENT!r}, or 'Z' for UTC",
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError("datetime_range", f"the time must be between {FIRST_YEAR} and {LAST_YEAR}")
    return value


def _day_text(value: Any) -> Any:
    if not isinstance(value, str) or not _DAY_TEXT.fullmatch(value):
        raise PydanticCustomError("date_type", "give a date as text, 'YYYY-MM-DD', e.g. '2026-11-20'")
    return value


def _day_range(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise PydanticCustomError("date_range", f"the date must be between {FIRST_YEAR} and {LAST_YEAR}")
    return value


# Patterns use explicit classes, not \\s: JSON Schema (ECMA-262), Python and pydantic's Rust engine
# each count different characters as white space.
BLANK = r"\x00-\x20\x7f"
VISIBLE = rf"[^{BLANK}]"  # somewhere in the text: something other than spaces and control characters
Id = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_whole_number)]
Name = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=200, pattern=VISIBLE), AfterValidator(_storable)
]
ShortText = Annotated[str, Strict(), StringConstraints(max_length=1000), AfterValidator(_storable)]
LongText = Annotated[str, Strict(), StringConstraints(max_length=10_000), AfterValidator(_storable)]
Email = Annotated[str, Strict(), StringConstraints(max_length=254, pattern=rf"^[^@{BLANK}]+@[^@{BLANK}]+$")]
Phone = Annotated[str, Strict(), StringConstraints(max_length=40, pattern=r"^[+(0-9][0-9 ()./-]{2,39}$")]
Url = Annotated[
    str, Strict(), StringConstraints(max_length=2000, pattern=rf"^https?://[^{BLANK}]+$"), AfterValidator(_storable)
]
# An IANA name, e.g. "Europe/Berlin"; which names exist depends on the server's time zone database,
# so the document states the form and the API checks the name (see interviews.py).
Zone = Annotated[
    str, Strict(), StringConstraints(max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$")
]
# FIRST_YEAR to LAST_YEAR, as a pattern the OpenAPI document can state beside the format.
_YEARS = "^(19[7-9][0-9]|20[0-9][0-9]|2100)-"
Moment = Annotated[
    datetime,
    BeforeValidator(_moment_text),
    AfterValidator(_aware),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": _YEARS}),
]
Day = Annotated[
    date,
    BeforeValidator(_day_text),
    AfterValidator(_day_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _YEARS}),
]
Minutes = Annotated[int, Field(ge=1, le=24 * 60), BeforeValidator(_whole_number)]
Excitement = Annotated[
    int, Field(ge=1, le=5, description="How much you want the job, 1 to 5."), BeforeValidator(_whole_number)
]
Tag = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=TAG_LENGTH, pattern=r"^[^,]+$"), AfterValidator(_storable)
]
Tags = Annotated[
    list[Tag],
    Field(max_length=TAG_COUNT, description="Each once (in any case); a comma separates tags, so none holds one."),
]
Description = Annotated[str, Strict(), StringConstraints(max_length=DESCRIPTION_LENGTH), AfterValidator(_storable)]
Round = Annotated[int, Field(ge=1, le=99), BeforeValidator(_whole_number)]
CallOutcome = Literal["reached", "voicemail", "no_answer", "evasive"]
AgendaStatus = Literal["overdue", "due", "upcoming"]

# In responses: text exactly as `followup ... --json` writes it.
MomentText = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
DayText = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]


def _drop_null_defaults(schema: dict[str, Any]) -> None:
    # A field left out of a PATCH is "unchanged"; its Python default (None) is no JSON default.
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_drop_null_defaults)


def unchanged(**details: Any) -> Any:
    """The default of a PATCH field that may be left out but not sent as null."""
    return Field(default=None, **details)


class Patch(In):
    """Only the fields sent are changed; `null` clears a field that may be empty."""

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class Out(BaseModel):
    # Unknown keys are dropped rather than refused: the CLI's shapes may grow before the API does.
    model_config = ConfigDict(extra="ignore")


# -- errors -----------------------------------------------------------------------------------


class Problem(Out):
    where: str = Field(description="The field, e.g. 'body.company' or 'query.limit'.")
    problem: str


class ErrorDetail(Out):
    code: str = Field(description="What kind of error: InvalidInput, NotFound, Conflict, Ambiguous, ...")
    message: str = Field(description="What is wrong, in one sentence.")
    where: str | None = Field(description="The field or thing concerned, when there is one.")
    hint: str | None = Field(description="How to fix it.")
    problems: list[Problem] = Field(default_factory=list, description="Each invalid field (validation errors).")


class ErrorResponse(Out):
    error: ErrorDetail


# -- applications -----------------------------------------------------------------------------


class ApplicationIn(In):
    company: Name
    role: Name
    status: ApplicationStatus = ApplicationStatus.ACTIVE
    source: Source | None = Field(default=None, description="Default: 'recruiter' with a recruiter_id, else 'direct'.")
    company_style: CompanyStyle = CompanyStyle.UNKNOWN
    job_url: Url | None = None
    applied_on: Day | None = None
    notes: LongText | None = None
    recruiter_id: Id | None = Field(default=None, description="A contact id (see /contacts).")
    location: Name | None = None
    salary: Name | None = Field(default=None, description="As written, e.g. '€55–65k'.")
    excitement: Excitement | None = None
    tags: Tags = Field(default_factory=list)
    description: Description | None = Field(default=None, description="The job description.")


class ApplicationPatch(Patch):
    company: Name = unchanged()
    role: Name = unchanged()
    status: ApplicationStatus = unchanged()
    source: Source = unchanged()
    company_style: CompanyStyle = unchanged()
    job_url: Url | None = None
    applied_on: Day | None = None
    notes: LongText | None = None
    recruiter_id: Id | None = None
    location: Name | None = None
    salary: Name | None = None
    excitement: Excitement | None = None
    tags: Tags | None = Field(default=None, description="Replaces the tags; [] or null removes them all.")
    description: Description | None = None


class ApplicationOut(Out):
    id: int
    company: str
    role: str
    status: ApplicationStatus
    source: Source
    recruiter_id: int | None
    company_style: CompanyStyle
    job_url: str | None
    applied_on: DayText | None
    created_at: MomentText
    closed_at: MomentText | None
    notes: str | None
    location: str | None
    salary: str | None
    excitement: int | None = Field(description="How much you want the job, 1 to 5; null when not said.")
    tags: list[str]
    description: str | None


class Page(Out):
    total: int = Field(description="How many match, on all pages.")
    limit: int
    offset: int = Field(description="How many were skipped (after the cursor, if any).")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class ApplicationPage(Page):
    items: list[ApplicationOut]


# -- contacts ---------------------------------------------------------------------------------


HONORIFIC = "The title drafts greet them with ('Dr', 'Frau', 'Sra.'), as you enter it; `title` is their job title."
SALUTATION = (
    "first: 'Dear Zoë'; title: 'Dear Dr Weiß' (the full name when no honorific is set); full: 'Dear Zoë Weiß'; "
    "default: as the application's company_style has it (traditional: title, modern: first)."
)
LANGUAGE = "The language drafts greet them in ('Sehr geehrte Frau Dr. Weiß,'); null: the draft's own (English)."


class ContactIn(In):
    name: Name = Field(description="As they spell it.")
    role: ContactRole = ContactRole.INTERVIEWER
    title: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    postal_address: ShortText | None = None
    preferred_channel: PreferredChannel = PreferredChannel.UNKNOWN
    organisation: Name | None = None
    notes: LongText | None = None
    honorific: Name | None = Field(default=None, description=HONORIFIC)
    salutation: Salutation = Field(default=Salutation.DEFAULT, description=SALUTATION)
    language: Language | None = Field(default=None, description=LANGUAGE)
    application_id: Id | None = Field(default=None, description="Link them to this application.")


class ContactPatch(Patch):
    name: Name = unchanged()
    role: ContactRole = unchanged()
    title: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    postal_address: ShortText | None = None
    preferred_channel: PreferredChannel = unchanged()
    organisation: Name | None = None
    notes: LongText | None = None
    honorific: Name | None = Field(default=None, description=HONORIFIC)
    salutation: Salutation = unchanged(description=SALUTATION)
    language: Language | None = Field(default=None, description=LANGUAGE)


class ContactOut(Out):
    id: int
    name: str
    role: ContactRole
    title: str | None
    email: str | None
    phone: str | None
    postal_address: str | None
    preferred_channel: PreferredChannel
    organisation: str | None
    notes: str | None
    honorific: str | None = Field(description=HONORIFIC)
    salutation: Salutation = Field(description=SALUTATION)
    language: Language | None = Field(description=LANGUAGE)


class ContactPage(Page):
    items: list[ContactOut]


# -- the agenda -------------------------------------------------------------------------------


class AgendaItemOut(Out):
    """One thing to do: `followup agenda --json` prints a list of these."""

    id: str = Field(description="Use it in /actions/{id}/done, /snooze, /skip, /undo and /draft.")
    kind: ActionKind
    application_id: int | None
    company: str | None
    role: str | None
    contact: str | None = Field(description="Who it is for.")
    channel: ActionChannel | None
    due: MomentText
    deadline: MomentText | None = Field(description="After this it is overdue.")
    status: AgendaStatus
    reason: str = Field(description="Why, in a sentence.")


class StatusCounts(Out):
    overdue: int
    due: int
    upcoming: int


class ActionPage(Out):
    items: list[AgendaItemOut]
    total: int = Field(description="How many match the filters, on all pages.")
    counts: StatusCounts = Field(description="Overdue, due and upcoming within `days`, whatever `status` asks.")
    limit: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class DoneIn(In):
    at: Moment | None = Field(default=None, description="When you did it (default: now).")
    outcome: CallOutcome | None = Field(default=None, description="For calls: how it went.")
    promised_date: Day | None = Field(default=None, description="The date they promised news by (calls).")
    channel: Channel | None = Field(default=None, description="How you did it, when not the suggested way.")
    subject: ShortText | None = None
    message_id: ShortText | None = None
    note: LongText | None = None


class SnoozeIn(In):
    until: Moment = Field(description="When it should come back.")


class SkipIn(In):
    note: LongText | None = Field(default=None, description="Why you are skipping it.")


class DoneOut(Out):
    action: AgendaItemOut
    touchpoint_id: int | None = Field(description="The message or call recorded for it, if any.")
    consequences: list[str]
    next: list[AgendaItemOut] = Field(description="What comes next for that application.")


class SnoozedOut(Out):
    action: AgendaItemOut
    until: MomentText
    next: list[AgendaItemOut]


class SkippedOut(Out):
    action: AgendaItemOut
    next: list[AgendaItemOut]


class UndoneOut(Out):
    undone: str
    message: str


# -- interviews -------------------------------------------------------------------------------


class PersonIn(In):
    name: Name
    email: Email | None = None


class InterviewIn(In):
    starts_at: Moment
    timezone: Zone | None = Field(default=None, description="Where it happens (default: your time zone).")
    duration_minutes: Minutes | None = Field(default=None, description="Default: your settings' interview length.")
    kind: InterviewKind = InterviewKind.OTHER
    round: Round | None = Field(default=None, description="Default: the next round.")
    participant_ids: list[Id] = Field(default_factory=list, max_length=20, description="Contacts already recorded.")
    new_participants: list[PersonIn] = Field(
        default_factory=list, max_length=20, description="Interviewers to add (found by name or email when known)."
    )


class InterviewPatch(Patch):
    starts_at: Moment = unchanged()
    timezone: Zone = unchanged()
    duration_minutes: Minutes = unchanged()
    kind: InterviewKind = unchanged()
    round: Round = unchanged()
    participant_ids: list[Id] = unchanged(max_length=20, description="Who was in it (replaces the list).")
    next_steps: LongText | None = None
    timeline_text: LongText | None = None
    decision_date: Day | None = None
    main_points: LongText | None = None
    forgot_to_mention: LongText | None = None
    to_clarify: LongText | None = None


class InterviewOut(Out):
    id: int
    application_id: int
    round: int
    starts_at: MomentText
    ends_at: MomentText
    timezone: str
    duration_minutes: int
    kind: InterviewKind
    participant_ids: list[int]
    next_steps: str | None
    timeline_text: str | None
    decision_date: DayText | None
    main_points: str | None
    forgot_to_mention: str | None
    to_clarify: str | None


class InterviewList(Out):
    items: list[InterviewOut]


class NewInterviewer(In):
    name: Name
    email: Email | None = None
    preferred_channel: PreferredChannel | None = None


class ContactChange(In):
    contact_id: Id = Field(description="Someone who was in the interview.")
    preferred_channel: PreferredChannel | None = None
    email: Email | None = None
    title: Name | None = None


class CaptureIn(In):
    """What you learned in the interview; all of it is kept, or none of it."""

    new_people: list[NewInterviewer] = Field(default_factory=list, max_length=20)
    contact_changes: list[ContactChange] = Field(default_factory=list, max_length=20)
    next_steps: LongText | None = None
    timeline_text: LongText | None = Field(
        default=None, description="When they said you would hear, in their words, e.g. 'by Friday'."
    )
    decision_date: Day | None = Field(default=None, description="Default: read from timeline_text when it names one.")
    main_points: LongText | None = None
    forgot_to_mention: LongText | None = None
    to_clarify: LongText | None = None
    references: list[PersonIn] = Field(default_factory=list, max_length=20, description="References you named.")


class CaptureOut(Out):
    interview: InterviewOut
    next: list[AgendaItemOut]


# -- touchpoints ------------------------------------------------------------------------------


class TouchpointIn(In):
    direction: Direction = Direction.SENT
    channel: Channel = Channel.EMAIL
    kind: TouchpointKind | None = Field(default=None, description="Default: 'reply' when received, else 'other'.")
    outcome: Outcome | None = Field(default=None, description="What a reply meant, or how a call went.")
    occurred_at: Moment | None = Field(default=None, description="Default: now.")
    contact_id: Id | None = None
    subject: ShortText | None = None
    message_id: ShortText | None = None
    promised_date: Day | None = Field(default=None, description="When they promised news.")
    notes: LongText | None = None


class TouchpointPatch(Patch):
    direction: Direction = unchanged()
    channel: Channel = unchanged()
    kind: TouchpointKind = unchanged()
    outcome: Outcome | None = None
    occurred_at: Moment = unchanged()
    contact_id: Id | None = None
    subject: ShortText | None = None
    message_id: ShortText | None = None
    promised_date: Day | None = None
    notes: LongText | None = None


class TouchpointOut(Out):
    id: int
    application_id: int
    contact_id: int | None
    direction: Direction
    channel: Channel
    kind: TouchpointKind
    outcome: Outcome | None
    occurred_at: MomentText
    subject: str | None
    message_id: str | None
    promised_date: DayText | None
    notes: str | None


class TouchpointList(Out):
    items: list[TouchpointOut]


class LoggedOut(Out):
    touchpoint: TouchpointOut
    consequences: list[str] = Field(description="What changed because of it, e.g. the application closed.")


# -- one application in full ------------------------------------------------------------------


class ReferenceOut(Out):
    contact_id: int
    interview_id: int | None


class OverviewOut(Out):
    """`followup show APP --json`: the application, its people, its timeline, and what comes next."""

    application: ApplicationOut
    contacts: list[ContactOut]
    interviews: list[InterviewOut]
    touchpoints: list[TouchpointOut]
    references: list[ReferenceOut]
    next: list[AgendaItemOut]


# -- drafts and checks ------------------------------------------------------------------------


class FindingOut(Out):
    id: str = Field(description="Stable check id, e.g. 'name-misspelt'.")
    severity: Severity
    message: str
    start: int = Field(
        description="Character offset where the problem starts (subject and body joined by a blank line)."
    )
    end: int
    line: int = Field(description="1-based.")
    column: int = Field(description="1-based.")


class RecipientOut(Out):
    name: str
    email: str | None


class DraftOut(Out):
    """`followup draft ACTION --json`, without `file`."""

    kind: DraftKind
    tone: Tone
    channel: Literal["email", "letter", "phone"]
    subject: str
    body: str
    html: str | None
    recipients: list[RecipientOut]
    in_reply_to: str | None
    references: list[str]
    template: str
    alternatives: list[DraftKind] = Field(description="Other drafts for the same action (e.g. the voicemail).")
    checks: list[FindingOut]
    notes_to_weave: list[str] = Field(description="Your notes the draft does not paste in, to write in yourself.")
    edited: bool = Field(False, description="The subject and body are your own edit, not the template's.")


class CheckIn(In):
    body: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=20_000), AfterValidator(_storable)]
    subject: ShortText | None = Field(
        default=None, description="An email's subject; positions then count in subject + '\\n\\n' + body."
    )
    kind: DraftKind | None = Field(default=None, description="What the text is, for the checks that depend on it.")
    application_id: Id | None = Field(default=None, description="Check names, role and dates against it.")
    recipient: Name | None = Field(default=None, description="Who it is for (a contact's name, or any name).")


class CheckOut(Out):
    text: str = Field(description="The text the positions refer to.")
    findings: list[FindingOut]
    errors: int = Field(description="How many findings are errors (must be fixed before sending).")


# -- the shapes these describe ----------------------------------------------------------------

# A response model documents a shape that followup.app.shapes declares and builds (the same dicts
# `followup ... --json` prints); the keys are checked here, when the API is loaded, so that a key
# added to a shape cannot be dropped from the API or the document unnoticed.
_DESCRIBED = (
    (ApplicationOut, shapes.ApplicationShape),
    (ContactOut, shapes.ContactShape),
    (InterviewOut, shapes.InterviewShape),
    (TouchpointOut, shapes.TouchpointShape),
    (FindingOut, shapes.FindingShape),
    (RecipientOut, shapes.RecipientShape),
    (DraftOut, shapes.DraftShape),
)
for _model, _shape in _DESCRIBED:
    if set(_model.model_fields) != set(_shape.__annotations__):
        raise TypeError(f"{_model.__name__} does not describe the keys of shapes.{_shape.__name__}")
