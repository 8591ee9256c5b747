"""Load Taskwarrior with tasks equivalent to a generated followup database, for comparison.

Usage:
    python benchmarks/tasks.py DB TASKDIR [--owner 1] [--now ISO]
    TASKRC=TASKDIR/taskrc task next

One pending task per application of the owner (10,000 tasks for the 10,000-
application database): the application's next pending action when it has one
(description "<action> → <contact>: <role> at <company>", due when the action
is), otherwise a follow-up task of the same shape whose due date is drawn from
the dates of the stored actions, so the dates are spread like the agenda's.
The project is the company. The tasks go in with one `task import` of a JSON
file, into TASKDIR/data, with TASKDIR/taskrc as the only settings: Taskwarrior's
defaults as a user has them (colour, verbosity, confirmation and hooks as
shipped), plus `news.version` so that no upgrade notice is printed. Installs the
Debian package `taskwarrior` when `task` is missing (needs root).

Needs only the standard library, so any Python 3.11 runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

DEFAULT_NOW = "2026-11-22T09:00:00+01:00"
TITLES = {
    "prepare": "Prepare for the interview",
    "recruiter_debrief": "Call the recruiter",
    "thank_you": "Thank-you",
    "capture_details": "Fill in the interview details",
    "reference_heads_up": "Tell your reference",
    "status_check": "Status check",
    "follow_up_call": "Follow-up call",
    "move_on": "Move on",
    "thank_recruiter": "Thank the recruiter",
    "respond": "Reply to them",
    "application_check": "Ask about your application",
}
FILLER_KINDS = ("status_check", "follow_up_call", "thank_you", "capture_details")
NAMESPACE = uuid.UUID("6f1c2c1e-8a59-4c55-9a43-2d1d8b7f0b0a")


def ensure_task() -> str:
    """The path of `task`, installing Debian's taskwarrior package if needed."""
    found = shutil.which("task")
    if found:
        return found
    print("taskwarrior is missing: apt-get install -y taskwarrior", file=sys.stderr)
    install = ["apt-get", "install", "-y", "-q", "taskwarrior"]
    if subprocess.run(install, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(install, check=True)
    found = shutil.which("task")
    if not found:
        raise SystemExit("could not install taskwarrior")
    return found


def task_version() -> str:
    out = subprocess.run([ensure_task(), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def tw_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def equivalent_tasks(db_path: str, owner: int, now: datetime, seed: int = 1) -> list[dict[str, object]]:
    """One Taskwarrior task per application of `owner`, as described in the module docstring."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        apps = conn.execute(
            "SELECT id, company, role, created_at FROM application WHERE owner_id = ? ORDER BY id", (owner,)
        ).fetchall()
        rows = conn.execute(
            "SELECT p.application_id, p.kind, p.due, c.name FROM pending_action p "
            "LEFT JOIN contact c ON c.id = p.contact_id "
            "WHERE p.owner_id = ? AND (p.expires IS NULL OR p.expires > ?) ORDER BY p.due, p.id",
            (owner, now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ).fetchall()
    finally:
        conn.close()
    first: dict[int, tuple[str, str, str | None]] = {}
    for app_id, kind, due, contact in rows:
        first.setdefault(app_id, (kind, due, contact))
    offsets = [instant(due) - now for _, _, due, _ in rows] or [timedelta(days=1)]
    rng = random.Random(seed)
    tasks: list[dict[str, object]] = []
    for app_id, company, role, created in apps:
        if app_id in first:
            kind, due_text, contact = first[app_id]
            due = instant(due_text)
        else:
            kind, contact = rng.choice(FILLER_KINDS), None
            due = now + rng.choice(offsets)
        who = f" → {contact}" if contact else ""
        tasks.append(
            {
                "uuid": str(uuid.uuid5(NAMESPACE, f"{db_path}/{owner}/{app_id}")),
                "status": "pending",
                "description": f"{TITLES.get(kind, kind)}{who}: {role} at {company}",
                "project": company,
                "entry": tw_date(min(instant(created), now)),
                "due": tw_date(due),
            }
        )
    return tasks


def load(db_path: str, directory: str, *, owner: int = 1, now_text: str = DEFAULT_NOW) -> dict[str, str]:
    """Fill `directory` with a taskrc and the imported tasks; return the environment to run `task` in."""
    task = ensure_task()
    now = datetime.fromisoformat(now_text)
    data = os.path.join(directory, "data")
    if os.path.exists(data):
        shutil.rmtree(data)
    os.makedirs(data)
    taskrc = os.path.join(directory, "taskrc")
    with open(taskrc, "w", encoding="utf-8") as fh:
        fh.write(
            "# Taskwarrior for the followup benchmark: the shipped defaults, as a user has them.\n"
            f"data.location={data}\n"
            "news.version=2.6.0\n"
        )
    tasks = equivalent_tasks(db_path, owner, now)
    import_file = os.path.join(directory, "tasks.json")
    with open(import_file, "w", encoding="utf-8") as fh:
        json.dump(tasks, fh, ensure_ascii=False)
    env = {**os.environ, "TASKRC": taskrc}
    subprocess.run([task, "import", import_file], env=env, check=True, capture_output=True)
    out = subprocess.run([task, "status:pending", "count"], env=env, check=True, capture_output=True, text=True)
    if int(out.stdout.strip()) != len(tasks):
        raise SystemExit(f"taskwarrior holds {out.stdout.strip()} pending tasks, expected {len(tasks)}")
    return env


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("db", help="a database written by benchmarks/generate.py")
    parser.add_argument("taskdir", help="folder for taskrc and the task data (data/ is replaced)")
    parser.add_argument("--owner", type=int, default=1)
    parser.add_argument("--now", default=DEFAULT_NOW)
    args = parser.parse_args(argv)
    env = load(args.db, args.taskdir, owner=args.owner, now_text=args.now)
    print(f"{task_version()}: loaded; run it with TASKRC={env['TASKRC']} task next")
    return 0


if __name__ == "__main__":
    sys.exit(main())
