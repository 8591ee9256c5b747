"""Schema 5 rebuilds the application table (for the wishlist status) without losing a row.

The rebuild drops the old table. With foreign keys on, that drop would delete every
interview, touchpoint, contact link and pending action of every application (ON DELETE
CASCADE) and unlink every synced message (SET NULL): the database of a user who has
been searching for weeks, at version 4, must come through whole.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from followup.errors import StorageError
from followup.store import db, records
from followup.store import transfer as transfer_store

T = "'2026-11-20T09:00:00Z'"
ROWS_AT_4 = [
    f"INSERT INTO contact (id, owner_id, name, role, created_at) VALUES (1, 1, 'Zoë Müller', 'interviewer', {T})",
    f"INSERT INTO contact (id, owner_id, name, role, created_at) VALUES (2, 1, 'Rita Recruiter', 'recruiter', {T})",
    "INSERT INTO application (id, owner_id, company, role, job_url, source, recruiter_id, status, applied_on, "
    f"notes, created_at, updated_at) VALUES (1, 1, 'Société Générale', 'Analyst', 'https://jobs.example/1', "
    f"'recruiter', 2, 'active', '2026-11-16', 'Met at a fair', {T}, {T})",
    "INSERT INTO application (id, owner_id, company, role, status, closed_at, created_at, updated_at) "
    f"VALUES (2, 1, 'Globex', 'Engineer', 'rejected', {T}, {T}, {T})",
    "INSERT INTO application_contact VALUES (1, 1)",
    "INSERT INTO interview (id, owner_id, application_id, starts_at, timezone, kind, recorded_at) "
    f"VALUES (1, 1, 1, '2026-11-20T13:00:00Z', 'Europe/Berlin', 'onsite', {T})",
    "INSERT INTO interview_participant VALUES (1, 1)",
    f"INSERT INTO reference_named VALUES (1, 1, 1, {T})",
    "INSERT INTO touchpoint (id, owner_id, application_id, contact_id, direction, channel, occurred_at, created_at) "
    f"VALUES (1, 1, 1, 1, 'sent', 'email', {T}, {T})",
    f"INSERT INTO action_decision VALUES (1, 'a1', 1, 'thank_you', 'done', {T}, NULL, NULL)",
    "INSERT INTO pending_action (owner_id, id, application_id, kind, due, reason) "
    "VALUES (1, 'a2', 1, 'status_check', '2026-11-27', 'They said a week')",
    "INSERT INTO mail_message (id, owner_id, direction, application_id, touchpoint_id, created_at) "
    f"VALUES (1, 1, 'received', 1, 1, {T})",
    "INSERT INTO outbox (id, owner_id, action_id, application_id, account, message_id, mode, state, raw, "
    f"created_at, updated_at) VALUES (1, 1, 'a1', 1, 'personal', '<m@x>', 'send', 'sent', x'00', {T}, {T})",
    "INSERT INTO mail_pending (owner_id, account, folder, role, uidvalidity, uid, application_id, match_reason, raw, "
    f"created_at) VALUES (1, 'personal', 'INBOX', 'inbox', 7, 42, 1, 'thread', x'00', {T})",
]
COUNTS = {
    "application": 2,
    "contact": 2,
    "application_contact": 1,
    "interview": 1,
    "interview_participant": 1,
    "reference_named": 1,
    "touchpoint": 1,
    "action_decision": 1,
    "pending_action": 1,
    "mail_message": 1,
    "outbox": 1,
    "mail_pending": 1,
}


def _database_at_4(path: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db.migrate_to(conn, 4, now_iso="2026-11-01T09:00:00Z")
    for statement in ROWS_AT_4:
        conn.execute(statement)
    conn.close()


def test_upgrading_a_database_in_use_keeps_every_row_and_link(tmp_path: Path):
    path = str(tmp_path / "followup.db")
    _database_at_4(path)

    conn = db.connect(path)

    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1, "foreign keys are back on after the upgrade"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table, count in COUNTS.items():
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
    assert conn.execute("SELECT application_id, touchpoint_id FROM mail_message").fetchone() == (1, 1)
    assert conn.execute("SELECT application_id FROM outbox").fetchone() == (1,)
    app = records.get_application(db.Store(conn), 1)
    assert (app.company, app.job_url, app.recruiter_id, app.notes, str(app.applied_on)) == (
        "Société Générale",
        "https://jobs.example/1",
        2,
        "Met at a fair",
        "2026-11-16",
    )
    assert (app.location, app.salary, app.excitement, app.tags, app.description) == (None, None, None, (), None)
    assert app.undated_interview is None


def test_after_the_upgrade_the_links_still_hold(tmp_path: Path):
    path = str(tmp_path / "followup.db")
    _database_at_4(path)
    conn = db.connect(path)

    # The interview still points to the (rebuilt) application table: deleting it cascades...
    conn.execute("DELETE FROM application WHERE id = 1")
    assert conn.execute("SELECT count(*) FROM interview").fetchone()[0] == 0
    assert conn.execute("SELECT application_id FROM mail_message").fetchone() == (None,)
    # ...and the recruiter link is still ON DELETE SET NULL, the rest still refused.
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO interview (owner_id, application_id, starts_at, timezone, recorded_at) "
            f"VALUES (1, 99, {T}, 'UTC', {T})"
        )
    conn.execute("DELETE FROM contact WHERE id = 2")


def test_the_new_status_and_fields_are_held_to_their_rules(tmp_path: Path):
    conn = db.connect(str(tmp_path / "followup.db"))
    conn.execute(
        "INSERT INTO application (owner_id, company, role, status, excitement, created_at, updated_at) "
        f"VALUES (1, 'Initech', 'Tester', 'wishlist', 5, {T}, {T})"
    )
    for bad in ("status = 'dreaming'", "excitement = 6", "excitement = 0"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(f"UPDATE application SET {bad}")


def test_a_migration_that_would_break_a_link_is_refused_and_undone(tmp_path: Path, monkeypatch):
    path = str(tmp_path / "f.db")
    _database_at_4(path)
    broken = tmp_path / "migrations"
    broken.mkdir()
    for number, file in db.migration_files():
        if number <= 4:
            (broken / Path(file).name).write_text(Path(file).read_text())
    # A careless rebuild: the old rows are not copied, so the interviews point nowhere.
    (broken / "0005_careless.sql").write_text(
        "CREATE TABLE application_new (id INTEGER PRIMARY KEY, owner_id INTEGER, company TEXT, role TEXT);\n"
        "DROP TABLE application;\nALTER TABLE application_new RENAME TO application;\n"
    )
    monkeypatch.setattr(db, "MIGRATIONS_DIR", str(broken))
    monkeypatch.setattr(db, "SCHEMA_VERSION", 5)
    with pytest.raises(StorageError, match="points to a missing row of application"):
        db.connect(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM application").fetchone()[0] == 2


def test_an_import_mapping_is_remembered_per_header(tmp_path: Path):
    store = db.Store(db.connect(str(tmp_path / "followup.db")))
    now = datetime.fromisoformat("2026-12-06T09:00:00+00:00")
    assert transfer_store.load_import_mapping(store, "company|job position|list") is None
    transfer_store.save_import_mapping(store, "company|job position|list", {"Job Position": "role"}, now)
    transfer_store.save_import_mapping(
        store, "company|job position|list", {"Job Position": "role", "List": "status"}, now
    )
    transfer_store.save_import_mapping(store, "other", {"Firma": "company"}, now)
    assert transfer_store.load_import_mapping(store, "company|job position|list") == {
        "Job Position": "role",
        "List": "status",
    }
    assert transfer_store.load_import_mapping(store, "other") == {"Firma": "company"}
    assert transfer_store.load_import_mapping(db.Store(store.conn, owner=2), "other") is None
