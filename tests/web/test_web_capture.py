"""Adding an interview and the capture after it: parsed HTML in-process, and the whole flow in a browser."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import Clock
from followup.app import agenda, applications
from followup.app.context import Env
from followup.domain.model import ContactRole, PreferredChannel
from followup.store import records
from web.web_support import WebClient, assert_accessible, shoot, text_of

TIMELINE = "we'll decide within 7-10 business days"


@pytest.fixture
def acme(env: Env) -> dict[str, int]:
    """An application with one known interviewer, Ann; it is Monday 16 November 2026, 10:00 in Berlin."""
    with Path(env.config_path).open("a", encoding="utf-8") as fh:
        fh.write('[profile]\nname = "Alex Morgan"\nemail = "alex.morgan@example.net"\n')
    env.reload_settings()
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@acme.example"),
        application_id=app.id,
    )
    return {"app": app.id, "ann": ann.id}


@pytest.fixture
def held(env: Env, clock: Clock, acme: dict[str, int]) -> dict[str, int]:
    """Ann interviewed the user on Tuesday 17 November at 14:00; it is now 16:00 that day."""
    interview = applications.add_interview(
        env,
        acme["app"],
        applications.NewInterview(
            starts_at=datetime.fromisoformat("2026-11-17T14:00:00+01:00"), participants=[acme["ann"]]
        ),
    )
    clock.set("2026-11-17T16:00:00+01:00")
    return {**acme, "interview": interview.id}


def flash(client: WebClient) -> str:
    return unquote(client.http.cookies.get("followup_flash") or "").partition(":")[2]


def el(soup: Tag, selector: str) -> Tag:
    """The one element `selector` finds (the test fails clearly when there is none)."""
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(soup: Tag, selector: str, name: str) -> str:
    value = el(soup, selector).get(name)
    assert isinstance(value, str), f"{selector} has no {name}"
    return value


def field_error(soup: BeautifulSoup, name: str) -> str:
    """The error shown for a field, checking the input points to it."""
    assert attr(soup, f"#f-{name}", "aria-invalid") == "true", name
    assert f"f-{name}-error" in attr(soup, f"#f-{name}", "aria-describedby").split()
    return text_of(soup, f"#f-{name}-error")


# -- adding an interview --------------------------------------------------------------------


def test_the_add_form_offers_known_people_and_says_which_time_zone(client: WebClient, acme: dict[str, int]) -> None:
    soup = client.soup(f"/applications/{acme['app']}/interviews/new")
    assert text_of(soup, "h1") == "Add an interview"
    assert soup.find("input", {"name": "people", "value": str(acme["ann"])}) is not None
    assert "Ann Lee" in text_of(soup, "fieldset.checks")
    assert "Europe/Berlin" in text_of(soup, ".zone-note")
    assert attr(soup, "#f-duration", "value") == "60"
    assert attr(soup, "#f-round", "value") == "1"
    kinds = [o["value"] for o in soup.select("#f-kind option")]
    assert {"phone", "video", "onsite", "panel", "technical", "other"} <= set(kinds)
    for control in soup.select("form input:not([type=hidden]):not([type=checkbox]), form select"):
        assert soup.find("label", {"for": control["id"]}) is not None, control["id"]


def test_adding_an_interview_keeps_the_time_in_the_users_zone(
    client: WebClient, env: Env, acme: dict[str, int]
) -> None:
    response = client.post(
        f"/applications/{acme['app']}/interviews/new",
        {
            "date": "2026-11-20",
            "time": "14:00",
            "duration": "45",
            "kind": "onsite",
            "round": "2",
            "timezone": "Europe/Berlin",
            "people": [str(acme["ann"])],
            "new-0-name": "Bob Stone",
            "new-0-role": "hiring_manager",
            "new-0-title": "Head of Data",
            "new-0-email": "bob@acme.example",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/applications/{acme['app']}"
    assert flash(client).startswith("Interview added: Fri 20 Nov 2026, 14:00.")
    interview = applications.latest_interview(env, acme["app"])
    assert interview is not None
    assert interview.starts_at == datetime.fromisoformat("2026-11-20T13:00:00+00:00")
    assert (interview.kind.value, interview.round, interview.duration.total_seconds()) == ("onsite", 2, 45 * 60)
    people = {records.get_contact(env.store, c).name: c for c in interview.participant_ids}
    assert set(people) == {"Ann Lee", "Bob Stone"}
    bob = records.get_contact(env.store, people["Bob Stone"])
    assert (bob.role, bob.title, bob.email) == (ContactRole.HIRING_MANAGER, "Head of Data", "bob@acme.example")
    # The playbook now plans the preparation two days before.
    assert any(item.kind == "prepare" and item.application_id == acme["app"] for item in agenda.agenda(env, days=7))


def test_a_time_given_in_another_zone_is_converted(client: WebClient, env: Env, acme: dict[str, int]) -> None:
    values = {"date": "2026-11-20", "time": "09:00", "duration": "60", "kind": "video", "round": "1"}
    response = client.post(f"/applications/{acme['app']}/interviews/new", {**values, "timezone": "America/New_York"})
    assert response.status_code == 303
    interview = applications.latest_interview(env, acme["app"])
    assert interview is not None
    assert interview.starts_at.astimezone(env.tz).strftime("%d %H:%M") == "20 15:00"


def test_add_form_errors_are_next_to_their_fields_and_keep_the_values(
    client: WebClient, env: Env, acme: dict[str, int]
) -> None:
    response = client.post(
        f"/applications/{acme['app']}/interviews/new",
        {
            "date": "",
            "time": "25:99",
            "duration": "60",
            "kind": "video",
            "round": "1",
            "timezone": "Mars/Olympus",
            "people": [str(acme["ann"])],
            "new-0-name": "",
            "new-0-email": "bob-at-acme",
            "new-0-title": "Head of <Data>",
            "new-1-role": "interviewer",  # a row where only the select has a value is blank
        },
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert field_error(soup, "date") == "Choose the day of the interview."
    assert field_error(soup, "time") == "Write the time as HH:MM."
    assert "not a time zone" in field_error(soup, "timezone")
    assert field_error(soup, "new-0-name").startswith("Add their name too")
    assert "email address" in field_error(soup, "new-0-email")
    assert len(soup.select(".error-summary li")) == 5
    # What the user typed is still there, and nothing was saved.
    assert attr(soup, "#f-new-0-email", "value") == "bob-at-acme"
    assert attr(soup, "#f-new-0-title", "value") == "Head of <Data>"
    assert el(soup, f"input[name=people][value='{acme['ann']}']").has_attr("checked")
    assert el(soup, "details.zone-other").has_attr("open")
    assert applications.latest_interview(env, acme["app"]) is None


def test_a_time_skipped_by_the_clock_change_is_refused(client: WebClient, env: Env, acme: dict[str, int]) -> None:
    values = {"date": "2027-03-28", "time": "02:30", "duration": "60", "kind": "video", "round": "1"}
    response = client.post(f"/applications/{acme['app']}/interviews/new", {**values, "timezone": "Europe/Berlin"})
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "does not exist on that day in Europe/Berlin" in field_error(soup, "time")


def test_adding_to_an_unknown_application_is_a_friendly_404(client: WebClient) -> None:
    soup = client.soup("/applications/999/interviews/new", status=404)
    assert "no application with id 999" in soup.get_text()


# -- the capture ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "shown", "value"),
    [
        (TIMELINE, "news by Tue 1 Dec 2026", "2026-12-01"),
        ("They said by Friday", "news by Fri 20 Nov 2026", "2026-11-20"),
        ("early next month", "news by Thu 10 Dec 2026", "2026-12-10"),
    ],
)
def test_the_preview_turns_their_words_into_a_date(
    client: WebClient, held: dict[str, int], words: str, shown: str, value: str
) -> None:
    response = client.htmx("GET", f"/interviews/{held['interview']}/timeline-preview?text={words}")
    soup = BeautifulSoup(response.text, "html.parser")
    assert text_of(soup, ".reading-date") == shown
    assert attr(soup, "#f-decision_date", "value") == value
    assert attr(soup, "input[name=decision_for]", "value") == words


def test_the_preview_says_when_no_date_is_found(client: WebClient, held: dict[str, int]) -> None:
    soup = BeautifulSoup(
        client.get(f"/interviews/{held['interview']}/timeline-preview?text=soon, they hope").text, "html.parser"
    )
    assert "No date found" in text_of(soup, ".reading")
    assert attr(soup, "#f-decision_date", "value") == ""


def test_the_capture_form_starts_from_what_is_known(client: WebClient, held: dict[str, int]) -> None:
    soup = client.soup(f"/interviews/{held['interview']}/capture")
    assert text_of(soup, "h1") == "How did the interview go?"
    assert "Data Analyst at ACME Corp" in text_of(soup, ".page-head")
    assert el(soup, f"#present-{held['ann']}").has_attr("checked")
    assert attr(soup, f"#f-person-{held['ann']}-email", "value") == "ann@acme.example"
    assert el(soup, f"#person-{held['ann']}-channel-unknown").has_attr("checked")
    assert attr(soup, "#f-timeline_text", "hx-get") == f"/interviews/{held['interview']}/timeline-preview"
    assert attr(soup, "#timeline-preview", "aria-live") == "polite"


def test_without_javascript_the_date_is_shown_for_confirmation_before_saving(
    client: WebClient, env: Env, held: dict[str, int]
) -> None:
    url = f"/interviews/{held['interview']}/capture"
    first = client.post(url, {"present": [str(held["ann"])], "timeline_text": TIMELINE, "main_points": "SQL"})
    assert first.status_code == 200
    soup = BeautifulSoup(first.text, "html.parser")
    assert "One last check" in text_of(soup, ".confirm-note")
    assert text_of(soup, ".reading-date") == "news by Tue 1 Dec 2026"
    assert attr(soup, "#f-decision_date", "value") == "2026-12-01"
    assert el(soup, "#f-main_points").get_text() == "SQL"
    assert records.get_interview(env.store, held["interview"]).timeline_text is None

    # The user corrects the date by a day and saves.
    form = {
        "present": [str(held["ann"])],
        "timeline_text": TIMELINE,
        "decision_for": attr(soup, "input[name=decision_for]", "value"),
        "decision_date": "2026-12-02",
        "main_points": "SQL",
    }
    second = client.post(url, form)
    assert second.status_code == 303
    assert second.headers["location"] == f"/interviews/{held['interview']}/capture/done"
    saved = records.get_interview(env.store, held["interview"])
    assert (saved.timeline_text, saved.decision_date, saved.main_points) == (TIMELINE, date(2026, 12, 2), "SQL")


def test_a_date_typed_by_hand_is_kept_beside_the_reading(client: WebClient, env: Env, held: dict[str, int]) -> None:
    form = {"present": [str(held["ann"])], "timeline_text": "by Friday", "decision_date": "2026-11-23"}
    response = client.post(f"/interviews/{held['interview']}/capture", form)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert text_of(soup, ".reading-date") == "news by Fri 20 Nov 2026"
    assert attr(soup, "#f-decision_date", "value") == "2026-11-23"


def test_saving_produces_the_thank_you_actions(client: WebClient, env: Env, held: dict[str, int]) -> None:
    ann = held["ann"]
    response = client.post(
        f"/interviews/{held['interview']}/capture",
        {
            "present": [str(ann)],
            f"person-{ann}-email": "ann@acme.example",
            f"person-{ann}-title": "Analytics Lead",
            f"person-{ann}-channel": "letter",
            f"person-{ann}-postal": "ACME Corp\n1 Main Street\n10115 Berlin",
            "new-0-name": "Bob Stone",
            "new-0-email": "bob@acme.example",
            "new-0-title": "Head of Data",
            "new-0-channel": "email",
            "next_steps": "A call with the CTO",
            "timeline_text": TIMELINE,
            "decision_for": TIMELINE,
            "decision_date": "2026-12-01",
            "forgot_to_mention": "my dbt work",
        },
    )
    assert response.status_code == 303
    assert flash(client) == "Saved. Your thank-you notes are ready to write."

    thanks = {
        (item.contact, item.channel)
        for item in agenda.agenda(env, days=0)
        if item.kind == "thank_you" and item.application_id == held["app"]
    }
    assert thanks == {("Ann Lee", "letter"), ("Bob Stone", "email")}
    bob = applications.resolve_contact(env, "Bob Stone")
    assert (bob.title, bob.preferred_channel) == ("Head of Data", PreferredChannel.EMAIL)
    ann_now = applications.resolve_contact(env, "Ann Lee")
    assert (ann_now.title, ann_now.postal_address) == ("Analytics Lead", "ACME Corp\n1 Main Street\n10115 Berlin")

    soup = client.soup(response.headers["location"])
    assert text_of(soup, "#messages") == "Saved. Your thank-you notes are ready to write."
    now = text_of(soup, "section[aria-labelledby=now-heading]")
    assert "Thank-you (letter) to Ann Lee" in now
    assert "Thank-you (email) to Bob Stone" in now
    assert "Fill in the interview details" not in now  # nothing is missing any more
    drafts = [str(a["href"]) for a in soup.select("a[href^='/drafts/']")]
    ids = {item.id for item in agenda.agenda(env, days=0) if item.kind == "thank_you"}
    assert {href.removeprefix("/drafts/") for href in drafts} >= ids
    assert "Tue 1 Dec 2026" in text_of(soup, ".lead")
    later = text_of(soup, "section[aria-labelledby=later-heading]")
    assert "Status check" in later


def test_capture_errors_keep_every_value_and_save_nothing(client: WebClient, env: Env, held: dict[str, int]) -> None:
    response = client.post(
        f"/interviews/{held['interview']}/capture",
        {
            "present": [str(held["ann"])],
            f"person-{held['ann']}-email": "ann(at)acme",
            "new-0-email": "bob@acme.example",
            "timeline_text": "by Friday",
            "decision_for": "by Friday",
            "decision_date": "2026-11-02",
            "main_points": "Dashboards & <SQL>",
            "ref-0-name": "Carol Diaz",
            "ref-0-email": "carol@",
        },
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "email address" in field_error(soup, f"person-{held['ann']}-email")
    assert field_error(soup, "new-0-name").startswith("Add their name too")
    assert field_error(soup, "decision_date").startswith("That is before the interview (Tue 17 Nov)")
    assert "email address" in field_error(soup, "ref-0-email")
    assert el(soup, "#f-main_points").get_text() == "Dashboards & <SQL>"
    assert attr(soup, "#f-timeline_text", "value") == "by Friday"
    assert attr(soup, "#f-new-0-email", "value") == "bob@acme.example"
    assert attr(soup, "#f-ref-0-name", "value") == "Carol Diaz"
    saved = records.get_interview(env.store, held["interview"])
    assert (saved.main_points, saved.timeline_text) == (None, None)
    assert [c.name for c in records.list_contacts(env.store)] == ["Ann Lee"]


def test_unticking_someone_means_no_thank_you_for_them(client: WebClient, env: Env, held: dict[str, int]) -> None:
    response = client.post(
        f"/interviews/{held['interview']}/capture",
        {"new-0-name": "Bob Stone", "new-0-email": "bob@acme.example", "new-0-channel": "email"},
    )
    assert response.status_code == 303
    saved = records.get_interview(env.store, held["interview"])
    names = {records.get_contact(env.store, c).name for c in saved.participant_ids}
    assert names == {"Bob Stone"}
    thanks = [item.contact for item in agenda.agenda(env, days=0) if item.kind == "thank_you"]
    assert thanks == ["Bob Stone"]


def test_references_named_get_a_heads_up(client: WebClient, env: Env, held: dict[str, int]) -> None:
    form = {"present": [str(held["ann"])], "ref-0-name": "Carol Diaz", "ref-0-email": "carol@example.org"}
    assert client.post(f"/interviews/{held['interview']}/capture", form).status_code == 303
    heads_up = [item.contact for item in agenda.agenda(env, days=0) if item.kind == "reference_heads_up"]
    assert heads_up == ["Carol Diaz"]
    soup = client.soup(f"/interviews/{held['interview']}/capture")
    assert "Already noted: Carol Diaz." in text_of(soup, "section[aria-labelledby=step-refs]")


def test_what_the_user_typed_is_shown_as_text(client: WebClient, env: Env, held: dict[str, int]) -> None:
    applications.edit_application(
        env, held["app"], applications.ApplicationChanges(company="<script>alert(1)</script>")
    )
    evil = "<img src=x onerror=alert(1)>"
    client.post(
        f"/interviews/{held['interview']}/capture",
        {"present": [str(held["ann"])], "main_points": evil, "new-0-name": evil},
    )
    for url in (f"/interviews/{held['interview']}/capture", f"/interviews/{held['interview']}/capture/done"):
        soup = client.soup(url)
        assert not soup.select("main script, main img[onerror]")
        assert "<script>alert(1)</script>" in soup.get_text()
    soup = client.soup(f"/interviews/{held['interview']}/capture")
    assert el(soup, "#f-main_points").get_text() == evil


def test_capturing_an_unknown_interview_is_a_friendly_404(client: WebClient) -> None:
    soup = client.soup("/interviews/4242/capture", status=404)
    assert "no interview with id 4242" in soup.get_text()


# -- in a real browser ----------------------------------------------------------------------


def test_add_interview_page_in_a_browser(live, page, acme: dict[str, int]) -> None:
    page.goto(f"{live.url}/applications/{acme['app']}/interviews/new")
    assert_accessible(page)
    shoot(page, "interview-new")
    page.get_by_label("Start time", exact=True).fill("14:00")
    page.get_by_role("button", name="Save the interview").click()
    from playwright.sync_api import expect

    expect(page.locator("#f-date-error")).to_have_text("Choose the day of the interview.")
    expect(page.locator("#f-time")).to_have_value("14:00")
    assert_accessible(page)


def test_the_capture_flow_end_to_end(live, page, held: dict[str, int]) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live.url}/interviews/{held['interview']}/capture")
    page.get_by_role("group", name="Ann Lee prefers follow-ups by").get_by_text("Email", exact=True).click()
    page.get_by_label("Name").first.fill("Bob Stone")
    page.locator("#f-new-0-email").fill("bob@acme.example")
    page.get_by_label("When will you hear back?").fill(TIMELINE)
    expect(page.locator(".reading-date")).to_have_text("news by Tue 1 Dec 2026")
    expect(page.get_by_label("News expected by")).to_have_value("2026-12-01")
    page.get_by_label("What were the main points?").fill("SQL, dashboards and the data team's roadmap")
    assert_accessible(page)
    shoot(page, "capture")

    page.get_by_role("button", name="Save and get my thank-you notes").click()
    expect(page).to_have_url(f"{live.url}/interviews/{held['interview']}/capture/done")
    expect(page.locator("#messages")).to_have_text("Saved. Your thank-you notes are ready to write.")
    expect(page.get_by_role("heading", name="Thank-you (email) to Ann Lee")).to_be_visible()
    expect(page.get_by_role("heading", name="Thank-you (email) to Bob Stone")).to_be_visible()
    write_bob = page.get_by_role("link", name=re.compile(r"^Write the email\s*: Thank-you \(email\) to Bob Stone$"))
    expect(write_bob).to_have_attribute("href", re.compile(r"^/drafts/\w+$"))
    assert_accessible(page)
    shoot(page, "capture-done")


@pytest.mark.parametrize("field", ["duration", "round"])
def test_a_superscript_digit_is_told_next_to_its_field_not_an_internal_error(
    client: WebClient, env: Env, acme: dict[str, int], field: str
) -> None:
    # '²' passes str.isdigit but int() refuses it: it used to end the request in a 500.
    values = {"date": "2026-11-20", "time": "09:00", "duration": "60", "kind": "video", "round": "1", field: "²"}
    response = client.post(f"/applications/{acme['app']}/interviews/new", {**values, "timezone": "Europe/Berlin"})
    assert response.status_code == 422
    assert applications.latest_interview(env, acme["app"]) is None
