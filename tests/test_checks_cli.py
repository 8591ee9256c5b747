"""`followup check` through the command line, against a real temporary database."""

from __future__ import annotations

import email.message
import json
import os
from pathlib import Path

import pytest

import database_servers

DRAFTS = Path(__file__).parent / "data" / "drafts"
BEFORE_POLITE = "2026-11-19T10:00:00+01:00"
AFTER_POLITE = "2026-11-24T10:00:00+01:00"
PROFILE = '\n[profile]\nname = "Maria Kowalski"\nemail = "maria.kowalski@example.com"\nphone = "+49 151 2345 6789"\n'
STATUS_CHECK = """Subject: Data Analyst interview on 18 November

Dear Ann,

Thank you again for meeting me on Wednesday about the Data Analyst role; talking to you and Bob Stone
made me even keener to join ACME Corp. Could you let me know if there is any update on your timeline?

Best regards,
Maria Kowalski
+49 151 2345 6789
maria.kowalski@example.com
"""


@pytest.fixture
def acme(run, paths):
    """ACME Corp with an interview on Wed 18 Nov 2026 with Ann Lee and Bob Stone, and the user's profile."""
    with open(paths["config"], "a", encoding="utf-8") as fh:
        fh.write(PROFILE)
    run.ok("app", "add", "ACME Corp", "Data Analyst", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview", "add", "acme", "--at", "2026-11-18 14:00", "--with", "Ann Lee <ann.lee@acme.example>",
        "--with", "Bob Stone", now="2026-11-16T10:05:00+01:00",
    )  # fmt: skip
    return run


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_draft_exits_0(run):
    result = run("check", str(DRAFTS / "good_rejection_reply.txt"), "--kind", "rejection_reply")
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output


def test_an_error_exits_1_and_shows_the_line_with_the_problem_underlined(run, tmp_path):
    path = write(tmp_path, "draft.txt", "Dear [Name],\n\nThank you for the the chat.\n")
    result = run("check", path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{path}:1:6 error unfilled-placeholder" in result.output
    excerpt = next(i for i, line in enumerate(lines) if line.endswith("Dear [Name],"))
    assert lines[excerpt + 1].index("^^^^^^") == lines[excerpt].index("[Name]")
    assert lines[excerpt + 1].count("^") == len("[Name]")
    assert f"{path}:3:15 warning doubled-word" in result.output
    assert "1 error, 1 warning." in result.output


def test_warnings_alone_exit_0(run, tmp_path):
    result = run("check", write(tmp_path, "draft.txt", "Thank you for the the chat.\n"))
    assert result.exit_code == 0
    assert "1 warning." in result.output


def test_json_lists_each_finding_with_exact_positions(run, tmp_path):
    path = write(tmp_path, "draft.txt", "Dear Ann,\n\nThanks for the the chat, XXX.\n")
    result = run("check", path, "--json")
    assert result.exit_code == 1
    assert json.loads(result.output) == [
        {
            "id": "doubled-word",
            "severity": "warning",
            "message": "“the” is written twice in a row; delete one.",
            "start": 22,
            "end": 29,
            "line": 3,
            "column": 12,
        },
        {
            "id": "unfilled-placeholder",
            "severity": "error",
            "message": "“XXX” is a fill-in marker left unfilled; replace it with the real text before sending.",
            "start": 36,
            "end": 39,
            "line": 3,
            "column": 26,
        },
    ]


def test_with_an_application_names_dates_and_the_profile_come_from_the_database(acme, tmp_path):
    path = write(tmp_path, "status.txt", STATUS_CHECK)
    assert (
        acme.json("check", path, "--app", "acme", "--kind", "status_check_email", "--to", "ann", now=AFTER_POLITE) == []
    )
    misspelt = write(
        tmp_path, "bad.txt", STATUS_CHECK.replace("Bob Stone", "Bob Stones").replace("+49 151 2345 6789\n", "")
    )
    result = acme("check", misspelt, "--app", "1", "--kind", "status_check_email", "--json", now=AFTER_POLITE)
    found = [(f["id"], f["line"]) for f in json.loads(result.output)]
    assert found == [("name-misspelt", 5), ("missing-contact-details", 8)]
    assert result.exit_code == 1


def test_a_status_check_before_it_is_polite_is_an_error_saying_when(acme, tmp_path):
    path = write(tmp_path, "status.txt", STATUS_CHECK)
    result = acme("check", path, "--app", "acme", "--kind", "status_check_email", "--json", now=BEFORE_POLITE)
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)
    assert (finding["id"], finding["line"], finding["column"]) == ("too-early", 1, 10)
    assert "Monday 23 November at 09:00" in finding["message"]


