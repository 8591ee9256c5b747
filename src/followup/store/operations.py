"""What an operator reads about the whole installation: the schema version, the job queue, how long
ago mailboxes were read, the outbox, the accounts. Counts and ages only, never a person's rows.

Every function but `schema_version` reads across all owners: pass a `Store` of the installation
(`db.INSTALLATION`), which PostgreSQL's row security lets see every account.
"""

from __future__ import annotations

import sqlite3

from followup.store.db import Connection, Store
from followup.store.mail import SYNC_ROLES

# Procrastinate's own table (its sql/schema.sql), present once the workers' schema is applied.
JOBS_TABLE = "procrastinate_jobs"
# The folders a sync reads: a mailbox is as fresh as the least recently read of them.
SYNCED_ROLES = tuple(SYNC_ROLES)


def schema_version(conn: Connection) -> int:
    """The version the database says it is at (0: no followup tables)."""
    if isinstance(conn, sqlite3.Connection):
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    if not table_exists(conn, "schema_version"):
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def bypasses_row_security(conn: Connection) -> bool:
    """Whether the role followup connects as passes PostgreSQL's row security (a superuser, or BYPASSRLS)."""
    if isinstance(conn, sqlite3.Connection):
        return False
    row = conn.execute("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone()
    return bool(row and row[0])


def table_exists(conn: Connection, name: str) -> bool:
    if isinstance(conn, sqlite3.Connection):
        return (
            conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
            is not None
        )
    return conn.execute("SELECT to_regclass(?)", (name,)).fetchone()[0] is not None


def jobs(store: Store) -> list[tuple[str, str, int]] | None:
    """(queue, status, count) of the jobs waiting, running or failed; None without the job queue's table."""
    if not table_exists(store.conn, JOBS_TABLE):
        return None
    rows = store.conn.execute(
        f"SELECT queue_name, CAST(status AS TEXT), count(*) FROM {JOBS_TABLE} "
        "WHERE CAST(status AS TEXT) IN ('todo', 'doing', 'failed') GROUP BY queue_name, status "
        "ORDER BY queue_name, CAST(status AS TEXT)"
    ).fetchall()
    return [(str(queue), str(status), int(count)) for queue, status, count in rows]


def mailbox_syncs(store: Store) -> tuple[int, int, str | None]:
    """(mailboxes, mailboxes never read, the oldest last read of the others as ISO text or None)."""
    marks = ", ".join("?" for _ in SYNCED_ROLES)
    row = store.conn.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN last_read IS NULL THEN 1 ELSE 0 END), 0), min(last_read) "
        "FROM (SELECT owner_id, account, min(synced_at) AS last_read FROM mail_folder "
        f"WHERE role IN ({marks}) GROUP BY owner_id, account) AS mailbox",
        SYNCED_ROLES,
    ).fetchone()
    return int(row[0]), int(row[1]), None if row[2] is None else str(row[2])


def outbox(store: Store) -> dict[str, int]:
    """How many messages of the outbox are in each state (prepared, sending, sent, drafted, failed)."""
    rows = store.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state ORDER BY state").fetchall()
    return {str(state): int(count) for state, count in rows}


def accounts(store: Store) -> list[tuple[str, bool, int]]:
    """(role, disabled, count) of the hosted accounts."""
    rows = store.conn.execute(
        "SELECT role, CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END AS disabled, count(*) FROM account "
        "GROUP BY role, CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END ORDER BY role, disabled"
    ).fetchall()
    return [(str(role), bool(disabled), int(count)) for role, disabled, count in rows]
