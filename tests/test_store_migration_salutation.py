"""Schema 9 adds how a contact is greeted (title, salutation, language): a database at version 8
comes through whole, every contact greeted as before (the company's style decides), and the new
values are kept and refused as the schema says."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup.domain.model import Language, Salutation
from followup.store import db, records

T = "'2026-11-20T09:00:00Z'"
ROWS_AT_8 = [
    "INSERT INTO contact (id, owner_id, name, role, title, email, created_at) "
    f"VALUES (1, 1, 'Zoë Müller-O''Brien', 'interviewer', 'Head of Data', 'zoe@acme.example', {T})",
    f"INSERT INTO contact (id, owner_id, name, role, created_at) VALUES (2, 1, 'Rita Recruiter', 'recruiter', {T})",
    "INSERT INTO application (id, owner_id, company, role, recruiter_id, company_style, created_at, updated_at) "
    f"VALUES (1, 1, 'Müller GmbH', 'Analyst', 2, 'traditional', {T}, {T})",
    "INSERT INTO application_contact VALUES (1, 1)",
    "INSERT INTO draft_edit VALUES (1, 'a1', 1, 'thank_you_email', 'Thanks', 'Dear Zoë,', " + T + ")",
]


def _database_at_8(path: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db.migrate_to(conn, 8, now_iso="2026-11-01T09:00:00Z")
    for statement in ROWS_AT_8:
        conn.execute(statement)
    conn.close()


def test_upgrading_from_8_keeps_every_contact_greeted_by_default(tmp_path: Path):
    path = str(tmp_path / "followup.db")
    _database_at_8(path)

    conn = db.connect(path)
    store = db.Store(conn)

    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION >= 9
    assert Path(f"{path}.v8.bak").exists()
    zoe = records.get_contact(store, 1)
    assert (zoe.name, zoe.title, zoe.email) == ("Zoë Müller-O'Brien", "Head of Data", "zoe@acme.example")
    assert (zoe.honorific, zoe.salutation, zoe.language) == (None, Salutation.DEFAULT, None)
    assert records.get_application(store, 1).recruiter_id == 2
    assert conn.execute("SELECT count(*) FROM application_contact").fetchone()[0] == 1
    assert conn.execute("SELECT body FROM draft_edit").fetchone()[0] == "Dear Zoë,"


def test_the_new_columns_keep_what_is_set_and_refuse_anything_else(tmp_path: Path):
    path = str(tmp_path / "followup.db")
    _database_at_8(path)
    conn = db.connect(path)
    store = db.Store(conn)

    records.update_contact(store, 1, honorific="Frau Dr.", salutation="title", language="de")
    zoe = records.get_contact(store, 1)
    assert (zoe.honorific, zoe.salutation, zoe.language) == ("Frau Dr.", Salutation.TITLE, Language.DE)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE contact SET salutation = 'nickname' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE contact SET language = 'it' WHERE id = 1")
