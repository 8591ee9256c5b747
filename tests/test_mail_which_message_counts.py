"""Which message counts, end to end through Dovecot and aiosmtpd (issue #14): a promise of news is the
employer's word and only a later promise replaces it; a status check replies in the interviewer's own
thread; an answer to a generic address (careers@) goes back to it, or to whom the user picks."""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

from email.message import EmailMessage

from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    STATUS_CHECK,
    agenda_ids,
    folder,
    job,
    mail_command,
    received,
    user,
)

ME = "zoe@example.org"


def mail(sender: str, subject: str, body: str, when: str, mid: str, *, replies_to: list[str] | None = None) -> bytes:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"], m["Date"] = sender, f"Zoë O'Brien <{ME}>", subject, when
    m["Message-ID"] = f"<{mid}@acme.example>"
    if replies_to:
        m["In-Reply-To"] = f"<{replies_to[-1]}@acme.example>"
        m["References"] = " ".join(f"<{r}@acme.example>" for r in replies_to)
    m.set_content(body)
    return m.as_bytes()


def sync(job, now: str) -> None:
    job.ok("mail", "sync", now=now)


def agenda(job, now: str) -> dict[str, dict[str, object]]:
    return {item["id"]: item for item in job.json("agenda", now=now)}


ANN_PROMISE = mail(
    "Ann Lee <ann@acme.example>",
    "Re: Your interview",
    "Hi Zoë,\n\nThank you for your patience. We are still talking to a few candidates and will let you "
    "know our decision by 11 December.\n\nBest,\nAnn",
    "Fri, 20 Nov 2026 10:00:00 +0100",
    "ann-2",
)
CAREERS_REQUEST = mail(
    "ACME Careers <careers@acme.example>",
    "References",
    "Dear Zoë,\n\nCould you please send us the contact details of two references by Friday?\n\n"
    "Kind regards,\nACME Talent Team",
    "Tue, 24 Nov 2026 10:00:00 +0100",
    "careers-1",
)


def test_a_deadline_for_you_from_the_careers_address_does_not_replace_the_interviewers_promise(job, imap_server, user):
    imap_server.deliver(user, ANN_PROMISE)
    imap_server.deliver(user, CAREERS_REQUEST)
    sync(job, "2026-11-24T12:00:00+01:00")
    # The user answers the request from their own mail program.
    job.ok(
        "log", "1", "--subject", "Re: References", "--at", "2026-11-24 15:00", now="2026-11-24T15:00:00+01:00"
    )  # fmt: skip
    facts = job.json("show", "1", now="2026-11-24T15:00:00+01:00")
    promised = {t["subject"]: t["promised_date"] for t in facts["touchpoints"] if t["direction"] == "received"}
    assert promised["Re: Your interview"] == "2026-12-11"
    # Neither the request's deadline nor answering it moved the status check: it waits for Ann's date.
    check = agenda(job, "2026-12-14T09:30:00+01:00")[STATUS_CHECK]
    assert str(check["due"]).startswith("2026-12-14T09:00")
    assert "said you would hear by Fri 11 Dec" in str(check["reason"])
    drafted = job.json("mail", "draft", STATUS_CHECK, now="2026-12-14T09:30:00+01:00")
    assert "11 Dec" in drafted["body"]
    assert "27 Nov" not in drafted["body"]
    [(_flags, message)] = folder(imap_server, user, "Drafts")
    assert message["To"].addresses[0].addr_spec == "ann@acme.example"
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    text = plain.get_content()
    assert "11 Dec" in text
    assert "27 Nov" not in text


def test_a_later_promise_from_another_person_at_the_company_replaces_the_earlier(job, imap_server, user):
    imap_server.deliver(user, ANN_PROMISE)
    imap_server.deliver(
        user,
        mail(
            "Bob Stone <bob@acme.example>",
            "Timeline",
            "Hi Zoë,\n\nA quick update: we now expect to decide by 4 December.\n\nBob",
            "Tue, 24 Nov 2026 10:00:00 +0100",
            "bob-1",
        ),
    )
    sync(job, "2026-11-25T08:00:00+01:00")
    check = agenda(job, "2026-12-07T09:30:00+01:00")[STATUS_CHECK]
    assert str(check["due"]).startswith("2026-12-07T09:00")
    assert "said you would hear by Fri 4 Dec" in str(check["reason"])


