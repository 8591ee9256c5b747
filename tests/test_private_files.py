"""Another account on the same computer cannot read anything followup keeps, whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import cli
from followup.store import db


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    # The attack: with the common umask 022 the data folder came out 0755 and the database 0644.
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def followup(tmp_path: Path, *args: str) -> str:
    data, config = tmp_path / "data" / "followup.db", tmp_path / "config" / "settings.toml"
    result = CliRunner().invoke(cli, ["--db", str(data), "--config", str(config), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_data_folder_database_and_its_journal_are_private(tmp_path):
    followup(tmp_path, "app", "add", "ACME", "Analyst")
    assert mode(tmp_path / "data") == 0o700
    database = tmp_path / "data" / "followup.db"
    assert mode(database) == 0o600
    conn = db.connect(str(database))  # held open, so that the -wal and -shm files exist
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE application SET role = 'Engineer'")
    conn.execute("COMMIT")
    journal = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert journal == ["followup.db", "followup.db-shm", "followup.db-wal"]
    assert {name: mode(tmp_path / "data" / name) for name in journal} == dict.fromkeys(journal, 0o600)
    conn.close()


def test_settings_and_exports_are_private(tmp_path):
    followup(tmp_path, "config", "set", "timezone", "Europe/Paris")
    assert mode(tmp_path / "config") == 0o700
    assert mode(tmp_path / "config" / "settings.toml") == 0o600
    for name in ("all.json", "all.csv", "agenda.ics"):
        followup(tmp_path, "export", "--out", str(tmp_path / name))
        assert mode(tmp_path / name) == 0o600, name


def test_the_personal_dictionary_is_private(tmp_path):
    followup(tmp_path, "check", "--learn", "Databricks")
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "dictionary.txt") == 0o600


def test_files_left_readable_by_an_older_version_become_private(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate_to(conn, 1, now_iso="2026-01-01T09:00:00Z")
    conn.close()
    os.chmod(path, 0o644)
    db.connect(str(path)).close()
    assert mode(path) == 0o600
    assert mode(tmp_path / "old.db.v1.bak") == 0o600, "the copy kept before upgrading"
