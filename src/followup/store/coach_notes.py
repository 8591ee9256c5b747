"""A coach's notes, kept on the job seeker's side (their owner id): the seeker reads them with their own data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.store.convert import instant, iso
from followup.store.db import Store


@dataclass(frozen=True)
class CoachNote:
    id: int
    coach_id: int
    coach_name: str  # the coach's name, else their address
    application_id: int | None
    company: str | None
    body: str
    created_at: datetime


def add(store: Store, coach_id: int, application_id: int | None, body: str, now: datetime) -> int:
    row = store.conn.execute(
        "INSERT INTO coach_note (owner_id, coach_id, application_id, body, created_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id",
        (store.owner, coach_id, application_id, body, iso(now)),
    ).fetchone()
    return int(row[0])


def notes(store: Store, application_id: int | None = None, *, limit: int = 50) -> list[CoachNote]:
    """The newest first; with `application_id`, the notes about that application only."""
    where = "n.owner_id = ?" + (" AND n.application_id = ?" if application_id is not None else "")
    params: tuple[object, ...] = (store.owner,) if application_id is None else (store.owner, application_id)
    rows = store.conn.execute(
        "SELECT n.id, n.coach_id, CASE WHEN a.name <> '' THEN a.name ELSE a.email END, n.application_id, "
        "p.company, n.body, n.created_at FROM coach_note n JOIN account a ON a.owner_id = n.coach_id "
        f"LEFT JOIN application p ON p.id = n.application_id WHERE {where} ORDER BY n.created_at DESC, n.id DESC "
        "LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [CoachNote(r[0], r[1], r[2], r[3], r[4], r[5], instant(r[6])) for r in rows]
