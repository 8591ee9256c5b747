"""The draft page offers the user's notes that the draft does not paste in, as bullet points to write in."""

from __future__ import annotations

from datetime import datetime

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import CompanyStyle, ContactRole, PreferredChannel
from web.test_web_today import find, page_of, with_profile
from web.web_support import WebClient

AFTER = "2026-11-18T16:00:00+01:00"


def test_what_the_user_noted_about_the_interviewer_is_offered_beside_the_draft(
    env: Env, clock, client: WebClient
) -> None:
    with_profile(env)
    app = applications.add_application(
        env,
        applications.NewApplication(company="Société Générale", role="Data Analyst", company_style=CompanyStyle.MODERN),
    )
    contact = applications.add_contact(
        env,
        applications.NewContact(
            name="Jürgen Müller",
            role=ContactRole.INTERVIEWER,
            email="juergen@sg.example",
            preferred_channel=PreferredChannel.EMAIL,
            notes="runs the forecasting team, café loyalty data",
        ),
        application_id=app.id,
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime.fromisoformat("2026-11-18T14:00:00+01:00"), participants=[contact.id]
        ),
    )
    clock.set(AFTER)
    soup = page_of(client, f"/drafts/{find(env, 'thank_you', app.id).id}")
    notes = [li.get_text() for li in soup.select(".notes-to-weave li")]
    assert notes == ["What you noted about Jürgen: runs the forecasting team, café loyalty data"]
    assert "forecasting team" not in soup.select_one("#draft-text").get_text()
