"""`followup server init` and `followup account ...`: the operator's commands of a hosted installation.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `run` fixture's database).
"""

from __future__ import annotations

import json

from conftest import Cli

PASSWORD = "correct horse battery"
NOW = "2026-12-06T15:00:00Z"


def init(run: Cli, email: str = "Boss@Example.org", *extra: str) -> dict:
    result = run(
        "server", "init", "--admin-email", email, "--password-stdin", "--json", *extra, input=PASSWORD + "\n", now=NOW
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_server_init_makes_the_first_administrator_and_marks_the_database_hosted(run: Cli) -> None:
    created = init(run, "Boss@Example.org", "--admin-name", "  Ada   Boss ")
    assert created == {
        "hosted": True,
        "database": created["database"],
        "admin": {
            "email": "boss@example.org",
            "name": "Ada Boss",
            "role": "admin",
            "created_at": "2026-12-06T15:00:00+00:00",
            "disabled_at": None,
        },
    }


def test_a_second_init_is_refused_before_any_password_is_asked(run: Cli) -> None:
    init(run)
    again = run("server", "init", "--admin-email", "other@example.org")  # no stdin, no --password-stdin
    assert again.exit_code == 5
    assert "already a hosted installation" in again.output
    assert "Traceback" not in again.output


def test_init_refuses_a_bad_address_or_a_short_password_and_writes_nothing(run: Cli) -> None:
    bad = run("server", "init", "--admin-email", "boss", "--password-stdin", input=PASSWORD + "\n")
    assert bad.exit_code == 2
    assert "--admin-email: 'boss' is not an e-mail address" in bad.output
    short = run("server", "init", "--admin-email", "boss@example.org", "--password-stdin", input="short\n")
    assert short.exit_code == 2
    assert "at least 10 characters" in short.output
    empty = run("server", "init", "--admin-email", "boss@example.org", "--password-stdin", input="")
    assert empty.exit_code == 2
    assert "no password on standard input" in empty.output
    init(run)  # none of those made the database hosted


def test_without_a_terminal_init_says_to_use_password_stdin(run: Cli) -> None:
    result = run("server", "init", "--admin-email", "boss@example.org")
    assert result.exit_code == 2
    assert "--password-stdin" in result.output
