"""Domain values as JSON-ready dicts: one shape per thing, shared by `--json` and the web API.

Each shape is declared here once, as a TypedDict of the keys it has; the API's response models
(web/api/models.py) describe the same keys for the OpenAPI document and are checked against
these declarations when they are defined, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypedDict

from followup.domain.model import Application, Contact, Interview, Touchpoint


def _moment(value: datetime | None, tz: Any = None) -> str | None:
    if value is None:
        return None
    return (value.astimezone(tz) if tz else value).isoformat(timespec="seconds")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


class ApplicationShape(TypedDict):
    id: int
    company: str
    role: str
    status: str
    source: str
    recruiter_id: int | None
    company_style: str
    job_url: str | None
    applied_on: str | None
    created_at: str | None
    closed_at: str | None
    notes: str | None
    location: str | None
    salary: str | None
    excitement: int | None
    tags: list[str]
    description: str | None


class ContactShape(TypedDict):
    id: int
    name: str
    role: str
    title: str | None
    email: str | None
    phone: str | None
    postal_address: str | None
    preferred_channel: str
    organisation: str | None
    notes: str | None
    honorific: str | None
    salutation: str
    language: str | None


class InterviewShape(TypedDict):
    id: int
    application_id: int
    round: int
    starts_at: str | None
    ends_at: str | None
    timezone: str
    duration_minutes: int
    kind: str
    participant_ids: list[int]
    next_steps: str | None
    timeline_text: str | None
    decision_date: str | None
    main_points: str | None
    forgot_to_mention: str | None
    to_clarify: str | None


class TouchpointShape(TypedDict):
    id: int
    application_id: int
    contact_id: int | None
    direction: str
    channel: str
    kind: str
    outcome: str | None
    occurred_at: str | None
    subject: str | None
    message_id: str | None
    promised_date: str | None
    notes: str | None


class FindingShape(TypedDict):
    id: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int


class RecipientShape(TypedDict):
    name: str
    email: str | None


class DraftShape(TypedDict):
    kind: str
    tone: str
    channel: str
    subject: str
    body: str
    html: str | None
    recipients: list[RecipientShape]
    in_reply_to: str | None
    references: list[str]
    template: str
    alternatives: list[str]
    checks: list[FindingShape]
    notes_to_weave: list[str]
    edited: bool


def application(app: Application, tz: Any = None) -> ApplicationShape:
    return {
        "id": app.id,
        "company": app.company,
        "role": app.role,
        "status": app.status.value,
        "source": app.source.value,
        "recruiter_id": app.recruiter_id,
        "company_style": app.company_style.value,
        "job_url": app.job_url,
        "applied_on": _day(app.applied_on),
        "created_at": _moment(app.created_at, tz),
        "closed_at": _moment(app.closed_at, tz),
        "notes": app.notes,
        "location": app.location,
        "salary": app.salary,
        "excitement": app.excitement,
        "tags": list(app.tags),
        "description": app.description,
    }


def contact(person: Contact) -> ContactShape:
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role.value,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "postal_address": person.postal_address,
        "preferred_channel": person.preferred_channel.value,
        "organisation": person.organisation,
        "notes": person.notes,
        "honorific": person.honorific,
        "salutation": person.salutation.value,
        "language": person.language.value if person.language else None,
    }


def interview(item: Interview) -> InterviewShape:
    return {
        "id": item.id,
        "application_id": item.application_id,
        "round": item.round,
        "starts_at": _moment(item.starts_at),
        "ends_at": _moment(item.ends_at),
        "timezone": item.timezone,
        "duration_minutes": int(item.duration.total_seconds() // 60),
        "kind": item.kind.value,
        "participant_ids": list(item.participant_ids),
        "next_steps": item.next_steps,
        "timeline_text": item.timeline_text,
        "decision_date": _day(item.decision_date),
        "main_points": item.main_points,
        "forgot_to_mention": item.forgot_to_mention,
        "to_clarify": item.to_clarify,
    }


def touchpoint(item: Touchpoint, tz: Any = None) -> TouchpointShape:
    return {
        "id": item.id,
        "application_id": item.application_id,
        "contact_id": item.contact_id,
        "direction": item.direction.value,
        "channel": item.channel.value,
        "kind": item.kind.value,
        "outcome": item.outcome.value if item.outcome else None,
        "occurred_at": _moment(item.occurred_at, tz),
        "subject": item.subject,
        "message_id": item.message_id,
        "promised_date": _day(item.promised_date),
        "notes": item.notes,
    }


def finding(item: Any) -> FindingShape:
    """One check result (a drafting Finding), as `followup check --json` and the API show it."""
    return {
        "id": item.id,
        "severity": item.severity.value,
        "message": item.message,
        "start": item.start,
        "end": item.end,
        "line": item.line,
        "column": item.column,
    }


def checked_draft(result: Any) -> DraftShape:
    """A CheckedDraft, as `followup draft --json` and `GET /api/v1/actions/{id}/draft` show it."""
    text = result.draft
    return {
        "kind": text.kind.value,
        "tone": text.tone.value,
        "channel": {"email": "email", "letter": "letter", "script": "phone"}[text.kind.medium],
        "subject": text.subject,
        "body": text.body,
        "html": text.html,
        "recipients": [{"name": p.name, "email": p.email} for p in text.to],
        "in_reply_to": text.in_reply_to,
        "references": list(text.references),
        "template": text.template,
        "alternatives": [k.value for k in result.alternatives],
        "checks": [finding(f) for f in result.findings],
        "notes_to_weave": list(text.notes_to_weave),
        "edited": bool(getattr(result, "edited", False)),
    }
