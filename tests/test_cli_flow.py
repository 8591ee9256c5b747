"""A job seeker's week, driven through the CLI, with the agenda's JSON compared exactly."""

from __future__ import annotations

from pathlib import Path

from followup.app.plan import ENGINE_VERSION  # noqa: F401  (import proves the module loads)
from followup.domain.playbook import action_id, keep_searching_id

INTERVIEW_DAY = "2026-11-18T15:30:00+01:00"


def _setup(run) -> None:
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--style", "modern", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview", "add", "acme", "--at", "2026-11-18 14:00", "--kind", "video",
        "--with", "Ann Lee <ann.lee@acme.example>", now="2026-11-16T10:05:00+01:00",
    )  # fmt: skip
    run.ok(
        "interview", "capture", "1", "--prefers", "Ann Lee=email", "--next-steps", "Team debrief",
        "--timeline", "we will decide by Friday", "--main-points", "SQL and dashboards", now=INTERVIEW_DAY,
    )  # fmt: skip


def test_agenda_json_after_an_interview_is_exact(run):
    _setup(run)
    agenda = run.json("agenda", now=INTERVIEW_DAY)
    nudge = keep_searching_id(__import__("datetime").datetime.fromisoformat("2026-11-16T10:00:00+01:00"))
    assert agenda == [
        {
            "id": nudge,
            "kind": "keep_searching",
            "application_id": None,
            "company": None,
            "role": None,
            "contact": None,
            "channel": None,
            "due": "2026-11-16T10:00:00+01:00",
            "deadline": None,
            "status": "due",
            "reason": "Only 1 application is active: apply for more so that your search never hangs on "
            "one answer (you want 3).",
        },
        {
            "id": action_id(1, "thank_you", 1, 1),
            "kind": "thank_you",
            "application_id": 1,
            "company": "ACME Corp",
            "role": "Data Analyst",
            "contact": "Ann Lee",
            "channel": "email",
            "due": "2026-11-18T15:00:00+01:00",
            "deadline": "2026-11-19T15:00:00+01:00",
            "status": "due",
            "reason": "Email Ann Lee a thank-you for the interview on Wed 18 Nov within 24 hours; "
            "thanking them is the whole point (after Wed 25 Nov it leaves your list).",
        },
        {
            "id": action_id(1, "status_check", 1),
            "kind": "status_check",
            "application_id": 1,
            "company": "ACME Corp",
            "role": "Data Analyst",
            "contact": "Ann Lee",
            "channel": "email",
            "due": "2026-11-23T09:00:00+01:00",
            "deadline": "2026-11-25T09:00:00+01:00",
            "status": "upcoming",
            "reason": "ACME Corp said you would hear by Fri 20 Nov: if nothing has come, email Ann Lee to ask "
            "politely for an update, replying in your last thread.",
        },
    ]


def test_days_window_and_status_labels(run):
    _setup(run)
    later = run.json("agenda", "--days", "7", now=INTERVIEW_DAY)
    kinds = [item["kind"] for item in later]
    assert kinds == ["keep_searching", "thank_you", "status_check"]
    status_check = later[-1]
    # Decision promised "by Friday" (20 Nov): first business day after it, at 09:00.
    assert status_check["due"] == "2026-11-23T09:00:00+01:00"
    assert status_check["deadline"] == "2026-11-25T09:00:00+01:00"
    assert status_check["status"] == "upcoming"
    overdue = run.json("agenda", now="2026-11-20T09:00:00+01:00")
    assert {i["kind"]: i["status"] for i in overdue}["thank_you"] == "overdue"


def test_the_whole_chase_and_a_rejection(run):
    _setup(run)
    thank_you = action_id(1, "thank_you", 1, 1)
    done = run.json("done", thank_you[:6], "--at", "2026-11-18 17:00", now=INTERVIEW_DAY)
    assert done["action"]["kind"] == "thank_you"
    assert done["next"][0]["kind"] == "status_check"
    assert "thank_you" not in [i["kind"] for i in run.json("agenda", now=INTERVIEW_DAY)]

    status_check = action_id(1, "status_check", 1)
    agenda = run.json("agenda", now="2026-11-23T09:30:00+01:00")
    assert [i["id"] for i in agenda if i["kind"] == "status_check"] == [status_check]
    run.ok("done", status_check, now="2026-11-23T09:30:00+01:00")

    # Unanswered email: call 3 business days later (Thu 26 Nov), at 10:00.
    call = [i for i in run.json("agenda", "--days", "30", now="2026-11-23T10:00:00+01:00")
            if i["kind"] == "follow_up_call"]  # fmt: skip
    assert call[0]["due"] == "2026-11-26T10:00:00+01:00"
    assert call[0]["channel"] == "phone"

    # They answer with a new date: the call waits for 09:00 on the first business day after it.
    logged = run.json(
        "log", "acme", "--received", "--contact", "Ann Lee", "--outcome", "still_deciding",
        "--promised", "2026-12-04", "--at", "2026-11-24 11:00", now="2026-11-24T11:05:00+01:00",
    )  # fmt: skip
    assert logged["touchpoint"]["promised_date"] == "2026-12-04"
    call = [i for i in run.json("agenda", "--days", "30", now="2026-11-24T11:05:00+01:00")
            if i["kind"] == "follow_up_call"]  # fmt: skip
    assert call[0]["due"] == "2026-12-07T09:00:00+01:00"

    # A rejection closes the application and ends the chase.
    result = run.json("log", "acme", "--received", "--outcome", "rejection", now="2026-12-01T12:00:00+01:00")
    assert result["consequences"] == ["The application is now marked rejected."]
    remaining = run.json("agenda", "--days", "60", now="2026-12-01T12:00:00+01:00")
    assert [i["kind"] for i in remaining] == ["keep_searching"]
    assert run.json("app", "list")[0]["status"] == "rejected"