def test_the_status_check_replies_in_the_interviewers_own_thread_only(job, imap_server, user, smtp_server):
    deliver = imap_server.deliver
    deliver(
        user,
        mail(
            "ACME Talent Team <talent@acme.example>",
            "Interview logistics",
            "Dear Zoë,\n\nPlease bring an ID to reception.\n\nACME Talent Team",
            "Tue, 17 Nov 2026 09:00:00 +0100",
            "talent-1",
        ),
    )
    deliver(
        user,
        mail(
            "Ann Lee <ann@acme.example>",
            "Your interview",
            "Hi Zoë,\n\nIt was a pleasure to meet you today.\n\nAnn",
            "Wed, 18 Nov 2026 16:00:00 +0100",
            "ann-1",
        ),
    )
    deliver(
        user,
        mail(
            "Ann Lee <ann@acme.example>",
            "Re: Your interview",
            "Hi Zoë,\n\nThanks for the slides you sent.\n\nAnn",
            "Thu, 19 Nov 2026 10:00:00 +0100",
            "ann-2",
            replies_to=["ann-1"],
        ),
    )
    deliver(
        user,
        mail(
            "ACME Talent Team <talent@acme.example>",
            "Re: Interview logistics",
            "Dear Zoë,\n\nYour travel expenses have been approved.\n\nACME Talent Team",
            "Thu, 19 Nov 2026 16:00:00 +0100",
            "talent-2",
            replies_to=["talent-1"],
        ),
    )
    sync(job, "2026-11-19T17:00:00+01:00")
    result = job("mail", "send", STATUS_CHECK, "--yes", "--json", now="2026-11-23T09:30:00+01:00")
    assert result.exit_code == 0, result.output
    [message] = received(smtp_server)
    assert [a.addr_spec for a in message["To"].addresses] == ["ann@acme.example"]
    assert message["Subject"] == "Re: Your interview"
    assert message["In-Reply-To"] == "<ann-2@acme.example>"
    assert message["References"].split() == ["<ann-1@acme.example>", "<ann-2@acme.example>"]


REQUEST_FROM_CAREERS = mail(
    "ACME Careers <careers@acme.example>",
    "References",
    "Dear Zoë,\n\nCould you please send us the contact details of two references?\n\nKind regards,\nACME Talent Team",
    "Thu, 19 Nov 2026 10:00:00 +0100",
    "careers-1",
)


def respond_id(job, now: str) -> str:
    [found] = [item["id"] for item in job.json("agenda", now=now) if item["kind"] == "respond"]
    return str(found)


def test_an_answer_to_the_careers_address_goes_back_to_it(job, imap_server, user, smtp_server):
    imap_server.deliver(user, REQUEST_FROM_CAREERS)
    sync(job, "2026-11-19T11:00:00+01:00")
    respond = respond_id(job, "2026-11-19T11:00:00+01:00")
    result = job("mail", "send", respond, "--yes", "--json", now="2026-11-19T11:30:00+01:00")
    assert result.exit_code == 0, result.output
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["careers@acme.example"]
    [message] = received(smtp_server)
    assert message["In-Reply-To"] == "<careers-1@acme.example>"
    assert message["Subject"] == "Re: References"
    assert respond not in agenda_ids(job, "2026-11-19T11:30:00+01:00")


