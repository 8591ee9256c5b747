"""Opening the database, transactions, and versioned migrations.

Migrations are the numbered `.sql` files beside this module. Each runs in its
own transaction together with the bump of `PRAGMA user_version`, so a failure
leaves the database exactly at the previous version. Before upgrading a file
that already holds data, a copy is kept next to it.

The same store runs on PostgreSQL when the database is named by a `postgresql://`
URL (see `postgresql.py`, imported only then): the store's SQL is written once, and
a `Store`'s connection is either a `sqlite3.Connection` or its PostgreSQL twin, both
a `Connection` as defined here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, Self, TypeVar

from followup.errors import StorageError
from followup.files import make_private_file, make_private_folder

MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")
# Checked against the files by a test; kept as a constant so that opening an
# up-to-date database never lists the directory.
SCHEMA_VERSION = 15
LOCAL_OWNER = 1
# Not a person: the installation as a whole, for what reads across every account (a worker's
# scan for due mailboxes, an administrator's totals). PostgreSQL's row security lets it see all.
INSTALLATION = 0


class Cursor(Protocol):
    """What the store reads of a statement's result, on either database."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store uses of a connection: `sqlite3.Connection`, or `postgresql.PostgresConnection`."""

    @property
    def in_transaction(self) -> bool: ...

    @property
    def total_changes(self) -> int: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...

    def close(self) -> None: ...

    # `with conn:` commits what is open, or rolls it back when the block raises.
    def __enter__(self) -> Self: ...

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: Any, /) -> Any: ...


def is_database_url(target: str) -> bool:
    """Whether `target` names a PostgreSQL database (a URL) rather than an SQLite file."""
    return target.startswith(("postgresql://", "postgres://"))


def url_without_password(url: str) -> str:
    """The database URL as it may be shown or logged: a password in it is replaced by `***`."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user.partition(':')[0]}:***@{host}"))


# The few spellings that differ between the two databases, for the statements that need them.


def same_as(conn: Connection) -> str:
    """The operator for `a = b` that is also true when both are NULL: SQLite's `IS`, and on
    PostgreSQL the standard's `IS NOT DISTINCT FROM` (which SQLite knows only from 3.39)."""
    return "IS" if isinstance(conn, sqlite3.Connection) else "IS NOT DISTINCT FROM"


def greatest(conn: Connection) -> str:
    """The function for the largest of several values: SQLite's `max(a, b, ...)`, PostgreSQL's `greatest`."""
    return "max" if isinstance(conn, sqlite3.Connection) else "greatest"


def open_database(target: str, *, migrate: bool = True, now_iso: str | None = None) -> Connection:
    """The database `target` names: a PostgreSQL URL, or else the path of an SQLite file."""
    if is_database_url(target):
        from followup.store import postgresql

        return postgresql.connect(
            target, target_version=SCHEMA_VERSION, migrate=migrate, now_iso=now_iso or _utc_now_iso()
        )
    return connect(target, migrate=migrate, now_iso=now_iso)


