"""/readyz and /metrics: what the operator's load balancer and Prometheus read.

Runs on SQLite and, with `--store=postgresql`, on PostgreSQL; the test that stops the
database server starts a PostgreSQL of its own.
"""

from __future__ import annotations

import sqlite3

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

import database_servers
from followup.app.context import bootstrap
from followup.store import db
from followup.web.server import build
from web.web_support import PORT

TOKEN = "metrics-token-for-the-test"


def anonymous(env) -> TestClient:
    """A client nobody signed in: what a load balancer or Prometheus is."""
    return TestClient(build(env, "127.0.0.1", PORT), base_url=f"http://127.0.0.1:{PORT}", follow_redirects=False)


def set_schema_version(env, version: int) -> None:
    if isinstance(env.conn, sqlite3.Connection):
        env.conn.execute(f"PRAGMA user_version = {version:d}")
    else:
        env.conn.execute("UPDATE schema_version SET version = ?", (version,))


def test_ready_when_the_database_answers_at_the_current_schema(env):
    http = anonymous(env)
    answer = http.get("/readyz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ready", "schema": db.SCHEMA_VERSION}
    assert http.get("/healthz").status_code == 200


def test_not_ready_at_another_schema(env):
    http = anonymous(env)
    set_schema_version(env, db.SCHEMA_VERSION - 1)
    answer = http.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["problems"] == [
        f"the database is at schema {db.SCHEMA_VERSION - 1}, this program needs {db.SCHEMA_VERSION}: "
        "it upgrades the database when it starts"
    ]
    set_schema_version(env, db.SCHEMA_VERSION + 1)
    assert "upgrade followup on this machine" in http.get("/readyz").json()["problems"][0]
    set_schema_version(env, db.SCHEMA_VERSION)


def test_not_ready_in_hosted_mode_without_the_server_key(env, monkeypatch):
    from followup.store.actions import set_meta

    monkeypatch.delenv("FOLLOWUP_SECRET_KEYS", raising=False)
    monkeypatch.delenv("FOLLOWUP_SECRET_KEYS_FILE", raising=False)
    with env.store.transaction():
        set_meta(env.store, "hosted", "1")
    answer = anonymous(env).get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["problems"][0].startswith("FOLLOWUP_SECRET_KEYS is not set")
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", "4bV3VHTQ3ox6Qtme5ZA3VH1h4h8D5cR0ZqVgZcl0wkM=")
    assert anonymous(env).get("/readyz").status_code == 200


def test_not_ready_when_postgresql_stops(tmp_path, clock):
    pg_bin = database_servers._bin_dir()
    if pg_bin is None:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
    own = database_servers.PostgresServer(pg_bin)  # its own server: the session's keeps running
    try:
        settings = tmp_path / "settings.toml"
        settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
        env = bootstrap(own.create(), str(settings), clock=clock)
        http = anonymous(env)
        assert http.get("/readyz").status_code == 200
        own.stop()
        answer = http.get("/readyz")
        assert answer.status_code == 503
        assert answer.json()["status"] == "not ready"
        assert answer.json()["problems"][0].startswith("the database cannot be reached")
        assert http.get("/healthz").status_code == 200  # alive all the same: the database is what is missing
    finally:
        own.stop()


# -- /metrics -------------------------------------------------------------------------------------


