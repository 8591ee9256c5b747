"""`pytest --store=postgresql` runs again every test that uses the database, and only those.

They are picked by the fixtures they ask for (tests/conftest.py: `paths`, and so `env`, `run`,
`client`, `live`; `new_database` for a test with several databases), so a new test joins the
PostgreSQL run without being listed anywhere; one that opens the store any other way is stopped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import database_servers

ROOT = Path(__file__).parent.parent


def pytest_run(*arguments: str) -> str:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n0", *arguments]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def collected(*arguments: str) -> set[str]:
    output = pytest_run("--collect-only", "-q", *arguments)
    return {line for line in output.splitlines() if "::" in line}


def in_file(names: set[str], file: str) -> set[str]:
    return {name for name in names if name.startswith(f"{file}::")}


def test_the_postgresql_run_picks_the_tests_that_use_the_database_by_their_fixtures() -> None:
    files = ["tests/test_config.py", "tests/test_transfer_csv_export.py", "tests/test_timeline.py"]
    every = collected(*files)
    on_postgresql = collected("--store=postgresql", *files)
    # test_config: the two tests through `run` (and so `paths`); its settings-file tests are left out
    assert in_file(on_postgresql, "tests/test_config.py") == {
        "tests/test_config.py::test_config_cli_show_set_and_recompute",
        "tests/test_config.py::test_a_hand_edited_settings_file_is_picked_up",
    }
    # test_transfer_csv_export: every test, through `new_database`; test_timeline (no database): none
    export = "tests/test_transfer_csv_export.py"
    assert in_file(every, export)
    assert in_file(on_postgresql, export) == in_file(every, export)
    assert in_file(every, "tests/test_timeline.py")
    assert not in_file(on_postgresql, "tests/test_timeline.py")


def test_a_test_of_sqlite_itself_is_skipped_on_postgresql_with_its_reason() -> None:
    output = pytest_run("--store=postgresql", "-rs", "tests/web/test_web_limits.py", "-k", "lock")
    assert "3 skipped" in output
    assert "SQLite only: SQLite's one write lock for the whole database; PostgreSQL locks rows" in output


def test_a_test_that_opens_the_store_without_the_fixtures_is_stopped(tmp_path: Path) -> None:
    # This test asks for neither `paths` nor `new_database`: on SQLite it would pass, and the
    # PostgreSQL run would leave it out without a word.
    with pytest.raises(RuntimeError, match="Ask for the new_database fixture instead"):
        database_servers.database_for(tmp_path, "forgotten")
