"""One application's page: what comes next and why, the timeline, people, interview facts, and editing in place."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from followup.app import applications, progress
from followup.app.context import Env
from followup.app.transfer import import_csv
from followup.domain.model import (
    Application,
    ApplicationStatus,
    Channel,
    ContactRole,
    Direction,
    Outcome,
    PreferredChannel,
    Source,
    TouchpointKind,
)
from followup.store import mail as mail_store
from followup.store import records
from followup.store.db import transaction
from web.web_support import WebClient, assert_accessible, shoot, text_of

EVIL = "<script>alert(1)</script>"


def seed(env: Env) -> dict[str, Any]:
    """An application through a recruiter, interviewed three days ago, with a sent status check and a reply."""
    now = env.now()
    rita = applications.add_contact(
        env, applications.NewContact(name="Rita Recruit", role=ContactRole.RECRUITER, email="rita@agency.example")
    )
    app = applications.add_application(
        env,
        applications.NewApplication(
            company="Initech",
            role="Product Analyst",
            source=Source.RECRUITER,
            recruiter_id=rita.id,
            job_url="https://jobs.example/1",
        ),
    )
    ann = applications.add_contact(
        env,
        applications.NewContact(
            name="Ann Lee",
            role=ContactRole.HIRING_MANAGER,
            title="Head of Product",
            email="ann@initech.example",
            phone="+49 30 1234 567",
            preferred_channel=PreferredChannel.EMAIL,
        ),
        application_id=app.id,
    )
    interview = applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=now - timedelta(days=3),
            participants=[ann.id],
            next_steps="A case study next",
            timeline_text="by the end of next week",
            decision_date=date(2026, 11, 27),
            main_points="Dashboards and stakeholder work",
            forgot_to_mention="SQL window functions",
            to_clarify="Remote days",
        ),
    )
    sam = applications.add_contact(
        env, applications.NewContact(name="Sam Senior", role=ContactRole.REFERENCE, email="sam@old.example")
    )
    applications.add_reference(env, app.id, sam.id, interview.id)
    sent = applications.log_touchpoint(
        env,
        app.id,
        applications.NewTouchpoint(
            direction=Direction.SENT,
            channel=Channel.EMAIL,
            kind=TouchpointKind.THANK_YOU,
            contact_id=ann.id,
            subject="Thank you",
            message_id="<thanks@me.example>",
            occurred_at=now - timedelta(days=2),
        ),
    ).touchpoint
    reply = applications.log_touchpoint(
        env,
        app.id,
        applications.NewTouchpoint(
            direction=Direction.RECEIVED,
            channel=Channel.EMAIL,
            contact_id=ann.id,
            outcome=Outcome.STILL_DECIDING,
            subject="Re: Thank you",
            message_id="<reply@initech.example>",
            occurred_at=now - timedelta(hours=5),
            notes="They will decide next week",
        ),
    ).touchpoint
    return {"app": app, "ann": ann, "rita": rita, "sam": sam, "interview": interview, "sent": sent, "reply": reply}


def add_mail(env: Env, app: Application, touchpoint_id: int) -> int:
    with transaction(env.conn):
        return mail_store.add_mail_message(
            env.store,
            env.now(),
            message_id="<reply@initech.example>",
            in_reply_to="<thanks@me.example>",
            subject="Re: Thank you",
            direction="received",
            application_id=app.id,
            touchpoint_id=touchpoint_id,
        )


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def followed(client: WebClient, response: Any) -> BeautifulSoup:
    assert response.status_code == 303, response.text[:2000]
    return client.soup(response.headers["location"].split("#")[0])


# -- what the page shows --------------------------------------------------------------------


def test_the_header_names_the_job_its_stage_and_its_status(client: WebClient, env: Env) -> None:
    data = seed(env)
    soup = client.soup(f"/applications/{data['app'].id}")
    assert len(soup.select("h1")) == 1
    assert text_of(soup, "h1") == "Product Analyst at Initech"
    assert soup.title is not None
    assert soup.title.get_text().startswith("Product Analyst at Initech")
    stage = text_of(soup, "#app-stage p")
    assert stage.startswith("Waiting")
    assert "Interviewed on Fri 13 Nov; waiting for their answer." in stage
    assert "Through a recruiter: Rita Recruit" in text_of(soup, ".app-facts")
    assert soup.select_one('.app-facts a[href="https://jobs.example/1"]') is not None
    applications.edit_application(
        env, data["app"].id, applications.ApplicationChanges(status=ApplicationStatus.REJECTED)
    )
    soup = client.soup(f"/applications/{data['app'].id}")
    assert text_of(soup, "#app-stage p").startswith("Closed They turned me down")


def test_a_closed_application_says_so_once_and_its_timeline_has_the_closing(
    client: WebClient, env: Env, clock: Any
) -> None:
    app = applications.add_application(env, applications.NewApplication(company="Acme", role="Analyst"))
    clock.set("2026-12-05T11:30:00+01:00")
    moved = client.post(f"/applications/{app.id}/move", {"to": "closed", "reason": "closed_no_response"})
    client.get(moved.headers["location"])  # where its message is shown
    clock.set("2026-12-06T09:00:00+01:00")
    soup = client.soup(f"/applications/{app.id}")
    main = soup.select_one("main")
    assert main is not None
    page = main.get_text(" ", strip=True)
    # Its status once, plainly: the stage, how it ended and when; not again as a label or in "What comes next".
    assert text_of(soup, "#app-stage p") == "Closed They never answered · Sat 5 Dec 2026"
    assert "without response" not in page.lower()
    assert page.count("They never answered") + page.count("they never answered") == 2  # the header, the timeline
    assert "this application is" not in text_of(soup, "#next")
    closing = soup.select_one("#timeline li#closed")
    assert closing is not None
    assert text_of(soup, "#timeline li#closed .event-title") == "Closed: they never answered"
    assert "Sat 5 Dec 2026, 11:30" in text_of(soup, "#timeline li#closed .event-when")


def test_the_timeline_starts_with_the_day_applied(client: WebClient, env: Env, clock: Any) -> None:
    # Added today, applied on a known day, nothing else yet: not "Nothing yet" on an empty timeline.
    app = applications.add_application(
        env, applications.NewApplication(company="Acme", role="Analyst", applied_on=date(2026, 11, 10))
    )
    soup = client.soup(f"/applications/{app.id}")
    assert "Nothing yet" not in text_of(soup, "#timeline")
    events = soup.select(".timeline > li")
    assert [e["id"] for e in events] == ["applied"]
    assert text_of(soup, "#timeline li#applied .event-title") == "Applied"
    # A day, with no time of day made up.
    assert text_of(soup, "#timeline li#applied .event-when") == "Tue 10 Nov 2026 · 6 days ago"
    # What happens later comes above it, newest first.
    applications.log_touchpoint(
        env,
        app.id,
        applications.NewTouchpoint(direction=Direction.SENT, channel=Channel.EMAIL, kind=TouchpointKind.STATUS_CHECK),
    )
    soup = client.soup(f"/applications/{app.id}")
    assert [e["id"] for e in soup.select(".timeline > li")][-1] == "applied"


def test_a_wishlist_entry_starts_its_timeline_when_it_was_saved(client: WebClient, env: Env) -> None:
    app = applications.add_application(
        env, applications.NewApplication(company="Acme", role="Analyst", status=ApplicationStatus.WISHLIST)
    )
    soup = client.soup(f"/applications/{app.id}")
    assert [e["id"] for e in soup.select(".timeline > li")] == ["saved"]
    assert text_of(soup, "#timeline li#saved .event-title") == "Saved to your wishlist"
    assert text_of(soup, "#timeline li#saved .event-when") == "Mon 16 Nov 2026, 10:00 · today"


def test_an_imported_closed_application_shows_its_closing_without_a_day(client: WebClient, env: Env) -> None:
    # The tracker's row says "Not Selected", not when: the closing still ends the story, with no day made up.
    import_csv(env, (Path(__file__).parent.parent / "data" / "teal_export.csv").read_bytes())
    [nimbus] = [card.application for card in progress.cards(env) if card.application.company == "Nimbus Cloud"]
    assert nimbus.closed_at is None
    soup = client.soup(f"/applications/{nimbus.id}")
    assert [e["id"] for e in soup.select(".timeline > li")] == ["closed", "applied"]
    assert text_of(soup, "#timeline li#closed .event-title") == "Closed: they turned me down"
    assert text_of(soup, "#timeline li#closed .event-when") == "Day not recorded"
    assert text_of(soup, "#timeline li#applied .event-when").startswith("Tue 18 Aug 2026")


def test_an_imported_closed_application_in_a_browser(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    import_csv(env, (Path(__file__).parent.parent / "data" / "teal_export.csv").read_bytes())
    [nimbus] = [card.application for card in progress.cards(env) if card.application.company == "Nimbus Cloud"]
    page.goto(f"{live.url}/applications/{nimbus.id}")
    timeline = page.locator("#timeline")
    expect(timeline.locator("li").first).to_contain_text("Closed: they turned me down")
    expect(timeline.locator("li").last).to_contain_text("Applied")
    assert_accessible(page)
    shoot(page, "application-imported-closed")


def test_buttons_lead_to_adding_an_interview_and_to_after_the_interview(client: WebClient, env: Env) -> None:
    data = seed(env)
    soup = client.soup(f"/applications/{data['app'].id}")
    actions = {a.get_text(strip=True): a["href"] for a in soup.select(".app-actions a")}
    assert actions["Add interview"] == f"/applications/{data['app'].id}/interviews/new"
    assert actions["After the interview"] == f"/interviews/{data['interview'].id}/capture"


def actions_of(soup: BeautifulSoup) -> tuple[str, list[str]]:
    """The header's main button and every button or link beside it, as the user reads them."""
    primary = soup.select(".app-actions .primary")
    assert len(primary) <= 1
    every = [node.get_text(" ", strip=True) for node in soup.select(".app-actions :is(a, button)")]
    return (primary[0].get_text(" ", strip=True) if primary else ""), every


