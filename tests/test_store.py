"""The database file: created on first use, migrated safely, refused when from the future."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup.errors import StorageError
from followup.store import db

SAMPLE_ROWS = {
    # Rows valid at each schema version, to prove an upgrade keeps the user's data.
    1: [
        "INSERT INTO application (id, owner_id, company, role, created_at, updated_at) "
        "VALUES (1, 1, 'Société Générale', 'Analyst', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z')",
        "INSERT INTO contact (id, owner_id, name, role, created_at) "
        "VALUES (1, 1, 'Zoë O''Brien', 'interviewer', '2026-01-01T09:00:00Z')",
        "INSERT INTO application_contact VALUES (1, 1)",
    ],
    2: [
        "INSERT INTO mail_seen VALUES (1, 'personal', 'INBOX', 7, 42, 0)",
    ],
}


def test_the_constant_matches_the_migration_files():
    numbers = [n for n, _ in db.migration_files()]
    assert numbers == list(range(1, len(numbers) + 1)), "migrations must be numbered 0001, 0002, ... without gaps"
    assert numbers[-1] == db.SCHEMA_VERSION


def test_a_new_database_is_created_with_its_folder(tmp_path: Path):
    path = tmp_path / "deep" / "folder" / "followup.db"
    conn = db.connect(str(path), now_iso="2026-11-22T09:00:00Z")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert conn.execute("SELECT created_at FROM owner WHERE id = 1").fetchone()[0] == "2026-11-22T09:00:00Z"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("start", range(1, db.SCHEMA_VERSION + 1))
def test_upgrading_from_every_earlier_version_keeps_the_data(tmp_path: Path, start: int):
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate_to(conn, start, now_iso="2026-01-01T09:00:00Z")
    for version in range(1, start + 1):
        for statement in SAMPLE_ROWS.get(version, []):
            conn.execute(statement)
    conn.close()

    upgraded = db.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert upgraded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert upgraded.execute("PRAGMA foreign_key_check").fetchall() == []
    assert upgraded.execute("SELECT company FROM application").fetchall() == [("Société Générale",)]
    assert upgraded.execute("SELECT name FROM contact").fetchall() == [("Zoë O'Brien",)]
    if start >= 2:
        assert upgraded.execute("SELECT uid FROM mail_seen").fetchall() == [(42,)]
    if start < db.SCHEMA_VERSION:
        assert Path(f"{path}.v{start}.bak").exists(), "a copy of the old file is kept before upgrading"


def test_a_failing_migration_leaves_the_database_at_its_previous_version(tmp_path: Path, monkeypatch):
    path = str(tmp_path / "f.db")
    db.connect(path).close()
    broken = tmp_path / "migrations"
    broken.mkdir()
    for _number, file in db.migration_files():
        (broken / Path(file).name).write_text(Path(file).read_text())
    nxt = db.SCHEMA_VERSION + 1
    (broken / f"{nxt:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
    )
    monkeypatch.setattr(db, "MIGRATIONS_DIR", str(broken))
    monkeypatch.setattr(db, "SCHEMA_VERSION", nxt)
    with pytest.raises(StorageError, match="left unchanged"):
        db.connect(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == nxt - 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables


def test_a_database_from_a_newer_followup_is_refused(tmp_path: Path):
    path = str(tmp_path / "new.db")
    db.connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer followup") as info:
        db.connect(path)
    assert "Upgrade followup" in (info.value.hint or "")


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("this is my shopping list, not a database\n" * 100)
    with pytest.raises(StorageError, match="cannot open the database"):
        db.connect(str(path))


def test_transactions_roll_back_everything_on_error(tmp_path: Path):
    conn = db.connect(str(tmp_path / "t.db"))

    def write_then_fail() -> None:
        with db.transaction(conn):
            conn.execute(SAMPLE_ROWS[1][0])
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert conn.execute("SELECT count(*) FROM application").fetchone()[0] == 0


def test_correcting_a_reply_to_a_rejection_closes_the_application(env):
    from followup.app import applications
    from followup.domain.model import ApplicationStatus, Channel, Direction, Outcome

    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    logged = applications.log_touchpoint(
        env, app.id, applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL)
    )
    assert applications.resolve_application(env, app.id).status is ApplicationStatus.ACTIVE
    applications.edit_touchpoint(env, logged.touchpoint.id, applications.TouchpointChanges(outcome=Outcome.REJECTION))
    closed = applications.resolve_application(env, app.id)
    assert closed.status is ApplicationStatus.REJECTED
    assert closed.closed_at == logged.touchpoint.occurred_at
