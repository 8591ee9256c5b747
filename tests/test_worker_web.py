"""A hosted installation's web app hands Send and "Check mail now" to the workers: a job seeker's Send
puts the message in the outbox and queues its sending, a `followup worker` process sends it exactly
once, and the page says where it stands (queued, sent) on every reload; "Check mail now" brings the
mailbox's next sync forward, once however often it is pressed. Real PostgreSQL, real worker
processes, Dovecot and aiosmtpd; the web app in-process (Starlette's test client)."""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

import database_servers
from followup.app import accounts, mail_account, stored_secrets
from followup.app.context import bootstrap
from followup.app.job_queue import lock_of
from followup.web.server import build
from mail_servers import PASSWORD as MAIL_PASSWORD
from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    AFTER,
    THANK_YOU,
    job,
    mail_command,
    outbox,
    received,
    touchpoints,
    user,
)
from worker_support import Worker, reply, server_key, wait_for

# Whole processes: workers are started and stopped.
pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery"
PROGRESS = "#send-progress [role=status]"
SEEKER = "zoe@example.org"


@pytest.fixture
def paths(tmp_path: Path, postgresql_url: str) -> dict[str, str]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    return {"db": postgresql_url, "config": str(config)}


class Seeker:
    """The job seeker of the `job` fixture, signed in to the hosted web app (their follow-ups are the
    database's first owner's, which becomes their account)."""

    def __init__(self, paths: dict[str, str]) -> None:
        with database_servers.connect(paths["db"]) as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('hosted', '1')")
            conn.execute(
                "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at) "
                "VALUES (1, ?, 'Zoë', 'seeker', ?, ?, ?)",
                (SEEKER, accounts.hash_password(PASSWORD), AFTER, AFTER),
            )
        self.env = bootstrap(paths["db"], paths["config"], clock=lambda: datetime.fromisoformat(AFTER))
        self.app = build(self.env, "127.0.0.1", 8765)
        self.http = TestClient(self.app, base_url="http://127.0.0.1:8765", follow_redirects=False)
        self.http.cookies.set("followup_account", accounts.sign_in(self.env, SEEKER, PASSWORD, "testclient").token)

    def token(self) -> str:
        if "followup_nonce" not in self.http.cookies:
            self.http.get("/login")
        return str(self.app.app.state.web.keys.csrf_token(self.http.cookies["followup_nonce"]))

    def post(self, url: str, data: dict[str, str] | None = None, **headers: str) -> Any:
        return self.http.post(url, data={"csrf_token": self.token(), **(data or {})}, headers=headers)

    def said(self, url: str, selector: str = "[role=status]") -> str:
        response = self.http.get(url)
        assert response.status_code == 200, response.text[:2000]
        found = BeautifulSoup(response.text, "html.parser").select_one(selector)
        assert found is not None, response.text[:3000]
        return " ".join(found.get_text().split())

    def close(self) -> None:
        queue = getattr(self.app.app.state, "job_queue", None)
        if queue is not None:
            queue.close()
        self.env.close()


@pytest.fixture
def seeker(job, paths, monkeypatch) -> Any:
    monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, server_key())
    signed_in = Seeker(paths)
    # A hosted account logs in with the password it saved (Settings → Mail), kept encrypted.
    account = mail_account.get_account(signed_in.env.config_path, "work")
    stored_secrets.keep_mail_password(signed_in.env, account, MAIL_PASSWORD)
    yield signed_in
    signed_in.close()


def test_send_is_queued_then_sent_once_by_a_worker_and_the_page_says_so(seeker, paths, smtp_server, tmp_path: Path):
    answer = seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "work"})
    assert answer.status_code == 303
    progress_url = f"/drafts/{THANK_YOU}/sending"
    assert answer.headers["location"] == progress_url
    assert smtp_server.messages == []  # the web process sent nothing itself
    assert [row[1] for row in outbox(paths)] == ["prepared"]
    assert seeker.said(progress_url, PROGRESS).startswith("Queued: it goes out to Ann Lee in a moment.")
    # The draft page says it too, and offers no second Send meanwhile.
    draft = seeker.http.get(f"/drafts/{THANK_YOU}")
    assert "Queued: it goes out to Ann Lee in a moment." in draft.text
    assert f'formaction="/drafts/{THANK_YOU}/send"' not in draft.text
    # Pressed again (a second tab, a double click): still one message, one job.
    assert seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "work"}).status_code == 303
    with database_servers.connect(paths["db"]) as conn:
        jobs = conn.execute("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'send'").fetchone()[0]
    assert jobs == 1

    worker = Worker(tmp_path, paths["db"], paths["config"], "sender", "--queues", "send")
    try:
        wait_for(lambda: [row[1] for row in outbox(paths)] == ["sent"], what="the message sent")
    finally:
        assert worker.stop() == 0, worker.text
    assert len(smtp_server.messages) == 1
    [message] = received(smtp_server)
    assert message["To"] == "Ann Lee <ann@acme.example>"
    [(_action, _state, message_id, _raw, _touchpoint)] = outbox(paths)
    assert touchpoints(paths, message_id) == 1
    # On reload: sent, at the time the worker recorded it (its clock is the real one: any HH:MM).
    said = seeker.said(progress_url, PROGRESS)
    assert said.startswith("Sent to Ann Lee at ")
    assert said.endswith("It is recorded, and the next step is on your list.")
    polled = seeker.http.get(progress_url, headers={"HX-Request": "true"})
    assert "hx-trigger" not in polled.text  # finished: the page stops asking
    # Sending it again sends nothing: it was sent.
    assert seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "work"}).status_code == 303
    assert len(smtp_server.messages) == 1


