"""How drafts greet a contact, set on the contact form and through the API: a title the user enters,
a salutation shown as drafts would write it for this very person, and a greeting language."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import CompanyStyle, ContactRole, Language, Salutation
from followup.store import records
from web.web_support import WebClient

API = "/api/v1"


def seed(env: Env, style: CompanyStyle = CompanyStyle.TRADITIONAL) -> tuple[int, int]:
    app = applications.add_application(
        env, applications.NewApplication(company="Müller GmbH", role="Analyst", company_style=style)
    )
    zoe = applications.add_contact(
        env,
        applications.NewContact(name="Zoë Weiß", role=ContactRole.INTERVIEWER, email="zoe@mg.example"),
        application_id=app.id,
    )
    return app.id, zoe.id


def options(soup: BeautifulSoup, name: str) -> dict[str, str]:
    select = soup.select_one(f"select[name='{name}']")
    assert select is not None, name
    return {str(o["value"]): o.get_text(strip=True) for o in select.select("option")}


def form_values(soup: BeautifulSoup, action: str) -> dict[str, Any]:
    form = soup.select_one(f"form[action='{action}']")
    assert form is not None
    values: dict[str, Any] = {str(i["name"]): i.get("value", "") for i in form.select("input")}
    values |= {str(t["name"]): t.get_text() for t in form.select("textarea")}
    for select in form.select("select"):
        chosen = select.select_one("option[selected]")
        values[str(select["name"])] = chosen["value"] if chosen else ""
    del values["csrf_token"]
    return values


def test_the_form_shows_each_choice_as_drafts_would_greet_this_person(client: WebClient, env: Env) -> None:
    app_id, zoe_id = seed(env)
    url = f"/applications/{app_id}/contacts/{zoe_id}/edit"
    soup = client.soup(url)
    choices = options(soup, "salutation")
    assert choices["first"] == "Dear Zoë"
    assert choices["full"] == "Dear Zoë Weiß"
    assert choices["title"] == "Dear Zoë Weiß (no title entered: the full name)"
    assert choices["default"] == "As the company's style (traditional) has it: Dear Zoë Weiß"
    assert "without one, drafts greet them by their full name" in soup.get_text(" ", strip=True)
    assert set(options(soup, "language")) == {"", "en", "de", "fr", "es"}

    values = form_values(soup, url) | {"honorific": "Dr"}
    client.post(url, values)
    soup = client.soup(url)
    assert options(soup, "salutation")["title"] == "Dear Dr Weiß"
    assert options(soup, "salutation")["default"] == "As the company's style (traditional) has it: Dear Dr Weiß"
    page = client.soup(f"/applications/{app_id}")
    card = page.select_one(f"#contact-{zoe_id}")
    assert card is not None
    assert "Drafts greet them: Dear Dr Weiß," in card.get_text(" ", strip=True)


def test_a_title_salutation_and_language_saved_from_the_form_reach_the_draft(client: WebClient, env: Env) -> None:
    app_id, zoe_id = seed(env, CompanyStyle.MODERN)
    url = f"/applications/{app_id}/contacts/{zoe_id}/edit"
    values = form_values(client.soup(url), url)
    values |= {"honorific": "Frau Dr.", "salutation": "title", "language": "de"}
    assert client.post(url, values).status_code in (200, 303)
    zoe = records.get_contact(env.store, zoe_id)
    assert (zoe.honorific, zoe.salutation, zoe.language) == ("Frau Dr.", Salutation.TITLE, Language.DE)
    soup = client.soup(url)
    assert options(soup, "salutation")["title"] == "Sehr geehrte Frau Dr. Weiß"
    card = client.soup(f"/applications/{app_id}").select_one(f"#contact-{zoe_id}")
    assert card is not None
    assert "Drafts greet them: Sehr geehrte Frau Dr. Weiß," in card.get_text(" ", strip=True)

    values = form_values(soup, url) | {"honorific": "", "language": ""}
    client.post(url, values)
    zoe = records.get_contact(env.store, zoe_id)
    assert (zoe.honorific, zoe.salutation, zoe.language) == (None, Salutation.TITLE, None)


def test_a_new_contact_can_be_added_with_a_greeting(client: WebClient, env: Env) -> None:
    app_id, _ = seed(env)
    url = f"/applications/{app_id}/contacts/new"
    soup = client.soup(url)
    assert options(soup, "salutation")["first"] == "First name"  # no name yet to show
    client.post(url, {"name": "José Núñez", "role": "interviewer", "honorific": "Sr.", "language": "es"})
    jose = next(c for c in records.list_contacts(env.store) if c.name == "José Núñez")
    assert (jose.honorific, jose.salutation, jose.language) == ("Sr.", Salutation.DEFAULT, Language.ES)
    card = client.soup(f"/applications/{app_id}").select_one(f"#contact-{jose.id}")
    assert card is not None
    assert "Drafts greet them: Estimado Sr. Núñez:" in card.get_text(" ", strip=True)


def test_an_unknown_salutation_or_language_is_refused_on_the_form(client: WebClient, env: Env) -> None:
    app_id, zoe_id = seed(env)
    url = f"/applications/{app_id}/contacts/{zoe_id}/edit"
    values = form_values(client.soup(url), url) | {"salutation": "nickname", "language": "it"}
    response = client.post(url, values)
    assert response.status_code == 422
    assert "Choose one of the greeting options" in response.text
    assert "Choose one of the language options" in response.text


def test_the_api_sets_and_returns_the_greeting_fields(client: WebClient, env: Env) -> None:
    response = client.api(
        "POST", f"{API}/contacts", {"name": "Zoë Weiß", "honorific": "Mme", "salutation": "title", "language": "fr"}
    )
    assert response.status_code == 201, response.text
    zoe = response.json()
    assert (zoe["honorific"], zoe["salutation"], zoe["language"]) == ("Mme", "title", "fr")
    changed = client.api("PATCH", f"{API}/contacts/{zoe['id']}", {"language": None, "salutation": "first"}).json()
    assert (changed["honorific"], changed["salutation"], changed["language"]) == ("Mme", "first", None)
    plain = client.api("POST", f"{API}/contacts", {"name": "Ann Lee"}).json()
    assert (plain["honorific"], plain["salutation"], plain["language"]) == (None, "default", None)
    assert client.api("PATCH", f"{API}/contacts/{zoe['id']}", {"salutation": "nickname"}).status_code == 422
    assert client.api("PATCH", f"{API}/contacts/{zoe['id']}", {"language": "it"}).status_code == 422
