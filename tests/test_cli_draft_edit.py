"""`followup draft ACTION --edit`: the user's own text of a draft, kept and used everywhere.

The editor is a small script (EDITOR) that rewrites the file as a person would.
"""

# ruff: noqa: F811  (the fixture imported from test_cli_drafts is redefined as an argument)

from __future__ import annotations

import email
import email.policy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Cli
from followup.cli.draft import as_editable, from_editable
from followup.domain.playbook import action_id
from test_cli_drafts import AFTER, interviewed  # noqa: F401  (the fixture is used by name)

THANK_YOU = action_id(1, "thank_you", 1, 1)
OWN_SUBJECT = "Thanks for Wednesday"
OWN_BODY = "Dear Jürgen,\n\nThank you for our talk about forecasting at Société Générale.\n\nBest,\nZoë"


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | None) -> Path:
    """EDITOR set to a script that writes `text` into the file it opens (None: leaves it as it is);
    returns where the script keeps a copy of what it was given."""
    seen = tmp_path / "seen.txt"
    wanted = tmp_path / "wanted.txt"
    if text is not None:
        wanted.write_text(text, encoding="utf-8")
    script = tmp_path / "edit.py"
    script.write_text(
        "import pathlib, shutil, sys\n"
        f"target, seen, wanted = pathlib.Path(sys.argv[1]), pathlib.Path({str(seen)!r}), "
        f"pathlib.Path({str(wanted)!r})\n"
        "shutil.copy(target, seen)\n"
        "if wanted.exists():\n"
        "    target.write_text(wanted.read_text(encoding='utf-8'), encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')
    return seen


def test_the_file_format_is_subject_line_blank_line_body() -> None:
    assert as_editable("Hello", "Dear Ann,\n\nHi.") == "Subject: Hello\n\nDear Ann,\n\nHi.\n"
    assert from_editable("Subject: Hello\n\nDear Ann,\n\nHi.\n\n") == ("Hello", "Dear Ann,\n\nHi.")
    assert from_editable("subject:Hello\nDear Ann,") == ("Hello", "Dear Ann,")
    # A call script has no subject: the whole file is what the user says.
    assert as_editable("", "Hello, this is Zoë.") == "Hello, this is Zoë.\n"
    assert from_editable("Hello, this is Zoë.\n") == ("", "Hello, this is Zoë.")


def test_edit_opens_the_draft_keeps_what_comes_back_and_every_draft_after_uses_it(
    interviewed, tmp_path, monkeypatch
) -> None:
    template = interviewed.json("draft", THANK_YOU, now=AFTER)
    assert template["edited"] is False
    seen = editor(tmp_path, monkeypatch, f"Subject: {OWN_SUBJECT}\n\n{OWN_BODY}\n")
    result = interviewed("draft", THANK_YOU[:6], "--edit", now=AFTER)
    assert result.exit_code == 0, result.output
    # The editor was given the draft as it stood: subject line, blank line, body.
    assert seen.read_text(encoding="utf-8") == f"Subject: {template['subject']}\n\n{template['body']}\n"
    assert "edited by you" in result.output
    assert "Thank you for our talk about forecasting" in result.output
    again = interviewed.json("draft", THANK_YOU, now=AFTER)
    assert (again["subject"], again["body"], again["edited"]) == (OWN_SUBJECT, OWN_BODY, True)
    assert again["recipients"] == template["recipients"]


def test_the_checks_run_on_the_edited_text(interviewed, tmp_path, monkeypatch) -> None:
    editor(tmp_path, monkeypatch, "Subject: Thanks\n\nDear Jurgen,\n\nThank you for the the talk.\n\nBest,\nZoë\n")
    result = interviewed("draft", THANK_YOU, "--edit", now=AFTER)
    assert result.exit_code == 1, result.output  # a must-fix problem, as for any draft
    checked = interviewed("draft", THANK_YOU, "--json", now=AFTER)
    ids = {c["id"] for c in json.loads(checked.output)["checks"]}
    assert "name-misspelt" in ids
    assert "doubled-word" in ids


def test_the_eml_file_holds_the_edited_text(interviewed, tmp_path, monkeypatch) -> None:
    editor(tmp_path, monkeypatch, f"Subject: {OWN_SUBJECT}\n\n{OWN_BODY}\n")
    interviewed.ok("draft", THANK_YOU, "--edit", now=AFTER)
    out = tmp_path / "thanks.eml"
    interviewed.ok("draft", THANK_YOU, "--out", str(out), now=AFTER)
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == OWN_SUBJECT
    for part in ("plain", "html"):
        body = message.get_body(preferencelist=(part,))
        assert body is not None
        assert "Thank you for our talk about forecasting" in body.get_content()


def test_the_letter_pdf_holds_the_edited_text(interviewed, tmp_path, monkeypatch) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    interviewed.ok("contact", "edit", "Jürgen Müller", "--prefers", "letter", "--address", "Am Markt 2\n10117 Berlin")
    letter = interviewed.json("draft", THANK_YOU, now=AFTER)
    assert letter["kind"] == "thank_you_letter"
    body = letter["body"].replace(letter["body"].split("\n\n")[1], "Our talk about forecasting stayed with me.")
    editor(tmp_path, monkeypatch, as_editable(letter["subject"], body))
    interviewed.ok("draft", THANK_YOU, "--edit", now=AFTER)
    out = tmp_path / "letter.pdf"
    interviewed.ok("draft", THANK_YOU, "--out", str(out), now=AFTER)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Our talk about forecasting stayed with me." in " ".join(text.split())
    # The edit belongs to the letter: drafted as an email again, the action has the template's email.
    interviewed.ok("contact", "edit", "Jürgen Müller", "--prefers", "email")
    assert interviewed.json("draft", THANK_YOU, now=AFTER)["edited"] is False


def test_an_editor_closed_without_a_change_keeps_nothing(interviewed, tmp_path, monkeypatch) -> None:
    editor(tmp_path, monkeypatch, None)
    result = interviewed("draft", THANK_YOU, "--edit", now=AFTER)
    assert result.exit_code == 0, result.output
    assert "No change" in result.output
    assert interviewed.json("draft", THANK_YOU, now=AFTER)["edited"] is False


def test_an_email_without_its_subject_line_is_refused_and_nothing_is_saved(interviewed, tmp_path, monkeypatch) -> None:
    editor(tmp_path, monkeypatch, OWN_BODY + "\n")
    result = interviewed("draft", THANK_YOU, "--edit", now=AFTER)
    assert result.exit_code == 2
    assert "Subject: " in result.output
    assert interviewed.json("draft", THANK_YOU, now=AFTER)["edited"] is False


def test_reset_goes_back_to_the_template_and_asks_first(interviewed, tmp_path, monkeypatch) -> None:
    template = interviewed.json("draft", THANK_YOU, now=AFTER)
    editor(tmp_path, monkeypatch, f"Subject: {OWN_SUBJECT}\n\n{OWN_BODY}\n")
    interviewed.ok("draft", THANK_YOU, "--edit", now=AFTER)
    # Not in a terminal, nothing to ask with: refused without --yes, and the edit stays.
    refused = interviewed("draft", THANK_YOU, "--reset", now=AFTER)
    assert refused.exit_code == 2
    assert "--yes" in refused.output
    assert interviewed.json("draft", THANK_YOU, now=AFTER)["body"] == OWN_BODY
    reset = interviewed("draft", THANK_YOU, "--reset", "--yes", now=AFTER)
    assert reset.exit_code == 0, reset.output
    assert "Back to the template" in reset.output
    back = interviewed.json("draft", THANK_YOU, now=AFTER)
    assert (back["subject"], back["body"], back["edited"]) == (template["subject"], template["body"], False)


def test_edit_and_reset_need_an_action(interviewed) -> None:
    result = interviewed("draft", "--kind", "thank_you_email", "--app", "1", "--edit", now=AFTER)
    assert result.exit_code == 2
    assert "ACTION" in result.output


def test_a_backup_restored_on_a_new_computer_keeps_the_edited_text(interviewed, tmp_path, monkeypatch) -> None:
    editor(tmp_path, monkeypatch, f"Subject: {OWN_SUBJECT}\n\n{OWN_BODY}\n")
    interviewed.ok("draft", THANK_YOU, "--edit", now=AFTER)
    backup = tmp_path / "backup.json"
    interviewed.ok("export", "--format", "json", "--out", str(backup), now=AFTER)
    fresh = tmp_path / "new computer"
    fresh.mkdir()
    (fresh / "settings.toml").write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    elsewhere = Cli({"db": str(fresh / "followup.db"), "config": str(fresh / "settings.toml")})
    assert "1 draft edit" in elsewhere.ok("import", str(backup), now=AFTER)
    # Settings are not in the backup: the name that signs a draft is set again there.
    elsewhere.ok("config", "set", "profile.name", "Zoë O'Brien")
    shown = elsewhere.ok("draft", THANK_YOU, now=AFTER)
    assert "edited by you" in shown
    assert OWN_SUBJECT in shown
    assert "Thank you for our talk about forecasting at Société Générale." in shown
    restored = elsewhere.json("draft", THANK_YOU, now=AFTER)
    assert (restored["subject"], restored["body"], restored["edited"]) == (OWN_SUBJECT, OWN_BODY, True)