def connect(path: str, *, migrate: bool = True, now_iso: str | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the SQLite database at `path`, migrated to the current schema.

    The database and its -wal and -shm files are readable by their owner only
    (SQLite gives the latter the database's own mode), and so is a folder
    created for it; see followup.files.
    """
    if path != ":memory:":
        parent = os.path.dirname(os.path.abspath(path))
        try:
            make_private_folder(parent)
        except OSError as exc:
            raise StorageError(
                f"cannot create the folder for the database: {exc.strerror}",
                where=parent,
                hint="Choose another location with --db PATH or FOLLOWUP_DB.",
            ) from None
        try:
            for name in (path, f"{path}-wal", f"{path}-shm"):
                # Files left by an older version, created under the umask, are made private too.
                if name == path or os.path.exists(name):
                    make_private_file(name)
        except OSError as exc:
            raise StorageError(
                f"cannot open the database: {exc.strerror}",
                where=path,
                hint="Choose another location with --db PATH or FOLLOWUP_DB.",
            ) from None
    try:
        # Autocommit mode: transactions are opened explicitly by `transaction()`.
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"cannot open the database: {exc}",
            where=path,
            hint="Is this a followup database? Choose another file with --db PATH.",
        ) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StorageError(
            f"this database was written by a newer followup (schema {version}, this program knows {SCHEMA_VERSION})",
            where=path,
            hint="Upgrade followup, e.g. `pip install --upgrade followup`.",
        )
    if migrate and version < SCHEMA_VERSION:
        if version > 0 and path != ":memory:":
            _backup(conn, f"{path}.v{version}.bak")
        migrate_to(conn, SCHEMA_VERSION, now_iso=now_iso)
    return conn


C = TypeVar("C", bound=Connection)


@dataclass(frozen=True, slots=True)
class Store:
    """One person's view of the database: the connection, and whose rows every query reads.

    Every function of the store takes one of these instead of a connection and an owner
    id, so that no query can forget the owner. Only the application layer opens a
    transaction (`transaction()`); the store's functions run inside it.
    """

    conn: Connection
    owner: int = LOCAL_OWNER

    def __post_init__(self) -> None:
        # On PostgreSQL the connection also tells the database whose rows these are, for its
        # row-level security (migration 13): a second wall behind the owner in every query.
        bind = getattr(self.conn, "for_owner", None)
        if bind is not None:
            object.__setattr__(self, "conn", bind(self.owner))

    def transaction(self) -> AbstractContextManager[Connection]:
        return transaction(self.conn)

    def savepoint(self, name: str = "part") -> AbstractContextManager[Connection]:
        return savepoint(self.conn, name)


@contextmanager
def transaction(conn: C) -> Iterator[C]:
    """All-or-nothing: everything inside is committed together or not at all."""
    if conn.in_transaction:
        # Nested use joins the outer transaction, which owns commit and rollback.
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def savepoint(conn: C, name: str = "part") -> Iterator[C]:
    """Inside a transaction: a part that is undone alone when it fails, leaving the rest to commit."""
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield conn
    except BaseException:
        conn.execute(f"ROLLBACK TO {name}")
        conn.execute(f"RELEASE {name}")
        raise
    conn.execute(f"RELEASE {name}")


def migration_files() -> list[tuple[int, str]]:
    found = []
    for name in os.listdir(MIGRATIONS_DIR):
        # A `.pg.sql` file is a migration's PostgreSQL twin (postgresql.py runs those).
        if name.endswith(".sql") and not name.endswith(".pg.sql") and name[:4].isdigit():
            found.append((int(name[:4]), os.path.join(MIGRATIONS_DIR, name)))
    return sorted(found)


def migrate_to(conn: sqlite3.Connection, target: int, *, now_iso: str | None = None) -> None:
    """Apply migrations one by one up to `target`, each in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, file in migration_files():
        if current < number <= target:
            with open(file, encoding="utf-8") as fh:
                script = fh.read()
            try:
                _run_migration(conn, number, script, now_iso)
            except sqlite3.Error as exc:
                raise StorageError(
                    f"upgrading the database to schema {number} failed: {exc}",
                    hint="The database was left unchanged at its previous version.",
                ) from None
            current = number


def _run_migration(conn: sqlite3.Connection, number: int, script: str, now_iso: str | None) -> None:
    # executescript() would commit on its own; run statement by statement instead
    # so that the whole migration and the version bump share one transaction.
    #
    # Foreign keys are off while a migration runs, as SQLite's procedure for changing a
    # table's definition asks: rebuilding a table means dropping the old one, and with
    # them on that drop would delete (ON DELETE CASCADE) every row that points into it.
    # The pragma is ignored inside a transaction, so it is set around it; instead of
    # the checks on each statement, the whole database is checked once before commit.
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            if number == 1:
                conn.execute(
                    "INSERT INTO owner (id, name, created_at) VALUES (?, '', ?)",
                    (LOCAL_OWNER, now_iso or _utc_now_iso()),
                )
            broken = conn.execute("PRAGMA foreign_key_check").fetchone()
            if broken is not None:
                raise sqlite3.IntegrityError(f"a row of {broken[0]} points to a missing row of {broken[2]}")
            conn.execute(f"PRAGMA user_version = {number:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    if buffer.strip():
        yield buffer


def _backup(conn: sqlite3.Connection, target: str) -> None:
    make_private_file(target)
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()


def _utc_now_iso() -> str:
    # The only clock read in the store: the moment a brand-new database is born,
    # used when the caller did not inject a time.
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
