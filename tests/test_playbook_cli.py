"""The new and changed playbook rules as a job seeker meets them in the terminal."""

from __future__ import annotations

from followup.domain.playbook import action_id

APPLIED = "2026-11-16T10:00:00+01:00"  # a Monday
SEVENTH_BUSINESS_DAY = "2026-11-25T09:00:00+01:00"


def _profile(run) -> None:
    for key, value in (
        ("profile.name", "Sam Lee"),
        ("profile.email", "sam@example.org"),
        ("profile.phone", "+49 170 1234567"),
    ):
        run.ok("config", "set", key, value)


def test_an_application_without_an_answer_is_followed_up_on_the_7th_business_day(run):
    _profile(run)
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--applied", "2026-11-16", now=APPLIED)
    agenda = run.json("agenda", "--days", "30", now=APPLIED)
    check = [i for i in agenda if i["kind"] == "application_check"]
    assert [(i["due"], i["deadline"], i["status"], i["channel"]) for i in check] == [
        ("2026-11-25T09:00:00+01:00", "2026-11-30T09:00:00+01:00", "upcoming", "email")
    ]
    assert check[0]["reason"].startswith("You applied for the Data Analyst role at ACME Corp on Mon 16 Nov:")
    assert "you have no contact there yet" in check[0]["reason"]

    shown = run.ok("agenda", now=SEVENTH_BUSINESS_DAY)
    assert "Ask about your application" in shown

    draft = run.ok("draft", check[0]["id"], now=SEVENTH_BUSINESS_DAY)
    assert "To: nobody yet" in draft
    assert "Data Analyst" in draft
    assert "16 November" in draft  # the day of the application
    assert "interview" not in draft.lower()


def test_a_reply_stops_it_and_a_recorded_interview_replaces_it(run):
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--applied", "2026-11-16", now=APPLIED)
    run.ok("app", "add", "Globex", "Engineer", "--applied", "2026-11-16", now=APPLIED)
    run.ok("log", "acme", "--received", "--outcome", "still_deciding", "--at", "2026-11-20 10:00", now=APPLIED)
    run.ok("interview", "add", "globex", "--at", "2026-11-24 14:00", "--with", "Ann Lee <ann@globex.example>",
           now=APPLIED)  # fmt: skip
    agenda = run.json("agenda", "--days", "60", now=APPLIED)
    assert [i for i in agenda if i["kind"] == "application_check"] == []


def test_the_second_note_and_moving_on(run):
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--applied", "2026-11-16", now=APPLIED)
    first = action_id(1, "application_check", 1)
    run.ok("done", first, "--at", "2026-11-25 09:30", now=SEVENTH_BUSINESS_DAY)
    second = [i for i in run.json("agenda", "--days", "30", now=SEVENTH_BUSINESS_DAY)
              if i["kind"] == "application_check"]  # fmt: skip
    assert [(i["id"], i["due"]) for i in second] == [
        (action_id(1, "application_check", 2), "2026-12-04T09:00:00+01:00")
    ]
    run.ok("done", second[0]["id"], "--at", "2026-12-04 09:30", now="2026-12-04T09:30:00+01:00")
    move_on = [i for i in run.json("agenda", "--days", "30", now="2026-12-04T09:30:00+01:00")
               if i["kind"] == "move_on"]  # fmt: skip
    assert [i["due"] for i in move_on] == ["2026-12-18T09:30:00+01:00"]
    assert "close it as 'no response'" in move_on[0]["reason"]
    done = run.json("done", move_on[0]["id"], now="2026-12-18T10:00:00+01:00")
    assert done["consequences"] == ["The application is now closed without response."]


def _two_interviewers(run) -> None:
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--style", "modern", now=APPLIED)
    run.ok(
        "interview", "add", "acme", "--at", "2026-11-18 14:00",
        "--with", "Ann Lee <ann@acme.example>", "--with", "Bo Chen <bo@acme.example>", now=APPLIED,
    )  # fmt: skip


def _status_check(run, now: str) -> dict[str, str]:
    return next(i for i in run.json("agenda", "--days", "30", now=now) if i["kind"] == "status_check")


def test_logging_a_thank_you_letter_does_not_move_the_status_check_to_that_interviewer(run):
    _two_interviewers(run)
    before = _status_check(run, "2026-11-18T16:00:00+01:00")
    run.ok("log", "acme", "--channel", "letter", "--kind", "thank_you", "--contact", "Bo Chen",
           "--at", "2026-11-19 09:00", now="2026-11-19T09:00:00+01:00")  # fmt: skip
    after = _status_check(run, "2026-11-19T09:05:00+01:00")
    assert before["contact"] == after["contact"] == "Ann Lee"
    assert "(the first of the 2 people who interviewed you)" in after["reason"]


def test_a_thank_you_never_stays_overdue_for_weeks(run):
    _two_interviewers(run)
    overdue = run.json("agenda", now="2026-11-20T09:00:00+01:00")
    assert [i["status"] for i in overdue if i["kind"] == "thank_you"] == ["overdue", "overdue"]
    later = run.json("agenda", now="2026-12-04T09:00:00+01:00")  # 16 days after the interview
    assert [i for i in later if i["kind"] == "thank_you"] == []
