"""SQL for the mailbox: where each folder's sync stopped, what matched, what waits to be noted.

The sync part (mail_folder) keeps only locations and counters: a message that
matched nothing leaves nothing behind; the folder's UIDNEXT says it was read.
mail_seen holds the locations of matched messages, and of those the user said
were not about an application, so that an import does not match them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from followup.errors import NotFound
from followup.store.convert import day_or_none, instant, instant_or_none, iso, iso_or_none
from followup.store.db import Store, greatest, same_as
from followup.store.records import _insert, _update

# Sent first: the user's own messages to an employer start threads that replies in INBOX follow.
SYNC_ROLES = ("sent", "inbox", "junk")


@dataclass(frozen=True)
class FolderState:
    folder: str
    role: str
    uidvalidity: int | None
    uidnext: int | None
    highestmodseq: int | None


def folder_states(store: Store, account: str) -> dict[str, FolderState]:
    """The stored folders of an account, by role (one folder per role)."""
    rows = store.conn.execute(
        "SELECT folder, role, uidvalidity, uidnext, highestmodseq FROM mail_folder "
        "WHERE owner_id = ? AND account = ? AND role != 'other'",
        (store.owner, account),
    ).fetchall()
    return {row[1]: FolderState(*row) for row in rows}


def save_roles(store: Store, account: str, roles: dict[str, str]) -> None:
    """Record which folder plays which role, keeping each folder's sync state.

    A folder that lost its role becomes 'other' rather than being deleted, so its
    state is still there if the role comes back to it.
    """
    for role, folder in roles.items():
        store.conn.execute(
            "UPDATE mail_folder SET role = 'other' WHERE owner_id = ? AND account = ? AND role = ? AND folder != ?",
            (store.owner, account, role, folder),
        )
        store.conn.execute(
            "INSERT INTO mail_folder (owner_id, account, folder, role) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (owner_id, account, folder) DO UPDATE SET role = excluded.role",
            (store.owner, account, folder, role),
        )


def set_folder_state(
    store: Store,
    account: str,
    folder: str,
    *,
    uidvalidity: int,
    uidnext: int,
    highestmodseq: int | None,
    synced_at: str,
) -> None:
    store.conn.execute(
        "UPDATE mail_folder SET uidvalidity = ?, uidnext = ?, highestmodseq = ?, synced_at = ? "
        "WHERE owner_id = ? AND account = ? AND folder = ?",
        (uidvalidity, uidnext, highestmodseq, synced_at, store.owner, account, folder),
    )


def mark_read(store: Store, account: str, synced_at: str) -> None:
    """Every folder a sync reads was read up to date at `synced_at`, with or without news: how fresh
    the mailbox is (the operator's sync lag) counts from here."""
    roles = tuple(SYNC_ROLES)
    marks = ", ".join("?" for _ in roles)
    store.conn.execute(
        f"UPDATE mail_folder SET synced_at = ? WHERE owner_id = ? AND account = ? AND role IN ({marks}) "
        "AND uidvalidity IS NOT NULL",
        (synced_at, store.owner, account, *roles),
    )


def last_read(store: Store, account: str) -> str | None:
    """When the account's mailbox was last read up to date (`mark_read`), as ISO text; None if never."""
    row = store.conn.execute(
        "SELECT max(synced_at) FROM mail_folder WHERE owner_id = ? AND account = ?", (store.owner, account)
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def forget_folder(store: Store, account: str, folder: str) -> None:
    """After a UIDVALIDITY change: the old UIDs mean nothing any more, so the folder is read again."""
    store.conn.execute(
        "DELETE FROM mail_seen WHERE owner_id = ? AND account = ? AND folder = ?",
        (store.owner, account, folder),
    )
    store.conn.execute(
        "UPDATE mail_folder SET uidvalidity = NULL, uidnext = NULL, highestmodseq = NULL "
        "WHERE owner_id = ? AND account = ? AND folder = ?",
        (store.owner, account, folder),
    )


@dataclass(frozen=True, slots=True)
class Pending:
    """A matched message a sync read and has not noted yet (see migration 0003)."""

    id: int
    account: str
    folder: str
    role: str
    uidvalidity: int
    uid: int
    application_id: int
    contact_id: int | None
    match_reason: str
    message_id: str | None
    raw: bytes
    arrived_at: datetime | None


def add_pending(store: Store, now: datetime, rows: Iterable[dict[str, Any]]) -> None:
    """Queue matched messages; one already queued at the same location is kept as it is."""
    created = iso(now)
    store.conn.executemany(
        "INSERT INTO mail_pending (owner_id, account, folder, role, uidvalidity, uid, application_id, contact_id, "
        "match_reason, message_id, raw, arrived_at, created_at) "
        "VALUES (:owner, :account, :folder, :role, :uidvalidity, :uid, :application_id, :contact_id, "
        ":match_reason, :message_id, :raw, :arrived_at, :created) "
        "ON CONFLICT (owner_id, account, folder, uidvalidity, uid) DO NOTHING",
        [
            {**row, "owner": store.owner, "created": created, "arrived_at": iso_or_none(row.get("arrived_at"))}
            for row in rows
        ],
    )


def pending(store: Store, *, after: int = 0, limit: int) -> list[Pending]:
    """Queued messages in the order they were read (Sent before INBOX), from the one after id `after`."""
    rows = store.conn.execute(
        "SELECT id, account, folder, role, uidvalidity, uid, application_id, contact_id, match_reason, message_id, "
        "raw, arrived_at FROM mail_pending WHERE owner_id = ? AND id > ? ORDER BY id LIMIT ?",
        (store.owner, after, limit),
    ).fetchall()
    return [
        Pending(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            bytes(row[10]),
            instant_or_none(row[11]),
        )
        for row in rows
    ]


def drop_pending(store: Store, ids: Iterable[int]) -> None:
    store.conn.executemany("DELETE FROM mail_pending WHERE owner_id = ? AND id = ?", [(store.owner, i) for i in ids])


def last_mail_id(store: Store) -> int:
    row = store.conn.execute(
        "SELECT COALESCE(MAX(id), 0) FROM mail_message WHERE owner_id = ?", (store.owner,)
    ).fetchone()
    return int(row[0])


def touchpoint_of(store: Store, mail_id: int) -> int | None:
    row = store.conn.execute("SELECT touchpoint_id FROM mail_message WHERE id = ?", (mail_id,)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


# -- matched messages ---------------------------------------------------------------------

MAIL_COLUMNS = (  # noqa: SIM905
    "account folder uidvalidity uid message_id in_reply_to refs from_name from_addr to_addrs subject sent_at "
    "body direction application_id contact_id match_reason label promised_by confidence evidence touchpoint_id "
    "suggestion suggestion_state"
).split()
_MAIL_SELECT = f"SELECT id, {', '.join(MAIL_COLUMNS)}, created_at FROM mail_message"


@dataclass(frozen=True, slots=True)
class MailRow:
    """One stored mail_message row; `sent_at` and `promised_by` converted, the rest as stored."""

    id: int
    account: str | None
    folder: str | None
    uidvalidity: int | None
    uid: int | None
    message_id: str | None
    in_reply_to: str | None
    refs: str | None
    from_name: str | None
    from_addr: str | None
    to_addrs: str | None
    subject: str | None
    sent_at: datetime | None
    body: str | None
    direction: str
    application_id: int | None
    contact_id: int | None
    match_reason: str | None
    label: str | None
    promised_by: date | None
    confidence: float | None
    evidence: str | None
    touchpoint_id: int | None
    suggestion: str | None
    suggestion_state: str | None
    created_at: datetime


def _mail_row(row: tuple[Any, ...]) -> MailRow:
    values = list(row)
    values[12] = instant_or_none(values[12])  # sent_at
    values[19] = day_or_none(values[19])  # promised_by
    values[-1] = instant(values[-1])
    return MailRow(*values)


def add_mail_message(store: Store, now: datetime, **values: Any) -> int:
    return _insert(store.conn, "mail_message", values, MAIL_COLUMNS, {"owner_id": store.owner, "created_at": now})


def update_mail_message(store: Store, mail_id: int, **values: Any) -> None:
    _update(store.conn, "mail_message", store.owner, mail_id, values, MAIL_COLUMNS)


def delete_mail_message(store: Store, mail_id: int) -> None:
    store.conn.execute("DELETE FROM mail_message WHERE id = ? AND owner_id = ?", (mail_id, store.owner))


def get_mail_message(store: Store, mail_id: int) -> MailRow:
    row = store.conn.execute(f"{_MAIL_SELECT} WHERE id = ? AND owner_id = ?", (mail_id, store.owner)).fetchone()
    if row is None:
        raise NotFound(f"no matched message with id {mail_id}", hint="See them with `followup mail matches`.")
    return _mail_row(row)


def list_mail_messages(store: Store, *, application_id: int | None = None) -> list[MailRow]:
    sql, params = f"{_MAIL_SELECT} WHERE owner_id = ?", [store.owner]
    if application_id is not None:
        sql += " AND application_id = ?"
        params.append(application_id)
    rows = store.conn.execute(sql + " ORDER BY coalesce(sent_at, created_at) DESC, id DESC", params)
    return [_mail_row(r) for r in rows]


def mail_at_location(
    store: Store,
    account: str | None,
    folder: str | None,
    uidvalidity: int | None,
    uid: int | None,
) -> int | None:
    if uid is None:
        return None
    same = same_as(store.conn)
    row = store.conn.execute(
        f"SELECT id FROM mail_message WHERE owner_id = ? AND account {same} ? AND folder {same} ? "
        f"AND uidvalidity {same} ? AND uid = ?",
        (store.owner, account, folder, uidvalidity, uid),
    ).fetchone()
    return int(row[0]) if row else None


def mail_with_message_id(store: Store, message_id: str) -> MailRow | None:
    row = store.conn.execute(
        f"{_MAIL_SELECT} WHERE owner_id = ? AND message_id = ? ORDER BY id LIMIT 1", (store.owner, message_id)
    ).fetchone()
    return _mail_row(row) if row else None


def touchpoint_with_message_id(store: Store, app_id: int, message_id: str) -> int | None:
    row = store.conn.execute(
        "SELECT id FROM touchpoint WHERE owner_id = ? AND application_id = ? AND message_id = ? ORDER BY id LIMIT 1",
        (store.owner, app_id, message_id),
    ).fetchone()
    return int(row[0]) if row else None


def touchpoint_owned_by_mail(store: Store, touchpoint_id: int, mail_id: int, note: str) -> bool:
    """Whether intake wrote this touchpoint (it carries intake's note) and nothing else uses it."""
    row = store.conn.execute(
        f"SELECT action_id IS NULL AND notes {same_as(store.conn)} ? "
        "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.touchpoint_id = t.id) "
        "AND NOT EXISTS (SELECT 1 FROM mail_message m WHERE m.touchpoint_id = t.id AND m.id != ?) "
        "FROM touchpoint t WHERE t.id = ? AND t.owner_id = ?",
        (note, mail_id, touchpoint_id, store.owner),
    ).fetchone()
    return bool(row and row[0])


def set_seen_matched(store: Store, account: str, folder: str, uidvalidity: int, uid: int, matched: bool) -> None:
    store.conn.execute(
        "INSERT INTO mail_seen (owner_id, account, folder, uidvalidity, uid, matched) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (owner_id, account, folder, uidvalidity, uid) DO UPDATE SET matched = excluded.matched",
        (store.owner, account, folder, uidvalidity, uid, int(matched)),
    )


def seen_unmatched(store: Store, account: str, folder: str, uidvalidity: int, uid: int) -> bool:
    """Seen at this location and not (or no longer) matched: e.g. the user said the match was wrong."""
    row = store.conn.execute(
        "SELECT matched FROM mail_seen WHERE owner_id = ? AND account = ? AND folder = ? AND uidvalidity = ? "
        "AND uid = ?",
        (store.owner, account, folder, uidvalidity, uid),
    ).fetchone()
    return row is not None and not row[0]


# What MatchIndex.build reads: small tables, loaded once per sync or import.


def match_applications(store: Store) -> list[tuple[int, str, str, str | None, str, int | None, str]]:
    """(id, company, role, job_url, status, recruiter_id, last activity as ISO text) of every application."""
    rows = store.conn.execute(
        f"SELECT a.id, a.company, a.role, a.job_url, a.status, a.recruiter_id, {greatest(store.conn)}(a.updated_at, "
        "coalesce((SELECT max(occurred_at) FROM touchpoint t WHERE t.application_id = a.id), ''), "
        "coalesce((SELECT max(starts_at) FROM interview i WHERE i.application_id = a.id), '')) "
        "FROM application a WHERE a.owner_id = ?",
        (store.owner,),
    )
    return [tuple(r) for r in rows]


def match_contacts(store: Store) -> list[tuple[int, str, str, str | None, int]]:
    """(contact id, name, role, email, application id) for every contact's link to an application."""
    rows = store.conn.execute(
        "SELECT c.id, c.name, c.role, c.email, l.application_id FROM contact c "
        "JOIN (SELECT contact_id, application_id FROM application_contact "
        "      UNION SELECT recruiter_id, id FROM application WHERE recruiter_id IS NOT NULL) l "
        "ON l.contact_id = c.id WHERE c.owner_id = ?",
        (store.owner,),
    )
    return [tuple(r) for r in rows]


def match_message_ids(store: Store) -> list[tuple[str, int, int | None, str, str]]:
    """(message_id, application id, contact id, when, direction) of every message already tied to an application."""
    rows = store.conn.execute(
        "SELECT message_id, application_id, contact_id, occurred_at, direction FROM touchpoint "
        "WHERE owner_id = ? AND message_id IS NOT NULL "
        "UNION ALL SELECT message_id, application_id, contact_id, coalesce(sent_at, created_at), direction "
        "FROM mail_message WHERE owner_id = ? AND message_id IS NOT NULL AND application_id IS NOT NULL "
        "UNION ALL SELECT message_id, application_id, NULL, created_at, 'sent' FROM outbox "
        "WHERE owner_id = ? AND application_id IS NOT NULL AND state != 'failed' "
        "UNION ALL SELECT message_id, application_id, contact_id, coalesce(arrived_at, created_at), "
        "CASE role WHEN 'sent' THEN 'sent' ELSE 'received' END FROM mail_pending "
        "WHERE owner_id = ? AND message_id IS NOT NULL",
        (store.owner, store.owner, store.owner, store.owner),
    )
    return [tuple(r) for r in rows]
