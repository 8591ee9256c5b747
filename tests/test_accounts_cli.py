"""`followup server init` and `followup account ...`: the operator's commands of a hosted installation.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `run` fixture's database).
"""

from __future__ import annotations

import io
import json
import os
import sys
from typing import Any

import pexpect
import pytest

from conftest import Cli

PASSWORD = "correct horse battery"
NOW = "2026-12-06T15:00:00Z"


def init(run: Cli, email: str = "Boss@Example.org", *extra: str) -> dict[str, Any]:
    result = run(
        "server", "init", "--admin-email", email, "--password-stdin", "--json", *extra, input=PASSWORD + "\n", now=NOW
    )
    assert result.exit_code == 0, result.output
    created: dict[str, Any] = json.loads(result.output)
    return created


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
    assert run.json("account", "list") == {"accounts": [created["admin"]], "invitations": []}


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


def test_invite_prints_a_link_once_and_lists_the_invitation(run: Cli, monkeypatch) -> None:
    monkeypatch.delenv("FOLLOWUP_SERVER_SMTP_URL", raising=False)
    init(run)
    made = run.json(
        "account", "invite", "Sam@Example.org", "--role", "coach", "--base-url", "https://jobs.example/", now=NOW
    )
    token = made["link"].removeprefix("https://jobs.example/join?token=")
    assert len(token) == 43
    assert made == {
        "email": "sam@example.org",
        "role": "coach",
        "link": f"https://jobs.example/join?token={token}",
        "expires_at": "2026-12-13T15:00:00+00:00",
        "mailed": False,
        "not_mailed_because": made["not_mailed_because"],
    }
    assert made["not_mailed_because"].startswith("the server has no outgoing mail: FOLLOWUP_SERVER_SMTP_URL is not set")
    listed = run.json("account", "list", now=NOW)
    assert listed["invitations"] == [
        {"email": "sam@example.org", "role": "coach", "expires_at": "2026-12-13T15:00:00+00:00"}
    ]
    assert [item["email"] for item in listed["accounts"]] == ["boss@example.org"]


def test_invite_needs_the_installations_address(run: Cli, monkeypatch) -> None:
    init(run)
    monkeypatch.delenv("FOLLOWUP_BASE_URL", raising=False)
    result = run("account", "invite", "sam@example.org")
    assert result.exit_code == 2
    assert "--base-url: the invitation link needs the installation's address" in result.output
    monkeypatch.setenv("FOLLOWUP_BASE_URL", "https://jobs.example")
    assert "https://jobs.example/join?token=" in run.ok("account", "invite", "sam@example.org")


def test_account_commands_refuse_a_database_that_is_not_hosted(run: Cli) -> None:
    result = run("account", "list")
    assert result.exit_code == 5
    assert "not a hosted installation" in result.output
    assert "followup server init" in result.output


def test_inviting_an_address_that_has_an_account_is_refused(run: Cli) -> None:
    init(run)
    result = run("account", "invite", "BOSS@example.org", "--base-url", "https://jobs.example")
    assert result.exit_code == 5
    assert "boss@example.org already has an account" in result.output


def test_disable_and_enable_an_account(run: Cli) -> None:
    init(run)
    # The last administrator cannot be disabled: nobody could manage the installation.
    last = run("account", "disable", "boss@example.org")
    assert last.exit_code == 5
    assert "last administrator" in last.output
    unknown = run("account", "disable", "nobody@example.org")
    assert unknown.exit_code == 3
    assert "no account has the address nobody@example.org" in unknown.output


def test_a_disabled_account_is_listed_as_such(run: Cli, env) -> None:
    from followup.app import accounts

    init(run)
    made = accounts.invite(env, None, "sam@example.org", "seeker")
    accounts.accept_invitation(env, made.token, "Sam", PASSWORD)
    disabled = run.json("account", "disable", "Sam@Example.org", now="2026-12-07T09:00:00Z")
    assert disabled == {
        "email": "sam@example.org",
        "name": "Sam",
        "role": "seeker",
        "created_at": disabled["created_at"],
        "disabled_at": "2026-12-07T09:00:00+00:00",
    }
    assert "disabled 2026-12-07" in run.ok("account", "list")
    assert run.json("account", "enable", "sam@example.org")["disabled_at"] is None


@pytest.mark.slow
def test_in_a_terminal_init_asks_for_the_password_twice_without_showing_it(paths: dict[str, str]) -> None:
    env = {**os.environ, "FOLLOWUP_DB": paths["db"], "FOLLOWUP_CONFIG": paths["config"], "FOLLOWUP_DATABASE_URL": ""}
    if paths["db"].startswith("postgresql://"):
        env["FOLLOWUP_DATABASE_URL"] = paths["db"]
    child = pexpect.spawn(
        sys.executable,
        ["-m", "followup", "server", "init", "--admin-email", "boss@example.org"],
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    shown = io.StringIO()
    child.logfile_read = shown  # everything the terminal showed
    child.expect_exact("Password: ")
    child.sendline(PASSWORD)
    child.expect_exact("Password again: ")
    child.sendline("something else entirely")
    child.expect_exact("Error: The two entered values do not match.")
    child.expect_exact("Password: ")
    child.sendline(PASSWORD)
    child.expect_exact("Password again: ")
    child.sendline(PASSWORD)
    child.expect_exact("is now a hosted installation; boss@example.org is its administrator.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert PASSWORD not in shown.getvalue()
    assert "something else" not in shown.getvalue()


def test_init_refuses_the_single_user_apps_own_data(run: Cli) -> None:
    run.ok("app", "add", "ACME Corp", "Analyst")
    result = run("server", "init", "--admin-email", "boss@example.org", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 5
    assert "this database holds the single-user app's data (1 application)" in result.output
    assert "starts from an empty database" in result.output
    assert "Traceback" not in result.output
    assert run.ok("agenda")  # the single-user app is as it was
    assert run("account", "list").exit_code == 5  # not hosted
