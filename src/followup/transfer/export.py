"""Everything a user keeps, as one versioned JSON document (see docs/export-format.md).

Ids in the file are renumbered 1, 2, 3... in file order, per kind of row.
Import assigns new ids in that same order, so exporting, importing into an
empty database and exporting again gives the same document, even when the
original database has gaps left by deletions. Every numbering follows the
database ids, so it keeps any order the database gives by id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from followup.domain.model import Application, Contact, Interview, ReferenceNamed, Touchpoint
from followup.domain.settings import Settings
from followup.store import draft_edits as edit_store
from followup.store import records
from followup.store import transfer as transfer_store
from followup.store.db import Store
from followup.transfer.keys import ActionKey, IdMaps, possible_keys

FORMAT = "followup-export"
VERSION = 1


def export_document(store: Store, tz: tzinfo, now: datetime, settings: Settings) -> dict[str, Any]:
    """The whole of the user's data as a JSON-ready dict, times in `tz`, stamped as exported `now`."""
    contacts = sorted(records.list_contacts(store), key=lambda c: c.id)
    applications = sorted(records.list_applications(store), key=lambda a: a.id)
    ids = IdMaps(contacts={c.id: n for n, c in enumerate(contacts, 1)})
    decisions: dict[int, list[transfer_store.DecisionRow]] = defaultdict(list)
    pipeline = []
    for row in transfer_store.all_decisions(store):
        if row.application_id is None:
            pipeline.append(row)
        else:
            decisions[row.application_id].append(row)
    edits: dict[int, list[edit_store.DraftEdit]] = defaultdict(list)
    for edit in edit_store.all_edits(store):
        if edit.application_id is not None:
            edits[edit.application_id].append(edit)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": moment(now, tz),
        "settings": {"timezone": settings.timezone, "country": settings.country},
        "contacts": [_contact(c, ids) for c in contacts],
        "applications": [
            _application(store, tz, app, n, ids, decisions[app.id], edits[app.id])
            for n, app in enumerate(applications, 1)
        ],
        "pipeline_decisions": [
            {
                "kind": row.kind,
                "state": row.state.value,
                "at": moment(row.at, tz),
                "until": moment(row.until, tz),
                "note": row.note,
                "action_id": row.action_id,
            }
            for row in pipeline
        ],
    }


def _contact(contact: Contact, ids: IdMaps) -> dict[str, Any]:
    return {
        "id": ids.contacts[contact.id],
        "name": contact.name,
        "role": contact.role.value,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
        "postal_address": contact.postal_address,
        "preferred_channel": contact.preferred_channel.value,
        "organisation": contact.organisation,
        "notes": contact.notes,
        "honorific": contact.honorific,
        "salutation": contact.salutation.value,
        "language": contact.language.value if contact.language else None,
    }


def _application(
    store: Store,
    tz: tzinfo,
    app: Application,
    number: int,
    ids: IdMaps,
    decisions: list[transfer_store.DecisionRow],
    edits: list[edit_store.DraftEdit],
) -> dict[str, Any]:
    interviews = sorted(records.interviews_of(store, app.id), key=lambda i: i.id)
    touchpoints = sorted(records.touchpoints_of(store, app.id), key=lambda t: t.id)
    # Interviews and touchpoints are numbered across the whole file, so these
    # maps grow application by application.
    for interview in interviews:
        ids.interviews[interview.id] = len(ids.interviews) + 1
    for touchpoint in touchpoints:
        ids.touchpoints[touchpoint.id] = len(ids.touchpoints) + 1
    linked = [c.id for c in records.list_contacts(store, application_id=app.id)]
    keys = possible_keys(
        app.id,
        [(i.id, i.participant_ids) for i in interviews],
        [*linked, *([app.recruiter_id] if app.recruiter_id else [])],
        [t.id for t in touchpoints],
    )

    def key_of(action_id: str | None) -> ActionKey | None:
        key = keys.get(action_id) if action_id else None
        return key.renumbered(ids) if key else None

    found = {
        "id": number,
        "company": app.company,
        "role": app.role,
        "job_url": app.job_url,
        "source": app.source.value,
        "recruiter_id": ids.contacts[app.recruiter_id] if app.recruiter_id else None,
        "company_style": app.company_style.value,
        "status": app.status.value,
        "applied_on": day(app.applied_on),
        "closed_at": moment(app.closed_at, tz),
        "created_at": moment(app.created_at, tz),
        "entered_at": moment(app.entered_at, tz),
        "notes": app.notes,
        "location": app.location,
        "salary": app.salary,
        "excitement": app.excitement,
        "tags": list(app.tags),
        "description": app.description,
        "undated_interview": app.undated_interview,
        "contact_ids": sorted(ids.contacts[c] for c in linked),
        "interviews": [_interview(i, ids, tz) for i in interviews],
        "touchpoints": [_touchpoint(t, ids, key_of(t.action_id), tz) for t in touchpoints],
        "references": [_reference(r, ids, tz) for r in records.references_of(store, app.id)],
        "decisions": _decisions(decisions, key_of, tz),
    }
    draft_edits = _draft_edits(edits, key_of, tz)
    # Left out when empty, so files from before draft edits and files without any read alike.
    return found | {"draft_edits": draft_edits} if draft_edits else found


