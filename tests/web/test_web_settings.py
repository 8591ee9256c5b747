"""The Settings page: each section shows, saves and refuses bad input; the file keeps its comments;
mail accounts are tested against a real Dovecot; message templates preview, save and reset."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import expect

from followup.app import agenda, applications, mail_account
from followup.app import settings as settings_use_cases
from followup.app.context import Env
from followup.app.template_overrides import override_path
from followup.domain.model import ContactRole
from followup.domain.settings import MAX_NUMBER
from followup.drafting.model import DraftKind, Tone
from followup.store import db
from mail_servers import PASSWORD
from web.web_support import DESKTOP, PHONE, WebClient, assert_accessible, shoot, text_of

COMMENTED = """\
# my own notes: keep them
timezone = "Europe/Berlin"  # where I live
country = "DE"

[timings]
# I like to wait a bit longer
status_check_default_days = 8
"""
PW_VAR = "FOLLOWUP_TEST_SETTINGS_PASSWORD"
SECRET = "s3cret-Hunter2-do-not-leak"


@pytest.fixture
def commented(env: Env) -> Path:
    path = Path(env.config_path)
    path.write_text(COMMENTED, encoding="utf-8")
    env.reload_settings()
    return path


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def one(soup: Any, selector: str) -> Any:
    element = soup.select_one(selector)
    assert element is not None, f"nothing matches {selector!r}"
    return element


def field(soup: Any, element_id: str) -> Any:
    element = soup.find(id=element_id)
    assert element is not None, f"no element #{element_id}"
    return element


def error_for(soup: BeautifulSoup, element_id: str) -> str:
    """The message tied to a field, as a screen reader finds it: through aria-describedby."""
    control = field(soup, element_id)
    assert control.get("aria-invalid") == "true"
    ids = control["aria-describedby"].split()
    errors = [field(soup, i).get_text(" ", strip=True) for i in ids if i.endswith("-error")]
    assert errors, f"#{element_id} has no error message"
    return str(errors[0])


def interview_today(env: Env) -> int:
    """An application with an interview that ended at 10:00 today (the clock's start)."""
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    ann = applications.add_contact(
        env,
        applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="ann@acme.example"),
        application_id=app.id,
    )
    applications.add_interview(
        env,
        app.id,
        applications.NewInterview(starts_at=datetime.fromisoformat("2026-11-16T09:00:00+01:00"), participants=[ann.id]),
    )
    return app.id


def thank_you_deadline(env: Env) -> datetime | None:
    items = [item for item in agenda.agenda(env, days=30) if item.kind == "thank_you"]
    assert len(items) == 1
    return items[0].deadline


# -- the page -----------------------------------------------------------------------------------


def test_the_page_shows_every_section_with_the_current_values(client: WebClient, commented: Path) -> None:
    soup = client.soup("/settings")
    assert one(soup, "h1").get_text(strip=True) == "Settings"
    assert one(soup, 'nav a[aria-current="page"]').get_text(strip=True) == "Settings"
    assert one(soup, "title").get_text().startswith("Settings")
    for section in ("profile", "timings", "calendar", "mail", "templates", "connections", "data"):
        assert one(soup, f"section#{section} h2"), section
        assert one(soup, f'.settings-toc a[href="#{section}"]'), section
    # One form per section, each with the CSRF token.
    for form in soup.select('form[method="post"]'):
        assert one(form, 'input[name="csrf_token"]')["value"], form.get("action")
    assert field(soup, "timing-status_check_default_days")["value"] == "8"
    assert field(soup, "timing-thank_you_email_hours")["value"] == "24"
    assert "Default: 24 hours." in text_of(soup, "#timing-thank_you_email_hours-hint")
    assert "Default: 1 business day." in text_of(soup, "#timing-reference_heads_up_business_days-hint")
    assert "You have changed 1 timing" in text_of(soup, "#timings")
    assert one(soup, "#calendar-timezone option[selected]")["value"] == "Europe/Berlin"
    assert one(soup, "#calendar-country option[selected]")["value"] == "DE"
    assert "Christmas Day" in text_of(soup, ".holidays")
    # Every control has a label.
    for control in soup.select("input:not([type=hidden]), select, textarea"):
        if control.get("id"):
            assert one(soup, f'label[for="{control["id"]}"]'), control["id"]


def test_the_page_reads_changes_made_in_the_file_meanwhile(client: WebClient, env: Env) -> None:
    client.soup("/settings")
    Path(env.config_path).write_text('timezone = "Asia/Tokyo"\ncountry = "JP"\n', encoding="utf-8")
    soup = client.soup("/settings")
    assert one(soup, "#calendar-timezone option[selected]")["value"] == "Asia/Tokyo"
    assert one(soup, "#calendar-country option[selected]")["value"] == "JP"


# -- profile ------------------------------------------------------------------------------------

PROFILE = {
    "name": "Siobhán Ní Bhriain",
    "email": "siobhan@example.org",
    "phone": "+49 170 1234567",
    "postal_address": "Hauptstraße 1\r\n10115 Berlin",
    "signature": "Siobhán\r\n+49 170 1234567",
    "paper": "letter",
}


def test_saving_the_profile_writes_the_file_keeps_its_comments_and_signs_drafts(
    client: WebClient, env: Env, commented: Path
) -> None:
    response = client.post("/settings/profile", PROFILE)
    assert response.status_code == 303
    assert response.headers["location"] == "/settings?saved=profile#profile"
    text = commented.read_text(encoding="utf-8")
    assert "# my own notes: keep them" in text
    assert "# where I live" in text
    assert "# I like to wait a bit longer" in text
    assert env.settings.profile.name == "Siobhán Ní Bhriain"
    assert env.settings.profile.postal_address == "Hauptstraße 1\n10115 Berlin"
    assert env.settings.drafting.paper == "letter"

    soup = client.soup(response.headers["location"])
    assert "Saved. New drafts will use these details." in text_of(soup, "#profile .flash-ok")
    assert field(soup, "profile-name")["value"] == "Siobhán Ní Bhriain"
    assert field(soup, "profile-signature").get_text().strip() == "Siobhán\n+49 170 1234567"
    assert one(soup, "#profile-paper option[selected]")["value"] == "letter"
    assert text_of(soup, ".signature-text") == "Siobhán +49 170 1234567"


