"""The command line reads what people type as the web reads it: the same field rules, the same
snooze choices, the same days, and ids printed as they are typed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from followup.app.agenda import snooze_until
from followup.domain.days import read_day
from followup.domain.playbook import keep_searching_id

MONDAY = "2026-11-16T10:00:00+01:00"
NUDGE = keep_searching_id(datetime.fromisoformat(MONDAY))


# -- one set of field rules ---------------------------------------------------------------------


def test_config_refuses_an_email_address_the_settings_page_refuses(run, paths):
    before = Path(paths["config"]).read_text(encoding="utf-8")
    result = run("config", "set", "profile.email", "not an email")
    assert result.exit_code == 2, result.output
    assert "profile.email: 'not an email' is not an email address" in result.output
    assert "like name@example.com" in result.output
    # Nothing was written, so no draft is ever signed with it.
    assert Path(paths["config"]).read_text(encoding="utf-8") == before
    assert run.ok("config", "get", "profile.email").strip() == ""


def test_config_refuses_a_phone_number_without_digits(run):
    result = run("config", "set", "profile.phone", "call me")
    assert result.exit_code == 2
    assert "profile.phone: 'call me' is not a phone number" in result.output
    run.ok("config", "set", "profile.phone", "+49 170 1234567")


@pytest.mark.parametrize(
    "args",
    [
        ["contact", "add", "Bob", "--email", "not an email"],
        ["app", "add", "ACME", "Analyst", "--recruiter", "Rita <not an email>"],
        ["reference", "1", "Carl", "--email", "not an email"],
    ],
)
def test_every_command_that_takes_an_address_refuses_one_that_is_not(run, args):
    if args[0] == "reference":
        run.ok("app", "add", "ACME", "Analyst")
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "'not an email' is not an email address (like name@example.com)" in result.output
    assert "not an email" not in run.ok("contact", "list", "--json")


# -- snoozing in the web's words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "until"),
    [
        ("tomorrow", "2026-11-17T09:00:00+01:00"),
        ("Tomorrow", "2026-11-17T09:00:00+01:00"),
        ("next week", "2026-11-23T09:00:00+01:00"),
        ("monday", "2026-11-23T09:00:00+01:00"),  # the next one, never today
        ("friday", "2026-11-20T09:00:00+01:00"),
        ("2026-12-01", "2026-12-01T09:00:00+01:00"),
        ("1.12.2026", "2026-12-01T09:00:00+01:00"),
        ("3 days", "2026-11-19T10:00:00+01:00"),
        ("2d", "2026-11-18T10:00:00+01:00"),
        ("4 hours", "2026-11-16T14:00:00+01:00"),
    ],
)
def test_snooze_takes_the_words_the_web_offers(run, words, until):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    snoozed = run.json("snooze", NUDGE, "--for", words, now=MONDAY)
    assert snoozed["until"] == until


def test_snooze_tomorrow_comes_back_when_the_web_button_would():
    now = datetime.fromisoformat(MONDAY)
    assert snooze_until("tomorrow", None, now).isoformat() == "2026-11-17T09:00:00+01:00"


@pytest.mark.parametrize("words", ["soon", "3 months", "monkey"])
def test_snooze_refuses_words_it_cannot_read_and_says_what_works(run, words):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    result = run("snooze", NUDGE, "--for", words, now=MONDAY)
    assert result.exit_code == 2
    assert f"--for {words!r} is not a time to snooze until" in result.output
    assert "tomorrow, next week" in result.output


def test_snooze_until_a_past_day_is_refused(run):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    result = run("snooze", NUDGE, "--until", "2026-11-01", now=MONDAY)
    assert result.exit_code == 2
    assert "--until '2026-11-01' is not after today" in result.output


# -- one day reader ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "applied"),
    [
        ("28.11.2025", "2025-11-28"),
        ("28/11/2025", "2025-11-28"),
        ("11/28/2025", "2025-11-28"),  # the month first: 28 cannot be a month
        ("03/04/2026", "2026-04-03"),  # a German user (the test settings) writes the day first
        ("28 Nov 2025", "2025-11-28"),
        ("2025-11-28", "2025-11-28"),
        ("today", "2026-11-16"),
        ("yesterday", "2026-11-15"),
        ("friday", "2026-11-13"),  # applied: the last Friday, not the next
        ("monday", "2026-11-16"),
    ],
)
def test_applied_reads_the_dates_a_spreadsheet_import_reads(run, typed, applied):
    added = run.json("app", "add", "ACME", "Analyst", "--applied", typed, now=MONDAY)
    assert added["applied_on"] == applied


def test_a_slashed_date_follows_the_users_country(run, paths):
    Path(paths["config"]).write_text('timezone = "America/New_York"\ncountry = "US"\n', encoding="utf-8")
    added = run.json("app", "add", "ACME", "Analyst", "--applied", "03/04/2026", now=MONDAY)
    assert added["applied_on"] == "2026-03-04"


def test_a_date_that_does_not_exist_is_named(run):
    result = run("app", "add", "ACME", "Analyst", "--applied", "31.11.2025", now=MONDAY)
    assert result.exit_code == 2
    assert "--applied '31.11.2025' is not a real date" in result.output
    assert "check the day and month" in result.output


@pytest.mark.parametrize("word", ["monkey", "wedding", "sunny", "thunder", "satisfied", "fridge"])
def test_a_word_that_only_starts_like_a_weekday_is_not_one(run, word):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    result = run("interview", "add", "1", "--at", f"{word} 14:00", now=MONDAY)
    assert result.exit_code == 2
    assert f"--at '{word} 14:00' is not a date and time" in result.output
    assert read_day(word, date(2026, 11, 16)) is None


def test_a_time_it_cannot_read_is_refused_not_dropped(run):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    result = run("interview", "add", "1", "--at", "11/20/26, 4:21 PM", now=MONDAY)
    assert result.exit_code == 2
    assert "is not a date and time" in result.output


@pytest.mark.parametrize(
    ("typed", "starts"),
    [
        ("wed 14:00", "2026-11-18T14:00:00+01:00"),
        ("Wednesday 14:00", "2026-11-18T14:00:00+01:00"),
        ("thurs 9:30", "2026-11-19T09:30:00+01:00"),
        ("next friday 10:00", "2026-11-20T10:00:00+01:00"),
        ("20.11.2026 15:00", "2026-11-20T15:00:00+01:00"),
        ("2026-11-20 15:00", "2026-11-20T15:00:00+01:00"),
    ],
)
def test_whole_weekday_names_and_their_abbreviations_are_read(run, typed, starts):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    recorded = run.json("interview", "add", "1", "--at", typed, now=MONDAY)
    assert recorded["starts_at"] == starts


def test_done_reads_a_promise_in_the_employers_words(run):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", "Ann <ann@acme.example>", now=MONDAY)
    logged = run.json(
        "log",
        "1",
        "--received",
        "--outcome",
        "still_deciding",
        "--promised",
        "by Friday",
        now="2026-11-23T10:00:00+01:00",
    )
    assert logged["touchpoint"]["promised_date"] == "2026-11-27"


# -- ids as typed -----------------------------------------------------------------------------------


def test_undo_prints_the_action_id_as_it_is_typed(run):
    run.ok("app", "add", "ACME", "Analyst", now=MONDAY)
    run.ok("skip", NUDGE, now=MONDAY)
    output = run.ok("undo", NUDGE, now=MONDAY)
    assert output == f"{NUDGE} is no longer skipped.\n"
    assert NUDGE.capitalize() not in output


def test_a_mail_accounts_address_follows_the_same_rule(paths):
    from followup.app.mail_account import check_account
    from followup.app.settings import FieldErrors

    form = {"name": "work", "imap_host": "imap.example.org", "imap_user": "zoe", "password_env": "FOLLOWUP_X"}
    # The last two passed the page's own looser pattern before, and would have gone into a From: line.
    for address in ("not an email", "Zoë <zoe@example.org>", "zoe@example.org?subject=hi", "zoe@-x-.example"):
        with pytest.raises(FieldErrors) as refused:
            check_account({**form, "email": address}, existing=None, allow_commands=False, config_path=paths["config"])
        assert refused.value.errors["email"] == "Enter your address at this account, like name@example.com."
