"""The Today page: what is due, why, and done / snooze / skip / undo, as plain forms and with htmx."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import expect
from starlette.testclient import TestClient

from followup import config
from followup.app import applications
from followup.app.agenda import AgendaItem, agenda, done_at, next_after, next_monday, snooze_until
from followup.app.context import Env, bootstrap
from followup.domain.labels import action_title, long_day
from followup.domain.model import (
    Channel,
    CompanyStyle,
    ContactRole,
    Direction,
    PreferredChannel,
    Source,
    TouchpointKind,
)
from followup.errors import InvalidInput
from followup.web.views.today import timing
from web.web_support import PHONE, WebClient, assert_accessible, shoot, sign_in, text_of

BERLIN = ZoneInfo("Europe/Berlin")
INTERVIEW = "2026-11-18T14:00:00+01:00"  # the conftest clock starts on Mon 16 Nov 2026, 10:00


# -- data, set up through the services as the other pages would ------------------------------


def with_profile(env: Env) -> None:
    for key, value in (
        ("profile.name", "Zoë O'Brien"),
        ("profile.email", "zoe@example.org"),
        ("profile.phone", "+49 170 1234567"),
        ("profile.postal_address", "Hauptstraße 1\n10115 Berlin"),
    ):
        config.set_value(env.config_path, key, value)
    env.reload_settings()


def interviewed(
    env: Env,
    company: str = "ACME Corp",
    role: str = "Data Analyst",
    *,
    person: str = "Ann Lee",
    email: str | None = "ann@acme.example",
    phone: str | None = None,
    prefers: PreferredChannel = PreferredChannel.EMAIL,
    style: CompanyStyle = CompanyStyle.MODERN,
    at: str = INTERVIEW,
) -> int:
    """An application with one interview; returns its id."""
    app = applications.add_application(
        env, applications.NewApplication(company=company, role=role, company_style=style)
    )
    contact = applications.add_contact(
        env,
        applications.NewContact(
            name=person, role=ContactRole.INTERVIEWER, email=email, phone=phone, preferred_channel=prefers
        ),
        application_id=app.id,
    )
    applications.add_interview(
        env, app.id, applications.NewInterview(starts_at=datetime.fromisoformat(at), participants=[contact.id])
    )
    return app.id


def find(env: Env, kind: str, app_id: int | None = None, days: int = 30) -> AgendaItem:
    return next(i for i in agenda(env, days=days) if i.kind == kind and (app_id is None or i.application_id == app_id))


def page_of(client: WebClient, url: str, status: int = 200) -> Any:
    """The page parsed (as Any: the tests chain lookups that fail loudly when something is missing)."""
    return client.soup(url, status=status)


def parse(html: str) -> Any:
    return BeautifulSoup(html, "html.parser")


def card(soup: Any, action_id: str) -> Any:
    return soup.select_one(f"#item-{action_id}")


def section_ids(soup: Any, key: str) -> list[str]:
    return [li["id"].removeprefix("item-") for li in soup.select(f"section#{key} li.today-item")]


# -- what the page shows --------------------------------------------------------------------


@pytest.mark.usefixtures("named")  # past the first-run screen (tests/web/test_web_first_run.py)
def test_a_new_user_learns_what_followup_does_and_how_to_start(client: WebClient) -> None:
    soup = page_of(client, "/")
    assert soup.h1 is not None
    assert soup.h1.get_text() == "Today"
    assert soup.title is not None
    assert soup.title.get_text() == "Today · followup"
    welcome = text_of(soup, ".welcome")
    assert "what to send, to whom and when" in welcome
    first = soup.find("a", string="Add your first application")
    assert first is not None
    assert first["href"] == "/applications/new"
    csv = soup.find("a", string=re.compile("Import from a spreadsheet"))
    assert csv is not None
    assert csv["href"] == "/applications/import"
    assert soup.select(".today-section") == []
    assert soup.select_one('nav a[aria-current="page"]').get_text() == "Today"


def test_sections_show_overdue_today_and_coming_up_each_with_its_reason(env: Env, clock, client: WebClient) -> None:
    acme = interviewed(env)
    later = interviewed(env, "Nordwind GmbH", "Product Manager", person="Lea Kraus", email="lea@nordwind.example",
                        at="2026-11-20T11:00:00+01:00")  # fmt: skip
    clock.set("2026-11-20T16:30:00+01:00")  # Friday: Acme's thank-you was due by Thursday 15:00
    soup = page_of(client, "/")

    overdue = find(env, "thank_you", acme)
    due = find(env, "thank_you", later)
    upcoming = find(env, "status_check", acme)
    assert overdue.id in section_ids(soup, "overdue")
    assert due.id in section_ids(soup, "today")
    assert upcoming.id in section_ids(soup, "upcoming")

    late = text_of(soup, f"#item-{overdue.id}")
    assert "1 day overdue" in late
    assert "Thank-you (email)" in late
    assert "Ann Lee" in late
    assert "Data Analyst at ACME Corp" in late
    assert overdue.reason in late
    assert "today" in text_of(soup, f"#item-{due.id} .badge")
    assert re.search(r"in \d+ days", text_of(soup, f"#item-{upcoming.id} .badge"))
    draft = card(soup, overdue.id).select_one("a.button.primary")
    assert draft["href"] == f"/drafts/{overdue.id}"
    assert draft.get_text() == "Write the email"
    # Which draft, for screen readers: the item's heading describes every button.
    assert soup.select_one(f"#{draft['aria-describedby']}").get_text() == "Thank-you (email) for Ann Lee"
    # Things with nothing to write lead where they can be done instead.
    capture = find(env, "capture_details", acme)
    assert card(soup, capture.id).find("a", string="Fill in")["href"] == f"/applications/{acme}"
    counts = text_of(soup, "#today-counts")
    assert "overdue" in counts
    assert "due today" in counts
    assert "coming up in the next 7 days" in counts


def test_overdue_is_said_in_words_not_only_in_colour(env: Env, clock, client: WebClient) -> None:
    interviewed(env)
    clock.set("2026-11-23T10:00:00+01:00")
    soup = page_of(client, "/")
    badge = soup.select_one("section#overdue .badge")
    assert badge is not None
    assert "overdue" in badge.get_text()
    assert text_of(soup, "#heading-overdue").startswith("Overdue")


def test_each_section_shows_25_and_the_rest_behind_show_all(env: Env, clock, client: WebClient) -> None:
    for n in range(14):
        interviewed(env, f"Company {n:02}", "Analyst", person=f"Person {n}", email=f"p{n}@example.org")
    clock.set("2026-11-23T10:00:00+01:00")  # every thank-you and details note is late: 28 overdue
    soup = page_of(client, "/")
    assert len(section_ids(soup, "overdue")) == 25
    more = soup.select_one("section#overdue .show-all a")
    assert more is not None
    assert "Show all 28" in more.get_text()
    assert "3 more" in more.get_text()
    assert more["href"] == "/?all=overdue#overdue"
    assert text_of(soup, "#count-overdue") == "28"

    everything = page_of(client, "/?all=overdue")
    assert len(section_ids(everything, "overdue")) == 28
    assert everything.select_one("section#overdue .show-all") is None


def test_the_keep_searching_nudge_stands_apart(env: Env, clock, client: WebClient) -> None:
    interviewed(env)
    soup = page_of(client, "/")
    nudge = find(env, "keep_searching")
    box = soup.select_one(".nudge")
    assert box is not None
    assert "Keep your search going" in box.get_text()
    assert nudge.reason in box.get_text()
    assert box.find("a", string="Add an application")["href"] == "/applications/new"
    assert all(nudge.id not in section_ids(soup, key) for key in ("overdue", "today", "upcoming"))


def test_on_day_one_the_keep_searching_nudge_waits_until_it_is_due(env: Env, clock, client: WebClient, run) -> None:
    for company in ("Acme", "Globex", "Initech"):
        applications.add_application(env, applications.NewApplication(company=company, role="Analyst"))
    # Three applications added today: the nudge not to stop applying is a week away, as the agenda says.
    [nudge] = [i for i in run.json("agenda", "--days", "7", now=clock.now.isoformat()) if i["kind"] == "keep_searching"]
    assert nudge["status"] == "upcoming"
    soup = page_of(client, "/")
    assert "You have not added an application in 7 days" not in soup.get_text()
    assert soup.select_one(".nudge") is None

    clock.advance(days=7, hours=1)  # a week without adding one: now it is true, and due
    soup = page_of(client, "/")
    assert "You have not added an application in 7 days" in text_of(soup, ".nudge")


def test_a_due_nudge_comes_after_what_is_overdue_or_due_today(env: Env, clock, client: WebClient) -> None:
    interviewed(env)  # one application of the three wanted: the nudge is due at once
    clock.set("2026-11-20T10:00:00+01:00")  # the thank-you is overdue, the status check coming up
    soup = page_of(client, "/")
    order = [node.get("id") or "nudge" for node in soup.select("section.today-section, section.nudge")]
    assert order == ["overdue", "nudge", "upcoming"]


def test_when_all_is_done_it_says_so_and_what_comes_next(env: Env, clock, client: WebClient) -> None:
    interviewed(env, at="2026-12-10T10:00:00+01:00")  # preparing starts 8 Dec, beyond the next 7 days
    for n in range(2):
        applications.add_application(
            env, applications.NewApplication(company=f"Other {n}", role="Analyst")
        )  # enough applications: no nudge
    soup = page_of(client, "/")
    caught_up = text_of(soup, ".caught-up")
    assert "all caught up" in caught_up.lower()
    # What comes first beyond the next 7 days, whichever of the plan's rules it comes from.
    later = next_after(env, 360)
    assert later is not None
    assert later.due > env.now() + timedelta(days=7)
    assert f"Next on your list: {action_title(later.kind, later.channel)}" in caught_up
    assert long_day(later.due) in caught_up
    assert soup.select(".today-section") == []


def test_on_day_one_caught_up_says_only_what_is_true(env: Env, clock, client: WebClient) -> None:
    acme, *_ = [
        applications.add_application(env, applications.NewApplication(company=company, role="Analyst"))
        for company in ("Acme", "Globex", "Initech")
    ]
    soup = page_of(client, "/")
    caught_up = " ".join(text_of(soup, ".caught-up").split())
    # Nothing was sent yet: not "Every follow-up is sent: now the waiting is on their side".
    assert "Nothing needs you in the next 7 days." in caught_up
    assert "Every follow-up is sent" not in caught_up
    assert "waiting is on their side" not in caught_up
    later = next_after(env, 360)
    assert later is not None
    assert f"Next on your list: {action_title(later.kind, later.channel)}" in caught_up

    # Once a follow-up went out and nothing else is due, the waiting is on their side.
    applications.log_touchpoint(
        env,
        acme.id,
        applications.NewTouchpoint(direction=Direction.SENT, channel=Channel.EMAIL, kind=TouchpointKind.STATUS_CHECK),
    )
    soup = page_of(client, "/")
    caught_up = " ".join(text_of(soup, ".caught-up").split())
    assert "Nothing needs you in the next 7 days. Every follow-up is sent: now the waiting is on their side." in (
        caught_up
    )


def test_with_only_things_coming_up_and_nothing_sent_there_is_no_well_done(env: Env, clock, client: WebClient) -> None:
    for company in ("Acme", "Globex", "Initech"):
        applications.add_application(env, applications.NewApplication(company=company, role="Analyst"))
    soup = page_of(client, "/?days=30")
    assert soup.select(".today-section")  # the first follow-ups, in the next 30 days
    caught_up = " ".join(text_of(soup, ".caught-up").split())
    assert "Nothing is overdue or due today: what comes next is below." in caught_up
    assert "Well done" not in caught_up


def test_a_company_called_script_is_shown_as_text(env: Env, client: WebClient) -> None:
    interviewed(env, "<script>alert(1)</script>", "<b>Boss</b>")
    response = client.get("/")
    assert "<script>alert(1)</script>" not in response.text
    soup = parse(response.text)
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")]
    assert "<b>Boss</b> at <script>alert(1)</script>" in soup.get_text()


def test_days_ahead_can_be_chosen_and_bad_values_are_explained(env: Env, client: WebClient) -> None:
    app = interviewed(env)
    status_check = find(env, "status_check", app)  # due Fri 27 Nov: 11 days ahead
    assert status_check.id not in section_ids(page_of(client, "/"), "upcoming")
    assert status_check.id in section_ids(page_of(client, "/?days=14"), "upcoming")
    soup = page_of(client, "/?days=400", status=422)
    assert "0 and 60" in soup.get_text()


# -- each browser its own token, and fresh after every write ---------------------------------


def test_each_browser_gets_its_own_token_and_a_write_elsewhere_shows_at_once(env: Env, client: WebClient) -> None:
    interviewed(env)
    first = client.get("/")
    other = TestClient(client.app, base_url="http://127.0.0.1:8765")  # a second browser, same server
    sign_in(client.app, other)
    second = other.get("/")
    # Each browser with its own CSRF token in its page, and not another's.
    token_a = re.search(r'name="csrf_token" value="([^"]+)"', first.text)
    token_b = re.search(r'name="csrf_token" value="([^"]+)"', second.text)
    assert token_a
    assert token_b
    assert token_a.group(1) != token_b.group(1)
    assert token_a.group(1) not in second.text
    assert "\x00" not in second.text
    assert "Only 1 application is active" in first.text
    # A write from elsewhere (the CLI, with its own connection) shows at once.
    cli = bootstrap(env.db_path, env.config_path, clock=env.clock)
    try:
        applications.add_application(cli, applications.NewApplication(company="Brand New Ltd", role="Tester"))
    finally:
        cli.close()
    assert "Only 2 applications are active" in client.get("/").text


# -- done, snooze, skip, undo ----------------------------------------------------------------


def test_done_without_javascript_goes_back_with_a_message_and_an_undo(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    response = client.post(f"/actions/{thank_you.id}/done", {"on": "2026-11-18"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/?undo={thank_you.id}"

    soup = page_of(client, response.headers["location"])
    assert "Marked done: Thank-you (email) for Ann Lee." in text_of(soup, "#messages")
    assert card(soup, thank_you.id) is None
    undo = soup.select_one("form.undo-bar")
    assert undo is not None
    assert undo["action"] == f"/actions/{thank_you.id}/undo"
    # Done writes the thank-you into the application's history.
    history = applications.show(env, app).state.touchpoints
    assert [t.kind.value for t in history] == ["thank_you"]

    back = client.post(f"/actions/{thank_you.id}/undo")
    assert back.status_code == 303
    soup = page_of(client, back.headers["location"])
    assert "Back on your list" in text_of(soup, "#messages")
    assert card(soup, thank_you.id) is not None
    assert applications.show(env, app).state.touchpoints == ()


def test_done_on_an_earlier_day_is_recorded_on_that_day(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-20T10:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    client.post(f"/actions/{thank_you.id}/done", {"on": "2026-11-18"})
    [sent] = applications.show(env, app).state.touchpoints
    assert sent.occurred_at.astimezone(BERLIN).date() == date(2026, 11, 18)
    assert sent.occurred_at >= datetime.fromisoformat("2026-11-18T15:00:00+01:00")  # not before the interview ended


def test_a_done_date_in_the_future_is_refused_and_nothing_changes(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    response = client.post(f"/actions/{thank_you.id}/done", {"on": "2026-12-01"})
    assert response.status_code == 303
    soup = page_of(client, response.headers["location"])
    message = text_of(soup, "#messages")
    assert "Done on: Tue 1 Dec is in the future" in message
    assert soup.select_one("#messages .flash-error") is not None
    assert card(soup, thank_you.id) is not None
    assert applications.show(env, app).state.touchpoints == ()


def test_done_with_htmx_swaps_just_the_item_and_undo_brings_it_back(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    response = client.htmx("POST", f"/actions/{thank_you.id}/done", {"on": "2026-11-18"})
    assert response.status_code == 200
    assert "<html" not in response.text
    soup = parse(response.text)
    gone = soup.select_one(f"li#item-{thank_you.id}.today-gone")
    assert gone is not None
    assert "Marked done: Thank-you (email) for Ann Lee." in gone.get_text()
    undo = gone.find("form")
    assert undo["hx-post"] == f"/actions/{thank_you.id}/undo"
    assert undo.find("button", string="Undo") is not None
    # The counts at the top follow (out of band), and screen readers hear what happened.
    assert soup.select_one('#today-counts[hx-swap-oob="true"]') is not None
    assert "Marked done" in soup.select_one("#today-announce").get_text()

    restored = client.htmx("POST", f"/actions/{thank_you.id}/undo")
    soup = parse(restored.text)
    item = soup.select_one(f"li#item-{thank_you.id}.today-item")
    assert item is not None
    assert "Thank-you (email)" in item.get_text()
    assert thank_you.id in [i.id for i in agenda(env)]


def test_snooze_presets_put_the_action_off_until_that_morning(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")  # a Wednesday
    thank_you = find(env, "thank_you", app)
    more = card(page_of(client, "/"), thank_you.id).select_one("details.decide-more")
    assert more["hx-get"] == f"/actions/{thank_you.id}/more"  # the choices load when it opens
    panel = parse(client.htmx("GET", more["hx-get"]).text)
    presets = [b.get_text() for b in panel.select(".presets button")]
    assert presets == ["Tomorrow (Thu 19 Nov)", "Next Monday (Mon 23 Nov)", "In a week (Wed 25 Nov)"]
    assert all(form["hx-target"] == f"#item-{thank_you.id}" for form in panel.select("form"))
    # Without JavaScript, "More" holds a link to each choice's own page.
    assert more.find("a", string="Snooze")["href"] == f"/actions/{thank_you.id}/snooze"

    response = client.htmx("POST", f"/actions/{thank_you.id}/snooze", {"until": "monday"})
    assert "Snoozed until Mon 23 Nov 2026" in response.text
    assert thank_you.id not in [i.id for i in agenda(env, days=4)]
    clock.set("2026-11-23T09:00:00+01:00")
    assert thank_you.id in [i.id for i in agenda(env, days=0)]


def test_snooze_to_a_chosen_day_and_a_past_day_is_explained(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    refused = client.htmx("POST", f"/actions/{thank_you.id}/snooze", {"until": "date", "day": "2026-11-17"})
    assert refused.status_code == 422
    assert refused.headers["HX-Retarget"] == "#messages"
    assert "is not after today" in refused.text
    assert thank_you.id in [i.id for i in agenda(env, days=0)]

    response = client.post(f"/actions/{thank_you.id}/snooze", {"until": "date", "day": "2026-11-21"})
    assert response.status_code == 303
    assert "Snoozed until Sat 21 Nov 2026" in text_of(page_of(client, response.headers["location"]), "#messages")


def test_skip_asks_first_and_can_be_undone(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env)
    clock.set("2026-11-18T16:00:00+01:00")
    thank_you = find(env, "thank_you", app)
    more = card(page_of(client, "/"), thank_you.id).select_one("details.decide-more")
    assert more.summary.get_text(" ", strip=True).startswith("More")
    skip = more.find("a", string="Skip")
    # Without JavaScript the question is a page of its own; with htmx it opens in the card.
    question = page_of(client, skip["href"])
    assert question.h1.get_text() == "Skip: Thank-you (email) for Ann Lee"
    assert "Skip it?" in question.form.get_text()
    assert question.form["action"] == f"/actions/{thank_you.id}/skip"
    assert question.form.find("button", string="Yes, skip it") is not None
    assert parse(client.htmx("GET", more["hx-get"]).text).find("button", string="Yes, skip it") is not None

    response = client.htmx("POST", f"/actions/{thank_you.id}/skip")
    assert "Skipped: Thank-you (email) for Ann Lee." in response.text
    assert thank_you.id not in [i.id for i in agenda(env)]
    client.htmx("POST", f"/actions/{thank_you.id}/undo")
    assert thank_you.id in [i.id for i in agenda(env)]


def test_a_call_can_be_marked_done_with_how_it_went(env: Env, clock, client: WebClient) -> None:
    app = interviewed(env, phone="+49 30 1234", prefers=PreferredChannel.PHONE)
    clock.set("2026-11-27T10:00:00+01:00")
    call = find(env, "status_check", app)
    assert call.channel == "phone"
    call_card = card(page_of(client, "/"), call.id)
    assert call_card.select_one("a.button.primary").get_text() == "Open the call script"
    more = call_card.select_one("details.decide-more")
    assert more.find("a", string="How the call went")["href"] == f"/actions/{call.id}/done"
    options = parse(client.htmx("GET", more["hx-get"]).text).select(f"#outcome-{call.id} option")
    assert [o["value"] for o in options][1:] == ["reached", "voicemail", "no_answer", "evasive"]
    client.post(f"/actions/{call.id}/done", {"outcome": "voicemail"})
    [*_, logged] = applications.show(env, app).state.touchpoints
    assert logged.channel.value == "voicemail"


def test_deciding_about_an_unknown_action_says_so(env: Env, client: WebClient) -> None:
    interviewed(env)
    response = client.post("/actions/zzzzzzzz/done")
    # Not found, as any address of nothing (in a hosted installation, of someone else's follow-up too).
    assert response.status_code == 404
    assert "no pending action" in response.text.lower()


def test_every_form_carries_the_csrf_token(env: Env, clock, client: WebClient) -> None:
    interviewed(env)
    soup = page_of(client, "/")
    forms = soup.select('form[method="post"]')
    for panel in soup.select("details.decide"):
        for link in panel.select(".more-body a"):
            forms += page_of(client, link["href"]).select('main form[method="post"]')
        forms += parse(client.htmx("GET", panel["hx-get"]).text).select('form[method="post"]')
    assert len(forms) > 20
    token = client.token()
    assert all(f.select_one('input[name="csrf_token"]')["value"] == token for f in forms)


# -- pure helpers ------------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(BERLIN)).map(
    lambda m: m.astimezone(BERLIN)
)


@given(moments, st.sampled_from(["tomorrow", "monday", "week"]))
def test_a_snooze_always_ends_on_a_later_day_at_nine(now: datetime, choice: str) -> None:
    until = snooze_until(choice, None, now)
    assert until > now
    assert until.date() > now.date()
    assert (until.hour, until.minute) == (9, 0)
    if choice == "monday":
        assert until.weekday() == 0
        assert (until.date() - now.date()).days <= 7


@given(moments, st.integers(min_value=-400, max_value=0))
def test_a_snooze_to_today_or_before_is_refused(now: datetime, offset: int) -> None:
    with pytest.raises(InvalidInput):
        snooze_until("date", now.date() + timedelta(days=offset), now)


@given(moments, st.integers(min_value=-30, max_value=0), st.integers(min_value=-72, max_value=72))
def test_done_is_never_in_the_future(now: datetime, days: int, due_hours: int) -> None:
    day = now.date() + timedelta(days=days)
    due = now + timedelta(hours=due_hours)
    at = done_at(day, now, due)
    assert at <= now
    assert at.date() == day or at == now


@given(moments, st.integers(min_value=-20, max_value=20), st.integers(min_value=0, max_value=96))
def test_timing_words_match_the_status(now: datetime, due_days: int, window: int) -> None:
    due = now + timedelta(days=due_days, hours=1)
    deadline = due + timedelta(hours=window)
    status = "overdue" if now > deadline else "due" if due <= now else "upcoming"
    words = timing(status, due, deadline, now)
    assert ("overdue" in words.label) == (status == "overdue")
    if status == "upcoming" and due.date() > now.date():
        assert words.label == "tomorrow" or words.label.startswith("in ")


def test_next_monday_is_always_ahead() -> None:
    for offset in range(14):
        day = date(2026, 11, 16) + timedelta(days=offset)
        monday = next_monday(day)
        assert monday.weekday() == 0
        assert 1 <= (monday - day).days <= 7


# -- in a real browser -------------------------------------------------------------------------


def test_marking_done_in_the_browser_swaps_the_item_and_undo_restores_it(env: Env, live, page) -> None:
    app = interviewed(env, "<script>alert(1)</script>")
    interviewed(env, "Nordwind GmbH", "Product Manager", person="Lea Kraus", email="lea@nordwind.example",
                phone="+49 30 5550", prefers=PreferredChannel.PHONE, style=CompanyStyle.TRADITIONAL)  # fmt: skip
    live.clock.set("2026-11-19T16:30:00+01:00")
    thank_you = find(env, "thank_you", app)
    page.goto(live.url + "/")
    assert_accessible(page)
    shoot(page, "today")

    item = page.locator(f"#item-{thank_you.id}")
    item.get_by_role("button", name=re.compile("^Mark done")).click()
    expect(item).to_contain_text("Marked done: Thank-you (email) for Ann Lee.")
    expect(item.get_by_role("button", name="Undo")).to_be_focused()
    expect(page.locator("#today-announce")).to_contain_text("Marked done")
    assert page.url == live.url + "/"  # no page load: just the item

    item.get_by_role("button", name="Undo").click()
    expect(item.get_by_role("heading", name="Thank-you (email)")).to_be_visible()
    assert thank_you.id in [i.id for i in agenda(env)]

    # Snoozing: the choices load into the card when "More" opens, and the answer swaps in place.
    item.locator("summary", has_text="More").click()
    item.get_by_role("button", name=re.compile("^Tomorrow")).click()
    expect(item).to_contain_text("Snoozed until Fri 20 Nov 2026")
    assert page.url == live.url + "/"


@pytest.mark.usefixtures("named")  # past the first-run screen (tests/web/test_web_first_run.py)
def test_the_welcome_page_is_accessible(live, page) -> None:
    page.goto(live.url + "/")
    expect(page.get_by_role("link", name="Add your first application")).to_be_visible()
    assert_accessible(page)
    shoot(page, "today-empty")


def test_thirteen_items_fit_a_phone_in_compact_cards(env: Env, live, page) -> None:
    for n in range(4):
        interviewed(env, f"Company {n}", "Analyst", person=f"Person {n}", email=f"p{n}@example.org",
                    at=f"2026-11-1{3 + n % 3}T14:00:00+01:00")  # fmt: skip
    config.set_value(env.config_path, "active_applications_wanted", "5")  # 4 active: the nudge is due
    env.reload_settings()
    assert len(agenda(env, days=7)) == 13
    page.set_viewport_size(PHONE)
    page.goto(live.url + "/")
    cards = page.locator("li.today-item, .nudge-card")
    expect(cards).to_have_count(13)
    for index in range(13):
        each = cards.nth(index)
        # One main button; the rest is a quiet row (Done, More), and the reason is one line.
        assert each.locator(".button.primary").count() == 1
        assert each.locator(".item-actions > *").count() == 3
        reason = each.locator(".item-reason").bounding_box()
        assert reason is not None
        assert reason["height"] < 30
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3400, f"Today is {height}px tall on a phone for 13 items"
    # "More" opens the rest in the card: snooze, skip, done on another day.
    first = cards.first
    first.locator("summary", has_text="More").click()
    expect(first.get_by_role("button", name=re.compile("^Tomorrow"))).to_be_visible()
    expect(first.get_by_role("button", name="Yes, skip it")).to_be_visible()
    assert_accessible(page)
    shoot(page, "today-phone-13")


def test_each_button_names_what_it_opens_a_letter_an_email_or_a_call_script(env: Env, clock, client: WebClient) -> None:
    letter_app = interviewed(env, "Müller GmbH", person="Jürgen Weiß", style=CompanyStyle.TRADITIONAL)
    email_app = interviewed(env, "Café", person="Zoë Núñez")
    clock.set("2026-11-18T17:00:00+01:00")
    letter, email = find(env, "thank_you", letter_app), find(env, "thank_you", email_app)
    assert (letter.channel, email.channel) == ("letter", "email")
    today = page_of(client, "/")
    assert card(today, letter.id).select_one("a.button.primary").get_text() == "Write the letter"
    assert card(today, email.id).select_one("a.button.primary").get_text() == "Write the email"
    assert "Write it" not in today.get_text()
    application = page_of(client, f"/applications/{letter_app}")
    assert "Write the letter" in application.select_one("#next").get_text(" ", strip=True)
    assert "Open the draft" not in application.get_text()


def test_the_recruiter_call_says_whom_it_is_with_not_to(env: Env, clock, client: WebClient) -> None:
    recruiter = applications.add_contact(
        env, applications.NewContact(name="Jürgen Weiß", role=ContactRole.RECRUITER, phone="+49 30 1234")
    )
    app = applications.add_application(
        env,
        applications.NewApplication(
            company="ACME Corp", role="Data Analyst", source=Source.RECRUITER, recruiter_id=recruiter.id
        ),
    )
    ann = applications.add_contact(
        env, applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER), application_id=app.id
    )
    applications.add_interview(
        env, app.id, applications.NewInterview(starts_at=datetime.fromisoformat(INTERVIEW), participants=[ann.id])
    )
    clock.set("2026-11-18T16:00:00+01:00")
    debrief = find(env, "recruiter_debrief", app.id)
    assert debrief.contact == "Jürgen Weiß"
    nexts = page_of(client, f"/applications/{app.id}").select_one("#next").get_text(" ", strip=True)
    assert "Call the recruiter (Jürgen Weiß)" in nexts
    assert "to Jürgen" not in nexts
    assert "Open the call script" in nexts