def test_emptying_a_profile_field_removes_it_from_the_file(client: WebClient, env: Env, commented: Path) -> None:
    client.post("/settings/profile", PROFILE)
    client.post("/settings/profile", {**PROFILE, "signature": "", "paper": "A4"})
    text = commented.read_text(encoding="utf-8")
    assert "signature" not in text
    assert "paper" not in text
    assert env.settings.profile.signature == ""
    soup = client.soup("/settings")
    # With no signature of their own, drafts sign with the name, phone and email.
    assert text_of(soup, ".signature-text") == "Siobhán Ní Bhriain +49 170 1234567 siobhan@example.org"


def test_a_bad_profile_comes_back_with_the_input_kept_and_the_file_unchanged(
    client: WebClient, commented: Path
) -> None:
    response = client.post("/settings/profile", {**PROFILE, "email": "siobhan at example", "phone": "call me"})
    assert response.status_code == 422
    soup = soup_of(response)
    assert error_for(soup, "profile-email") == "Enter an email address like name@example.com."
    assert "phone number" in error_for(soup, "profile-phone")
    assert field(soup, "profile-email")["value"] == "siobhan at example"
    assert field(soup, "profile-name")["value"] == "Siobhán Ní Bhriain"
    assert "2 fields need a look" in text_of(soup, "#profile .flash-error")
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_htmx_saves_the_profile_and_returns_only_its_section(client: WebClient, env: Env) -> None:
    response = client.htmx("POST", "/settings/profile", PROFILE)
    assert response.status_code == 200
    soup = soup_of(response)
    assert one(soup, "section#profile")
    assert soup.select_one("section#timings") is None
    assert soup.select_one("h1") is None
    assert "Saved." in text_of(soup, "#profile .flash-ok")
    assert env.settings.profile.email == "siobhan@example.org"

    response = client.htmx("POST", "/settings/profile", {**PROFILE, "email": "nope"})
    assert response.status_code == 422
    assert "email address" in error_for(soup_of(response), "profile-email")


# -- timings ------------------------------------------------------------------------------------


def test_a_timing_change_moves_the_follow_ups_on_the_agenda(client: WebClient, env: Env, commented: Path) -> None:
    interview_today(env)
    assert thank_you_deadline(env) == datetime.fromisoformat("2026-11-17T10:00:00+01:00")

    response = client.post("/settings/timings", {"thank_you_email_hours": "48", "status_check_time": "10:30"})
    assert response.status_code == 303
    assert thank_you_deadline(env) == datetime.fromisoformat("2026-11-18T10:00:00+01:00")
    text = commented.read_text(encoding="utf-8")
    assert "thank_you_email_hours = 48" in text
    assert 'status_check_time = "10:30"' in text
    assert "# I like to wait a bit longer" in text
    assert "status_check_default_days = 8" in text
    # Unchanged fields are not written to the file.
    assert "follow_up_call_time" not in text

    soup = client.soup(response.headers["location"])
    assert "The follow-ups of 1 application now use the new timings." in text_of(soup, "#timings .flash-ok")
    assert field(soup, "timing-thank_you_email_hours")["value"] == "48"
    assert "changed" in text_of(soup, "#timing-thank_you_email_hours-hint")


def test_htmx_saves_timings_in_place(client: WebClient, env: Env) -> None:
    response = client.htmx("POST", "/settings/timings", {"move_on_after_business_days": "8"})
    assert response.status_code == 200
    soup = soup_of(response)
    assert one(soup, "section#timings")
    assert soup.select_one("section#profile") is None
    assert "Saved." in text_of(soup, "#timings .flash-ok")
    assert env.settings.timings.move_on_after_business_days == 8


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("thank_you_email_hours", "soon", "Enter a whole number, like 3."),
        ("thank_you_email_hours", "-4", "it cannot be negative"),
        ("thank_you_email_hours", "4000", "from 0 to 3650"),
        ("thank_you_email_hours", "", "Enter a number"),
        ("interview_minutes", "0", "from 1 to 3650"),
        ("active_applications_wanted", "0", "from 1 to 3650"),
        ("status_check_time", "25:00", "Enter a time of day, like 09:00."),
        ("follow_up_call_time", "ten", "Enter a time of day"),
    ],
)
def test_a_bad_timing_is_told_next_to_its_field_and_nothing_is_saved(
    client: WebClient, commented: Path, name: str, value: str, message: str
) -> None:
    response = client.post("/settings/timings", {"prepare_days_before": "4", name: value})
    assert response.status_code == 422
    soup = soup_of(response)
    assert message in error_for(soup, f"timing-{name}")
    assert field(soup, f"timing-{name}")["value"] == value
    assert field(soup, "timing-prepare_days_before")["value"] == "4"  # the other input is kept too
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_resetting_the_timings_brings_back_the_defaults_and_the_agenda(
    client: WebClient, env: Env, commented: Path
) -> None:
    interview_today(env)
    client.post("/settings/timings", {"thank_you_email_hours": "48"})
    soup = client.soup("/settings")
    assert one(soup, 'form[action="/settings/timings/reset"] button[data-confirm]')

    response = client.htmx("POST", "/settings/timings/reset")
    assert response.status_code == 200
    assert "All timings are back to the defaults." in text_of(soup_of(response), "#timings .flash-ok")
    text = commented.read_text(encoding="utf-8")
    assert "thank_you_email_hours" not in text
    assert "status_check_default_days" not in text
    assert "# my own notes: keep them" in text
    assert env.settings.timings == type(env.settings.timings)()
    assert thank_you_deadline(env) == datetime.fromisoformat("2026-11-17T10:00:00+01:00")
    assert not soup_of(response).select_one('form[action="/settings/timings/reset"]')


