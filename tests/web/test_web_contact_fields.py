"""Contact and application fields are checked the same way at every door, and every link built
from them is encoded (issue #11, item 12).

The attack: an address `ann@acme.example?bcc=spy%40evil.example&subject=hi`, accepted by the
API, became `<a href="mailto:ann@acme.example?bcc=...">` on the contact card, and a click
opened a message with a Bcc the user never saw.
"""

from __future__ import annotations

from typing import Any

import pytest

import database_servers
from followup.app import applications
from followup.app.context import Env
from followup.domain.fields import FieldError, email_address, person_name, phone_number, web_address
from followup.domain.model import ContactRole
from followup.errors import InvalidInput
from followup.web.links import mail_link, phone_link, web_link
from web.web_support import WebClient

API = "/api/v1"
SMUGGLING = "ann@acme.example?bcc=spy%40evil.example&subject=hi"
BAD_ADDRESSES = [
    SMUGGLING,
    "a@@b.example",
    "abc",
    "ann@acme",
    "ann@acme.example, spy@evil.example",
    "Ann <ann@acme.example>",
    "ann@acme.example\x00",
    "ann @acme.example",
    "@acme.example",
    "ann@",
]
BAD_PHONES = ["abc", "+49 30 123\n4567", "12", "javascript:alert(1)", "+49 30 1234567?x=1"]
BAD_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://jobs.example/1", "https://",
            "https://jobs.example/a b", "//jobs.example/1", "mailto:a@b.example"]  # fmt: skip
BAD_NAMES = ["x" * 100_000, "Ann\x00Lee", "Ann\r\nLee", "Hal =?utf-8?q?=0D=0ABcc:_spy@evil.example?="]


def test_the_rules() -> None:
    assert email_address(" ann.lee+jobs@acme.example ") == "ann.lee+jobs@acme.example"
    assert email_address("zoë@société.example") == "zoë@société.example"  # international letters: the host
    assert phone_number(" +49 (0)30 123-456 ext. 12 ") == "+49 (0)30 123-456 ext. 12"
    assert web_address("https://jobs.acme.example/123?ref=a&b=c") == "https://jobs.acme.example/123?ref=a&b=c"
    assert person_name("  Zoë O'Brien ") == "Zoë O'Brien"
    for check, values in ((email_address, BAD_ADDRESSES), (phone_number, BAD_PHONES), (web_address, BAD_URLS)):
        for value in values:
            with pytest.raises(FieldError):
                check(value)
    for name in BAD_NAMES:
        with pytest.raises(FieldError):
            person_name(name)


def test_links_are_built_only_from_checked_values_and_encoded() -> None:
    assert mail_link(SMUGGLING) is None
    assert mail_link("a&b=c@acme.example") == "mailto:a%26b%3Dc@acme.example"
    assert mail_link("a?b@acme.example") is None
    assert mail_link("ann@acme.example") == "mailto:ann@acme.example"
    assert phone_link("+49 (0)30 123-456") == "tel:+49030123456"
    assert phone_link("call 12") is None
    assert web_link("javascript:alert(1)") is None
    assert web_link("https://jobs.acme.example/1") == "https://jobs.acme.example/1"


def test_the_api_refuses_an_address_that_smuggles_fields(client: WebClient) -> None:
    response = client.api("POST", f"{API}/contacts", {"name": "Ann", "email": SMUGGLING})
    assert response.status_code == 422, response.text
    assert "email" in response.text
    ok = client.api("POST", f"{API}/contacts", {"name": "Ann", "email": "ann@acme.example"})
    assert ok.status_code == 201, ok.text
    changed = client.api("PATCH", f"{API}/contacts/{ok.json()['id']}", {"email": SMUGGLING})
    assert changed.status_code == 422, changed.text
    app = client.api("POST", f"{API}/applications", {"company": "ACME", "role": "Analyst", "job_url": BAD_URLS[0]})
    assert app.status_code == 422, app.text


@pytest.mark.parametrize(
    "fields",
    [{"email": value} for value in BAD_ADDRESSES[:4]]
    + [{"phone": value} for value in BAD_PHONES[:2]]
    + [{"name": value} for value in BAD_NAMES],
)
def test_the_use_cases_refuse_the_same_values(env: Env, fields: dict[str, Any]) -> None:
    command: dict[str, Any] = {"name": "Ann", "role": ContactRole.INTERVIEWER, **fields}
    with pytest.raises(InvalidInput):
        applications.add_contact(env, applications.NewContact(**command))
    with pytest.raises(InvalidInput):
        applications.ContactChanges(**fields)


def test_the_contact_card_never_links_a_smuggled_address(client: WebClient, env: Env, paths: dict[str, str]) -> None:
    app = applications.add_application(env, applications.NewApplication(company="ACME", role="Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann", role=ContactRole.INTERVIEWER, email="ann@acme.example", phone="+1 555"),
        application_id=app.id,
    )
    # Stored before addresses were checked (or by an older version): shown, never linked.
    with database_servers.connect(paths["db"]) as conn:
        conn.execute("UPDATE contact SET email = ?, phone = ? WHERE id = ?", (SMUGGLING, "+1 555 0100?x", ann.id))
    soup = client.soup(f"/applications/{app.id}")
    card = soup.select_one(f"#contact-{ann.id}")
    assert card is not None
    hrefs = [str(a["href"]) for a in card.select("a[href]")]
    assert not [h for h in hrefs if h.startswith("mailto:")]
    assert SMUGGLING in card.get_text()
    assert "tel:+15550100" in hrefs


def test_the_web_form_refuses_them_with_the_field_named(client: WebClient, env: Env) -> None:
    app = applications.add_application(env, applications.NewApplication(company="ACME", role="Analyst"))
    for field, value in (("email", SMUGGLING), ("phone", "abc")):
        response = client.post(
            f"/applications/{app.id}/contacts/new", {"name": "Ann", "role": "interviewer", field: value}
        )
        assert response.status_code == 422, response.text[:500]
    # Nothing was added.
    assert env.conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["contact", "add", "Ann", "--email", SMUGGLING],
        ["contact", "add", "Ann", "--email", "a@@b.example"],
        ["contact", "add", "Ann", "--phone", "abc"],
        ["contact", "add", "x" * 100_000],
        ["contact", "add", "Ann\x00Lee"],
        ["app", "add", "ACME", "Analyst", "--url", "javascript:alert(1)"],
    ],
)
def test_the_cli_refuses_them_with_a_clear_message(run: Any, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
