"""`followup export` and `followup import` from the command line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import Result

from followup.cli import cli
from followup.errors import ImportFailed

DATA = Path(__file__).parent / "data"
NOW = "2026-11-20T09:00:00+01:00"


@pytest.fixture
def filled(run):
    run.ok("app", "add", "Société Générale", "Analyste", "--recruiter", "Zoë O'Brien <zoe@talent.example>")
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--status", "rejected")
    return run


def invoke(run, *args: str, db: str | None = None, input: str | None = None) -> Result:
    """Like `run`, but on another database or with standard input."""
    paths = ["--db", db or run.paths["db"], "--config", run.paths["config"]]
    result: Result = run.runner.invoke(cli, [*paths, *args], input=input)
    return result


def test_export_to_a_file_and_import_it_elsewhere(filled, tmp_path):
    out = tmp_path / "backup.json"
    assert filled.ok("export", "--out", str(out), now=NOW) == f"Exported 2 applications and 1 contact to {out}.\n"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600  # personal data
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [a["company"] for a in document["applications"]] == ["Société Générale", "ACME Corp"]
    result = invoke(filled, "import", str(out), db=str(tmp_path / "other.db"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported 1 contact and 2 applications.")


def test_export_prints_json_by_default(filled):
    document = json.loads(filled.ok("export", now=NOW))
    assert document["format"] == "followup-export"
    assert document["exported_at"] == "2026-11-20T09:00:00+01:00"


def test_export_csv_to_a_file_starts_with_a_bom_for_excel(filled, tmp_path):
    out = tmp_path / "apps.csv"
    filled.ok("export", "--format", "csv", "--out", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,company,role,status")
    assert "Société Générale" in raw.decode("utf-8-sig")
    printed = filled.ok("export", "--format", "csv")
    assert printed.startswith("id,company,role")


def test_a_dry_run_imports_nothing(filled, tmp_path):
    out = tmp_path / "backup.json"
    filled.ok("export", "--out", str(out))
    report = json.loads(invoke(filled, "import", str(out), "--dry-run", "--json", db=str(tmp_path / "other.db")).output)
    assert report["imported"] is False
    assert report["counts"]["applications"] == 2
    assert invoke(filled, "app", "list", "--json", db=str(tmp_path / "other.db")).output.strip() == "[]"
    # Into the database it came from: everything is here already.
    again = filled.ok("import", str(out), "--dry-run")
    assert again.startswith(
        "The file is fine: importing it would add nothing (2 applications already here would be left out)."
    )
    assert len(filled.json("app", "list")) == 2  # not 4


def test_import_reads_standard_input_and_finds_the_format(run):
    csv_text = (DATA / "excel_semicolon_eu.csv").read_text(encoding="utf-8")
    report = json.loads(invoke(run, "import", "-", "--json", input=csv_text).output)
    assert report["format"] == "csv"
    assert report["counts"] == {"contacts": 3, "applications": 4, "interviews": 0}


def test_ambiguous_dates_can_be_settled_with_an_option(run, tmp_path):
    sheet = tmp_path / "old.csv"
    sheet.write_text("Company,Role,Applied\nACME,Analyst,03/04/2026\n", encoding="utf-8")
    refused = run("import", str(sheet))
    assert refused.exit_code == ImportFailed.exit_code
    assert "--dates dmy (day first)" in refused.output
    run.ok("import", str(sheet), "--dates", "dmy")
    [app] = run.json("app", "list")
    assert app["applied_on"] == "2026-04-03"


def test_problems_come_out_as_json_with_the_exit_code(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "followup-export", "version": 1, "contacts": [], "applications": [{}]}')
    result = run("import", str(bad), "--json")
    assert result.exit_code == 6
    report = json.loads(result.output)
    assert report["imported"] is False
    assert [p["where"] for p in report["problems"]] == [
        "$.applications[0].id",
        "$.applications[0].company",
        "$.applications[0].role",
        "$.applications[0].created_at",
    ]


def test_a_missing_file_is_a_usage_error(run, tmp_path):
    result = invoke(run, "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "No such file or directory" in result.output


# -- spreadsheets from other trackers ----------------------------------------------------------


def test_a_dry_run_shows_how_each_column_is_read_and_says_what_would_happen(run):
    output = run.ok("import", str(DATA / "teal_export.csv"), "--dry-run")
    assert output.startswith("Columns, as they would be read (change one with --map 'COLUMN=FIELD'):\n")
    assert "  Job Position     -> Role  (e.g. Product Designer)\n" in output
    assert "  Date Saved       -> Keep in notes  (e.g. 10/20/2026)\n" in output
    assert "The file is fine: importing it would add 9 applications. Nothing was written (--dry-run)." in output
    assert "it would be added to Interviewing without a day" in output
    assert " were added" not in output
    assert " was added" not in output
    assert run.json("app", "list") == []


def test_map_reads_a_column_as_asked_and_is_remembered_for_the_next_file(run, tmp_path):
    sheet = str(DATA / "odd_columns.csv")
    refused = run("import", sheet)
    assert refused.exit_code == ImportFailed.exit_code
    assert "no column is read as the role" in refused.output
    assert "--map 'COLUMN=role'" in refused.output
    assert "  Gig            -> Keep in notes  (e.g. Backend Developer)\n" in refused.output
    maps = ["--map", "Gig=role", "--map", "When?=date applied", "--map", "Result=status"]
    output = run.ok("import", sheet, *maps, "--dry-run")
    assert "  Gig            -> Role  (e.g. Backend Developer)\n" in output
    assert "importing it would add 4 applications and 1 interview" in output
    assert run.ok("import", sheet, *maps).startswith("Imported 4 applications and 1 interview.")
    # The same header again: read as chosen, and nothing is added twice.
    again = run.json("import", sheet, "--dry-run")
    assert {c["column"]: c["read_as"] for c in again["columns"]}["Gig"] == "role"
    assert (again["counts"]["applications"], again["skipped"]) == (0, 4)


def test_duplicates_update_takes_the_files_values(run, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("Company,Role,Status,Link\nACME,Analyst,Applied,https://acme.example/1\n", encoding="utf-8")
    run.ok("import", str(first))
    later = tmp_path / "later.csv"
    later.write_text("Company,Role,Status,Link\nACME,Analyst,Rejected,https://acme.example/1\n", encoding="utf-8")
    skipped = run.ok("import", str(later))
    assert skipped.startswith("Imported nothing (1 row already here left out).")
    assert run.json("app", "list")[0]["status"] == "active"
    updated = run.ok("import", str(later), "--duplicates", "update")
    assert updated.startswith("Imported nothing and updated 1 application.")
    [app] = run.json("app", "list")
    assert app["status"] == "rejected"


def test_a_map_without_an_equals_sign_is_a_usage_problem(run):
    result = run("import", str(DATA / "odd_columns.csv"), "--map", "Gig")
    assert result.exit_code != 0
    assert "--map 'Job Position=role'" in result.output
