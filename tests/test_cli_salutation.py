"""`followup contact add/edit --honorific --salutation --language`: how drafts greet a contact, set
from the command line and used by the draft of a due action."""

from __future__ import annotations

from followup.domain.playbook import action_id

BEFORE = "2026-11-16T10:00:00+01:00"
AFTER = "2026-11-18T15:30:00+01:00"


def interviewed(run, style: str) -> None:
    run.ok("config", "set", "profile.name", "Ann Lee")
    run.ok("config", "set", "profile.email", "ann@example.org")
    run.ok("app", "add", "Müller GmbH", "Data Analyst", "--style", style, now=BEFORE)
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Zoë Weiß <zoe@mg.example>", now=BEFORE)
    run.ok("interview", "capture", "1", "--main-points", "forecasting models", now=AFTER)


def greeting(run) -> str:
    """The draft's first line; the checks find nothing wrong with it."""
    draft = run.json("draft", action_id(1, "thank_you", 1, 1)[:5], now=AFTER)
    assert [c for c in draft["checks"] if c["severity"] in ("error", "warning")] == [], draft["body"]
    body: str = draft["body"]
    return body.splitlines()[0]


def test_a_title_and_a_language_set_on_the_command_line_greet_in_the_draft(run):
    interviewed(run, "traditional")
    assert greeting(run) == "Dear Zoë Weiß,"  # traditional, but no title entered: the full name

    out = run.ok("contact", "edit", "Zoë Weiß", "--honorific", "Dr")
    assert "Drafts greet them as the company's style has it: “Dear Dr Weiß,” if traditional" in out
    assert greeting(run) == "Dear Dr Weiß,"

    out = run.ok("contact", "edit", "Zoë Weiß", "--honorific", "Frau Dr.", "--salutation", "title", "--language", "de")
    assert "Drafts greet them: “Sehr geehrte Frau Dr. Weiß,”" in out
    assert greeting(run) == "Sehr geehrte Frau Dr. Weiß,"

    run.ok("contact", "edit", "Zoë Weiß", "--salutation", "first", "--language", "none")
    assert greeting(run) == "Dear Zoë,"
    shown = run.json("contact", "list")
    assert [(c["honorific"], c["salutation"], c["language"]) for c in shown] == [("Frau Dr.", "first", None)]


def test_a_modern_company_greets_by_first_name_unless_the_contact_says_otherwise(run):
    interviewed(run, "modern")
    run.ok("contact", "edit", "Zoë Weiß", "--honorific", "Dr")
    assert greeting(run) == "Dear Zoë,"
    run.ok("contact", "edit", "Zoë Weiß", "--salutation", "full")
    assert greeting(run) == "Dear Zoë Weiß,"


def test_contact_add_takes_the_greeting_options_and_says_how_drafts_greet(run):
    out = run.ok("contact", "add", "José Núñez", "--honorific", "Sr.", "--salutation", "title", "--language", "es")
    assert "Drafts greet them: “Estimado Sr. Núñez:”" in out
    person = run.json("contact", "list")[0]
    assert (person["honorific"], person["salutation"], person["language"]) == ("Sr.", "title", "es")


def test_a_wrong_salutation_or_language_is_refused_with_the_choices(run):
    result = run("contact", "add", "Zoë Weiß", "--salutation", "nickname")
    assert result.exit_code == 2
    assert "first" in result.output
    assert "title" in result.output
    result = run("contact", "add", "Zoë Weiß", "--language", "it")
    assert result.exit_code == 2
    assert run.json("contact", "list") == []
