""" "Check mail now" in a hosted installation without workers (its database an SQLite file): the web
process reads the mailbox itself, as the single-user app does, but as the account that pressed it,
and each account sees its own check only. A real Dovecot; the web app in-process."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from followup.app import accounts, applications, stored_secrets
from followup.app.context import bootstrap, env_for
from followup.domain.model import ContactRole
from followup.mail.accounts import MailAccount, add_account
from followup.web.server import build
from mail_servers import PASSWORD
from worker_support import reply

SECRET = "correct horse battery"


def signed_in(app, env, email: str) -> TestClient:
    http = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    http.cookies.set("followup_account", accounts.sign_in(env, email, SECRET, "testclient").token)
    return http


def htmx_post(app, http: TestClient, url: str):
    if "followup_nonce" not in http.cookies:
        http.get("/login")
    token = app.app.state.web.keys.csrf_token(http.cookies["followup_nonce"])
    return http.post(url, headers={"HX-Request": "true", "X-CSRF-Token": token})


def test_each_account_checks_its_own_mail_and_sees_only_its_own_check(tmp_path: Path, imap_server, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    env = bootstrap(str(tmp_path / "hosted.db"), str(settings), clock=lambda: datetime(2026, 11, 18, 9, tzinfo=UTC))
    try:
        accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada", password=SECRET)
        ann, bob = (
            accounts.accept_invitation(env, accounts.invite(env, None, address, "seeker").token, name, SECRET)
            for address, name in (("ann@uni.example", "Ann"), ("bob@uni.example", "Bob"))
        )
        monkeypatch.setenv(stored_secrets.KEYS_VARIABLE, Fernet.generate_key().decode())
        for account in (ann, bob):
            user = imap_server.new_user()
            mailbox = MailAccount(
                name="work",
                email=account.email,
                imap_host=imap_server.host,
                imap_port=imap_server.port,
                imap_security="none",
                imap_user=user,
                password_keyring=True,
            )
            add_account(env_for(env, account.owner_id).config_path, mailbox)
            # Saved encrypted, as Settings → Mail keeps a hosted account's password.
            stored_secrets.keep_mail_password(env_for(env, account.owner_id), mailbox, PASSWORD)
            if account is ann:
                hers = env_for(env, ann.owner_id)
                added = applications.add_application(hers, applications.NewApplication(company="ACME", role="Analyst"))
                applications.add_contact(
                    hers,
                    applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER, email="hr@acme.example"),
                    application_id=added.id,
                )
                imap_server.deliver(user, reply(account.email, "hr@acme.example", 1))
        app = build(env, "127.0.0.1", 8765)
        as_ann, as_bob = signed_in(app, env, ann.email), signed_in(app, env, bob.email)
        assert htmx_post(app, as_ann, "/replies/check").status_code == 200
        deadline = time.monotonic() + 30
        while as_ann.get("/replies/check", headers={"HX-Request": "true"}).headers.get("HX-Refresh") != "true":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        status = BeautifulSoup(as_ann.get("/replies").text, "html.parser").select_one(".mail-check-status")
        assert status is not None
        assert " ".join(status.get_text().split()) == "Checked your mail: 1 new reply, 1 new message in all."
        # Bob pressed nothing: no check of his is shown, and Ann's messages are hers alone.
        bobs = BeautifulSoup(as_bob.get("/replies").text, "html.parser").select_one(".mail-check-status")
        assert bobs is not None
        assert bobs.get_text(strip=True) == ""
        owners = env.conn.execute("SELECT owner_id, count(*) FROM mail_message GROUP BY owner_id").fetchall()
        assert [tuple(row) for row in owners] == [(ann.owner_id, 1)]
    finally:
        env.close()
