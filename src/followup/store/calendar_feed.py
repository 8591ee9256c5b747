"""What the calendar feed reads: interviews with their application and people, and each event's revision.

Calendar apps tell a changed event from an unchanged one by SEQUENCE and
LAST-MODIFIED, which no table records for interviews or planned actions. So
the feed keeps a small ledger in `meta`: per event UID, a fingerprint of what
was last published, its sequence number and when it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup.store.convert import day_or_none, instant, instant_or_none, iso
from followup.store.db import Store

LEDGER_PREFIX = "ical:"


@dataclass(frozen=True, slots=True)
class InterviewRow:
    id: int
    application_id: int
    company: str
    role: str
    status: str
    closed_at: datetime | None
    round: int
    starts_at: datetime
    minutes: int
    kind: str
    next_steps: str | None
    timeline_text: str | None
    decision_date: date | None
    main_points: str | None
    recorded_at: datetime | None
    participants: tuple[tuple[str, str | None], ...] = ()  # (name, title)


@dataclass(frozen=True, slots=True)
class Revision:
    fingerprint: str
    sequence: int
    changed_at: datetime


def interviews(store: Store) -> list[InterviewRow]:
    """Every interview of the owner, earliest first, with the names of who was in it."""
    people: dict[int, list[tuple[str, str | None]]] = {}
    for interview_id, name, title in store.conn.execute(
        "SELECT p.interview_id, c.name, c.title FROM interview_participant p "
        "JOIN contact c ON c.id = p.contact_id JOIN interview i ON i.id = p.interview_id "
        "WHERE i.owner_id = ? ORDER BY p.interview_id, c.name, c.id",
        (store.owner,),
    ):
        people.setdefault(interview_id, []).append((name, title))
    rows = store.conn.execute(
        "SELECT i.id, i.application_id, a.company, a.role, a.status, a.closed_at, i.round, i.starts_at, "
        "i.duration_minutes, i.kind, i.next_steps, i.timeline_text, i.decision_date, i.main_points, "
        "i.recorded_at FROM interview i JOIN application a ON a.id = i.application_id "
        "WHERE i.owner_id = ? ORDER BY i.starts_at, i.id",
        (store.owner,),
    )
    return [
        InterviewRow(
            id=r[0],
            application_id=r[1],
            company=r[2],
            role=r[3],
            status=r[4],
            closed_at=instant_or_none(r[5]),
            round=r[6],
            starts_at=instant(r[7]),
            minutes=r[8],
            kind=r[9],
            next_steps=r[10],
            timeline_text=r[11],
            decision_date=day_or_none(r[12]),
            main_points=r[13],
            recorded_at=instant_or_none(r[14]),
            participants=tuple(people.get(r[0], ())),
        )
        for r in rows
    ]


def revisions(store: Store) -> dict[str, Revision]:
    """The ledger, by event UID."""
    found = {}
    for key, value in store.conn.execute(
        "SELECT key, value FROM meta WHERE key >= ? AND key < ?", (LEDGER_PREFIX, LEDGER_PREFIX + "\uffff")
    ):
        fingerprint, sequence, changed = value.split(" ")
        found[key[len(LEDGER_PREFIX) :]] = Revision(fingerprint, int(sequence), instant(changed))
    return found


def save_revisions(store: Store, changed: dict[str, Revision], forget: list[str]) -> None:
    store.conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [
            (LEDGER_PREFIX + uid, f"{r.fingerprint} {r.sequence:d} {iso(r.changed_at)}")
            for uid, r in sorted(changed.items())
        ],
    )
    store.conn.executemany("DELETE FROM meta WHERE key = ?", [(LEDGER_PREFIX + uid,) for uid in sorted(forget)])
