"""A real PostgreSQL for the tests: one server per test session, one fresh database per use.

Started only when first needed (a test asks for `postgresql_url`, or the suite runs with
`pytest --store=postgresql`): initdb and the server in a short temp dir (the unix socket's
path must stay under 107 bytes), on a free loopback port, as the `postgres` user when the
tests run as root (PostgreSQL refuses root). The schema is created once, in a template
database; each database handed out is a copy of it, dropped when its test ends.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followup.store import db
from mail_servers import free_port

TEMPLATE = "followup_template"
# Loopback only; durability off: a test database need not survive a crash.
SETTINGS = ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off"]
SETTINGS += ["-c", "full_page_writes=off"]

# "sqlite" or "postgresql": the store the suite runs against (conftest sets it from --store).
STORE = "sqlite"
# Whether the running test asks for a fixture that opens the store (conftest.STORE_FIXTURES): only
# those run with --store=postgresql.
IN_STORE_TEST = False


def _bin_dir() -> str | None:
    found = glob.glob("/usr/lib/postgresql/*/bin")
    return max(found, key=lambda path: int(path.split("/")[-2])) if found else None


class PostgresServer:
    def __init__(self, pg_bin: str) -> None:
        self.folder = tempfile.mkdtemp(prefix="pg-")
        self.port = free_port()
        self.numbers = itertools.count(1)
        self.created: list[str] = []
        self.admin_connection: Any = None
        as_user: dict[str, Any] = {}
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            as_user = {"user": "postgres", "group": "postgres", "extra_groups": []}
        initdb = [f"{pg_bin}/initdb", "-D", f"{self.folder}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        initdb += ["--locale=C.UTF-8", "--no-sync"]
        subprocess.run(initdb, cwd=self.folder, check=True, stdout=subprocess.DEVNULL, **as_user)
        with open(f"{self.folder}/postgres.log", "wb") as log:
            self.process = subprocess.Popen(
                [f"{pg_bin}/postgres", "-D", f"{self.folder}/data", "-p", str(self.port), "-k", self.folder, *SETTINGS],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                **as_user,
            )
        try:
            ready = [f"{pg_bin}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]
            deadline = time.monotonic() + 30
            while subprocess.run(ready).returncode:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(Path(self.folder, "postgres.log").read_text())
                time.sleep(0.05)
            self._make_template()
        except BaseException:
            self.stop()
            raise

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        # One connection for the session's CREATE and DROP DATABASE: a new one for each, twice a test,
        # was a tenth of the time of the short tests on PostgreSQL.
        if self.admin_connection is None or self.admin_connection.closed:
            self.admin_connection = psycopg.connect(self.url("postgres"), autocommit=True)
        self.admin_connection.execute(sql.encode())

    def _make_template(self) -> None:
        self.admin(f"CREATE DATABASE {TEMPLATE}")
        db.open_database(self.url(TEMPLATE), now_iso="2026-11-16T09:00:00Z").close()

    def create(self, *, empty: bool = False) -> str:
        """A new database's URL: a copy of the template at the current schema, or (`empty`) nothing in it."""
        name = f"test_{os.getpid()}_{next(self.numbers)}"
        self.admin(f"CREATE DATABASE {name}" + ("" if empty else f" TEMPLATE {TEMPLATE}"))
        self.created.append(name)
        return self.url(name)

    def drop_created(self) -> None:
        while self.created:
            self.admin(f"DROP DATABASE IF EXISTS {self.created.pop()} WITH (FORCE)")

    def stop(self) -> None:
        if self.admin_connection is not None:
            self.admin_connection.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown; SIGTERM would wait for clients
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_server: PostgresServer | None = None


def server() -> PostgresServer:
    """The session's server, started on first use."""
    global _server
    if _server is None:
        pg_bin = _bin_dir()
        if pg_bin is None:
            pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
        pytest.importorskip("psycopg")
        _server = PostgresServer(pg_bin)
        atexit.register(stop_server)
    return _server


def stop_server() -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None


def connect(database: str) -> db.Connection:
    """A test's own connection to `database` (a `paths["db"]`): sqlite3's to a file, the store's to a URL.
    Both commit at the end of a `with` block."""
    if db.is_database_url(database):
        return db.open_database(database)
    return sqlite3.connect(database)


def dump(conn: db.Connection) -> str:
    """Every row of every table, as text: what a test searches for something that must not be stored."""
    if isinstance(conn, sqlite3.Connection):
        return "\n".join(conn.iterdump())
    tables = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").fetchall()
    return "\n".join(str(row) for (table,) in tables for row in conn.execute(f"SELECT * FROM {table}").fetchall())


def data_folder(paths: dict[str, str]) -> str:
    """Where the files beside the database go (Env.data_folder): the SQLite file's folder, or with a
    PostgreSQL database the settings file's."""
    return os.path.dirname(paths["config"] if db.is_database_url(paths["db"]) else paths["db"])


def database_for(folder: str | Path, name: str) -> str:
    """What `bootstrap` opens for a test's database called `name`: the SQLite file `folder/name.db`,
    or with --store=postgresql a fresh PostgreSQL database. Tests call it through the `paths` and
    `new_database` fixtures, by which --store=postgresql knows to run them."""
    if not IN_STORE_TEST:
        raise RuntimeError(
            "database_for() outside the paths and new_database fixtures: --store=postgresql would leave this "
            "test out. Ask for the new_database fixture instead."
        )
    if STORE == "postgresql":
        return server().create()
    return os.path.join(folder, f"{name}.db")


@pytest.fixture(scope="session")
def postgresql_server() -> PostgresServer:
    return server()


@pytest.fixture
def postgresql_url(postgresql_server: PostgresServer) -> Iterator[str]:
    """The URL of a database of this test's own, at the current schema."""
    yield postgresql_server.create()
    postgresql_server.drop_created()


@pytest.fixture
def empty_postgresql_url(postgresql_server: PostgresServer) -> Iterator[str]:
    """The URL of an empty database of this test's own: no schema yet."""
    yield postgresql_server.create(empty=True)
    postgresql_server.drop_created()


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    # Databases made by database_for() in the test's own helpers are dropped with the test too.
    yield
    if _server is not None:
        _server.drop_created()
