"""JSON export and import: the round trip is exact, and the agenda survives it.

`build_job_search` is the realistic data set the other test_transfer files use too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from followup.app import actions, agenda, applications, drafts, lookups
from followup.app.context import Env, bootstrap
from followup.app.transfer import export_json, import_json, parse_json
from followup.domain import model
from followup.errors import ImportFailed
from followup.store import records

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 11, 2, 9, 0, tzinfo=PARIS)
TABLES = (
    "contact",
    "application",
    "application_contact",
    "interview",
    "interview_participant",
    "touchpoint",
    "reference_named",
    "action_decision",
    "pending_action",
    "draft_edit",
)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def open_env(tmp_path: Path, database: str, clock: Clock) -> Env:
    config = tmp_path / "settings.toml"
    if not config.exists():
        # A name to sign drafts with, so that one can be edited.
        config.write_text(
            'timezone = "Europe/Paris"\ncountry = "FR"\n\n[profile]\nname = "Zoë O\'Brien"\n', encoding="utf-8"
        )
    return bootstrap(db_path=database, config_path=str(config), clock=clock)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def source(tmp_path: Path, new_database, clock: Clock) -> Iterator[Env]:
    env = open_env(tmp_path, new_database("source"), clock)
    build_job_search(env, clock)
    yield env
    env.close()


@pytest.fixture
def target(tmp_path: Path, new_database, clock: Clock) -> Iterator[Env]:
    # Born at the same moment as the source, so the keep-searching nudge (which
    # counts from when the user started) compares equal too.
    env = open_env(tmp_path, new_database("target"), Clock(START))
    env.clock = clock
    yield env
    env.close()


def act(env: Env, kind: str, company: str, verb: str, **options: Any) -> None:
    """Decide about the one pending action of this kind for this company, as the user would."""
    item = next(i for i in agenda.agenda(env, days=60) if i.kind == kind and i.company == company)
    if verb == "done":
        actions.mark_done(env, item.id, **options)
    elif verb == "skip":
        actions.skip(env, item.id, note=options.get("note"))
    else:
        actions.snooze(env, item.id, options["until"])


def build_job_search(env: Env, clock: Clock) -> None:
    """Three weeks of a realistic search: a recruiter on two applications, panels, replies, references."""
    C, R = model.ContactRole, model.Source
    zoe = applications.add_contact(
        env,
        applications.NewContact(name="Zoë O'Brien", role=C.RECRUITER, email="zoe@talent.example", organisation="Hays"),
    )
    sg = applications.add_application(
        env,
        applications.NewApplication(
            company="Société Générale",
            role="Analyste Risques",
            source=R.RECRUITER,
            recruiter_id=zoe.id,
            company_style=model.CompanyStyle.TRADITIONAL,
            job_url="https://careers.societegenerale.com/job/123?ref=l'offre",
            applied_on=START.date() - timedelta(days=10),
            notes="Poste à Paris — « hybride », 2 j/semaine",
            location="Paris (La Défense), hybride",
            salary="€55–65k + bonus",
            excitement=5,
            tags=["banque", "Risques", "CDI"],
            description="Au sein de la direction des risques :\n\n\t• modèles de crédit\n\t• reporting « Bâle III »",
        ),
    )
    amelie = applications.add_contact(
        env,
        applications.NewContact(
            name="Amélie Poulain",
            role=C.HIRING_MANAGER,
            preferred_channel=model.PreferredChannel.LETTER,
            postal_address="17 bd Haussmann\n75009 Paris",
            title="Directrice des risques",
            honorific="Mme",
            salutation=model.Salutation.TITLE,
            language=model.Language.FR,
        ),
        application_id=sg.id,
    )
    oyvind = applications.add_contact(
        env,
        applications.NewContact(name="Øyvind Ødegård", role=C.INTERVIEWER, email="oo@sg.example"),
        application_id=sg.id,
    )
    siobhan = applications.add_contact(
        env, applications.NewContact(name="Siobhán Ní Bhriain", role=C.REFERENCE, email="siobhan@ucd.example")
    )

    throwaway = applications.add_application(env, applications.NewApplication(company="Deleted Ltd", role="Nobody"))
    applications.add_interview(
        env, throwaway.id, applications.NewInterview(starts_at=START + timedelta(days=1), participants=[])
    )

    acme = applications.add_application(
        env,
        applications.NewApplication(company="ACME Corp", role="Data Analyst", source=R.RECRUITER, recruiter_id=zoe.id),
    )
    renee = applications.add_contact(
        env, applications.NewContact(name="Dr. Renée O'Connor", role=C.INTERVIEWER), application_id=acme.id
    )
    muller = applications.add_application(
        env, applications.NewApplication(company="Müller & Söhne GmbH", role="Controller (m/w/d)")
    )
    klaus = applications.add_contact(
        env,
        applications.NewContact(name="Klaus Müller", role=C.HIRING_MANAGER, phone="+49 30 1234"),
        application_id=muller.id,
    )
    initech = applications.add_application(
        env,
        applications.NewApplication(
            company="Initech", role="TPS Reports Analyst", applied_on=START.date() - timedelta(days=20)
        ),
    )
    applications.add_application(
        env,
        applications.NewApplication(
            company="Globex",
            role="BI Developer",
            status=model.ApplicationStatus.WISHLIST,
            excitement=2,
            tags=["remote"],
            job_url="https://globex.example/jobs/bi",
        ),
    )
    applications.delete_application(env, throwaway.id)  # leaves gaps in the ids

    # Applied with no answer: the first note about the application is due on day 3 of the file.
    umbrella = applications.add_application(
        env,
        applications.NewApplication(
            company="Umbrella", role="Analyst", applied_on=START.date() - timedelta(days=8), tags=["pharma"]
        ),
    )

    clock.now = START + timedelta(days=1)
    panel = applications.add_interview(
        env,
        sg.id,
        applications.NewInterview(
            starts_at=START + timedelta(days=3, hours=5),
            participants=[amelie.id, oyvind.id],
            kind=model.InterviewKind.PANEL,
        ),
    )
    applications.add_interview(
        env,
        acme.id,
        applications.NewInterview(
            starts_at=datetime(2026, 11, 4, 10, 0, tzinfo=ZoneInfo("America/New_York")),
            participants=[renee.id],
            timezone="America/New_York",
            kind=model.InterviewKind.VIDEO,
            duration_minutes=45,
        ),
    )
    applications.add_interview(
        env,
        muller.id,
        applications.NewInterview(
            starts_at=START + timedelta(days=2), participants=[klaus.id], kind=model.InterviewKind.PHONE
        ),
    )
    act(env, "prepare", "Société Générale", "done")

    clock.now = START + timedelta(days=4)
    applications.edit_interview(
        env,
        panel.id,
        applications.InterviewChanges(
            next_steps="Second round with the CRO", decision_date=START.date() + timedelta(days=14)
        ),
    )
    applications.add_reference(env, sg.id, siobhan.id, panel.id)
    act(env, "thank_you", "Société Générale", "done", subject="Merci pour l'entretien")
    act(env, "capture_details", "ACME Corp", "skip", note="n'a pas de carte")
    act(env, "recruiter_debrief", "Société Générale", "done")
    applications.log_touchpoint(
        env,
        muller.id,
        applications.NewTouchpoint(
            direction=model.Direction.RECEIVED,
            channel=model.Channel.EMAIL,
            contact_id=klaus.id,
            outcome=model.Outcome.STILL_DECIDING,
            promised_date=START.date() + timedelta(days=11),
            subject="Re: Ihre Bewerbung",
            message_id="<abc@mueller.example>",
            occurred_at=START + timedelta(days=3, hours=2),
        ),
    )
    applications.log_touchpoint(
        env,
        acme.id,
        applications.NewTouchpoint(
            direction=model.Direction.RECEIVED,
            channel=model.Channel.EMAIL,
            contact_id=renee.id,
            outcome=model.Outcome.INFO_REQUEST,
            notes="Wants two references and a writing sample",
            occurred_at=START + timedelta(days=3, hours=20),
        ),
    )
    applications.log_touchpoint(
        env,
        initech.id,
        applications.NewTouchpoint(
            direction=model.Direction.RECEIVED, channel=model.Channel.EMAIL, outcome=model.Outcome.REJECTION
        ),
    )

    clock.now = START + timedelta(days=5)
    act(env, "respond", "ACME Corp", "done", note="Sent the sample")
    act(env, "application_check", "Umbrella", "skip", note="Heard they are slow")
    assert umbrella.id
    act(env, "thank_you", "Müller & Söhne GmbH", "snooze", until=START + timedelta(days=6, hours=9))
    keep = next((i for i in agenda.agenda(env, days=60) if i.kind == "keep_searching"), None)
    if keep is not None:
        actions.skip(env, keep.id, note="Busy with the Société Générale process")
    thank_renee = next(i for i in agenda.agenda(env, days=60) if i.kind == "thank_you" and i.company == "ACME Corp")
    drafts.save_draft_edit(env, thank_renee.id, OWN_SUBJECT, OWN_BODY)


OWN_SUBJECT = "Thank you, Dr. O'Connor"
OWN_BODY = "Dear Dr. O'Connor,\n\nThank you for the talk about the « data quality » project.\n\nBest regards,\nZoë"


def without_time_of_export(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def agenda_without_ids(env: Env) -> list[tuple[Any, ...]]:
    # Sorted again because the agenda breaks ties between equal due times by id.
    items = [
        (i.due, i.kind, i.company, i.role, i.contact, i.channel, i.deadline, i.status, i.reason)
        for i in agenda.agenda(env, days=60)
    ]
    return sorted(items, key=repr)  # repr: a total order, with None among the values


def row_counts(env: Env) -> dict[str, int]:
    return {t: env.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


# -- the round trip ----------------------------------------------------------------------------


def test_export_then_import_into_an_empty_database_then_export_is_the_same_document(source, target):
    first = export_json(source)
    report = import_json(target, parse_json(json.dumps(first, ensure_ascii=False).encode()))
    second = export_json(target)
    assert without_time_of_export(second) == without_time_of_export(first)
    assert report.counts == {
        "contacts": 6,
        "applications": 6,
        "interviews": 3,
        "touchpoints": 6,
        "references": 1,
        "decisions": 7,
        "draft_edits": 1,
        "pipeline_decisions": 1,
    }
    assert report.application_ids == [1, 2, 3, 4, 5, 6]
    acme = second["applications"][1]
    assert acme["draft_edits"] == [
        {
            "action": {"kind": "thank_you", "interview_id": 2, "contact_id": 5, "reply_id": None, "number": None},
            "kind": "thank_you_email",
            "subject": OWN_SUBJECT,
            "body": OWN_BODY,
            "edited_at": "2026-11-07T09:00:00+01:00",
        }
    ]
    assert all("draft_edits" not in a for a in second["applications"] if a is not acme)  # none: left out


def test_how_a_contact_is_greeted_survives_the_round_trip(source, target):
    import_json(target, export_json(source))
    amelie = next(c for c in export_json(target)["contacts"] if c["name"] == "Amélie Poulain")
    assert (amelie["honorific"], amelie["salutation"], amelie["language"]) == ("Mme", "title", "fr")
    others = [c for c in export_json(target)["contacts"] if c["name"] != "Amélie Poulain"]
    assert {(c["honorific"], c["salutation"], c["language"]) for c in others} == {(None, "default", None)}


def test_a_file_from_before_greetings_imports_every_contact_greeted_by_default(source, target):
    document = export_json(source)
    for contact in document["contacts"]:
        for field in ("honorific", "salutation", "language"):
            del contact[field]
    import_json(target, document)
    greeted = {(c.honorific, c.salutation, c.language) for c in records.list_contacts(target.store)}
    assert greeted == {(None, model.Salutation.DEFAULT, None)}


def test_an_unknown_greeting_in_a_file_is_a_problem(source, target):
    document = export_json(source)
    document["contacts"][0]["salutation"] = "nickname"
    document["contacts"][1]["language"] = "it"
    with pytest.raises(ImportFailed) as failure:
        import_json(target, document)
    where = [p for p, _ in failure.value.problems]
    assert "$.contacts[0].salutation" in where
    assert "$.contacts[1].language" in where
    assert records.list_contacts(target.store) == []


def test_the_edited_draft_is_the_one_shown_after_the_round_trip(source, target):
    import_json(target, export_json(source))
    item = next(i for i in agenda.agenda(target, days=60) if i.kind == "thank_you" and i.company == "ACME Corp")
    draft = drafts.for_action(target, item.id)
    assert draft.edited
    assert (draft.draft.subject, draft.draft.body) == (OWN_SUBJECT, OWN_BODY)


def test_a_file_from_before_draft_edits_still_imports_with_the_templates_text(source, target):
    document = export_json(source)
    for app in document["applications"]:
        app.pop("draft_edits", None)
    report = import_json(target, document)
    assert report.counts["draft_edits"] == 0
    assert "draft edit" not in report.summary()
    item = next(i for i in agenda.agenda(target, days=60) if i.kind == "thank_you" and i.company == "ACME Corp")
    assert not drafts.for_action(target, item.id).edited


def test_the_agenda_is_the_same_after_the_round_trip(source, target):
    import_json(target, export_json(source))
    assert agenda_without_ids(target) == agenda_without_ids(source)
    assert len(agenda_without_ids(source)) >= 5


def test_the_export_uses_file_local_ids_in_file_order(source):
    document = export_json(source)
    assert [c["id"] for c in document["contacts"]] == list(range(1, 7))
    assert [a["id"] for a in document["applications"]] == list(range(1, 7))
    interviews = [i["id"] for a in document["applications"] for i in a["interviews"]]
    assert interviews == [1, 2, 3]  # the deleted application's interview left no gap


def test_the_export_keeps_what_matters_for_follow_ups(source):
    document = export_json(source)
    assert document["format"] == "followup-export"
    assert document["version"] == 1
    assert document["settings"] == {"timezone": "Europe/Paris", "country": "FR"}
    assert re.fullmatch(r"2026-11-07T09:00:00\+01:00", document["exported_at"])
    sg, acme = document["applications"][:2]
    assert sg["company"] == "Société Générale"
    assert sg["recruiter_id"] == acme["recruiter_id"] == 1  # Zoë spans both
    assert sg["interviews"][0]["participant_ids"] == [2, 3]
    assert acme["interviews"][0]["starts_at"] == "2026-11-04T10:00:00-05:00"  # its own zone
    assert sg["references"] == [{"contact_id": 4, "interview_id": 1, "named_at": "2026-11-05T15:00:00+01:00"}]
    states = {(d["kind"], d["state"]) for a in document["applications"] for d in a["decisions"]}
    assert states >= {("thank_you", "done"), ("capture_details", "skipped"), ("thank_you", "snoozed")}
    thank_you = next(t for t in sg["touchpoints"] if t["kind"] == "thank_you")
    assert thank_you["action"] == {
        "kind": "thank_you",
        "interview_id": 1,
        "contact_id": 2,
        "reply_id": None,
        "number": None,
    }
    respond = next(t for t in acme["touchpoints"] if t["kind"] == "response")
    reply = next(t for t in acme["touchpoints"] if t["outcome"] == "info_request")
    assert respond["action"]["reply_id"] == reply["id"]
    assert document["pipeline_decisions"][0]["kind"] == "keep_searching"


def test_the_tracker_fields_the_wishlist_and_the_application_checks_survive_the_round_trip(source, target):
    document = export_json(source)
    sg = document["applications"][0]
    assert (sg["location"], sg["salary"], sg["excitement"]) == ("Paris (La Défense), hybride", "€55–65k + bonus", 5)
    assert sg["tags"] == ["banque", "Risques", "CDI"]
    assert sg["description"].endswith("\t• reporting « Bâle III »")
    globex = next(a for a in document["applications"] if a["company"] == "Globex")
    assert (globex["status"], globex["applied_on"], globex["closed_at"]) == ("wishlist", None, None)
    umbrella = next(a for a in document["applications"] if a["company"] == "Umbrella")
    assert [(d["kind"], d["state"], d["number"], d["note"]) for d in umbrella["decisions"]] == [
        ("application_check", "skipped", 1, "Heard they are slow")
    ]
    import_json(target, document)
    imported = {a.company: a for a in applications_of(target)}
    assert imported["Société Générale"].tags == ("banque", "Risques", "CDI")
    assert imported["Globex"].status is model.ApplicationStatus.WISHLIST
    # The skipped first note stays skipped: the second is what comes next, in both.
    checks = [i.reason for i in agenda.agenda(target, days=60) if i.kind == "application_check"]
    assert checks == [i.reason for i in agenda.agenda(source, days=60) if i.kind == "application_check"]
    assert len(checks) == 1


def applications_of(env: Env) -> list[model.Application]:
    return lookups.list_applications(env)


def test_importing_the_same_backup_again_adds_nothing(source, target):
    document = export_json(source)
    import_json(target, document)
    before = export_json(target)
    report = import_json(target, document)
    assert report.application_ids == []
    assert report.skipped == 6
    assert report.counts["applications"] == report.counts["contacts"] == 0
    assert report.summary() == "Imported nothing (6 applications already here left out)."
    assert report.warnings[0].startswith("$.applications[0] (")
    assert report.warnings[0].endswith("it was left out, with its interviews, messages and decisions.")
    assert {**export_json(target), "exported_at": None} == {**before, "exported_at": None}
    # The nudge decision has a date-based id: already known, so kept once.
    assert report.counts["pipeline_decisions"] == 0
    assert any("keep-searching" in w for w in report.warnings)


def test_an_import_adds_what_is_not_there_yet_and_uses_the_contacts_that_are(source, target):
    document = export_json(source)
    first, *others = document["applications"]
    import_json(target, {**document, "applications": [first]})
    contacts = len(records.list_contacts(target.store))
    report = import_json(target, document)
    assert len(report.application_ids) == len(others)
    assert report.skipped == 1
    assert len(records.list_contacts(target.store)) == contacts + report.counts["contacts"]
    assert len(records.list_contacts(target.store)) == len(document["contacts"])


def test_a_dry_run_reports_without_writing(source, target):
    before = row_counts(target)
    report = import_json(target, export_json(source), dry_run=True)
    assert report.dry_run
    assert report.counts["applications"] == 6
    assert row_counts(target) == before
    assert "Nothing was written" in report.summary()


def test_different_settings_are_reported_but_not_applied(source, target):
    document = export_json(source)
    document["settings"] = {"timezone": "America/New_York", "country": "US"}
    report = import_json(target, document)
    assert len(report.warnings) == 2
    assert target.settings.timezone == "Europe/Paris"


@pytest.mark.parametrize(
    ("kind", "number", "problem"),
    [
        ("application_check", None, "an application_check decision says which note it is about: 1 (the first) or 2"),
        ("thank_recruiter", 1, "only an application_check decision has a number: set it to null"),
    ],
)
def test_the_number_of_an_application_check_is_checked(source, target, kind, number, problem):
    document = export_json(source)
    umbrella = next(a for a in document["applications"] if a["company"] == "Umbrella")
    umbrella["decisions"][0] |= {"kind": kind, "number": number}
    with pytest.raises(ImportFailed) as failure:
        import_json(target, document)
    assert [p for p, m in failure.value.problems if problem in m] == ["$.applications[5].decisions[0].number"]
