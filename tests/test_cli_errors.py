"""Bad input gets a specific message and exit code, never a traceback or a partial write."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "nonexistent"], 3, "no application matches 'nonexistent'"),
        (["done", "zz"], 2, "too short"),
        (["done", "zzzzzz"], 3, "no pending action"),
        (["--now", "yesterday", "agenda"], 2, "not an ISO 8601 moment"),
        (["agenda", "--now", "2026-11-20T10:00"], 2, "has no UTC offset"),
        (["interview", "add", "1", "--at", "next blursday"], 2, "is not a date and time"),
        (["interview", "add", "1", "--at", "2026-11-20 14:00", "--tz", "Mars/Base"], 2, "not a known time zone"),
        (["app", "add", " ", "Analyst"], 2, "the company name is empty"),
        (["app", "edit", "1", "--applied", "31.02.2026"], 2, "is not a real date"),
        (["snooze", "abcd", "--for", "soon"], 2, "is not a time to snooze until"),
    ],
)
def test_specific_errors(run, args, code, message):
    run.ok("app", "add", "ACME", "Analyst", now="2026-11-16T10:00:00+01:00")
    result = run(*args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_ambiguous_names_list_the_candidates(run):
    run.ok("app", "add", "ACME", "Analyst")
    run.ok("app", "add", "ACME", "Engineer")
    run.ok("app", "edit", "2", "--status", "rejected")
    assert run.json("show", "acme")["application"]["role"] == "Analyst"  # the one still active
    run.ok("app", "edit", "2", "--status", "active")
    result = run("show", "acme")
    assert result.exit_code == 4
    assert "1: Analyst at ACME" in result.output
    assert "2: Engineer at ACME" in result.output


def test_a_failed_capture_writes_nothing(run):
    run.ok("app", "add", "ACME", "Analyst", now="2026-11-16T10:00:00+01:00")
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann", now="2026-11-16T10:00:00+01:00")
    before = run.json("show", "1")
    result = run("interview", "capture", "1", "--with", "Bob", "--next-steps", "x", "--prefers", "Carl=phone")
    assert result.exit_code == 2
    assert "Carl" in result.output
    assert run.json("show", "1") == before


def test_capture_can_add_an_interviewer_with_their_preference(run):
    run.ok("app", "add", "ACME", "Analyst", now="2026-11-16T10:00:00+01:00")
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", now="2026-11-16T10:00:00+01:00")
    run.ok("interview", "capture", "1", "--with", "Bob Stone <bob@acme.example>", "--prefers", "bob stone=phone")
    people = run.json("contact", "list", "--app", "1")
    assert [(p["name"], p["email"], p["preferred_channel"]) for p in people] == [
        ("Bob Stone", "bob@acme.example", "phone")
    ]


def test_the_installed_entry_points_run_and_report_errors_cleanly(tmp_path):
    env = {**os.environ, "FOLLOWUP_DB": str(tmp_path / "x.db"), "FOLLOWUP_CONFIG": str(tmp_path / "s.toml")}
    ok = subprocess.run([sys.executable, "-m", "followup", "--version"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0
    assert "followup, version" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "followup", "show", "42"], capture_output=True, text=True, env=env)
    assert bad.returncode == 3
    assert bad.stderr.startswith("Error: no application with id 42")
    assert "Traceback" not in bad.stderr


def test_a_time_skipped_by_the_clock_change_is_explained(run):
    run.ok("config", "set", "timezone", "Europe/Berlin")
    run.ok("app", "add", "Zeiss", "Engineer", now="2026-03-20T10:00:00+01:00")
    result = run("interview", "add", "1", "--at", "2026-03-29 02:30", "--json", now="2026-03-20T10:00:00+01:00")
    assert result.exit_code == 0
    assert "02:30 does not exist on 29 Mar 2026" in result.output
    assert "using 03:30" in result.output
