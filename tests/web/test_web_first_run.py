"""The first visit asks the two things that matter, on one short screen: the name that signs
drafts and the time zone interviews are entered in. Then Today's welcome; never again.

The settings file here names no time zone (a new user's), and this computer's zone is
America/Chicago (TZ): that is the server's guess. The browser is in Europe/Berlin.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from followup.app import applications
from followup.app.context import Env
from web.web_support import PHONE, WebClient, assert_accessible, shoot, text_of


@pytest.fixture
def new_user(env: Env, paths: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Env:
    monkeypatch.setenv("TZ", "America/Chicago")
    Path(paths["config"]).write_text('country = "DE"\n', encoding="utf-8")
    env.reload_settings()
    return env


def written(paths: dict[str, str]) -> dict[str, Any]:
    with open(paths["config"], "rb") as handle:
        return tomllib.load(handle)


def test_the_first_visit_asks_the_name_and_the_zone_with_the_servers_guess(client: WebClient, new_user: Env) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/welcome"
    soup = client.soup("/welcome")
    assert text_of(soup, "h1") == "Before you start"
    name = soup.select_one("#first-run-name")
    assert name is not None
    assert name["value"] == ""
    assert name["autocomplete"] == "name"
    # Without JavaScript the computer's zone stays chosen; the script offers the browser's.
    chosen = soup.select_one("#first-run-timezone option[selected]")
    assert chosen is not None
    assert chosen["value"] == "America/Chicago"
    assert "This computer's zone is chosen." in text_of(soup, "#first-run-timezone-hint")
    assert soup.select_one("script[src*='js/welcome.js']") is not None
    assert not soup.select("script:not([src])")  # the page's CSP allows no inline script


def test_saving_writes_both_settings_and_opens_todays_welcome(
    client: WebClient, new_user: Env, paths: dict[str, str]
) -> None:
    response = client.post("/welcome", {"name": "  Siobhán  Ní Bhriain ", "timezone": "Europe/Berlin"})
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    data = written(paths)
    assert data["profile"]["name"] == "Siobhán Ní Bhriain"
    assert data["timezone"] == "Europe/Berlin"
    assert new_user.settings.timezone == "Europe/Berlin"
    soup = client.soup("/")
    assert "Drafts are signed “Siobhán Ní Bhriain”; times are in Europe/Berlin." in text_of(soup, "#messages")
    assert soup.find("a", string="Add your first application") is not None
    assert soup.select_one("#welcome-name-missing") is None


def test_the_guessed_zone_is_written_too_so_a_new_computer_does_not_move_it(
    client: WebClient, new_user: Env, paths: dict[str, str]
) -> None:
    client.post("/welcome", {"name": "Sam Lee", "timezone": "America/Chicago"})
    assert written(paths)["timezone"] == "America/Chicago"


def test_a_missing_name_or_an_unknown_zone_is_told_next_to_its_field(
    client: WebClient, new_user: Env, paths: dict[str, str]
) -> None:
    response = client.post("/welcome", {"name": " ", "timezone": "Mars/Olympus"})
    assert response.status_code == 422
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.text, "html.parser")
    assert "Skip for now" in text_of(soup, "#first-run-name-error")
    assert text_of(soup, "#first-run-timezone-error") == "Choose a time zone from the list, like Europe/Berlin."
    assert soup.select_one("#first-run-name")["aria-invalid"] == "true"  # type: ignore[index]
    assert "2 fields need a look" in text_of(soup, ".flash-error")
    assert "timezone" not in written(paths)
    # What the user chose stays chosen (the script leaves it alone).
    assert soup.select_one("#first-run-timezone[data-chosen]") is not None


def test_skip_for_now_goes_to_today_and_does_not_come_back(
    client: WebClient, new_user: Env, paths: dict[str, str]
) -> None:
    response = client.post("/welcome/skip")
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    for _visit in range(2):
        response = client.get("/")
        assert response.status_code == 200
    soup = client.soup("/")
    assert "add it in Settings" in text_of(soup, "#welcome-name-missing")
    assert written(paths) == {"country": "DE"}


def test_a_user_with_a_name_or_an_application_goes_straight_to_today(
    client: WebClient, new_user: Env, run: Any
) -> None:
    applications.add_application(new_user, applications.NewApplication(company="ACME Corp", role="Analyst"))
    assert client.get("/").status_code == 200


def test_a_name_set_on_the_command_line_counts(client: WebClient, new_user: Env, run: Any) -> None:
    run.ok("config", "set", "profile.name", "Sam Lee")
    assert client.get("/").status_code == 200


# -- in the browser -------------------------------------------------------------------------


def test_the_first_run_screen_in_the_browser_at_desktop_and_phone_width(live: Any, page: Any, new_user: Env) -> None:
    page.goto(live.url + "/")
    expect(page).to_have_url(live.url + "/welcome")
    zone = page.get_by_label("Your time zone")
    # The browser's own zone (Europe/Berlin) is chosen over the computer's guess (America/Chicago).
    expect(zone).to_have_value("Europe/Berlin")
    expect(page.locator("#first-run-zone-source")).to_have_text("This browser's zone is chosen (Europe/Berlin).")
    assert_accessible(page)
    shoot(page, "first-run")

    page.set_viewport_size(PHONE)
    save = page.get_by_role("button", name="Save and start")
    skip = page.get_by_role("button", name="Skip for now")
    expect(save).to_be_in_viewport()
    expect(skip).to_be_in_viewport()

    page.get_by_label("Your name").fill("Zoe Kim")
    save.click()
    expect(page).to_have_url(live.url + "/")
    expect(page.locator("#messages")).to_contain_text("Drafts are signed “Zoe Kim”; times are in Europe/Berlin.")
    expect(page.get_by_role("link", name="Add your first application")).to_be_visible()
    assert new_user.settings.profile.name == "Zoe Kim"
    assert new_user.settings.timezone == "Europe/Berlin"


def test_skipping_in_the_browser_lands_on_today_for_good(live: Any, page: Any, new_user: Env) -> None:
    page.set_viewport_size(PHONE)
    page.goto(live.url + "/")
    page.get_by_role("button", name="Skip for now").click()
    expect(page).to_have_url(live.url + "/")
    expect(page.get_by_role("link", name="Add your first application")).to_be_visible()
    page.goto(live.url + "/")
    expect(page).to_have_url(live.url + "/")
    expect(page.locator("#welcome-name-missing")).to_contain_text("not set yet")
