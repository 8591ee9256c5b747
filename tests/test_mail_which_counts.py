"""Which message counts, end to end through a real Dovecot and `followup mail sync`:

- mail to many (a newsletter, a job alert) or a machine's mail about nothing, from the
  company's domain, is no answer from the employer: the plan stays as it was;
- the user's own thank-you, found in Sent, is the thank-you: the action is done (and can
  be undone), also when the interviewer had already replied to it.
"""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from typing import Any

import pytest

from conftest import Cli, Clock
from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole
from followup.mail.accounts import MailAccount, add_account
from mail_servers import PASSWORD

PW_VAR = "FOLLOWUP_TEST_COUNTS_PASSWORD"
INTERVIEW = "2026-11-18T14:00:00+01:00"


def mail(sender: str, to: str, subject: str, mid: str, when: str, body: str, **headers: str) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Message-ID"] = sender, to, subject, f"<{mid}@test>"
    m["Date"] = datetime.fromisoformat(when).strftime("%a, %d %b %Y %H:%M:%S %z")
    for name, value in headers.items():
        m[name.replace("_", "-")] = value
    m.set_content(body)
    return m.as_bytes()


@pytest.fixture
def mailbox(env: Env, paths: dict[str, str], imap_server: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    user = imap_server.new_user()
    monkeypatch.setenv(PW_VAR, PASSWORD)
    account = MailAccount(
        name="home", email=f"{user}@example.test", imap_host=imap_server.host, imap_port=imap_server.port,
        imap_security="none", imap_user=user, password_env=PW_VAR,
    )  # fmt: skip
    add_account(paths["config"], account)
    return {
        "user": user,
        "me": account.email,
        "deliver": lambda raw, folder="INBOX": imap_server.deliver(user, raw, folder),
    }


def acme(env: Env, clock: Clock, decision_date: date | None) -> dict[str, int]:
    clock.set("2026-11-17T09:00:00+01:00")
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann.lee@acme.example"),
        application_id=app.id,
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(
            starts_at=datetime.fromisoformat(INTERVIEW), participants=[ann.id], decision_date=decision_date
        ),
    )
    return {"app": app.id, "ann": ann.id}


def plan_of(run: Cli, now: str) -> dict[str, dict[str, Any]]:
    """The agenda's actions by kind, as `followup agenda --json` shows them at `now`."""
    shown = run.json("agenda", "--days", "60", now=now)
    items = shown["items"] if isinstance(shown, dict) else shown
    return {item["kind"]: item for item in items}


# -- a newsletter does not move the chase ------------------------------------------------------


NEWSLETTER = (
    "Hi there,\n\nWe are hiring! Join our next interview day on 2 December and meet the team. "
    "Unfortunately our office will be closed on 24 December.\n\nThe ACME Careers team\n"
)


def test_a_newsletter_from_the_company_leaves_the_interviewers_promise_and_the_status_check(env, clock, run, mailbox):
    acme(env, clock, decision_date=date(2026, 12, 11))
    now = "2026-11-30T09:00:00+01:00"
    before = plan_of(run, now)["status_check"]
    assert "said you would hear by" in before["reason"]
    mailbox["deliver"](
        mail(
            "ACME Careers <careers@acme.example>", mailbox["me"], "ACME Careers: news from the team", "news1",
            "2026-11-28T08:00:00+01:00", NEWSLETTER,
            List_Unsubscribe="<https://acme.example/unsubscribe?u=1>", Precedence="bulk",
        )
    )  # fmt: skip
    synced = run.ok("mail", "sync", now=now)
    assert "ACME Careers: news from the team" in synced  # shown as other mail of the application
    after = plan_of(run, now)["status_check"]
    assert after["due"] == before["due"]
    assert after["reason"] == before["reason"]
    assert "last wrote" not in after["reason"]
    [(label, evidence, touchpoint)] = env.conn.execute(
        "SELECT label, evidence, touchpoint_id FROM mail_message"
    ).fetchall()
    assert (label, touchpoint) == ("other", None)
    assert "List-Unsubscribe" in evidence
    assert "other (List-Unsubscribe: mail sent to many, not an answer)" in run.ok("mail", "matches", now=now)


