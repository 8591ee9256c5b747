"""The hosted store: the same SQL and the same schema on PostgreSQL as on SQLite.

These tests start a real PostgreSQL (tests/database_servers.py); the rest of the suite
runs against it with `pytest --store=postgresql`.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from followup.app import applications
from followup.app.context import bootstrap
from followup.domain.model import ContactRole
from followup.domain.text import fold_for_search
from followup.errors import StorageError
from followup.store import db, records

pytest.importorskip("psycopg")

from followup.store import postgresql

# Names as job seekers and their contacts write them, with the marks a search must see through.
NAMES = [
    "Müller",
    "Lefèvre",
    "Núñez",
    "Søren Kierkegaard",
    "Łukasz Żółć",
    "Straße",
    "STRASSE",
    "Ærøskøbing",
    "Œuvre",
    "Þórður Guðjónsson",
    "Đorđević",
    "Dvořák",
    "İstanbul",
    "ıspanak",
    "Ångström",
    "François",
    "Ørsted",
    "ΣΊΣΥΦΟΣ",
    "Jürgen ﬁnance",
    "Nguyễn Thị Minh Khai",
    "Crème brûlée",
    "Zoë",
    "plain ascii",
    "MiXeD CaSe 42 %_\\",
]


def test_fold_on_postgresql_is_the_python_fold(postgresql_url: str) -> None:
    conn = postgresql.connect(postgresql_url, target_version=db.SCHEMA_VERSION, now_iso="2026-11-16T09:00:00Z")
    try:
        for name in NAMES:
            assert conn.execute("SELECT fold(?)", (name,)).fetchone()[0] == fold_for_search(name), name
        assert conn.execute("SELECT fold(NULL)").fetchone()[0] is None
    finally:
        conn.close()


def test_a_search_finds_the_same_people_on_both_stores(postgresql_url: str, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    found = {}
    for name, target in (("sqlite", str(tmp_path / "f.db")), ("postgresql", postgresql_url)):
        env = bootstrap(target, str(settings))
        try:
            app = applications.add_application(env, applications.NewApplication(company="Acme", role="Engineer"))
            for person in NAMES:
                applications.add_contact(
                    env, applications.NewContact(name=person, role=ContactRole.INTERVIEWER), application_id=app.id
                )
            found[name] = {
                query: [c.name for c in records.list_contacts(env.store, search=query)]
                for query in ("muller", "LEFEVRE", "nunez", "soren", "lukasz zolc", "strasse", "aeroskobing", "ss")
            }
        finally:
            env.close()
    assert found["postgresql"] == found["sqlite"]
    assert found["postgresql"]["muller"] == ["Müller"]
    assert found["postgresql"]["strasse"] == ["STRASSE", "Straße"]


# -- the statements ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sqlite", "psycopg"),
    [
        ("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = %s AND c = %s"),
        ("SELECT 1 WHERE x LIKE ? ESCAPE '\\'", "SELECT 1 WHERE x LIKE %s ESCAPE '\\'"),
        ("SELECT '50% off?' WHERE a = ?", "SELECT '50%% off?' WHERE a = %s"),
        ('SELECT "odd?name" FROM t', 'SELECT "odd?name" FROM t'),
        ("INSERT INTO t VALUES (:owner, :created)", "INSERT INTO t VALUES (%(owner)s, %(created)s)"),
        ("SELECT x::text, '10:30' FROM t", "SELECT x::text, '10:30' FROM t"),
        ("BEGIN IMMEDIATE", "BEGIN"),
    ],
)
def test_each_statement_is_rewritten_for_psycopg(sqlite: str, psycopg: str) -> None:
    assert postgresql.translate(sqlite) == psycopg


def test_values_come_back_as_sqlite_gives_them(postgresql_url: str) -> None:
    conn = postgresql.connect(postgresql_url, target_version=db.SCHEMA_VERSION, now_iso="2026-11-16T09:00:00Z")
    lite = sqlite3.connect(":memory:")
    try:
        for sql, params in [
            ("SELECT a IS NULL, 1 = 1, a = ? FROM (SELECT 'x' AS a) AS t", ("x",)),
            ("SELECT sum(x), count(*) FROM (SELECT 2 AS x UNION ALL SELECT 3) AS t", ()),
            ("SELECT ?, ?", (True, False)),
            ("SELECT ?", (b"\x00raw",)),
        ]:
            assert tuple(conn.execute(sql, params).fetchone()) == lite.execute(sql, params).fetchone(), sql
    finally:
        conn.close()
        lite.close()


def test_a_number_beyond_64_bits_is_refused_as_sqlite_refuses_it(postgresql_url: str) -> None:
    conn = postgresql.connect(postgresql_url, target_version=db.SCHEMA_VERSION, now_iso="2026-11-16T09:00:00Z")
    try:
        with pytest.raises(OverflowError):
            conn.execute("SELECT id FROM application WHERE id = ?", (2**63,))
        assert conn.execute("SELECT ?", (2**63 - 1,)).fetchone()[0] == 2**63 - 1
    finally:
        conn.close()


# -- the schema -------------------------------------------------------------------------------------

SQLITE_TYPES = {"INTEGER": "bigint", "TEXT": "text", "REAL": "double precision", "BLOB": "bytea"}


def sqlite_schema(conn: sqlite3.Connection) -> dict[str, Any]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    schema: dict[str, Any] = {}
    for table in tables:
        columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
        indexes = {}
        for _, name, unique, origin, partial in conn.execute(f"PRAGMA index_list({table})"):
            if origin == "c":  # created by CREATE INDEX, not by a key
                names = [r[2] for r in conn.execute(f"PRAGMA index_info({name})")]
                indexes[name] = (bool(unique), tuple(names), bool(partial))
        schema[table] = {
            "columns": {c[1]: (SQLITE_TYPES[c[2]], bool(c[3]) or c[5] > 0) for c in columns},
            "key": tuple(c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]),
            "references": sorted(
                (r[3], r[2], r[4], r[6]) for r in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            ),
            "unique": sorted(
                tuple(r[2] for r in conn.execute(f"PRAGMA index_info({name})"))
                for _, name, _, origin, _ in conn.execute(f"PRAGMA index_list({table})")
                if origin == "u"
            ),
            "indexes": indexes,
        }
    return schema


def postgresql_schema(conn: postgresql.PostgresConnection) -> dict[str, Any]:
    def rows(sql: str, *params: Any) -> list[Any]:
        return conn.execute(sql, params).fetchall()

    schema: dict[str, Any] = {}
    tables = rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
    for (table,) in tables:
        if table == "schema_version":
            continue
        columns = rows(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ?", table
        )
        constraints = rows(
            "SELECT c.contype, array_agg(a.attname::text ORDER BY k.n), f.relname::text, "
            "array_agg(fa.attname::text ORDER BY k.n), c.confdeltype "
            "FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid "
            "CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
            "LEFT JOIN pg_class f ON f.oid = c.confrelid "
            "LEFT JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[k.n] "
            "WHERE r.relname = ? AND c.contype IN ('p', 'f', 'u') GROUP BY c.oid, c.contype, f.relname, c.confdeltype",
            table,
        )
        indexes = rows(
            "SELECT i.relname::text, x.indisunique, array_agg(a.attname::text ORDER BY k.n), x.indpred IS NOT NULL "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = x.indrelid "
            "CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) "
            "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum "
            "WHERE r.relname = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) "
            "GROUP BY i.relname, x.indisunique, x.indpred IS NOT NULL",
            table,
        )
        on_delete = {"a": "NO ACTION", "c": "CASCADE", "n": "SET NULL"}
        primary = [c for c in constraints if c[0] == "p"]
        schema[table] = {
            "columns": {name: (kind, nullable == "NO") for name, kind, nullable in columns},
            "key": tuple(primary[0][1]) if primary else (),
            "references": sorted(
                (column, parent, target, on_delete[rule])
                for kind, own, parent, targets, rule in constraints
                if kind == "f"
                for column, target in zip(own, targets, strict=True)
            ),
            "unique": sorted(tuple(c[1]) for c in constraints if c[0] == "u"),
            "indexes": {name: (unique, tuple(names), partial) for name, unique, names, partial in indexes},
        }
    return schema


def test_the_postgresql_schema_is_the_one_the_sqlite_migrations_make(postgresql_url: str) -> None:
    lite = db.connect(":memory:", now_iso="2026-11-16T09:00:00Z")
    pg = postgresql.connect(postgresql_url, target_version=db.SCHEMA_VERSION, now_iso="2026-11-16T09:00:00Z")
    try:
        expected = sqlite_schema(lite)
        actual = postgresql_schema(pg)
        assert sorted(actual) == sorted(expected)
        # Baseline (schema 11) + the accounts of schema 12 + the owner indexes of schemas 14 and 15.
        assert len(expected) == 19 + 9
        assert sum(len(t["indexes"]) for t in expected.values()) == 20 + 5 + 2 + 1
        for table in expected:
            assert actual[table] == expected[table], table
    finally:
        pg.close()
        lite.close()


# -- migrations -------------------------------------------------------------------------------------


def test_a_new_database_starts_at_the_current_version(empty_postgresql_url: str) -> None:
    conn = db.open_database(empty_postgresql_url, now_iso="2026-11-16T09:00:00Z")
    try:
        assert isinstance(conn, postgresql.PostgresConnection)
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(db.SCHEMA_VERSION,)]
        assert conn.execute("SELECT id, created_at FROM owner").fetchall() == [(1, "2026-11-16T09:00:00Z")]
    finally:
        conn.close()
    again = db.open_database(empty_postgresql_url)
    try:
        assert again.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1
    finally:
        again.close()


def test_a_later_migration_runs_its_postgresql_twin_and_records_the_version(
    empty_postgresql_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0012_flag.sql").write_text("ALTER TABLE meta ADD COLUMN flag INTEGER NOT NULL DEFAULT 0;\n")
    (folder / "0012_flag.pg.sql").write_text("ALTER TABLE meta ADD COLUMN flag BIGINT NOT NULL DEFAULT 7;\n")
    (folder / "0013_note.sql").write_text("ALTER TABLE meta ADD COLUMN note TEXT;\n")
    monkeypatch.setattr(postgresql, "MIGRATIONS_DIR", str(folder))
    assert postgresql.migration_files() == [(12, str(folder / "0012_flag.pg.sql")), (13, str(folder / "0013_note.sql"))]
    conn = postgresql.connect(empty_postgresql_url, target_version=13, now_iso="2026-11-16T09:00:00Z")
    try:
        conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        assert conn.execute("SELECT flag, note FROM meta").fetchall() == [(7, None)]
        assert postgresql.schema_version(conn) == 13
    finally:
        conn.close()
    # And SQLite never runs a PostgreSQL twin.
    monkeypatch.setattr(db, "MIGRATIONS_DIR", str(folder))
    assert db.migration_files() == [(12, str(folder / "0012_flag.sql")), (13, str(folder / "0013_note.sql"))]


@pytest.mark.parametrize("start", range(postgresql.BASELINE_VERSION, db.SCHEMA_VERSION + 1))
def test_upgrading_from_every_earlier_version_keeps_the_data(empty_postgresql_url: str, start: int) -> None:
    old = postgresql.connect(empty_postgresql_url, target_version=start, now_iso="2026-01-01T09:00:00Z")
    old.execute(
        "INSERT INTO application (owner_id, company, role, created_at, updated_at) "
        "VALUES (1, 'Société Générale', 'Analyst', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')"
    )
    old.execute(
        "INSERT INTO contact (owner_id, name, role, created_at) VALUES (1, 'Zoë O''Brien', 'interviewer', '2026-01-01')"
    )
    if start >= 12:  # a hosted account and its settings
        old.execute("INSERT INTO owner (name, created_at) VALUES ('', '2026-01-01T09:00:00Z')")
        old.execute("INSERT INTO owner_settings VALUES (2, 'timezone = \"Europe/Paris\"', '2026-01-01T09:00:00Z')")
    old.close()

    upgraded = db.open_database(empty_postgresql_url)
    try:
        assert postgresql.schema_version(upgraded) == db.SCHEMA_VERSION  # type: ignore[arg-type]
        assert upgraded.execute("SELECT company FROM application").fetchall() == [("Société Générale",)]
        assert upgraded.execute("SELECT name FROM contact").fetchall() == [("Zoë O'Brien",)]
        if start >= 12:
            as_two = db.Store(upgraded, owner=2)
            assert as_two.conn.execute("SELECT document FROM owner_settings").fetchall() == [
                ('timezone = "Europe/Paris"',)
            ]
        # Whatever the start, the upgraded database has its row security.
        guarded = upgraded.execute("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'application'")
        assert guarded.fetchone() == (1,)
    finally:
        upgraded.close()


def test_a_failed_migration_leaves_the_version_as_it_was(
    postgresql_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / f"{db.SCHEMA_VERSION + 1:04d}_bad.sql").write_text(
        "ALTER TABLE meta ADD COLUMN flag INTEGER;\nALTER TABLE nowhere ADD x INT;\n"
    )
    monkeypatch.setattr(postgresql, "MIGRATIONS_DIR", str(folder))
    with pytest.raises(StorageError, match=f"upgrading the database to schema {db.SCHEMA_VERSION + 1} failed"):
        postgresql.connect(postgresql_url, target_version=db.SCHEMA_VERSION + 1, now_iso="2026-11-16T09:00:00Z")
    conn = postgresql.connect(postgresql_url, target_version=db.SCHEMA_VERSION, now_iso="2026-11-16T09:00:00Z")
    try:
        assert postgresql.schema_version(conn) == db.SCHEMA_VERSION
        assert (
            conn.execute("SELECT count(*) FROM information_schema.columns WHERE column_name = 'flag'").fetchone()[0]
            == 0
        )
    finally:
        conn.close()


def test_a_database_from_a_newer_followup_is_refused(postgresql_url: str) -> None:
    conn = db.open_database(postgresql_url)
    conn.execute("UPDATE schema_version SET version = ?", (db.SCHEMA_VERSION + 1,))
    conn.close()
    with pytest.raises(StorageError, match="written by a newer followup"):
        db.open_database(postgresql_url)


# -- choosing the store -----------------------------------------------------------------------------


def test_the_environment_names_the_postgresql_database(
    postgresql_url: str, paths: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", postgresql_url)
    monkeypatch.setenv("FOLLOWUP_DB", str(Path(paths["config"]).parent / "unused.db"))
    env = bootstrap(None, paths["config"])
    try:
        assert isinstance(env.conn, postgresql.OwnerBound)
        assert env.data_folder == os.path.dirname(paths["config"])
    finally:
        env.close()
    assert not (Path(paths["config"]).parent / "unused.db").exists()


def test_the_local_app_never_loads_psycopg(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    script = (
        "import sys\n"
        "from followup.app.context import bootstrap\n"
        "from followup.app import agenda\n"
        f"env = bootstrap({str(tmp_path / 'f.db')!r}, {str(settings)!r})\n"
        "agenda.agenda(env, 7)\n"
        "assert not [m for m in sys.modules if m.startswith('psycopg') or m == 'followup.store.postgresql']\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, env={**os.environ, "FOLLOWUP_DATABASE_URL": ""})


def test_a_password_in_the_url_is_never_shown() -> None:
    assert db.url_without_password("postgresql://app:s3cret@db.example:5432/followup") == (
        "postgresql://app:***@db.example:5432/followup"
    )
    assert db.url_without_password("postgresql://app@db.example/followup") == "postgresql://app@db.example/followup"


def test_an_unreachable_database_is_a_clear_error_at_the_door(run: Any, tmp_path: Path) -> None:
    from mail_servers import free_port

    result = run("--db", f"postgresql://followup:s3cret@127.0.0.1:{free_port()}/followup", "agenda")
    assert result.exit_code == StorageError.exit_code, result.output
    assert "the database cannot be reached" in result.output
    assert "s3cret" not in result.output


def test_the_database_is_shown_without_its_password(run: Any, postgresql_url: str) -> None:
    # The test server trusts loopback, so any password is let in: it is only there to be hidden.
    with_password = postgresql_url.replace("postgres@", "postgres:s3cret@")
    output = run.ok("--db", with_password, "config", "path")
    assert f"database: {postgresql_url.replace('postgres@', 'postgres:***@')}" in output
    assert "s3cret" not in output


def test_the_help_says_a_url_names_a_postgresql_database(run: Any) -> None:
    output = " ".join(run.ok("--help").split())
    assert "postgresql:// URL" in output
    assert "FOLLOWUP_DATABASE_URL" in output


def test_a_dropped_connection_fails_one_statement_and_the_next_connects_again(
    postgresql_url: str, postgresql_server: Any
) -> None:
    conn = db.open_database(postgresql_url)
    store = db.Store(conn)
    try:
        pid = store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        postgresql_server.admin(f"SELECT pg_terminate_backend({pid})")  # a restart, a failover
        with pytest.raises(StorageError, match="cannot be reached"):
            store.conn.execute("SELECT count(*) FROM application")
        # The next statement (the next request of a web process) works on a new connection, as the same owner.
        assert store.conn.execute("SELECT count(*) FROM application").fetchone() == (0,)
        assert store.conn.execute("SELECT current_setting('followup.owner')").fetchone() == ("1",)
        # Inside a transaction the loss is an error, and nothing is committed.
        pid = store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]

        def two_writes_with_the_connection_lost_between() -> None:
            with store.transaction():
                store.conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
                postgresql_server.admin(f"SELECT pg_terminate_backend({pid})")
                store.conn.execute("INSERT INTO meta (key, value) VALUES ('k2', 'v')")

        with pytest.raises(StorageError):
            two_writes_with_the_connection_lost_between()
        assert store.conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'k%'").fetchone() == (0,)
    finally:
        conn.close()
