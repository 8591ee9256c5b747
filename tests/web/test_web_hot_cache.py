"""The hot-path cache: never one browser's token in another's page, never stale after a write."""

from __future__ import annotations

from datetime import datetime

from followup.app import applications
from followup.app.context import Env, bootstrap
from followup.domain.model import ContactRole
from web.web_support import WebClient


def _interview(env: Env, company: str) -> None:
    app = applications.add_application(env, company, "Data Analyst")
    person = applications.add_contact(
        env, "Ann Lee", ContactRole.INTERVIEWER, application_id=app.id, email="a@x.example"
    )
    applications.add_interview(
        env, app.id, datetime.fromisoformat("2026-11-16T09:00:00+01:00"), participants=[person.id]
    )


def test_each_browser_gets_its_own_token_from_the_cached_page(env: Env) -> None:
    first, second = WebClient(env), WebClient(env)
    second.app = first.app  # the same running app, two browsers
    second.http.app = first.app
    page_one = first.get("/").text
    page_two = second.get("/").text
    assert first.token() in page_one
    assert second.token() in page_two
    assert first.token() not in page_two


def test_a_write_by_another_program_shows_at_once(client: WebClient, env: Env, paths: dict[str, str], clock) -> None:
    before = client.api("GET", "/api/v1/actions").json()["total"]
    assert client.api("GET", "/api/v1/actions").json()["total"] == before  # served from the cache
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
    assert client.api("GET", "/api/v1/actions").json()["items"] == items  # cached
    done = items[0]["id"]
    assert client.api("POST", f"/api/v1/actions/{done}/done", {}).status_code == 200
    assert done not in [item["id"] for item in client.api("GET", "/api/v1/actions").json()["items"]]
    assert f"/drafts/{done}" not in client.get("/").text
