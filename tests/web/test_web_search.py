"""The web's searches ignore case and accents as the command line's do."""

from __future__ import annotations

from typing import Any

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole
from web.web_support import WebClient


def _seed(env: Env) -> None:
    for company, name in (
        ("Müller GmbH", "Jürgen Weiß"),
        ("Lefèvre & Fils", "Amélie Roux"),
        ("Initech", "Iñigo Núñez"),
    ):
        app = applications.add_application(env, applications.NewApplication(company=company, role="Analyst"))
        applications.add_contact(
            env, applications.NewContact(name=name, role=ContactRole.RECRUITER), application_id=app.id
        )


def _companies(client: WebClient, query: str) -> list[str]:
    soup = client.soup(f"/applications?view=list&sort=company&q={query}")
    return [td.get_text(strip=True) for td in soup.select(".app-table tbody td:first-child")]


def test_the_list_finds_names_typed_without_accents(client: WebClient, env: Env) -> None:
    _seed(env)
    assert _companies(client, "muller") == ["Müller GmbH"]
    assert _companies(client, "LEFEVRE") == ["Lefèvre & Fils"]
    assert _companies(client, "nunez") == ["Initech"]  # by its recruiter's name
    assert _companies(client, "weiss") == ["Müller GmbH"]


def test_the_api_finds_them_too(client: WebClient, env: Env) -> None:
    _seed(env)
    found = client.get("/api/v1/applications?q=muller").json()
    assert [a["company"] for a in found["items"]] == ["Müller GmbH"]
    people = client.get("/api/v1/contacts?q=nunez").json()
    assert [p["name"] for p in people["items"]] == ["Iñigo Núñez"]


def test_searching_as_you_type_without_accents(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    _seed(env)
    page.goto(f"{live.url}/applications?view=list")
    page.get_by_label("Search").fill("lefevre")
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    expect(page.locator("#list-results")).to_contain_text("Lefèvre & Fils")
