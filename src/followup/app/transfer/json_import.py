"""Importing a followup export: check everything first, then write it all in one transaction.

Rows get new ids in file order, after whatever the database already holds,
so an import never overwrites anything. Action ids are recomputed from the
new ids (see `keys`), and the imported applications' agenda is rebuilt before
the transaction commits.

An application that is here already (`transfer.duplicates`) is left out with
everything about it, and a contact that is here already (the same name, email
and role) is the one here, so importing the same backup twice adds nothing.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from followup.app import plan
from followup.app.context import Env
from followup.domain.model import ActionKind, Contact
from followup.errors import ImportFailed
from followup.store import actions as action_store
from followup.store import draft_edits as edit_store
from followup.store import records
from followup.store import transfer as store
from followup.store.db import transaction
from followup.transfer.decoding import decode
from followup.transfer.document import ApplicationEntry, Document
from followup.transfer.duplicates import application_keys
from followup.transfer.keys import IdMaps
from followup.transfer.read import read_document
from followup.transfer.report import ImportReport, problems_found
from followup.transfer.schema import Problem, envelope_problems, schema_problems, sort_key

HINT = (
    "Fix these and import again (--dry-run checks without importing); "
    "every field is described in docs/export-format.md."
)


def parse_json(data: bytes | str) -> Any:
    """The parsed file, or ImportFailed saying where it stops being JSON."""
    try:
        return json.loads(decode(data), parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            "the file is not valid JSON",
            [(f"line {exc.lineno}, column {exc.colno}", exc.msg)],
            hint="Look for a missing comma, quote or bracket just before that point.",
        ) from None
    except _TooLong as exc:
        raise ImportFailed(
            "the file holds a number no followup export has",
            [(f"the number {exc.args[0][:20]}...", f"has {len(exc.args[0]):,} digits")],
            hint=HINT,
        ) from None
    except RecursionError:
        # Python's JSON reader recurses once per level of brackets.
        raise ImportFailed(
            "the file is not a followup export",
            [("the file", "its brackets are nested thousands of levels deep")],
            hint=HINT,
        ) from None


class _TooLong(ValueError):
    pass


def _whole_number(text: str) -> int:
    # Python refuses to convert more than a few thousand digits; no id or count has more than 19.
    if len(text.lstrip("-")) > 30:
        raise _TooLong(text)
    return int(text)


def import_json(env: Env, data: Any, *, dry_run: bool = False) -> ImportReport:
    """Add everything in an export document (parsed JSON) to the database, or nothing at all."""
    problems = envelope_problems(data)
    if problems:
        raise_problems(problems)  # not a version-1 export: its details would only be noise
    problems = schema_problems(data)
    document = read_document(data, env.now(), env.settings.timings.interview_minutes, problems)
    if problems:
        raise_problems(problems)
    already = [p.action_id for p in document.pipeline if store.decision_exists(env.store, p.action_id)]
    here = _already_here(env, document)
    known_contacts = _contacts_here(env, document)
    warnings = _warnings(env, document)
    was = "would be" if dry_run else "was"
    for position, why in here.items():
        app = document.applications[position].application
        warnings.append(
            f"$.applications[{position}] ({app.company}, {app.role}) is already here, with {why}: "
            f"it {was} left out, with its interviews, messages and decisions."
        )
    document.applications = [a for n, a in enumerate(document.applications) if n not in here]
    counts = _counts(document, len(already))
    counts["contacts"] -= len(known_contacts)
    report = ImportReport("json", dry_run, counts, warnings=warnings)
    report.skipped = len(here)
    report.left_out = sorted(here)
    if already:
        report.warnings.append(
            f"{len(already)} decision(s) about the keep-searching nudge are already recorded here "
            f"and {'would be' if dry_run else 'were'} kept as they are."
        )
    if not dry_run:
        with transaction(env.conn):
            report.application_ids = _write(env, document, set(already), known_contacts)
    return report


def _already_here(env: Env, document: Document) -> dict[int, str]:
    """The file's applications that are here already (by position), each with why."""
    here: dict[object, str] = {}
    for app in records.list_applications(env.store):
        for why, key in application_keys(app.company, app.role, app.applied_on, app.job_url):
            here.setdefault(key, why)
    found = {}
    for position, entry in enumerate(document.applications):
        app = entry.application
        for why, key in application_keys(app.company, app.role, app.applied_on, app.job_url):
            if key in here:
                found[position] = why
                break
    return found


def _contacts_here(env: Env, document: Document) -> dict[int, int]:
    """The file's contact id -> the id of the same contact here (same name, email and role)."""

    def key(contact: Contact) -> tuple[str, str, str]:
        return contact.name.casefold(), (contact.email or "").casefold(), contact.role.value

    here = {key(c): c.id for c in records.list_contacts(env.store)}
    return {c.id: here[key(c)] for c in document.contacts if key(c) in here}


