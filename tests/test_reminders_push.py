"""Push reminders through Apprise, received by a real HTTP endpoint on loopback: one POST per reminder,
with its title, reason and link; the URL (the service's secret) never in the settings file or the output."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import keyring.core
import pytest

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ContactRole

BERLIN = ZoneInfo("Europe/Berlin")
AT = "2027-03-26T15:05:00+01:00"


class Receiver:
    """A JSON webhook on loopback, as Apprise's json:// posts to it; answers `status`."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                receiver.posts.append(json.loads(self.rfile.read(length)))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def pushing(run, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> Receiver:
    monkeypatch.setenv("FOLLOWUP_PUSH_URL", receiver.url)
    assert run.ok("config", "set", "reminders.push_url", "env:FOLLOWUP_PUSH_URL") == (
        "reminders.push_url = env:FOLLOWUP_PUSH_URL\n"
    )
    return receiver


@pytest.fixture
def plaintext_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    backend = "keyrings.alt.file.PlaintextKeyring"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    keyring.set_keyring(keyring.core.load_keyring(backend))
    yield
    keyring.set_keyring(keyring.core.load_keyring("keyring.backends.fail.Keyring"))


def interview(env: Env, clock) -> None:
    clock.set("2027-03-24T09:00:00+01:00")
    app = applications.add_application(env, applications.NewApplication(company="Kaisha", role="Data Analyst"))
    ann = applications.add_contact(
        env, applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER), application_id=app.id
    )
    start = datetime(2027, 3, 26, 14, 0, tzinfo=BERLIN)
    applications.add_interview(env, app.id, applications.NewInterview(starts_at=start, participants=[ann.id]))


def test_each_reminder_reaches_the_phone_once_with_its_reason_and_the_draft_link(env, clock, run, pushing):
    interview(env, clock)
    sent = {item["kind"]: item for item in run.json("remind", now=AT)["sent"]}
    assert sorted(sent) == ["capture_details", "thank_you"]

    assert len(pushing.posts) == 2
    by_title = {post["title"]: post["message"] for post in pushing.posts}
    thank_you = sent["thank_you"]
    assert by_title["Thank-you (email): Data Analyst at Kaisha"] == (
        f"{thank_you['reason']}\n\n"
        "Due Fri 26 Mar, 15:00; by Sat 27 Mar, 15:00.\n"
        f"Open the draft: http://127.0.0.1:8765/drafts/{thank_you['id']}"
    )
    assert set(by_title) == {f"{item['title']}: Data Analyst at Kaisha" for item in sent.values()}
    # Found as a user: a follow-up with no draft linked to a draft page that does not exist; it
    # leads where the Today page's button leads.
    details = by_title["Fill in the interview details: Data Analyst at Kaisha"]
    assert re.search(r"\nFill in the details: http://127\.0\.0\.1:8765/applications/[0-9]+$", details)

    # Another pass, and another process after a restart, push nothing more.
    assert run.json("remind", now=AT)["sent"] == []
    assert run.json("remind", now="2027-03-26T18:00:00+01:00")["sent"] == []
    assert len(pushing.posts) == 2


def test_a_push_the_service_refuses_is_not_recorded_and_goes_out_on_the_next_pass(env, clock, run, pushing):
    interview(env, clock)
    pushing.status = 500
    refused = run("remind", now=AT)
    assert refused.exit_code == 10
    assert "JSON did not take the reminder" in refused.output
    assert pushing.url not in refused.output

    pushing.status = 200
    pushing.posts.clear()
    assert len(run.json("remind", now="2027-03-26T15:10:00+01:00")["sent"]) == 2
    assert len(pushing.posts) == 2


