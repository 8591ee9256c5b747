"""The hosted store: the same SQL on PostgreSQL, through psycopg 3.

The store's statements are written once, for SQLite's `?` placeholders and the SQL both
databases share. `PostgresConnection` is the small part of `sqlite3.Connection` they use
(`execute`, `executemany`, `in_transaction`, `close`), over one psycopg connection in
autocommit mode, so that `db.transaction()` and `db.savepoint()` open and end transactions
exactly as they do on SQLite. Each statement is rewritten once (and the result cached):
`?` becomes `%s`, a literal `%` is doubled, `BEGIN IMMEDIATE` (SQLite's "take the write lock
now") is PostgreSQL's `BEGIN`. The few functions SQLite has and PostgreSQL lacks
(`fold`, `group_concat`) are created by the schema itself (`migrations/baseline.pg.sql`).

Values cross as they do on SQLite: a bool is stored as 0 or 1 and a boolean read back is
0 or 1; `sum()`'s numeric is read as int (or float when it has a fraction).

This module is imported only when the database URL names PostgreSQL: the local app never
loads psycopg.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg import pq
from psycopg.abc import Buffer
from psycopg.adapt import Dumper, Loader
from psycopg.types.numeric import Int8Dumper

from followup.errors import StorageError
from followup.store.db import Cursor

# Must match db.SCHEMA_VERSION for the baseline: the version the baseline DDL stands for.
BASELINE_VERSION = 11
MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")
BASELINE_FILE = os.path.join(MIGRATIONS_DIR, "baseline.pg.sql")
# Any fixed number: two processes upgrading one database take turns on this lock.
_MIGRATION_LOCK = 0x666F6C6C

_HINT = "Check the database URL (FOLLOWUP_DATABASE_URL) and that PostgreSQL is running."


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


# -- statements -------------------------------------------------------------------------------------

# A quoted string or identifier (kept as written), a placeholder (`?` or `:name`), or a percent sign.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|(?<![:\w]):([A-Za-z_]\w*)|%")


def _token(match: re.Match[str]) -> str:
    text = match.group(0)
    if text == "?":
        return "%s"
    if text == "%":
        return "%%"
    if match.group(1):
        return f"%({match.group(1)})s"
    # A quoted string keeps its `?` and `:word`, but psycopg reads every `%`, even there.
    return text.replace("%", "%%")


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The statement as psycopg takes it: `%s` and `%(name)s` placeholders, a literal `%` doubled."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    return _TOKEN.sub(_token, sql)


# -- values -----------------------------------------------------------------------------------------


class _Int64Dumper(Int8Dumper):
    # SQLite refuses a number beyond 64 bits with OverflowError, which the doors turn into "out of
    # range"; PostgreSQL would compare it as numeric and find nothing. The same error on both.
    def dump(self, obj: Any) -> Buffer | None:
        if not -(2**63) <= obj < 2**63:
            raise OverflowError("Python int too large to convert to a 64-bit integer")
        return super().dump(obj)


class _BoolAsIntDumper(Dumper):
    # SQLite has no boolean: flags are INTEGER columns holding 0 or 1.
    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class _BoolAsIntLoader(Loader):
    # A comparison read back (`SELECT a IS NULL AND ...`) is 0 or 1, as SQLite gives it.
    def load(self, data: Any) -> int:
        return 1 if bytes(data) == b"t" else 0


class _NumericLoader(Loader):
    # sum() of integers is numeric on PostgreSQL, an integer on SQLite.
    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


def _adapt(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_dumper(int, _Int64Dumper)
    conn.adapters.register_dumper(bool, _BoolAsIntDumper)
    conn.adapters.register_loader("bool", _BoolAsIntLoader)
    conn.adapters.register_loader("numeric", _NumericLoader)


# -- the connection ---------------------------------------------------------------------------------


class _NoRows:
    """The result of a statement that had nothing to do."""

    rowcount = 0

    def fetchone(self) -> Any:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())


_NO_ROWS = _NoRows()


class PostgresConnection:
    """What the store uses of `sqlite3.Connection`, on PostgreSQL."""

    dialect = "postgresql"

    def __init__(
        self, raw: psycopg.Connection[Any], url: str | None = None, *, release: Callable[[], None] | None = None
    ) -> None:
        self.raw = raw
        # A connection borrowed from a `Pool` goes back to it on `close()` instead of being closed.
        self._release = release
        # To connect again after the server dropped the connection (a restart, a failover).
        self.url = url
        # Rows written so far, like sqlite3's `total_changes` (the web layer tells writes by it).
        self.total_changes = 0
        # Whose rows the session's `followup.owner` names now (row-level security, migration 13);
        # None when unknown, after a rollback undid a change of it.
        self.acting_as: int | None = None

    def act_as(self, owner: int) -> None:
        """Work on `owner`'s rows from the next statement on (0: the installation, every owner's)."""
        if not self.in_transaction:
            self._reconnect_if_lost()
        if self.acting_as != owner:
            try:
                self.raw.execute("SELECT set_config('followup.owner', %s, false)", (str(owner),))
            except psycopg.OperationalError as exc:
                raise _unreachable(exc) from None
            self.acting_as = owner

    def for_owner(self, owner: int) -> OwnerBound:
        return OwnerBound(self, owner)

    @property
    def in_transaction(self) -> bool:
        # A connection the server dropped has no transaction left (its status is "unknown").
        return not self._lost and self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    @property
    def _lost(self) -> bool:
        return bool(self.raw.broken or self.raw.closed)

    def _reconnect_if_lost(self) -> None:
        """A long-running process (a web process, a worker) outlives a PostgreSQL restart: the statement
        that met the dropped connection failed ("cannot be reached"); the next one connects again.
        Never inside a transaction, whose earlier statements were lost with the connection."""
        if not self._lost or self.url is None:
            return
        try:
            raw = psycopg.connect(self.url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise _unreachable(exc) from None
        _adapt(raw)
        self.raw = raw
        self.acting_as = None

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = (), /) -> Cursor:
        if self._lost:
            if sql.startswith("ROLLBACK"):
                self.acting_as = None
                return _NO_ROWS  # the transaction went with the connection: nothing to undo
            if sql.startswith(("COMMIT", "RELEASE")):
                raise StorageError(
                    "the connection to the database was lost: nothing of this change was saved", hint=_HINT
                )
        if sql.startswith("ROLLBACK"):
            # A setting changed inside the transaction (or savepoint) goes back with it.
            self.acting_as = None
        elif not self.in_transaction:
            self._reconnect_if_lost()
        cursor = self.raw.cursor()
        try:
            # Parameters always given (maybe none), so that psycopg reads the `%%` of translate().
            cursor.execute(translate(sql), parameters if isinstance(parameters, Mapping) else tuple(parameters))
        except psycopg.OperationalError as exc:
            raise _unreachable(exc) from None
        if cursor.description is None and cursor.rowcount > 0:
            self.total_changes += cursor.rowcount
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | Mapping[str, Any]], /) -> Cursor:
        cursor = self.raw.cursor()
        try:
            cursor.executemany(translate(sql), [row if isinstance(row, Mapping) else tuple(row) for row in rows])
        except psycopg.OperationalError as exc:
            raise _unreachable(exc) from None
        self.total_changes += max(cursor.rowcount, 0)
        return cursor

    def close(self) -> None:
        if self._release is not None:
            release, self._release = self._release, None
            release()
        else:
            self.raw.close()

    # As `with sqlite3.Connection:` does: commit what is open, or roll it back on an error.
    def __enter__(self) -> PostgresConnection:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: Any, /) -> None:
        if self.in_transaction:
            if kind is not None:
                self.acting_as = None
            self.raw.execute("COMMIT" if kind is None else "ROLLBACK")


class OwnerBound:
    """A `PostgresConnection` as one owner's store uses it: each statement runs with PostgreSQL's
    row security set to that owner (`db.Store` binds its connection so), so that a query which
    forgot its owner still sees no one else's rows. Several stores share one connection (a
    web process serves many people in turn); the setting changes only when the owner does."""

    dialect = "postgresql"

    def __init__(self, base: PostgresConnection, owner: int) -> None:
        self.base = base
        self.owner = owner

    @property
    def in_transaction(self) -> bool:
        return self.base.in_transaction

    @property
    def total_changes(self) -> int:
        return self.base.total_changes

    @property
    def raw(self) -> psycopg.Connection[Any]:
        return self.base.raw

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = (), /) -> Cursor:
        if not sql.startswith(("ROLLBACK", "COMMIT")):
            self.base.act_as(self.owner)
        return self.base.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | Mapping[str, Any]], /) -> Cursor:
        self.base.act_as(self.owner)
        return self.base.executemany(sql, rows)

    def for_owner(self, owner: int) -> OwnerBound:
        return OwnerBound(self.base, owner)

    def close(self) -> None:
        self.base.close()

    def __enter__(self) -> OwnerBound:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: Any, /) -> None:
        self.base.__exit__(kind, value, traceback)


# -- a pool of connections, for a long-running process ---------------------------------------------

# Whose rows a connection works on until a store says otherwise: the local user's, as on SQLite
# (`connect`). Set on each new connection and again on each returned one, with every session
# advisory lock a job may have left held (a mailbox's, a message's): the next job starts clean.
_FRESH = "SELECT set_config('followup.owner', '1', false)"
_RETURNED = "SELECT pg_advisory_unlock_all(), set_config('followup.owner', '1', false)"


class Pool:
    """At most `max_size` connections to one database, kept open and lent to one job at a time.

    A worker runs many short jobs: opening a connection for each costs a TCP and authentication
    round trip, and PostgreSQL a process, each time. The pool opens them as jobs need them, up to
    `max_size`, keeps `min_size` open while idle, and closes the others after `max_idle` seconds.
    A job that finds every connection lent waits for one, up to `timeout` seconds. The schema is
    not checked per loan: whoever opens the pool has opened the database once before (`connect`).
    """

    def __init__(
        self, url: str, *, min_size: int, max_size: int, name: str, timeout: float = 60.0, max_idle: float = 300.0
    ) -> None:
        from psycopg_pool import ConnectionPool

        def fresh(raw: psycopg.Connection[Any]) -> None:
            _adapt(raw)
            raw.execute(_FRESH)

        def returned(raw: psycopg.Connection[Any]) -> None:
            raw.execute(_RETURNED)

        self.url = url
        self.max_size = max_size
        self.timeout = timeout
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs={"autocommit": True, "application_name": name},
            configure=fresh,
            reset=returned,
            # A connection the server dropped (a restart) is replaced when it is next lent, not handed on.
            check=ConnectionPool.check_connection,
            timeout=timeout,
            max_idle=max_idle,
            open=False,
            name=name,
        )

    def open(self) -> None:
        try:
            self._pool.open(wait=True, timeout=self.timeout)
        except psycopg.Error as exc:
            raise StorageError(f"the database cannot be reached: {exc}", hint=_HINT) from None

    def borrow(self) -> PostgresConnection:
        """A connection of the pool, the local user's (as `connect` gives): `close()` gives it back."""
        from psycopg_pool import PoolTimeout

        try:
            raw = self._pool.getconn(timeout=self.timeout)
        except PoolTimeout:
            raise StorageError(
                f"all {self.max_size} database connections of this process stayed in use for {self.timeout:.0f} s",
                hint="Give the process more connections (followup worker --connections), or run fewer jobs at "
                "once (--concurrency).",
            ) from None
        except psycopg.OperationalError as exc:
            raise _unreachable(exc) from None
        conn = PostgresConnection(raw, release=lambda: self._pool.putconn(raw))
        conn.acting_as = 1
        return conn

    def in_use(self) -> int:
        """How many connections are lent now."""
        stats = self._pool.get_stats()
        return int(stats.get("pool_size", 0)) - int(stats.get("pool_available", 0))

    def close(self) -> None:
        """Close every connection (waiting for the lent ones to come back, up to `timeout`)."""
        self._pool.close(timeout=self.timeout)


