"""From a due action to a checked draft, through the CLI, as a job seeker would use it."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import subprocess

import pytest

from followup.domain.playbook import action_id

AFTER = "2026-11-18T15:30:00+01:00"


@pytest.fixture
def interviewed(run):
    for key, value in (
        ("profile.name", "Zoë O'Brien"),
        ("profile.email", "zoe@example.org"),
        ("profile.phone", "+49 170 1234567"),
        ("profile.postal_address", "Hauptstraße 1\n10115 Berlin"),
    ):
        run.ok("config", "set", key, value)
    run.ok("app", "add", "Société Générale", "Data Analyst", "--style", "modern", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview",
        "add",
        "1",
        "--at",
        "2026-11-18 14:00",
        "--kind",
        "video",
        "--with",
        "Jürgen Müller <juergen@sg.example>",
        now="2026-11-16T10:00:00+01:00",
    )
    run.ok(
        "interview",
        "capture",
        "1",
        "--prefers",
        "Jürgen Müller=email",
        "--timeline",
        "by Friday",
        "--main-points",
        "forecasting models",
        "--forgot",
        "my SQL tuning work",
        now=AFTER,
    )
    return run


def test_the_thank_you_draft_for_a_due_action_is_personal_and_passes_its_checks(interviewed):
    thank_you = action_id(1, "thank_you", 1, 1)
    result = interviewed.json("draft", thank_you[:5], now=AFTER)
    assert result["kind"] == "thank_you_email"
    assert result["tone"] == "warm"  # a modern company
    assert result["recipients"] == [{"name": "Jürgen Müller", "email": "juergen@sg.example"}]
    body = result["body"]
    for fact in ("Jürgen", "Data Analyst", "Société Générale", "forecasting models", "SQL tuning"):
        assert fact in body
    assert "filled" not in body.lower()
    assert [c for c in result["checks"] if c["severity"] == "error"] == []


@pytest.mark.parametrize("tone", ["formal", "warm", "brief"])
def test_every_tone_writes_a_real_email_file(interviewed, tmp_path, tone):
    out = tmp_path / f"thanks-{tone}.eml"
    interviewed.ok("draft", action_id(1, "thank_you", 1, 1), "--tone", tone, "--out", str(out), now=AFTER)
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].display_name == "Jürgen Müller"
    assert message["From"].addresses[0].addr_spec == "zoe@example.org"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "Jürgen" in plain.get_content()


def test_the_status_check_is_flagged_too_early_before_the_promised_date(interviewed):
    early = interviewed(
        "draft", "--kind", "status_check_email", "--app", "1", "--json", now="2026-11-19T10:00:00+01:00"
    )
    assert early.exit_code == 1  # an error-level finding: scripts can tell
    checks = json.loads(early.output)["checks"]
    assert "too-early" in [c["id"] for c in checks]
    on_time = interviewed.json("draft", action_id(1, "status_check", 1), now="2026-11-23T09:30:00+01:00")
    assert "too-early" not in [c["id"] for c in on_time["checks"]]


def test_a_letter_becomes_a_printable_pdf(interviewed, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    out = tmp_path / "letter.pdf"
    interviewed.ok("draft", "--kind", "thank_you_letter", "--app", "1", "--out", str(out), now=AFTER)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Zoë O'Brien" in text
    assert "Hauptstraße 1" in text
    assert "Jürgen Müller" in text


def test_check_reads_a_saved_draft_and_finds_what_was_broken(interviewed, tmp_path):
    path = tmp_path / "draft.txt"
    interviewed.ok("draft", action_id(1, "thank_you", 1, 1), "--out", str(path), now=AFTER)
    text = path.read_text(encoding="utf-8").replace("Jürgen", "Jurgen", 1).replace("Thank", "Thank thank", 1)
    path.write_text(text, encoding="utf-8")
    result = interviewed("check", str(path), "--app", "1", "--kind", "thank_you_email", "--json")
    ids = {c["id"] for c in json.loads(result.output)}
    assert "name-misspelt" in ids
    assert result.exit_code == 1


def test_a_draft_needs_the_users_name(run):
    run.ok("app", "add", "ACME", "Analyst", now="2026-11-16T10:00:00+01:00")
    result = run("draft", "--kind", "thank_you_email", "--app", "1")
    assert result.exit_code == 2
    assert "followup config set profile.name" in result.output
