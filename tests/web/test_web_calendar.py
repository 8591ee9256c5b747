"""`/calendar.ics`: the feed a calendar app subscribes to, behind its own token."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole
from web.web_support import WebClient

BERLIN = ZoneInfo("Europe/Berlin")
COMPANY = "Café; Müller, & <Co>"


@pytest.fixture
def interview(env: Env):
    app = applications.add_application(env, applications.NewApplication(company=COMPANY, role="Data Analyst"))
    anna = applications.add_contact(
        env, applications.NewContact(name="Anna Berg", role=ContactRole.INTERVIEWER), application_id=app.id
    )
    return applications.add_interview(
        env,
        app.id,
        applications.NewInterview(starts_at=datetime(2026, 11, 17, 14, 0, tzinfo=BERLIN), participants=[anna.id]),
    )


def feed_url(client: WebClient) -> str:
    return f"/calendar.ics?token={client.state.keys.calendar_token}"


def test_the_feed_is_a_calendar_both_parsers_read(client: WebClient, interview):
    response = client.get(feed_url(client))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    ours: dict[str, Any] = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(response.text).walk("VEVENT")}
    theirs = {e.uid.value: e for e in vobject.readOne(response.text).vevent_list}
    assert ours.keys() == theirs.keys()
    uid = f"interview-{interview.id}@followup"
    assert str(ours[uid]["SUMMARY"]) == theirs[uid].summary.value == f"Interview: Data Analyst at {COMPANY}"
    # The link goes back to the application in this app.
    assert str(ours[uid]["URL"]) == f"http://127.0.0.1:8765/applications/{interview.application_id}"
    thanks = [e for e in ours.values() if str(e["SUMMARY"]).startswith("Thank-you (email): Anna Berg")]
    assert len(thanks) == 1
    assert thanks[0].walk("VALARM")


@pytest.mark.parametrize("query", ["", "?token=", "?token=nope", "?tokenx=1"])
def test_a_missing_or_wrong_token_is_a_bare_not_found(client: WebClient, interview, query: str):
    response = client.get("/calendar.ics" + query)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Not found"
    assert "BEGIN:VCALENDAR" not in response.text


def test_a_token_off_by_one_character_is_refused(client: WebClient, interview):
    token = client.state.keys.calendar_token
    wrong = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert client.get(f"/calendar.ics?token={wrong}").status_code == 404


def test_the_feed_needs_no_password_but_still_its_token(env: Env, interview):
    from starlette.testclient import TestClient

    from followup.web.server import build

    app = build(env, "127.0.0.1", 8765, password="correct horse")
    http = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    token = app.app.state.web.keys.calendar_token
    assert http.get("/").status_code == 303  # everything else asks to log in
    assert http.get(f"/calendar.ics?token={token}").status_code == 200
    assert http.get("/calendar.ics?token=guess").status_code == 404


def test_an_unchanged_feed_answers_not_modified(client: WebClient, clock, interview):
    first = client.get(feed_url(client))
    clock.advance(minutes=10)
    again = client.get(feed_url(client), headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    applications.edit_interview(client.env, interview.id, applications.InterviewChanges(duration_minutes=90))
    changed = client.get(feed_url(client), headers={"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200
    event: Any = next(
        e for e in icalendar.Calendar.from_ical(changed.text).walk("VEVENT") if str(e["UID"]).startswith("interview-")
    )
    assert event["SEQUENCE"] == 1
    assert (event["DTEND"].dt - event["DTSTART"].dt).total_seconds() == 90 * 60


def test_a_done_follow_up_is_sent_as_cancelled_to_the_subscribed_app(client: WebClient, clock, interview):
    from followup.app import actions, agenda

    first = client.get(feed_url(client))
    item = next(i for i in agenda.agenda(client.env, 60) if i.kind == "thank_you")
    actions.mark_done(client.env, item.id)
    clock.advance(minutes=10)
    changed = client.get(feed_url(client), headers={"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200
    event: Any = next(
        e
        for e in icalendar.Calendar.from_ical(changed.text).walk("VEVENT")
        if str(e["UID"]) == f"action-{item.id}@followup"
    )
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert client.get(feed_url(client), headers={"If-None-Match": changed.headers["etag"]}).status_code == 304


def test_head_is_answered_for_calendar_apps_that_check_first(client: WebClient, interview):
    response = client.http.head(feed_url(client))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
