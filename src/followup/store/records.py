"""Reading and writing applications, contacts, interviews, touchpoints and references.

Functions take the connection and the owner; every query is scoped to that
owner so that one database can serve several job seekers later on. Values
come in as domain types and are converted here, at the edge.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from followup.domain.model import (
    Application,
    ApplicationStatus,
    Channel,
    CompanyStyle,
    Contact,
    ContactRole,
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
from followup.domain.text import fold_for_search
from followup.errors import NotFound
from followup.store.convert import day_or_none, instant, instant_or_none, iso
from followup.store.db import Connection, Store

APPLICATION_COLUMNS = [
    "company",
    "role",
    "job_url",
    "source",
    "recruiter_id",
    "company_style",
    "status",
    "applied_on",
    "closed_at",
    "notes",
    "location",
    "salary",
    "excitement",
    "tags",
    "description",
    "undated_interview",
    "entered_at",
]
CONTACT_COLUMNS = [
    "name",
    "role",
    "title",
    "email",
    "phone",
    "postal_address",
    "preferred_channel",
    "organisation",
    "notes",
    "honorific",
    "salutation",
    "language",
]
INTERVIEW_COLUMNS = [
    "round",
    "starts_at",
    "timezone",
    "duration_minutes",
    "kind",
    "next_steps",
    "timeline_text",
    "decision_date",
    "main_points",
    "forgot_to_mention",
    "to_clarify",
]
TOUCHPOINT_COLUMNS = [
    "application_id",
    "contact_id",
    "direction",
    "channel",
    "kind",
    "outcome",
    "occurred_at",
    "subject",
    "message_id",
    "promised_date",
    "notes",
    "action_id",
]


def _value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return int(value.total_seconds() // 60)
    return value


def _insert(
    conn: Connection,
    table: str,
    values: Mapping[str, Any],
    allowed: Iterable[str],
    set_by_store: Mapping[str, Any],
) -> int:
    """Insert one row: `values` from the caller, `set_by_store` (owner, timestamps) from the store.

    The keys of `values` become column names in the SQL, so any key outside `allowed`
    is refused before a statement is built: a caller can never name a column of its
    own, nor set the owner, the id or the creation time.
    """
    _refuse_unknown(table, values, allowed, "insert")
    row = {**values, **set_by_store}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    row_id: int = conn.execute(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id", [_value(v) for v in row.values()]
    ).fetchone()[0]
    return row_id


def _update(
    conn: Connection,
    table: str,
    owner: int,
    row_id: int,
    values: Mapping[str, Any],
    allowed: Iterable[str],
) -> None:
    _refuse_unknown(table, values, allowed, "update")
    if not values:
        return
    assignments = ", ".join(f"{name} = ?" for name in values)
    params = [_value(v) for v in values.values()] + [row_id, owner]
    cursor = conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ? AND owner_id = ?", params)
    if cursor.rowcount == 0:
        raise NotFound(f"no {table} with id {row_id}")


def _refuse_unknown(table: str, values: Mapping[str, Any], allowed: Iterable[str], verb: str) -> None:
    # A programming error, not the user's: the application layer hands over typed commands,
    # so an unknown key means a caller bypassed them. Raised before any SQL is built.
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"cannot {verb} {', '.join(sorted(unknown))} of {table}")


# -- applications -------------------------------------------------------------------------

# Tags are stored as one text, joined by commas (the application layer has made them
# free of commas, trimmed and unique); NULL when there are none.
TAG_SEPARATOR = ","


def join_tags(tags: tuple[str, ...]) -> str | None:
    return TAG_SEPARATOR.join(tags) if tags else None


def split_tags(text: str | None) -> tuple[str, ...]:
    return tuple(t for t in text.split(TAG_SEPARATOR) if t) if text else ()


def _with_joined_tags(values: dict[str, Any]) -> dict[str, Any]:
    if isinstance(values.get("tags"), tuple | list):
        return {**values, "tags": join_tags(tuple(values["tags"]))}
    return values


def add_application(store: Store, now: datetime, **values: Any) -> int:
    return _insert(
        store.conn,
        "application",
        _with_joined_tags(values),
        APPLICATION_COLUMNS,
        {"owner_id": store.owner, "created_at": now, "updated_at": now},
    )


def update_application(store: Store, app_id: int, now: datetime, **values: Any) -> None:
    _update(store.conn, "application", store.owner, app_id, _with_joined_tags(values), APPLICATION_COLUMNS)
    store.conn.execute("UPDATE application SET updated_at = ? WHERE id = ?", (iso(now), app_id))


def application_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Application:
    (
        id_,
        company,
        role,
        job_url,
        source,
        recruiter_id,
        style,
        status,
        applied_on,
        closed_at,
        notes,
        location,
        salary,
        excitement,
        tags,
        description,
        undated_interview,
        entered_at,
        created_at,
    ) = row
    return Application(
        id=id_,
        company=company,
        role=role,
        job_url=job_url,
        source=Source(source),
        recruiter_id=recruiter_id,
        company_style=CompanyStyle(style),
        status=ApplicationStatus(status),
        applied_on=day_or_none(applied_on),
        closed_at=instant_or_none(closed_at),
        notes=notes,
        location=location,
        salary=salary,
        excitement=excitement,
        tags=split_tags(tags),
        description=description,
        undated_interview=undated_interview,
        entered_at=instant_or_none(entered_at),
        created_at=instant(created_at),
    )


APPLICATION_SELECT = (
    "SELECT id, company, role, job_url, source, recruiter_id, company_style, status, applied_on, "
    "closed_at, notes, location, salary, excitement, tags, description, undated_interview, "
    "entered_at, created_at FROM application"
)


def get_application(store: Store, app_id: int) -> Application:
    row = store.conn.execute(f"{APPLICATION_SELECT} WHERE id = ? AND owner_id = ?", (app_id, store.owner)).fetchone()
    if row is None:
        raise NotFound(f"no application with id {app_id}", hint="List them with `followup app list`.")
    return application_from_row(row)


# The columns a search looks in.
# An application is named by its company and role (what `followup show acme` looks in);
# a search of the list also reads where the job is, its tags and its description.
APPLICATION_NAMED = ("company", "role")
APPLICATION_SEARCHED = (*APPLICATION_NAMED, "location", "tags", "description")
CONTACT_SEARCHED = ("name", "email")


def _fold(value: str | None) -> str | None:
    return fold_for_search(value) if isinstance(value, str) else value


def matching(store: Store, columns: Iterable[str], text: str) -> tuple[str, list[str]]:
    """SQL true when one of `columns` contains `text`, with its parameters.

    Case and accents are ignored on both sides ("muller" finds "Müller": `fold_for_search`,
    as SQLite function `fold`), and `%` and `_` are matched literally.
    """
    # Registered on every use: cheap, and any connection (a test's, a copy's) can search.
    # PostgreSQL has it from its schema (migrations/baseline.pg.sql).
    if isinstance(store.conn, sqlite3.Connection):
        store.conn.create_function("fold", 1, _fold, deterministic=True)
    folded = fold_for_search(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    names = list(columns)
    sql = " OR ".join(f"fold({name}) LIKE ? ESCAPE '\\'" for name in names)
    return f"({sql})", [f"%{folded}%"] * len(names)


def list_applications(
    store: Store,
    *,
    status: str | None = None,
    search: str | None = None,
    searched: Iterable[str] = APPLICATION_SEARCHED,
) -> list[Application]:
    sql = f"{APPLICATION_SELECT} WHERE owner_id = ?"
    params: list[Any] = [store.owner]
    if status:
        sql += " AND status = ?"
        params.append(status)
    if search:
        where, values = matching(store, searched, search)
        sql += f" AND {where}"
        params += values
    sql += " ORDER BY created_at DESC, id DESC"
    return [application_from_row(r) for r in store.conn.execute(sql, params)]


def delete_application(store: Store, app_id: int) -> None:
    if store.conn.execute("DELETE FROM application WHERE id = ? AND owner_id = ?", (app_id, store.owner)).rowcount == 0:
        raise NotFound(f"no application with id {app_id}")


# -- contacts -----------------------------------------------------------------------------


def add_contact(store: Store, now: datetime, **values: Any) -> int:
    return _insert(store.conn, "contact", values, CONTACT_COLUMNS, {"owner_id": store.owner, "created_at": now})


def update_contact(store: Store, contact_id: int, **values: Any) -> None:
    _update(store.conn, "contact", store.owner, contact_id, values, CONTACT_COLUMNS)


CONTACT_SELECT = (
    "SELECT id, name, role, title, email, phone, postal_address, preferred_channel, organisation, notes, "
    "honorific, salutation, language FROM contact"
)


def contact_from_row(row: tuple[Any, ...]) -> Contact:
    id_, name, role, title, email, phone, address, channel, organisation, notes, honorific, salutation, language = row
    return Contact(
        id=id_,
        name=name,
        role=ContactRole(role),
        title=title,
        email=email,
        phone=phone,
        postal_address=address,
        preferred_channel=PreferredChannel(channel),
        organisation=organisation,
        notes=notes,
        honorific=honorific,
        salutation=Salutation(salutation),
        language=Language(language) if language else None,
    )


def get_contact(store: Store, contact_id: int) -> Contact:
    row = store.conn.execute(f"{CONTACT_SELECT} WHERE id = ? AND owner_id = ?", (contact_id, store.owner)).fetchone()
    if row is None:
        raise NotFound(f"no contact with id {contact_id}", hint="List them with `followup contact list`.")
    return contact_from_row(row)


def list_contacts(store: Store, *, application_id: int | None = None, search: str | None = None) -> list[Contact]:
    sql = f"{CONTACT_SELECT} WHERE owner_id = ?"
    params: list[Any] = [store.owner]
    if application_id is not None:
        sql += " AND id IN (SELECT contact_id FROM application_contact WHERE application_id = ?)"
        params.append(application_id)
    if search:
        where, values = matching(store, CONTACT_SEARCHED, search)
        sql += f" AND {where}"
        params += values
    return [contact_from_row(r) for r in store.conn.execute(sql + " ORDER BY name, id", params)]


def link_contact(store: Store, app_id: int, contact_id: int) -> None:
    store.conn.execute(
        "INSERT INTO application_contact (application_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        (app_id, contact_id),
    )


def applications_of_contact(store: Store, contact_id: int) -> list[int]:
    rows = store.conn.execute(
        "SELECT application_id FROM application_contact WHERE contact_id = ? "
        "UNION SELECT id FROM application WHERE recruiter_id = ?",
        (contact_id, contact_id),
    )
    return sorted(r[0] for r in rows)


# -- interviews ---------------------------------------------------------------------------


def add_interview(
    store: Store,
    app_id: int,
    now: datetime,
    participants: Iterable[int],
    **values: Any,
) -> int:
    interview_id = _insert(
        store.conn,
        "interview",
        values,
        INTERVIEW_COLUMNS,
        {"owner_id": store.owner, "application_id": app_id, "recorded_at": now},
    )
    set_participants(store, interview_id, app_id, participants)
    return interview_id


def update_interview(store: Store, interview_id: int, **values: Any) -> None:
    _update(store.conn, "interview", store.owner, interview_id, values, INTERVIEW_COLUMNS)


def set_participants(store: Store, interview_id: int, app_id: int, contacts: Iterable[int]) -> None:
    store.conn.execute("DELETE FROM interview_participant WHERE interview_id = ?", (interview_id,))
    for contact_id in contacts:
        store.conn.execute(
            "INSERT INTO interview_participant (interview_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (interview_id, contact_id),
        )
        link_contact(store, app_id, contact_id)


INTERVIEW_SELECT = (
    "SELECT id, application_id, round, starts_at, timezone, duration_minutes, kind, next_steps, "
    "timeline_text, decision_date, main_points, forgot_to_mention, to_clarify, recorded_at, "
    "(SELECT group_concat(contact_id) FROM interview_participant p WHERE p.interview_id = interview.id) "
    "FROM interview"
)


def interview_from_row(row: tuple[Any, ...]) -> Interview:
    (
        id_,
        app_id,
        round_,
        starts_at,
        tz,
        minutes,
        kind,
        next_steps,
        timeline,
        decision,
        points,
        forgot,
        clarify,
        recorded,
        participants,
    ) = row
    from zoneinfo import ZoneInfo

    return Interview(
        id=id_,
        application_id=app_id,
        round=round_,
        starts_at=instant(starts_at).astimezone(ZoneInfo(tz)),
        timezone=tz,
        duration=timedelta(minutes=minutes),
        kind=InterviewKind(kind),
        participant_ids=tuple(sorted(int(p) for p in participants.split(","))) if participants else (),
        next_steps=next_steps,
        timeline_text=timeline,
        decision_date=day_or_none(decision),
        main_points=points,
        forgot_to_mention=forgot,
        to_clarify=clarify,
        recorded_at=instant_or_none(recorded),
    )


def get_interview(store: Store, interview_id: int) -> Interview:
    row = store.conn.execute(
        f"{INTERVIEW_SELECT} WHERE id = ? AND owner_id = ?", (interview_id, store.owner)
    ).fetchone()
    if row is None:
        raise NotFound(f"no interview with id {interview_id}", hint="See them with `followup show APP`.")
    return interview_from_row(row)


def interviews_of(store: Store, app_id: int) -> list[Interview]:
    rows = store.conn.execute(f"{INTERVIEW_SELECT} WHERE application_id = ? ORDER BY starts_at, id", (app_id,))
    return [interview_from_row(r) for r in rows]


def delete_interview(store: Store, interview_id: int) -> None:
    store.conn.execute("DELETE FROM interview WHERE id = ? AND owner_id = ?", (interview_id, store.owner))


# -- touchpoints --------------------------------------------------------------------------


def add_touchpoint(store: Store, now: datetime, **values: Any) -> int:
    return _insert(store.conn, "touchpoint", values, TOUCHPOINT_COLUMNS, {"owner_id": store.owner, "created_at": now})


TOUCHPOINT_SELECT = (
    "SELECT id, application_id, contact_id, direction, channel, kind, outcome, occurred_at, subject, "
    "message_id, promised_date, notes, action_id FROM touchpoint"
)


def touchpoint_from_row(row: tuple[Any, ...]) -> Touchpoint:
    (
        id_,
        app_id,
        contact_id,
        direction,
        channel,
        kind,
        outcome,
        occurred,
        subject,
        message_id,
        promised,
        notes,
        action_id,
    ) = row
    return Touchpoint(
        id=id_,
        application_id=app_id,
        contact_id=contact_id,
        direction=Direction(direction),
        channel=Channel(channel),
        kind=TouchpointKind(kind),
        outcome=Outcome(outcome) if outcome else None,
        occurred_at=instant(occurred),
        subject=subject,
        message_id=message_id,
        promised_date=day_or_none(promised),
        notes=notes,
        action_id=action_id,
    )


def touchpoints_of(store: Store, app_id: int) -> list[Touchpoint]:
    rows = store.conn.execute(f"{TOUCHPOINT_SELECT} WHERE application_id = ? ORDER BY occurred_at, id", (app_id,))
    return [touchpoint_from_row(r) for r in rows]


def touchpoint_application(store: Store, touchpoint_id: int) -> int:
    row = store.conn.execute(
        "SELECT application_id FROM touchpoint WHERE id = ? AND owner_id = ?", (touchpoint_id, store.owner)
    ).fetchone()
    if row is None:
        raise NotFound(f"no touchpoint with id {touchpoint_id}", hint="See them with `followup touchpoint list APP`.")
    return int(row[0])


def update_touchpoint(store: Store, touchpoint_id: int, **values: Any) -> None:
    _update(store.conn, "touchpoint", store.owner, touchpoint_id, values, TOUCHPOINT_COLUMNS)


def delete_touchpoint(store: Store, touchpoint_id: int) -> int:
    app_id = touchpoint_application(store, touchpoint_id)
    store.conn.execute("DELETE FROM touchpoint WHERE id = ?", (touchpoint_id,))
    return app_id


# -- references ---------------------------------------------------------------------------


def add_reference(store: Store, app_id: int, contact_id: int, named_at: datetime, interview_id: int | None) -> None:
    store.conn.execute(
        "INSERT INTO reference_named (application_id, contact_id, interview_id, named_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (application_id, contact_id) DO UPDATE SET interview_id = excluded.interview_id, "
        "named_at = excluded.named_at",
        (app_id, contact_id, interview_id, iso(named_at)),
    )
    link_contact(store, app_id, contact_id)


def references_of(store: Store, app_id: int) -> list[ReferenceNamed]:
    rows = store.conn.execute(
        "SELECT contact_id, named_at, interview_id FROM reference_named WHERE application_id = ? "
        "ORDER BY named_at, contact_id",
        (app_id,),
    )
    return [ReferenceNamed(contact_id=c, named_at=instant(n), interview_id=i) for c, n, i in rows]