def test_a_closed_application_offers_reopen_not_an_interview_as_its_main_action(client: WebClient, env: Env) -> None:
    data = seed(env)  # interviewed three days ago: reopened, it waits for their answer again
    app_id = data["app"].id
    plain = applications.add_application(env, applications.NewApplication(company="Acme", role="Analyst"))
    expected_next = {
        ApplicationStatus.REJECTED: "Nothing left to follow up. If it opens again, reopen it.",
        ApplicationStatus.WITHDRAWN: "Nothing left to follow up. If it opens again, reopen it.",
        ApplicationStatus.CLOSED_NO_RESPONSE: (
            "Nothing left to follow up. If they write after all, reopen it and log their answer."
        ),
    }
    for status, words in expected_next.items():
        applications.edit_application(env, plain.id, applications.ApplicationChanges(status=status))
        soup = client.soup(f"/applications/{plain.id}")
        main, every = actions_of(soup)
        assert main == "Reopen", status
        assert "Add interview" in every  # still there, not as the main button
        assert "I called them" not in every
        assert text_of(soup, "#next p") == words
    # Reopening puts it where its facts say: Applied without an interview, Waiting after one.
    soup = followed(
        client, client.post(f"/applications/{plain.id}/move", {"to": "applied", "next": f"/applications/{plain.id}"})
    )
    assert "Acme is reopened: back in Applied." in text_of(soup, "#messages")
    assert records.get_application(env.store, plain.id).status is ApplicationStatus.ACTIVE
    assert actions_of(soup)[0] == "Add interview"
    applications.edit_application(env, app_id, applications.ApplicationChanges(status=ApplicationStatus.REJECTED))
    soup = client.soup(f"/applications/{app_id}")
    reopen = soup.select_one(".app-actions form:has(.primary)")
    assert reopen is not None
    fields = {str(node["name"]): str(node.get("value", "")) for node in reopen.select("input")}
    soup = followed(client, client.post(str(reopen["action"]), {k: v for k, v in fields.items() if k != "csrf_token"}))
    assert "Initech is reopened: back in Waiting." in text_of(soup, "#messages")
    assert text_of(soup, "#app-stage p").startswith("Waiting")