def test_mail_draft_to_picks_the_recipient_and_checks_the_address(job, imap_server, user):
    imap_server.deliver(user, REQUEST_FROM_CAREERS)
    sync(job, "2026-11-19T11:00:00+01:00")
    respond = respond_id(job, "2026-11-19T11:00:00+01:00")
    bad = job("mail", "draft", respond, "--to", "careers@acme", "--json", now="2026-11-19T11:30:00+01:00")
    assert bad.exit_code == 2
    assert "is not an email address" in bad.output
    assert folder(imap_server, user, "Drafts") == []
    to_ann = job.json("mail", "draft", respond, "--to", "Ann Lee", now="2026-11-19T11:30:00+01:00")
    assert to_ann["state"] == "drafted"
    [(_flags, message)] = folder(imap_server, user, "Drafts")
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [("Ann Lee", "ann@acme.example")]
    # Another address replaces that copy in Drafts.
    job.ok("mail", "draft", respond, "--to", "hr@acme.example", now="2026-11-19T11:40:00+01:00")
    [(_flags, message)] = folder(imap_server, user, "Drafts")
    assert [a.addr_spec for a in message["To"].addresses] == ["hr@acme.example"]
    # Without --to it goes back to the address the request came from.
    job.ok("mail", "draft", respond, now="2026-11-19T11:50:00+01:00")
    [(_flags, message)] = folder(imap_server, user, "Drafts")
    assert [a.addr_spec for a in message["To"].addresses] == ["careers@acme.example"]


def test_a_date_in_a_request_is_never_said_back_as_their_promise(job):
    """Whatever the reader makes of "by Friday" in a request, a draft never states it as a decision date."""
    job.ok(
        "log", "1", "--received", "--contact", "Ann Lee", "--outcome", "still_deciding", "--promised", "2026-12-11",
        "--subject", "Re: Your interview", "--at", "2026-11-20 10:00", now="2026-11-20T10:00:00+01:00",
    )  # fmt: skip
    job.ok(
        "log", "1", "--received", "--outcome", "info_request", "--promised", "2026-11-27", "--subject", "References",
        "--at", "2026-11-24 10:00", now="2026-11-24T10:00:00+01:00",
    )  # fmt: skip
    job.ok("log", "1", "--subject", "Re: References", "--at", "2026-11-24 15:00", now="2026-11-24T15:00:00+01:00")
    check = agenda(job, "2026-12-14T09:30:00+01:00")[STATUS_CHECK]
    assert str(check["due"]).startswith("2026-12-14T09:00")
    body = job.json("draft", STATUS_CHECK, now="2026-12-14T09:30:00+01:00")["body"]
    assert "11 Dec" in body
    assert "27 Nov" not in body


def test_the_draft_page_can_offer_whom_to_send_to_and_send_there(job, env, clock, imap_server, user, smtp_server):
    """What the web's draft page offers and passes on (`recipient_choices`, `send_now(to=...)`)."""
    from followup.app import drafts, mail_sending

    imap_server.deliver(user, REQUEST_FROM_CAREERS)
    sync(job, "2026-11-19T11:00:00+01:00")
    respond = respond_id(job, "2026-11-19T11:00:00+01:00")
    clock.set("2026-11-19T11:30:00+01:00")
    draft = drafts.for_action(env, respond).draft
    choices = mail_sending.recipient_choices(env, 1, draft.to)
    assert [(c.label, c.chosen) for c in choices] == [
        ("ACME Careers <careers@acme.example>", True),
        ("Ann Lee <ann@acme.example>", False),
    ]
    sent = mail_sending.send_now(env, respond, "work", tone=None, kind=None, to=choices[1].address)
    assert "Sent to Ann Lee" in sent.message
    assert [e.rcpt_tos for e in smtp_server.messages] == [["ann@acme.example"]]


def test_a_send_goes_where_the_copy_in_drafts_goes_or_asks_whom(job, imap_server, user, smtp_server):
    imap_server.deliver(user, REQUEST_FROM_CAREERS)
    sync(job, "2026-11-19T11:00:00+01:00")
    respond = respond_id(job, "2026-11-19T11:00:00+01:00")
    job.ok("mail", "draft", respond, "--to", "hr@acme.example", now="2026-11-19T11:30:00+01:00")
    unsure = job("mail", "send", respond, "--yes", now="2026-11-19T11:40:00+01:00")
    assert unsure.exit_code != 0
    assert "put in Drafts for hr@acme.example, but the draft is now for careers@acme.example" in unsure.output
    assert smtp_server.messages == []
    job.ok("mail", "send", respond, "--yes", "--to", "hr@acme.example", now="2026-11-19T11:45:00+01:00")
    assert [e.rcpt_tos for e in smtp_server.messages] == [["hr@acme.example"]]
    assert folder(imap_server, user, "Drafts") == []
