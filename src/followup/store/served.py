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