@given(st.sampled_from(settings_use_cases.TIMING_FIELDS), st.text(max_size=12))
def test_reading_a_timing_never_fails_and_accepts_only_valid_values(
    spec: settings_use_cases.FormField, raw: str
) -> None:
    value, problem = settings_use_cases.parse_timing(spec, raw)
    assert (value is None) != (problem is None)
    if value is not None:
        if spec.is_time:
            assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value)
        else:
            assert spec.minimum <= int(value) <= spec.maximum
        # What is accepted is what the settings file accepts, and reads back the same.
        from followup import config

        parsed = config.parse_value(spec.key, value)
        shown = parsed.strftime("%H:%M") if spec.is_time else str(parsed)
        assert shown == value


@given(st.integers(min_value=0, max_value=MAX_NUMBER))
def test_every_number_in_range_is_accepted_as_written(number: int) -> None:
    spec = next(s for s in settings_use_cases.TIMING_FIELDS if s.name == "status_check_default_days")
    assert settings_use_cases.parse_timing(spec, f" {number} ") == (str(number), None)


# -- calendar -----------------------------------------------------------------------------------


def test_saving_the_calendar_changes_the_zone_and_the_holidays(client: WebClient, env: Env, commented: Path) -> None:
    response = client.post("/settings/calendar", {"timezone": "America/New_York", "country": "US", "subdivision": "CA"})
    assert response.status_code == 303
    assert (env.settings.timezone, env.settings.country, env.settings.subdivision) == ("America/New_York", "US", "CA")
    assert "# where I live" in commented.read_text(encoding="utf-8")
    soup = client.soup(response.headers["location"])
    message = text_of(soup, "#calendar .flash-ok")
    assert "public holidays in United States (California)" in message
    assert "Thanksgiving" in text_of(soup, ".holidays")
    assert one(soup, "#calendar-subdivision option[selected]")["value"] == "CA"
    # Times on the page are now in New York time: 10:00 in Berlin is 04:00 there.
    assert "It is 04:00" in text_of(soup, "#calendar-timezone-hint")


@pytest.mark.parametrize(
    ("form", "field_id", "message"),
    [
        ({"timezone": "Mars/Olympus", "country": "DE"}, "calendar-timezone", "Choose a time zone"),
        ({"timezone": "Europe/Berlin", "country": "XX"}, "calendar-country", "no holiday calendar for “XX”"),
        ({"timezone": "Europe/Berlin", "country": ""}, "calendar-country", "Choose your country."),
        (
            {"timezone": "Europe/Berlin", "country": "DE", "subdivision": "CA"},
            "calendar-subdivision",
            "Germany has no region “CA”",
        ),
        (
            {"timezone": "Europe/Berlin", "country": "IS", "subdivision": "XY"},
            "calendar-subdivision",
            "Choose “Whole country”.",
        ),
    ],
)
def test_an_unsupported_calendar_gets_a_clear_message(
    client: WebClient, commented: Path, form: dict[str, str], field_id: str, message: str
) -> None:
    response = client.post("/settings/calendar", form)
    assert response.status_code == 422
    assert message in error_for(soup_of(response), field_id)
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_choosing_another_country_offers_its_regions(client: WebClient) -> None:
    response = client.get("/settings/calendar/regions?country=US", headers={"HX-Request": "true"})
    soup = soup_of(response)
    options = {o["value"]: o.get_text(strip=True) for o in soup.select("#calendar-subdivision option")}
    assert options[""] == "Whole country"
    assert options["CA"] == "California (CA)"
    assert "BY" not in options


def test_time_zones_list_common_ones_first_and_every_zone_once() -> None:
    groups = settings_use_cases.zone_groups("US/Eastern", "Europe/Berlin")
    names = [zone for _region, zones in groups for zone in zones]
    assert names[:3] == ["US/Eastern", "Europe/Berlin", "UTC"]
    assert len(names) == len(set(names))
    assert set(settings_use_cases.all_zones()) <= set(names)
    assert groups[0][0] == "Common"


# -- mail account -------------------------------------------------------------------------------


def account_form(**overrides: str) -> dict[str, str]:
    form = {
        "account": "",
        "name": "personal",
        "email": "me@example.org",
        "imap_host": "imap.example.org",
        "imap_port": "",
        "imap_security": "tls",
        "imap_user": "",
        "smtp_host": "",
        "smtp_port": "",
        "smtp_security": "tls",
        "smtp_user": "",
        "source": "env",
        "password_env": PW_VAR,
        "password_command": "",
        "oauth2_command": "",
    }
    return form | overrides


def dovecot_form(server: Any, user: str, **overrides: str) -> dict[str, str]:
    return account_form(
        email=f"{user}@example.test",
        imap_host=server.host,
        imap_port=str(server.port),
        imap_security="none",
        imap_user=user,
        **overrides,
    )


def everything_written(env: Env) -> bytes:
    """The settings file, the database (and its journal) and the templates folder, as bytes."""
    folder = Path(env.db_path).parent
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_adding_a_mail_account_stores_where_the_password_is_never_the_password(
    client: WebClient, env: Env, commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PW_VAR, SECRET)
    response = client.post("/settings/mail", account_form())
    assert response.status_code == 303
    assert response.headers["location"] == "/settings?saved=mail&account=personal#mail"
    text = commented.read_text(encoding="utf-8")
    assert "[mail.personal]" in text
    assert f'password_env = "{PW_VAR}"' in text
    assert "# my own notes: keep them" in text

    page = client.get(response.headers["location"]).text
    soup = BeautifulSoup(page, "html.parser")
    assert "Saved the mail account “personal”" in text_of(soup, "#mail .flash-ok")
    assert field(soup, "mail-personal-imap-host")["value"] == "imap.example.org"
    assert f"{PW_VAR} is set in the environment" in text_of(soup, "#mail")
    assert not soup.select('#mail input[type="password"]')
    assert SECRET not in page
    assert SECRET.encode() not in everything_written(env)