def test_right_after_an_interview_with_details_missing_the_main_action_is_to_note_them(
    client: WebClient, env: Env
) -> None:
    app = applications.add_application(env, applications.NewApplication(company="Acme", role="Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(
            name="Ann Lee",
            role=ContactRole.INTERVIEWER,
            email="ann@acme.example",
            preferred_channel=PreferredChannel.EMAIL,
        ),
        application_id=app.id,
    )
    held = applications.add_interview(
        env, app.id, applications.NewInterview(starts_at=env.now() - timedelta(hours=2), participants=[ann.id])
    )
    main, every = actions_of(client.soup(f"/applications/{app.id}"))
    assert main == "After the interview"  # the next steps and timeline are not noted yet
    assert every.count("After the interview") == 1
    assert "Add interview" in every
    applications.edit_interview(
        env,
        held.id,
        applications.InterviewChanges(next_steps="A case study", timeline_text="within a week"),
    )
    main, every = actions_of(client.soup(f"/applications/{app.id}"))
    assert main == "Add interview"
    assert "After the interview" in every


def test_an_offer_has_no_interview_as_its_main_action_and_says_what_is_left(client: WebClient, env: Env) -> None:
    app = applications.add_application(env, applications.NewApplication(company="Acme", role="Analyst"))
    applications.edit_application(env, app.id, applications.ApplicationChanges(status=ApplicationStatus.OFFER))
    soup = client.soup(f"/applications/{app.id}")
    main, every = actions_of(soup)
    assert main == ""
    assert every[:2] == ["They replied", "I called them"]
    assert "Add interview" in every
    assert text_of(soup, "#next p") == (
        "Nothing to chase while you decide. Log their calls and messages as they come; "
        "if you turn it down, close it as “I withdrew (or declined)”."
    )


def test_a_wishlist_application_is_marked_as_applied_from_its_page(client: WebClient, env: Env) -> None:
    app = applications.add_application(
        env,
        applications.NewApplication(
            company="Globex",
            role="Data Analyst",
            status=ApplicationStatus.WISHLIST,
            job_url="https://jobs.example/globex",
            description="Build the reporting stack",
        ),
    )
    soup = client.soup(f"/applications/{app.id}")
    main, every = actions_of(soup)
    assert main == "Mark as applied"
    assert "Open the job posting (opens in a new tab)" in every
    assert soup.select_one('.app-actions a[href="https://jobs.example/globex"]') is not None
    for not_yet in ("Add interview", "I called them", "They replied"):
        assert not_yet not in every
    description = soup.select_one("details.app-description")
    assert description is not None
    assert description.has_attr("open")
    assert "Not applied yet, so nothing to follow up." in text_of(soup, "#next")
    mark = soup.select_one(".app-actions form:has(.primary)")
    assert mark is not None
    fields = {
        str(node["name"]): str(node.get("value", "")) for node in mark.select("input") if node["name"] != "csrf_token"
    }
    assert fields == {"next": f"/applications/{app.id}", "to": "applied"}
    soup = followed(client, client.post(str(mark["action"]), fields))
    assert "Globex moved to Applied, dated today (Mon 16 Nov)." in text_of(soup, "#messages")
    saved = records.get_application(env.store, app.id)
    assert saved.status is ApplicationStatus.ACTIVE
    assert saved.applied_on == env.now().date()
    assert actions_of(soup)[0] == "Add interview"


