"""The playbook's state in the database: what is pending, and what the user decided.

The agenda is one range query on `pending_action(owner_id, due)`; nothing in
this module runs the playbook, so the agenda's path imports no rules.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from followup.store.convert import instant, instant_or_none, iso, iso_or_none
from followup.store.db import Store

if TYPE_CHECKING:
    # The agenda imports this module; the domain model is only needed on the write side.
    from followup.domain.model import Action, ApplicationState, Decision, DecisionState, MailHeaders


# A named tuple, not a frozen dataclass: every agenda run imports this module, and
# creating a dataclass costs several times as much (its methods are compiled with exec).
class PendingRow(NamedTuple):
    """A pending action as the agenda shows it, with names joined in."""

    id: str
    kind: str
    application_id: int | None
    company: str | None
    role: str | None
    contact: str | None
    channel: str | None
    due: str
    deadline: str | None
    reason: str
    contact_id: int | None = None
    interview_id: int | None = None


AGENDA_SELECT = (
    "SELECT p.id, p.kind, p.application_id, a.company, a.role, c.name, p.channel, p.due, p.deadline, "
    "p.reason, p.contact_id, p.interview_id FROM pending_action p "
    "LEFT JOIN application a ON a.id = p.application_id "
    "LEFT JOIN contact c ON c.id = p.contact_id "
)


def agenda(store: Store, now: datetime, until: datetime) -> list[PendingRow]:
    """Pending actions due before `until` that have not expired at `now`, earliest first."""
    rows = store.conn.execute(
        AGENDA_SELECT + "WHERE p.owner_id = ? AND p.due <= ? AND (p.expires IS NULL OR p.expires > ?) "
        "ORDER BY p.due, p.id",
        (store.owner, iso(until), iso(now)),
    )
    return [PendingRow(*r) for r in rows]


def agenda_times(store: Store, now: datetime, until: datetime) -> list[tuple[str, str, str | None]]:
    """(id, due, deadline) of each action `agenda` lists, in its order: enough to group and count them."""
    rows = store.conn.execute(
        "SELECT id, due, deadline FROM pending_action "
        "WHERE owner_id = ? AND due <= ? AND (expires IS NULL OR expires > ?) ORDER BY due, id",
        (store.owner, iso(until), iso(now)),
    )
    return rows.fetchall()


def pending_by_id(store: Store, ids: Collection[str]) -> dict[str, PendingRow]:
    """The pending actions with these ids, names joined in, by id."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = store.conn.execute(AGENDA_SELECT + f"WHERE p.owner_id = ? AND p.id IN ({marks})", (store.owner, *ids))
    return {row[0]: PendingRow(*row) for row in rows}


def pending_of(store: Store, app_id: int, now: datetime) -> list[PendingRow]:
    rows = store.conn.execute(
        AGENDA_SELECT + "WHERE p.owner_id = ? AND p.application_id = ? AND (p.expires IS NULL OR p.expires > ?) "
        "ORDER BY p.due, p.id",
        (store.owner, app_id, iso(now)),
    )
    return [PendingRow(*r) for r in rows]


def find_pending(store: Store, prefix: str) -> list[PendingRow]:
    # The range form keeps the primary-key index usable for a prefix match.
    rows = store.conn.execute(
        AGENDA_SELECT + "WHERE p.owner_id = ? AND p.id >= ? AND p.id < ? ORDER BY p.id LIMIT 10",
        (store.owner, prefix, prefix + "\uffff"),
    )
    return [PendingRow(*r) for r in rows]


def replace_pending(store: Store, app_id: int, actions: Iterable[Action]) -> None:
    store.conn.execute("DELETE FROM pending_action WHERE application_id = ? AND owner_id = ?", (app_id, store.owner))
    store.conn.executemany(
        "INSERT INTO pending_action (owner_id, id, application_id, kind, contact_id, channel, due, deadline, "
        "expires, reason, interview_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                store.owner,
                a.id,
                app_id,
                a.kind.value,
                a.contact_id,
                a.channel.value if a.channel else None,
                iso(a.due),
                iso_or_none(a.deadline),
                iso_or_none(a.expires),
                a.reason,
                a.interview_id,
            )
            for a in actions
        ],
    )


def applications_needing_refresh(store: Store) -> list[int]:
    """Applications whose actions can change when the settings do."""
    rows = store.conn.execute(
        "SELECT id FROM application WHERE owner_id = ? AND status = 'active' "
        "UNION SELECT DISTINCT application_id FROM pending_action "
        "WHERE owner_id = ? AND application_id IS NOT NULL",
        (store.owner, store.owner),
    )
    return sorted(r[0] for r in rows)


# -- decisions ----------------------------------------------------------------------------


def decide(
    store: Store,
    action_id: str,
    kind: str,
    app_id: int | None,
    state: DecisionState | str,
    at: datetime,
    until: datetime | None = None,
    note: str | None = None,
) -> None:
    store.conn.execute(
        "INSERT INTO action_decision (owner_id, action_id, application_id, kind, state, at, until, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner_id, action_id) DO UPDATE SET "
        "application_id = excluded.application_id, kind = excluded.kind, state = excluded.state, at = excluded.at, "
        "until = excluded.until, note = excluded.note",
        (store.owner, action_id, app_id, kind, str(state), iso(at), iso_or_none(until), note),
    )


def undo_decision(store: Store, action_id: str) -> None:
    store.conn.execute("DELETE FROM action_decision WHERE owner_id = ? AND action_id = ?", (store.owner, action_id))