def test_editing_a_mail_account_keeps_the_comments_inside_it(client: WebClient, env: Env, commented: Path) -> None:
    with commented.open("a", encoding="utf-8") as fh:
        fh.write('\n[mail.work]\n# my work mailbox\nemail = "me@work.example"\nimap_host = "imap.work.example"\n')
        fh.write('password_command = "pass show work"\n\n[mail.work.folders]\njunk = "Spam"\n')
    response = client.post(
        "/settings/mail",
        account_form(account="work", email="me@work.example", imap_host="mail.work.example", source="keyring"),
    )
    assert response.status_code == 303
    text = commented.read_text(encoding="utf-8")
    assert "# my work mailbox" in text
    assert 'imap_host = "mail.work.example"' in text
    assert "password_keyring = true" in text
    assert "password_command" not in text
    assert 'junk = "Spam"' in text  # what the page does not show is kept
    soup = client.soup("/settings")
    assert "keyring set followup-mail me@work.example" in text_of(soup, "#mail")


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"password_env": "hunter2 and more!"}, "mail-new-password-env", "Never the password itself."),
        ({"imap_host": "https://imap.example.org"}, "mail-new-imap-host", "no https://"),
        ({"imap_host": ""}, "mail-new-imap-host", "Enter the incoming mail server"),
        ({"imap_security": "none"}, "mail-new-imap-security", "only for a server on this computer"),
        ({"imap_port": "99999"}, "mail-new-imap-port", "from 1 to 65535"),
        ({"email": "me"}, "mail-new-email", "like name@example.com"),
        ({"name": "my mail!"}, "mail-new-name", "a short word"),
        # A command is never taken from the page (issue #11, item 1): set it in the file or the CLI.
        (
            {"source": "command", "password_command": "pass show work"},
            "mail-new-password-command",
            "never from this page",
        ),
        ({"source": "oauth2", "oauth2_command": "token-for work"}, "mail-new-oauth2-command", "never from this page"),
    ],
)
def test_a_bad_mail_account_is_told_next_to_its_field(
    client: WebClient, commented: Path, overrides: dict[str, str], field_id: str, message: str
) -> None:
    response = client.post("/settings/mail", account_form(**overrides))
    assert response.status_code == 422
    soup = soup_of(response)
    assert message in error_for(soup, field_id)
    name = next(iter(overrides))
    if name != "source":
        kept = field(soup, field_id)
        assert (kept.get("value") if kept.name == "input" else kept.select_one("option[selected]")["value"]) == (
            overrides[name]
        )
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_an_account_name_already_taken_is_refused(client: WebClient) -> None:
    assert client.post("/settings/mail", account_form()).status_code == 303
    response = client.post("/settings/mail", account_form())
    assert response.status_code == 422
    assert "already have an account called personal" in error_for(soup_of(response), "mail-new-name")


def test_removing_a_mail_account(client: WebClient, env: Env, commented: Path) -> None:
    client.post("/settings/mail", account_form())
    soup = client.soup("/settings")
    assert one(soup, 'form[action="/settings/mail/remove"] button[data-confirm]')
    response = client.htmx("POST", "/settings/mail/remove", {"account": "personal"})
    assert "Removed the mail account “personal”" in text_of(soup_of(response), "#mail .flash-ok")
    assert "[mail" not in commented.read_text(encoding="utf-8")


def test_commands_cannot_be_set_from_the_page_when_others_can_reach_it(env: Env) -> None:
    # Reachable from other computers, the page must not become a way to make followup run a program.
    with pytest.raises(settings_use_cases.FieldErrors) as info:
        mail_account.check_account(
            account_form(source="command", password_command="touch /tmp/pwned"),
            existing=None,
            allow_commands=False,
            config_path=env.config_path,
        )
    assert "only be set from the terminal" in info.value.errors["password_command"]


@pytest.mark.parametrize(("command", "message"), [("pass 'unclosed", "quotes"), ("", "Enter the command")])
def test_a_command_taken_by_check_account_is_checked(env: Env, command: str, message: str) -> None:
    # The page never passes allow_commands=True any more; the checks stay for a caller that does.
    with pytest.raises(settings_use_cases.FieldErrors) as info:
        mail_account.check_account(
            account_form(source="command", password_command=command),
            existing=None,
            allow_commands=True,
            config_path=env.config_path,
        )
    assert message in info.value.errors["password_command"]


# -- testing the connection against real servers ------------------------------------------------


def test_the_connection_test_logs_in_to_dovecot_and_smtp(
    client: WebClient, env: Env, imap_server: Any, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PW_VAR, PASSWORD)
    user = imap_server.new_user()
    form = dovecot_form(
        imap_server, user, smtp_host=smtp_server.host, smtp_port=str(smtp_server.port), smtp_security="none"
    )
    # An unsaved account is tested with a password typed for the test (issue #11, item 2).
    response = client.htmx("POST", "/settings/mail/test", form | {"password": PASSWORD})
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup, ".report-summary") == "The connection works."
    steps = [li.get_text(" ", strip=True) for li in soup.select(".report-steps li")]
    assert f"Logged in to 127.0.0.1:{imap_server.port} as {user}" in steps[0]
    assert "junk (Junk)" in steps[0]
    assert "sending will work" in steps[1]
    assert not Path(env.config_path).read_text(encoding="utf-8").count("[mail")  # testing saves nothing


