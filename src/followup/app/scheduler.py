"""The scheduler beside the web app: runs the jobs of `app/` on a timer, in a thread.

`followup serve --with-scheduler` (what the background service runs) starts it. The
jobs themselves are defined once elsewhere in `app/` (the reminder pass is
`reminders.remind`, the same pass `followup remind` runs by hand); this module only
decides when they run, so a hosted deployment swaps it for workers that call the
same jobs.

The first pass runs at once, so what fell due while the computer was off goes out
at login rather than a minute later. Each pass gets its own database connection
(`in_own_env`): a SQLite connection belongs to the thread that opened it. A pass
that fails is reported and the next one runs on time: one bad pass must not stop
the reminders for the rest of the day.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from followup.app.context import Env, in_own_env
from followup.errors import FollowupError

# Reminders are due to the minute; a pass that finds nothing due costs one small query.
INTERVAL_SECONDS = 60.0


@dataclass(frozen=True)
class Job:
    name: str  # in the user's words, for the report: "reminders"
    run: Callable[[Env], list[str]]  # one pass; returns a line per thing it did
    stop: Callable[[], None] | None = None  # releases what the job keeps between passes


def reminder_job(report: Callable[[str], None] | None = None) -> Job:
    """The reminder pass; with `report`, the desktop notifications' buttons are answered (and reported)
    for as long as the scheduler runs, since the job keeps their notifier between passes."""
    from followup.app import reminders

    kept: list[reminders.DesktopChannel] = []

    def run(env: Env) -> list[str]:
        desktop = None
        if env.settings.reminders.desktop and report is not None:
            if not kept:
                kept.append(reminders.DesktopChannel(env, report))
            desktop = kept[0]
        done = reminders.remind(env, desktop=desktop)
        return done.problems + [f"Sent a reminder: {reminder.headline}" for reminder in done.sent]

    def stop() -> None:
        for channel in kept:
            channel.close()

    return Job("reminders", run, stop)


class Scheduler:
    """Runs `jobs` every `interval` seconds in a daemon thread until `stop()`."""

    def __init__(
        self,
        env: Env,
        jobs: Sequence[Job],
        report: Callable[[str], None],
        interval: float = INTERVAL_SECONDS,
    ) -> None:
        self._env = env
        self._jobs = tuple(jobs)
        self._report = report
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="followup scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        for job in self._jobs:
            if job.stop is not None:
                job.stop()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            for job in self._jobs:
                self._run(job)
            self._stopping.wait(self._interval)

    def _run(self, job: Job) -> None:
        try:
            lines = in_own_env(self._env, job.run)
        except FollowupError as exc:
            self._report(f"The {job.name} pass failed: {exc}")
        except Exception as exc:  # a bug, but the next pass may still work: report it and go on
            self._report(f"The {job.name} pass failed unexpectedly: {type(exc).__name__}: {exc}")
        else:
            for line in lines:
                self._report(line)