JOB_ALERT = (
    "Hi there,\n\nNew roles at ACME this week: Senior Analyst (Berlin), Data Engineer (remote). "
    "See all open roles on our careers site.\n\nThe ACME Careers team\n"
)


@pytest.mark.parametrize(
    ("sender", "headers", "body"),
    [
        ("ACME Jobs <jobs@acme.example>", {"List_Id": "ACME job alerts <alerts.acme.example>"}, NEWSLETTER),
        ("ACME <newsletter@acme.example>", {}, NEWSLETTER),
        ("ACME Talent <talent@acme.example>", {"Precedence": "list"}, NEWSLETTER),
        # A machine's mail counts only when it says what became of the application (the next test).
        ("ACME Careers <no-reply@acme.example>", {"Auto_Submitted": "auto-generated"}, JOB_ALERT),
        ("ACME Careers <noreply@acme.example>", {}, JOB_ALERT),
    ],
)
def test_bulk_or_automated_mail_never_becomes_the_company_last_writing(env, clock, run, mailbox, sender, headers, body):
    acme(env, clock, decision_date=None)
    now = "2026-11-23T09:00:00+01:00"
    before = plan_of(run, now)["status_check"]
    mailbox["deliver"](
        mail(sender, mailbox["me"], "Your job alert", "alert1", "2026-11-21T08:00:00+01:00", body, **headers)
    )
    run.ok("mail", "sync", now=now)
    after = plan_of(run, now)["status_check"]
    assert (after["due"], after["reason"]) == (before["due"], before["reason"])
    assert "ACME Corp last wrote" not in after["reason"]


