"""Domain values as JSON-ready dicts: one shape per thing, shared by `--json` and the web API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from followup.domain.model import Application, Contact, Interview, Touchpoint


def _moment(value: datetime | None, tz: Any = None) -> str | None:
    if value is None:
        return None
    return (value.astimezone(tz) if tz else value).isoformat(timespec="seconds")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def application(app: Application, tz: Any = None) -> dict[str, Any]:
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
    }


def contact(person: Contact) -> dict[str, Any]:
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
    }


def interview(item: Interview) -> dict[str, Any]:
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


def touchpoint(item: Touchpoint, tz: Any = None) -> dict[str, Any]:
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


def finding(item: Any) -> dict[str, Any]:
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


def checked_draft(result: Any) -> dict[str, Any]:
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
    }