def _decisions(
    rows: list[transfer_store.DecisionRow], key_of: Callable[[str | None], ActionKey | None], tz: tzinfo
) -> list[dict[str, Any]]:
    keyed = []
    for row in rows:
        key = key_of(row.action_id)
        # No key: its interview, contact or reply was deleted, so the action can never return.
        if key is not None:
            keyed.append((row, key))
    # Ordered by file-local values only, so that the order survives renumbering.
    keyed.sort(key=lambda rk: (rk[0].at, rk[1].kind.value, *(i or 0 for i in rk[1].ids())))
    return [
        {"kind": key.kind.value, "state": row.state.value, "at": moment(row.at, tz)}
        | {"until": moment(row.until, tz), "note": row.note}
        | key.to_json()
        for row, key in keyed
    ]


def _draft_edits(
    rows: list[edit_store.DraftEdit], key_of: Callable[[str | None], ActionKey | None], tz: tzinfo
) -> list[dict[str, Any]]:
    keyed = [(row, key) for row in rows if (key := key_of(row.action_id)) is not None]
    # As for decisions: ordered by file-local values only, so that the order survives renumbering.
    keyed.sort(key=lambda rk: (rk[0].edited_at, rk[1].kind.value, *(i or 0 for i in rk[1].ids()), rk[0].kind))
    return [
        {"action": key.to_json(), "kind": row.kind, "subject": row.subject, "body": row.body}
        | {"edited_at": moment(row.edited_at, tz)}
        for row, key in keyed
    ]


def _interview(interview: Interview, ids: IdMaps, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": ids.interviews[interview.id],
        "round": interview.round,
        # In the interview's own zone: the wall-clock time the user was given.
        "starts_at": interview.starts_at.isoformat(timespec="seconds"),
        "timezone": interview.timezone,
        "duration_minutes": int(interview.duration.total_seconds() // 60),
        "kind": interview.kind.value,
        "participant_ids": sorted(ids.contacts[p] for p in interview.participant_ids),
        "next_steps": interview.next_steps,
        "timeline_text": interview.timeline_text,
        "decision_date": day(interview.decision_date),
        "main_points": interview.main_points,
        "forgot_to_mention": interview.forgot_to_mention,
        "to_clarify": interview.to_clarify,
        "recorded_at": moment(interview.recorded_at, tz),
    }


def _touchpoint(touchpoint: Touchpoint, ids: IdMaps, action: ActionKey | None, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": ids.touchpoints[touchpoint.id],
        "contact_id": ids.contacts[touchpoint.contact_id] if touchpoint.contact_id else None,
        "direction": touchpoint.direction.value,
        "channel": touchpoint.channel.value,
        "kind": touchpoint.kind.value,
        "outcome": touchpoint.outcome.value if touchpoint.outcome else None,
        "occurred_at": moment(touchpoint.occurred_at, tz),
        "subject": touchpoint.subject,
        "message_id": touchpoint.message_id,
        "promised_date": day(touchpoint.promised_date),
        "notes": touchpoint.notes,
        "action": action.to_json() if action else None,
    }


def _reference(reference: ReferenceNamed, ids: IdMaps, tz: tzinfo) -> dict[str, Any]:
    return {
        "contact_id": ids.contacts[reference.contact_id],
        "interview_id": ids.interviews[reference.interview_id] if reference.interview_id else None,
        "named_at": moment(reference.named_at, tz),
    }


def moment(value: datetime | None, tz: tzinfo) -> str | None:
    """An instant as ISO 8601 with the offset `tz` has at that instant, to the second."""
    return value.astimezone(tz).isoformat(timespec="seconds") if value is not None else None


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
