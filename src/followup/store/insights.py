"""The facts the Insights page counts: three queries over the owner's whole history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup.store.convert import day_or_none, instant, instant_or_none
from followup.store.db import Store


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    id: int
    status: str
    applied_on: date | None
    created_at: datetime
    closed_at: datetime | None
    recruiter_id: int | None = None
    undated_interview: bool = False  # another tracker had it at an interview stage, with no day


@dataclass(frozen=True, slots=True)
class InterviewRow:
    application_id: int
    starts_at: datetime
    minutes: int
    recorded_at: datetime | None


@dataclass(frozen=True, slots=True)
class TouchpointRow:
    application_id: int
    occurred_at: datetime
    direction: str
    channel: str
    kind: str
    outcome: str | None
    contact_id: int | None = None
    contact_role: str | None = None


def applications(store: Store) -> list[ApplicationRow]:
    rows = store.conn.execute(
        "SELECT id, status, applied_on, created_at, closed_at, recruiter_id, undated_interview IS NOT NULL "
        "FROM application WHERE owner_id = ? ORDER BY id",
        (store.owner,),
    )
    return [
        ApplicationRow(i, s, day_or_none(a), instant(c), instant_or_none(x), r, bool(u)) for i, s, a, c, x, r, u in rows
    ]


def interviews(store: Store) -> list[InterviewRow]:
    rows = store.conn.execute(
        "SELECT application_id, starts_at, duration_minutes, recorded_at FROM interview "
        "WHERE owner_id = ? ORDER BY application_id, starts_at, id",
        (store.owner,),
    )
    return [InterviewRow(a, instant(s), m, instant_or_none(r)) for a, s, m, r in rows]


def touchpoints(store: Store) -> list[TouchpointRow]:
    rows = store.conn.execute(
        "SELECT t.application_id, t.occurred_at, t.direction, t.channel, t.kind, t.outcome, t.contact_id, c.role "
        "FROM touchpoint t LEFT JOIN contact c ON c.id = t.contact_id "
        "WHERE t.owner_id = ? ORDER BY t.application_id, t.occurred_at, t.id",
        (store.owner,),
    )
    return [TouchpointRow(a, instant(at), d, c, k, o, who, role) for a, at, d, c, k, o, who, role in rows]
