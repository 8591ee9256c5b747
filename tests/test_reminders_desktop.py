"""Desktop notifications, received by a notification server on a real session D-Bus of the test's own:
each reminder shown once with its title, reason and the draft's link; Snooze and Done pressed on it
snooze or finish the follow-up in the store; with no session bus the pass says so and push still goes out."""

# ruff: noqa: F811  (the fixtures imported from test_reminders_push are redefined as arguments)

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_session import Desktop, Shown, session_bus, wait_until, without_bus
from followup.app import actions, reminders
from followup.app.agenda import agenda
from followup.app.context import Env
from followup.app.scheduler import Job, Scheduler, reminder_job
from followup.errors import Conflict
from mail_servers import free_port
from test_reminders_push import AT, Receiver, interview, pushing, receiver  # noqa: F401  (fixtures used by name)
from test_scheduler import DEADLINE, MONDAY_MORNING, followup

THANK_YOU = "Thank-you (email): Data Analyst at Kaisha"
BUTTONS = ["default", "", "snooze", "Snooze", "done", "Done"]


@pytest.fixture
def bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for address in session_bus(tmp_path):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


@pytest.fixture
def desktop(bus: str) -> Iterator[Desktop]:
    server = Desktop(bus, capabilities=["actions", "body"])
    yield server
    server.close()


@pytest.fixture
def desktop_on(run) -> None:
    assert run.ok("config", "set", "reminders.desktop", "on") == "reminders.desktop = True\n"


def by_title(shown: list[Shown]) -> dict[str, Shown]:
    return {note.title: note for note in shown}


def pending(env: Env) -> dict[str, str]:
    """Each pending follow-up's title and due time, read through the application layer."""
    return {item.kind: item.due.isoformat(timespec="minutes") for item in agenda(env, 3)}


def test_the_scheduler_shows_a_due_thank_you_once_and_its_buttons_finish_or_snooze_it(
    env: Env, clock, desktop: Desktop, desktop_on: None
) -> None:
    interview(env, clock)
    clock.set(AT)
    env.reload_settings()
    thank_you_id = next(item.id for item in agenda(env, 3) if item.kind == "thank_you")
    reported: list[str] = []
    passes: list[int] = []

    def count(own: Env) -> list[str]:
        passes.append(1)
        return []

    jobs = [reminder_job(reported.append), Job("counting", count)]
    scheduler = Scheduler(env, jobs, report=reported.append, interval=0.05)
    scheduler.start()
    try:
        wait_until(lambda: len(desktop.shown) == 2, "two notifications")
        wait_until(lambda: len(reported) >= 2, "the scheduler's report of them")
        shown = by_title(desktop.shown)
        note = shown[THANK_YOU]
        assert note.app_name == "followup"
        reason = next(item.reason for item in agenda(env, 3) if item.kind == "thank_you")
        assert note.body == (
            f"{reason}\n\nDue Fri 26 Mar, 15:00; by Sat 27 Mar, 15:00.\n"
            f"Open the draft: http://127.0.0.1:8765/drafts/{thank_you_id}"
        )
        assert note.actions == BUTTONS

        # Passes go on every 50 ms, the clock moves on: none shows anything again.
        clock.set("2027-03-26T15:06:00+01:00")
        later = len(passes) + 3
        wait_until(lambda: len(passes) >= later, "three more passes")
        assert len(desktop.shown) == 2

        desktop.press(note, "done")
        wait_until(lambda: any(line.startswith("Marked done") for line in reported), "the Done button's answer")
        assert f"Marked done from a notification: {THANK_YOU}" in reported
        with pytest.raises(Conflict, match="is already done"):
            actions.find_action(env, thank_you_id)

        capture = next(n for n in desktop.shown if n.title != THANK_YOU)
        desktop.press(capture, "snooze")
        wait_until(lambda: any(line.startswith("Snoozed") for line in reported), "the Snooze button's answer")
        assert f"Snoozed until Sat 27 Mar from a notification: {capture.title}" in reported
        # Tomorrow, as the web app's snooze word means: back on Saturday morning.
        assert pending(env)["capture_details"] == "2027-03-27T09:00+01:00"
    finally:
        scheduler.stop(timeout=30)
    assert len(desktop.shown) == 2
    assert not [line for line in reported if "failed" in line], reported