def decision_rows(store: Store, where: str, params: Iterable[Any]) -> dict[str, Decision]:
    from followup.domain.model import Decision, DecisionState

    rows = store.conn.execute(
        f"SELECT action_id, state, at, until FROM action_decision WHERE owner_id = ? AND {where}",
        (store.owner, *params),
    )
    return {
        a: Decision(action_id=a, state=DecisionState(s), at=instant(at), until=instant_or_none(u))
        for a, s, at, u in rows
    }


def decisions_of(store: Store, app_id: int) -> dict[str, Decision]:
    return decision_rows(store, "application_id = ?", [app_id])


def find_decided(store: Store, prefix: str) -> list[tuple[str, str, int | None, str]]:
    rows = store.conn.execute(
        "SELECT action_id, kind, application_id, state FROM action_decision "
        "WHERE owner_id = ? AND action_id >= ? AND action_id < ? LIMIT 10",
        (store.owner, prefix, prefix + "\uffff"),
    )
    return list(rows)


def last_acknowledged(store: Store, kind: str) -> datetime | None:
    row = store.conn.execute(
        "SELECT max(at) FROM action_decision WHERE owner_id = ? AND kind = ? AND state != 'snoozed'",
        (store.owner, kind),
    ).fetchone()
    return instant_or_none(row[0])


# -- whole-application state --------------------------------------------------------------


def load_state(store: Store, app_id: int) -> ApplicationState:
    from followup.domain.model import ApplicationState
    from followup.store import records

    application = records.get_application(store, app_id)
    contact_ids = {
        r[0]
        for r in store.conn.execute("SELECT contact_id FROM application_contact WHERE application_id = ?", (app_id,))
    }
    if application.recruiter_id is not None:
        contact_ids.add(application.recruiter_id)
    contacts = {}
    for cid in contact_ids:
        contacts[cid] = records.get_contact(store, cid)
    return ApplicationState(
        application=application,
        contacts=contacts,
        interviews=tuple(records.interviews_of(store, app_id)),
        touchpoints=tuple(records.touchpoints_of(store, app_id)),
        references=tuple(records.references_of(store, app_id)),
        decisions=decisions_of(store, app_id),
        mail=mail_headers_of(store, app_id),
    )


def mail_headers_of(store: Store, app_id: int) -> dict[str, MailHeaders]:
    """The headers of the application's recorded emails, by Message-ID."""
    from followup.domain.model import MailHeaders

    rows = store.conn.execute(
        "SELECT message_id, from_name, from_addr, refs, in_reply_to FROM mail_message"
        " WHERE application_id = ? AND message_id IS NOT NULL ORDER BY id",
        (app_id,),
    )
    found = {}
    for message_id, from_name, from_addr, refs, in_reply_to in rows:
        thread = [ref for ref in (refs or "").split() if ref != message_id]
        if in_reply_to and in_reply_to not in thread and in_reply_to != message_id:
            thread.append(in_reply_to)
        found[message_id] = MailHeaders(from_name=from_name, from_addr=from_addr, thread=tuple(thread))
    return found


def pipeline_counts(store: Store) -> tuple[int, datetime | None, datetime | None, datetime]:
    """Active count, last added, last closed and when the user started: all by index.

    A wishlist entry is neither active nor added: nothing has been applied for yet."""
    active = store.conn.execute(
        "SELECT count(*) FROM application WHERE owner_id = ? AND status = 'active'", (store.owner,)
    ).fetchone()[0]
    added = store.conn.execute(
        "SELECT max(created_at) FROM application WHERE owner_id = ? AND status != 'wishlist'", (store.owner,)
    ).fetchone()[0]
    closed = store.conn.execute(
        "SELECT max(closed_at) FROM application WHERE owner_id = ? AND closed_at IS NOT NULL", (store.owner,)
    ).fetchone()[0]
    started = store.conn.execute("SELECT created_at FROM owner WHERE id = ?", (store.owner,)).fetchone()[0]
    return active, instant_or_none(added), instant_or_none(closed), instant(started)


def last_applied_on(store: Store) -> date | None:
    """The latest day an application (not a wishlist entry) was applied to, when any is dated."""
    row = store.conn.execute(
        "SELECT max(applied_on) FROM application WHERE owner_id = ? AND status != 'wishlist'", (store.owner,)
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def snooze_until(store: Store, action_id: str) -> tuple[str, datetime | None] | None:
    """The decision about one action as (state, until), without loading the domain model."""
    row = store.conn.execute(
        "SELECT state, until FROM action_decision WHERE owner_id = ? AND action_id = ?", (store.owner, action_id)
    ).fetchone()
    return (row[0], instant_or_none(row[1])) if row else None


def has_applications(store: Store) -> bool:
    return (
        store.conn.execute("SELECT 1 FROM application WHERE owner_id = ? LIMIT 1", (store.owner,)).fetchone()
        is not None
    )


def has_sent_follow_up(store: Store) -> bool:
    """Whether the user ever sent anything after applying: a message, letter or call, or an action marked done."""
    row = store.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM touchpoint WHERE owner_id = ? AND direction = 'sent' AND kind != 'application') "
        # Acknowledging the keep-searching nudge is applying somewhere, not following up.
        "OR EXISTS (SELECT 1 FROM action_decision WHERE owner_id = ? AND state = 'done' AND kind != 'keep_searching')",
        (store.owner, store.owner),
    ).fetchone()
    return bool(row[0])


def get_meta(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(store: Store, key: str, value: str) -> None:
    store.conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
