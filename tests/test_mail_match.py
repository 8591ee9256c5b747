"""Matching a message to an application: thread, then contact, then domain; free mail never by domain."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from conftest import Clock
from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction, Source
from followup.mail.match import Match, MatchIndex, base_domain, explain, is_free_mail, match, message_ids
from followup.mail.parse import ParsedMessage, parse_message


def mail(
    sender: str,
    to: str = "me@example.org",
    subject: str = "Your application",
    body: str = "Hello",
    *,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    date: str = "2026-11-24T11:00:00+01:00",
    cc: str | None = None,
) -> ParsedMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.fromisoformat(date))
    if message_id:
        msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    msg.set_content(body)
    return parse_message(msg.as_bytes())


@pytest.fixture
def world(env: Env) -> dict[str, int]:
    acme = applications.add_application(
        env,
        applications.NewApplication(
            company="ACME Corp", role="Data Analyst", job_url="https://careers.acme.example/jobs/1"
        ),
    )
    globex = applications.add_application(
        env, applications.NewApplication(company="Globex", role="Engineer", job_url="https://jobs.globex.example/42")
    )
    board = applications.add_application(
        env,
        applications.NewApplication(company="Initech", role="Tester", job_url="https://www.linkedin.com/jobs/view/1"),
    )
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@acme.example"),
        application_id=acme.id,
    )
    # Someone at an acme.example address who is on the Globex application (a referral, say).
    zed = applications.add_contact(
        env,
        applications.NewContact(name="Zed Zee", role=ContactRole.INTERVIEWER, email="zed@acme.example"),
        application_id=globex.id,
    )
    carl = applications.add_contact(
        env,
        applications.NewContact(name="Carl Free", role=ContactRole.INTERVIEWER, email="carl@gmail.com"),
        application_id=board.id,
    )
    return {"acme": acme.id, "globex": globex.id, "initech": board.id, "ann": ann.id, "zed": zed.id, "carl": carl.id}


def test_contact_matches_the_sender_case_insensitively(env: Env, world: dict[str, int]) -> None:
    index = MatchIndex.build(env.store, env.tz)
    found = match(mail("Ann Lee <ANN@Acme.Example>"), index)
    assert found == Match(world["acme"], world["ann"], "contact", "ann@acme.example")
    assert explain(found, index) == "matched because it is from Ann Lee (ann@acme.example)"


def test_unknown_sender_at_the_company_matches_by_domain(env: Env, world: dict[str, int]) -> None:
    index = MatchIndex.build(env.store, env.tz)
    found = match(mail("HR Team <hr@mail.acme.example>"), index)
    assert found is not None
    assert (found.application_id, found.contact_id, found.reason) == (world["acme"], None, "domain")
    assert explain(found, index) == "matched by the domain acme.example of ACME Corp"


def test_the_job_postings_host_teaches_the_domain_but_a_job_board_does_not(env: Env, world: dict[str, int]) -> None:
    index = MatchIndex.build(env.store, env.tz)
    found = match(mail("noreply@globex.example"), index)
    assert found is not None
    assert (found.application_id, found.reason) == (world["globex"], "domain")
    assert match(mail("someone@linkedin.com"), index) is None


def test_free_mail_domains_never_match_by_domain(env: Env, world: dict[str, int]) -> None:
    index = MatchIndex.build(env.store, env.tz)
    assert "gmail.com" not in index.domains
    assert match(mail("stranger@gmail.com"), index) is None
    assert match(mail("stranger@GMAIL.com"), index) is None
    # ...while the known contact at a free-mail address still matches as a contact.
    found = match(mail("carl@gmail.com"), index)
    assert found is not None
    assert (found.application_id, found.reason) == (world["initech"], "contact")


def test_contact_beats_domain(env: Env, world: dict[str, int]) -> None:
    index = MatchIndex.build(env.store, env.tz)
    found = match(mail("zed@acme.example"), index)
    assert found is not None
    assert (found.application_id, found.reason) == (world["globex"], "contact")


def test_thread_beats_contact_and_explains_which_email_it_answers(env: Env, world: dict[str, int]) -> None:
    applications.log_touchpoint(
        env,
        world["globex"],
        applications.NewTouchpoint(
            direction=Direction.SENT,
            channel=Channel.EMAIL,
            occurred_at=datetime.fromisoformat("2026-12-02T10:00:00+01:00"),
            message_id="<status-1@example.org>",
        ),
    )
    index = MatchIndex.build(env.store, env.tz)
    reply = mail(
        "ann@acme.example", in_reply_to="<Status-1@example.org>", references="<other@x> <status-1@example.org>"
    )
    found = match(reply, index)
    assert found is not None
    assert (found.application_id, found.contact_id, found.reason) == (world["globex"], world["ann"], "thread")
    assert explain(found, index) == "matched because it answers your email of 2 Dec"
    # References alone are enough (some clients drop In-Reply-To).
    only_refs = match(mail("hr@elsewhere.example", references="<status-1@example.org>"), index)
    assert only_refs is not None
    assert (only_refs.application_id, only_refs.reason) == (world["globex"], "thread")


def test_sent_mail_matches_by_recipient(env: Env, world: dict[str, int]) -> None:
    index = MatchIndex.build(env.store, env.tz)
    sent = mail("me@example.org", to="Ann Lee <ann@acme.example>")
    found = match(sent, index, direction="sent")
    assert found is not None
    assert (found.application_id, found.contact_id) == (world["acme"], world["ann"])
    assert explain(found, index, direction="sent") == "matched because it is to Ann Lee (ann@acme.example)"
    by_cc = match(mail("me@example.org", to="friend@gmail.com", cc="zed@acme.example"), index, direction="sent")
    assert by_cc is not None
    assert by_cc.application_id == world["globex"]
    # For sent mail the sender is the user, so From never decides.
    assert match(mail("ann@acme.example", to="friend@gmail.com"), index, direction="sent") is None


def test_a_contact_on_several_applications_goes_to_the_active_one(env: Env, world: dict[str, int]) -> None:
    other = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Senior Analyst"))
    applications.link_contact(env, other.id, world["ann"])
    applications.edit_application(env, other.id, applications.ApplicationChanges(status=ApplicationStatus.REJECTED))
    index = MatchIndex.build(env.store, env.tz)
    found = match(mail("ann@acme.example"), index)
    assert found is not None
    assert found.application_id == world["acme"]


def test_a_recruiter_spanning_several_goes_to_the_one_named_else_the_latest(env: Env, clock: Clock) -> None:
    jane = applications.add_contact(
        env, applications.NewContact(name="Jane Roe", role=ContactRole.RECRUITER, email="jane@agency.example")
    )
    first = applications.add_application(
        env,
        applications.NewApplication(company="Umbrella", role="QA Lead", source=Source.RECRUITER, recruiter_id=jane.id),
    )
    clock.advance(hours=1)
    latest = applications.add_application(
        env,
        applications.NewApplication(company="Hooli", role="Developer", source=Source.RECRUITER, recruiter_id=jane.id),
    )
    index = MatchIndex.build(env.store, env.tz)
    named = match(mail("jane@agency.example", subject="News about Umbrella"), index)
    assert named is not None
    assert (named.application_id, named.reason) == (first.id, "contact")
    by_role = match(mail("jane@agency.example", body="About the QA Lead role: they loved you."), index)
    assert by_role is not None
    assert by_role.application_id == first.id
    unnamed = match(mail("jane@agency.example", subject="Quick update"), index)
    assert unnamed is not None
    assert unnamed.application_id == latest.id
    # A colleague at the agency matches by the agency's domain.
    colleague = match(mail("tom@agency.example", subject="Hooli feedback"), index)
    assert colleague is not None
    assert (colleague.application_id, colleague.reason) == (latest.id, "domain")
    assert explain(colleague, index) == "matched by the domain agency.example of Jane Roe's agency"


def test_a_references_domain_is_not_the_employers(env: Env, world: dict[str, int]) -> None:
    applications.add_reference(
        env,
        world["acme"],
        applications.add_contact(
            env, applications.NewContact(name="Rita Ref", role=ContactRole.REFERENCE, email="rita@former.example")
        ).id,
    )
    index = MatchIndex.build(env.store, env.tz)
    assert "former.example" not in index.domains
    assert match(mail("boss@former.example"), index) is None


def test_nothing_known_matches_nothing(env: Env) -> None:
    index = MatchIndex.build(env.store, env.tz)
    assert match(mail("ann@acme.example", in_reply_to="<x@y>"), index) is None


@pytest.mark.parametrize(
    ("host", "base"),
    [("mail.acme.example", "acme.example"), ("hr.acme.co.uk", "acme.co.uk"), ("ACME.example.", "acme.example")],
)
def test_base_domain(host: str, base: str) -> None:
    assert base_domain(host) == base


@pytest.mark.parametrize(
    ("domain", "free"),
    [
        *[("gmail.com", True), ("yahoo.co.uk", True), ("gmx.ch", True), ("web.de", True), ("proton.me", True)],
        *[("hotmail.fr", True), ("acme.example", False), ("outlook.acme.example", False)],
    ],
)
def test_free_mail(domain: str, free: bool) -> None:
    assert is_free_mail(domain) is free


def test_message_ids_are_normalised() -> None:
    assert message_ids(" <A@B> junk <c@d>") == ["<a@b>", "<c@d>"]
    assert message_ids("bare@id") == ["<bare@id>"]
    assert message_ids(None) == []