def test_snooze_skip_and_undo(run):
    _setup(run)
    thank_you = action_id(1, "thank_you", 1, 1)
    snoozed = run.json("snooze", thank_you, "--for", "2h", now=INTERVIEW_DAY)
    assert snoozed["until"] == "2026-11-18T17:30:00+01:00"
    assert thank_you not in [i["id"] for i in run.json("agenda", "--days", "0", now=INTERVIEW_DAY)]
    back = {i["id"]: i for i in run.json("agenda", "--days", "0", now="2026-11-18T17:31:00+01:00")}
    assert back[thank_you]["due"] == "2026-11-18T17:30:00+01:00"

    run.ok("skip", thank_you, now=INTERVIEW_DAY)
    assert thank_you not in [i["id"] for i in run.json("agenda", "--days", "30", now=INTERVIEW_DAY)]
    again = run(*["done", thank_you], now=INTERVIEW_DAY)
    assert again.exit_code == 5
    assert "already skipped" in again.output
    assert "followup undo" in again.output
    run.ok("undo", thank_you)
    assert thank_you in [i["id"] for i in run.json("agenda", now=INTERVIEW_DAY)]


def test_ids_are_stable_across_runs_and_unrelated_edits(run):
    _setup(run)
    before = [i["id"] for i in run.json("agenda", "--days", "30", now=INTERVIEW_DAY)]
    run.ok("app", "edit", "acme", "--notes", "Met the team lead too", "--url", "https://acme.example/jobs/7")
    after = [i["id"] for i in run.json("agenda", "--days", "30", now=INTERVIEW_DAY)]
    assert before == after


def test_a_recruiter_gets_the_debrief_and_the_final_thanks(run):
    run.ok("app", "add", "Globex", "Analyst", "--recruiter", "Jane Roe <jane@agency.example>",
           now="2026-11-16T10:00:00+01:00")  # fmt: skip
    run.ok("interview", "add", "globex", "--at", "2026-11-18 14:00", "--with", "Hank Scorpio",
           now="2026-11-16T10:00:00+01:00")  # fmt: skip
    kinds = {i["kind"]: i for i in run.json("agenda", now="2026-11-18T15:00:00+01:00")}
    debrief = kinds["recruiter_debrief"]
    assert (debrief["contact"], debrief["channel"]) == ("Jane Roe", "phone")
    assert debrief["deadline"] == "2026-11-18T18:00:00+01:00"
    run.ok("app", "edit", "globex", "--status", "rejected", now="2026-11-25T10:00:00+01:00")
    final = run.json("agenda", now="2026-11-25T10:00:00+01:00")
    assert [i["kind"] for i in final if i["application_id"] == 1] == ["thank_recruiter"]


def test_pretty_agenda_shows_sections_reasons_and_escapes_markup(run):
    run.ok("app", "add", "[bold]Evil[/bold] <script>", "Tester", now="2026-11-16T10:00:00+01:00")
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann [red]Lee[/red]",
           now="2026-11-16T10:00:00+01:00")  # fmt: skip
    out = run.ok("agenda", now="2026-11-18T15:30:00+01:00")
    assert "Due now" in out
    assert "[bold]Evil[/bold] <script>" in out
    assert "Ann [red]Lee[/red]" in out
    assert "Record what you did" in out


def test_bare_followup_welcomes_a_new_user_with_the_first_steps(run):
    out = run.ok(now="2026-11-16T10:00:00+01:00")
    assert out.startswith("Welcome to followup.")
    # The first step is the applications waiting for an answer (followed up before any interview);
    # the interview comes when there is one, not as part of the first step.
    assert "Start by adding the applications you are waiting to hear back on" in out
    assert "an application and its interview" not in out
    assert 'followup app add "ACME Corp" "Data Analyst" --applied 2026-11-10' in out
    assert "followup import tracker.csv" in out
    assert out.index("followup app add") < out.index("When you get an interview") < out.index("interview add")
    # Short lines: the prose fits an 80-column terminal.
    assert all(len(line) <= 80 for line in out.splitlines() if not line.startswith("  followup"))
    assert run.json("agenda", now="2026-11-16T10:00:00+01:00")[0]["kind"] == "keep_searching"


def test_the_readme_shows_the_welcome_as_it_is(run):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ followup\n", 1)[1].split("```", 1)[0]
    assert shown.rstrip("\n") == run.ok(now="2026-11-16T10:00:00+01:00").rstrip("\n")


def test_a_long_agenda_shows_a_page_per_section_and_all_on_request(run):
    run.ok("config", "set", "timezone", "Europe/Berlin")
    for n in range(30):
        run.ok("app", "add", f"Company {n}", "Analyst", now="2026-11-16T10:00:00+01:00")
        run.ok("interview", "add", str(n + 1), "--at", "2026-11-18 14:00", now="2026-11-16T10:00:00+01:00")
    page = run.ok("agenda", "--days", "0", now="2026-11-18T15:30:00+01:00")
    assert "… and 35 more due now (followup agenda --all)" in page
    everything = run.ok("agenda", "--days", "0", "--all", now="2026-11-18T15:30:00+01:00")
    assert "more due now" not in everything
    assert everything.count("Fill in the interview details") == 30
    assert len(run.json("agenda", "--days", "0", now="2026-11-18T15:30:00+01:00")) == 60
