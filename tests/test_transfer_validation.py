"""A bad import file: every problem is reported where it is, and nothing is written."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followup.app.context import Env
from followup.app.transfer import export_json, import_json, parse_json
from followup.errors import ImportFailed
from test_transfer_json import START, Clock, build_job_search, open_env, row_counts


@pytest.fixture
def source(tmp_path: Path, new_database) -> Iterator[Env]:
    clock = Clock(START)
    env = open_env(tmp_path, new_database("source"), clock)
    build_job_search(env, clock)
    yield env
    env.close()


@pytest.fixture
def target(tmp_path: Path, new_database) -> Iterator[Env]:
    env = open_env(tmp_path, new_database("target"), Clock(START))
    yield env
    env.close()


# -- bad files ---------------------------------------------------------------------------------


def broken(document: dict[str, Any]) -> dict[str, Any]:
    bad = copy.deepcopy(document)
    sg, acme, muller = bad["applications"][:3]
    bad["contacts"].append({"id": 3, "name": "Twin", "role": "interviewer"})  # a duplicate id
    bad["contacts"][2]["role"] = "boss"
    sg["interviews"][0]["starts_at"] = "2026-11-05 14:00"
    sg["interviews"][0]["participant_ids"] = [2, 99]
    sg["closed_at"] = "2026-10-01T00:00:00+02:00"  # only before created_at, which is allowed
    acme["interviews"][0]["timezone"] = "America/New_Yrok"
    acme["salery"] = "60k"  # a typo of a field
    del muller["created_at"]
    muller["interviews"][0]["starts_at"] = "2026-11-04T09:00:00+02:00"  # Paris is at +01:00 then
    muller["decisions"][0]["until"] = None  # snoozed without an end
    acme["decisions"].append({"kind": "status_check", "state": "done", "at": "2026-11-07T09:00:00+01:00"})
    acme["touchpoints"][0]["promised_date"] = "2026-02-30"
    return bad


def test_a_bad_file_reports_every_problem_with_its_path_and_writes_nothing(source, target):
    import_json(target, export_json(source))  # the target already holds data
    before = row_counts(target)
    with pytest.raises(ImportFailed) as failure:
        import_json(target, broken(export_json(source)))
    where = [path for path, _problem in failure.value.problems]
    assert where == [
        "$.contacts[2].role",
        "$.contacts[6].id",
        "$.applications[0].closed_at",
        "$.applications[0].interviews[0].starts_at",
        "$.applications[0].interviews[0].participant_ids[1]",
        "$.applications[1].interviews[0].timezone",
        "$.applications[1].touchpoints[0].promised_date",
        "$.applications[1].decisions[2].interview_id",
        "$.applications[1].salery",
        "$.applications[2].created_at",
        "$.applications[2].interviews[0].starts_at",
        "$.applications[2].decisions[0].until",
    ]
    problems = dict(failure.value.problems)
    assert "contact 3 is already used by $.contacts[2]" in problems["$.contacts[6].id"]
    assert "use one of interviewer, hiring_manager, recruiter, reference" in problems["$.contacts[2].role"]
    assert "is set but the status is active" in problems["$.applications[0].closed_at"]
    assert "e.g. 2026-11-20T14:30:00+01:00" in problems["$.applications[0].interviews[0].starts_at"]
    assert "99 is not the id of any contact" in problems["$.applications[0].interviews[0].participant_ids[1]"]
    assert 'did you mean "America/New_York"' in problems["$.applications[1].interviews[0].timezone"]
    assert "not a real date" in problems["$.applications[1].touchpoints[0].promised_date"]
    assert "says which interview" in problems["$.applications[1].decisions[2].interview_id"]
    assert 'unknown field: did you mean "salary"?' in problems["$.applications[1].salery"]
    assert "missing" in problems["$.applications[2].created_at"]
    assert "Europe/Paris is at +01:00" in problems["$.applications[2].interviews[0].starts_at"]
    assert "snoozed decision needs" in problems["$.applications[2].decisions[0].until"]
    assert "12 problems; nothing was imported" in str(failure.value)
    assert row_counts(target) == before


def test_a_file_from_a_newer_followup_says_to_upgrade(target):
    with pytest.raises(ImportFailed) as failure:
        import_json(target, {"format": "followup-export", "version": 2, "whatever": []})
    assert failure.value.problems == [
        (
            "$.version",
            "this file is version 2, from a newer followup; this one reads version 1. Upgrade followup to import it",
        )
    ]


@pytest.mark.parametrize("data", [[], {"applications": []}, {"format": "something-else", "version": 1}])
def test_a_file_that_is_not_an_export_is_refused_at_once(target, data):
    with pytest.raises(ImportFailed) as failure:
        import_json(target, data)
    assert len(failure.value.problems) == 1


def test_broken_json_says_where(target):
    with pytest.raises(ImportFailed) as failure:
        parse_json(b'{\n  "format": "followup-export",\n  "version": 1\n  "contacts": []\n}')
    assert failure.value.problems == [("line 4, column 3", "Expecting ',' delimiter")]


def test_keys_that_do_not_fit_the_rule_are_problems(source, target):
    document = export_json(source)
    decision = document["applications"][0]["decisions"][0]
    decision["reply_id"] = 1
    with pytest.raises(ImportFailed) as failure:
        import_json(target, document)
    [(where, problem)] = failure.value.problems
    assert where == "$.applications[0].decisions[0].reply_id"
    assert problem == f"a {decision['kind']} decision is not about a reply: set reply_id to null"


def test_a_draft_edit_is_held_to_what_editing_a_draft_keeps(source, target):
    document = export_json(source)
    acme = document["applications"][1]
    edit = acme["draft_edits"][0]
    acme["draft_edits"] = [
        {**edit, "subject": "Thanks\nBcc: spy@evil.example"},
        {**edit, "action": {**edit["action"], "interview_id": 99}, "subject": "x" * 301},
        {**edit, "action": {**edit["action"], "kind": "respond"}, "kind": "love_letter", "body": "y" * 20_001},
        {**edit, "body": "  \n "},
    ]
    before = row_counts(target)
    with pytest.raises(ImportFailed) as failure:
        import_json(target, document)
    here = "$.applications[1].draft_edits"
    assert [path for path, _problem in failure.value.problems] == [
        f"{here}[0].subject",
        f"{here}[1].action.interview_id",
        f"{here}[1].subject",
        f"{here}[2].action.interview_id",
        f"{here}[2].action.contact_id",
        f"{here}[2].action.reply_id",
        f"{here}[2].kind",
        f"{here}[2].body",
        f"{here}[3].action",
        f"{here}[3].body",
    ]
    problems = dict(failure.value.problems)
    assert "has a line break: a subject is one line" in problems[f"{here}[0].subject"]
    assert "99 is not the id of any interview" in problems[f"{here}[1].action.interview_id"]
    assert "at most 300 are kept" in problems[f"{here}[1].subject"]
    assert "says which reply" in problems[f"{here}[2].action.reply_id"]
    assert "at most 20,000 are kept" in problems[f"{here}[2].body"]
    assert "use one of thank_you_email," in problems[f"{here}[2].kind"]
    assert f"the same action's draft is at {here}[0] already" in problems[f"{here}[3].action"]
    assert "is empty" in problems[f"{here}[3].body"]
    assert row_counts(target) == before


def test_optional_fields_get_the_usual_defaults(target):
    document = {
        "format": "followup-export",
        "version": 1,
        "contacts": [{"id": 7, "name": "Ana", "role": "interviewer"}],
        "applications": [
            {
                "id": 3,
                "company": "Umbrella",
                "role": "Analyst",
                "created_at": "2026-11-01T10:00:00Z",
                "interviews": [{"id": 9, "starts_at": "2026-11-10T10:00:00+01:00", "timezone": "Europe/Paris"}],
                "touchpoints": [
                    {"id": 4, "direction": "received", "channel": "email", "occurred_at": "2026-11-06T08:00:00Z"}
                ],
                "references": [{"contact_id": 7, "interview_id": 9}],
            }
        ],
    }
    import_json(target, document)
    [app] = export_json(target)["applications"]
    assert (app["status"], app["source"]) == ("active", "direct")
    assert app["contact_ids"] == [1]  # linked because she is a reference
    interview = app["interviews"][0]
    assert (interview["round"], interview["duration_minutes"], interview["kind"]) == (1, 60, "other")
    assert interview["recorded_at"] == "2026-11-02T09:00:00+01:00"  # the moment of import
    assert app["touchpoints"][0]["kind"] == "reply"
    assert app["references"][0]["named_at"] == "2026-11-10T11:00:00+01:00"  # when the interview ended


def test_an_application_closed_before_it_was_added_imports_with_a_warning(source, target):
    document = export_json(source)
    initech = document["applications"][3]
    initech["closed_at"] = "2026-10-01T12:00:00+02:00"
    report = import_json(target, document)
    assert report.warnings == [
        "$.applications[3].closed_at is before its created_at; kept as it is (check it if you wrote the file)."
    ]


def test_an_imported_file_is_held_to_the_same_field_rules_as_every_other_door(source, target):
    # The attack of a contact card's mailto link (a Bcc smuggled into an address) and of a
    # javascript: job link, through a file instead of the API: refused where they stand.
    document = export_json(source)
    document["contacts"][0]["email"] = "ann@acme.example?bcc=spy%40evil.example&subject=hi"
    document["contacts"][1]["name"] = "Hal\nBcc: spy@evil.example"
    document["applications"][0]["job_url"] = "javascript:alert(1)"
    before = row_counts(target)
    with pytest.raises(ImportFailed) as failure:
        import_json(target, document)
    where = {path for path, _problem in failure.value.problems}
    assert {"$.contacts[0].email", "$.contacts[1].name", "$.applications[0].job_url"} <= where
    assert row_counts(target) == before
