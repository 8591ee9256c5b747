"""A job seeker's whole journey in a real browser, from the first visit to the status check.

First run, add an application, add the interview, capture what was said after it,
open the thank-you draft, mark it sent, travel in time (the test's clock is the
app's clock) to see the status check appear, and import the rest from a CSV file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from followup.app.context import Env
from web.web_support import assert_accessible, shoot


def test_from_first_visit_to_the_status_check(live: Any, page: Any, env: Env, tmp_path: Path) -> None:
    with open(env.config_path, "a", encoding="utf-8") as settings:
        settings.write('\n[profile]\nname = "Zoe Kim"\nemail = "zoe@example.org"\n')
    env.reload_settings()
    live.clock.set("2026-11-16T17:00:00+01:00")  # a Monday, the evening after the interview

    # First run: an empty Today says what to do first.
    page.goto(live.url)
    page.get_by_role("link", name="Add your first application").click()

    page.get_by_label("Company").fill("ACME Corp")
    page.get_by_label("Job title").fill("Data Analyst")
    page.get_by_role("button", name="Add the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ACME Corp")

    # The interview, this afternoon, with Ann Lee.
    page.get_by_role("link", name="Add interview").first.click()
    page.get_by_label("Date", exact=True).fill("2026-11-16")
    page.get_by_label("Start time", exact=True).fill("14:00")
    page.locator("#f-new-0-name").fill("Ann Lee")
    page.locator("#f-new-0-email").fill("ann.lee@acme.example")
    page.get_by_role("button", name="Save the interview").click()

    # After the interview: what they said about timing becomes a date to confirm.
    page.get_by_role("link", name=re.compile("After the interview")).first.click()
    page.get_by_label("When will you hear back?").fill("We'll decide within 7-10 business days")
    expect(page.get_by_text("Mon 30 Nov 2026").first).to_be_visible()
    page.get_by_role("button", name="Save and get my thank-you notes").click()
    expect(page.get_by_text("Your thank-you notes are ready to write")).to_be_visible()
    assert_accessible(page)

    # The thank-you draft, then marking it sent.
    page.get_by_role("link", name=re.compile("Write the email")).first.click()
    expect(page.get_by_text("Ann").first).to_be_visible()
    page.get_by_role("button", name=re.compile("Mark as sent")).first.click()
    expect(page.locator("#messages")).not_to_be_empty()

    # Two weeks later, with no news past the promised date: the status check is due.
    live.clock.set("2026-12-03T09:00:00+01:00")
    page.goto(live.url)
    expect(page.get_by_text("Status check (email)")).to_be_visible()
    expect(page.get_by_text(re.compile("said you would hear by Mon 30 Nov"))).to_be_visible()
    expect(page.get_by_text("ACME Corp").first).to_be_visible()
    assert_accessible(page)
    shoot(page, "journey-today")  # the README's Today screenshot

    # The other applications come from a spreadsheet.
    csv_file = tmp_path / "tracker.csv"
    csv_file.write_text("Company,Role,Status\nGlobex,Backend Developer,Applied\nInitech,QA Engineer,Interviewing\n")
    page.goto(f"{live.url}/applications/import")
    page.locator("input[type=file]").set_input_files(str(csv_file))
    page.locator("form button[type=submit]").first.click()
    page.get_by_role("button", name=re.compile("Import", re.I)).last.click()
    page.goto(f"{live.url}/applications")
    for company in ("ACME Corp", "Globex", "Initech"):
        expect(page.get_by_text(company).first).to_be_visible()