def _unreachable(exc: psycopg.OperationalError) -> StorageError:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StorageError(f"the database cannot be reached: {message}", hint=_HINT)


def connect(url: str, *, target_version: int, migrate: bool = True, now_iso: str) -> PostgresConnection:
    """Open the PostgreSQL database at `url`, its schema created or upgraded to `target_version`."""
    try:
        raw = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        raise (
            _unreachable(exc)
            if isinstance(exc, psycopg.OperationalError)
            else StorageError(f"cannot open the database: {exc}", hint=_HINT)
        ) from None
    _adapt(raw)
    conn = PostgresConnection(raw, url)
    version = schema_version(conn)
    if version > target_version:
        conn.close()
        raise StorageError(
            f"this database was written by a newer followup (schema {version}, this program knows {target_version})",
            hint="Upgrade followup on every machine that uses this database.",
        )
    if migrate and version < target_version:
        try:
            migrate_to(conn, target_version, now_iso=now_iso)
        except BaseException:
            conn.close()
            raise
    # Until a store says whose rows it works on, the connection is the local user's, as on SQLite.
    conn.act_as(1)
    return conn


def schema_version(conn: PostgresConnection) -> int:
    """The version recorded in `schema_version`; 0 for a database without followup's tables."""
    found = conn.execute("SELECT to_regclass('schema_version')").fetchone()
    if found is None or found[0] is None:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migration_files() -> list[tuple[int, str]]:
    """Migrations after the baseline: a `.pg.sql` twin where SQLite's SQL would not do."""
    found: dict[int, str] = {}
    for name in sorted(os.listdir(MIGRATIONS_DIR)):
        if not (name.endswith(".sql") and name[:4].isdigit()) or int(name[:4]) <= BASELINE_VERSION:
            continue
        if name.endswith(".pg.sql") or int(name[:4]) not in found:
            found[int(name[:4])] = os.path.join(MIGRATIONS_DIR, name)
    return sorted(found.items())