def test_followup_remind_shows_the_link_without_buttons_and_nothing_on_the_next_pass(
    env: Env, clock, run, desktop: Desktop, desktop_on: None
) -> None:
    interview(env, clock)
    out = run.ok("remind", now=AT)
    assert "Sent 2 reminders:" in out
    note = by_title(desktop.shown)[THANK_YOU]
    assert "Open the draft: http://127.0.0.1:8765/drafts/" in note.body
    # Nobody stays to answer buttons after a one-off command: the link in the text is the way to the draft.
    assert note.actions == ["default", ""]
    assert run.ok("remind", now=AT) == "Nothing is due: no reminder sent.\n"
    assert len(desktop.shown) == 2


def test_a_desktop_without_buttons_gets_the_link_only(env: Env, clock, bus: str, desktop_on: None) -> None:
    plain = Desktop(bus, capabilities=["body"])
    try:
        interview(env, clock)
        clock.set(AT)
        env.reload_settings()
        channel = reminders.DesktopChannel(env, report=lambda line: None)
        try:
            assert len(reminders.remind(env, desktop=channel).sent) == 2
        finally:
            channel.close()
        assert by_title(plain.shown)[THANK_YOU].actions == ["default", ""]
    finally:
        plain.close()


def test_with_no_session_bus_the_pass_says_so_and_the_push_still_goes_out(
    env: Env, clock, run, pushing: Receiver, desktop_on: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_bus(monkeypatch, tmp_path)
    interview(env, clock)
    out = run.ok("remind", now=AT)
    assert out.startswith(
        "Desktop notifications: not shown: no desktop session to show notifications on (FileNotFoundError"
    ), out
    assert "Desktop notifications need a logged-in desktop (on Linux its session D-Bus)." in out
    assert "Sent 2 reminders:" in out
    assert len(pushing.posts) == 2
    # The pass's own notifier was closed, though the desktop was found missing: no thread is left behind.
    assert "followup desktop notifications" not in [thread.name for thread in threading.enumerate()]
    assert run.json("remind", now=AT)["sent"] == []  # pushed, so recorded: not again

    tested = run.ok("remind", "--test")
    assert tested.splitlines()[0] == "Sent a test reminder: push (JSON)."
    assert "Desktop notifications: not shown: no desktop session" in tested


def test_with_only_the_desktop_and_no_bus_nothing_is_recorded_until_a_desktop_takes_it(
    env: Env, clock, run, desktop_on: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interview(env, clock)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus-here'}")
    failed = run("remind", now=AT)
    assert failed.exit_code == 10
    assert "no desktop session to show notifications on" in failed.output
    assert "on a server, let push (reminders.push_url) or the morning digest reach you" in failed.output.lower()
    assert sorted(item["kind"] for item in run.json("remind", "--dry-run", now=AT)["sent"]) == [
        "capture_details",
        "thank_you",
    ]

    for address in session_bus(tmp_path):
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        server = Desktop(address, capabilities=["actions", "body"])
        try:
            assert "Sent 2 reminders:" in run.ok("remind", now=AT)
            assert len(server.shown) == 2
        finally:
            server.close()


def test_the_test_reminder_reaches_the_desktop(run, desktop: Desktop, desktop_on: None) -> None:
    assert run.ok("remind", "--test") == "Sent a test reminder: desktop notification.\n"
    [note] = desktop.shown
    assert (note.title, note.body) == (
        "followup: a test reminder",
        "Reminders reach you here.\nOpen followup: http://127.0.0.1:8765/",
    )


def test_clicking_a_notification_opens_its_draft(env: Env, clock, desktop: Desktop, desktop_on: None) -> None:
    interview(env, clock)
    clock.set(AT)
    env.reload_settings()
    opened: list[str] = []
    channel = reminders.DesktopChannel(env, report=lambda line: None, open_link=opened.append)
    try:
        [thank_you] = [r for r in reminders.remind(env, desktop=channel).sent if r.kind == "thank_you"]
        desktop.press(by_title(desktop.shown)[THANK_YOU], "default")
        wait_until(lambda: opened, "the draft opened")
    finally:
        channel.close()
    assert opened == [f"http://127.0.0.1:8765/drafts/{thank_you.action_id}"]


README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def shown_in_readme(first_command: str, after: str = "") -> list[tuple[str, str]]:
    """The README's console block that starts with `$ first_command` (the first after the words `after`):
    each command with what it prints."""
    text = README.split(after, 1)[1] if after else README
    block = text.split(f"$ {first_command}\n", 1)[1].split("```", 1)[0]
    steps, lines = [(first_command, "")], block.splitlines()
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], ""))
        else:
            command, printed = steps[-1]
            steps[-1] = (command, printed + line + "\n")
    return steps


