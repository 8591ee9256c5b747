"""A mailbox connected with the installation's mail provider ("Connect your mailbox"), used by real
`followup worker` processes: Send goes out by XOAUTH2 SMTP and the mailbox is read by XOAUTH2 IMAP, with
an access token the worker refreshed because the one granted at connecting had expired; the database
holds no token in clear; after the person revokes followup's access at the provider, the worker's sync
says "connect again", asks the provider once, and the Settings page says so. Real PostgreSQL, worker
processes, the loopback provider (`oidc_provider.py`), Dovecot and aiosmtpd checking its tokens.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from bs4 import BeautifulSoup
from cryptography.fernet import Fernet

import database_servers
from conftest import Clock
from followup.app import mail_connection
from followup.app.context import bootstrap, env_for
from followup.app.mail_account import find_account
from mail_servers import ImapServer, SmtpServer, dovecot_checking_tokens, smtp_server_checking_tokens
from oidc_provider import OpenIDProvider
from test_mail_send_support import (  # noqa: F401  (fixtures by name)
    AFTER,
    THANK_YOU,
    mail_command,
    outbox,
    thank_you_due,
)
from test_worker_web import SEEKER, Seeker
from worker_support import Worker, reply, wait_for

pytestmark = pytest.mark.slow  # whole processes: workers are started and stopped

LATER = (datetime.fromisoformat(AFTER) + timedelta(hours=1)).isoformat()  # the first access token has expired
MUCH_LATER = (datetime.fromisoformat(AFTER) + timedelta(hours=2)).isoformat()


@pytest.fixture
def paths(tmp_path: Path, postgresql_url: str) -> dict[str, str]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    return {"db": postgresql_url, "config": str(config)}


@pytest.fixture
def provider() -> Iterator[OpenIDProvider]:
    running = OpenIDProvider(Clock(datetime.fromisoformat(AFTER))).start()
    yield running
    running.stop()


@pytest.fixture
def imap(provider: OpenIDProvider) -> Iterator[ImapServer]:
    yield from dovecot_checking_tokens(f"{provider.issuer}/introspect")


@pytest.fixture
def smtp(provider: OpenIDProvider) -> Iterator[SmtpServer]:
    with smtp_server_checking_tokens(f"{provider.issuer}/introspect") as server:
        yield server


@pytest.fixture
def seeker(
    run, paths, provider: OpenIDProvider, imap: ImapServer, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """Zoë, with a thank-you due (as for `test_mail_send_support.job`) and no mail account yet, signed in
    to a hosted installation whose operator set up the loopback provider for mail."""
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", Fernet.generate_key().decode())
    for name, value in provider.as_mail_provider(imap.port, smtp.port).items():
        monkeypatch.setenv(name, value)
    thank_you_due(run)
    signed_in = Seeker(paths)
    yield signed_in
    signed_in.close()


def connect(seeker: Any, provider: OpenIDProvider) -> None:
    """Zoë connects her mailbox (the flow the Settings page runs: tests/web/test_web_mail_connection.py)."""
    own = env_for(seeker.env, 1)
    configured = mail_connection.configured()
    provider.as_person(SEEKER)
    started = mail_connection.begin(configured, owner=1, redirect_uri="http://127.0.0.1:9/x", now=own.clock())
    back = parse_qs(urlsplit(httpx2.get(started.url, follow_redirects=False).headers["location"]).query)
    state, code = back["state"][0], back["code"][0]
    mail_connection.finish(own, configured, started.pending, state=state, code=code, error="", now=own.clock())


def refreshes(provider: OpenIDProvider) -> int:
    return sum(1 for seen in provider.seen if seen["at"] == "token" and seen.get("grant_type") == "refresh_token")


def test_workers_send_and_read_a_connected_mailbox_by_xoauth2_with_a_refreshed_token(
    seeker, paths, provider: OpenIDProvider, imap: ImapServer, smtp: SmtpServer, tmp_path: Path
) -> None:
    connect(seeker, provider)
    imap.deliver(SEEKER, reply(SEEKER, "ann@acme.example", 1))
    assert seeker.post(f"/drafts/{THANK_YOU}/send", {"account": "mailbox"}).status_code == 303
    assert seeker.post("/replies/check").status_code == 303
    # An hour on, at the provider and for the worker: the access token granted at connecting has expired.
    provider.clock.advance(hours=1)  # type: ignore[attr-defined]
    worker = Worker(tmp_path, paths["db"], paths["config"], "w1", now=LATER)
    try:
        wait_for(lambda: [row[1] for row in outbox(paths)] == ["sent"], what="the message sent")
        # The reply, and the sent thank-you filed in the Sent folder.
        wait_for(lambda: "Read mail from mailbox: 2 new messages" in worker.text, what="the mailbox read")
    finally:
        assert worker.stop() == 0, worker.text
    assert smtp.logins == [SEEKER]  # by XOAUTH2: this server takes nothing else
    assert len(smtp.messages) == 1
    assert 1 <= refreshes(provider) <= 2  # the send and the sync may each have found the old token expired
    with database_servers.connect(paths["db"]) as conn:
        stored = database_servers.dump(conn)
    for token in [*provider.refresh_tokens, *provider.access_tokens]:
        assert token not in stored
        assert token not in worker.text

    # Zoë removes followup's access at her provider: the next sync says "connect again", once.
    provider.revoke_person(SEEKER)
    provider.clock.advance(hours=1)  # type: ignore[attr-defined]
    asked_before = refreshes(provider)
    assert seeker.post("/replies/check").status_code == 303
    worker = Worker(tmp_path, paths["db"], paths["config"], "w2", "--queues", "mail", now=MUCH_LATER)
    try:
        wait_for(lambda: "Connect your mailbox again" in worker.text, what="the sync refused")
    finally:
        assert worker.stop() == 0, worker.text
    assert refreshes(provider) == asked_before + 1
    page = BeautifulSoup(seeker.http.get("/settings").text, "html.parser")
    ended = page.select_one("#connected-mailbox [role=status]")
    assert ended is not None
    assert "Connect your mailbox again" in ended.get_text()


def test_two_processes_finding_the_token_expired_refresh_it_once_and_share_it(seeker, paths, provider: OpenIDProvider):
    """With a provider that rotates refresh tokens, a second refresh with the old one is refused
    (invalid_grant) and would end the connection: the second process waits for the first's new token."""
    connect(seeker, provider)
    provider.rotate_refresh = True
    provider.refresh_delay = 0.5  # the two requests would overlap at the provider
    provider.clock.advance(hours=1)  # type: ignore[attr-defined]
    later = datetime.fromisoformat(LATER)
    processes = [bootstrap(paths["db"], paths["config"], clock=lambda: later) for _ in range(2)]
    try:
        owners = [env_for(process, 1) for process in processes]
        account = find_account(owners[0].config_path, "mailbox")
        assert account is not None
        tokens: list[str | None] = []
        problems: list[BaseException] = []

        def connect_for(own: Any) -> None:
            try:
                tokens.append(mail_connection.for_connection(own, account).typed_token)
            except BaseException as exc:
                problems.append(exc)

        threads = [threading.Thread(target=connect_for, args=(own,)) for own in owners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert problems == []
        assert len(tokens) == 2
        assert tokens[0] == tokens[1]
        assert tokens[0] in provider.access_tokens
        assert refreshes(provider) == 1
        assert not mail_connection.connections(owners[0])[0].ended
    finally:
        for process in processes:
            process.close()