def test_to_names_the_recipient_whose_greeting_is_checked(acme, tmp_path):
    path = write(tmp_path, "status.txt", STATUS_CHECK.replace("Dear Ann,", "Dear Mr. Smith,"))
    result = acme("check", path, "--app", "acme", "--to", "Ann Lee", "--json")
    assert [f["id"] for f in json.loads(result.output)] == ["wrong-salutation"]


def test_standard_input_and_eml_messages(run, tmp_path):
    result = run("check", "-", "--json", input="Dear Ann,\n\nI need this job.\n")
    assert [f["id"] for f in json.loads(result.output)] == ["pushy"]
    message = email.message.EmailMessage()
    message["Subject"] = ""
    message["From"] = "maria.kowalski@example.com"
    message.set_content("Dear Ann,\n\nThank you for your time.\n")
    path = tmp_path / "sent.eml"
    path.write_bytes(bytes(message))
    result = run("check", str(path), "--kind", "thank_you_email", "--json")
    assert [(f["id"], f["line"]) for f in json.loads(result.output)] == [("empty-subject", 1)]
    piped = run("check", "-", "--json", input=bytes(message).decode())
    assert [f["id"] for f in json.loads(piped.output)] == ["empty-subject"]


def test_a_file_that_cannot_be_read_is_invalid_input_naming_it(run, tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    result = run("check", missing)
    assert result.exit_code == 2
    assert missing in result.output
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    result = run("check", str(binary))
    assert result.exit_code == 2
    assert "photo.txt is not UTF-8 text" in result.output


def test_learn_adds_a_word_to_the_dictionary_in_the_data_folder(run, paths, tmp_path):
    path = write(tmp_path, "draft.txt", "Databricks pipelines are fun.\n")
    assert [f["id"] for f in run.json("check", path)] == ["spelling"]
    learned = run.json("check", "--learn", "Databricks")
    assert learned == {"learned": ["Databricks"], "known": []}
    dictionary = os.path.join(database_servers.data_folder(paths), "dictionary.txt")
    assert "Databricks" in Path(dictionary).read_text(encoding="utf-8").splitlines()
    assert run.json("check", path) == []
    again = run("check", path, "--learn", "databricks")
    assert again.exit_code == 0
    assert "already in your dictionary" in again.output


def test_nothing_to_check_is_a_usage_error(run):
    result = run("check")
    assert result.exit_code == 2
    assert "--learn" in result.output


def test_kind_choices_are_every_draft_kind():
    from followup.cli.check import KINDS
    from followup.drafting.model import DraftKind

    assert [kind.value for kind in DraftKind] == KINDS


def test_carets_stay_under_the_problem_with_wide_characters_and_long_lines(capsys):
    from rich.cells import cell_len

    from followup.cli.check import print_findings
    from followup.drafting.checks import check

    text = "😀😀 Dear [Name], 日本 " + "we discussed the quarterly dashboards, " * 8 + "and TBD."
    findings = check(text)
    print_findings(text, findings)
    lines = capsys.readouterr().out.splitlines()
    for marker in ("[Name]", "TBD"):
        excerpt = next(line for line in lines if "│" in line and marker in line and "^" not in line)
        carets = lines[lines.index(excerpt) + 1]
        assert carets.index("^") == cell_len(excerpt[: excerpt.index(marker)])
        assert carets.count("^") == len(marker)
    assert lines[-1] == "2 errors."
