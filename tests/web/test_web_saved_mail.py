"""Settings → Mail in a hosted installation: the password is typed once, saved encrypted, shown as "saved" only,
and used to log in to a real Dovecot (from the page's "Test the connection" and by a sync)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

import database_servers
from followup.app import accounts, stored_secrets
from followup.app.context import env_for
from followup.app.mail_account import find_account
from followup.app.mail_sync import sync
from followup.web.server import build
from mail_servers import PASSWORD as MAIL_PASSWORD

PASSWORD = "correct horse battery staple"


@pytest.fixture
def signed_in(env, monkeypatch):
    """Ann, a job seeker of a hosted installation, signed in; (her Env, the client, a CSRF token maker)."""
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", Fernet.generate_key().decode())
    accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada Admin", password=PASSWORD)
    invitation = accounts.invite(env, None, "ann@uni.example", "seeker")
    ann = accounts.accept_invitation(env, invitation.token, "Ann Lee", PASSWORD)
    app = build(env, "127.0.0.1", 8765)
    http = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    http.cookies.set("followup_account", accounts.sign_in(env, "ann@uni.example", PASSWORD, "testclient").token)
    http.get("/healthz")

    def csrf() -> str:
        return str(app.app.state.web.keys.csrf_token(http.cookies["followup_nonce"]))

    return env_for(env, ann.owner_id), http, csrf


def form(imap_server, user: str, **more: str) -> dict[str, str]:
    return {
        "account": "",
        "name": "work",
        "email": f"{user}@example.test",
        "imap_host": imap_server.host,
        "imap_port": str(imap_server.port),
        "imap_security": "none",
        "imap_user": user,
        "smtp_host": "",
        "smtp_port": "",
        "smtp_security": "tls",
        "smtp_user": "",
        "source": "keyring",
        **more,
    }


def test_the_password_is_saved_encrypted_and_shown_as_saved_only(env, signed_in, imap_server):
    ann, http, csrf = signed_in
    user = imap_server.new_user()

    page = BeautifulSoup(http.get("/settings").text, "html.parser")
    mail = page.select_one("#mail")
    assert mail is not None
    assert "It keeps your mail password encrypted" in mail.get_text()
    assert [radio["value"] for radio in mail.select('input[name="source"]')] == ["keyring"]  # no variable, no command
    assert mail.select_one('input[name="password"][type="password"]') is not None

    missing = http.post("/settings/mail", data={"csrf_token": csrf(), **form(imap_server, user)})
    assert missing.status_code == 422
    assert "Type the password of this account" in missing.text

    saved = http.post("/settings/mail", data={"csrf_token": csrf(), **form(imap_server, user, password=MAIL_PASSWORD)})
    assert saved.status_code == 303, saved.text[:500]
    work = find_account(ann.config_path, "work")
    assert work is not None
    assert work.password_keyring
    assert MAIL_PASSWORD not in database_servers.dump(env.conn)

    again = http.get("/settings")
    assert MAIL_PASSWORD not in again.text
    assert "The password is saved, encrypted." in again.text

    # "Test the connection" of the saved account logs in with the saved password...
    test = http.post("/settings/mail/test", data={"csrf_token": csrf(), **form(imap_server, user, account="work")})
    assert test.status_code == 200
    assert "The connection works." in test.text
    assert MAIL_PASSWORD not in test.text
    # ...and so does a sync.
    assert sync(ann, work).account == "work"

    # Moved to another server, the saved password stays home until it is typed again.
    moved = form(imap_server, user, account="work", imap_host="localhost")
    refused = http.post("/settings/mail", data={"csrf_token": csrf(), **moved})
    assert refused.status_code == 422
    assert "type it again for these" in refused.text
    # A variable of the server is not a source here.
    from_variable = form(imap_server, user, account="work", source="env", password_env="FOLLOWUP_MAIL_PASSWORD")
    assert http.post("/settings/mail", data={"csrf_token": csrf(), **from_variable}).status_code == 422

    # Removed, the account takes its saved password with it.
    removed = http.post("/settings/mail/remove", data={"csrf_token": csrf(), "account": "work"})
    assert removed.status_code == 303
    assert find_account(ann.config_path, "work") is None
    assert not stored_secrets.saved(ann, stored_secrets.MAIL_PASSWORD, user)