def migrate_to(conn: PostgresConnection, target: int, *, now_iso: str, owner: int = 1) -> None:
    """Create the schema from the baseline, then apply each later migration in its own transaction."""
    steps: list[tuple[int, str]] = [(BASELINE_VERSION, BASELINE_FILE), *migration_files()]
    for number, file in steps:
        if number > target:
            break
        with open(file, encoding="utf-8") as fh:
            script = fh.read()
        try:
            _run_migration(conn, number, script, now_iso, owner)
        except psycopg.OperationalError as exc:
            raise _unreachable(exc) from None
        except psycopg.Error as exc:
            raise StorageError(
                f"upgrading the database to schema {number} failed: {exc}",
                hint="The database was left unchanged at its previous version.",
            ) from None


def _run_migration(conn: PostgresConnection, number: int, script: str, now_iso: str, owner: int) -> None:
    # The migration and the version it reaches are one transaction, as on SQLite (db._run_migration).
    conn.raw.execute("BEGIN")
    conn.acting_as = None  # set inside the transaction: gone again if it rolls back
    try:
        # A later migration may move rows of every owner: it acts as the installation (row security).
        conn.raw.execute("SELECT set_config('followup.owner', '0', false)")
        # Another process may be upgrading the same database: one at a time, and each looks
        # again at the version once it holds the lock (released at COMMIT or ROLLBACK).
        conn.raw.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        if schema_version(conn) < number:
            # No parameters: psycopg sends the whole script at once, several statements and all.
            conn.raw.execute(script.encode("utf-8"))
            if number == BASELINE_VERSION:
                conn.raw.execute("INSERT INTO owner (id, name, created_at) VALUES (%s, '', %s)", (owner, now_iso))
                conn.raw.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
            else:
                conn.raw.execute("UPDATE schema_version SET version = %s", (number,))
    except BaseException:
        if not conn.raw.closed:
            conn.raw.execute("ROLLBACK")
        raise
    conn.raw.execute("COMMIT")
