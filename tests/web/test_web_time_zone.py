"""Changing the time zone in Settings never moves an interview: it still says 14:00, with the
user's own clock beside it (the command line's side is in tests/test_time_zone.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from followup.app import applications, settings
from followup.app.context import Env
from web.web_support import PHONE, WebClient, assert_accessible, shoot, text_of


@pytest.fixture
def interview(env: Env) -> dict[str, int]:
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    start = datetime(2026, 11, 20, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    held = applications.add_interview(env, app.id, applications.NewInterview(starts_at=start, participants=[]))
    return {"app": app.id, "interview": held.id}


def _change_zone(client: WebClient, zone: str) -> None:
    response = client.post("/settings/calendar", {"timezone": zone, "country": "DE", "subdivision": ""})
    assert response.status_code == 303, response.text[:2000]


def test_changing_the_zone_in_settings_keeps_the_interview_at_its_time(
    client: WebClient, env: Env, interview: dict[str, int]
) -> None:
    page = f"/applications/{interview['app']}"
    assert "Fri 20 Nov 2026, 14:00" in text_of(client.soup(page), f"#facts-{interview['interview']} h3")

    _change_zone(client, "Europe/London")

    soup = client.soup(page)
    heading = text_of(soup, f"#facts-{interview['interview']} h3")
    assert "Fri 20 Nov 2026, 14:00 Berlin time (13:00 your time)" in heading
    assert "Fri 20 Nov 2026, 14:00 Berlin time (13:00 your time)" in text_of(soup, ".event-interview .event-when")
    assert "Interview on Fri 20 Nov at 14:00 Berlin time (13:00 your time)." in text_of(soup, "main")
    # Editing it starts from the time agreed, and saving it unchanged moves nothing.
    form = client.soup(f"{page}/interviews/{interview['interview']}/edit")
    starts = form.select_one("input[name=starts_at]")
    assert starts is not None
    assert starts["value"] == "2026-11-20T14:00"
    assert text_of(form, f"#interview-{interview['interview']}-starts_at-hint") == (
        "In Berlin time (Europe/Berlin), the zone it was set in."
    )
    response = client.post(f"{page}/interviews/{interview['interview']}/edit", {"starts_at": "2026-11-20T14:00"})
    assert response.status_code == 303
    stored = applications.latest_interview(env, interview["app"])
    assert stored is not None
    assert stored.starts_at == datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
    assert stored.timezone == "Europe/Berlin"


def test_settings_says_a_new_zone_does_not_move_interviews(client: WebClient) -> None:
    hint = text_of(client.soup("/settings"), "#calendar-timezone-hint")
    assert "Interviews keep the time they were agreed at" in hint


def test_new_interviews_take_the_zone_the_user_has_now(client: WebClient, env: Env) -> None:
    _change_zone(client, "America/New_York")
    app = applications.add_application(env, applications.NewApplication(company="Initech", role="Analyst"))
    response = client.post(
        f"/applications/{app.id}/interviews/new",
        {"date": "2026-11-20", "time": "14:00", "timezone": "", "duration": "60", "kind": "video", "round": "1"},
    )
    assert response.status_code == 303, response.text[:2000]
    stored = applications.latest_interview(env, app.id)
    assert stored is not None
    assert stored.timezone == "America/New_York"
    assert stored.starts_at.strftime("%H:%M") == "14:00"
    assert settings.reload(env).timezone == "America/New_York"


def test_in_the_browser_a_new_zone_leaves_the_interview_at_its_time(
    live: Any, page: Any, env: Env, interview: dict[str, int]
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live.url}/settings#calendar")
    page.get_by_label("Time zone", exact=True).select_option("Europe/London")
    page.get_by_role("button", name="Save calendar").click()
    expect(page.locator("#calendar")).to_contain_text("Interviews keep the time they were agreed at")
    expect(page.locator("#calendar .flash-ok")).to_be_visible()
    assert env.settings.timezone == "Europe/London"

    page.goto(f"{live.url}/applications/{interview['app']}")
    facts = page.locator(f"#facts-{interview['interview']} h3")
    expect(facts).to_contain_text("Fri 20 Nov 2026, 14:00 Berlin time (13:00 your time)")
    shoot(page, "interview-in-another-zone")


# -- interviews entered on a guessed zone ----------------------------------------------------
#
# The zone was this computer's UTC when an interview was entered "at 14:00"; the user then sets
# Europe/Berlin in Settings. They are asked whether it keeps its clock time there: never silently.

QUESTION = "1 interview was entered on UTC time. Keep it at the same clock time in Europe/Berlin?"


@pytest.fixture
def on_utc(env: Env) -> dict[str, int]:
    settings.change_settings(env, {"timezone": "UTC"})
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    start = datetime(2026, 11, 20, 14, 0, tzinfo=ZoneInfo("UTC"))
    held = applications.add_interview(env, app.id, applications.NewInterview(starts_at=start, participants=[]))
    assert held.timezone == "UTC"
    return {"app": app.id, "interview": held.id}


def _stored(env: Env, app_id: int) -> tuple[datetime, str]:
    stored = applications.latest_interview(env, app_id)
    assert stored is not None
    return stored.starts_at, stored.timezone


def test_without_javascript_a_new_zone_asks_about_interviews_on_the_old_clock(
    client: WebClient, env: Env, on_utc: dict[str, int]
) -> None:
    response = client.post("/settings/calendar", {"timezone": "Europe/Berlin", "country": "DE", "subdivision": ""})
    assert response.status_code == 303
    soup = client.soup(response.headers["location"])
    assert text_of(soup, "#calendar-move-question") == QUESTION
    assert "ACME Corp, Data Analyst: Fri 20 Nov 14:00 UTC (15:00 your time)" in text_of(soup, "#calendar-move")
    assert [b.get_text(strip=True) for b in soup.select("#calendar-move button")] == [
        "Keep the clock time",
        "Leave them as they are",
    ]
    assert _stored(env, on_utc["app"])[1] == "UTC"  # asked, not yet moved

    answer = {"old_zone": "UTC", "interview": [str(on_utc["interview"])], "answer": "move"}
    response = client.post("/settings/calendar/interviews", answer)
    assert response.status_code == 303
    soup = client.soup(response.headers["location"])
    assert "Moved 1 interview to the same clock time in Europe/Berlin." in text_of(soup, "#calendar .flash-ok")
    assert soup.select_one("#calendar-move") is None
    assert _stored(env, on_utc["app"]) == (datetime(2026, 11, 20, 13, 0, tzinfo=UTC), "Europe/Berlin")
    facts = text_of(client.soup(f"/applications/{on_utc['app']}"), f"#facts-{on_utc['interview']} h3")
    assert "Fri 20 Nov 2026, 14:00" in facts
    assert "your time" not in facts

    # The same answer sent again (Back, then the button) moves nothing a second time.
    soup = client.soup(client.post("/settings/calendar/interviews", answer).headers["location"])
    assert "Nothing left to move" in text_of(soup, "#calendar .flash-ok")
    assert _stored(env, on_utc["app"]) == (datetime(2026, 11, 20, 13, 0, tzinfo=UTC), "Europe/Berlin")


def test_leaving_them_keeps_the_old_clock_with_your_time_beside_it(
    client: WebClient, env: Env, on_utc: dict[str, int]
) -> None:
    _change_zone(client, "Europe/Berlin")
    answer = {"old_zone": "UTC", "interview": [str(on_utc["interview"])], "answer": "keep"}
    soup = client.soup(client.post("/settings/calendar/interviews", answer).headers["location"])
    left = "Left it as it is, on the clock it was entered on, with your own time beside it."
    assert left in text_of(soup, "#calendar .flash-ok")
    assert _stored(env, on_utc["app"]) == (datetime(2026, 11, 20, 14, 0, tzinfo=UTC), "UTC")
    facts = text_of(client.soup(f"/applications/{on_utc['app']}"), f"#facts-{on_utc['interview']} h3")
    assert "Fri 20 Nov 2026, 14:00 UTC (15:00 your time)" in facts


def test_nothing_is_asked_when_no_interview_is_on_the_old_clock(client: WebClient, on_utc: dict[str, int]) -> None:
    _change_zone(client, "Europe/Berlin")
    response = client.post("/settings/calendar", {"timezone": "Europe/Paris", "country": "DE", "subdivision": ""})
    assert "moved_from" not in response.headers["location"]  # on Berlin's clock there is nothing yet
    assert client.soup(response.headers["location"]).select_one("#calendar-move") is None


def test_in_the_browser_the_question_follows_the_save_and_moves_them(
    live: Any, page: Any, env: Env, on_utc: dict[str, int]
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live.url}/settings#calendar")
    page.get_by_label("Time zone", exact=True).select_option("Europe/Berlin")
    page.get_by_role("button", name="Save calendar").click()
    question = page.locator("#calendar-move")
    expect(question).to_contain_text(QUESTION)
    expect(question).to_contain_text("ACME Corp, Data Analyst: Fri 20 Nov 14:00 UTC (15:00 your time)")
    assert_accessible(page)
    question.get_by_role("button", name="Keep the clock time").click()
    expect(page.locator("#calendar .flash-ok")).to_contain_text("Moved 1 interview to the same clock time")
    expect(page.locator("#calendar-move")).to_have_count(0)
    assert _stored(env, on_utc["app"]) == (datetime(2026, 11, 20, 13, 0, tzinfo=UTC), "Europe/Berlin")

    page.goto(f"{live.url}/applications/{on_utc['app']}")
    facts = page.locator(f"#facts-{on_utc['interview']} h3")
    expect(facts).to_contain_text("Fri 20 Nov 2026, 14:00")
    expect(facts).not_to_contain_text("your time")


def test_the_question_works_in_a_browser_without_javascript(
    live: Any, browser: Any, env: Env, on_utc: dict[str, int]
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        live.sign_in(tab)
        tab.goto(f"{live.url}/settings#calendar")
        tab.locator("#calendar-timezone").select_option("Europe/Berlin")
        tab.get_by_role("button", name="Save calendar").click()
        question = tab.locator("#calendar-move")
        expect(question).to_contain_text(QUESTION)
        shoot(tab, "zone-change-question")
        question.get_by_role("button", name="Leave them as they are").click()
        expect(tab.locator("#calendar .flash-ok")).to_contain_text("Left it as it is")
        assert _stored(env, on_utc["app"])[1] == "UTC"
    finally:
        context.close()
