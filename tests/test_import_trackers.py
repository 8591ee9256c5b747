"""Imports from the trackers people leave: every status word lands where the board should show it,
every column lands in a field or in the notes, and importing the same file again adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.app import actions, agenda, applications
from followup.app.context import Env, bootstrap
from followup.app.transfer import export_json, import_csv, import_json, preview_csv
from followup.domain.model import Application, ApplicationStatus
from followup.errors import ImportFailed
from followup.store import records

DATA = Path(__file__).parent / "data"
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)


@pytest.fixture
def env(tmp_path: Path, new_database) -> Iterator[Env]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Paris"\ncountry = "FR"\n', encoding="utf-8")
    environment = bootstrap(db_path=new_database("f"), config_path=str(config), clock=lambda: NOW)
    yield environment
    environment.close()


def imported(env: Env) -> dict[str, Application]:
    return {a.company: a for a in records.list_applications(env.store)}


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


# -- Huntr ---------------------------------------------------------------------------------------


def test_a_huntr_export_keeps_its_stages_from_the_list_column(env):
    report = import_csv(env, fixture("huntr_export.csv"))
    assert report.counts == {"contacts": 0, "applications": 6, "interviews": 0}
    apps = imported(env)
    assert {name: a.status for name, a in apps.items()} == {
        "Northwind Traders": ApplicationStatus.WISHLIST,
        "Contoso": ApplicationStatus.ACTIVE,
        "Fabrikam": ApplicationStatus.ACTIVE,
        "Tailspin Toys": ApplicationStatus.OFFER,
        "Adventure Works": ApplicationStatus.REJECTED,
        "Wide World Importers": ApplicationStatus.CLOSED_NO_RESPONSE,
    }
    northwind = apps["Northwind Traders"]
    assert (northwind.role, northwind.location, northwind.salary) == (
        "Backend Engineer",
        "Berlin, Germany",
        "€70,000 - €85,000",
    )
    assert northwind.description == "Build and run the order APIs in Python and PostgreSQL."
    assert northwind.job_url == "https://jobs.northwind.example/backend-42"
    assert northwind.notes == "Ask Sam for a referral\nCreated At: 2026-10-01"
    # An interview cannot be invented without its date: open, the stage said in the notes and the report.
    assert apps["Fabrikam"].notes == "Recruiter call went well\nStage in Huntr: Interview\nCreated At: 2026-10-02"
    assert records.interviews_of(env.store, apps["Fabrikam"].id) == []
    assert any(w.startswith('Row 4 is at an interview stage in the file ("Interview")') for w in report.warnings)
    assert apps["Wide World Importers"].notes == "Stage in Huntr: Archived\nCreated At: 2026-09-01"
    assert apps["Contoso"].applied_on == date(2026, 10, 6)


def test_importing_the_same_huntr_file_again_adds_nothing(env):
    import_csv(env, fixture("huntr_export.csv"))
    before = imported(env)
    dry = import_csv(env, fixture("huntr_export.csv"), dry_run=True)
    assert dry.counts["applications"] == 0
    assert dry.skipped == 6
    assert dry.summary() == (
        "The file is fine: importing it would add nothing (6 rows already here would be left out). "
        "Nothing was written (--dry-run)."
    )
    assert (
        "Row 2 (Northwind Traders, Backend Engineer) is already here as an application you have, with the same "
        "posting link: it would be left out."
    ) in dry.warnings
    report = import_csv(env, fixture("huntr_export.csv"))
    assert report.summary() == "Imported nothing (6 rows already here left out)."
    assert imported(env) == before


# -- Teal ----------------------------------------------------------------------------------------


def test_a_teal_export_reads_job_position_excitement_salary_and_every_status(env):
    report = import_csv(env, fixture("teal_export.csv"))
    assert report.counts["applications"] == 9
    apps = imported(env)
    assert {name: a.status.value for name, a in apps.items()} == {
        "Lumen Health": "wishlist",
        "Brightline": "wishlist",  # Applying: not sent yet
        "Quanta Labs": "active",
        "Orbit Mobility": "active",
        "Helio Energy": "offer",  # Negotiating no longer stops the whole file
        "Parcel & Co": "offer",
        "Vireo": "withdrawn",
        "Nimbus Cloud": "rejected",
        "Kestrel": "closed_no_response",
    }
    quanta = apps["Quanta Labs"]
    assert (quanta.role, quanta.excitement, quanta.salary, quanta.tags) == (
        "Senior Product Designer",
        4,
        "€65,000 – €80,000",
        ("design", "fintech"),
    )
    assert quanta.applied_on == date(2026, 10, 15)
    assert quanta.location == "Amsterdam, Netherlands"
    assert quanta.notes == "Referred by Ines\nDate Saved: 10/02/2026\nFollow Up: 10/29/2026"
    assert apps["Orbit Mobility"].excitement == 5  # ★★★★★
    assert (
        apps["Helio Energy"].notes
        == "They asked for my notice period\nStage in Teal: Negotiating\nDate Saved: 09/10/2026"
    )
    assert apps["Lumen Health"].description == "Own the patient app's design system."
    assert apps["Lumen Health"].tags == ("design", "health")


def test_an_application_at_an_interview_stage_without_a_date_asks_for_the_interview_not_about_the_application(env):
    import_csv(env, fixture("teal_export.csv"))
    orbit = imported(env)["Orbit Mobility"]  # "Interviewing", applied 1 Oct, no interview date
    assert orbit.undated_interview == "Interviewing"
    items = [i for i in agenda.agenda(env, days=60) if i.application_id == orbit.id]
    # Interviewing already: asking whether the application arrived would be wrong. Asked once
    # for the interview instead, due now but not late (no date, so no deadline to have missed).
    assert [(i.kind, i.status, i.interview_id) for i in items] == [("capture_details", "due", None)]
    assert items[0].reason == (
        "Your application to Orbit Mobility was at 'Interviewing' in the tracker you imported it from, "
        "with no date: add the interview on its page, so that the thank-you and the status check can be planned."
    )
    # Once the interview is added, the rules after an interview take over and the request goes.
    applications.add_interview(
        env, orbit.id, applications.NewInterview(starts_at=datetime(2026, 11, 23, 10, 0, tzinfo=PARIS))
    )
    kinds = {i.kind for i in agenda.agenda(env, days=60) if i.application_id == orbit.id}
    assert "application_check" not in kinds
    assert "status_check" in kinds
    assert all(i.interview_id is not None for i in agenda.agenda(env, days=60) if i.kind == "capture_details")


def test_an_application_imported_weeks_after_it_was_sent_is_not_weeks_overdue(env):
    import_csv(env, fixture("teal_export.csv"))
    quanta = imported(env)["Quanta Labs"]  # applied on 15 Oct, imported on Fri 20 Nov
    # Dated the day it was applied (for "added in the last week"), entered today.
    assert (quanta.created_at.astimezone(PARIS).date(), quanta.entered_at) == (date(2026, 10, 15), NOW)
    [check] = [i for i in agenda.agenda(env, days=7) if i.application_id == quanta.id]
    assert (check.kind, check.status, check.due) == ("application_check", "due", NOW)
    assert check.reason.startswith("You applied for the Senior Product Designer role at Quanta Labs on Thu 15 Oct")


def test_an_application_at_an_interview_stage_without_a_date_keeps_it_through_a_backup(env, tmp_path, new_database):
    import_csv(env, fixture("teal_export.csv"))
    backup = export_json(env)
    config = tmp_path / "other.toml"
    config.write_text('timezone = "Europe/Paris"\ncountry = "FR"\n', encoding="utf-8")
    other = bootstrap(db_path=new_database("other"), config_path=str(config), clock=lambda: NOW)
    try:
        import_json(other, backup)
        assert imported(other)["Orbit Mobility"].undated_interview == "Interviewing"
        assert imported(other)["Quanta Labs"].entered_at == NOW
        assert [i.kind for i in agenda.agenda(other, days=60) if i.company == "Orbit Mobility"] == ["capture_details"]
        # A decision about it (it belongs to no interview) survives the next move too.
        [ask] = [i for i in agenda.agenda(other, days=60) if i.company == "Orbit Mobility"]
        actions.skip(other, ask.id)
        again = export_json(other)
        decisions = [d for a in again["applications"] if a["company"] == "Orbit Mobility" for d in a["decisions"]]
        assert [(d["kind"], d["state"], d["interview_id"]) for d in decisions] == [("capture_details", "skipped", None)]
        moved = bootstrap(db_path=new_database("third"), config_path=str(config), clock=lambda: NOW)
        try:
            import_json(moved, again)
            assert [i for i in agenda.agenda(moved, days=60) if i.company == "Orbit Mobility"] == []
        finally:
            moved.close()
    finally:
        other.close()


# -- LinkedIn ------------------------------------------------------------------------------------


def test_linkedins_job_applications_file_imports_with_its_dates_and_answers(env):
    report = import_csv(env, fixture("linkedin_job_applications.csv"))
    assert report.counts == {"contacts": 1, "applications": 3, "interviews": 0}
    apps = imported(env)
    contoso = apps["Contoso"]
    assert (contoso.role, contoso.status, contoso.applied_on) == (
        "Senior Data Engineer",
        ApplicationStatus.ACTIVE,
        date(2026, 11, 3),
    )
    assert contoso.job_url == "https://www.linkedin.com/jobs/view/4012345678"
    assert contoso.notes == (
        "Resume Name: Resume_2026.pdf\n"
        "Question And Answers: Years of Python experience: 6 | Authorized to work in the EU: Yes"
    )
    assert apps["Northwind Traders"].notes == (
        "Contact Phone Number: +49 30 1234567\nResume Name: Resume_2026_de.pdf\n"
        "Question And Answers: Notice period: 3 months"
    )
    [talent] = records.list_contacts(env.store)
    assert talent.email == "talent@contoso.example"


# -- Notion --------------------------------------------------------------------------------------


def test_a_notion_tracker_records_interviews_only_from_their_dates(env):
    report = import_csv(env, fixture("notion_job_tracker.csv"))
    assert report.counts == {"contacts": 1, "applications": 5, "interviews": 2}
    apps = imported(env)
    [acme_interview] = records.interviews_of(env.store, apps["Acme Corp"].id)
    assert acme_interview.starts_at == datetime(2026, 11, 24, 14, 30, tzinfo=PARIS)
    assert acme_interview.timezone == "Europe/Paris"
    # "November 4, 2026" has no time: put at 9:00, and the report says so.
    [umbrella_interview] = records.interviews_of(env.store, apps["Umbrella"].id)
    assert umbrella_interview.starts_at == datetime(2026, 11, 4, 9, 0, tzinfo=PARIS)
    assert any("without a time are put at 9:00" in w for w in report.warnings)
    assert apps["Initech"].status is ApplicationStatus.WISHLIST  # Not started
    assert apps["Acme Corp"].tags == ("Analytics", "Hybrid")
    assert apps["Acme Corp"].salary == "$95k–$110k"
    assert apps["Acme Corp"].applied_on == date(2026, 11, 2)
    # The stage word is kept because it says more than "open"; the interview is on the board.
    assert apps["Acme Corp"].notes == "Second round with the team lead\nStage in the file: Interviewing"


def test_an_interview_imported_weeks_after_it_happened_brings_nothing_late(env):
    import_csv(env, fixture("notion_job_tracker.csv"))  # Umbrella's interview was on 4 Nov; today is 20 Nov
    umbrella = imported(env)["Umbrella"]
    items = {i.kind: i for i in agenda.agenda(env, days=7) if i.application_id == umbrella.id}
    # No thank-you two weeks on, no details "late" since 5 Nov: asked once, from now; the status check now.
    assert set(items) == {"capture_details", "status_check"}
    assert (items["capture_details"].status, items["capture_details"].due, items["capture_details"].deadline) == (
        "due",
        NOW,
        None,
    )
    assert items["status_check"].status == "due"


# -- a sheet with odd columns: the mapping step ---------------------------------------------------


ODD_MAP = {"Gig": "role", "When?": "date applied", "Result": "status", "€": "salary"}


def test_odd_columns_need_a_mapping_and_the_mapping_is_remembered(env):
    with pytest.raises(ImportFailed) as failure:
        import_csv(env, fixture("odd_columns.csv"))
    assert failure.value.problems == [
        (
            "header (row 1)",
            'no column is read as the role: choose which one it is, or name one "Role" (or Position, Job Title, Title)',
        )
    ]
    assert "--map 'COLUMN=role'" in (failure.value.hint or "")
    preview = preview_csv(env, fixture("odd_columns.csv"))
    assert [(c.name, c.read_as) for c in preview.columns] == [
        ("Firm", "company"),
        ("Gig", "keep"),
        ("Where", "keep"),
        ("€", "keep"),
        ("When?", "keep"),
        ("Result", "keep"),
        ("Why I want it", "keep"),
        ("Column 8", "keep"),
        ("Interview on", "interview_on"),
    ]
    report = import_csv(env, fixture("odd_columns.csv"), columns=ODD_MAP)
    assert report.counts == {"contacts": 0, "applications": 4, "interviews": 1}
    apps = imported(env)
    piper = apps["Pied Piper"]
    assert (piper.role, piper.salary, piper.applied_on) == ("Backend Developer", "120k", date(2026, 10, 12))
    assert piper.notes == (
        "Stage in the file: waiting\nWhere: Palo Alto\nWhy I want it: Compression!\nColumn 8: met at meetup"
    )
    assert apps["Aviato"].status is ApplicationStatus.REJECTED  # Turned down
    assert apps["Raviga"].status is ApplicationStatus.OFFER  # "Offer!!": the marks do not count
    bachmanity = apps["Bachmanity"]
    assert bachmanity.status is ApplicationStatus.ACTIVE
    assert bachmanity.notes == "Stage in the file: dunno yet"
    assert (
        'Row 5: "dunno yet" is not a status followup knows; the row was added as applied, with the word in its notes.'
        in (report.warnings)
    )
    # The next file with the same header is read as chosen, without being told again.
    again = preview_csv(env, fixture("odd_columns.csv"))
    assert again.remembered
    assert again.mapping == {str(i): c.read_as for i, c in enumerate(again.columns)}
    assert [c.read_as for c in again.columns][:6] == ["company", "role", "keep", "salary", "applied_on", "status"]
    assert again.ready
    assert again.report.counts["applications"] == 0  # and all four are here already


def test_a_column_left_out_is_said_and_nothing_else_is_dropped(env):
    report = import_csv(env, fixture("odd_columns.csv"), columns={**ODD_MAP, "Why I want it": "ignore"})
    assert 'Left out, as you chose: "Why I want it".' in report.warnings
    assert "Compression" not in (imported(env)["Pied Piper"].notes or "")


def test_an_unknown_choice_or_column_in_the_mapping_is_refused(env):
    from followup.errors import InvalidInput

    with pytest.raises(InvalidInput, match="no column"):
        import_csv(env, fixture("odd_columns.csv"), columns={"Gigs": "role"})
    with pytest.raises(InvalidInput, match="is not something a column can be read as"):
        import_csv(env, fixture("odd_columns.csv"), columns={"Gig": "favourite colour"})


# -- status words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status", "kept"),
    [
        ("Wishlist", ApplicationStatus.WISHLIST, False),
        ("Bookmarked", ApplicationStatus.WISHLIST, False),
        ("Saved", ApplicationStatus.WISHLIST, False),
        ("Applied", ApplicationStatus.ACTIVE, False),
        ("Interview", ApplicationStatus.ACTIVE, True),
        ("Phone Screen", ApplicationStatus.ACTIVE, True),
        ("Offer", ApplicationStatus.OFFER, False),
        ("Negotiating", ApplicationStatus.OFFER, True),
        ("Rejected", ApplicationStatus.REJECTED, False),
        ("Declined", ApplicationStatus.WITHDRAWN, True),
        ("Withdrawn", ApplicationStatus.WITHDRAWN, False),
        ("Ghosted", ApplicationStatus.CLOSED_NO_RESPONSE, False),
        ("Archived", ApplicationStatus.CLOSED_NO_RESPONSE, True),
        ("On hold (recruiter on leave)", ApplicationStatus.ACTIVE, True),
    ],
)
def test_status_words(env, word, status, kept):
    import_csv(env, f"Company,Role,Status\nACME,Analyst,{word}\n")
    app = imported(env)["ACME"]
    assert app.status is status
    assert (app.notes == f"Stage in the file: {word}") is kept


def test_excitement_that_is_not_one_to_five_is_kept_in_the_notes(env):
    import_csv(env, "Company,Role,Excitement\nA,Analyst,4/5\nB,Analyst,high\nC,Analyst,7 of 10\n")
    apps = imported(env)
    assert (apps["A"].excitement, apps["B"].excitement, apps["C"].excitement) == (4, 4, None)
    assert apps["C"].notes == "Excitement: 7 of 10"


def test_a_date_cell_that_is_no_date_is_kept_in_the_notes(env):
    import_csv(env, "Company,Role,Date applied\nA,Analyst,sometime in May\n")
    app = imported(env)["A"]
    assert (app.applied_on, app.notes) == (None, "Date applied: sometime in May")


# -- rows already here: skip or update ------------------------------------------------------------


def test_a_row_already_here_can_update_it_instead(env):
    import_csv(env, "Company,Role,Status,Link,Notes\nACME,Analyst,Applied,https://acme.example/jobs/1,first\n")
    sheet = "Company,Role,Status,Link,Location,Notes\nacme ,analyst,Rejected,HTTPS://ACME.example/jobs/1/,Paris,first\n"
    skipped = import_csv(env, sheet)
    assert skipped.skipped == 1
    assert imported(env)["ACME"].status is ApplicationStatus.ACTIVE
    report = import_csv(env, sheet, duplicates="update")
    assert report.summary() == "Imported nothing and updated 1 application."
    [app] = records.list_applications(env.store)
    assert (app.status, app.location, app.notes) == (ApplicationStatus.REJECTED, "Paris", "first")
    # Updating again changes nothing more.
    import_csv(env, sheet, duplicates="update")
    assert records.list_applications(env.store) == [app]


def test_only_the_rows_chosen_are_updated(env):
    import_csv(env, "Company,Role,Status\nA,Analyst,Applied\nB,Analyst,Applied\n")
    import_csv(env, "Company,Role,Status\nA,Analyst,Offer\nB,Analyst,Offer\n", update_rows=[3])
    apps = imported(env)
    assert (apps["A"].status, apps["B"].status) == (ApplicationStatus.ACTIVE, ApplicationStatus.OFFER)


def test_a_row_repeating_an_earlier_row_of_the_file_is_left_out_or_merged(env):
    sheet = "Company,Role,Link,Location\nACME,Analyst,https://acme.example/1,\nAcme Inc,Data Analyst,https://acme.example/1,Lyon\n"
    report = import_csv(env, sheet, dry_run=True)
    assert report.counts["applications"] == 1
    assert report.warnings == [
        "Row 3 (Acme Inc, Data Analyst) is already here as row 2, with the same posting link: it would be left out."
    ]
    import_csv(env, sheet, duplicates="update")
    [app] = records.list_applications(env.store)
    assert (app.company, app.location) == ("ACME", "Lyon")


def test_the_new_fields_are_held_to_the_same_rules_as_when_typed(env):
    many = ", ".join(f"tag{n}" for n in range(30))
    import_csv(env, f'Company,Role,Tags\nA,Analyst,"{many}"\nB,Analyst,remote; Python | remote\n')
    apps = imported(env)
    # Thirty tags are too many to be tags: kept whole, in the notes.
    assert (apps["A"].tags, apps["A"].notes) == ((), f"Tags: {many}")
    assert apps["B"].tags == ("remote", "Python")
    with pytest.raises(ImportFailed) as failure:
        import_csv(env, f"Company,Role,Location\nC,Analyst,{'x' * 400}\n")
    [(where, problem)] = failure.value.problems
    assert where == 'row 2, column "Location"'
    assert "location" in problem


def test_a_file_read_by_its_names_leaves_no_mapping_behind(env):
    from followup.store import transfer as transfer_store
    from followup.transfer.csv_read import read_sheet

    import_csv(env, fixture("teal_export.csv"))
    key = read_sheet(fixture("teal_export.csv").decode()).key
    assert transfer_store.load_import_mapping(env.store, key) is None
    import_csv(env, fixture("teal_export.csv"), columns={"Date Saved": "ignore"})
    assert (transfer_store.load_import_mapping(env.store, key) or {})["4"] == "ignore"
    # Back to what the names say: remembered too, since a choice was remembered before.
    import_csv(env, fixture("teal_export.csv"), columns={"Date Saved": "keep"})
    assert (transfer_store.load_import_mapping(env.store, key) or {})["4"] == "keep"


def test_linkedins_saved_jobs_go_on_the_wishlist(env):
    import_csv(env, fixture("linkedin_saved_jobs.csv"))
    apps = imported(env)
    assert {a.status for a in apps.values()} == {ApplicationStatus.WISHLIST}
    assert apps["Tailspin Toys"].notes == "Saved Date: 10/30/26, 7:40 PM"
    assert apps["Tailspin Toys"].job_url == "https://www.linkedin.com/jobs/view/4019876543"
