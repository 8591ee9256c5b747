"""Today and the draft page for a note about an application that has had no answer yet."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole
from web.test_web_today import card, find, page_of, with_profile
from web.web_support import PHONE, WebClient, assert_accessible, shoot, text_of

SEVENTH_BUSINESS_DAY = "2026-11-25T09:30:00+01:00"  # applied Monday 16 November


def applied(env: Env, company: str = "ACME Corp", *, contact: str | None = None) -> int:
    app = applications.add_application(
        env, applications.NewApplication(company=company, role="Data Analyst", applied_on=date(2026, 11, 16))
    )
    if contact:
        applications.add_contact(
            env,
            applications.NewContact(name=contact, role=ContactRole.RECRUITER, email="rita@acme.example"),
            app.id,
        )
    return app.id


def test_today_shows_the_note_with_its_reason_and_a_button_to_write_it(env: Env, client: WebClient, clock) -> None:
    with_profile(env)
    app = applied(env, contact="Rita Mendes")
    clock.set(SEVENTH_BUSINESS_DAY)
    item = find(env, "application_check", app)
    soup = page_of(client, "/")
    shown = card(soup, item.id)
    assert shown is not None
    assert shown.select_one(".item-title").get_text(" ", strip=True).startswith("Ask about your application (email)")
    assert "Rita Mendes" in shown.select_one(".item-facts").get_text()
    assert (
        "You applied for the Data Analyst role at ACME Corp on Mon 16 Nov"
        in shown.select_one(".item-reason").get_text()
    )
    button = shown.select_one("a.button.primary")
    assert (button.get_text(), button["href"]) == ("Write the email", f"/drafts/{item.id}")


def test_the_draft_page_restates_the_role_and_the_day_and_goes_to_the_contact(
    env: Env, client: WebClient, clock
) -> None:
    with_profile(env)
    app = applied(env, contact="Rita Mendes")
    clock.set(SEVENTH_BUSINESS_DAY)
    soup = page_of(client, f"/drafts/{find(env, 'application_check', app).id}")
    assert soup.h1.get_text() == "Note to Rita Mendes about your application"
    assert text_of(soup, ".envelope dd") == "Rita Mendes <rita@acme.example>"
    text = " ".join(p.get_text() for p in soup.select("#draft-text p"))
    assert "Data Analyst" in text
    assert "16 November" in text
    assert "interview" not in text.lower()
    assert "No problems found" in text_of(soup, ".checks")


def test_without_a_contact_the_draft_says_it_goes_to_nobody_yet(env: Env, client: WebClient, clock) -> None:
    with_profile(env)
    app = applied(env)
    clock.set(SEVENTH_BUSINESS_DAY)
    item = find(env, "application_check", app)
    assert "you have no contact there yet" in item.reason
    soup = page_of(client, f"/drafts/{item.id}")
    assert text_of(soup, ".envelope dd") == "nobody yet"
    assert "Dear Hiring Manager," in soup.select_one("#draft-text p").get_text()


def test_on_a_phone_the_note_reads_well_and_is_accessible(env: Env, live, page) -> None:
    with_profile(env)
    applied(env, contact="Rita Mendes")
    live.clock.set(SEVENTH_BUSINESS_DAY)
    page.set_viewport_size(PHONE)
    page.goto(live.url + "/")
    heading = page.get_by_role("heading", name="Ask about your application (email)")
    expect(heading).to_be_visible()
    assert_accessible(page)
    shoot(page, "today-application-check-phone")
    page.get_by_role("link", name="Write the email").first.click()
    expect(page.get_by_role("heading", name="Note to Rita Mendes about your application")).to_be_visible()
    assert_accessible(page)


def test_its_timings_are_on_the_settings_page_and_move_the_note(env: Env, client: WebClient, clock) -> None:
    app = applied(env)
    soup = page_of(client, "/settings")
    group = next(h for h in soup.select("#timings h3, #timings legend") if "After applying" in h.get_text())
    assert group is not None
    assert soup.select_one("#timing-application_check_business_days")["value"] == "7"
    assert soup.select_one("#timing-application_move_on_business_days")["value"] == "10"
    response = client.htmx("POST", "/settings/timings", {"application_check_business_days": "5"})
    assert response.status_code == 200
    assert env.settings.timings.application_check_business_days == 5
    # Five business days after Monday 16 November.
    assert find(env, "application_check", app).due.isoformat() == "2026-11-23T09:00:00+01:00"
