"""What the calendar feed reads: interviews with their application and people, and each event's revision.

Calendar apps tell a changed event from an unchanged one by SEQUENCE and
LAST-MODIFIED, which no table records for interviews or planned actions. So
the feed keeps a small ledger in `meta` (one per account): per event UID, a fingerprint of what
was last published, its sequence number and when it changed; and, so that an
event that has left the feed can still be sent as cancelled, when it started
and ended, its title, and whether it is gone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from followup.store.convert import day_or_none, instant, instant_or_none, iso
from followup.store.db import LOCAL_OWNER, Store

LEDGER_PREFIX = "ical:"
# Each account of a hosted installation has its own ledger: `meta` is the installation's table,
# and one ledger for all would send one account's events, as cancelled, in another's feed.
ACCOUNT_LEDGER_PREFIX = "ical@{owner}:"


def _prefix(store: Store) -> str:
    # The local user keeps the prefix it always had, so an upgrade changes no event's SEQUENCE.
    return LEDGER_PREFIX if store.owner == LOCAL_OWNER else ACCOUNT_LEDGER_PREFIX.format(owner=store.owner)


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
    timezone: str = "UTC"  # the zone it was agreed in (IANA name)
    participants: tuple[tuple[str, str | None], ...] = ()  # (name, title)


@dataclass(frozen=True, slots=True)
class Revision:
    fingerprint: str
    sequence: int
    changed_at: datetime
    # What was last published, to send a cancellation once the event is gone (None in older ledgers).
    start: datetime | None = None
    end: datetime | None = None
    summary: str | None = None
    gone: bool = False


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
        "i.recorded_at, i.timezone FROM interview i JOIN application a ON a.id = i.application_id "
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
            timezone=r[15],
            participants=tuple(people.get(r[0], ())),
        )
        for r in rows
    ]


def revisions(store: Store) -> dict[str, Revision]:
    """The ledger, by event UID."""
    found = {}
    prefix = _prefix(store)
    for key, value in store.conn.execute(
        "SELECT key, value FROM meta WHERE key >= ? AND key < ?", (prefix, prefix + "\uffff")
    ):
        fingerprint, sequence, changed, *published = value.split(" ", 6)
        revision = Revision(fingerprint, int(sequence), instant(changed))
        if published:
            start, end, state, summary = published
            revision = Revision(
                fingerprint, int(sequence), instant(changed), instant(start), instant(end), summary, state == "gone"
            )
        found[key[len(prefix) :]] = revision
    return found


def _ledger_value(revision: Revision) -> str:
    value = f"{revision.fingerprint} {revision.sequence:d} {iso(revision.changed_at)}"
    if revision.start is None or revision.end is None or revision.summary is None:
        return value
    state = "gone" if revision.gone else "live"
    # The title goes last: it is the one part that may hold spaces.
    return f"{value} {iso(revision.start)} {iso(revision.end)} {state} {revision.summary}"


def live_actions(store: Store, ids: Collection[str], now: datetime) -> set[str]:
    """Which of the action ids are still pending and not expired at `now` (due soon or not)."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for offset in range(0, len(wanted), 500):
        chunk = wanted[offset : offset + 500]
        found.update(
            row[0]
            for row in store.conn.execute(
                f"SELECT id FROM pending_action WHERE owner_id = ? AND id IN ({','.join('?' * len(chunk))}) "
                "AND (expires IS NULL OR expires > ?)",
                (store.owner, *chunk, iso(now)),
            )
        )
    return found


def save_revisions(store: Store, changed: dict[str, Revision], forget: list[str]) -> None:
    prefix = _prefix(store)
    store.conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [(prefix + uid, _ledger_value(r)) for uid, r in sorted(changed.items())],
    )
    store.conn.executemany("DELETE FROM meta WHERE key = ?", [(prefix + uid,) for uid in sorted(forget)])
