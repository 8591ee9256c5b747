"""`followup app add/edit` take what trackers keep (location, salary, excitement, tags, the job
description) and the wishlist; `--json` carries them, and `app list --search` finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.app import shapes
from followup.web.api import models


def test_add_takes_every_tracker_field_and_json_carries_them(run, tmp_path: Path):
    posting = tmp_path / "posting.txt"
    posting.write_text("Payments team.\r\n\r\n- Kotlin\n- Postgres\n", encoding="utf-8")
    added = run.json(
        "app", "add", "Müller & Söhne", "Data Analyst",
        "--location", "Berlin (hybrid)", "--salary", "€55–65k", "--excitement", "4",
        "--tag", "remote", "--tag", "FinTech, python", "--description-file", str(posting),
        "--url", "https://jobs.example/42",
    )  # fmt: skip
    assert {k: added[k] for k in ("location", "salary", "excitement", "tags", "description", "job_url")} == {
        "location": "Berlin (hybrid)",
        "salary": "€55–65k",
        "excitement": 4,
        "tags": ["remote", "FinTech", "python"],
        "description": "Payments team.\n\n- Kotlin\n- Postgres",
        "job_url": "https://jobs.example/42",
    }
    assert [a["id"] for a in run.json("app", "list", "--search", "postgres")] == [added["id"]]
    assert [a["id"] for a in run.json("app", "list", "--search", "fintech")] == [added["id"]]


def test_edit_adds_and_removes_tags_and_clears_a_field(run):
    run.ok("app", "add", "ACME", "Analyst", "--tag", "remote, python", "--excitement", "2", "--location", "Paris")
    edited = run.json("app", "edit", "ACME", "--tag", "Fintech", "--untag", "PYTHON", "--excitement", "5")
    assert (edited["tags"], edited["excitement"], edited["location"]) == (["remote", "Fintech"], 5, "Paris")
    cleared = run.json("app", "edit", "ACME", "--excitement", "", "--location", "")
    assert (cleared["excitement"], cleared["location"]) == (None, None)


def test_a_wishlist_application_says_how_to_move_on_when_applied(run):
    out = run.ok("app", "add", "Globex", "BI Developer", "--wishlist")
    assert "Added BI Developer at Globex to your wishlist" in out
    assert "followup app edit 1 --status active" in out
    shown = run.json("show", "1")
    assert (shown["application"]["status"], shown["application"]["applied_on"], shown["next"]) == ("wishlist", None, [])
    applied = run.json("app", "edit", "1", "--status", "active", now="2026-11-18T09:00:00+01:00")
    assert (applied["status"], applied["applied_on"]) == ("active", "2026-11-18")
    assert [a["company"] for a in run.json("app", "list", "--status", "active")] == ["Globex"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--excitement", "7"], "the excitement must be a whole number from 1 to 5"),
        (["--location", "Berlin\nBcc: spy@evil.example"], "line break"),
        (["--wishlist", "--status", "rejected"], "--wishlist and --status rejected say different things"),
        (["--description", "x", "--description-file", "-"], "not both"),
        (["--wishlist", "--applied", "yesterday"], "not applied to yet: leave out --applied"),
    ],
)
def test_values_outside_the_rules_are_refused_with_a_reason(run, args, words):
    result = run("app", "add", "ACME", "Analyst", *args, input="y\n")
    assert result.exit_code != 0
    assert words in result.output
    assert run.json("app", "list") == []


def test_the_json_of_an_application_is_what_the_api_documents():
    # The CLI's --json and the API's responses are one shape: a field added to one is in the other.
    assert set(models.ApplicationOut.model_fields) == set(shapes.ApplicationShape.__annotations__)
    assert {"location", "salary", "excitement", "tags", "description"} <= set(models.ApplicationIn.model_fields)
    assert {"location", "salary", "excitement", "tags", "description"} <= set(models.ApplicationPatch.model_fields)


def test_show_gives_the_tracker_fields_and_the_start_of_the_description(run):
    run.ok(
        "app", "add", "ACME", "Analyst", "--location", "Lyon", "--salary", "45k", "--excitement", "5",
        "--tag", "remote", "--description", "First line of the posting.\nSecond.\nThird.",
    )  # fmt: skip
    out = run.ok("show", "1")
    assert "Lyon · 45k · ★★★★★ dream job · #remote" in out
    assert "Description: First line of the posting. (2 more lines with --json)" in out