def test_a_pasted_url_goes_to_the_keyring_and_is_never_shown(run, paths, receiver, plaintext_keyring):
    shown = run.ok("config", "set", "reminders.push_url", receiver.url)
    assert shown == "reminders.push_url = keyring\n"
    settings_file = Path(paths["config"]).read_text(encoding="utf-8")
    assert 'push_url = "keyring"' in settings_file
    where = receiver.url.removeprefix("json://").rstrip("/")  # 127.0.0.1 and the receiver's port
    assert where not in settings_file
    assert where not in run.ok("config")
    assert keyring.get_password("followup-push", "push_url") == receiver.url

    assert run.ok("remind", "--test") == "Sent a test reminder: push (JSON).\n"
    assert receiver.posts == [
        {
            "version": "1.0",
            "title": "followup: a test reminder",
            "message": "Reminders reach you here.\nOpen followup: http://127.0.0.1:8765/",
            "type": "info",
            "attachments": [],
        }
    ]


def test_a_url_apprise_does_not_know_is_refused_without_being_repeated(run, paths, plaintext_keyring):
    result = run("config", "set", "reminders.push_url", "nopush://secret-token@example.org")
    assert result.exit_code == 8
    assert "reminders.push_url is not a notification URL that Apprise knows" in result.output
    assert "secret-token" not in result.output
    assert "push_url" not in Path(paths["config"]).read_text(encoding="utf-8")


def test_a_url_written_into_the_settings_file_is_refused_without_being_repeated(run, paths):
    Path(paths["config"]).write_text(
        'timezone = "Europe/Berlin"\n[reminders]\npush_url = "ntfy://user:secret-token@ntfy.sh/topic"\n',
        encoding="utf-8",
    )
    result = run("remind")
    assert result.exit_code == 8
    assert "reminders.push_url holds a secret URL in the settings file" in result.output
    assert "secret-token" not in result.output


def test_a_test_reminder_with_no_channel_says_how_to_set_one_up(run):
    result = run("remind", "--test")
    assert result.exit_code == 8
    assert "no reminder channel is set up" in result.output
    assert "followup config set reminders.push_url" in result.output


def test_a_missing_environment_variable_is_named(run, monkeypatch: pytest.MonkeyPatch, env, clock):
    monkeypatch.delenv("FOLLOWUP_PUSH_URL", raising=False)
    run.ok("config", "set", "reminders.push_url", "env:FOLLOWUP_PUSH_URL")
    interview(env, clock)
    result = run("remind", now=AT)
    assert result.exit_code == 8
    assert "the environment variable FOLLOWUP_PUSH_URL is not set" in result.output
    assert run.json("remind", "--dry-run", now=AT)["channels"] == ["push"]


def test_the_url_can_come_from_a_program_and_its_failure_names_the_setting(run, receiver, env, clock):
    run.ok("config", "set", "reminders.push_url", f"command:printf {receiver.url}")
    assert run.ok("remind", "--test") == "Sent a test reminder: push (JSON).\n"
    assert len(receiver.posts) == 1

    run.ok("config", "set", "reminders.push_url", "command:no-such-password-manager get ntfy")
    result = run("remind", "--test")
    assert result.exit_code == 8
    assert "reminders.push_url: program 'no-such-password-manager' not found" in result.output
    assert "mail." not in result.output


def _links(posts: list[dict[str, str]]) -> list[str]:
    return [post["message"].rsplit(": ", 1)[1] for post in posts]


def test_beside_the_web_app_the_links_go_where_it_runs(env, clock, pushing):
    # Found as a user: `serve --with-scheduler` on another port pushed links to the default 8765.
    from followup.app import scheduler

    env.reload_settings()  # the push address, set through the command line
    interview(env, clock)
    clock.set(AT)
    scheduler.reminder_job(serving_at="http://127.0.0.1:8777/").run(env)
    links = _links(pushing.posts)
    assert len(links) == 2
    assert all(link.startswith("http://127.0.0.1:8777/") for link in links)


def test_an_address_the_user_chose_for_the_links_is_kept(env, clock, run, pushing):
    from followup.app import scheduler

    run.ok("config", "set", "reminders.web_address", "http://laptop.home:8765")
    env.reload_settings()
    interview(env, clock)
    clock.set(AT)
    scheduler.reminder_job(serving_at="http://127.0.0.1:8777/").run(env)
    links = _links(pushing.posts)
    assert len(links) == 2
    assert all(link.startswith("http://laptop.home:8765/") for link in links)
