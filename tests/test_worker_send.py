"""Sending from the outbox by `followup worker`, exactly once when a worker is killed mid-send: the job
is run again by another worker, which looks in the Sent folder before sending (the outbox's rule), on
a real PostgreSQL with Dovecot and aiosmtpd."""

# ruff: noqa: F811  (fixtures imported from test_mail_send_support are redefined as arguments)

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from followup.app import mail_account, mail_sending
from followup.app.context import bootstrap
from followup.app.job_queue import queue_send
from followup.worker.jobs import Where, build
from test_mail_send_support import (  # noqa: F401  (fixtures are used by name)
    AFTER,
    THANK_YOU,
    filing_smtp,
    folder,
    job,
    mail_command,
    outbox,
    touchpoints,
    user,
)
from worker_support import Worker, queue, wait_for

# Whole processes: workers are started and killed.
pytestmark = pytest.mark.slow


@pytest.fixture
def paths(tmp_path: Path, postgresql_url: str) -> dict[str, str]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    return {"db": postgresql_url, "config": str(config)}


def queue_the_thank_you(paths: dict[str, str]) -> None:
    """The thank-you put in the outbox to be sent (as the web app does), and its sending queued."""
    env = bootstrap(paths["db"], paths["config"], clock=lambda: datetime.fromisoformat(AFTER))
    try:
        account = mail_account.get_account(env.config_path, "work")
        item = mail_sending.prepare(env, THANK_YOU, "send", account).item
    finally:
        env.close()

    async def nothing(app):
        pass

    queue(paths["db"], paths["config"], nothing)  # the queue's tables, when no worker made them yet
    app = build(Where(paths["db"], paths["config"]))
    with app.open():
        assert queue_send(app, env.owner, item.id)
        assert not queue_send(app, env.owner, item.id)  # queued once


def send_until_killed(paths, tmp_path: Path, at: str) -> Worker:
    doomed = Worker(tmp_path, paths["db"], paths["config"], "doomed", "--queues", "send", FOLLOWUP_TEST_DIE_AT=at)
    assert doomed.wait() == 137, doomed.text
    return doomed


def test_killed_after_the_server_took_it_another_worker_records_it_and_sends_nothing(
    filing_smtp, job, paths, imap_server, user, tmp_path: Path
):
    queue_the_thank_you(paths)
    send_until_killed(paths, tmp_path, "smtp-accepted")
    assert len(filing_smtp.messages) == 1
    assert [row[1] for row in outbox(paths)] == ["sending"]
    survivor = Worker(tmp_path, paths["db"], paths["config"], "survivor", "--queues", "send")
    try:
        wait_for(lambda: [row[1] for row in outbox(paths)] == ["sent"], what="the send recorded")
    finally:
        assert survivor.stop() == 0, survivor.text
    assert "A worker stopped answering while sending message" in survivor.text
    assert "had already gone out (found in Sent): recorded, not sent again." in survivor.text
    assert len(filing_smtp.messages) == 1
    [(_action, _state, message_id, _raw, touchpoint_id)] = outbox(paths)
    assert touchpoint_id is not None
    assert touchpoints(paths, message_id) == 1
    assert len(folder(imap_server, user, "Sent")) == 1


def test_killed_when_nothing_can_tell_whether_it_went_out_it_is_not_sent_again(job, paths, smtp_server, tmp_path: Path):
    queue_the_thank_you(paths)
    send_until_killed(paths, tmp_path, "smtp-accepted")
    assert len(smtp_server.messages) == 1
    survivor = Worker(tmp_path, paths["db"], paths["config"], "survivor", "--queues", "send")
    try:
        wait_for(lambda: "Not sent again" in survivor.text, what="the retry")
    finally:
        assert survivor.stop() == 0, survivor.text
    assert "may already have gone out" in survivor.text
    assert len(smtp_server.messages) == 1
    assert [row[1] for row in outbox(paths)] == ["sending"]  # the job seeker decides (followup mail send --resend)


def test_a_message_being_sent_by_one_worker_is_left_alone_by_another(job, paths, smtp_server, monkeypatch):
    """The job run again while the worker taken for dead still sends it: the message's lock in the
    database (held by the first send's connection) keeps the second out."""
    from followup.app import hosted_jobs
    from followup.store import served
    from mail_servers import PASSWORD
    from test_mail_send_support import PASSWORD_VARIABLE

    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    first = bootstrap(paths["db"], paths["config"], clock=lambda: datetime.fromisoformat(AFTER))
    second = bootstrap(paths["db"], paths["config"], clock=lambda: datetime.fromisoformat(AFTER))
    try:
        item = mail_sending.prepare(first, THANK_YOU, "send", mail_account.get_account(first.config_path, "work")).item
        with served.sending_lock(first.conn, first.owner, item.id) as free:
            assert free
            done = hosted_jobs.send(second, item.id)
        assert done.lines == ["The follow-up to Ann Lee is being sent by another worker: not sent twice."]
        assert smtp_server.messages == []
        assert hosted_jobs.send(second, item.id).lines == ["Sent the follow-up to Ann Lee."]
        assert hosted_jobs.send(second, item.id).lines == ["The follow-up to Ann Lee was already sent: not sent again."]
        assert len(smtp_server.messages) == 1
    finally:
        first.close()
        second.close()
