"""What a hosted installation's workers ask across accounts: whom they serve (every account not
disabled), and whether a mailbox is being read, or a message sent, already.

Read across owners, so these take a connection, not an owner's `Store`: they are the questions
a worker asks before, or beside, one owner's work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from followup.store.db import Connection


def enabled_owners(conn: Connection) -> list[int]:
    """The owner ids of every account that is not disabled, in order."""
    rows = conn.execute("SELECT owner_id FROM account WHERE disabled_at IS NULL ORDER BY owner_id").fetchall()
    return [int(row[0]) for row in rows]


def is_enabled(conn: Connection, owner: int) -> bool:
    """Whether `owner` has an account that is not disabled."""
    row = conn.execute("SELECT 1 FROM account WHERE owner_id = ? AND disabled_at IS NULL", (owner,)).fetchone()
    return row is not None


# -- when each account's next round is due ----------------------------------------------------------
#
# Each account's round (its reminders, its morning digest, its mailboxes' schedule, a re-plan) notes
# in `meta` when it has something to do next: "<next> <ran> <rules>" (UTC times as stored
# everywhere, "2026-12-06T08:00:00Z", and the rules' version). An account is due when that time has
# come, when its settings changed since the round ran, when the rules changed, or when the note is
# empty or missing: a new account, or plans rewritten since (`plan.refresh` empties it, as a new
# follow-up may be due sooner). The minute's schedule asks for the due ones in one query.


def round_key(owner: int) -> str:
    return f"round_next:{owner}"


def round_note(conn: Connection, owner: int) -> str | None:
    """The account's note as it is now (to be replaced only if unchanged: `note_round`)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (round_key(owner),)).fetchone()
    return None if row is None else str(row[0])


def note_round(conn: Connection, owner: int, seen: str | None, *, next_at: str, ran_at: str, rules: str) -> bool:
    """Note when the account's next round is due, unless the note changed since the round read it
    (`seen`): plans rewritten meanwhile leave it empty, and the next minute's schedule runs it again."""
    value = f"{next_at} {ran_at} {rules}"
    if seen is None:
        done = conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (round_key(owner), value)
        )
    else:
        done = conn.execute("UPDATE meta SET value = ? WHERE key = ? AND value = ?", (value, round_key(owner), seen))
    return bool(done.rowcount)


def owners_due(conn: Connection, now: str, rules: str) -> list[int]:
    """The accounts (not disabled) whose round has something to do at `now`, in order: one query,
    whose cost grows with the accounts, not with what each has planned. PostgreSQL only (the workers')."""
    rows = conn.execute(
        "SELECT account.owner_id FROM account "
        "LEFT JOIN meta ON meta.key = 'round_next:' || account.owner_id "
        "LEFT JOIN owner_settings ON owner_settings.owner_id = account.owner_id "
        "WHERE account.disabled_at IS NULL AND (meta.value IS NULL "
        "OR split_part(meta.value, ' ', 1) <= ? "
        "OR split_part(meta.value, ' ', 3) <> ? "
        "OR owner_settings.updated_at >= split_part(meta.value, ' ', 2)) "
        "ORDER BY account.owner_id",
        (now, rules),
    ).fetchall()
    return [int(row[0]) for row in rows]


@contextmanager
def mailbox_lock(conn: Connection, owner: int, account: str) -> Iterator[bool]:
    """Hold the lock of one owner's mailbox while the block runs; yields whether it was free.

    A second sync of the mailbox (a job run again while its first worker, taken for dead, still
    runs) finds it taken.
    """
    with _held(conn, "followup mail sync", f"{owner}:{account}") as free:
        yield free


@contextmanager
def sending_lock(conn: Connection, owner: int, item_id: int) -> Iterator[bool]:
    """Hold the lock of one outbox message while it is sent; yields whether it was free (as above)."""
    with _held(conn, "followup send", f"{owner}:{item_id}") as free:
        yield free


@contextmanager
def token_refresh_lock(conn: Connection, owner: int, mailbox: str) -> Iterator[None]:
    """Wait for, then hold, the lock of one connected mailbox's tokens while they are refreshed: of two
    workers finding the access token expired, the second waits and then uses the first's new token,
    rather than spending a refresh token the provider has just rotated away (which would end the
    connection). PostgreSQL only, as `_held`; the wait is bounded by the provider's request timeout."""
    if isinstance(conn, sqlite3.Connection):
        yield
        return
    keys = ("followup token refresh", f"{owner}:{mailbox}")
    conn.execute("SELECT pg_advisory_lock(hashtext(?), hashtext(?))", keys)
    try:
        yield
    finally:
        conn.execute("SELECT pg_advisory_unlock(hashtext(?), hashtext(?))", keys)


@contextmanager
def _held(conn: Connection, kind: str, key: str) -> Iterator[bool]:
    """On PostgreSQL a session advisory lock: it holds across the work's transactions, and the server
    lets it go when the connection ends, so a worker that dies never leaves it taken. SQLite has one
    writer at a time anyway: always free there."""
    if isinstance(conn, sqlite3.Connection):
        yield True
        return
    keys = (kind, key)
    taken = bool(conn.execute("SELECT pg_try_advisory_lock(hashtext(?), hashtext(?))", keys).fetchone()[0])
    try:
        yield taken
    finally:
        if taken:
            conn.execute("SELECT pg_advisory_unlock(hashtext(?), hashtext(?))", keys)