def raise_problems(problems: list[Problem]) -> NoReturn:
    raise problems_found(sorted(problems, key=sort_key), HINT)


def _counts(document: Document, pipeline_known: int) -> dict[str, int]:
    apps = document.applications
    return {
        "contacts": len(document.contacts),
        "applications": len(apps),
        "interviews": sum(len(a.interviews) for a in apps),
        "touchpoints": sum(len(a.touchpoints) for a in apps),
        "references": sum(len(a.references) for a in apps),
        "decisions": sum(len(a.decisions) for a in apps),
        "draft_edits": sum(len(a.draft_edits) for a in apps),
        "pipeline_decisions": len(document.pipeline) - pipeline_known,
    }


def _warnings(env: Env, document: Document) -> list[str]:
    warnings = list(document.warnings)
    theirs, ours = document.settings.get("timezone"), env.settings.timezone
    if theirs and theirs != ours:
        warnings.append(
            f"The file was exported in time zone {theirs} and yours is {ours}: times keep their "
            "meaning and are shown in yours."
        )
    theirs, ours = document.settings.get("country"), env.settings.country
    if theirs and theirs != ours:
        warnings.append(
            f"The file was exported with country {theirs} and yours is {ours}: business days now "
            f"follow the public holidays of {ours}."
        )
    return warnings


def _write(env: Env, document: Document, pipeline_known: set[str], known_contacts: dict[int, int]) -> list[int]:
    now = env.now()
    ids = IdMaps()
    for c in document.contacts:
        if c.id in known_contacts:
            ids.contacts[c.id] = known_contacts[c.id]
            continue
        ids.contacts[c.id] = records.add_contact(
            env.store, now, **{name: getattr(c, name) for name in records.CONTACT_COLUMNS}
        )
    app_ids = [_write_application(env, entry, ids) for entry in document.applications]
    plan.refresh(env, app_ids)
    for p in document.pipeline:
        if p.action_id not in pipeline_known:
            action_store.decide(
                env.store, p.action_id, ActionKind.KEEP_SEARCHING.value, None, p.state, p.at, p.until, p.note
            )
    return app_ids


def _write_application(env: Env, entry: ApplicationEntry, ids: IdMaps) -> int:
    now = env.now()
    app = entry.application
    values = {name: getattr(app, name) for name in records.APPLICATION_COLUMNS}
    values["recruiter_id"] = ids.contacts[app.recruiter_id] if app.recruiter_id else None
    # `now` is the creation time records.add_application stamps; here it is the file's.
    app_id = records.add_application(env.store, app.created_at, **values)
    # The recruiter is linked as `followup app add` links it.
    for contact_id in [*entry.contact_ids, *([app.recruiter_id] if app.recruiter_id else [])]:
        records.link_contact(env.store, app_id, ids.contacts[contact_id])
    for i in entry.interviews:
        ids.interviews[i.id] = records.add_interview(
            env.store,
            app_id,
            i.recorded_at or now,
            [ids.contacts[p] for p in i.participant_ids],
            round=i.round,
            starts_at=i.starts_at,
            timezone=i.timezone,
            duration_minutes=int(i.duration.total_seconds() // 60),
            kind=i.kind,
            next_steps=i.next_steps,
            timeline_text=i.timeline_text,
            decision_date=i.decision_date,
            main_points=i.main_points,
            forgot_to_mention=i.forgot_to_mention,
            to_clarify=i.to_clarify,
        )
    for t in entry.touchpoints:
        values = {name: getattr(t, name) for name in records.TOUCHPOINT_COLUMNS}
        values |= {"application_id": app_id, "contact_id": ids.contacts[t.contact_id] if t.contact_id else None}
        ids.touchpoints[t.id] = records.add_touchpoint(env.store, now, **values)
    for touchpoint_id, key in entry.actions.items():
        action_id = key.renumbered(ids).action_id(app_id)
        store.set_touchpoint_action(env.store, ids.touchpoints[touchpoint_id], action_id)
    for r in entry.references:
        interview_id = ids.interviews[r.interview_id] if r.interview_id else None
        records.add_reference(env.store, app_id, ids.contacts[r.contact_id], r.named_at, interview_id)
    for d in entry.decisions:
        action_id = d.key.renumbered(ids).action_id(app_id)
        action_store.decide(env.store, action_id, d.key.kind.value, app_id, d.state, d.at, d.until, d.note)
    for e in entry.draft_edits:
        values = {"application_id": app_id, "subject": e.subject, "body": e.body, "edited_at": e.edited_at}
        edit_store.save(env.store, e.key.renumbered(ids).action_id(app_id), e.kind, values)
    return app_id
