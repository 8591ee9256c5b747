"""In a real terminal the capture asks the playbook's questions and confirms the parsed date."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pexpect
import pytest

# Each test drives `followup` in a terminal of its own (pexpect).
pytestmark = pytest.mark.slow


def _followup(paths, *args: str) -> str:
    env = {**os.environ, "FOLLOWUP_DB": paths["db"], "FOLLOWUP_CONFIG": paths["config"]}
    return subprocess.run(
        [sys.executable, "-m", "followup", *args], capture_output=True, text=True, env=env, check=True
    ).stdout


def test_capture_asks_the_questions_in_a_terminal(paths):
    now = ["--now", "2026-11-18T15:10:00+01:00"]
    _followup(paths, *now, "app", "add", "ACME Corp", "Analyst")
    _followup(paths, *now, "interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann Lee")
    env = {**os.environ, "FOLLOWUP_DB": paths["db"], "FOLLOWUP_CONFIG": paths["config"], "COLUMNS": "120"}
    child = pexpect.spawn(
        sys.executable, ["-m", "followup", *now, "interview", "capture", "1"], env=env, encoding="utf-8", timeout=20
    )
    answers = [
        ("How does Ann Lee prefer to be followed up", "phone"),
        ("Ann Lee's email", "ann@acme.example"),
        ("Ann Lee's job title", "Head of Data"),
        ("What did they say happens next", "A second round with the team"),
        ("When did they say you would hear", "within 7-10 business days"),
        ("That means by Wed 2 Dec 2026. Right?", "y"),
        ("main points", "SQL and dashboards"),
        ("forgot to mention", ""),
        ("clarify", ""),
        ("References you named", "Carla Diaz"),
    ]
    for prompt, answer in answers:
        child.expect_exact(prompt)
        child.sendline(answer)
    child.expect_exact("Saved what you learned in interview 1.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    shown = json.loads(_followup(paths, "show", "1", "--json"))
    interview = shown["interviews"][0]
    assert interview["decision_date"] == "2026-12-02"
    assert interview["timeline_text"] == "within 7-10 business days"
    assert interview["next_steps"] == "A second round with the team"
    ann = next(c for c in shown["contacts"] if c["name"] == "Ann Lee")
    assert (ann["preferred_channel"], ann["email"], ann["title"]) == ("phone", "ann@acme.example", "Head of Data")
    assert [c["name"] for c in shown["contacts"] if c["role"] == "reference"] == ["Carla Diaz"]
    # A phone person gets the status check as a call, due after the promised date.
    check = next(n for n in shown["next"] if n["kind"] == "status_check")
    assert (check["channel"], check["due"]) == ("phone", "2026-12-03T09:00:00+01:00")


def test_the_first_draft_asks_who_you_are_once(paths):
    now = ["--now", "2026-11-18T15:10:00+01:00"]
    _followup(paths, *now, "app", "add", "ACME Corp", "Analyst")
    _followup(paths, *now, "interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann Lee <ann@acme.example>")
    env = {**os.environ, "FOLLOWUP_DB": paths["db"], "FOLLOWUP_CONFIG": paths["config"], "COLUMNS": "120"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "followup", *now, "draft", "--kind", "thank_you_email", "--app", "1"],
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    for prompt, answer in (
        ("Your full name", "Zoë O'Brien"),
        ("Your email address", "zoe@example.org"),
        ("Your phone number", "+49 170 1234567"),
    ):
        child.expect_exact(prompt)
        child.sendline(answer)
    child.expect_exact("Dear Ann")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # Asked once: the answers are settings now, and the next draft is signed without asking.
    again = _followup(paths, *now, "draft", "--kind", "thank_you_email", "--app", "1", "--json")
    assert "Zoë O'Brien" in json.loads(again)["body"]
