"""On the command line, a new user is told once what followup guessed for them.

Interviews are entered on the user's time zone's clock, and the web app asks for it on
its first-run screen. On the command line the zone is guessed from this computer: the
first command that relies on it names it, with how to change it, on stderr; then never
again. (A draft needs the name: in a terminal it is asked, elsewhere the draft is refused
with how to set it.) This computer's zone is America/Chicago (TZ) and the settings file
names none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

NOW = "2026-11-18T15:10:00-06:00"
ZONE_HINT = "Times are in America/Chicago, this computer's time zone. If yours is another: followup config set timezone"


@pytest.fixture
def new_user(paths: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("TZ", "America/Chicago")
    Path(paths["config"]).write_text('country = "US"\n', encoding="utf-8")
    return paths


@pytest.mark.usefixtures("new_user")
def test_the_first_draft_names_the_guessed_zone_once(run) -> None:
    run.ok("config", "set", "profile.name", "Sam Lee")
    run.ok("app", "add", "ACME Corp", "Analyst", now=NOW)
    run.ok("interview", "add", "acme", "--at", "2026-11-18 14:00", "--tz", "America/Chicago", now=NOW)
    run.ok("contact", "add", "Ann Lee", "--app", "acme", "--email", "ann@acme.example", now=NOW)
    first = run("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
    assert first.exit_code == 0, first.output
    assert ZONE_HINT in first.stderr
    assert ZONE_HINT not in first.stdout  # the draft itself stays clean, for a pipe or a file
    second = run("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
    assert second.exit_code == 0, second.output
    assert "config set" not in second.output


def test_without_a_name_a_draft_says_how_to_set_it(run) -> None:
    run.ok("app", "add", "ACME Corp", "Analyst", now=NOW)
    for _attempt in range(2):  # refused each time: there is nothing to sign with
        refused = run("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
        assert refused.exit_code == 2
        assert "followup config set profile.name 'Your Name'" in refused.output


@pytest.mark.usefixtures("new_user")
def test_entering_an_interview_on_a_guessed_zone_says_so_once(run) -> None:
    run.ok("app", "add", "ACME Corp", "Analyst", now=NOW)
    first = run("interview", "add", "acme", "--at", "2026-11-20 14:00", now=NOW)
    assert ZONE_HINT in first.stderr
    second = run("interview", "add", "acme", "--at", "2026-11-23 14:00", now=NOW)
    assert ZONE_HINT not in second.output
    # A draft later does not say it again.
    run.ok("config", "set", "profile.name", "Sam Lee")
    draft = run("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
    assert "config set" not in draft.output


@pytest.mark.usefixtures("new_user")
def test_once_set_nothing_is_said(run) -> None:
    run.ok("config", "set", "profile.name", "Sam Lee")
    run.ok("config", "set", "timezone", "America/Chicago")
    run.ok("app", "add", "ACME Corp", "Analyst", now=NOW)
    added = run("interview", "add", "acme", "--at", "2026-11-20 14:00", "--with", "Ann Lee <ann@a.example>", now=NOW)
    assert "config set" not in added.output
    draft = run("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
    assert "config set" not in draft.output


@pytest.mark.usefixtures("new_user")
def test_json_output_is_never_interrupted_and_the_hint_waits_for_a_person(run) -> None:
    run.ok("config", "set", "profile.name", "Sam Lee")
    run.ok("app", "add", "ACME Corp", "Analyst", now=NOW)
    run.json("interview", "add", "acme", "--at", "2026-11-20 14:00", "--with", "Ann Lee <ann@a.example>", now=NOW)
    run.json("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
    draft = run("draft", "--kind", "thank_you_email", "--app", "1", now=NOW)
    assert ZONE_HINT in draft.stderr


@pytest.mark.slow
def test_a_mistyped_address_is_asked_again_with_the_reason(paths: dict[str, str]) -> None:
    """In a terminal the first draft asks who the user is; an answer that is no address is not the end."""
    import json
    import os
    import subprocess
    import sys

    import pexpect

    env = {**os.environ, "FOLLOWUP_DB": paths["db"], "FOLLOWUP_CONFIG": paths["config"], "COLUMNS": "120"}
    now = ["--now", NOW]

    def followup(*args: str) -> str:
        command = [sys.executable, "-m", "followup", *now, *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    followup("app", "add", "ACME Corp", "Analyst")
    followup("contact", "add", "Ann Lee", "--app", "acme", "--email", "ann@acme.example")
    draft = ["-m", "followup", *now, "draft", "--kind", "thank_you_email", "--app", "1"]
    child = pexpect.spawn(sys.executable, draft, env=env, encoding="utf-8", timeout=30)
    child.expect_exact("Your full name")
    child.sendline("Sam Lee")
    child.expect_exact("Your email address")
    child.sendline("not an email")
    child.expect_exact("'not an email' is not an email address (like name@example.com). Type it again")
    child.expect_exact("Your email address")
    child.sendline("sam@example")
    child.expect_exact("'sam@example' is not an email address")
    child.expect_exact("Your email address")
    child.sendline("sam@example.org")
    child.expect_exact("Your phone number")
    child.sendline("call me")
    child.expect_exact("is not a phone number")
    for _try in range(2):  # three tries in all, then it is left for later without stopping the draft
        child.expect_exact("Your phone number")
        child.sendline("call me")
    child.expect_exact("Left it empty; set it later with: followup config set profile.phone VALUE")
    child.expect_exact("Dear Ann")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    values = json.loads(followup("config", "show", "--json"))
    assert (values["profile.name"], values["profile.email"], values["profile.phone"]) == (
        "Sam Lee",
        "sam@example.org",
        "",
    )
