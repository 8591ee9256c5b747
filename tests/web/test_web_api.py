"""The JSON API at /api/v1, used the way a script would: with the API token, on a real database.

Each resource is created, read, changed and deleted through HTTP; lists are paged
both ways; bad input gets 422 with the field named; the agenda and drafts answer
exactly what `followup ... --json` prints for the same database.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from schemathesis.specs.openapi.definitions import OPENAPI_31

from followup.app import applications
from followup.app.context import Env, bootstrap
from followup.domain.model import ContactRole
from followup.errors import InvalidInput
from followup.web.api.common import decode_cursor, encode_cursor
from followup.web.api.models import MAX_ID
from web.web_support import WebClient

API = "/api/v1"
PROFILE = '\n[profile]\nname = "Alex Example"\nemail = "alex@example.org"\nphone = "+49 30 1234567"\n'


@pytest.fixture
def profile(env: Env, paths: dict[str, str]) -> None:
    with open(paths["config"], "a", encoding="utf-8") as handle:
        handle.write(PROFILE)
    env.reload_settings()


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def problems(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    found = {p["where"]: p["problem"] for p in error.get("problems", [])}
    if error.get("where"):
        found[error["where"]] = error["message"]
    return found


def interviewed(client: WebClient, clock: Any, company: str = "ACME Corp") -> dict[str, Any]:
    """An application with a one-hour interview with Ann Lee that ended an hour ago."""
    app = ok(client.api("POST", f"{API}/applications", {"company": company, "role": "Data Analyst"}), 201)
    body = {
        "starts_at": "2026-11-16T09:00:00+01:00",
        "new_participants": [{"name": "Ann Lee", "email": "ann@acme.example"}],
    }
    interview = ok(client.api("POST", f"{API}/applications/{app['id']}/interviews", body), 201)
    clock.set("2026-11-16T11:00:00+01:00")
    return {"app": app, "interview": interview}


def all_actions(client: WebClient, query: str = "", limit: int = 50) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url = f"{API}/actions?limit={limit}{query}"
    while True:
        page = ok(client.api("GET", url))
        items += page["items"]
        if page["next_cursor"] is None:
            return items
        url = f"{API}/actions?limit={limit}{query}&cursor={page['next_cursor']}"


# -- the document -----------------------------------------------------------------------------


def test_the_openapi_document_is_valid_openapi_3_1_and_describes_only_the_api(client: WebClient) -> None:
    doc = ok(client.get(f"{API}/openapi.json"))
    jsonschema.Draft202012Validator(OPENAPI_31).validate(doc)
    for schema in doc["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert doc["openapi"].startswith("3.1")
    assert all(path.startswith(f"{API}/") for path in doc["paths"]), "HTML pages leaked into the API document"
    assert doc["components"]["securitySchemes"]["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "40 hex characters",
        "description": doc["components"]["securitySchemes"]["apiToken"]["description"],
    }
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            assert {"apiToken": []} in operation["security"], (method, path)
            error = operation["responses"]["422"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorResponse"}, (method, path)
    created = doc["paths"][f"{API}/applications"]["post"]["responses"]["201"]
    assert "Location" in created["headers"]
    assert "HTTPValidationError" not in doc["components"]["schemas"]


# -- applications -----------------------------------------------------------------------------


def test_an_application_is_added_read_changed_and_deleted(client: WebClient) -> None:
    response = client.api(
        "POST", f"{API}/applications", {"company": "ACME Corp", "role": "Data Analyst", "applied_on": "2026-11-02"}
    )
    created = ok(response, 201)
    assert response.headers["location"] == f"{API}/applications/{created['id']}"
    assert ok(client.api("GET", response.headers["location"])) == created
    assert created["status"] == "active"
    assert created["created_at"] == "2026-11-16T10:00:00+01:00"

    changed = ok(client.api("PATCH", f"{API}/applications/{created['id']}", {"status": "rejected", "notes": "Sad."}))
    assert changed["status"] == "rejected"
    assert changed["closed_at"] == "2026-11-16T10:00:00+01:00"
    assert changed["notes"] == "Sad."
    assert changed["applied_on"] == "2026-11-02", "fields not sent stay as they were"
    cleared = ok(client.api("PATCH", f"{API}/applications/{created['id']}", {"notes": None, "status": "active"}))
    assert cleared["notes"] is None
    assert cleared["closed_at"] is None

    deleted = client.api("DELETE", f"{API}/applications/{created['id']}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.api("GET", f"{API}/applications/{created['id']}").status_code == 404


def test_the_application_list_matches_the_cli_and_pages_both_ways(client: WebClient, clock: Any, run: Any) -> None:
    for number in range(7):
        ok(client.api("POST", f"{API}/applications", {"company": f"Company {number}", "role": "Analyst"}), 201)
        clock.advance(hours=1)
    everything = ok(client.api("GET", f"{API}/applications?limit=500"))
    assert everything["items"] == run.json("app", "list")
    assert [a["company"] for a in everything["items"]][:2] == ["Company 6", "Company 5"], "newest first"

    by_offset = [
        a
        for offset in range(0, 7, 3)
        for a in ok(client.api("GET", f"{API}/applications?limit=3&offset={offset}"))["items"]
    ]
    assert by_offset == everything["items"]

    by_cursor: list[dict[str, Any]] = []
    url = f"{API}/applications?limit=3"
    while url:
        page = ok(client.api("GET", url))
        assert page["total"] == 7
        by_cursor += page["items"]
        url = f"{API}/applications?limit=3&cursor={page['next_cursor']}" if page["next_cursor"] else ""
    assert by_cursor == everything["items"]


def test_applications_are_filtered_by_status_and_by_literal_text(client: WebClient) -> None:
    for company, status in (("ACME 100%", "active"), ("ACME 1000", "rejected"), ("Birch", "active")):
        ok(client.api("POST", f"{API}/applications", {"company": company, "role": "Analyst", "status": status}), 201)
    found = ok(client.api("GET", f"{API}/applications", params={"q": "100%"}))
    assert [a["company"] for a in found["items"]] == ["ACME 100%"], "% is text, not a wildcard"
    rejected = ok(client.api("GET", f"{API}/applications?status=rejected"))
    assert [a["company"] for a in rejected["items"]] == ["ACME 1000"]
    assert rejected["total"] == 1


# -- bad input --------------------------------------------------------------------------------


def test_invalid_fields_are_each_named_with_what_is_wrong(client: WebClient) -> None:
    response = client.api("POST", f"{API}/applications", {"company": "", "role": 3, "status": "won", "colour": "red"})
    found = problems(response)
    assert set(found) == {"body.company", "body.role", "body.status", "body.colour"}
    assert "at least 1 character" in found["body.company"]
    assert response.json()["error"]["code"] == "InvalidInput"
    assert problems(client.api("POST", f"{API}/applications", {"company": "ACME"})) == {"body.role": "Field required"}
    assert "body.recruiter_id" in problems(
        client.api("POST", f"{API}/applications", {"company": "A", "role": "B", "recruiter_id": "7"})
    )
    assert set(problems(client.api("GET", f"{API}/applications?limit=0&offset=-1"))) == {"query.limit", "query.offset"}
    assert client.api("GET", f"{API}/applications?limit=501").status_code == 422


def test_a_time_without_offset_is_refused_with_a_clear_message(client: WebClient, clock: Any) -> None:
    app = ok(client.api("POST", f"{API}/applications", {"company": "ACME", "role": "Analyst"}), 201)
    url = f"{API}/applications/{app['id']}/interviews"
    found = problems(client.api("POST", url, {"starts_at": "2026-11-20T14:00:00"}))
    assert "no offset" in found["body.starts_at"]
    assert "+01:00" in found["body.starts_at"]
    assert "body.starts_at" in problems(client.api("POST", url, {"starts_at": 1763636400}))
    assert "body.starts_at" in problems(client.api("POST", url, {"starts_at": "2026-11-20"}))
    assert (
        "between 1970 and 2100"
        in problems(client.api("POST", url, {"starts_at": "9999-12-31T23:00:00-12:00"}))["body.starts_at"]
    )
    assert client.api("POST", url, {"starts_at": "2026-11-20T13:00:00Z"}).status_code == 201


def test_references_to_missing_things_and_unknown_zones_are_invalid_input(client: WebClient) -> None:
    app = ok(client.api("POST", f"{API}/applications", {"company": "ACME", "role": "Analyst"}), 201)
    assert "body.recruiter_id" in problems(
        client.api("POST", f"{API}/applications", {"company": "A", "role": "B", "recruiter_id": 99})
    )
    url = f"{API}/applications/{app['id']}/interviews"
    moment = "2026-11-20T14:00:00+01:00"
    assert "body.participant_ids.0" in problems(client.api("POST", url, {"starts_at": moment, "participant_ids": [42]}))
    assert "body.timezone" in problems(client.api("POST", url, {"starts_at": moment, "timezone": "Mars/Olympus"}))
    assert "body.application_id" in problems(
        client.api("POST", f"{API}/contacts", {"name": "Ann", "application_id": 9})
    )
    assert ok(client.api("GET", url))["items"] == [], "nothing was written"


def test_missing_things_are_404_and_wrong_methods_405(client: WebClient) -> None:
    for url in (
        "/applications/5",
        "/applications/5/overview",
        "/applications/5/interviews",
        "/applications/5/touchpoints",
        "/contacts/5",
        "/interviews/5",
        "/touchpoints/5",
        "/actions/abcdefgh",
        "/nothing/here",
    ):
        response = client.api("GET", API + url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "NotFound", url
    response = client.api("PUT", f"{API}/applications")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert client.api("DELETE", f"{API}/contacts/1").headers["allow"] == "GET, PATCH"


def test_a_bad_cursor_is_refused(client: WebClient) -> None:
    for url in ("/applications?cursor=abc", "/contacts?cursor=WyJ4Il0", "/actions?cursor=WzEsMl0"):
        response = client.api("GET", API + url)
        assert response.status_code == 422, url
        assert response.json()["error"]["where"] == "query.cursor"


@given(key=st.tuples(st.text(max_size=50), st.integers(min_value=0, max_value=MAX_ID)))
def test_a_cursor_gives_back_the_key_it_was_made_from(key: tuple[str, int]) -> None:
    cursor = encode_cursor(*key)
    assert cursor.replace("-", "").replace("_", "").isalnum()
    assert decode_cursor(cursor, str, int) == key
    with pytest.raises(InvalidInput):
        decode_cursor(cursor, str, str)


def test_a_cursor_beyond_the_largest_id_is_refused() -> None:
    with pytest.raises(InvalidInput):
        decode_cursor(encode_cursor("x", MAX_ID + 1), str, int)


# -- security ---------------------------------------------------------------------------------


def test_a_change_without_token_or_csrf_header_is_refused_and_changes_nothing(client: WebClient) -> None:
    response = client.http.post(f"{API}/applications", json={"company": "ACME", "role": "Analyst"})
    assert response.status_code == 403
    wrong = client.http.post(
        f"{API}/applications", json={"company": "ACME", "role": "Analyst"}, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert ok(client.api("GET", f"{API}/applications"))["total"] == 0


def test_the_app_s_own_pages_may_call_it_with_their_csrf_header(client: WebClient) -> None:
    response = client.http.post(
        f"{API}/applications", json={"company": "ACME", "role": "Analyst"}, headers={"X-CSRF-Token": client.token()}
    )
    assert response.status_code == 201
    assert client.http.get(f"{API}/applications").json()["total"] == 1, "reads need no token on loopback"


# -- contacts ---------------------------------------------------------------------------------


def test_contacts_are_added_listed_changed_and_linked(client: WebClient) -> None:
    acme = ok(client.api("POST", f"{API}/applications", {"company": "ACME", "role": "Analyst"}), 201)
    birch = ok(client.api("POST", f"{API}/applications", {"company": "Birch", "role": "Analyst"}), 201)
    body = {"name": "Rita Recruiter", "role": "recruiter", "email": "rita@agency.example", "application_id": acme["id"]}
    response = client.api("POST", f"{API}/contacts", body)
    rita = ok(response, 201)
    assert response.headers["location"] == f"{API}/contacts/{rita['id']}"
    assert rita["role"] == "recruiter"
    ok(client.api("POST", f"{API}/contacts", {"name": "Bob Boss", "role": "hiring_manager"}), 201)

    assert [c["name"] for c in ok(client.api("GET", f"{API}/contacts"))["items"]] == ["Bob Boss", "Rita Recruiter"]
    assert [c["name"] for c in ok(client.api("GET", f"{API}/contacts?q=agency"))["items"]] == ["Rita Recruiter"]
    assert ok(client.api("GET", f"{API}/applications/{birch['id']}/contacts"))["items"] == []

    link = f"{API}/applications/{birch['id']}/contacts/{rita['id']}"
    assert client.api("PUT", link).status_code == 204
    assert client.api("PUT", link).status_code == 204, "linking twice changes nothing"
    assert [c["id"] for c in ok(client.api("GET", f"{API}/applications/{birch['id']}/contacts"))["items"]] == [
        rita["id"]
    ]
    assert client.api("PUT", f"{API}/applications/{birch['id']}/contacts/999").status_code == 404

    changed = ok(client.api("PATCH", f"{API}/contacts/{rita['id']}", {"email": None, "preferred_channel": "phone"}))
    assert changed["email"] is None
    assert changed["preferred_channel"] == "phone"
    assert changed["name"] == "Rita Recruiter"
    assert "body.name" in problems(client.api("PATCH", f"{API}/contacts/{rita['id']}", {"name": None}))
    assert "body.email" in problems(client.api("PATCH", f"{API}/contacts/{rita['id']}", {"email": "not an address"}))


def test_the_contact_list_pages_by_cursor_in_name_order(client: WebClient) -> None:
    for name in ("Zoe", "Anna", "Mia", "Ben", "Lea"):
        ok(client.api("POST", f"{API}/contacts", {"name": name}), 201)
    first = ok(client.api("GET", f"{API}/contacts?limit=2"))
    second = ok(client.api("GET", f"{API}/contacts?limit=2&cursor={first['next_cursor']}"))
    third = ok(client.api("GET", f"{API}/contacts?limit=2&cursor={second['next_cursor']}"))
    names = [c["name"] for page in (first, second, third) for c in page["items"]]
    assert names == ["Anna", "Ben", "Lea", "Mia", "Zoe"]
    assert third["next_cursor"] is None


# -- interviews and the capture ---------------------------------------------------------------


def test_an_interview_is_recorded_changed_captured_and_deleted(client: WebClient, clock: Any) -> None:
    setup = interviewed(client, clock)
    app_id, interview = setup["app"]["id"], setup["interview"]
    assert interview["round"] == 1
    assert interview["ends_at"] == "2026-11-16T10:00:00+01:00"
    assert interview["timezone"] == "Europe/Berlin"
    ann = ok(client.api("GET", f"{API}/contacts?q=Ann"))["items"][0]
    assert interview["participant_ids"] == [ann["id"]]
    assert ok(client.api("GET", f"{API}/applications/{app_id}/interviews"))["items"] == [interview]

    bob = ok(client.api("POST", f"{API}/contacts", {"name": "Bob Boss", "application_id": app_id}), 201)
    changed = ok(
        client.api(
            "PATCH",
            f"{API}/interviews/{interview['id']}",
            {"kind": "video", "duration_minutes": 45, "participant_ids": [ann["id"], bob["id"]]},
        )
    )
    assert changed["kind"] == "video"
    assert changed["ends_at"] == "2026-11-16T09:45:00+01:00"
    assert changed["participant_ids"] == sorted([ann["id"], bob["id"]])

    capture = {
        "timeline_text": "We will decide by Friday.",
        "main_points": "SQL and dashboards",
        "contact_changes": [{"contact_id": ann["id"], "preferred_channel": "email", "title": "Head of Data"}],
        "references": [{"name": "Carl Ref", "email": "carl@example.org"}],
    }
    captured = ok(client.api("POST", f"{API}/interviews/{interview['id']}/capture", capture))
    assert captured["interview"]["decision_date"] == "2026-11-20", "'by Friday' is read as a date, like the CLI"
    assert captured["interview"]["main_points"] == "SQL and dashboards"
    assert ok(client.api("GET", f"{API}/contacts/{ann['id']}"))["title"] == "Head of Data"
    kinds = {item["kind"] for item in captured["next"]}
    assert "reference_heads_up" in kinds
    assert "status_check" in kinds

    outsider = ok(client.api("POST", f"{API}/contacts", {"name": "Stranger"}), 201)
    found = problems(
        client.api(
            "POST", f"{API}/interviews/{interview['id']}/capture", {"contact_changes": [{"contact_id": outsider["id"]}]}
        )
    )
    assert "was not in this interview" in found["body.contact_changes.0.contact_id"]

    assert client.api("DELETE", f"{API}/interviews/{interview['id']}").status_code == 204
    assert client.api("GET", f"{API}/interviews/{interview['id']}").status_code == 404


def test_the_overview_is_what_followup_show_prints(client: WebClient, clock: Any, run: Any) -> None:
    setup = interviewed(client, clock)
    app_id = setup["app"]["id"]
    overview = ok(client.api("GET", f"{API}/applications/{app_id}/overview"))
    assert overview == run.json("show", str(app_id), now=clock.now.isoformat())
    assert overview["interviews"] == [setup["interview"]]


# -- touchpoints ------------------------------------------------------------------------------


def test_a_touchpoint_is_logged_read_corrected_and_deleted(client: WebClient, clock: Any) -> None:
    setup = interviewed(client, clock)
    app_id = setup["app"]["id"]
    response = client.api(
        "POST",
        f"{API}/applications/{app_id}/touchpoints",
        {"direction": "received", "channel": "email", "outcome": "rejection", "subject": "Your application"},
    )
    logged = ok(response, 201)
    touchpoint = logged["touchpoint"]
    assert response.headers["location"] == f"{API}/touchpoints/{touchpoint['id']}"
    assert touchpoint["kind"] == "reply", "received means a reply unless said otherwise"
    assert touchpoint["occurred_at"] == "2026-11-16T11:00:00+01:00"
    assert logged["consequences"] == ["The application is now marked rejected."]
    assert ok(client.api("GET", f"{API}/applications/{app_id}"))["status"] == "rejected"
    assert ok(client.api("GET", response.headers["location"])) == touchpoint
    assert ok(client.api("GET", f"{API}/applications/{app_id}/touchpoints"))["items"] == [touchpoint]

    fixed = ok(client.api("PATCH", f"{API}/touchpoints/{touchpoint['id']}", {"subject": "Re: us", "outcome": None}))
    assert fixed["subject"] == "Re: us"
    assert fixed["outcome"] is None
    assert "body.occurred_at" in problems(
        client.api("PATCH", f"{API}/touchpoints/{touchpoint['id']}", {"occurred_at": None})
    )
    assert client.api("DELETE", f"{API}/touchpoints/{touchpoint['id']}").status_code == 204
    assert ok(client.api("GET", f"{API}/applications/{app_id}/touchpoints"))["items"] == []
    assert client.api("DELETE", f"{API}/touchpoints/{touchpoint['id']}").status_code == 404


# -- the agenda -------------------------------------------------------------------------------


def test_the_agenda_is_what_followup_agenda_prints_however_it_is_paged(client: WebClient, clock: Any, run: Any) -> None:
    for company in ("ACME Corp", "Birch Labs", "Cobalt AG"):
        interviewed(client, clock, company)
    now = clock.now.isoformat()
    for days in (0, 7, 30):
        cli = run.json("agenda", "--days", str(days), now=now)
        assert len(cli) > 2
        for limit in (1, 2, 500):
            assert all_actions(client, f"&days={days}", limit) == cli, (days, limit)
    page = ok(client.api("GET", f"{API}/actions?days=30&limit=2"))
    statuses = [item["status"] for item in run.json("agenda", "--days", "30", now=now)]
    assert page["total"] == len(statuses)
    assert page["counts"] == {s: statuses.count(s) for s in ("overdue", "due", "upcoming")}
    assert page["limit"] == 2


def test_the_agenda_can_be_narrowed_to_some_statuses_or_one_application(client: WebClient, clock: Any) -> None:
    first = interviewed(client, clock)
    interviewed(client, clock, "Birch Labs")
    clock.advance(days=3)  # the thank-yous are overdue now
    everything = all_actions(client, "&days=30")
    overdue = all_actions(client, "&days=30&status=overdue", limit=1)
    assert overdue == [item for item in everything if item["status"] == "overdue"]
    assert {item["kind"] for item in overdue} >= {"thank_you"}
    some = all_actions(client, "&days=30&status=due&status=upcoming", limit=2)
    assert some == [item for item in everything if item["status"] != "overdue"]
    app_id = first["app"]["id"]
    mine = all_actions(client, f"&days=30&application_id={app_id}", limit=2)
    assert mine == [item for item in everything if item["application_id"] == app_id]
    page = ok(client.api("GET", f"{API}/actions?days=30&status=overdue"))
    assert page["total"] == len(overdue)
    assert page["counts"]["overdue"] == len(overdue)


def test_paging_on_skips_nothing_while_an_earlier_action_is_done(client: WebClient, clock: Any) -> None:
    for company in ("ACME Corp", "Birch Labs"):
        interviewed(client, clock, company)
    before = all_actions(client, "&days=30")
    first = ok(client.api("GET", f"{API}/actions?days=30&limit=2"))
    ok(client.api("POST", f"{API}/actions/{first['items'][0]['id']}/skip", {"note": "Not needed."}))
    rest = all_actions(client, f"&days=30&cursor={first['next_cursor']}", limit=2)
    assert first["items"] + rest == before


def test_an_action_is_done_then_undone_and_done_twice_is_a_conflict(client: WebClient, clock: Any) -> None:
    interviewed(client, clock)
    thank_you = next(item for item in all_actions(client) if item["kind"] == "thank_you")
    assert ok(client.api("GET", f"{API}/actions/{thank_you['id']}")) == thank_you
    done = ok(
        client.api("POST", f"{API}/actions/{thank_you['id']}/done", {"at": "2026-11-16T10:45:00+01:00", "note": "Sent"})
    )
    assert done["action"] == thank_you
    assert done["touchpoint_id"] is not None
    assert thank_you["id"] not in [item["id"] for item in all_actions(client)], "the agenda is fresh after a write"
    touchpoint = ok(client.api("GET", f"{API}/touchpoints/{done['touchpoint_id']}"))
    assert (touchpoint["kind"], touchpoint["occurred_at"]) == ("thank_you", "2026-11-16T10:45:00+01:00")

    again = client.api("POST", f"{API}/actions/{thank_you['id']}/done")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "Conflict"
    assert client.api("GET", f"{API}/actions/{thank_you['id']}").status_code == 409

    undone = ok(client.api("POST", f"{API}/actions/{thank_you['id']}/undo"))
    assert undone == {"undone": thank_you["id"], "message": f"{thank_you['id']} is no longer done"}
    assert thank_you["id"] in [item["id"] for item in all_actions(client)]
    assert client.api("GET", f"{API}/touchpoints/{done['touchpoint_id']}").status_code == 404
    assert client.api("POST", f"{API}/actions/{thank_you['id']}/undo").status_code == 404


def test_done_agrees_with_the_cli(client: WebClient, clock: Any, run: Any, env: Env) -> None:
    interviewed(client, clock)
    action = next(item for item in all_actions(client) if item["kind"] == "thank_you")
    api = ok(client.api("POST", f"{API}/actions/{action['id']}/done"))
    ok(client.api("POST", f"{API}/actions/{action['id']}/undo"))
    cli = run.json("done", action["id"], now=clock.now.isoformat())
    assert {**api, "touchpoint_id": None} == {**cli, "touchpoint_id": None}


def test_an_action_is_snoozed_until_a_moment_with_an_offset_and_skipped(client: WebClient, clock: Any) -> None:
    interviewed(client, clock)
    thank_you = next(item for item in all_actions(client) if item["kind"] == "thank_you")
    url = f"{API}/actions/{thank_you['id']}/snooze"
    assert "no offset" in problems(client.api("POST", url, {"until": "2026-11-17T09:00:00"}))["body.until"]
    past = client.api("POST", url, {"until": "2026-11-15T09:00:00+01:00"})
    assert past.status_code == 422
    assert "future" in past.json()["error"]["message"]
    snoozed = ok(client.api("POST", url, {"until": "2026-11-17T08:00:00Z"}))
    assert snoozed["until"] == "2026-11-17T08:00:00+00:00"
    later = next(item for item in all_actions(client) if item["id"] == thank_you["id"])
    assert (later["status"], later["due"]) == ("upcoming", "2026-11-17T09:00:00+01:00"), "it comes back then"
    assert ok(client.api("GET", f"{API}/actions?status=due"))["counts"]["upcoming"] >= 1

    status_check = next(item for item in all_actions(client, "&days=30") if item["kind"] == "status_check")
    skipped = ok(client.api("POST", f"{API}/actions/{status_check['id']}/skip"))
    assert skipped["action"]["id"] == status_check["id"]
    assert status_check["id"] not in [item["id"] for item in all_actions(client, "&days=30")]
    assert client.api("POST", f"{API}/actions/{status_check['id']}/skip").status_code == 409


def test_the_agenda_sees_changes_made_by_the_cli_at_once(client: WebClient, clock: Any, run: Any) -> None:
    interviewed(client, clock)
    thank_you = next(item for item in all_actions(client) if item["kind"] == "thank_you")
    run.ok("skip", thank_you["id"], now=clock.now.isoformat())
    assert thank_you["id"] not in [item["id"] for item in all_actions(client)]


def _interview(env: Env, company: str) -> None:
    app = applications.add_application(env, applications.NewApplication(company=company, role="Data Analyst"))
    person = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="a@x.example"),
        application_id=app.id,
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime.fromisoformat("2026-11-16T09:00:00+01:00"), participants=[person.id]
        ),
    )


def test_a_write_by_another_program_shows_at_once(client: WebClient, env: Env, paths: dict[str, str], clock) -> None:
    before = client.api("GET", "/api/v1/actions").json()["total"]
    assert client.api("GET", "/api/v1/actions").json()["total"] == before
    other = bootstrap(paths["db"], paths["config"], clock=clock)  # like the CLI: its own connection
    try:
        _interview(other, "Globex")
    finally:
        other.close()
    assert client.api("GET", "/api/v1/actions").json()["total"] > before
    assert "Globex" in client.get("/").text


def test_a_write_through_the_app_shows_at_once(client: WebClient, env: Env) -> None:
    _interview(env, "Initech")
    items = client.api("GET", "/api/v1/actions").json()["items"]
    assert client.api("GET", "/api/v1/actions").json()["items"] == items
    done = items[0]["id"]
    assert client.api("POST", f"/api/v1/actions/{done}/done", {}).status_code == 200
    assert done not in [item["id"] for item in client.api("GET", "/api/v1/actions").json()["items"]]
    assert f"/drafts/{done}" not in client.get("/").text


# -- drafts and checks ------------------------------------------------------------------------


def test_the_draft_of_an_action_is_what_followup_draft_prints(
    client: WebClient, clock: Any, run: Any, profile: None
) -> None:
    interviewed(client, clock)
    thank_you = next(item for item in all_actions(client) if item["kind"] == "thank_you")
    draft = ok(client.api("GET", f"{API}/actions/{thank_you['id']}/draft?tone=warm"))
    result = run("draft", thank_you["id"], "--tone", "warm", "--json", now=clock.now.isoformat())
    cli = json.loads(result.output)
    del cli["file"]
    assert draft == cli
    assert draft["recipients"] == [{"name": "Ann Lee", "email": "ann@acme.example"}]
    assert "Ann" in draft["body"]
    assert draft["tone"] == "warm"
    other = client.api("GET", f"{API}/actions/{thank_you['id']}/draft?kind=thank_you_letter")
    assert other.status_code == 422
    assert "drafted as thank_you_email" in other.json()["error"]["message"]
    assert "query.tone" in problems(client.api("GET", f"{API}/actions/{thank_you['id']}/draft?tone=rude"))


def test_a_draft_needs_the_user_s_name_to_sign_it(client: WebClient, clock: Any) -> None:
    interviewed(client, clock)
    thank_you = next(item for item in all_actions(client) if item["kind"] == "thank_you")
    response = client.api("GET", f"{API}/actions/{thank_you['id']}/draft")
    assert response.status_code == 422
    assert "your name is not set" in response.json()["error"]["message"]


def test_a_text_is_checked_and_each_finding_points_at_its_words(client: WebClient, clock: Any, profile: None) -> None:
    app_id = interviewed(client, clock)["app"]["id"]
    body = {
        "subject": "Thank you",
        "body": "Dear Jon Lee,\n\nThank you for the the interview at Acme Inc. [Your Name]",
        "kind": "thank_you_email",
        "application_id": app_id,
        "recipient": "ann lee",
    }
    result = ok(client.api("POST", f"{API}/checks", body))
    assert result["text"] == f"{body['subject']}\n\n{body['body']}"
    marked = {f["id"]: result["text"][f["start"] : f["end"]] for f in result["findings"]}
    assert marked["doubled-word"].lower().startswith("the")
    assert marked["unfilled-placeholder"] == "[Your Name]"
    assert "Acme Inc" in marked["company-misspelt"]
    assert result["errors"] == sum(1 for f in result["findings"] if f["severity"] == "error") > 0
    for finding in result["findings"]:
        line = result["text"].split("\n")[finding["line"] - 1]
        assert line[finding["column"] - 1 :].startswith(
            result["text"][finding["start"] : finding["end"]].split("\n")[0]
        )
    assert problems(client.api("POST", f"{API}/checks", {"body": ""})) == {
        "body.body": "String should have at least 1 character"
    }
    assert "body.application_id" in problems(client.api("POST", f"{API}/checks", {"body": "Hi", "application_id": 77}))
