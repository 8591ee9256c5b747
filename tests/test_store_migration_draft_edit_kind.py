"""Schema 10 keys a draft's edit by the action and the draft (the call script and the voicemail each
keep their own): a database at version 9 comes through with every edit, under the draft it was of."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup.store import db, draft_edits

T = "'2026-11-20T09:00:00Z'"
ROWS_AT_9 = [
    "INSERT INTO application (id, owner_id, company, role, created_at, updated_at) "
    f"VALUES (1, 1, 'Müller GmbH', 'Analyst', {T}, {T})",
    f"INSERT INTO draft_edit VALUES (1, 'a1', 1, 'call_script', '', 'Hello, this is Zoë.', {T})",
    f"INSERT INTO draft_edit VALUES (1, 'a2', 1, 'thank_you_letter', 'Thank you', 'Dear Dr Weiß,', {T})",
]


def _database_at_9(path: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db.migrate_to(conn, 9, now_iso="2026-11-01T09:00:00Z")
    for statement in ROWS_AT_9:
        conn.execute(statement)
    # At 9 an action had one edit: the voicemail's text could only replace the call script's.
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(f"INSERT INTO draft_edit VALUES (1, 'a1', 1, 'voicemail_script', '', 'Hi', {T})")
    conn.close()


def test_upgrading_from_9_keeps_every_edit_under_its_draft(tmp_path: Path):
    path = str(tmp_path / "followup.db")
    _database_at_9(path)

    conn = db.connect(path)
    store = db.Store(conn)

    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION >= 10
    assert Path(f"{path}.v9.bak").exists()
    call = draft_edits.get(store, "a1", "call_script")
    assert call is not None
    assert (call.application_id, call.body) == (1, "Hello, this is Zoë.")
    letter = draft_edits.get(store, "a2", "thank_you_letter")
    assert letter is not None
    assert (letter.subject, letter.body) == ("Thank you", "Dear Dr Weiß,")
    assert draft_edits.get(store, "a1", "voicemail_script") is None

    # Now the voicemail of the same call keeps its own text beside the script's.
    with store.transaction():
        values = {"application_id": 1, "subject": "", "body": "Hi", "edited_at": "2026-11-21T09:00:00Z"}
        draft_edits.save(store, "a1", "voicemail_script", values)
        draft_edits.save(store, "a1", "voicemail_script", values | {"body": "Hi, Zoë here"})
    assert draft_edits.get(store, "a1", "call_script").body == "Hello, this is Zoë."  # type: ignore[union-attr]
    assert draft_edits.get(store, "a1", "voicemail_script").body == "Hi, Zoë here"  # type: ignore[union-attr]
    # An edit still goes with its application.
    conn.execute("DELETE FROM application WHERE id = 1")
    assert draft_edits.all_edits(store) == []
