"""`followup serve --with-scheduler`: the reminders go out while the web app runs, with no terminal command.

This is what the background service (`followup service install`) runs. The scheduler
only says when the jobs run; the reminder pass itself is the one `followup remind`
runs, tested in test_reminders.py.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time

from followup.app.context import Env
from followup.app.scheduler import Job, Scheduler
from followup.errors import Conflict
from mail_servers import free_port

# Monday 7 December 2026, 10:00 in Berlin: outside the default quiet hours, not a weekend.
MONDAY_MORNING = "2026-12-07T10:00:00+01:00"
DEADLINE = 90.0  # a machine busy with other jobs can take long to start Python and the web app


def followup(paths: dict[str, str], *args: str) -> list[str]:
    return [sys.executable, "-m", "followup", "--db", paths["db"], "--config", paths["config"], *args]


def lines_until(process: subprocess.Popen[str], wanted: str) -> list[str]:
    """What the process prints up to a line starting with `wanted`; a thread reads, so a hang fails the test."""
    found: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            found.put(line.strip())
        found.put(None)

    threading.Thread(target=read, daemon=True).start()
    lines: list[str] = []
    deadline = time.monotonic() + DEADLINE
    while not lines or not lines[-1].startswith(wanted):
        try:
            line = found.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"no {wanted!r} in {DEADLINE:.0f} s: {lines}") from None
        assert line is not None, f"serve stopped: {lines}"
        lines.append(line)
    return lines


def test_serve_with_the_scheduler_sends_a_due_reminder_once(run) -> None:
    run.ok("app", "add", "ACME Corp", "Data Analyst", "--applied", "2026-11-02")
    assert "Would send 1 reminder" in run.ok("remind", "--dry-run", now=MONDAY_MORNING)
    process = subprocess.Popen(
        followup(
            run.paths, "--now", MONDAY_MORNING, "serve", "--no-browser", "--with-scheduler", "--port", str(free_port())
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = lines_until(process, "Sent a reminder")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=DEADLINE)
    assert "Reminders are sent as they fall due." in lines
    assert lines[-1] == "Sent a reminder: Ask about your application (email): Data Analyst at ACME Corp"
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")
    # Recorded: `followup remind` by hand, or the next pass, sends it no second time.
    assert run.ok("remind", "--dry-run", now=MONDAY_MORNING) == "Nothing is due: no reminder sent.\n"


def test_each_job_runs_at_once_then_on_every_tick(env: Env) -> None:
    passes: list[str] = []
    enough = threading.Event()

    def count(own: Env) -> list[str]:
        assert own is not env  # its own connection: SQLite's belong to one thread
        passes.append(own.db_path)
        if len(passes) == 3:
            enough.set()
        return []

    scheduler = Scheduler(env, [Job("counting", count)], report=lambda line: None, interval=0.01)
    scheduler.start()
    assert enough.wait(DEADLINE)
    scheduler.stop(timeout=DEADLINE)
    stopped_at = len(passes)
    time.sleep(0.05)
    assert len(passes) == stopped_at  # nothing runs after stop()
    assert set(passes) == {env.db_path}


def test_a_failing_pass_is_reported_and_the_next_one_still_runs(env: Env) -> None:
    reported: list[str] = []
    attempts: list[int] = []
    second = threading.Event()

    def flaky(own: Env) -> list[str]:
        attempts.append(1)
        if len(attempts) == 1:
            raise Conflict("the database is being upgraded")
        if len(attempts) == 2:
            raise KeyError("oops")
        second.set()
        return ["Sent a reminder: Thank Ann Lee"]

    scheduler = Scheduler(env, [Job("reminders", flaky)], report=reported.append, interval=0.01)
    scheduler.start()
    assert second.wait(DEADLINE)
    scheduler.stop(timeout=DEADLINE)
    assert reported[:4] == [
        "The reminders pass failed: the database is being upgraded",
        "The reminders pass failed unexpectedly: KeyError: 'oops'",
        "The reminders pass works again.",
        "Sent a reminder: Thank Ann Lee",
    ]


def test_a_failure_that_lasts_is_reported_once_not_on_every_pass(env: Env) -> None:
    reported: list[str] = []
    attempts: list[int] = []
    enough = threading.Event()

    def no_desktop(own: Env) -> list[str]:
        attempts.append(1)
        if len(attempts) <= 5:
            raise Conflict("no desktop session to show notifications on")
        enough.set()
        return []

    scheduler = Scheduler(env, [Job("reminders", no_desktop)], report=reported.append, interval=0.01)
    scheduler.start()
    assert enough.wait(DEADLINE)
    scheduler.stop(timeout=DEADLINE)
    assert reported == [
        "The reminders pass failed: no desktop session to show notifications on",
        "The reminders pass works again.",
    ]