def test_what_comes_next_gives_each_action_with_its_reason_and_a_link(client: WebClient, env: Env) -> None:
    data = seed(env)
    soup = client.soup(f"/applications/{data['app'].id}")
    pending = applications.show(env, data["app"].id).upcoming
    assert pending, "the seed should leave something to do"
    items = soup.select("#next .next-item")
    assert len(items) == len(pending)
    for item, action in zip(items, pending, strict=True):
        assert action.reason in item.get_text(" ", strip=True)
        link = item.select_one("a")
        assert link is not None
        assert link["href"] in (f"/drafts/{action.id}", f"/interviews/{action.interview_id}/capture")


def test_the_timeline_is_newest_first_with_date_channel_who_and_outcome(client: WebClient, env: Env) -> None:
    data = seed(env)
    soup = client.soup(f"/applications/{data['app'].id}")
    events = soup.select(".timeline > li")
    assert [e["id"] for e in events] == [
        f"touchpoint-{data['reply'].id}",
        f"touchpoint-{data['sent'].id}",
        f"interview-{data['interview'].id}",
    ]
    reply = events[0].get_text(" ", strip=True)
    assert "Mon 16 Nov 2026, 05:00" in reply
    assert "From them" in reply
    assert "Their reply by email from Ann Lee" in reply
    assert "They are still deciding" in reply
    assert "Message-ID: <reply@initech.example>" in reply
    assert "They will decide next week" in reply
    assert "Thank-you by email to Ann Lee" in events[1].get_text(" ", strip=True)
    assert "Round 1 with Ann Lee" in events[2].get_text(" ", strip=True)


def test_a_reply_from_the_mailbox_links_to_the_message_and_to_what_it_answered(client: WebClient, env: Env) -> None:
    data = seed(env)
    mail_id = add_mail(env, data["app"], data["reply"].id)
    soup = client.soup(f"/applications/{data['app'].id}")
    reply = soup.select_one(f"#touchpoint-{data['reply'].id}")
    assert reply is not None
    assert reply.select_one(f'a[href="/replies/{mail_id}"]') is not None
    answered = reply.select_one(f'a[href="#touchpoint-{data["sent"].id}"]')
    assert answered is not None
    assert answered.get_text() == "thank-you by email of Sat 14 Nov 2026"
    assert soup.select_one(f"#mail-{mail_id}") is None  # shown once, as the reply it became
    # Only mail-backed replies get the link.
    assert soup.select_one(f"#touchpoint-{data['sent'].id} a[href^='/replies/']") is None


def test_a_matched_message_not_yet_confirmed_shows_the_way_to_replies(client: WebClient, env: Env) -> None:
    data = seed(env)
    with transaction(env.conn):
        mail_id = mail_store.add_mail_message(
            env.store,
            env.now(),
            message_id="<news@initech.example>",
            subject="Next steps",
            from_name="Ann Lee",
            direction="received",
            sent_at="2026-11-16T08:30:00Z",
            application_id=data["app"].id,
        )
    soup = client.soup(f"/applications/{data['app'].id}")
    first = soup.select(".timeline > li")[0]
    assert first["id"] == f"mail-{mail_id}"
    text = first.get_text(" ", strip=True)
    assert "Email from Ann Lee" in text
    assert "“Next steps”" in text
    assert "not counted until you confirm it" in text
    assert first.select_one(f'a[href="/replies/{mail_id}"]') is not None


def test_people_have_their_links_preferred_channel_and_the_recruiter_is_marked(client: WebClient, env: Env) -> None:
    data = seed(env)
    soup = client.soup(f"/applications/{data['app'].id}")
    names = [str(h.contents[0]).strip() for h in soup.select("#people .person h3")]
    assert names[0] == "Rita Recruit"  # the recruiter first
    assert sorted(names) == ["Ann Lee", "Rita Recruit", "Sam Senior"]
    ann = soup.select_one(f"#contact-{data['ann'].id}")
    assert ann is not None
    assert ann.select_one('a[href="mailto:ann@initech.example"]') is not None
    assert ann.select_one('a[href="tel:+49301234567"]') is not None
    assert "Prefers: Email" in ann.get_text(" ", strip=True)
    assert "Head of Product" in ann.get_text()
    assert "Your recruiter" in text_of(soup, f"#contact-{data['rita'].id}")
    assert "not known yet" in text_of(soup, f"#contact-{data['rita'].id}")


def test_the_facts_captured_at_the_interview_are_all_there(client: WebClient, env: Env) -> None:
    data = seed(env)
    soup = client.soup(f"/applications/{data['app'].id}")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)  # type: ignore[union-attr]
        for dt in soup.select(f"#facts-{data['interview'].id} dt")
    }
    assert facts == {
        "Next steps": "A case study next",
        "What they said about timing": "by the end of next week",
        "Decision promised by": "Fri 27 Nov 2026",
        "Main points": "Dashboards and stakeholder work",
        "Skills you forgot to mention": "SQL window functions",
        "Things to clarify": "Remote days",
        "References you named": "Sam Senior",
    }