def test_the_readme_shows_turning_desktop_reminders_on_as_it_is(run, desktop: Desktop) -> None:
    for command, printed in shown_in_readme("followup config set reminders.desktop on"):
        assert run.ok(*command.split()[1:]) == printed
    assert len(desktop.shown) == 1


def test_the_readme_shows_a_server_without_a_desktop_as_it_is(
    run, pushing: Receiver, desktop_on: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'none'}")
    [(_, printed)] = shown_in_readme("followup remind --test", after="followup says so instead of pretending:")
    assert run.ok("remind", "--test") == printed
    assert len(pushing.posts) == 1


def test_a_new_desktop_session_gets_the_next_reminders(env: Env, clock, tmp_path: Path, monkeypatch, run) -> None:
    """The scheduler outlives a logout: the next reminder goes to the new session's bus, not the closed one."""
    run.ok("config", "set", "reminders.desktop", "on")
    interview(env, clock)
    env.reload_settings()
    channel = reminders.DesktopChannel(env, report=lambda line: None)
    try:
        for address in session_bus(tmp_path):
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            first = Desktop(address, capabilities=["actions", "body"])
            channel.send("followup: a test reminder", "Reminders reach you here.", "http://127.0.0.1:8765/")
            first.close()
        assert len(first.shown) == 1
        for address in session_bus(tmp_path):  # logged in again: a new bus at the same place
            second = Desktop(address, capabilities=["actions", "body"])
            clock.set(AT)
            sent = reminders.remind(env, desktop=channel).sent
            second.close()
        assert THANK_YOU in [reminder.headline for reminder in sent]
        assert THANK_YOU in by_title(second.shown)
    finally:
        channel.close()


@pytest.mark.slow
def test_the_background_service_answers_done_on_its_notification(run, desktop: Desktop, desktop_on: None) -> None:
    """What the service runs, in its own process: the notification it shows is answered while it runs."""
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--applied", "2026-11-02")
    [due] = run.json("remind", "--dry-run", now=MONDAY_MORNING)["sent"]
    process = subprocess.Popen(
        followup(
            run.paths, "--now", MONDAY_MORNING, "serve", "--no-browser", "--with-scheduler", "--port", str(free_port())
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),  # with the test's session bus
    )
    printed: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        printed.extend(line.strip() for line in process.stdout)

    threading.Thread(target=read, daemon=True).start()
    try:
        # A machine busy with other jobs can take long to start Python and the web app.
        wait_until(lambda: desktop.shown, "the notification", timeout=DEADLINE)
        [note] = desktop.shown
        assert note.actions == BUTTONS
        # A person presses after the pass has finished showing it; pressing in the same instant the
        # desktop received it could come before the notifier knew the notification's number.
        wait_until(lambda: any(line.startswith("Sent a reminder") for line in printed), "the pass", DEADLINE)
        desktop.press(note, "done")
        wait_until(lambda: any(line.startswith("Marked done") for line in printed), "the answer to Done", DEADLINE)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=DEADLINE)
    assert f"Sent a reminder: {due['title']}: Data Analyst at ACME Corp" in printed
    assert f"Marked done from a notification: {due['title']}: Data Analyst at ACME Corp" in printed
    assert due["id"] not in [item["id"] for item in run.json("agenda", now=MONDAY_MORNING)]
    assert "already done" in run("done", due["id"], now=MONDAY_MORNING).output
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")
