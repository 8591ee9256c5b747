"""The Applications pages: the board and its moves, the list, adding one, import and export."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import Application, ApplicationStatus, Channel, ContactRole, Direction
from followup.domain.stages import STAGES
from followup.store import records
from web.web_support import WebClient, assert_accessible, shoot, text_of

EVIL = "<script>alert(1)</script>"


def seed(env: Env) -> dict[str, Application]:
    """One application in each column, with facts that put it there."""
    now = env.now()
    applied = applications.add_application(env, applications.NewApplication(company="Acme", role="Data Analyst"))
    interviewing = applications.add_application(
        env, applications.NewApplication(company="Globex", role="Backend Engineer")
    )
    applications.add_interview(env, interviewing.id, applications.NewInterview(starts_at=now + timedelta(days=1)))
    waiting = applications.add_application(env, applications.NewApplication(company="Initech", role="Product Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@initech.example"),
        application_id=waiting.id,
    )
    applications.add_interview(
        env, waiting.id, applications.NewInterview(starts_at=now - timedelta(days=3), participants=[ann.id])
    )
    applications.log_touchpoint(
        env,
        waiting.id,
        applications.NewTouchpoint(
            direction=Direction.SENT, channel=Channel.EMAIL, occurred_at=now - timedelta(days=2)
        ),
    )
    offer = applications.add_application(
        env, applications.NewApplication(company="Hooli", role="Data Scientist", status=ApplicationStatus.OFFER)
    )
    closed = applications.add_application(
        env, applications.NewApplication(company="Umbrella", role="Analyst", status=ApplicationStatus.REJECTED)
    )
    return {"applied": applied, "interviewing": interviewing, "waiting": waiting, "offer": offer, "closed": closed}


def column(soup: BeautifulSoup, stage: str) -> list[str]:
    section = soup.select_one(f'section.board-column[data-stage="{stage}"]')
    assert section is not None, f"no {stage} column"
    return [h.get_text(strip=True) for h in section.select(".board-card h3")]


def status_of(env: Env, app: Application) -> ApplicationStatus:
    return records.get_application(env.store, app.id).status


def flash_after(client: WebClient, response: Any) -> str:
    assert response.status_code == 303, response.text[:1000]
    return text_of(client.soup(response.headers["location"].split("#")[0]), "#messages")


# -- the board ------------------------------------------------------------------------------


def test_the_board_puts_every_application_in_the_one_column_its_facts_say(client: WebClient, env: Env) -> None:
    apps = seed(env)
    soup = client.soup("/applications")
    assert soup.title is not None
    assert soup.title.get_text().startswith("Applications")
    assert [h.get_text(" ", strip=True).split()[0] for h in soup.select(".board-column h2")] == [
        "Wishlist",
        "Applied",
        "Interviewing",
        "Waiting",
        "Offer",
        "Closed",
    ]
    for stage, app in apps.items():
        assert column(soup, stage) == [app.company]
    assert len(soup.select(".board-card")) == len(apps)
    assert text_of(soup, ".page-head p") == "3 open applications, 1 offer, 1 closed."


def test_each_card_says_what_comes_next_when_and_the_last_contact(client: WebClient, env: Env) -> None:
    apps = seed(env)
    soup = client.soup("/applications")
    waiting = text_of(soup, f"#card-{apps['waiting'].id}")
    assert "Interviewed on Fri 13 Nov; waiting for their answer." in waiting
    assert "Last contact 2 days ago" in waiting
    interviewing = text_of(soup, f"#card-{apps['interviewing'].id}")
    assert "Interview on Tue 17 Nov at 10:00." in interviewing
    assert "Prepare for the interview" in interviewing
    assert "No contact yet" in text_of(soup, f"#card-{apps['applied'].id}")
    # A closed application has nothing left to do.
    assert "Nothing to do" not in text_of(soup, f"#card-{apps['closed'].id}")


def test_every_card_has_a_move_form_that_works_without_javascript(client: WebClient, env: Env) -> None:
    apps = seed(env)
    soup = client.soup("/applications")
    form = soup.select_one(f"#card-{apps['applied'].id} form.move-form")
    assert form is not None
    assert form["method"] == "post"
    assert form["action"] == f"/applications/{apps['applied'].id}/move"
    assert form.select_one("input[name=csrf_token]") is not None
    label = form.select_one("label")
    assert label is not None
    assert label["for"] == form.select_one("select")["id"]  # type: ignore[index]
    options = [o["value"] for o in form.select("select option")]
    # "Move to…" first, so no column is chosen until the user picks one; and not where it already is.
    assert options == ["", *(stage for stage in STAGES if stage != "applied")]


def test_an_empty_board_says_how_to_start(client: WebClient) -> None:
    soup = client.soup("/applications")
    assert "No applications yet" in text_of(soup, "#board")
    assert soup.select_one('#board a[href="/applications/new"]') is not None
    assert soup.select_one('#board a[href="/applications/import"]') is not None


# -- moves ----------------------------------------------------------------------------------


def test_moving_to_offer_marks_it_an_offer(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.post(f"/applications/{apps['waiting'].id}/move", {"to": "offer"})
    assert "Initech moved to Offer" in flash_after(client, response)
    assert status_of(env, apps["waiting"]) is ApplicationStatus.OFFER
    assert sorted(column(client.soup("/applications"), "offer")) == ["Hooli", "Initech"]


def test_moving_from_the_wishlist_to_applied_dates_it_today_and_back_while_nothing_happened(
    client: WebClient, env: Env
) -> None:
    apps = seed(env)
    wish = applications.add_application(
        env, applications.NewApplication(company="Stark", role="Engineer", status=ApplicationStatus.WISHLIST)
    )
    response = client.post(f"/applications/{wish.id}/move", {"to": "applied"})
    assert "Stark moved to Applied, dated today (Mon 16 Nov)." in flash_after(client, response)
    moved = records.get_application(env.store, wish.id)
    assert (moved.status, str(moved.applied_on)) == (ApplicationStatus.ACTIVE, "2026-11-16")
    response = client.post(f"/applications/{wish.id}/move", {"to": "wishlist"})
    assert "Stark is back on your wishlist" in flash_after(client, response)
    assert records.get_application(env.store, wish.id).applied_on is None
    response = client.post(f"/applications/{apps['waiting'].id}/move", {"to": "wishlist"})
    assert "cannot go back to the wishlist: an interview is recorded" in flash_after(client, response)
    assert status_of(env, apps["waiting"]) is ApplicationStatus.ACTIVE


def test_moving_to_closed_asks_why_and_then_closes_it_that_way(client: WebClient, env: Env) -> None:
    apps = seed(env)
    url = f"/applications/{apps['waiting'].id}/move"
    response = client.post(url, {"to": "closed"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert text_of(soup, "h1") == "Why is Initech closing?"
    assert [r["value"] for r in soup.select("input[name=reason]")] == ["rejected", "withdrawn", "closed_no_response"]
    assert status_of(env, apps["waiting"]) is ApplicationStatus.ACTIVE  # nothing written yet
    response = client.post(url, {"to": "closed", "reason": "withdrawn"})
    assert "Initech is closed (withdrawn)" in flash_after(client, response)
    assert status_of(env, apps["waiting"]) is ApplicationStatus.WITHDRAWN


def test_with_htmx_the_board_asks_why_in_place(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.htmx("POST", f"/applications/{apps['applied'].id}/move", {"to": "closed"})
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one("#board") is not None
    assert text_of(soup, ".board-ask h2") == "Why is Acme closing?"
    form = soup.select_one(".board-ask form")
    assert form is not None
    assert form["hx-post"] == f"/applications/{apps['applied'].id}/move"
    response = client.htmx("POST", f"/applications/{apps['applied'].id}/move", {"to": "closed", "reason": "rejected"})
    soup = BeautifulSoup(response.text, "html.parser")
    assert sorted(column(soup, "closed")) == ["Acme", "Umbrella"]
    assert "Acme is closed (rejected)" in text_of(soup, "#messages")
    assert soup.select_one("#messages")["hx-swap-oob"] == "innerHTML"  # type: ignore[index]


def test_moving_back_from_closed_reopens_it(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.post(f"/applications/{apps['closed'].id}/move", {"to": "applied"})
    assert "Umbrella is reopened: back in Applied" in flash_after(client, response)
    assert status_of(env, apps["closed"]) is ApplicationStatus.ACTIVE


def test_moving_to_interviewing_goes_to_the_add_interview_form(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.post(f"/applications/{apps['applied'].id}/move", {"to": "interviewing"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/applications/{apps['applied'].id}/interviews/new"
    response = client.htmx("POST", f"/applications/{apps['applied'].id}/move", {"to": "interviewing"})
    assert response.headers["HX-Redirect"] == f"/applications/{apps['applied'].id}/interviews/new"
    assert status_of(env, apps["applied"]) is ApplicationStatus.ACTIVE


def test_reopening_into_interviewing_reopens_then_asks_for_the_interview(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.post(f"/applications/{apps['closed'].id}/move", {"to": "interviewing"})
    assert response.headers["location"] == f"/applications/{apps['closed'].id}/interviews/new"
    assert status_of(env, apps["closed"]) is ApplicationStatus.ACTIVE


@pytest.mark.parametrize(
    ("which", "target", "words"),
    [
        ("applied", "waiting", "Acme cannot be waiting for an answer yet: no interview is recorded."),
        ("waiting", "applied", "Initech is past Applied: you had an interview on Fri 13 Nov."),
        ("interviewing", "waiting", "Globex has an interview on Tue 17 Nov at 10:00, so it moves to Waiting by itself"),
    ],
)
def test_moves_the_facts_do_not_allow_are_refused_with_the_reason(
    client: WebClient, env: Env, which: str, target: str, words: str
) -> None:
    apps = seed(env)
    before = client.soup("/applications")
    response = client.post(f"/applications/{apps[which].id}/move", {"to": target})
    message = flash_after(client, response)
    assert words in message
    assert status_of(env, apps[which]) is ApplicationStatus.ACTIVE
    assert column(client.soup("/applications"), which) == column(before, which)


def test_a_refused_reopening_says_where_it_would_go(client: WebClient, env: Env) -> None:
    apps = seed(env)
    applications.add_interview(
        env, apps["closed"].id, applications.NewInterview(starts_at=env.now() - timedelta(days=5))
    )
    response = client.htmx("POST", f"/applications/{apps['closed'].id}/move", {"to": "applied"})
    soup = BeautifulSoup(response.text, "html.parser")
    alert = soup.select_one("#messages [role=alert]")
    assert alert is not None
    assert "Reopened, Umbrella would be in Waiting, not Applied" in alert.get_text()
    assert column(soup, "closed") == ["Umbrella"]
    assert status_of(env, apps["closed"]) is ApplicationStatus.REJECTED


def test_moving_to_where_it_is_changes_nothing(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.post(f"/applications/{apps['offer'].id}/move", {"to": "offer"})
    assert "Hooli is already in Offer" in flash_after(client, response)


def test_a_move_to_an_unknown_column_or_application_is_refused_clearly(client: WebClient, env: Env) -> None:
    apps = seed(env)
    response = client.post(f"/applications/{apps['applied'].id}/move", {"to": "somewhere"})
    assert response.status_code == 422
    assert "choose the column to move it to" in response.text
    assert client.post("/applications/999/move", {"to": "offer"}).status_code == 404


# -- the list -------------------------------------------------------------------------------


def list_companies(soup: BeautifulSoup) -> list[str]:
    return [td.get_text(strip=True) for td in soup.select(".app-table tbody td:first-child")]


def test_the_list_shows_every_application_with_its_stage(client: WebClient, env: Env) -> None:
    seed(env)
    soup = client.soup("/applications?view=list")
    assert soup.select_one('.view-toggle a[aria-current="page"]').get_text() == "List"  # type: ignore[union-attr]
    rows = {
        tr.select_one("td").get_text(strip=True): tr.select_one('td[data-label="Stage"]').get_text(strip=True)  # type: ignore[union-attr]
        for tr in soup.select(".app-table tbody tr")
    }
    assert rows == {
        "Acme": "Applied",
        "Globex": "Interviewing",
        "Initech": "Waiting",
        "Hooli": "Offer",
        "Umbrella": "Closed",
    }
    assert soup.select_one(".table-wrap") is not None


@pytest.mark.parametrize(
    ("query", "found"),
    [("initech", ["Initech"]), ("analyst", ["Acme", "Initech", "Umbrella"]), ("ann lee", ["Initech"]), ("zzz", [])],
)
def test_the_list_searches_company_role_and_contacts(client: WebClient, env: Env, query: str, found: list[str]) -> None:
    seed(env)
    soup = client.soup(f"/applications?view=list&q={query}&sort=company")
    assert list_companies(soup) == found
    assert soup.select_one("#search-q")["value"] == query  # type: ignore[index]
    if not found:
        assert "Nothing matches" in text_of(soup, "#list-results")


def test_the_list_sorts_by_each_column_both_ways(client: WebClient, env: Env) -> None:
    seed(env)
    by_company = list_companies(client.soup("/applications?view=list&sort=company"))
    assert by_company == ["Acme", "Globex", "Hooli", "Initech", "Umbrella"]
    assert list_companies(client.soup("/applications?view=list&sort=company&order=reverse")) == by_company[::-1]
    by_stage = list_companies(client.soup("/applications?view=list&sort=stage"))
    assert by_stage == ["Acme", "Globex", "Initech", "Hooli", "Umbrella"]
    by_next = list_companies(client.soup("/applications?view=list&sort=next"))
    # Things to do first, the soonest first: preparing for Globex's interview and the details of Initech's
    # (entered only now, so due from now, not late) are both due now, in the order they were added; Acme's
    # note in nine days comes after them, and the applications with nothing to do last.
    assert by_next == ["Globex", "Initech", "Acme", "Hooli", "Umbrella"]


def test_the_list_sorts_by_last_activity(client: WebClient, env: Env, clock: Any) -> None:
    first = applications.add_application(env, applications.NewApplication(company="Acme", role="Analyst"))
    clock.advance(days=1)
    applications.add_application(env, applications.NewApplication(company="Globex", role="Engineer"))
    clock.advance(days=1)
    applications.add_application(env, applications.NewApplication(company="Hooli", role="Designer"))
    clock.advance(days=1)
    applications.log_touchpoint(
        env, first.id, applications.NewTouchpoint(direction=Direction.SENT, channel=Channel.PHONE)
    )
    assert list_companies(client.soup("/applications?view=list&sort=activity")) == ["Acme", "Hooli", "Globex"]
    assert list_companies(client.soup("/applications?view=list&sort=activity&order=reverse")) == [
        "Globex",
        "Hooli",
        "Acme",
    ]
    # The default order is the most recent first.
    assert list_companies(client.soup("/applications?view=list")) == ["Acme", "Hooli", "Globex"]


def test_sortable_headings_link_to_the_other_order_and_say_which_is_current(client: WebClient, env: Env) -> None:
    seed(env)
    soup = client.soup("/applications?view=list&sort=company&q=a")
    current = soup.select_one("th[aria-sort]")
    assert current is not None
    assert current["aria-sort"] == "ascending"
    link = current.select_one("a")
    assert link is not None
    assert "order=reverse" in link["href"]
    other = soup.select_one("th:not([aria-sort]) a")
    assert other is not None
    assert "order=" not in other["href"]
    assert "q=a" in link["href"]


def test_the_list_filters_by_stage(client: WebClient, env: Env) -> None:
    seed(env)
    assert list_companies(client.soup("/applications?view=list&stage=closed")) == ["Umbrella"]


def test_a_search_with_htmx_returns_only_the_results(client: WebClient, env: Env) -> None:
    seed(env)
    response = client.htmx("GET", "/applications?view=list&q=globex")
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one("h1") is None
    assert soup.select_one("#list-results") is not None
    assert list_companies(soup) == ["Globex"]
    assert "1 application matching “globex”" in text_of(soup, "#results-title")


# -- adding one -----------------------------------------------------------------------------


def test_the_add_form_needs_a_company_and_a_role_and_keeps_what_was_typed(client: WebClient, env: Env) -> None:
    form = client.soup("/applications/new").select_one("form[action='/applications/new']")
    assert form is not None
    for field in form.select("input:not([type=hidden]):not([type=radio]), textarea"):
        assert form.select_one(f"label[for={field['id']}]") is not None, field
    response = client.post("/applications/new", {"company": "  ", "role": "", "notes": "met at a fair"})
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    company = soup.select_one("#company")
    assert company is not None
    assert company["aria-invalid"] == "true"
    assert text_of(soup, "#company-error") == "Enter the company's name."
    assert "company-error" in company["aria-describedby"]
    assert text_of(soup, "#role-error") == "Enter the job title."
    assert text_of(soup, "#notes") == "met at a fair"
    assert records.list_applications(env.store) == []


def test_the_add_form_explains_a_bad_link_and_a_future_date(client: WebClient, env: Env) -> None:
    response = client.post(
        "/applications/new",
        {"company": "Acme", "role": "Analyst", "job_url": "not a link", "applied_on": "2027-01-02"},
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "should start with https://" in text_of(soup, "#job_url-error")
    assert "in the future" in text_of(soup, "#applied_on-error")
    assert soup.select_one("#company")["value"] == "Acme"  # type: ignore[index]
    response = client.post("/applications/new", {"company": "Acme", "role": "Analyst", "applied_on": "20/11/2026"})
    assert "YYYY-MM-DD" in BeautifulSoup(response.text, "html.parser").select_one("#applied_on-error").get_text()  # type: ignore[union-attr]


def test_adding_an_application_goes_to_its_page(client: WebClient, env: Env) -> None:
    response = client.post(
        "/applications/new",
        {
            "company": "Acme",
            "role": "Data Analyst",
            "job_url": "jobs.acme.example/42",
            "applied_on": "2026-11-12",
            "source": "recruiter",
            "recruiter_name": "Rita Recruit",
            "recruiter_email": "rita@agency.example",
            "notes": "Referred by Sam",
        },
    )
    assert response.status_code == 303
    [app] = records.list_applications(env.store)
    assert response.headers["location"] == f"/applications/{app.id}"
    assert (app.company, app.role, app.job_url) == ("Acme", "Data Analyst", "https://jobs.acme.example/42")
    assert str(app.applied_on) == "2026-11-12"
    assert app.source.value == "recruiter"
    assert app.recruiter_id is not None
    assert records.get_contact(env.store, app.recruiter_id).email == "rita@agency.example"
    soup = client.soup(response.headers["location"])
    assert "Added Data Analyst at Acme" in text_of(soup, "#messages")


def test_the_add_form_keeps_what_trackers_keep(client: WebClient, env: Env) -> None:
    form = client.soup("/applications/new").select_one("form[action='/applications/new']")
    assert form is not None
    assert [o["value"] for o in form.select("#excitement option")] == ["", "5", "4", "3", "2", "1"]
    assert form.select_one("details textarea#description") is not None, "the description starts folded away"
    response = client.post(
        "/applications/new",
        {
            "company": "Acme",
            "role": "Data Analyst",
            "start": "applied",
            "applied_on": "2026-11-12",
            "location": "Berlin (hybrid)",
            "salary": "€55–65k",
            "excitement": "4",
            "tags": "remote, #FinTech, remote",
            "description": "Payments team.\r\n- Kotlin",
        },
    )
    assert response.status_code == 303, response.text[:500]
    [app] = records.list_applications(env.store)
    assert (app.location, app.salary, app.excitement, app.tags) == (
        "Berlin (hybrid)",
        "€55–65k",
        4,
        ("remote", "FinTech"),
    )
    assert app.description == "Payments team.\n- Kotlin"
    page = client.soup(response.headers["location"])
    assert text_of(page, ".app-location") == "Location: Berlin (hybrid)"
    assert text_of(page, ".app-salary") == "Salary: €55–65k"
    assert text_of(page, ".app-excitement") == "★★★★☆ Very keen (4 of 5)"
    assert [a.get_text() for a in page.select(".app-tags a")] == ["#remote", "#FinTech"]
    details = page.select_one("details.app-description")
    assert details is not None
    assert details.get("open") is None, "the description is folded away"
    assert "Payments team." in details.get_text()


@pytest.mark.parametrize("query", ["berlin", "FINTECH", "kotlin"])
def test_the_list_finds_the_location_tags_and_description(client: WebClient, env: Env, query: str) -> None:
    seed(env)
    applications.add_application(
        env,
        applications.NewApplication(
            company="Stark", role="Engineer", location="Berlin", tags=["fintech"], description="Kotlin, Postgres"
        ),
    )
    assert list_companies(client.soup(f"/applications?view=list&q={query}")) == ["Stark"]


def test_adding_to_the_wishlist_leaves_it_undated_and_unfollowed(client: WebClient, env: Env) -> None:
    response = client.post(
        "/applications/new",
        {"company": "Globex", "role": "BI Developer", "start": "wishlist", "applied_on": "2026-11-16"},
    )
    assert response.status_code == 303
    [app] = records.list_applications(env.store)
    assert (app.status, app.applied_on) == (ApplicationStatus.WISHLIST, None)
    page = client.soup(response.headers["location"])
    assert "Added BI Developer at Globex to your wishlist" in text_of(page, "#messages")
    assert "not applied yet" in text_of(page, ".app-facts")
    board = client.soup("/applications")
    assert column(board, "wishlist") == ["Globex"]
    assert text_of(board, ".page-head p") == "1 on the wishlist."


def test_values_outside_the_rules_are_shown_next_to_their_field(client: WebClient, env: Env) -> None:
    response = client.post(
        "/applications/new",
        {"company": "Acme", "role": "Analyst", "excitement": "9", "tags": "x" * 41, "location": "Berlin\nBcc: x"},
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "from 1 to 5" in text_of(soup, "#excitement-error")
    assert "longer than 40 characters" in text_of(soup, "#tags-error")
    # A line break smuggled into a one-line field (drafts put the location in their text).
    response = client.post("/applications/new", {"company": "Acme", "role": "Analyst", "location": "Berlin\nBcc: x"})
    assert response.status_code == 422
    assert "line break" in text_of(BeautifulSoup(response.text, "html.parser"), "#location-error")
    assert records.list_applications(env.store) == []


def test_the_details_form_edits_and_clears_the_tracker_fields(client: WebClient, env: Env) -> None:
    app = applications.add_application(
        env,
        applications.NewApplication(
            company="Acme", role="Analyst", location="Paris", excitement=2, tags=["a", "b"], description="Old text"
        ),
    )
    form = client.soup(f"/applications/{app.id}/edit")
    assert form.select_one("#app-tags")["value"] == "a, b"  # type: ignore[index]
    assert form.select_one("#app-excitement option[selected]")["value"] == "2"  # type: ignore[index]
    assert form.select_one("details[open] #app-description") is not None, "a description there is shown"
    values = {
        "company": "Acme",
        "role": "Analyst",
        "status": "active",
        "source": "direct",
        "company_style": "unknown",
        "location": "",
        "salary": "60k",
        "excitement": "5",
        "tags": "b, c",
        "description": "",
    }
    response = client.post(f"/applications/{app.id}/edit", values)
    assert response.status_code == 303
    saved = records.get_application(env.store, app.id)
    assert (saved.location, saved.salary, saved.excitement, saved.tags, saved.description) == (
        None,
        "60k",
        5,
        ("b", "c"),
        None,
    )


def test_the_details_form_says_why_it_cannot_go_back_to_the_wishlist(client: WebClient, env: Env) -> None:
    apps = seed(env)
    app = apps["waiting"]
    values = {"company": app.company, "role": app.role, "status": "wishlist", "source": "direct"}
    response = client.post(f"/applications/{app.id}/edit", {**values, "company_style": "unknown"})
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "cannot go back to the wishlist: an interview is recorded" in text_of(soup, "#app-status-error")
    assert status_of(env, app) is ApplicationStatus.ACTIVE


# -- import ---------------------------------------------------------------------------------

GOOD_CSV = (
    "Company,Position,Status,Date applied,Contact,Notes\n"
    "Acme,Data Analyst,Applied,2026-11-02,Jane Doe <jane@acme.example>,first one\n"
    "Globex,Engineer,Interviewing,2026-11-05,,\n"
    "Hooli,Designer,Wishlist,,,not yet\n"
)
BAD_CSV = "Company,Role,Status,Date applied\nAcme,Data Analyst,Applied,2026-11-02\n,Engineer,Maybe,yesterday-ish\n"


def upload(client: WebClient, content: str | bytes, name: str = "jobs.csv", **fields: str) -> Any:
    data = content.encode() if isinstance(content, str) else content
    form = {"csrf_token": client.token(), "step": "check", **fields}
    return client.http.post("/applications/import", data=form, files={"file": (name, data, "text/csv")})


def test_a_csv_import_shows_a_preview_first_and_writes_nothing_until_confirmed(client: WebClient, env: Env) -> None:
    response = upload(client, GOOD_CSV)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    preview = text_of(soup, ".import-preview")
    assert "importing it would add 1 contact and 3 applications" in preview
    assert "Row 3 is at an interview stage in the file" in preview
    assert [[td.get_text() for td in tr.select("td")] for tr in soup.select(".preview-table tbody tr")] == [
        ["Acme", "Data Analyst", "Applied", "Mon 2 Nov 2026", "Added"],
        [
            "Globex",
            "Engineer",
            "Interviewing (“Interviewing” in the file, no date: add it on its page)",
            "Thu 5 Nov 2026",
            "Added",
        ],
        ["Hooli", "Designer", "Wishlist", "", "Added"],
    ]
    assert records.list_applications(env.store) == []
    confirm = soup.select_one(".import-preview form")
    assert confirm is not None
    fields = {str(i["name"]): i["value"] for i in confirm.select("input")}
    fields |= {str(s["name"]): s.select_one("option[selected]")["value"] for s in confirm.select("select")}  # type: ignore[index]
    fields["step"] = "confirm"
    response = client.post("/applications/import", {k: v for k, v in fields.items() if k != "csrf_token"})
    assert "Imported 1 contact and 3 applications." in flash_after(client, response)
    assert sorted(a.company for a in records.list_applications(env.store)) == ["Acme", "Globex", "Hooli"]


def test_a_csv_with_problems_lists_each_row_and_imports_nothing(client: WebClient, env: Env) -> None:
    response = upload(client, BAD_CSV)
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    problems = [li.get_text(" ", strip=True) for li in soup.select(".import-problems li")]
    assert problems == ['Row 3, column "Company" : is empty: every application needs its company']
    assert "1 thing keeps the file from being imported" in text_of(soup, ".import-problems h3")
    assert soup.select_one("button[value=confirm]") is None
    assert "--dry-run" not in response.text
    assert records.list_applications(env.store) == []


def test_ambiguous_dates_point_to_the_choice_on_the_page(client: WebClient, env: Env) -> None:
    sheet = "Company,Role,Date applied\nAcme,Analyst,03/04/2026\n"
    response = upload(client, sheet)
    assert response.status_code == 422
    assert "choose day first or month first" in response.text
    assert "--dates" not in response.text
    response = upload(client, sheet, dates="dmy")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    # The preview shows the date as it will be read, and the confirmation keeps the choice.
    assert text_of(soup, ".preview-table td[data-label=Applied]") == "Fri 3 Apr 2026"
    assert soup.select_one("#preview-dates option[selected]")["value"] == "dmy"  # type: ignore[index]


def test_an_upload_without_a_file_or_with_an_empty_one_says_so(client: WebClient) -> None:
    response = client.http.post("/applications/import", data={"csrf_token": client.token(), "step": "check"})
    assert response.status_code == 422
    assert "Choose a file to import." in response.text
    response = upload(client, b"")
    assert response.status_code == 422
    assert "The file is empty" in response.text


# -- export (and JSON import) ---------------------------------------------------------------


def test_the_page_head_links_to_import_and_both_exports(client: WebClient, env: Env) -> None:
    seed(env)
    head = client.soup("/applications").select_one(".page-head")
    assert head is not None
    links = {a["href"] for a in head.select("a")}
    assert {"/applications/import", "/applications/export.json", "/applications/export.csv"} <= links


def test_the_csv_export_is_a_spreadsheet_download(client: WebClient, env: Env) -> None:
    seed(env)
    response = client.get("/applications/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="followup-applications-2026-11-16.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["company"], r["status"]) for r in rows] == [
        ("Acme", "active"),
        ("Globex", "active"),
        ("Initech", "active"),
        ("Hooli", "offer"),
        ("Umbrella", "rejected"),
    ]


def test_the_json_export_imports_back_through_the_page(client: WebClient, env: Env) -> None:
    seed(env)
    response = client.get("/applications/export.json")
    assert response.headers["content-disposition"] == 'attachment; filename="followup-2026-11-16.json"'
    document = json.loads(response.content)
    assert document["format"] == "followup-export"
    assert len(document["applications"]) == 5
    # Restored into a database that lost them (a backup into the same one adds nothing twice).
    for app in records.list_applications(env.store):
        applications.delete_application(env, app.id)
    response = upload(client, response.content, name="followup-2026-11-16.json")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert "5 applications" in text_of(soup, ".import-preview")
    assert len(soup.select(".preview-table tbody tr")) == 5
    fields = {str(i["name"]): i["value"] for i in soup.select(".import-preview form input")}
    assert fields["format"] == "json"
    fields["step"] = "confirm"
    response = client.post("/applications/import", {k: v for k, v in fields.items() if k != "csrf_token"})
    assert response.status_code == 303
    assert len(records.list_applications(env.store)) == 5


def test_a_broken_json_file_says_where(client: WebClient, env: Env) -> None:
    response = upload(client, '{"format": "followup-export",', name="backup.json")
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "The file is not valid JSON." in text_of(soup, ".import-problems h2")
    assert "Line 1, column" in text_of(soup, ".import-problems li")


# -- escaping -------------------------------------------------------------------------------


def test_a_company_called_script_is_shown_as_text_everywhere(client: WebClient, env: Env) -> None:
    applications.add_application(env, applications.NewApplication(company=EVIL, role=EVIL))
    for url in ("/applications", "/applications?view=list&q=script"):
        response = client.get(url)
        assert EVIL not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
        soup = BeautifulSoup(response.text, "html.parser")
        assert all("alert" not in (s.string or "") for s in soup.select("script"))
    response = client.post(f"/applications/{records.list_applications(env.store)[0].id}/move", {"to": "closed"})
    assert EVIL not in response.text


# -- in a real browser ----------------------------------------------------------------------


def test_drag_a_card_to_another_column(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    apps = seed(env)
    page.goto(f"{live.url}/applications")
    card = page.locator(f"#card-{apps['waiting'].id}")
    page.drag_and_drop(f"#card-{apps['waiting'].id} h3", 'section.board-column[data-stage="offer"]')
    offer = page.locator('section.board-column[data-stage="offer"]')
    expect(offer.locator(f"#card-{apps['waiting'].id}")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Initech moved to Offer")
    assert status_of(env, apps["waiting"]) is ApplicationStatus.OFFER
    # Dropped on Closed, it asks why, in place.
    page.drag_and_drop(f"#card-{apps['applied'].id} h3", 'section.board-column[data-stage="closed"]')
    expect(page.locator(".board-ask h2")).to_have_text("Why is Acme closing?")
    expect(page.locator(".board-ask input[value=rejected]")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("They never answered").check()
    page.get_by_role("button", name="Close it").click()
    expect(page.locator('section.board-column[data-stage="closed"]')).to_contain_text("Acme")
    assert status_of(env, apps["applied"]) is ApplicationStatus.CLOSED_NO_RESPONSE
    # A drop the facts do not allow leaves the card where it was and says why.
    page.drag_and_drop(f"#card-{apps['interviewing'].id} h3", 'section.board-column[data-stage="applied"]')
    expect(page.locator("#messages [role=alert]")).to_contain_text("Globex has an interview")
    expect(page.locator('section.board-column[data-stage="interviewing"]')).to_contain_text("Globex")
    assert card.count() == 1


def test_move_a_card_with_the_keyboard_only(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    apps = seed(env)
    page.goto(f"{live.url}/applications")
    select = page.locator(f"#move-{apps['waiting'].id}")
    select.focus()
    select.select_option("offer")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Move Initech")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator('section.board-column[data-stage="offer"]')).to_contain_text("Initech")
    # The focus comes back to the moved card, so the next move is one Tab away.
    expect(page.locator(f"#card-{apps['waiting'].id} h3 a")).to_be_focused()
    assert_accessible(page)
    shoot(page, "applications-board")


def test_add_an_application_in_the_browser(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live.url}/applications")
    page.get_by_role("link", name="Add an application").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an application")
    page.get_by_role("button", name="Add the application").click()
    expect(page.locator("#company-error")).to_have_text("Enter the company's name.")
    assert_accessible(page)
    shoot(page, "application-new")
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Job title").fill("Data Analyst")
    page.get_by_label("Through a recruiter or agency").check()
    page.get_by_role("button", name="Add the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Data Analyst at Acme")
    expect(page.locator("#messages")).to_contain_text("Added Data Analyst at Acme")
    [app] = records.list_applications(env.store)
    assert app.source.value == "recruiter"


def test_the_add_form_shows_only_the_fields_that_apply(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live.url}/applications/new")
    # Directly is the default: no recruiter to name.
    expect(page.get_by_label("Recruiter's name")).to_be_hidden()
    page.get_by_label("Through a recruiter or agency").check()
    expect(page.get_by_label("Recruiter's name")).to_be_visible()
    page.get_by_label("Recruiter's name").fill("Rita Recruit")
    page.get_by_label("Directly, with the employer").check()
    expect(page.get_by_label("Recruiter's name")).to_be_hidden()
    # Not applied yet: no day of applying.
    expect(page.get_by_label("Applied on")).to_be_visible()
    page.get_by_label("Add to my wishlist").check()
    expect(page.get_by_label("Applied on")).to_be_hidden()
    page.get_by_label("Company").fill("Globex")
    page.get_by_label("Job title").fill("BI Developer")
    page.get_by_label("How much do you want it?").select_option("5")
    page.get_by_label("Tags").fill("remote, data")
    page.get_by_text("Job description").first.click()
    page.get_by_label("Job description").fill("Dashboards for the sales team.")
    assert_accessible(page)
    shoot(page, "application-new-filled")
    page.get_by_role("button", name="Add the application").click()
    expect(page.locator("#messages")).to_have_text(
        "Added BI Developer at Globex to your wishlist. When you have applied, press “Mark as applied”."
    )
    [app] = records.list_applications(env.store)
    # The recruiter typed and then let go of is not added.
    assert (app.status, app.source.value, app.recruiter_id) == (ApplicationStatus.WISHLIST, "direct", None)
    assert (app.excitement, app.tags, app.description) == (5, ("remote", "data"), "Dashboards for the sales team.")
    expect(page.locator(".app-excitement")).to_contain_text("Dream job")
    # Not applied yet: the description is what the user works from, so it is open.
    expect(page.locator(".app-description")).to_have_attribute("open", "")
    expect(page.get_by_role("region", name="Job description")).to_have_text("Dashboards for the sales team.")
    shoot(page, "application-wishlist")


def test_import_a_csv_in_the_browser(live: Any, page: Any, env: Env, tmp_path: Any) -> None:
    from playwright.sync_api import expect

    sheet = tmp_path / "my-jobs.csv"
    sheet.write_text(GOOD_CSV, encoding="utf-8")
    page.goto(f"{live.url}/applications/import")
    page.get_by_label("Spreadsheet or backup file").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".import-preview")).to_contain_text("Ready to import my-jobs.csv")
    assert_accessible(page)
    shoot(page, "application-import")
    page.get_by_role("button", name="Import 3 applications").click()
    expect(page.locator("#messages")).to_contain_text("Imported 1 contact and 3 applications.")
    expect(page.locator('section.board-column[data-stage="applied"]')).to_contain_text("Acme")
    assert len(records.list_applications(env.store)) == 3


def test_the_list_searches_as_you_type(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    seed(env)
    page.goto(f"{live.url}/applications?view=list")
    page.get_by_label("Search").fill("initech")
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    expect(page.locator("#results-title")).to_contain_text("1 application matching “initech”")
    assert "q=initech" in page.url
    page.get_by_label("Search").fill("")
    expect(page.locator("#list-results tbody tr")).to_have_count(5)
    assert_accessible(page)
    shoot(page, "applications-list")


def test_going_back_to_a_searched_list_gets_the_whole_page(client: WebClient, env: Env) -> None:
    seed(env)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    soup = BeautifulSoup(client.get("/applications?view=list&q=acme", headers=headers).text, "html.parser")
    assert text_of(soup, "h1") == "Applications"
    assert list_companies(soup) == ["Acme"]


def test_a_plain_upload_from_a_browser_passes_the_csrf_check(client: WebClient, env: Env) -> None:
    boundary = "----WebKitFormBoundaryAbC123xYz"
    parts = [
        ("csrf_token", None, client.token().encode()),
        ("step", None, b"check"),
        ("file", "jobs.csv", b"Company,Role\nAcme,Dev\n"),
    ]
    body = b""
    for name, filename, value in parts:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'.encode()
        body += (
            (f'; filename="{filename}"\r\nContent-Type: text/csv' if filename else "").encode()
            + b"\r\n\r\n"
            + value
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = client.http.post("/applications/import", content=body, headers=headers)
    assert response.status_code == 200, response.text
    assert "Ready to import jobs.csv" in response.text