def test_an_unknown_application_or_item_gets_a_friendly_404(client: WebClient, env: Env) -> None:
    data = seed(env)
    other = applications.add_application(env, applications.NewApplication(company="Globex", role="Engineer"))
    soup = client.soup("/applications/999", status=404)
    assert text_of(soup, "h1") == "Application not found"
    assert soup.select_one('a[href="/applications"]') is not None
    # A contact or touchpoint of another application is not reachable through this one.
    assert client.get(f"/applications/{other.id}/contacts/{data['ann'].id}/edit").status_code == 404
    assert client.get(f"/applications/{other.id}/touchpoints/{data['reply'].id}/edit").status_code == 404
    response = client.post(f"/applications/{other.id}/touchpoints/{data['reply'].id}/delete")
    assert response.status_code == 404
    assert len(records.touchpoints_of(env.store, data["app"].id)) == 2


def test_everything_the_user_typed_is_shown_as_text(client: WebClient, env: Env) -> None:
    app = applications.add_application(env, applications.NewApplication(company=EVIL, role=EVIL, notes=EVIL))
    person = applications.add_contact(
        env, applications.NewContact(name=EVIL, role=ContactRole.INTERVIEWER), application_id=app.id
    )
    # The doors refuse such a link and address now; stored by an older version, they are still only text.
    with env.conn:
        env.conn.execute("UPDATE application SET job_url = 'javascript:alert(1)' WHERE id = ?", (app.id,))
        env.conn.execute("UPDATE contact SET email = ? WHERE id = ?", (EVIL, person.id))
    applications.log_touchpoint(
        env,
        app.id,
        applications.NewTouchpoint(
            direction=Direction.RECEIVED, channel=Channel.EMAIL, subject=EVIL, notes=EVIL, message_id=EVIL
        ),
    )
    response = client.get(f"/applications/{app.id}")
    assert response.status_code == 200
    assert EVIL not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    soup = soup_of(response)
    assert not soup.select('a[href^="javascript"]')  # a stored javascript: link is never clickable
    assert all("alert" not in (s.string or "") for s in soup.select("script"))


# -- editing the application ----------------------------------------------------------------


def test_editing_the_details_as_a_plain_form(client: WebClient, env: Env) -> None:
    data = seed(env)
    url = f"/applications/{data['app'].id}/edit"
    form = client.soup(url).select_one(f"form[action='{url}']")
    assert form is not None
    assert form.select_one("#app-company")["value"] == "Initech"  # type: ignore[index]
    values: dict[str, Any] = {str(i["name"]): i.get("value", "") for i in form.select("input")}
    for select in form.select("select"):
        chosen = select.select_one("option[selected]")
        values[str(select["name"])] = chosen["value"] if chosen else ""
    del values["csrf_token"]
    values |= {"role": "Senior Product Analyst", "status": "withdrawn", "notes": "Took another offer"}
    soup = followed(client, client.post(url, values))
    assert "Saved." in text_of(soup, "#messages")
    app = records.get_application(env.store, data["app"].id)
    assert (app.role, app.status, app.notes) == (
        "Senior Product Analyst",
        ApplicationStatus.WITHDRAWN,
        "Took another offer",
    )
    assert app.recruiter_id == data["rita"].id  # untouched fields stay
    assert text_of(soup, "#app-stage p").startswith("Closed I withdrew (or declined)")


def test_a_bad_edit_keeps_the_values_and_says_what_is_wrong(client: WebClient, env: Env) -> None:
    data = seed(env)
    url = f"/applications/{data['app'].id}/edit"
    response = client.post(url, {"company": "", "role": "Analyst", "job_url": "ftp://x", "status": "gone"})
    assert response.status_code == 422
    soup = soup_of(response)
    assert text_of(soup, "#app-company-error") == "Enter the company's name."
    assert "should start with https://" in text_of(soup, "#app-job_url-error")
    assert text_of(soup, "#app-status-error") == "Choose one of the status options."
    assert soup.select_one("#app-role")["value"] == "Analyst"  # type: ignore[index]
    assert records.get_application(env.store, data["app"].id).company == "Initech"


