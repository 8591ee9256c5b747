"""The published JSON Schema and the user documentation agree with the code."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from followup.app.context import Env
from followup.app.transfer import export_json, import_json
from followup.domain import model
from followup.drafting.model import DraftKind
from followup.transfer.schema import load_schema
from test_transfer_json import START, Clock, build_job_search, open_env

DOCS = Path(__file__).parent.parent / "docs" / "export-format.md"


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


# -- the schema and its documentation ------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(load_schema())


def test_a_real_export_is_valid_against_the_schema(source):
    errors = list(Draft202012Validator(load_schema()).iter_errors(export_json(source)))
    assert errors == []


@pytest.mark.parametrize(
    ("definition", "enum"),
    [
        ("contact_role", model.ContactRole),
        ("preferred_channel", model.PreferredChannel),
        ("application_status", model.ApplicationStatus),
        ("source", model.Source),
        ("company_style", model.CompanyStyle),
        ("interview_kind", model.InterviewKind),
        ("direction", model.Direction),
        ("channel", model.Channel),
        ("touchpoint_kind", model.TouchpointKind),
        ("decision_state", model.DecisionState),
        ("draft_kind", DraftKind),
    ],
)
def test_the_schema_enums_are_the_models(definition, enum):
    assert load_schema()["$defs"][definition]["enum"] == [member.value for member in enum]


def test_the_schema_greeting_choices_are_the_models():
    contact = load_schema()["$defs"]["contact"]["properties"]
    assert contact["salutation"]["enum"] == [member.value for member in model.Salutation]
    assert contact["language"]["enum"] == [*(member.value for member in model.Language), None]


def test_the_schema_action_kinds_are_the_models_for_applications():
    schema = load_schema()["$defs"]
    assert schema["action_kind"]["enum"] == [
        k.value for k in model.ActionKind if k is not model.ActionKind.KEEP_SEARCHING
    ]
    assert schema["outcome_or_null"]["enum"] == [o.value for o in model.Outcome] + [None]


def test_every_exported_field_is_documented(source):
    docs = DOCS.read_text(encoding="utf-8")
    document = export_json(source)
    app = document["applications"][0]
    names = set(document) | set(document["contacts"][0]) | set(app) | set(app["interviews"][0])
    names |= set(app["touchpoints"][0]) | set(app["references"][0]) | set(app["decisions"][0])
    names |= set(document["pipeline_decisions"][0]) | set(document["settings"])
    names |= {name for a in document["applications"] for e in a.get("draft_edits", []) for name in e}
    assert "draft_edits" in {name for a in document["applications"] for name in a}
    assert sorted(n for n in names if f"`{n}`" not in docs) == []
    for enum in (
        model.ApplicationStatus,
        model.Outcome,
        model.TouchpointKind,
        model.ActionKind,
        model.Channel,
        DraftKind,
    ):
        assert [m.value for m in enum if f"`{m.value}`" not in docs] == []


def test_the_documented_example_imports(target):
    example = re.search(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    report = import_json(target, json.loads(example.group(1)))
    assert report.counts["applications"] >= 1