def test_a_wrong_password_is_reported_as_such_and_never_shown(
    client: WebClient, env: Env, imap_server: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(PW_VAR, SECRET)
    user = imap_server.new_user()
    assert client.post("/settings/mail", dovecot_form(imap_server, user)).status_code == 303
    # Without JavaScript: the whole page comes back with the report inside the account's form.
    response = client.post("/settings/mail/test", dovecot_form(imap_server, user, account="personal"))
    assert response.status_code == 200
    soup = soup_of(response)
    report = text_of(soup, "#mail-personal-result")
    assert "The connection does not work yet." in report
    assert f"refused the login of {user}" in report
    assert "Check the password" in report
    assert SECRET not in response.text
    assert SECRET not in caplog.text
    assert SECRET.encode() not in everything_written(env)


def test_a_closed_port_is_reported_quickly(client: WebClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PW_VAR, PASSWORD)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    form = account_form(imap_host="127.0.0.1", imap_port=str(port), imap_security="none", password=PASSWORD)
    response = client.htmx("POST", "/settings/mail/test", form)
    assert time.monotonic() - started < 5
    report = text_of(soup_of(response), ".connection-report")
    assert f"Nothing answers at 127.0.0.1:{port} while connecting." in report
    assert "Check the incoming server and its port" in report


def test_a_missing_password_variable_is_reported_before_connecting(
    client: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PW_VAR, raising=False)
    response = client.htmx("POST", "/settings/mail/test", account_form())
    report = text_of(soup_of(response), ".connection-report")
    assert f"The environment variable {PW_VAR} is not set" in report


def test_a_bad_form_is_not_tested_but_shown_with_its_errors(client: WebClient) -> None:
    response = client.htmx("POST", "/settings/mail/test", account_form(imap_host="https://x"))
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#mail"
    assert "no https://" in error_for(soup_of(response), "mail-new-imap-host")


def test_a_server_that_never_answers_times_out_without_blocking_other_requests(
    live: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_account, "TEST_TIMEOUT", 2.0)
    monkeypatch.setenv(PW_VAR, PASSWORD)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts connections, never says a word
    port = silent.getsockname()[1]
    result: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=live.url) as http:
            http.get(live.sign_in_url)
            token = live.app.app.state.web.keys.csrf_token(http.cookies["followup_nonce"])
            form = account_form(imap_host="127.0.0.1", imap_port=str(port), imap_security="none", password=PASSWORD)

            def run_test() -> None:
                result["response"] = http.post(
                    "/settings/mail/test", data=form, headers={"HX-Request": "true", "X-CSRF-Token": token}
                )

            worker = threading.Thread(target=run_test)
            worker.start()
            time.sleep(0.3)
            started = time.monotonic()
            with httpx.Client(base_url=live.url) as other:
                assert other.get("/healthz").status_code == 200
            assert time.monotonic() - started < 1.0  # the event loop is free while the test waits
            worker.join(10)
    finally:
        silent.close()
    assert "did not answer in time" in result["response"].text


# -- a saved secret goes only to the saved servers (issue #11, item 2) ---------------------------


class Recorder:
    """A listener that plays an IMAP server just enough to be sent a login, and keeps every byte."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = int(self.sock.getsockname()[1])
        self.received = b""
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(5)
                conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
                buffer = b""
                try:
                    while chunk := conn.recv(4096):
                        self.received += chunk
                        buffer += chunk
                        while b"\r\n" in buffer:
                            line, buffer = buffer.split(b"\r\n", 1)
                            tag = line.split(b" ", 1)[0]
                            if b" CAPABILITY" in line.upper():
                                conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                            else:
                                conn.sendall(tag + b" NO recorded\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def recorder() -> Any:
    listening = Recorder()
    yield listening
    listening.close()


def saved_on_dovecot(client: WebClient, imap_server: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The account "personal" saved on Dovecot with its password in PW_VAR, and tested: its form."""
    monkeypatch.setenv(PW_VAR, PASSWORD)
    form = dovecot_form(imap_server, imap_server.new_user())
    assert client.post("/settings/mail", form).status_code == 303
    form["account"] = "personal"
    works = client.htmx("POST", "/settings/mail/test", form)
    assert text_of(soup_of(works), ".report-summary") == "The connection works."
    return form


