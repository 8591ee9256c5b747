"""'They promised news by' reads a date or the employer's words on every form, as the capture
form's 'When will you hear back?' does, and shows the day it read before it is saved."""

from __future__ import annotations

from datetime import date

from bs4 import BeautifulSoup
from playwright.sync_api import expect

from followup.app import applications
from followup.app.agenda import agenda
from followup.app.context import Env
from followup.domain.model import PreferredChannel
from web.test_web_today import find, interviewed, page_of, with_profile
from web.web_support import WebClient, assert_accessible, text_of

CALL_DAY = "2026-11-25T10:00:00+01:00"  # a Wednesday


def _call(env: Env, clock) -> tuple[int, str]:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    clock.set(CALL_DAY)
    return app, find(env, "status_check", app).id


def test_the_call_form_takes_their_words(env: Env, clock, client: WebClient) -> None:
    app, call = _call(env, clock)
    soup = page_of(client, f"/drafts/{call}")
    field = soup.select_one("input#promised")
    assert field["type"] == "text"  # not a date picker: "by Friday" can be typed
    assert "by Friday" in text_of(soup, "#promised-hint")
    response = client.post(
        f"/drafts/{call}/sent",
        {"outcome": "reached", "promised": "by Friday", "on": "2026-11-25", "kind": "call_script"},
    )
    assert response.status_code == 303
    today = page_of(client, response.headers["location"])
    assert "News promised by Fri 27 Nov 2026" in text_of(today, "#messages")
    [*_, call_logged] = applications.show(env, app).state.touchpoints
    assert call_logged.promised_date == date(2026, 11, 27)


def test_words_it_cannot_read_are_refused_with_what_works(env: Env, clock, client: WebClient) -> None:
    _app, call = _call(env, clock)
    response = client.post(f"/drafts/{call}/sent", {"outcome": "reached", "promised": "soonish", "on": "2026-11-25"})
    assert response.status_code == 303
    back = page_of(client, response.headers["location"])
    assert "They promised news by: No date found in 'soonish'." in text_of(back, "#messages")
    assert call in [i.id for i in agenda(env)]


def test_the_reading_is_shown_before_saving(env: Env, clock, client: WebClient) -> None:
    clock.set(CALL_DAY)

    def reading(query: str) -> str:
        return BeautifulSoup(client.htmx("GET", f"/promise-preview?{query}").text, "html.parser").get_text(
            " ", strip=True
        )

    assert reading("promised=within+two+weeks") == "We read this as news by Wed 9 Dec 2026 ."
    assert "news by Fri 4 Dec 2026" in reading("promised=4.12.2026")
    # The log form sends when it was said: "by Friday" from Monday 16 November.
    assert "news by Fri 20 Nov 2026" in reading("promised_date=by+Friday&occurred_at=2026-11-16T10:00")
    assert reading("promised=soonish").startswith("No date found in these words")
    assert reading("promised=") == ""


def test_the_log_form_takes_a_dotted_date_and_their_words(env: Env, clock, client: WebClient) -> None:
    app, _call_id = _call(env, clock)
    soup = page_of(client, f"/applications/{app}")
    csrf = soup.select_one('#log-form input[name="csrf_token"]')["value"]
    for typed, expected in (("4.12.2026", date(2026, 12, 4)), ("by Friday", date(2026, 11, 27))):
        response = client.post(
            f"/applications/{app}/touchpoints",
            {
                "csrf_token": csrf,
                "direction": "received",
                "channel": "phone",
                "occurred_at": "2026-11-25T09:30",
                "outcome": "still_deciding",
                "promised_date": typed,
            },
        )
        assert response.status_code == 303, response.text
        latest = max(applications.show(env, app).state.touchpoints, key=lambda t: t.id)
        assert latest.promised_date == expected


def test_typing_their_words_in_a_browser(live, page, env: Env) -> None:
    with_profile(env)
    app = interviewed(env, person="Jürgen Müller", phone="+49 30 123 456", prefers=PreferredChannel.PHONE)
    live.clock.set(CALL_DAY)
    call = find(env, "status_check", app).id
    page.goto(f"{live.url}/drafts/{call}")
    page.get_by_label("They promised news by").fill("by Friday")
    expect(page.locator("#promised-reading")).to_contain_text("We read this as news by Fri 27 Nov 2026")
    assert_accessible(page)
    page.get_by_role("button", name="Save how it went").click()
    expect(page.locator("#messages")).to_contain_text("News promised by Fri 27 Nov 2026")