def test_the_progress_of_a_send_polls_while_queued_and_is_nobody_else_s(seeker, paths):
    seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "work"})
    polled = seeker.http.get(f"/drafts/{THANK_YOU}/sending", headers={"HX-Request": "true"})
    assert polled.status_code == 200
    assert 'hx-trigger="every 1s"' in polled.text
    # A follow-up never sent from here (or someone else's): no page.
    assert seeker.http.get("/drafts/0123456789ab/sending").status_code == 404


def mail_syncs_queued(paths) -> list[bool]:
    """The mailbox's queued syncs: for each, whether it is due now (else it waits for its time)."""
    with database_servers.connect(paths["db"]) as conn:
        rows = conn.execute(
            "SELECT scheduled_at IS NULL OR scheduled_at <= now() FROM procrastinate_jobs "
            "WHERE lock = ? AND status = 'todo'",
            (lock_of("mail", 1, "work"),),
        ).fetchall()
    return [bool(row[0]) for row in rows]


def test_check_mail_now_queues_the_mailbox_s_sync_once_and_a_worker_reads_it(
    seeker, paths, imap_server, user, tmp_path: Path
):
    imap_server.deliver(user, reply(SEEKER, "ann@acme.example", 1))
    assert seeker.said("/replies", "#mail-check [role=status]").startswith("Your mail has not been read yet")
    answer = seeker.post("/replies/check", **{"HX-Request": "true"})
    assert answer.status_code == 200
    assert 'hx-trigger="every 1s"' in answer.text  # the page follows it
    assert "Queued: your mail is read as soon as a worker is free" in answer.text
    assert seeker.post("/replies/check").status_code == 303  # pressed twice: still one sync
    assert mail_syncs_queued(paths) == [True]
    assert seeker.said("/replies", "#mail-check [role=status]").startswith("Queued: your mail is read as soon")

    worker = Worker(tmp_path, paths["db"], paths["config"], "reader", "--queues", "mail")
    try:
        wait_for(lambda: "Read mail from work: 1 new message" in worker.text, what="the mailbox read")
    finally:
        assert worker.stop() == 0, worker.text
    polled = seeker.http.get("/replies/check", headers={"HX-Request": "true"})
    assert polled.headers.get("HX-Refresh") == "true"  # read: the page reloads, with the new message
    assert seeker.said("/replies", "#mail-check [role=status]").startswith("Your mail was last read at ")
    # The sync left its next run queued, for later; the button brings that one forward, not a second.
    assert mail_syncs_queued(paths) == [False]
    assert seeker.post("/replies/check").status_code == 303
    assert mail_syncs_queued(paths) == [True]


def test_a_send_stopped_halfway_is_said_and_sent_again_only_when_asked(seeker, paths):
    seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "work"})
    with database_servers.connect(paths["db"]) as conn:  # as a worker killed mid-send leaves it
        conn.execute("DELETE FROM procrastinate_jobs")
        conn.execute("UPDATE outbox SET state = 'sending'")
    said = seeker.said(f"/drafts/{THANK_YOU}/sending", PROGRESS)
    assert said.startswith("The send to Ann Lee stopped halfway at ")
    assert "it may have gone out" in said
    draft = seeker.http.get(f"/drafts/{THANK_YOU}")
    assert "Send it again even if it may have gone out" in draft.text
    assert seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "work", "resend": "yes"}).status_code == 303
    with database_servers.connect(paths["db"]) as conn:
        [(args,)] = conn.execute("SELECT args FROM procrastinate_jobs WHERE task_name = 'send'").fetchall()
    assert args["resend"] is True