def test_a_test_never_sends_the_saved_password_to_another_server(
    client: WebClient, env: Env, imap_server: Any, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = saved_on_dovecot(client, imap_server, monkeypatch)
    elsewhere = form | {"imap_host": "localhost", "imap_port": str(recorder.port)}
    response = client.htmx("POST", "/settings/mail/test", elsewhere)
    assert PASSWORD.encode() not in recorder.received
    assert response.status_code == 200
    soup = soup_of(response)
    assert "does not send one to these" in text_of(soup, ".connection-report")
    assert field(soup, "mail-personal-password")["type"] == "password"  # asked for, for this test only
    without_javascript = soup_of(client.post("/settings/mail/test", elsewhere))
    assert "does not send" in text_of(without_javascript, "#mail-personal-result")
    assert field(without_javascript, "mail-personal-password")["value"] == ""
    # Another port on the same host, another user: the same.
    for changed in ({"imap_port": str(recorder.port)}, {"imap_user": "someone-else"}):
        assert "does not send" in client.htmx("POST", "/settings/mail/test", form | changed).text
    assert recorder.connections == 0
    # The listener does record a login: typed for the test, that password (and only it) arrives.
    client.htmx("POST", "/settings/mail/test", elsewhere | {"password": "typed-for-this-test"})
    assert b"typed-for-this-test" in recorder.received
    assert PASSWORD.encode() not in recorder.received
    assert b"typed-for-this-test" not in everything_written(env)


def test_a_variable_named_in_an_unsaved_account_never_leaves(
    client: WebClient, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTHER_APP_SECRET_KEY", SECRET)
    monkeypatch.setenv(PW_VAR, SECRET)
    for variable in ("OTHER_APP_SECRET_KEY", PW_VAR):
        form = account_form(
            imap_host="127.0.0.1", imap_port=str(recorder.port), imap_security="none", password_env=variable
        )
        response = client.htmx("POST", "/settings/mail/test", form)
        assert SECRET.encode() not in recorder.received
        assert "does not send" in text_of(soup_of(response), ".connection-report")
        assert field(soup_of(response), "mail-new-password")
    assert recorder.connections == 0
    assert SECRET.encode() not in recorder.received


def test_saving_the_saved_password_for_another_server_needs_it_typed(
    client: WebClient, env: Env, imap_server: Any, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = saved_on_dovecot(client, imap_server, monkeypatch)
    before = Path(env.config_path).read_text(encoding="utf-8")
    elsewhere = form | {"imap_host": "localhost", "imap_port": str(recorder.port)}
    # Moving the account, or adding another one with the same variable: refused without the password...
    another = elsewhere | {"account": "", "name": "other"}
    for attempt, prefix in ((elsewhere, "mail-personal"), (another, "mail-new")):
        response = client.post("/settings/mail", attempt)
        assert response.status_code == 422
        assert "type it here" in error_for(soup_of(response), f"{prefix}-password")
        wrong = client.post("/settings/mail", attempt | {"password": "not-it"})
        assert wrong.status_code == 422
        assert "not the password saved for personal" in error_for(soup_of(wrong), f"{prefix}-password")
        assert PASSWORD not in wrong.text
    assert Path(env.config_path).read_text(encoding="utf-8") == before
    # ...so "Test the connection" on what was saved can never reach the listener.
    client.htmx("POST", "/settings/mail/test", elsewhere)
    assert recorder.connections == 0
    # With the password typed: saved, and the password is written nowhere.
    assert client.post("/settings/mail", elsewhere | {"password": PASSWORD}).status_code == 303
    assert f"imap_port = {recorder.port}" in Path(env.config_path).read_text(encoding="utf-8")
    assert PASSWORD.encode() not in everything_written(env)


def test_the_page_names_a_new_variable_only_among_followups_own(
    client: WebClient, env: Env, commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("FOLLOWUP_PASSWORD", SECRET)  # the web app's own password
    for variable in ("AWS_SECRET_ACCESS_KEY", "PATH", "FOLLOWUP_PASSWORD"):
        response = client.post("/settings/mail", account_form(password_env=variable))
        assert response.status_code == 422
        assert "that starts with FOLLOWUP_" in error_for(soup_of(response), "mail-new-password-env")
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_a_saved_command_or_unreadable_source_moves_only_from_the_terminal(
    client: WebClient, env: Env, commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with commented.open("a", encoding="utf-8") as fh:
        fh.write('\n[mail.work]\nemail = "me@work.example"\nimap_host = "imap.work.example"\n')
        fh.write('password_command = "pass show work"\n\n[mail.home]\nemail = "me@home.example"\n')
        fh.write('imap_host = "imap.home.example"\npassword_env = "HOME_MAIL_PASSWORD"\n')
    before = commented.read_text(encoding="utf-8")
    monkeypatch.delenv("HOME_MAIL_PASSWORD", raising=False)
    attempts = [
        (
            account_form(account="work", email="me@work.example", imap_host="evil.example", source="command"),
            "never runs",
        ),
        (
            account_form(
                account="home", email="me@home.example", imap_host="evil.example", password_env="HOME_MAIL_PASSWORD"
            ),
            "cannot read the saved password here",
        ),
    ]
    for form, message in attempts:
        response = client.post("/settings/mail", form | {"password": "anything"})
        assert response.status_code == 422
        text = text_of(soup_of(response), f"#mail-{form['account']}-source-error")
        assert message in text
        assert "followup mail account remove" in text
    assert commented.read_text(encoding="utf-8") == before


# -- message templates --------------------------------------------------------------------------

EDITOR = "/settings/templates/status_check_email/warm"
MINE = """{% block subject %}Any news on the {{ role }} role?{% endblock %}
{% block body %}
Hi {{ recipient.name|first_name if recipient else "there" }},

Thank you again for meeting me{{ " on " ~ (interview_date|longdate) if interview_date else "" }}.
I'm still very keen on the {{ role }} role at {{ company }}; could you tell me where things stand?
Happy to send anything that helps.

Best,
{{ contact_signature }}
{% endblock %}
"""


def test_the_template_list_shows_every_kind_and_tone_and_which_are_yours(client: WebClient, env: Env) -> None:
    path = Path(override_path(env, DraftKind.STATUS_CHECK_EMAIL, Tone.WARM))
    path.parent.mkdir(parents=True)
    path.write_text(MINE, encoding="utf-8")
    soup = client.soup("/settings")
    links = soup.select("#templates .tone-links a")
    assert len(links) == 33  # 11 kinds of draft, 3 tones each
    own = [a["href"] for a in links if a.select_one(".badge")]
    assert own == [EDITOR]
    assert "You use 1 template of your own." in text_of(soup, "#templates")


def test_the_editor_starts_from_the_built_in_template_with_a_preview(client: WebClient, env: Env) -> None:
    services_profile(client)
    soup = client.soup(EDITOR)
    assert text_of(soup, "h1") == "Status check email, warm tone"
    assert "Using the built-in template" in text_of(soup, ".page-head")
    assert "{% block body %}" in field(soup, "template-text").get_text()
    preview = text_of(soup, "#template-preview")
    assert "Northwind Analytics" in preview
    assert "Siobhán" in preview  # signed with the user's own profile
    assert "Reset to built-in" not in soup.get_text()
    assert one(soup, '.tone-links a[aria-current="page"]').get_text(strip=True) == "Warm"


def services_profile(client: WebClient) -> None:
    assert client.post("/settings/profile", PROFILE).status_code == 303


def test_the_live_preview_renders_the_text_being_typed_with_its_checks(client: WebClient) -> None:
    response = client.htmx("POST", f"{EDITOR}/preview", {"text": MINE, "sample": "full"})
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup, ".draft-subject") == "Subject: Any news on the Data Analyst role?"
    assert "Hi Ann," in text_of(soup, ".draft-body")
    assert one(soup, "h2").get_text() == "Preview"

    sloppy = MINE.replace("Thank you again", "Just checking in ASAP!! Thank you again")
    findings = text_of(soup_of(client.htmx("POST", f"{EDITOR}/preview", {"text": sloppy})), ".findings")
    assert "ASAP" in findings

    sparse = soup_of(client.htmx("POST", f"{EDITOR}/preview", {"text": MINE, "sample": "sparse"}))
    assert "Hi there," in text_of(sparse, ".draft-body")


def test_saving_a_template_writes_the_file_drafts_use(client: WebClient, env: Env) -> None:
    response = client.post(EDITOR, {"text": MINE.replace("\n", "\r\n"), "sample": "full"})
    assert response.status_code == 303
    assert response.headers["location"] == f"{EDITOR}?done=saved"
    path = Path(override_path(env, DraftKind.STATUS_CHECK_EMAIL, Tone.WARM))
    assert path.read_text(encoding="utf-8") == MINE
    soup = client.soup(response.headers["location"])
    assert "Saved." in text_of(soup, ".flash-ok")
    assert "Using your template" in text_of(soup, ".page-head")
    assert field(soup, "template-text").get_text().strip() == MINE.strip()
    assert one(soup, 'form[action$="/reset"] button[data-confirm]')


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (MINE.replace("{% endblock %}\n{% block body %}", "{% endblock %}\n{% block body %"), 2, "syntax error"),
        (MINE.replace("{{ role }} role at", "{{ rol }} role at"), 6, "unknown variable: 'rol' is undefined"),
        (MINE.replace("|longdate", "|longdat"), 5, "No filter named 'longdat'"),
    ],
)
def test_a_broken_template_is_refused_with_its_file_and_line(
    client: WebClient, env: Env, text: str, line: int, problem: str
) -> None:
    response = client.post(EDITOR, {"text": text})
    assert response.status_code == 422
    soup = soup_of(response)
    message = text_of(soup, "#template-text-error")
    path = override_path(env, DraftKind.STATUS_CHECK_EMAIL, Tone.WARM)
    assert f"Not saved: {path}, line {line}: " in message
    assert problem in message
    assert field(soup, "template-text")["aria-invalid"] == "true"
    assert field(soup, "template-text").get_text().strip() == text.strip()  # the user's text is kept
    assert not os.path.exists(path)


def test_a_template_that_breaks_when_facts_are_missing_is_refused(client: WebClient, env: Env) -> None:
    fragile = MINE.replace(
        '{{ " on " ~ (interview_date|longdate) if interview_date else "" }}', " on {{ interview_date|longdate }}"
    )
    # It reads well for an application with every detail...
    preview = soup_of(client.htmx("POST", f"{EDITOR}/preview", {"text": fragile}))
    assert "Thank you again for meeting me on" in text_of(preview, ".draft-body")
    # ...but a real one may have no interview date yet.
    response = client.post(EDITOR, {"text": fragile})
    assert response.status_code == 422
    message = text_of(soup_of(response), "#template-text-error")
    assert "with almost nothing recorded" in message
    assert "longdate" in message
    assert not os.path.exists(override_path(env, DraftKind.STATUS_CHECK_EMAIL, Tone.WARM))


def test_resetting_a_template_deletes_the_override(client: WebClient, env: Env) -> None:
    client.post(EDITOR, {"text": MINE})
    path = override_path(env, DraftKind.STATUS_CHECK_EMAIL, Tone.WARM)
    assert os.path.exists(path)
    response = client.post(f"{EDITOR}/reset")
    assert response.headers["location"] == f"{EDITOR}?done=reset"
    assert not os.path.exists(path)
    soup = client.soup(response.headers["location"])
    assert "Back to the built-in template." in text_of(soup, ".flash-ok")
    assert "Using the built-in template" in text_of(soup, ".page-head")


def test_an_unknown_template_is_a_friendly_404(client: WebClient) -> None:
    soup = client.soup("/settings/templates/love_letter/warm", status=404)
    assert "no love letter template" in soup.get_text()


# -- connections and data -----------------------------------------------------------------------


def test_connections_show_the_calendar_feed_and_the_api_token_behind_show(client: WebClient) -> None:
    keys = client.state.keys
    soup = client.soup("/settings")
    url = field(soup, "connections-calendar-url")["value"]
    assert url == f"http://127.0.0.1:8765/calendar.ics?token={keys.calendar_token}"
    assert one(soup, '[data-copy-target="connections-calendar-url"]')
    details = one(soup, "#connections details")
    assert not details.has_attr("open")
    assert one(details, "summary").get_text(strip=True) == "Show the API token"
    assert field(details, "connections-api-token")["value"] == keys.api_token
    curl = text_of(soup, "#connections details #connections-curl")
    assert curl == f'curl -H "Authorization: Bearer {keys.api_token}" http://127.0.0.1:8765/api/v1/actions'


def test_your_data_says_where_the_files_are_and_links_the_exports(client: WebClient, env: Env) -> None:
    soup = client.soup("/settings")
    data = text_of(soup, "#data")
    # The SQLite file's full path; a PostgreSQL database's URL (without a password) as given.
    assert (env.database_shown if db.is_database_url(env.db_path) else os.path.abspath(env.db_path)) in data
    # A PostgreSQL database may be on another computer: the page does not say it stays on this one.
    assert ("stays on this computer" in data) != db.is_database_url(env.db_path)
    assert os.path.abspath(env.config_path) in data
    hrefs = {a["href"] for a in soup.select("#data a[download]")}
    assert hrefs == {"/applications/export.json", "/applications/export.csv"}


# -- in a real browser --------------------------------------------------------------------------


def test_changing_a_timing_in_the_browser_saves_it_in_place(live: Any, page: Any, env: Env) -> None:
    page.goto(f"{live.url}/settings#timings")
    page.evaluate("window.stayedOnThePage = true")
    box = page.get_by_label("Send the thank-you email within")
    expect(box).to_have_value("24")
    box.fill("36")
    use_default = page.locator('[data-default-for="timing-thank_you_email_hours"]')
    expect(use_default).to_be_visible()
    page.get_by_role("button", name="Save timings").click()
    expect(page.locator("#timings .flash-ok")).to_contain_text("Saved.")
    assert page.evaluate("window.stayedOnThePage") is True  # no reload: htmx swapped the section
    expect(page.get_by_label("Send the thank-you email within")).to_have_value("36")
    assert env.settings.timings.thank_you_email_hours == 36

    page.get_by_label("Send the thank-you email within").fill("lots")
    page.get_by_role("button", name="Save timings").click()
    expect(page.locator("#timing-thank_you_email_hours-error")).to_have_text("Enter a whole number, like 3.")
    expect(page.get_by_label("Send the thank-you email within")).to_be_focused()
    assert env.settings.timings.thank_you_email_hours == 36


def test_a_template_override_with_the_live_preview(live: Any, page: Any, env: Env) -> None:
    page.goto(f"{live.url}{EDITOR}")
    expect(page.locator("#template-preview .draft-body")).to_contain_text("Northwind Analytics")
    page.get_by_label("Template").fill(MINE.replace("Any news on", "Checking in about"))
    expect(page.locator("#template-preview .draft-subject")).to_contain_text("Checking in about the Data Analyst role")
    page.get_by_label("Preview with").select_option("sparse")
    expect(page.locator("#template-preview .draft-body")).to_contain_text("Hi there,")
    page.get_by_role("button", name="Save my template").click()
    expect(page.locator(".flash-ok")).to_contain_text("Saved.")
    expect(page.locator(".page-head")).to_contain_text("Using your template")
    saved = Path(override_path(env, DraftKind.STATUS_CHECK_EMAIL, Tone.WARM)).read_text(encoding="utf-8")
    assert "Checking in about" in saved

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset to built-in").click()
    expect(page.locator(".flash-ok")).to_contain_text("Back to the built-in template.")


def test_the_settings_pages_are_accessible_and_fit_a_phone(live: Any, page: Any, env: Env) -> None:
    Path(env.config_path).write_text(
        COMMENTED + '\n[mail.personal]\nemail = "me@example.org"\nimap_host = "imap.example.org"\n'
        f'password_env = "{PW_VAR}"\n',
        encoding="utf-8",
    )
    page.goto(f"{live.url}/settings")
    expect(page.get_by_role("heading", name="Settings", level=1)).to_be_visible()
    assert_accessible(page)
    shoot(page, "settings")
    page.get_by_role("link", name="Connections for other apps").click()  # one part at a time
    page.get_by_text("Show the API token").click()
    assert_accessible(page)
    page.get_by_role("link", name="Mail account").click()
    assert_accessible(page)
    shoot(page, "settings-mail")
    page.goto(f"{live.url}{EDITOR}")
    expect(page.locator("#template-preview")).to_contain_text("Northwind Analytics")
    assert_accessible(page)
    shoot(page, "settings-template")


def test_settings_show_one_part_at_a_time_with_the_parts_always_in_reach(live: Any, page: Any, env: Env) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{live.url}/settings")
    nav = page.get_by_role("navigation", name="Parts of the settings")
    expect(nav.get_by_role("link", name="Profile and signature")).to_have_attribute("aria-current", "location")
    expect(page.locator("#profile")).to_be_visible()
    expect(page.locator("#timings")).to_be_hidden()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2500, f"Settings is {height}px tall on a phone"
    nav.get_by_role("link", name="Timings").click()
    expect(page.locator("#timings")).to_be_visible()
    expect(page.locator("#profile")).to_be_hidden()
    expect(nav.get_by_role("link", name="Timings")).to_have_attribute("aria-current", "location")
    # On a desktop the nav stays in view however far down a part the user reads.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live.url}/settings#timings")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    box = nav.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < DESKTOP["height"]
    # Without a # (a form posted without JavaScript comes back at /settings/...), the part it saved shows.
    page.goto(f"{live.url}/settings?saved=calendar")
    expect(page.locator("#calendar")).to_be_visible()
    expect(page.locator("#profile")).to_be_hidden()
    # Every part in the nav shows when chosen, a part added later included (found as a user: Reminders
    # was in the nav, but the page showed nothing when it was chosen).
    page.goto(f"{live.url}/settings")
    parts = [link.get_attribute("href") for link in nav.get_by_role("link").all()]
    assert "#reminders" in parts
    for href in parts:
        nav.locator(f'a[href="{href}"]').click()
        expect(page.locator(f"{href}")).to_be_visible()
        expect(page.locator(".settings-section:visible")).to_have_count(1)


def test_every_page_reads_a_settings_change_made_in_a_terminal_meanwhile(client: WebClient, env: Env, clock) -> None:
    # Found as a user: `followup config set profile.name …` while the app ran, and the draft page kept
    # asking for the name until a restart (only the Settings page read the file again).
    from followup import config
    from web.test_web_today import find, interviewed

    app = interviewed(env, "Kaisha", person="Ann Lee", email="ann@kaisha.example")
    clock.set("2026-11-19T09:00:00+01:00")
    draft = f"/drafts/{find(env, 'thank_you', app).id}"
    assert "Add your name first" in client.soup(draft).get_text()
    config.set_value(env.config_path, "profile.name", "Zoë O'Brien")  # another process writes the file
    page = client.soup(draft).get_text()
    assert "Add your name first" not in page
    assert "Zoë O'Brien" in page
