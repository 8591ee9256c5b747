"""The Settings page's Reminders section: saves quiet hours, weekends, the digest, desktop notifications, how
often mail is read and the push address (to the OS keyring, never shown back), refuses bad input next to the
field, and sends a test reminder to a real HTTP endpoint on loopback and to a desktop on a real session D-Bus."""

# ruff: noqa: F811  (the fixtures imported from test_reminders_push are redefined as arguments)

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from desktop_session import Desktop
from followup.app.context import Env
from test_reminders_desktop import bus, desktop  # noqa: F401  (the fixtures are used by name)
from test_reminders_push import Receiver, plaintext_keyring, receiver  # noqa: F401  (the fixtures are used by name)
from web.web_support import WebClient, text_of

FORM = {
    "quiet_hours": "22:00-07:30",
    "digest_at": "07:45",
    "web_address": "http://127.0.0.1:8765",
    "check_mail_minutes": "10",
    "push_url": "",
}


def control(soup: BeautifulSoup, element_id: str) -> Any:
    element = soup.find(id=element_id)
    assert element is not None, f"no element #{element_id}"
    return element


def test_saving_reminders_writes_the_settings_and_keeps_the_push_address_out_of_the_page_and_file(
    client: WebClient, env: Env, receiver: Receiver, plaintext_keyring: None
) -> None:
    response = client.post("/settings/reminders", {**FORM, "push_url": receiver.url})
    assert response.status_code == 303
    assert response.headers["location"] == "/settings?saved=reminders#reminders"
    rules = env.settings.reminders
    assert (str(rules.quiet_hours), rules.weekends, rules.digest_at, rules.push_url) == (
        "22:00-07:30",
        False,
        "07:45",
        "keyring",
    )
    assert rules.check_mail_minutes == 10
    where = receiver.url.removeprefix("json://").rstrip("/")
    assert where not in Path(env.config_path).read_text(encoding="utf-8")

    soup = client.soup(response.headers["location"])
    assert "Saved. Reminders follow these settings from the next pass." in text_of(soup, "#reminders .flash-ok")
    assert control(soup, "reminders-quiet_hours")["value"] == "22:00-07:30"
    assert control(soup, "reminders-push_url")["value"] == ""
    assert where not in str(soup)
    assert "kept in your OS keyring" in text_of(soup, "#reminders")

    # The button sends one test reminder to the service.
    answer = client.htmx("POST", "/settings/reminders/test")
    assert answer.status_code == 200
    sent = text_of(BeautifulSoup(answer.text, "html.parser"), ".flash-ok")
    assert "Sent a test reminder through push (JSON)." in sent
    assert [post["title"] for post in receiver.posts] == ["followup: a test reminder"]


def test_bad_reminder_settings_come_back_next_to_their_fields_and_change_nothing(client: WebClient, env: Env) -> None:
    before = Path(env.config_path).read_text(encoding="utf-8")
    bad = {**FORM, "quiet_hours": "late", "digest_at": "soon", "check_mail_minutes": "0", "push_url": "not an address"}
    response = client.post("/settings/reminders", bad)
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert "4 fields need a look" in text_of(soup, "#reminders .flash-error")
    assert text_of(soup, "#reminders-check_mail_minutes-error") == "Write a number of minutes from 1 to 1440, like 10."
    assert text_of(soup, "#reminders-quiet_hours-error") == "Write two times of day, like 21:00-08:00."
    assert text_of(soup, "#reminders-digest_at-error") == "Write a time of day like 08:00, or off."
    assert text_of(soup, "#reminders-push_url-error").startswith("Apprise does not know this address.")
    assert control(soup, "reminders-quiet_hours")["value"] == "late"
    assert control(soup, "reminders-push_url")["value"] == ""  # a secret is never sent back
    assert Path(env.config_path).read_text(encoding="utf-8") == before


def test_a_test_reminder_with_nothing_set_up_says_how(client: WebClient) -> None:
    response = client.htmx("POST", "/settings/reminders/test")
    assert response.status_code == 422
    problem = text_of(BeautifulSoup(response.text, "html.parser"), "#reminders .flash-error")
    assert problem.startswith("No reminder channel is set up.")


def test_desktop_notifications_are_turned_on_here_and_the_test_button_says_when_there_is_no_desktop(
    client: WebClient, env: Env, receiver: Receiver, plaintext_keyring: None, tmp_path: Path, monkeypatch: Any
) -> None:
    # No session bus, as on a server: the push still goes out, and the page says why the desktop did not.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus-here'}")
    response = client.post("/settings/reminders", {**FORM, "push_url": receiver.url, "desktop": "on"})
    assert response.status_code == 303
    assert env.settings.reminders.desktop is True
    assert control(client.soup(response.headers["location"]), "reminders-desktop").has_attr("checked")

    answer = client.htmx("POST", "/settings/reminders/test")
    assert answer.status_code == 200
    soup = BeautifulSoup(answer.text, "html.parser")
    assert "Sent a test reminder through push (JSON)." in text_of(soup, ".flash-ok")
    assert text_of(soup, "#reminders .flash-error").startswith(
        "Desktop notifications: not shown: no desktop session to show notifications on"
    )
    assert len(receiver.posts) == 1

    client.post("/settings/reminders", {**FORM, "check_mail_minutes": "5"})
    assert (env.settings.reminders.desktop, env.settings.reminders.check_mail_minutes) == (False, 5)


def test_the_test_button_reaches_the_desktop(client: WebClient, env: Env, desktop: Desktop) -> None:
    assert client.post("/settings/reminders", {**FORM, "desktop": "on"}).status_code == 303
    answer = client.htmx("POST", "/settings/reminders/test")
    assert answer.status_code == 200
    soup = BeautifulSoup(answer.text, "html.parser")
    assert "Sent a test reminder through desktop notification. Check it arrived." in text_of(soup, ".flash-ok")
    assert soup.select("#reminders .flash-error") == []
    assert [(note.title, note.body) for note in desktop.shown] == [
        ("followup: a test reminder", "Reminders reach you here.\nOpen followup: http://127.0.0.1:8765/")
    ]
