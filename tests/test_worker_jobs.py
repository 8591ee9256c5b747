"""What the workers serve and the door they come through: the owners of a hosted database (or the one user
of a database that is not hosted), each owner's plan kept fresh by its own fingerprint, a clear error for
a worker without PostgreSQL, and a single-user app that never loads the queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from followup.app import applications, hosted_jobs, plan
from followup.app.context import env_for
from followup.errors import InvalidInput

CREATED = "2026-11-16T09:00:00Z"


def add_owner(conn, name: str, *, disabled: bool = False, settings: str | None = None) -> int:
    added = conn.execute("INSERT INTO owner (name, created_at) VALUES (?, ?) RETURNING id", (name, CREATED))
    owner = int(added.fetchone()[0])
    conn.execute(
        "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at, disabled_at) "
        "VALUES (?, ?, ?, 'seeker', 'unused', ?, ?, ?)",
        (owner, f"{name}@example.test", name, CREATED, CREATED, CREATED if disabled else None),
    )
    if settings is not None:
        conn.execute(
            "INSERT INTO owner_settings (owner_id, document, updated_at) VALUES (?, ?, ?)", (owner, settings, CREATED)
        )
    return owner


def test_a_database_that_is_not_hosted_serves_its_one_user(env):
    assert hosted_jobs.served_owners(env) == [1]


def test_a_hosted_database_serves_every_account_not_disabled(env):
    with env.store.transaction():
        env.conn.execute("INSERT INTO meta (key, value) VALUES ('hosted', '1')")
        ann = add_owner(env.conn, "ann")
        add_owner(env.conn, "bob", disabled=True)
        cy = add_owner(env.conn, "cy")
    assert hosted_jobs.served_owners(env) == [ann, cy]


def test_each_account_s_plan_is_fresh_or_stale_by_its_own_settings(env):
    with env.store.transaction():
        ann = add_owner(env.conn, "ann", settings='timezone = "Europe/Berlin"\ncountry = "DE"\n')
        bob = add_owner(env.conn, "bob", settings='timezone = "America/New_York"\ncountry = "US"\n')
    ann_env, bob_env = env_for(env, ann), env_for(env, bob)
    applications.add_application(bob_env, applications.NewApplication(company="ACME", role="Analyst"))
    assert hosted_jobs.plan_is_stale(ann_env)
    assert hosted_jobs.plan_is_stale(bob_env)
    assert hosted_jobs.replan(ann_env).lines == []  # nothing to recompute, but now fresh
    assert not hosted_jobs.plan_is_stale(ann_env)
    assert hosted_jobs.plan_is_stale(bob_env)  # Ann's settings say nothing about Bob's plan
    assert hosted_jobs.replan(bob_env).lines == ["Follow-ups recomputed for 1 application after a change of settings."]
    assert not hosted_jobs.plan_is_stale(bob_env)
    assert plan.fingerprint_key(env) == "plan_fingerprint"  # the single-user app's key is unchanged


def test_a_worker_needs_a_postgresql_database(paths, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    with pytest.raises(InvalidInput, match="runs the jobs of a PostgreSQL database") as raised:
        hosted_jobs.database_url(str(tmp_path / "mine.db"), paths["config"])
    assert "followup serve --with-scheduler" in str(raised.value)
    assert not (tmp_path / "mine.db").exists()


def test_the_worker_command_says_what_is_wrong(run, tmp_path: Path):
    result = run("--db", str(tmp_path / "mine.db"), "worker")
    assert result.exit_code == InvalidInput.exit_code, result.output
    assert "runs the jobs of a PostgreSQL database" in result.output
    assert "Traceback" not in result.output
    result = run("worker", "--queues", "mail,post")
    assert result.exit_code == 2
    assert "'post' is not a queue; the queues are schedule, reminders, mail, send, plan" in result.output


def test_the_single_user_app_never_loads_the_queue(tmp_path: Path):
    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    script = (
        "import sys\n"
        "from followup.cli import main\n"
        f"for args in (['agenda'], ['--help'], ['worker', '--help'], ['remind', '--dry-run']):\n"
        f"    try:\n"
        f"        main(['--db', {str(tmp_path / 'f.db')!r}, '--config', {str(settings)!r}, *args])\n"
        "    except SystemExit as exit:\n"
        "        assert not exit.code, (args, exit.code)\n"
        # The web app's pages with Send and "Check mail now": they send and read in-process here.
        "from starlette.testclient import TestClient\n"
        "from followup.app.context import bootstrap\n"
        "from followup.web.server import build\n"
        f"app = build(bootstrap({str(tmp_path / 'f.db')!r}, {str(settings)!r}), '127.0.0.1', 8765)\n"
        "http = TestClient(app, base_url='http://127.0.0.1:8765')\n"
        "assert http.get(f'/login?token={app.app.state.web.guard.sign_in_token}').status_code == 200\n"
        "assert http.get('/replies').status_code == 200\n"
        "assert http.get('/drafts/0123456789ab').status_code == 404\n"
        "queue = ('procrastinate', 'psycopg', 'psycopg_pool', 'followup.app.job_queue', 'followup.worker.jobs')\n"
        "loaded = [m for m in sys.modules if m.startswith(queue)]\n"
        "assert not loaded, loaded\n"
    )
    environment = {**os.environ, "FOLLOWUP_DATABASE_URL": ""}
    done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def test_each_round_is_queued_once_however_many_minutes_ask(postgresql_url, paths):
    from followup.app.job_queue import queue_rounds
    from followup.worker.jobs import Where, build
    from worker_support import queue

    async def nothing(app):
        pass

    queue(postgresql_url, paths["config"], nothing)  # the queue's tables
    app = build(Where(postgresql_url, paths["config"]))
    with app.open():
        assert queue_rounds(app, [2, 3]) == 2  # in one statement
        assert queue_rounds(app, [2, 3, 4]) == 1  # 2 and 3 still queued: only 4, one by one
        queued = sorted(
            int(str(job.task_kwargs["owner"])) for job in app.job_manager.list_jobs(task="round", status="todo")
        )
    assert queued == [2, 3, 4]


def test_the_command_names_the_queues_the_jobs_use():
    from followup.worker.command import QUEUE_NAMES
    from followup.worker.jobs import QUEUES

    assert QUEUE_NAMES == QUEUES


def test_a_job_whose_end_was_not_recorded_is_queued_again_by_its_own_worker(postgresql_url, paths, caplog):
    """The database was away when a job ended: it is still taken by this worker, which is alive (so no
    other worker takes it over) and does not run it. The worker queues it again itself."""
    import asyncio
    from types import SimpleNamespace

    from followup.worker.jobs import Where, build
    from followup.worker.process import ensure_schema, retry_dropped

    async def check() -> tuple[str, str]:
        app = build(Where(postgresql_url, paths["config"]))
        async with app.open_async():
            await ensure_schema(app)
            worker_id = await app.job_manager.register_worker()
            for owner in (2, 3):
                await app.configure_task("round").defer_async(owner=owner)
            dropped = await app.job_manager.fetch_job(queues=None, worker_id=worker_id)
            running = await app.job_manager.fetch_job(queues=None, worker_id=worker_id)
            assert dropped is not None
            assert dropped.id is not None
            assert running is not None
            assert running.id is not None
            worker = SimpleNamespace(worker_id=worker_id, _running_jobs={"task": SimpleNamespace(job=running)})
            suspects = await retry_dropped(app, worker, set())  # perhaps only just taken: a look later
            assert suspects == {dropped.id}
            assert (await app.job_manager.get_job_status_async(dropped.id)).value == "doing"
            assert await retry_dropped(app, worker, suspects) == set()
            return (
                (await app.job_manager.get_job_status_async(dropped.id)).value,
                (await app.job_manager.get_job_status_async(running.id)).value,
            )

    assert asyncio.run(check()) == ("todo", "doing")
    assert "The end of a job was not recorded (the database was away) while the reminders of account 2" in caplog.text
