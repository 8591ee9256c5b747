"""The Insights page, on a job search made through the services at known moments."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from followup.app import applications
from followup.app.context import Env
from followup.app.transfer import import_csv
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction, Outcome, Source, TouchpointKind
from web.web_support import WebClient, assert_accessible, shoot, text_of

BERLIN = ZoneInfo("Europe/Berlin")
DATA = Path(__file__).parent.parent / "data"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def make_search(env: Env, clock) -> None:
    """Six applications, all sent on 1 Sep 2026 but one, with answers at known delays.

    Acme: invited after 3 days, interviewed 10 Sep, offer 2 days after the interview.
    Birch: turned down by letter after 10 days.
    Cedar: interview recorded after 7 days, held 15 Sep; status check 7 days later, answered 4 days after that.
    Dune: never answered; closed as no response on 15 Oct. Fir: withdrawn on 20 Sep.
    Elm: sent two days ago, no answer yet (too early to count).
    """
    clock.set("2026-09-01T09:00:00+02:00")
    acme = applications.add_application(env, applications.NewApplication(company="Acme", role="Data Analyst"))
    birch = applications.add_application(env, applications.NewApplication(company="Birch", role="Analyst"))
    cedar = applications.add_application(env, applications.NewApplication(company="Cedar", role="BI Developer"))
    dune = applications.add_application(env, applications.NewApplication(company="Dune", role="Data Engineer"))
    fir = applications.add_application(env, applications.NewApplication(company="Fir", role="Analyst"))

    clock.set("2026-09-04T09:00:00+02:00")
    applications.log_touchpoint(
        env,
        acme.id,
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL, outcome=Outcome.NEXT_ROUND),
    )
    applications.add_interview(env, acme.id, applications.NewInterview(starts_at=at("2026-09-10T10:00")))
    clock.set("2026-09-08T09:00:00+02:00")
    applications.add_interview(env, cedar.id, applications.NewInterview(starts_at=at("2026-09-15T10:00")))
    clock.set("2026-09-11T09:00:00+02:00")
    applications.log_touchpoint(
        env,
        birch.id,
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.LETTER, outcome=Outcome.REJECTION),
    )
    clock.set("2026-09-12T11:00:00+02:00")
    applications.log_touchpoint(
        env,
        acme.id,
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL, outcome=Outcome.OFFER),
    )
    clock.set("2026-09-20T09:00:00+02:00")
    applications.edit_application(env, fir.id, applications.ApplicationChanges(status=ApplicationStatus.WITHDRAWN))
    clock.set("2026-09-22T11:00:00+02:00")
    applications.log_touchpoint(
        env,
        cedar.id,
        applications.NewTouchpoint(direction=Direction.SENT, channel=Channel.EMAIL, kind=TouchpointKind.STATUS_CHECK),
    )
    clock.set("2026-09-26T11:00:00+02:00")
    applications.log_touchpoint(
        env,
        cedar.id,
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL, outcome=Outcome.STILL_DECIDING),
    )
    clock.set("2026-10-15T09:00:00+02:00")
    applications.edit_application(
        env, dune.id, applications.ApplicationChanges(status=ApplicationStatus.CLOSED_NO_RESPONSE)
    )
    clock.set("2026-11-14T10:00:00+01:00")
    applications.add_application(env, applications.NewApplication(company="Elm", role="Analyst"))
    clock.set("2026-11-16T10:00:00+01:00")


def table_rows(soup: BeautifulSoup, chart_id: str) -> dict[str, list[str]]:
    svg: Any = soup.find("svg", attrs={"aria-labelledby": f"{chart_id}-title {chart_id}-desc"})
    assert svg is not None, chart_id
    figure = svg.find_parent("figure")
    rows = {}
    for row in figure.select("details table tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        rows[cells[0]] = cells[1:]
    return rows


@pytest.fixture
def searched(env: Env, clock) -> None:
    make_search(env, clock)


def test_the_headline_figures(client: WebClient, searched):
    soup = client.soup("/insights")
    assert text_of(soup, "h1") == "Insights"
    assert text_of(soup, 'nav a[aria-current="page"]') == "Insights"
    figures = [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".insight-figures li")]
    assert figures == ["6 applications", "2 active now", "2 interviews held", "1 offer", "60% response rate"]


def test_response_rates_leave_out_what_is_too_recent(client: WebClient, searched):
    soup = client.soup("/insights")
    assert table_rows(soup, "chart-response") == {
        "Heard back after applying": ["60%", "3 of 5 applications sent a week ago or more"],
        "Heard back after an interview": ["100%", "2 of 2 applications interviewed a week ago or more"],
    }
    assert "1 application from the last week" in text_of(soup, ".insight-note")


def test_median_days_to_an_answer_by_stage_and_by_channel(client: WebClient, searched):
    soup = client.soup("/insights")
    # After applying: 3, 7 and 10 days; after the interviews: 2 and 11; after the status check: 4.
    assert table_rows(soup, "chart-delay-stage") == {
        "After applying": ["7 days", "3"],
        "After an interview": ["6.5 days", "2"],
        "After a status check or call": ["4 days", "1"],
    }
    assert table_rows(soup, "chart-delay-channel") == {
        "Email": ["4 days", "1"],
        "Phone": ["–", "0"],
        "Letter": ["–", "0"],
    }
    desc = text_of(soup, "#chart-delay-stage-desc")
    assert "After applying: 7 days (from 3 applications)" in desc
    assert "After an interview: 6.5 days (from 2 interviews)" in desc
    assert "After a status check or call: 4 days (from 1 status check or call)" in desc


def test_the_funnel_counts_how_far_each_application_got(client: WebClient, searched):
    soup = client.soup("/insights")
    assert table_rows(soup, "chart-funnel") == {
        "Applied": ["6", "100%", "1 still open, 1 turned down, 1 withdrawn, 1 no answer"],
        "Got an interview": ["2", "33%", "1 still open"],
        "Got an offer": ["1", "17%", "1 offer"],
    }
    steps = soup.select("svg rect.funnel-step")
    widths = [float(str(step["width"])) for step in steps]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] == 100.0


def test_active_applications_and_follow_ups_week_by_week(client: WebClient, searched):
    soup = client.soup("/insights")
    active = table_rows(soup, "chart-active")
    # From the week the search began (31 Aug) to this one, not six empty months.
    assert next(iter(active)) == "31 Aug"
    assert len(active) == 12
    assert active["31 Aug"] == ["5"]  # all five sent on 1 Sep, none closed by Sunday
    assert active["7 Sep"] == ["3"]  # Acme (offer) and Birch (turned down) closed
    assert active["14 Sep"] == ["2"]  # Fir withdrawn
    assert active["12 Oct"] == ["1"]  # Dune closed without an answer
    assert active["16 Nov"] == ["2"]  # this week: Cedar and Elm
    followups = table_rows(soup, "chart-followups")
    assert followups["21 Sep"] == ["1"]
    assert sum(int(count) for (count,) in followups.values()) == 1
    assert len(soup.select("svg rect.chart-column")) == 1
    assert len(soup.select("svg circle.chart-dot")) == 12


def test_every_chart_is_an_image_with_a_title_a_description_and_a_table(client: WebClient, searched):
    soup = client.soup("/insights")
    charts: list[Any] = list(soup.select("figure.chart > svg"))
    assert len(charts) == 6
    for svg in charts:
        assert svg["role"] == "img"
        assert svg["width"] == "100%"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert svg.find("desc", id=desc_id).get_text(strip=True)
        assert not svg.find_all(attrs={"style": True})
        details = svg.find_parent("figure").find("details")
        assert details.summary.get_text(" ", strip=True).startswith("Show as table")
        assert details.find("table")


def test_an_empty_search_says_when_insights_will_appear(client: WebClient):
    soup = client.soup("/insights")
    assert text_of(soup, ".insight-start h2") == "Insights appear after your first replies"
    assert soup.select(".insight-start a.button")[0]["href"] == "/applications/new"
    assert not soup.select("figure.chart")


def test_with_applications_but_no_answers_yet_the_reply_figures_wait(client: WebClient, env: Env, clock):
    clock.set("2026-11-10T09:00:00+01:00")
    applications.add_application(env, applications.NewApplication(company="Acme", role="Data Analyst"))
    clock.set("2026-11-16T10:00:00+01:00")
    soup = client.soup("/insights")
    empties = [" ".join(p.get_text(" ", strip=True).split()) for p in soup.select(".insight-empty")]
    assert len(empties) == 2
    assert empties[0].startswith("Too early to tell: your application was sent in the last week.")
    assert empties[1].startswith("No answers yet.")
    assert table_rows(soup, "chart-funnel")["Applied"] == ["1", "100%", "1 still open"]


def figures_of(soup: BeautifulSoup) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in soup.select(".insight-figures li")]


def test_on_the_first_day_there_is_no_response_rate_to_show(client: WebClient, env: Env, clock):
    # Three applications added today, one with an interview already booked: no reply logged at all.
    clock.set("2026-11-16T09:00:00+01:00")
    acme = applications.add_application(env, applications.NewApplication(company="Acme", role="Data Analyst"))
    applications.add_application(env, applications.NewApplication(company="Birch", role="Analyst"))
    applications.add_application(env, applications.NewApplication(company="Cedar", role="Analyst"))
    applications.add_interview(env, acme.id, applications.NewInterview(starts_at=at("2026-11-19T10:00")))
    clock.set("2026-11-16T10:00:00+01:00")
    soup = client.soup("/insights")
    assert figures_of(soup)[-1] == "– response rate (too early)"
    answers = soup.select_one("section[aria-labelledby=answers-heading]")
    assert answers is not None
    assert "100%" not in text_of(soup, ".insight-figures") + answers.get_text()
    assert text_of(soup, ".insight-empty").startswith(
        "Too early to tell: your applications were all sent in the last week."
    )


def test_a_call_to_your_own_recruiter_is_not_an_answer(client: WebClient, env: Env, clock):
    clock.set("2026-10-01T09:00:00+02:00")
    rita = applications.add_contact(
        env, applications.NewContact(name="Rita Recruiter", role=ContactRole.RECRUITER, email="rita@agency.example")
    )
    app = applications.add_application(
        env,
        applications.NewApplication(company="Acme", role="Analyst", source=Source.RECRUITER, recruiter_id=rita.id),
    )
    applications.link_contact(env, app.id, rita.id)
    clock.set("2026-10-05T09:00:00+02:00")
    for kind in (TouchpointKind.RECRUITER_DEBRIEF, TouchpointKind.OTHER):
        applications.log_touchpoint(
            env,
            app.id,
            applications.NewTouchpoint(
                direction=Direction.SENT, channel=Channel.PHONE, kind=kind, outcome=Outcome.REACHED, contact_id=rita.id
            ),
        )
    clock.set("2026-11-16T10:00:00+01:00")
    soup = client.soup("/insights")
    assert figures_of(soup)[-1] == "0% response rate"
    assert table_rows(soup, "chart-response")["Heard back after applying"] == [
        "0%",
        "0 of 1 application sent a week ago or more",
    ]
    assert text_of(soup, "#speed-heading + .insight-empty").startswith("No answers yet.")


def test_heard_back_and_the_delays_count_the_same_applications(client: WebClient, env: Env, clock):
    # Three answered: by mail, by an interview recorded in advance, by one recorded only afterwards.
    clock.set("2026-10-01T09:00:00+02:00")
    apps = [
        applications.add_application(env, applications.NewApplication(company=name, role="Analyst"))
        for name in ("Acme", "Birch", "Cedar")
    ]
    clock.set("2026-10-03T09:00:00+02:00")
    applications.log_touchpoint(
        env, apps[0].id, applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL)
    )
    clock.set("2026-10-05T09:00:00+02:00")
    applications.add_interview(env, apps[1].id, applications.NewInterview(starts_at=at("2026-10-12T10:00")))
    clock.set("2026-10-20T09:00:00+02:00")
    applications.add_interview(env, apps[2].id, applications.NewInterview(starts_at=at("2026-10-15T10:00")))
    clock.set("2026-11-16T10:00:00+01:00")
    soup = client.soup("/insights")
    assert table_rows(soup, "chart-response")["Heard back after applying"] == [
        "100%",
        "3 of 3 applications sent a week ago or more",
    ]
    assert table_rows(soup, "chart-delay-stage")["After applying"] == ["4 days", "3"]
    assert "After applying: 4 days (from 3 applications)" in text_of(soup, "#chart-delay-stage-desc")


def test_the_page_follows_new_facts_from_the_command_line(client: WebClient, paths, clock, searched):
    from followup.app.context import bootstrap

    before = client.soup("/insights")
    assert table_rows(before, "chart-funnel")["Got an offer"][0] == "1"
    other = bootstrap(paths["db"], paths["config"], clock=clock)  # another process, like the CLI
    cedar = applications.resolve_application(other, "Cedar")
    applications.log_touchpoint(
        other,
        cedar.id,
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.PHONE, outcome=Outcome.OFFER),
    )
    other.close()
    after = client.soup("/insights")
    assert table_rows(after, "chart-funnel")["Got an offer"][0] == "2"


# -- in a real browser ------------------------------------------------------------------------------


def test_insights_in_a_browser(live, page, env: Env, clock):
    from playwright.sync_api import expect

    make_search(env, clock)
    page.goto(live.url + "/insights")
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    expect(page.get_by_role("img", name="How far applications get")).to_be_visible()
    table = page.locator("figure.chart-funnel details")
    table.locator("summary").click()
    expect(table.get_by_role("row", name="Got an offer")).to_be_visible()
    assert_accessible(page)
    shoot(page, "insights")


def test_empty_insights_in_a_browser(live, page):
    from playwright.sync_api import expect

    page.goto(live.url + "/insights")
    expect(page.get_by_role("heading", name="Insights appear after your first replies")).to_be_visible()
    assert_accessible(page)
    shoot(page, "insights-empty")


def test_an_imported_tracker_file_heard_back_where_it_says_so(client: WebClient, env: Env, clock):
    # The first hour: three applications added by hand today, then the Teal file imported. Its rows say
    # where each application stands (two offers, a rejection, an interview) but not when they answered.
    clock.set("2026-12-06T09:00:00+01:00")
    for company in ("Acme", "Birch", "Cedar"):
        applications.add_application(env, applications.NewApplication(company=company, role="Designer"))
    import_csv(env, (DATA / "teal_export.csv").read_bytes())
    clock.set("2026-12-06T10:00:00+01:00")
    soup = client.soup("/insights")
    # Seven imported applications (the two on the wishlist aside) are old enough to count, the three new ones wait.
    assert figures_of(soup)[-1] == "57% response rate"
    assert table_rows(soup, "chart-response")["Heard back after applying"] == [
        "57%",
        "4 of 7 applications sent a week ago or more",
    ]
    # Three got an interview, none on a day known: not "No interviews yet".
    assert table_rows(soup, "chart-response")["Heard back after an interview"] == [
        "–",
        "No interview with a known day yet",
    ]
    funnel = table_rows(soup, "chart-funnel")
    assert [funnel[step][0] for step in ("Applied", "Got an interview", "Got an offer")] == ["10", "3", "2"]
    # No answer has a day: "how fast" says why it shows nothing, instead of "No answers yet".
    speed = soup.select_one("section[aria-labelledby=speed-heading]")
    assert speed is not None
    assert " ".join(speed.get_text(" ", strip=True).split()).endswith(
        "No answer with a known day yet: 4 applications heard back (an offer, a rejection or an interview) "
        "on a day that was not recorded. Log the next reply on the application's page and it counts here."
    )


def test_insights_after_an_import_in_a_browser(live, page, env: Env, clock):
    from playwright.sync_api import expect

    clock.set("2026-12-06T09:00:00+01:00")
    import_csv(env, (DATA / "teal_export.csv").read_bytes())
    page.goto(live.url + "/insights")
    expect(page.locator(".insight-figures")).to_contain_text("57% response rate")
    expect(page.locator("section[aria-labelledby=speed-heading]")).to_contain_text("No answer with a known day yet")
    assert_accessible(page)
    shoot(page, "insights-imported")
