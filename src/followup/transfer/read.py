"""A followup export read into domain values, with every problem a schema cannot see.

Ids stay the file's own here; `json_import` maps them to new ones. Fields the
file leaves out get the defaults the rest of followup uses (see
docs/export-format.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from followup.domain.fields import (
    FieldError,
    email_address,
    long_text,
    person_name,
    phone_number,
    tag_list,
    web_address,
)
from followup.domain.model import (
    ActionKind,
    Application,
    ApplicationStatus,
    Channel,
    CompanyStyle,
    Contact,
    ContactRole,
    DecisionState,
    Direction,
    Interview,
    InterviewKind,
    Language,
    Outcome,
    PreferredChannel,
    ReferenceNamed,
    Salutation,
    Source,
    Touchpoint,
    TouchpointKind,
)
from followup.drafting.facts import drafts_for_action
from followup.drafting.model import DraftKind
from followup.store.draft_edits import BODY_LIMIT, SUBJECT_LIMIT
from followup.transfer.document import ApplicationEntry, DecisionEntry, Document, DraftEditEntry, PipelineEntry
from followup.transfer.fields import Fields
from followup.transfer.keys import APPLICATION_CHECKS, KEY_FIELDS, OPTIONAL_FIELDS, ActionKey
from followup.transfer.schema import Problem


def read_document(data: Any, now: datetime, default_minutes: int, problems: list[Problem]) -> Document:
    """The file as domain values; only usable when `problems` stayed empty."""
    return _Reader(now, default_minutes, problems).document(Fields(problems, [], data))


class _Reader:
    def __init__(self, now: datetime, default_minutes: int, problems: list[Problem]) -> None:
        self.now = now
        self.default_minutes = default_minutes
        self.problems = problems
        self.warnings: list[str] = []
        # id -> where it was first seen; interviews and touchpoints are numbered file-wide
        self.contacts: dict[int, str] = {}
        # contact id -> how they like to be reached: which draft an edit from an older file is of
        self.channels: dict[int, PreferredChannel] = {}
        self.applications: dict[int, str] = {}
        self.interviews: dict[int, str] = {}
        self.touchpoints: dict[int, str] = {}

    def document(self, doc: Fields) -> Document:
        settings = doc.child("settings")
        settings.zone("timezone")
        contacts = [self.contact(c) for c in doc.children("contacts")]
        applications = [self.application(a) for a in doc.children("applications")]
        pipeline: dict[str, str] = {}
        entries = []
        for p in doc.children("pipeline_decisions"):
            state, at, until = self.decided(p)
            action_id = p.text("action_id") or ""
            if action_id in pipeline:
                p.problem("action_id", f"this nudge is decided at {pipeline[action_id]} already: keep one")
            pipeline.setdefault(action_id, p.where())
            entries.append(PipelineEntry(action_id, state, at, until, p.text("note")))
        return Document(
            settings={k: v for k, v in settings.obj.items() if isinstance(v, str)},
            contacts=contacts,
            applications=applications,
            pipeline=entries,
            warnings=self.warnings,
        )

    def contact(self, c: Fields) -> Contact:
        contact = Contact(
            id=c.claim_id(self.contacts, "contact") or 0,
            name=c.checked("name", person_name) or "",
            role=c.choice("role", ContactRole, ContactRole.INTERVIEWER),
            title=c.checked("title", partial(person_name, what="job title")),
            email=c.checked("email", email_address),
            phone=c.checked("phone", phone_number),
            postal_address=c.text("postal_address"),
            preferred_channel=c.choice("preferred_channel", PreferredChannel, PreferredChannel.UNKNOWN),
            organisation=c.checked("organisation", partial(person_name, what="organisation")),
            notes=c.text("notes"),
            honorific=c.checked("honorific", partial(person_name, what="title")) or None,
            salutation=c.choice("salutation", Salutation, Salutation.DEFAULT),
            language=c.maybe_choice("language", Language),
        )
        self.channels.setdefault(contact.id, contact.preferred_channel)
        return contact

    def application(self, a: Fields) -> ApplicationEntry:
        status = a.choice("status", ApplicationStatus, ApplicationStatus.ACTIVE)
        created_at, closed_at = a.instant("created_at"), a.instant("closed_at")
        if closed_at is not None and created_at is not None and closed_at < created_at:
            # Only a warning: a reply logged with an earlier date closes an application
            # "before" it was added, and whatever followup writes must import again.
            self.warnings.append(
                f"{a.where()}.closed_at is before its created_at; kept as it is (check it if you wrote the file)."
            )
        if closed_at is not None and status is ApplicationStatus.ACTIVE:
            a.problem(
                "closed_at",
                "is set but the status is active: set closed_at to null, or set the status it closed with",
            )
        recruiter_id = a.number("recruiter_id")
        a.reference("recruiter_id", recruiter_id, self.contacts, _CONTACTS)
        entry = ApplicationEntry(
            Application(
                id=a.claim_id(self.applications, "application") or 0,
                company=a.checked("company", partial(person_name, what="company name")) or "",
                role=a.checked("role", partial(person_name, what="role")) or "",
                created_at=created_at or self.now,
                status=status,
                source=a.choice("source", Source, Source.DIRECT),
                company_style=a.choice("company_style", CompanyStyle, CompanyStyle.UNKNOWN),
                job_url=a.checked("job_url", web_address),
                recruiter_id=recruiter_id,
                applied_on=a.day("applied_on"),
                closed_at=closed_at,
                notes=a.text("notes"),
                location=a.checked("location", partial(person_name, what="location")) or None,
                salary=a.checked("salary", partial(person_name, what="salary")) or None,
                excitement=a.number("excitement"),  # from 1 to 5: the schema says so
                tags=_tags(a),
                description=a.checked("description", long_text) or None,
                undated_interview=a.checked("undated_interview", partial(person_name, what="stage")) or None,
                entered_at=a.instant("entered_at"),
            )
        )
        for n, contact_id in a.numbers("contact_ids"):
            a.reference(("contact_ids", n), contact_id, self.contacts, _CONTACTS)
            entry.contact_ids.append(contact_id)
        own: dict[str, dict[int, str]] = {"interview_id": {}, "contact_id": self.contacts, "reply_id": {}}
        for position, i in enumerate(a.children("interviews"), 1):
            entry.interviews.append(self.interview(i, position, own["interview_id"]))
        touchpoints = a.children("touchpoints")
        entry.touchpoints = [self.touchpoint(t, own["reply_id"]) for t in touchpoints]
        # Actions may name any touchpoint of the application, so they are read once all are known.
        for t, touchpoint in zip(touchpoints, entry.touchpoints, strict=True):
            key = self.action_key(t.child("action"), own, "action")
            if key is not None:
                entry.actions[touchpoint.id] = key
        named: dict[int, str] = {}
        for r in a.children("references"):
            entry.references.append(self.reference(r, own["interview_id"], entry.interviews, named))
        decided: dict[ActionKey, str] = {}
        for d in a.children("decisions"):
            key = self.action_key(d, own, "decision")
            state, at, until = self.decided(d)
            if key in decided:
                d.problem("kind", f"the same action is decided at {decided[key]} already: keep one")
            if key is not None:
                decided.setdefault(key, d.where())
                entry.decisions.append(DecisionEntry(key, state, at, until, d.text("note")))
        edited: dict[tuple[ActionKey, str], str] = {}
        for e in a.children("draft_edits"):
            draft_edit = self.draft_edit(e, own)
            if draft_edit is None:
                continue
            mine = (draft_edit.key, draft_edit.kind)
            if mine in edited:
                # followup keeps one text per draft of an action, as `followup draft --edit` does.
                e.problem("action", f"the same action's draft is at {edited[mine]} already: keep one")
            edited.setdefault(mine, e.where())
            entry.draft_edits.append(draft_edit)
        return entry

    def draft_edit(self, e: Fields, own: dict[str, dict[int, str]]) -> DraftEditEntry | None:
        """The user's own text of one draft, held to what `followup draft --edit` keeps."""
        key = self.action_key(e.child("action"), own, "draft")
        if e.text("kind") is None and key is not None:
            kind: DraftKind | None = self.first_draft(key)
            if kind is None:
                e.problem("kind", f"is missing, and a {key.kind.value.replace('_', ' ')} action has no draft")
        else:
            kind = e.maybe_choice("kind", DraftKind)
        subject, body = e.text("subject") or "", e.text("body") or ""
        if "\n" in subject or "\r" in subject:
            e.problem("subject", "has a line break: a subject is one line")
        if len(subject) > SUBJECT_LIMIT:
            e.problem("subject", f"has {len(subject):,} characters: at most {SUBJECT_LIMIT} are kept")
        if body and not body.strip():
            e.problem("body", "is empty: leave the draft out to use the template's text")
        if len(body) > BODY_LIMIT:
            e.problem("body", f"has {len(body):,} characters: at most {BODY_LIMIT:,} are kept")
        if key is None or kind is None:
            return None  # reported already
        return DraftEditEntry(key, kind.value, subject, body, e.instant("edited_at") or self.now)

    def first_draft(self, key: ActionKey) -> DraftKind | None:
        """Which draft an edit is of in a file from before edits named it (one edit per action then):
        the one the action offered first, the letter for a thank-you to someone who prefers letters."""
        prefers = self.channels.get(key.contact_id) if key.contact_id is not None else None
        channel = "letter" if prefers is PreferredChannel.LETTER else None
        offered = drafts_for_action(key.kind.value, channel)
        return offered[0] if offered else None

    def interview(self, i: Fields, position: int, own: dict[int, str]) -> Interview:
        interview_id = i.claim_id(self.interviews, "interview")
        if interview_id is not None:
            own[interview_id] = i.where()
        zone, starts_at = i.zone("timezone"), i.instant("starts_at")
        if zone is not None and starts_at is not None:
            there = starts_at.astimezone(zone)
            if there.utcoffset() != starts_at.utcoffset():
                i.problem(
                    "starts_at",
                    f"has the offset {_offset(starts_at)}, but {i.text('timezone')} is at "
                    f"{_offset(there)} then ({there.isoformat()}): correct the offset or the time zone",
                )
            starts_at = there
        participants = []
        for n, contact_id in i.numbers("participant_ids"):
            i.reference(("participant_ids", n), contact_id, self.contacts, _CONTACTS)
            participants.append(contact_id)
        return Interview(
            id=interview_id or 0,
            application_id=0,
            starts_at=starts_at or self.now,
            timezone=i.text("timezone") or "UTC",
            duration=timedelta(minutes=i.number("duration_minutes") or self.default_minutes),
            kind=i.choice("kind", InterviewKind, InterviewKind.OTHER),
            round=i.number("round") or position,
            participant_ids=tuple(participants),
            next_steps=i.text("next_steps"),
            timeline_text=i.text("timeline_text"),
            decision_date=i.day("decision_date"),
            main_points=i.text("main_points"),
            forgot_to_mention=i.text("forgot_to_mention"),
            to_clarify=i.text("to_clarify"),
            recorded_at=i.instant("recorded_at"),
        )

    def touchpoint(self, t: Fields, own: dict[int, str]) -> Touchpoint:
        touchpoint_id = t.claim_id(self.touchpoints, "touchpoint")
        if touchpoint_id is not None:
            own[touchpoint_id] = t.where()
        direction = t.choice("direction", Direction, Direction.SENT)
        contact_id = t.number("contact_id")
        t.reference("contact_id", contact_id, self.contacts, _CONTACTS)
        # As `followup log` does: a received message is a reply unless said otherwise.
        usual = TouchpointKind.REPLY if direction is Direction.RECEIVED else TouchpointKind.OTHER
        return Touchpoint(
            id=touchpoint_id or 0,
            application_id=0,
            direction=direction,
            channel=t.choice("channel", Channel, Channel.OTHER),
            occurred_at=t.instant("occurred_at") or self.now,
            kind=t.choice("kind", TouchpointKind, usual),
            contact_id=contact_id,
            outcome=t.maybe_choice("outcome", Outcome),
            subject=t.text("subject"),
            message_id=t.text("message_id"),
            promised_date=t.day("promised_date"),
            notes=t.text("notes"),
        )

    def reference(
        self, r: Fields, own: dict[int, str], interviews: list[Interview], named: dict[int, str]
    ) -> ReferenceNamed:
        contact_id = r.number("contact_id")
        r.reference("contact_id", contact_id, self.contacts, _CONTACTS)
        if contact_id is not None and contact_id in named:
            r.problem("contact_id", f"this contact is named as a reference at {named[contact_id]} already")
        named.setdefault(contact_id or 0, r.where())
        interview_id = r.number("interview_id")
        r.reference("interview_id", interview_id, own, _INTERVIEWS)
        # As `followup reference add` does: named when the interview ended, else now.
        ended = next((i.ends_at for i in interviews if i.id == interview_id), self.now)
        return ReferenceNamed(contact_id or 0, r.instant("named_at") or ended, interview_id)

    def action_key(self, f: Fields, own: dict[str, dict[int, str]], what: str) -> ActionKey | None:
        kind = f.maybe_choice("kind", ActionKind)
        if kind not in KEY_FIELDS:
            return None  # null, or a kind the schema check reported
        ids: dict[str, int | None] = {}
        for name, word in _KEY_WORDS.items():
            value = f.number(name)
            if name not in KEY_FIELDS[kind]:
                if f.obj.get(name) is not None:
                    f.problem(name, f"a {kind} {what} is not about a {word}: set {name} to null")
            elif value is None and (kind, name) not in OPTIONAL_FIELDS and f.obj.get(name) is None:
                f.problem(name, f"missing: a {kind} {what} says which {word} it is about")
            else:
                f.reference(name, value, own[name], _WHERE[name])
            ids[name] = value
        number = f.number("number")
        if "number" not in KEY_FIELDS[kind]:
            if f.obj.get("number") is not None:
                f.problem("number", f"only an application_check {what} has a number: set it to null")
        elif number not in APPLICATION_CHECKS:
            f.problem("number", f"an {kind} {what} says which note it is about: 1 (the first) or 2 (the second)")
        return ActionKey(kind, ids["interview_id"], ids["contact_id"], ids["reply_id"], number)

    def decided(self, d: Fields) -> tuple[DecisionState, datetime, datetime | None]:
        state = d.choice("state", DecisionState, DecisionState.DONE)
        until = d.instant("until")
        if state is DecisionState.SNOOZED and d.obj.get("until") is None:
            d.problem("until", "missing: a snoozed decision needs the moment the action comes back")
        if state is not DecisionState.SNOOZED and d.obj.get("until") is not None:
            d.problem("until", f"only a snoozed decision has an end, and this one is {state}: set it to null")
        return state, d.instant("at") or self.now, until


_CONTACTS = "contact in $.contacts"
_INTERVIEWS = "interview of this application"
_KEY_WORDS = {"interview_id": "interview", "contact_id": "contact", "reply_id": "reply"}
_WHERE = {"interview_id": _INTERVIEWS, "contact_id": _CONTACTS, "reply_id": "touchpoint of this application"}


def _offset(moment: datetime) -> str:
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def _tags(a: Fields) -> tuple[str, ...]:
    """An application's tags, as `followup app edit --tag` keeps them (the schema checked the shape)."""
    items = a.obj.get("tags")
    if not isinstance(items, list):
        return ()
    try:
        return tag_list([t for t in items if isinstance(t, str)])
    except FieldError as error:
        a.problem("tags", str(error))
        return ()
