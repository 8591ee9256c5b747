"""Recording matched mail: idempotence, what a reply means for the agenda, and the user's corrections."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from conftest import Clock
from followup.app import applications, mail_intake
from followup.app.agenda import agenda
from followup.app.context import Env
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction
from followup.errors import Conflict
from followup.mail.match import Match, MatchIndex, match
from followup.mail.parse import parse_message
from followup.store import mail as store
from followup.store import records

STILL_DECIDING = "Thank you for your patience. We are still deciding and will update you by Friday, December 4, 2026."
ANN_ID = "<r1@acme.example>"
REJECTION = "Unfortunately, we have decided not to move forward with your application."


def raw(sender: str, body: str, *, message_id: str = "<r1@acme.example>", to: str = "me@example.org") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = "Re: Data Analyst"
    msg["Date"] = format_datetime(datetime.fromisoformat("2026-11-24T11:00:00+01:00"))
    msg["Message-ID"] = message_id
    msg.set_content(body)
    return msg.as_bytes()


@pytest.fixture
def acme(env: Env, clock: Clock) -> dict[str, int]:
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@acme.example"),
        application_id=app.id,
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(starts_at=datetime.fromisoformat("2026-11-18T14:00:00+01:00"), participants=[ann.id]),
    )
    other = applications.add_application(env, applications.NewApplication(company="Globex", role="Engineer"))
    clock.set("2026-11-24T12:00:00+01:00")
    return {"app": app.id, "ann": ann.id, "other": other.id}


def receive(env: Env, data: bytes, *, uid: int = 1, folder: str = "INBOX", auto_apply: bool = False) -> int:
    parsed = parse_message(data)
    found = match(parsed, MatchIndex.build(env.store))
    assert found is not None
    return mail_intake.record(
        env,
        parsed,
        account="work",
        folder=folder,
        uidvalidity=7,
        uid=uid,
        direction="received",
        match=found,
        auto_apply=auto_apply,
    )


def status_checks(env: Env) -> list[str]:
    return [f"{i.due:%Y-%m-%d %H:%M}" for i in agenda(env, days=30) if i.kind == "status_check"]


def count(env: Env, table: str) -> int:
    return int(env.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_recording_is_idempotent_by_location_and_by_message_id(env: Env, acme: dict[str, int]) -> None:
    first = receive(env, raw("ann@acme.example", STILL_DECIDING))
    assert receive(env, raw("ann@acme.example", STILL_DECIDING)) == first
    # The same message in another folder (or after a UIDVALIDITY change) is the same message.
    assert receive(env, raw("ann@acme.example", STILL_DECIDING), uid=99, folder="Archive") == first
    assert count(env, "mail_message") == 1
    assert len(records.touchpoints_of(env.store, acme["app"])) == 1
    assert env.conn.execute("SELECT matched FROM mail_seen WHERE uid = 1").fetchone() == (1,)


def test_a_message_already_logged_gets_no_second_touchpoint(env: Env, acme: dict[str, int]) -> None:
    logged = applications.log_touchpoint(
        env,
        acme["app"],
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL, message_id="<r1@acme.example>"),
    )
    mail_id = receive(env, raw("ann@acme.example", STILL_DECIDING))
    assert store.get_mail_message(env.store, mail_id).touchpoint_id == logged.touchpoint.id
    assert len(records.touchpoints_of(env.store, acme["app"])) == 1


def test_still_deciding_with_a_date_moves_the_status_check(env: Env, acme: dict[str, int]) -> None:
    assert status_checks(env) == ["2026-11-25 09:00"]
    mail_id = receive(env, raw("ann@acme.example", STILL_DECIDING))
    row = store.get_mail_message(env.store, mail_id)
    assert (row.label, str(row.promised_by), row.match_reason) == ("still_deciding", "2026-12-04", "contact")
    assert row.suggestion == "the next follow-up waits until after Fri 4 Dec"
    assert row.body is not None
    assert "still deciding" in row.body
    # The touchpoint alone moves the chase, applied or not: the first business day after 4 Dec.
    assert status_checks(env) == ["2026-12-07 09:00"]
    touchpoint = records.touchpoints_of(env.store, acme["app"])[-1]
    assert (touchpoint.kind.value, touchpoint.outcome, touchpoint.contact_id) == (
        "reply",
        "still_deciding",
        acme["ann"],
    )


def test_a_rejection_is_a_suggestion_until_applied(env: Env, acme: dict[str, int]) -> None:
    mail_id = receive(env, raw("ann@acme.example", REJECTION))
    row = store.get_mail_message(env.store, mail_id)
    assert (row.label, row.suggestion, row.suggestion_state) == ("rejection", "close as rejected", "pending")
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.ACTIVE
    mail_intake.apply_suggestion(env, mail_id)
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.REJECTED
    with pytest.raises(Conflict):
        mail_intake.apply_suggestion(env, mail_id)


def test_auto_apply_closes_a_rejected_application_at_once(env: Env, acme: dict[str, int]) -> None:
    receive(env, raw("ann@acme.example", REJECTION), auto_apply=True)
    app = records.get_application(env.store, acme["app"])
    assert app.status is ApplicationStatus.REJECTED
    assert app.closed_at == datetime.fromisoformat("2026-11-24T11:00:00+01:00")
    assert status_checks(env) == []


def test_auto_apply_comes_from_the_accounts_setting(env: Env, acme: dict[str, int]) -> None:
    with Path(env.config_path).open("a", encoding="utf-8") as fh:
        fh.write('[mail.work]\nemail = "me@example.org"\nimap_host = "imap.example.org"\n')
        fh.write('password_env = "PW"\nauto_apply = true\n')
    parsed = parse_message(raw("ann@acme.example", REJECTION))
    found = match(parsed, MatchIndex.build(env.store))
    assert found is not None
    where = {"account": "work", "folder": "INBOX", "uidvalidity": 7, "uid": 3}
    mail_intake.record(env, parsed, direction="received", match=found, **where)  # type: ignore[arg-type]
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.REJECTED


def test_dismissing_keeps_the_reply_but_not_the_consequence(env: Env, acme: dict[str, int]) -> None:
    mail_id = receive(env, raw("ann@acme.example", REJECTION))
    assert mail_intake.dismiss_suggestion(env, mail_id).suggestion_state == "dismissed"
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.ACTIVE
    assert len(records.touchpoints_of(env.store, acme["app"])) == 1


def test_sent_mail_is_recorded_as_sent_without_a_label(env: Env, acme: dict[str, int]) -> None:
    parsed = parse_message(raw("me@example.org", "Any news?", message_id="<s1@example.org>", to="ann@acme.example"))
    found = match(parsed, MatchIndex.build(env.store), direction="sent")
    assert found is not None
    mail_id = mail_intake.record(
        env, parsed, account="work", folder="Sent", uidvalidity=1, uid=5, direction="sent", match=found
    )
    row = store.get_mail_message(env.store, mail_id)
    assert (row.direction, row.label, row.suggestion) == ("sent", None, None)
    touchpoint = records.touchpoints_of(env.store, acme["app"])[-1]
    # Asking Ann for news after the interview is the round's status check (tests/test_mail_which_counts.py).
    assert (touchpoint.direction.value, touchpoint.kind.value) == ("sent", "status_check")


def test_reassign_moves_the_message_its_touchpoint_and_an_applied_closing(env: Env, acme: dict[str, int]) -> None:
    mail_id = receive(env, raw("ann@acme.example", REJECTION), auto_apply=True)
    row = mail_intake.reassign(env, mail_id, acme["other"])
    assert (row.application_id, row.match_reason, row.contact_id) == (acme["other"], "manual", None)
    assert records.touchpoints_of(env.store, acme["app"]) == []
    assert len(records.touchpoints_of(env.store, acme["other"])) == 1
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.ACTIVE
    assert records.get_application(env.store, acme["other"]).status is ApplicationStatus.REJECTED
    assert status_checks(env) == ["2026-11-25 09:00"]


def test_unmatch_forgets_all_but_the_fact_it_was_seen(env: Env, acme: dict[str, int]) -> None:
    mail_id = receive(env, raw("ann@acme.example", STILL_DECIDING))
    mail_intake.unmatch(env, mail_id)
    assert count(env, "mail_message") == 0
    assert records.touchpoints_of(env.store, acme["app"]) == []
    assert env.conn.execute("SELECT matched FROM mail_seen WHERE uid = 1").fetchone() == (0,)
    assert status_checks(env) == ["2026-11-25 09:00"]


def test_unmatch_keeps_a_touchpoint_that_was_there_before(env: Env, acme: dict[str, int]) -> None:
    applications.log_touchpoint(
        env,
        acme["app"],
        applications.NewTouchpoint(direction=Direction.RECEIVED, channel=Channel.EMAIL, message_id=ANN_ID),
    )
    mail_intake.unmatch(env, receive(env, raw("ann@acme.example", STILL_DECIDING)))
    assert len(records.touchpoints_of(env.store, acme["app"])) == 1


def test_attach_a_missed_message_by_hand(env: Env, acme: dict[str, int]) -> None:
    data = raw("someone@gmail.com", STILL_DECIDING, message_id="<missed@gmail.com>")
    mail_id = mail_intake.attach(env, data, acme["app"])
    row = store.get_mail_message(env.store, mail_id)
    assert (row.application_id, row.match_reason, row.account, row.suggestion_state) == (
        acme["app"],
        "manual",
        None,
        "pending",
    )
    assert mail_intake.attach(env, data, acme["app"]) == mail_id
    # Attaching it to another application moves it there.
    assert mail_intake.attach(env, data, acme["other"]) == mail_id
    assert store.get_mail_message(env.store, mail_id).application_id == acme["other"]
    assert count(env, "touchpoint") == 1


def test_attach_without_a_message_id_is_still_idempotent(env: Env, acme: dict[str, int]) -> None:
    msg = EmailMessage()
    msg["From"] = "x@y.example"
    msg["Subject"] = "Call me"
    msg.set_content("Please call me back.")
    assert mail_intake.attach(env, msg.as_bytes(), acme["app"]) == mail_intake.attach(env, msg.as_bytes(), acme["app"])


@pytest.mark.parametrize(
    ("label", "promised", "text"),
    [
        ("rejection", None, "close as rejected"),
        ("offer", None, "mark as offer, and answer"),
        ("next_round", None, "schedule the next interview"),
        ("info_request", None, "answer within a business day"),
        ("still_deciding", "2026-12-04", "the next follow-up waits until after Fri 4 Dec"),
        ("auto_reply", "2026-12-01", "the chase moves to after Tue 1 Dec"),
        ("still_deciding", None, None),
        ("other", None, None),
    ],
)
def test_suggestion_texts(label: str, promised: str | None, text: str | None) -> None:
    from datetime import date

    assert mail_intake.suggestion_for(label, date.fromisoformat(promised) if promised else None) == text


def test_an_offer_applied_marks_the_application(env: Env, acme: dict[str, int]) -> None:
    mail_id = receive(env, raw("ann@acme.example", "We are delighted to offer you the position of Data Analyst."))
    assert mail_intake.apply_suggestion(env, mail_id).suggestion_state == "applied"
    assert records.get_application(env.store, acme["app"]).status is ApplicationStatus.OFFER


def test_explicit_match_is_used_as_given(env: Env, acme: dict[str, int]) -> None:
    parsed = parse_message(raw("nobody@nowhere.example", STILL_DECIDING))
    where = {"account": "work", "folder": "INBOX", "uidvalidity": 7, "uid": 9}
    mail_id = mail_intake.record(
        env,
        parsed,
        direction="received",
        match=Match(acme["other"], None, "manual"),
        **where,  # type: ignore[arg-type]
    )
    assert store.get_mail_message(env.store, mail_id).application_id == acme["other"]


@pytest.fixture
def saved(env: Env, clock: Clock) -> dict[str, int]:
    """A job on the wishlist, with someone there the mail can be matched to."""
    app = applications.add_application(
        env, applications.NewApplication(company="Initech", role="Analyst", status=ApplicationStatus.WISHLIST)
    )
    bob = applications.add_contact(
        env,
        applications.NewContact(name="Bob Porter", role=ContactRole.HIRING_MANAGER, email="bob@initech.example"),
        application_id=app.id,
    )
    clock.set("2026-11-24T12:00:00+01:00")
    return {"app": app.id, "bob": bob.id}


@pytest.mark.parametrize("auto_apply", [False, True], ids=["suggested", "auto-applied"])
def test_a_rejection_for_a_job_on_the_wishlist_closes_it(env: Env, saved: dict[str, int], auto_apply: bool) -> None:
    mail_id = receive(
        env, raw("bob@initech.example", REJECTION, message_id="<no@initech.example>"), auto_apply=auto_apply
    )
    app = records.get_application(env.store, saved["app"])
    if not auto_apply:
        # They answered, so the user applied (on the day of their message, at the latest): it is active...
        assert (app.status, str(app.applied_on)) == (ApplicationStatus.ACTIVE, "2026-11-24")
        assert store.get_mail_message(env.store, mail_id).suggestion == "close as rejected"
        # ...and applying the suggestion closes it, as for any application.
        mail_intake.apply_suggestion(env, mail_id)
        app = records.get_application(env.store, saved["app"])
    assert app.status is ApplicationStatus.REJECTED
    assert app.closed_at == datetime.fromisoformat("2026-11-24T11:00:00+01:00")
    assert [i for i in agenda(env, days=30) if i.application_id == saved["app"]] == []


def test_a_reply_for_a_job_on_the_wishlist_makes_it_active(env: Env, saved: dict[str, int]) -> None:
    receive(env, raw("bob@initech.example", STILL_DECIDING, message_id="<wait@initech.example>"))
    app = records.get_application(env.store, saved["app"])
    assert (app.status, str(app.applied_on)) == (ApplicationStatus.ACTIVE, "2026-11-24")