def fill_installation(env) -> None:
    """Two accounts, three mailboxes (one never synced), an outbox with a failed send, by direct SQL."""
    everyone = db.Store(env.conn, owner=db.INSTALLATION)
    conn = everyone.conn
    with everyone.transaction():
        owners = []
        for name in ("ann", "bob"):
            conn.execute("INSERT INTO owner (name, created_at) VALUES (?, ?)", (name, "2026-11-16T08:00:00Z"))
            owners.append(int(conn.execute("SELECT max(id) FROM owner").fetchone()[0]))
        ann, bob = owners
        for owner, email, role, disabled in (
            (ann, "ann@uni.example", "seeker", None),
            (bob, "bob@uni.example", "coach", "2026-11-16T08:30:00Z"),
        ):
            conn.execute(
                "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at, "
                "disabled_at) VALUES (?, ?, ?, ?, 'x', ?, ?, ?)",
                (owner, email, email.split("@")[0], role, "2026-11-16T08:00:00Z", "2026-11-16T08:00:00Z", disabled),
            )
        folders = [
            (ann, "ann-work", "INBOX", "inbox", "2026-11-16T08:00:00Z"),  # 1 hour before the clock
            (ann, "ann-work", "Sent", "sent", "2026-11-16T08:30:00Z"),
            (bob, "bob-home", "INBOX", "inbox", "2026-11-16T08:50:00Z"),
            (bob, "bob-new", "INBOX", "inbox", None),
        ]
        conn.executemany(
            "INSERT INTO mail_folder (owner_id, account, folder, role, uidvalidity, synced_at) "
            "VALUES (?, ?, ?, ?, 1, ?)",
            folders,
        )
        for number, state in enumerate(("sent", "sent", "failed")):
            conn.execute(
                "INSERT INTO outbox (owner_id, action_id, account, message_id, mode, state, raw, created_at, "
                "updated_at) VALUES (?, ?, 'ann-work', ?, 'send', ?, ?, ?, ?)",
                (
                    ann,
                    f"a{number}",
                    f"<m{number}@uni.example>",
                    state,
                    b"secret body",
                    "2026-11-16T08:00:00Z",
                    "2026-11-16T08:00:00Z",
                ),
            )


def scrape(env, token: str | None = TOKEN) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = anonymous(env).get("/metrics", headers={"Authorization": f"Bearer {token}"} if token else {})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    for private in ("ann", "bob", "uni.example", "secret body"):
        assert private not in answer.text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def test_metrics_are_there_only_with_their_token(env, monkeypatch):
    monkeypatch.delenv("FOLLOWUP_METRICS_TOKEN", raising=False)
    assert anonymous(env).get("/metrics").status_code == 404
    monkeypatch.setenv("FOLLOWUP_METRICS_TOKEN", TOKEN)
    assert anonymous(env).get("/metrics").status_code == 401
    wrong = anonymous(env).get("/metrics", headers={"Authorization": "Bearer not-it"})
    assert wrong.status_code == 401
    assert anonymous(env).get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_metrics_count_the_installation_and_parse_as_prometheus_reads_them(env, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_METRICS_TOKEN", TOKEN)
    fill_installation(env)
    figures = scrape(env)

    assert figures[("followup_schema_version", ())] == db.SCHEMA_VERSION
    assert figures[("followup_mailboxes", ())] == 3
    assert figures[("followup_mailboxes_never_synced", ())] == 1
    assert figures[("followup_mail_sync_lag_seconds", ())] == 3600  # ann-work's inbox, read at 08:00Z; now 09:00Z
    assert figures[("followup_outbox_messages", (("state", "failed"),))] == 1
    assert figures[("followup_outbox_messages", (("state", "sent"),))] == 2
    assert figures[("followup_accounts", (("role", "seeker"), ("state", "active")))] == 1
    assert figures[("followup_accounts", (("role", "coach"), ("state", "disabled")))] == 1
    assert not [name for name, _ in figures if name == "followup_jobs"]  # no job queue here: left out


def test_metrics_count_the_job_queue_when_there_is_one(postgresql_url, monkeypatch, tmp_path, clock):
    import psycopg
    from procrastinate.schema import SchemaManager

    with psycopg.connect(postgresql_url, autocommit=True) as raw:
        raw.execute(SchemaManager.get_schema().encode())
        for queue, status, count in (
            ("mail", "todo", 3),
            ("mail", "failed", 1),
            ("send", "doing", 2),
            ("send", "succeeded", 5),
        ):
            for _ in range(count):
                raw.execute(
                    "INSERT INTO procrastinate_jobs (queue_name, task_name, status) VALUES (%s, 't', %s)",
                    (queue, status),
                )
    monkeypatch.setenv("FOLLOWUP_METRICS_TOKEN", TOKEN)
    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    env = bootstrap(postgresql_url, str(settings), clock=clock)
    try:
        figures = scrape(env)
    finally:
        env.close()
    jobs = {labels: value for (name, labels), value in figures.items() if name == "followup_jobs"}
    assert jobs == {
        (("queue", "mail"), ("state", "queued")): 3,
        (("queue", "mail"), ("state", "failed")): 1,
        (("queue", "send"), ("state", "running")): 2,
    }