def test_editing_in_place_with_htmx_returns_the_piece_and_a_fresh_plan(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id = data["app"].id
    form = soup_of(client.htmx("GET", f"/applications/{app_id}/edit"))
    assert form.select_one("html") is None  # a fragment, not a page
    root = form.select_one("#app-details form")
    assert root is not None
    assert root["hx-post"] == f"/applications/{app_id}/edit"
    response = client.htmx(
        "POST",
        f"/applications/{app_id}/edit",
        {"company": "Initech GmbH", "role": "Product Analyst", "status": "active", "source": "recruiter"},
    )
    soup = soup_of(response)
    assert text_of(soup, "#app-details h1") == "Product Analyst at Initech GmbH"
    assert soup.select_one("#next")["hx-swap-oob"] == "true"  # type: ignore[index]
    assert soup.select_one("#app-stage")["hx-swap-oob"] == "true"  # type: ignore[index]
    assert "Saved." in text_of(soup, "#messages")
    # Cancel brings the view back.
    assert text_of(soup_of(client.htmx("GET", f"/applications/{app_id}/details")), "h1").endswith("Initech GmbH")


def test_closing_it_by_an_edit_in_place_brings_the_reopen_button_along(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id = data["app"].id
    response = client.htmx(
        "POST",
        f"/applications/{app_id}/edit",
        {"company": "Initech", "role": "Product Analyst", "status": "rejected", "source": "recruiter"},
    )
    soup = soup_of(response)
    actions = soup.select_one("#app-actions")
    assert actions is not None
    assert actions["hx-swap-oob"] == "true"
    assert actions_of(soup)[0] == "Reopen"
    assert text_of(soup, "#app-stage p").startswith("Closed They turned me down")


def test_editing_a_contact_in_place(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id, ann = data["app"].id, data["ann"]
    url = f"/applications/{app_id}/contacts/{ann.id}/edit"
    assert soup_of(client.htmx("GET", url)).select_one(f"li#contact-{ann.id} form") is not None
    response = client.htmx(
        "POST", url, {"name": "Ann Lee-Smith", "role": "hiring_manager", "email": "ann@", "preferred_channel": "phone"}
    )
    assert response.status_code == 422
    assert "name@example.com" in text_of(soup_of(response), f"#contact-{ann.id}-email-error")
    response = client.htmx(
        "POST",
        url,
        {
            "name": "Ann Lee-Smith",
            "role": "hiring_manager",
            "email": "ann@initech.example",
            "preferred_channel": "phone",
        },
    )
    soup = soup_of(response)
    assert "Prefers: Phone" in text_of(soup, f"#contact-{ann.id}")
    person = records.get_contact(env.store, ann.id)
    assert (person.name, person.preferred_channel, person.phone) == ("Ann Lee-Smith", PreferredChannel.PHONE, None)


def test_adding_contacts_a_reference_is_noted_and_a_recruiter_becomes_the_recruiter(
    client: WebClient, env: Env
) -> None:
    app = applications.add_application(env, applications.NewApplication(company="Globex", role="Engineer"))
    url = f"/applications/{app.id}/contacts/new"
    response = client.post(url, {"name": "", "role": "interviewer"})
    assert response.status_code == 422
    assert "Enter the name." in response.text
    soup = followed(client, client.post(url, {"name": "Pat Ref", "role": "reference", "email": "pat@ref.example"}))
    assert "Added Pat Ref." in text_of(soup, "#messages")
    [named] = records.references_of(env.store, app.id)
    assert records.get_contact(env.store, named.contact_id).name == "Pat Ref"
    followed(client, client.post(url, {"name": "Rob Recruiter", "role": "recruiter"}))
    changed = records.get_application(env.store, app.id)
    assert changed.source is Source.RECRUITER
    assert records.get_contact(env.store, changed.recruiter_id or 0).name == "Rob Recruiter"


def test_editing_the_interview_facts_reads_their_words_as_a_date(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id, interview = data["app"].id, data["interview"]
    url = f"/applications/{app_id}/interviews/{interview.id}/edit"
    form = client.soup(url).select_one(f"form[action='{url}']")
    assert form is not None
    assert form.select_one("[name=starts_at]")["value"] == "2026-11-13T10:00"  # type: ignore[index]
    response = client.post(
        url,
        {
            "starts_at": "2026-11-13T10:00",
            "kind": "video",
            "timeline_text": "within two weeks",
            "decision_date": "",
            "next_steps": "Meet the team",
            "main_points": "",
            "forgot_to_mention": "Python",
            "to_clarify": "",
        },
    )
    soup = followed(client, response)
    assert "Their words read as Fri 27 Nov 2026." in text_of(soup, "#messages")
    changed = records.get_interview(env.store, interview.id)
    assert (changed.decision_date, changed.next_steps, changed.main_points) == (
        date(2026, 11, 27),
        "Meet the team",
        None,
    )
    assert changed.kind.value == "video"


def test_deleting_an_interview_asks_first(client: WebClient, env: Env) -> None:
    data = seed(env)
    url = f"/applications/{data['app'].id}/interviews/{data['interview'].id}/delete"
    soup = client.soup(url)
    assert text_of(soup, "h1") == "Delete this interview?"
    assert records.interviews_of(env.store, data["app"].id)
    soup = followed(client, client.post(url))
    assert "Interview deleted." in text_of(soup, "#messages")
    assert records.interviews_of(env.store, data["app"].id) == []
    assert text_of(soup, "#app-stage p").startswith("Applied")


# -- touchpoints ----------------------------------------------------------------------------


def test_logging_a_call_puts_it_on_the_timeline(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id = data["app"].id
    form = client.soup(f"/applications/{app_id}?log=called").select_one("#log form")
    assert form is not None
    assert form.select_one("[name=channel] option[selected]")["value"] == "phone"  # type: ignore[index]
    assert form.select_one("[name=direction][checked]")["value"] == "sent"  # type: ignore[index]
    response = client.post(
        f"/applications/{app_id}/touchpoints",
        {
            "direction": "sent",
            "channel": "phone",
            "occurred_at": "2026-11-16T09:30",
            "contact_id": str(data["ann"].id),
            "outcome": "voicemail",
            "kind": "follow_up_call",
            "notes": "Left my number",
        },
    )
    assert response.headers["location"].endswith("#touchpoint-3")
    soup = followed(client, response)
    first = soup.select(".timeline > li")[0].get_text(" ", strip=True)
    assert "Follow-up call by phone to Ann Lee" in first
    assert "I left a voicemail" in first


def test_logging_a_rejection_closes_the_application_and_says_so(client: WebClient, env: Env) -> None:
    data = seed(env)
    response = client.post(
        f"/applications/{data['app'].id}/touchpoints",
        {"direction": "received", "channel": "email", "occurred_at": "2026-11-16T08:00", "outcome": "rejection"},
    )
    soup = followed(client, response)
    assert "Logged. The application is now marked rejected." in text_of(soup, "#messages")
    assert text_of(soup, "#app-stage p").startswith("Closed")


def test_a_log_that_does_not_add_up_is_explained_next_to_the_field(client: WebClient, env: Env) -> None:
    data = seed(env)
    response = client.post(
        f"/applications/{data['app'].id}/touchpoints",
        {
            "direction": "sent",
            "channel": "email",
            "occurred_at": "2026-11-20T09:00",
            "outcome": "rejection",
            "promised_date": "some day",
        },
    )
    assert response.status_code == 422
    soup = soup_of(response)
    assert "in the future" in text_of(soup, "#log-occurred_at-error")
    assert "choose “They contacted me”" in text_of(soup, "#log-outcome-error")
    assert soup.select_one("#log-outcome")["aria-invalid"] == "true"  # type: ignore[index]
    assert "by Friday" in text_of(soup, "#log-promised_date-error")
    assert len(records.touchpoints_of(env.store, data["app"].id)) == 2


def test_a_promise_in_their_words_becomes_a_date(client: WebClient, env: Env) -> None:
    data = seed(env)
    followed(
        client,
        client.post(
            f"/applications/{data['app'].id}/touchpoints",
            {
                "direction": "received",
                "channel": "phone",
                "occurred_at": "2026-11-16T09:00",
                "promised_date": "by Friday",
            },
        ),
    )
    latest = records.touchpoints_of(env.store, data["app"].id)[-1]
    assert latest.promised_date == date(2026, 11, 20)
    assert latest.kind is TouchpointKind.REPLY


def test_correcting_a_touchpoint_in_place(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id, reply = data["app"].id, data["reply"]
    url = f"/applications/{app_id}/touchpoints/{reply.id}/edit"
    form = soup_of(client.htmx("GET", url)).select_one(f"li#touchpoint-{reply.id} form")
    assert form is not None
    assert form.select_one("[name=subject]")["value"] == "Re: Thank you"  # type: ignore[index]
    response = client.htmx(
        "POST",
        url,
        {
            "direction": "received",
            "channel": "email",
            "occurred_at": "2026-11-16T05:00",
            "contact_id": str(data["ann"].id),
            "outcome": "info_request",
            "subject": "Re: Thank you",
            "message_id": "<reply@initech.example>",
            "notes": "They want references",
        },
    )
    soup = soup_of(response)
    assert "They asked for something" in text_of(soup, f"#touchpoint-{reply.id}")
    assert "Reply to them" in text_of(soup, "#next")  # the plan follows the correction
    changed = records.touchpoints_of(env.store, app_id)[-1]
    assert (changed.outcome, changed.notes) == (Outcome.INFO_REQUEST, "They want references")


def test_removing_a_touchpoint_asks_first_then_removes_it(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id, sent = data["app"].id, data["sent"]
    url = f"/applications/{app_id}/touchpoints/{sent.id}/delete"
    soup = client.soup(url)
    assert text_of(soup, "h1") == "Remove this from the timeline?"
    assert "Thank-you by email on Sat 14 Nov 2026, 10:00" in text_of(soup, ".confirm-box")
    inline = soup_of(client.htmx("GET", url))
    assert inline.select_one(f"#touchpoint-{sent.id} form")["hx-post"] == url  # type: ignore[index]
    response = client.htmx("POST", url)
    assert f'id="touchpoint-{sent.id}"' not in response.text
    assert "Removed from the timeline." in text_of(soup_of(response), "#messages")
    assert [t.id for t in records.touchpoints_of(env.store, app_id)] == [data["reply"].id]


def test_deleting_the_application_asks_first(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id = data["app"].id
    soup = client.soup(f"/applications/{app_id}")
    assert soup.select_one(f'#danger a[href="/applications/{app_id}/delete"]') is not None
    soup = client.soup(f"/applications/{app_id}/delete")
    assert text_of(soup, "h1") == "Delete Product Analyst at Initech?"
    assert records.list_applications(env.store)
    soup = followed(client, client.post(f"/applications/{app_id}/delete"))
    assert "Deleted Product Analyst at Initech." in text_of(soup, "#messages")
    assert records.list_applications(env.store) == []


def test_moving_from_the_page_comes_back_to_the_page(client: WebClient, env: Env) -> None:
    data = seed(env)
    app_id = data["app"].id
    response = client.post(f"/applications/{app_id}/move", {"to": "offer", "next": f"/applications/{app_id}"})
    assert response.headers["location"] == f"/applications/{app_id}"
    response = client.post(f"/applications/{app_id}/move", {"to": "offer", "next": "https://evil.example/"})
    assert response.headers["location"] == "/applications"


# -- in a real browser ----------------------------------------------------------------------


def test_edit_a_contact_in_place_and_log_a_reply_in_the_browser(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    data = seed(env)
    add_mail(env, data["app"], data["reply"].id)
    page.goto(f"{live.url}/applications/{data['app'].id}")
    assert_accessible(page)
    shoot(page, "application")
    person = page.locator(f"#contact-{data['ann'].id}")
    person.get_by_role("link", name="Edit Ann Lee").click()
    expect(page.locator(f"#contact-{data['ann'].id}-name")).to_be_focused()
    page.locator(f"#contact-{data['ann'].id}-phone").fill("+49 30 999")
    page.locator(f"#contact-{data['ann'].id} form").get_by_role("button", name="Save").click()
    expect(person).to_contain_text("+49 30 999")
    expect(page.locator("#messages")).to_contain_text("Saved Ann Lee.")
    assert_accessible(page)
    page.get_by_role("link", name="They replied").first.click()
    log = page.locator("#log")
    log.get_by_label("What came of it").select_option("next_round")
    log.get_by_label("What was said").fill("Second round with the team")
    log.get_by_role("button", name="Log it").click()
    expect(page.locator(".timeline > li").first).to_contain_text("They invited me to another interview")
    expect(page.locator("#app-stage")).to_contain_text("Interviewing")
    # The pages that work without JavaScript are accessible too.
    for url in (f"/applications/{data['app'].id}/edit", f"/applications/{data['app'].id}/delete"):
        page.goto(live.url + url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_a_new_applications_page_opens_on_the_next_step_with_its_forms_folded(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    from web.web_support import PHONE

    app = applications.add_application(env, applications.NewApplication(company="Fresh Co", role="Analyst"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live.url}/applications/{app.id}")
    # What comes next is the first thing after the header; no form field shows until asked for.
    sections = page.eval_on_selector_all("main section.panel", "nodes => nodes.map((n) => n.id)")
    assert sections[0] == "next"
    assert page.locator("main form:not(.move-form) :is(input, select, textarea):visible").count() == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2200, f"a new application's page is {height}px tall on a phone"
    assert_accessible(page)
    shoot(page, "application-new-folded")

    page.get_by_text("Log a call or message").click()
    expect(page.get_by_label("When", exact=True)).to_be_visible()
    page.get_by_text("Add a contact").click()
    expect(page.get_by_label("Name")).to_be_visible()
    # The quick links open the log already filled in, without JavaScript too.
    page.goto(f"{live.url}/applications/{app.id}?log=called#log")
    expect(page.locator("#log details.fold")).to_have_attribute("open", "")


def test_a_closed_applications_page_in_the_browser(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    app = applications.add_application(env, applications.NewApplication(company="Acme", role="Analyst"))
    applications.edit_application(env, app.id, applications.ApplicationChanges(status=ApplicationStatus.REJECTED))
    page.goto(f"{live.url}/applications/{app.id}")
    expect(page.locator("#app-stage")).to_contain_text("They turned me down")
    expect(page.locator("#timeline")).to_contain_text("Closed: they turned me down")
    assert_accessible(page)
    shoot(page, "application-closed")
    page.locator(".app-actions").get_by_role("button", name="Reopen").click()
    expect(page.locator("#messages")).to_contain_text("Acme is reopened: back in Applied.")
    expect(page.locator(".app-actions .primary")).to_have_text("Add interview")


def test_a_wishlist_applications_page_in_the_browser(live: Any, page: Any, env: Env) -> None:
    from playwright.sync_api import expect

    from web.web_support import PHONE

    app = applications.add_application(
        env,
        applications.NewApplication(
            company="Globex",
            role="Data Analyst",
            status=ApplicationStatus.WISHLIST,
            job_url="https://jobs.example/globex",
            excitement=5,
            tags="remote, fintech",
            description="Build the reporting stack with the finance team.\n" + "SQL, dbt and a BI tool.\n" * 60,
        ),
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{live.url}/applications/{app.id}")
    actions = page.locator(".app-actions")
    expect(actions.get_by_role("button", name="Mark as applied")).to_be_visible()
    # A long posting, open, scrolls in its box: the main button is still on the first screen of a phone.
    box = actions.get_by_role("button", name="Mark as applied").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] < PHONE["height"]
    assert page.locator("a.button", has_text="Open the job posting").count() == 1
    expect(page.locator(".app-facts").get_by_role("link", name="Job posting")).to_have_count(0)  # once, as the button
    expect(actions.get_by_role("link", name="Open the job posting (opens in a new tab)")).to_be_visible()
    expect(page.locator(".app-description")).to_contain_text("Build the reporting stack")  # open, not folded
    expect(actions.get_by_role("link", name="I called them")).to_have_count(0)
    assert_accessible(page)
    shoot(page, "application-wishlist-long")
    actions.get_by_role("button", name="Mark as applied").click()
    expect(page.locator("#messages")).to_contain_text("Globex moved to Applied, dated today")
    expect(page.locator("#app-stage")).to_contain_text("Applied")
    expect(page.locator(".app-actions .primary")).to_have_text("Add interview")