def test_an_automated_rejection_from_an_applicant_tracking_address_still_counts(env, clock, run, mailbox):
    acme(env, clock, decision_date=None)
    now = "2026-11-23T09:00:00+01:00"
    mailbox["deliver"](
        mail(
            "ACME Careers <no-reply@acme.example>", mailbox["me"], "Your application", "rej1",
            "2026-11-21T08:00:00+01:00",
            "Dear applicant,\n\nUnfortunately, we have decided not to move forward with your application.\n",
            Auto_Submitted="auto-generated",
        )
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    [(label, suggestion)] = env.conn.execute("SELECT label, suggestion FROM mail_message").fetchall()
    assert (label, suggestion) == ("rejection", "close as rejected")
    assert "status_check" not in plan_of(run, now)


# -- the user's own thank-you, found in Sent -----------------------------------------------


THANK_YOU = "Dear Ann,\n\nThank you for taking the time to meet me today.\n\nBest regards,\nZoe\n"


def test_a_thank_you_found_in_sent_does_the_thank_you_even_after_the_interviewer_replied(env, clock, run, mailbox):
    ids = acme(env, clock, decision_date=None)
    now = "2026-11-20T09:00:00+01:00"
    overdue = plan_of(run, now)["thank_you"]
    assert overdue["status"] == "overdue"
    # Ann's answer to it is read first, then the thank-you itself turns up in Sent.
    mailbox["deliver"](
        mail(
            "Ann Lee <ann.lee@acme.example>", mailbox["me"], "Re: Thank you", "ann1", "2026-11-19T10:00:00+01:00",
            "Thanks Zoe, it was a pleasure.\n", In_Reply_To="<ty1@test>",
        )
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    assert plan_of(run, now)["thank_you"]["status"] == "overdue"
    mailbox["deliver"](
        mail(
            mailbox["me"], "Ann Lee <ann.lee@acme.example>", "Thank you", "ty1", "2026-11-18T18:30:00+01:00", THANK_YOU
        ),
        "Sent",
    )
    run.ok("mail", "sync", now=now)
    after = plan_of(run, now)
    assert "thank_you" not in after
    [(kind, contact, action_id)] = env.conn.execute(
        "SELECT kind, contact_id, action_id FROM touchpoint WHERE message_id = '<ty1@test>'"
    ).fetchall()
    assert (kind, contact, action_id) == ("thank_you", ids["ann"], overdue["id"])
    matches = run.ok("mail", "matches", now=now)
    assert "your thank-you to Ann Lee" in matches
    # Done like any other done mark: undo brings it back.
    run.ok("undo", overdue["id"], now=now)
    assert plan_of(run, now)["thank_you"]["id"] == overdue["id"]
    assert "your thank-you to Ann Lee" not in run.ok("mail", "matches", now=now)


def test_a_sent_message_that_answers_nothing_stays_other(env, clock, run, mailbox):
    acme(env, clock, decision_date=None)
    now = "2026-11-20T09:00:00+01:00"
    mailbox["deliver"](
        mail(
            mailbox["me"], "Ann Lee <ann.lee@acme.example>", "Portfolio link", "pf1", "2026-11-18T19:00:00+01:00",
            "Dear Ann,\n\nHere is the portfolio link I mentioned: https://example.org/zoe\n\nZoe\n",
        ),
        "Sent",
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    [(kind, action_id)] = env.conn.execute("SELECT kind, action_id FROM touchpoint WHERE direction = 'sent'").fetchall()
    assert (kind, action_id) == ("other", None)
    assert plan_of(run, now)["thank_you"]["status"] == "overdue"


def test_a_status_check_found_in_sent_is_the_status_check(env, clock, run, mailbox):
    acme(env, clock, decision_date=None)
    now = "2026-11-27T09:00:00+01:00"
    check = plan_of(run, now)["status_check"]
    mailbox["deliver"](
        mail(
            mailbox["me"], "Ann Lee <ann.lee@acme.example>", "Data Analyst: any update?", "sc1",
            "2026-11-26T10:00:00+01:00",
            "Dear Ann,\n\nThank you again for the interview on 18 November. I wanted to ask whether there is "
            "any update on your decision.\n\nBest regards,\nZoe\n",
        ),
        "Sent",
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    after = plan_of(run, now)
    assert "status_check" not in after
    [(kind, action_id)] = env.conn.execute(
        "SELECT kind, action_id FROM touchpoint WHERE message_id = '<sc1@test>'"
    ).fetchall()
    assert (kind, action_id) == ("status_check", check["id"])
    assert after["follow_up_call"]["reason"].startswith("If your status check of Thu 26 Nov stays unanswered")


def test_mail_with_list_headers_that_answers_the_users_own_message_counts(env, clock, run, mailbox):
    # An applicant-tracking system may put List-Unsubscribe on its replies: one in the thread is an answer.
    acme(env, clock, decision_date=None)
    now = "2026-11-27T09:00:00+01:00"
    mailbox["deliver"](
        mail(
            mailbox["me"], "Ann Lee <ann.lee@acme.example>", "Any update?", "sc2", "2026-11-25T10:00:00+01:00",
            "Dear Ann,\n\nI wanted to ask whether there is any update.\n\nZoe\n",
        ),
        "Sent",
    )  # fmt: skip
    mailbox["deliver"](
        mail(
            "ACME Careers <careers@acme.example>", mailbox["me"], "Re: Any update?", "ats3",
            "2026-11-26T10:00:00+01:00",
            "Dear Zoe,\n\nUnfortunately, we have decided not to move forward with your application.\n",
            List_Unsubscribe="<mailto:unsubscribe@acme.example>", In_Reply_To="<sc2@test>",
        )
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    [(label, suggestion)] = env.conn.execute(
        "SELECT label, suggestion FROM mail_message WHERE direction = 'received'"
    ).fetchall()
    assert (label, suggestion) == ("rejection", "close as rejected")


def test_one_thank_you_to_two_interviewers_does_both_thank_yous(env, clock, run, mailbox):
    ids = acme(env, clock, decision_date=None)
    bob = applications.add_contact(
        env,
        applications.NewContact(name="Bob Stone", role=ContactRole.INTERVIEWER, email="bob.stone@acme.example"),
        application_id=ids["app"],
    )
    [interview] = env.conn.execute("SELECT id FROM interview").fetchall()
    applications.edit_interview(env, interview[0], applications.InterviewChanges(participants=[ids["ann"], bob.id]))
    now = "2026-11-20T09:00:00+01:00"
    assert [i["kind"] for i in run.json("agenda", now=now)].count("thank_you") == 2
    thanks = mail(
        mailbox["me"], "Ann Lee <ann.lee@acme.example>", "Thank you", "ty2", "2026-11-18T18:30:00+01:00", THANK_YOU,
        Cc="Bob Stone <bob.stone@acme.example>",
    )  # fmt: skip
    mailbox["deliver"](thanks, "Sent")
    run.ok("mail", "sync", now=now)
    assert "thank_you" not in plan_of(run, now)


def test_an_answer_to_a_request_in_its_thread_is_recorded_as_the_answer(env, clock, run, mailbox):
    acme(env, clock, decision_date=None)
    now = "2026-11-23T12:00:00+01:00"
    mailbox["deliver"](
        mail(
            "Ann Lee <ann.lee@acme.example>", mailbox["me"], "References", "req1", "2026-11-23T09:00:00+01:00",
            "Dear Zoe,\n\nCould you please send us the names of two references?\n\nAnn\n",
        )
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    assert "respond" in plan_of(run, now)
    mailbox["deliver"](
        mail(
            mailbox["me"], "Ann Lee <ann.lee@acme.example>", "Re: References", "ans1", "2026-11-23T11:00:00+01:00",
            "Dear Ann,\n\nHere they are: Max Muster and Erika Beispiel.\n\nZoe\n", In_Reply_To="<req1@test>",
        ),
        "Sent",
    )  # fmt: skip
    run.ok("mail", "sync", now=now)
    assert "respond" not in plan_of(run, now)
    [(kind,)] = env.conn.execute("SELECT kind FROM touchpoint WHERE message_id = '<ans1@test>'").fetchall()
    assert kind == "response"
    assert "your answer to Ann Lee to what they wrote on Mon 23 Nov" in run.ok("mail", "matches", now=now)


@pytest.mark.parametrize(
    ("headers", "label", "in_thread", "counts"),
    [
        ({"list_unsubscribe": "<mailto:u@acme.example>"}, "rejection", False, False),
        ({"list_id": "<jobs.acme.example>"}, "next_round", False, False),
        ({"precedence": "Bulk"}, "other", False, False),
        ({"precedence": "auto_reply"}, "auto_reply", False, True),
        ({"from_addr": "newsletter@acme.example"}, "offer", False, False),
        ({"auto_submitted": "auto-generated"}, "rejection", False, True),
        ({"auto_submitted": "auto-generated"}, "still_deciding", False, False),
        ({"auto_submitted": "auto-replied"}, "auto_reply", False, True),
        ({"auto_submitted": "no"}, "other", False, True),
        ({"from_addr": "do-not-reply@acme.example"}, "info_request", False, True),
        ({"from_addr": "no_reply@acme.example"}, "other", False, False),
        ({"from_addr": "ann.news@acme.example"}, "other", False, True),  # a person whose name holds "news"
        ({"from_addr": "offers@acme.example"}, "offer", False, True),
        ({"list_unsubscribe": "<mailto:u@acme.example>"}, "rejection", True, True),
    ],
)
def test_which_received_mail_is_no_answer(headers, label, in_thread, counts):
    from followup.mail.bulk import no_answer
    from followup.mail.parse import ParsedMessage

    message = ParsedMessage(**{"from_addr": "careers@acme.example", **headers})
    assert (no_answer(message, label, in_thread=in_thread) is None) is counts
