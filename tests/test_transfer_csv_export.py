"""The spreadsheet export holds everything an application keeps: the tracker fields, the notes,
and its interviews and people written out in words, so nothing stays behind in followup."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.app import applications
from followup.app.context import Env, bootstrap
from followup.app.transfer import export_csv, export_json, import_csv
from followup.app.transfer.csv_export import CELL_LIMIT
from followup.domain import model

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)


def open_env(tmp_path: Path, database: str) -> Env:
    config = tmp_path / "settings.toml"
    if not config.exists():
        config.write_text('timezone = "Europe/Paris"\ncountry = "FR"\n', encoding="utf-8")
    return bootstrap(db_path=database, config_path=str(config), clock=lambda: NOW)


@pytest.fixture
def env(tmp_path: Path, new_database) -> Iterator[Env]:
    environment = open_env(tmp_path, new_database("f"))
    yield environment
    environment.close()


def rows_of(env: Env) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_csv(env))))


def fill(env: Env) -> None:
    C = model.ContactRole
    zoe = applications.add_contact(
        env, applications.NewContact(name="Zoë O'Brien", role=C.RECRUITER, email="zoe@talent.example")
    )
    app = applications.add_application(
        env,
        applications.NewApplication(
            company="Müller & Söhne GmbH",
            role="Controller (m/w/d)",
            source=model.Source.RECRUITER,
            recruiter_id=zoe.id,
            applied_on=date(2026, 11, 10),
            location="Berlin (hybrid)",
            salary="€55–65k",
            excitement=4,
            tags=["finance", "German"],
            notes="Met Klaus at the fair.\nAsk about the team size.",
            description="Controlling for the DACH region.\n\n- SAP\n- Excel",
        ),
    )
    klaus = applications.add_contact(
        env,
        applications.NewContact(name="Klaus Müller", role=C.HIRING_MANAGER, phone="+49 30 1234"),
        application_id=app.id,
    )
    renee = applications.add_contact(
        env, applications.NewContact(name="Dr. Renée O'Connor", role=C.INTERVIEWER), application_id=app.id
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime(2026, 11, 18, 14, 0, tzinfo=PARIS),
            participants=[klaus.id],
            kind=model.InterviewKind.PHONE,
        ),
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("America/New_York")),
            timezone="America/New_York",
            participants=[klaus.id, renee.id],
            kind=model.InterviewKind.ONSITE,
        ),
    )
    applications.add_application(
        env, applications.NewApplication(company="Globex", role="BI Developer", status=model.ApplicationStatus.WISHLIST)
    )


def test_the_export_has_the_notes_the_tracker_fields_the_interviews_and_the_people(env):
    fill(env)
    muller, globex = rows_of(env)
    assert (muller["location"], muller["salary"], muller["excitement"], muller["tags"]) == (
        "Berlin (hybrid)",
        "€55–65k",
        "4",
        "finance, German",
    )
    assert muller["notes"] == "Met Klaus at the fair.\nAsk about the team size."
    assert muller["description"] == "Controlling for the DACH region.\n\n- SAP\n- Excel"
    # At the time agreed, on the interview's own clock (named when it is not the user's).
    assert muller["interviews"] == (
        "2026-11-18 14:00 phone (Klaus Müller); "
        "2026-11-24 10:00 America/New_York onsite, round 2 (Klaus Müller, Dr. Renée O'Connor)"
    )
    assert muller["people"] == (
        "Dr. Renée O'Connor (interviewer); Klaus Müller (hiring manager, +49 30 1234); "
        "Zoë O'Brien (recruiter, zoe@talent.example)"
    )
    assert (globex["status"], globex["applied_on"], globex["interviews"], globex["people"]) == ("wishlist", "", "", "")


def test_a_description_longer_than_a_spreadsheet_cell_is_cut_with_a_word(env):
    applications.add_application(
        env, applications.NewApplication(company="ACME", role="Analyst", description="word " * 9_000)
    )
    (row,) = rows_of(env)
    assert len(row["description"]) == CELL_LIMIT
    assert row["description"].endswith("(cut here: the JSON export holds the whole text)")


def test_the_export_reads_back_with_its_fields_and_nothing_dropped(env, tmp_path, new_database):
    fill(env)
    other = open_env(tmp_path, new_database("other"))
    report = import_csv(other, export_csv(env))
    assert report.counts["applications"] == 2
    muller, globex = sorted(export_json(other)["applications"], key=lambda a: a["company"], reverse=True)
    assert (muller["location"], muller["salary"], muller["excitement"], muller["tags"]) == (
        "Berlin (hybrid)",
        "€55–65k",
        4,
        ["finance", "German"],
    )
    assert muller["description"] == "Controlling for the DACH region.\n\n- SAP\n- Excel"
    assert muller["notes"].startswith("Met Klaus at the fair.\nAsk about the team size.")
    # The interviews and the people come back as words in the notes, never dropped.
    assert "Klaus Müller (hiring manager, +49 30 1234)" in muller["notes"]
    assert "2026-11-18 14:00 phone (Klaus Müller)" in muller["notes"]
    assert globex["status"] == "wishlist"
    other.close()
