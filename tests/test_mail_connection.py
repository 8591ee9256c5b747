"""Connect your mailbox (hosted mode): the operator's settings, then a seeker's mailbox connected through a
real provider on loopback (`oidc_provider.py`), its refresh token kept encrypted, and a real Dovecot that
takes XOAUTH2 logins checked against the provider's introspection: a sync with the first access token, a
sync after it expired (refreshed, also with a rotated refresh token), the connection ended by the person
at the provider ("connect again", and no more calls to it), the server key's rotation, and the
single-user app refusing such an account. The Settings page's flow is in tests/web/test_web_mail_connection.py.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `env` fixture's database).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from cryptography.fernet import Fernet

import database_servers
from conftest import Cli, Clock
from followup.app import accounts, mail_connection, mail_sync, stored_secrets
from followup.app.context import Env, env_for
from followup.app.mail_account import find_account
from followup.errors import SettingsError
from followup.mail import secrets
from followup.mail.accounts import AccountError, MailAccount, parse_account
from followup.mail.imap import MailError
from mail_servers import ImapServer, dovecot_checking_tokens, free_port, smtp_server_checking_tokens
from oidc_provider import CLIENT_SECRET, OpenIDProvider

PASSWORD = "correct horse battery staple"
ANA = "ana@uni.example"
REDIRECT = "http://127.0.0.1:9/settings/mail/connected"  # the provider only sends the browser there
SECRET = "s3cret-of-the-mail-client"
GOOGLE = {
    "FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER": "https://accounts.google.com",
    "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_ID": "1234.apps.googleusercontent.com",
    "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_SECRET": SECRET,
}


# -- the operator's settings ------------------------------------------------------------------------


def test_nothing_set_means_no_mail_provider() -> None:
    assert mail_connection.from_environment({}) is None


def test_google_and_microsoft_bring_their_scope_servers_and_consent_and_the_secret_is_in_no_repr() -> None:
    google = mail_connection.from_environment(GOOGLE)
    assert google is not None
    assert google.label == "Google"
    assert google.scope == "openid email https://mail.google.com/"
    assert dict(google.extra) == {"access_type": "offline", "prompt": "consent"}
    assert google.imap == mail_connection.Server("imap.gmail.com", 993, "tls")
    assert google.smtp == mail_connection.Server("smtp.gmail.com", 465, "tls")
    assert SECRET not in repr(google)
    microsoft = mail_connection.from_environment(
        {
            **GOOGLE,
            "FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER": "https://login.microsoftonline.com/9188040d-6c67/v2.0",
            "FOLLOWUP_SERVER_MAIL_OAUTH_LABEL": "Northfield  Mail",
        }
    )
    assert microsoft is not None
    assert microsoft.label == "Northfield Mail"
    assert "offline_access" in microsoft.scope.split()
    assert "https://outlook.office.com/IMAP.AccessAsUser.All" in microsoft.scope.split()
    assert "https://outlook.office.com/SMTP.Send" in microsoft.scope.split()
    assert microsoft.imap == mail_connection.Server("outlook.office365.com", 993, "tls")
    assert microsoft.smtp == mail_connection.Server("smtp.office365.com", 587, "starttls")
    assert microsoft.extra == ()


def test_another_provider_names_its_scope_and_servers(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text(SECRET + "\n", encoding="utf-8")
    other = mail_connection.from_environment(
        {
            "FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER": "https://id.uni.example",
            "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_ID": "followup",
            "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_SECRET_FILE": str(path),
            "FOLLOWUP_SERVER_MAIL_OAUTH_SCOPE": "openid email mail",
            "FOLLOWUP_SERVER_MAIL_OAUTH_IMAP": "imap.uni.example",
            "FOLLOWUP_SERVER_MAIL_OAUTH_SMTP": "smtp.uni.example:587",
        }
    )
    assert other is not None
    assert other.client.client_secret == SECRET
    assert other.imap == mail_connection.Server("imap.uni.example", 993, "tls")
    assert other.smtp == mail_connection.Server("smtp.uni.example", 587, "starttls")
    assert other.label == "https://id.uni.example"


@pytest.mark.parametrize(
    ("changed", "where", "message"),
    [
        ({"FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER": ""}, "FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER", "is set but"),
        (
            {"FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER": "http://accounts.example"},
            "FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER",
            "https",
        ),
        ({"FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_ID": ""}, "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_ID", "client id is missing"),
        ({"FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_SECRET": ""}, "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_SECRET_FILE", "missing"),
        ({"FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_SECRET_FILE": "/x"}, "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_SECRET", "both"),
        ({"FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER": "https://id.uni.example"}, "FOLLOWUP_SERVER_MAIL_OAUTH_SCOPE", "scope"),
        (
            {"FOLLOWUP_SERVER_MAIL_OAUTH_SCOPE": "https://mail.google.com/"},
            "FOLLOWUP_SERVER_MAIL_OAUTH_SCOPE",
            "openid",
        ),
        ({"FOLLOWUP_SERVER_MAIL_OAUTH_IMAP": "imap.x:port"}, "FOLLOWUP_SERVER_MAIL_OAUTH_IMAP", "not a port"),
        (
            {"FOLLOWUP_SERVER_MAIL_OAUTH_SMTP_SECURITY": "none"},
            "FOLLOWUP_SERVER_MAIL_OAUTH_SMTP_SECURITY",
            "unprotected",
        ),
    ],
    ids=[
        "no-issuer",
        "plain-http",
        "no-client-id",
        "no-secret",
        "two-secrets",
        "no-scope",
        "no-openid",
        "port",
        "none",
    ],
)
def test_a_half_done_setting_is_an_error_that_names_the_variable(
    changed: dict[str, str], where: str, message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        mail_connection.from_environment({**GOOGLE, **changed})
    assert raised.value.where == where
    assert message in raised.value.message
    assert SECRET not in str(raised.value)


def test_no_account_may_take_a_password_from_the_mail_providers_variables() -> None:
    from followup.app.mail_account import installation_variable

    assert all(installation_variable(name) for name in mail_connection.VARIABLES)


# -- an account that says "connected through the server" ------------------------------------------------


def test_the_settings_file_accepts_such_an_account_alone_and_the_single_user_app_refuses_it_clearly() -> None:
    table = {"email": ANA, "imap_host": "imap.gmail.com", "oauth2_server": True}
    account = parse_account("mailbox", table, "settings.toml")
    assert account.oauth2_server
    assert account.to_table() == table
    with pytest.raises(AccountError, match="connected through the server") as mixed:
        parse_account("mailbox", {**table, "password_env": "FOLLOWUP_MAIL_PASSWORD"}, "settings.toml")
    assert mixed.value.field == "password_env"
    for read in (secrets.password, secrets.oauth2_token):
        with pytest.raises(SettingsError, match="only that server holds its tokens") as refused:
            read(account)
        assert "followup mail account remove mailbox" in (refused.value.hint or "")
    handed = replace(account, typed_token="at-secret-token")
    assert secrets.oauth2_token(handed) == "at-secret-token"
    assert "at-secret-token" not in repr(handed)
    assert handed == account  # never compared


def test_the_single_user_app_hands_such_an_account_over_unchanged_and_its_sync_refuses_it(env: Env) -> None:
    account = MailAccount(name="mailbox", email=ANA, imap_host="127.0.0.1", imap_security="none", oauth2_server=True)
    assert stored_secrets.for_connection(env, account) is account
    with pytest.raises(SettingsError, match="only that server holds its tokens"):
        mail_sync.sync(env, account)


# -- connecting, and using it -----------------------------------------------------------------------


@pytest.fixture
def provider(clock: Clock) -> Iterator[OpenIDProvider]:
    running = OpenIDProvider(clock).start()
    yield running
    running.stop()


@pytest.fixture
def imap(provider: OpenIDProvider) -> Iterator[ImapServer]:
    yield from dovecot_checking_tokens(f"{provider.issuer}/introspect")


@pytest.fixture
def ana(env: Env, provider: OpenIDProvider, imap: ImapServer, monkeypatch: pytest.MonkeyPatch) -> Env:
    """Ana, a job seeker of a hosted installation whose operator configured the loopback provider for mail."""
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", Fernet.generate_key().decode())
    configure(monkeypatch, provider, imap)
    accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada Admin", password=PASSWORD)
    invitation = accounts.invite(env, None, ANA, "seeker")
    seeker = accounts.accept_invitation(env, invitation.token, "Ana Lima", PASSWORD)
    return env_for(env, seeker.owner_id)


def configure(monkeypatch: pytest.MonkeyPatch, provider: OpenIDProvider, imap: ImapServer) -> None:
    for name, value in provider.as_mail_provider(imap.port).items():
        monkeypatch.setenv(name, value)


def connect(seeker: Env, provider: OpenIDProvider, clock: Clock, email: str = ANA) -> MailAccount:
    """Start connecting, let the provider's consent page answer as a browser would, and finish."""
    configured = mail_connection.configured()
    provider.as_person(email, name="Ana Lima")
    started = mail_connection.begin(configured, owner=seeker.owner, redirect_uri=REDIRECT, now=clock())
    answer = httpx2.get(started.url, follow_redirects=False)
    assert answer.status_code == 302, answer.text
    back = parse_qs(urlsplit(answer.headers["location"]).query)
    return mail_connection.finish(
        seeker,
        configured,
        started.pending,
        state=back["state"][0],
        code=back.get("code", [""])[0],
        error=back.get("error", [""])[0],
        now=clock(),
    )


def asked(provider: OpenIDProvider, grant: str) -> int:
    return sum(1 for seen in provider.seen if seen["at"] == "token" and seen.get("grant_type") == grant)


def test_a_connected_mailbox_syncs_by_xoauth2_refreshes_its_token_and_keeps_nothing_in_clear(
    env: Env, ana: Env, provider: OpenIDProvider, imap: ImapServer, clock: Clock
) -> None:
    account = connect(ana, provider, clock)
    assert (account.name, account.email, account.imap_user, account.oauth2_server) == ("mailbox", ANA, ANA, True)
    assert find_account(ana.config_path, "mailbox") == account
    # The provider sent the scope the operator set, with PKCE; the tokens it granted are stored encrypted only.
    authorize = next(seen for seen in provider.seen if seen["at"] == "authorize")
    assert (authorize["scope"], authorize["code_challenge_method"]) == ("openid email mail", "S256")
    assert len(provider.refresh_tokens) == 1
    stored = database_servers.dump(env.conn)
    for token in [*provider.refresh_tokens, *provider.access_tokens]:
        assert token not in stored
    assert CLIENT_SECRET not in stored

    # The first sync logs in with the access token granted with the connection: no refresh.
    assert mail_sync.sync(ana, account).account == "mailbox"
    assert asked(provider, "refresh_token") == 0
    # An hour later that token has expired: the next sync refreshes it once, and a second one reuses the new one.
    clock.advance(hours=1)
    mail_sync.sync(ana, account)
    mail_sync.sync(ana, account)
    assert asked(provider, "refresh_token") == 1
    stored = database_servers.dump(env.conn)
    assert not any(token in stored for token in [*provider.refresh_tokens, *provider.access_tokens])
    with open(imap.log, encoding="utf-8") as log:
        assert "xoauth2" in log.read().lower()


def test_a_connected_mailbox_follows_the_servers_the_operator_sets_now(
    ana: Env, provider: OpenIDProvider, imap: ImapServer, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The operator corrects the provider's IMAP address after seekers connected: their mailboxes are read
    at the new one, without connecting again (the settings kept the old one)."""
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_OAUTH_IMAP", f"127.0.0.1:{free_port()}")  # a mistake: nothing there
    account = connect(ana, provider, clock)
    with pytest.raises(MailError):
        mail_sync.sync(ana, account)
    [imap_step] = mail_connection.connection_test(ana, "mailbox").steps
    assert not imap_step.ok
    assert imap_step.hint == mail_connection.OPERATORS_SERVERS  # not "check the port": the seeker cannot
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_OAUTH_IMAP", f"127.0.0.1:{imap.port}")  # corrected
    saved = find_account(ana.config_path, "mailbox")
    assert saved is not None
    assert mail_sync.sync(ana, saved).account == "mailbox"


def test_a_rotated_refresh_token_replaces_the_one_before(ana: Env, provider: OpenIDProvider, clock: Clock) -> None:
    provider.rotate_refresh = True
    account = connect(ana, provider, clock)
    for _ in range(3):
        clock.advance(minutes=10)  # past the 5 minutes the provider's access tokens live
        mail_sync.sync(ana, account)
    assert asked(provider, "refresh_token") == 3  # each with the token the one before rotated in


def test_access_revoked_at_the_provider_ends_the_connection_and_the_provider_is_not_asked_again(
    ana: Env, provider: OpenIDProvider, clock: Clock
) -> None:
    account = connect(ana, provider, clock)
    provider.revoke_person(ANA)
    clock.advance(hours=1)
    for _ in range(2):
        with pytest.raises(mail_connection.MailboxDisconnected) as ended:
            mail_sync.sync(ana, account)
        assert ended.value.message == f"the connection to your mailbox {ANA} at Uni Mail has ended"
        assert ended.value.hint == "Connect your mailbox again on the Settings page, under Mail."
    assert asked(provider, "refresh_token") == 1
    [connection] = mail_connection.connections(ana)
    assert connection.ended
    # Connecting again makes it work again, under the same name.
    assert connect(ana, provider, clock).name == "mailbox"
    assert not mail_connection.connections(ana)[0].ended
    mail_sync.sync(ana, account)


def test_a_provider_that_does_not_answer_is_a_mail_error_to_try_again(
    ana: Env, provider: OpenIDProvider, clock: Clock
) -> None:
    account = connect(ana, provider, clock)
    provider.down = True
    clock.advance(hours=1)
    with pytest.raises(MailError, match="did not answer"):
        mail_sync.sync(ana, account)
    provider.down = False
    mail_sync.sync(ana, account)
    assert not mail_connection.connections(ana)[0].ended


def test_the_server_keys_rotation_re_encrypts_the_connection(
    ana: Env, provider: OpenIDProvider, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = connect(ana, provider, clock)
    old = stored_secrets.server_keys()
    new_key = Fernet.generate_key().decode()
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", f"{new_key},{_first_key()}")
    assert stored_secrets.rotate(ana) >= 1
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", new_key)  # the old key removed: the connection still reads
    record = json.loads(stored_secrets.read(ana, mail_connection.MAIL_CONNECTION, ANA) or "{}")
    assert record["refresh"] in provider.refresh_tokens
    assert old is not None
    mail_sync.sync(ana, account)


def _first_key() -> str:
    import os

    return os.environ["FOLLOWUP_SECRET_KEYS"].split(",")[0]


def test_a_half_done_mail_provider_stops_the_web_app_and_the_worker_at_start_up(
    env: Env, run: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.web.server import build

    accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada Admin", password=PASSWORD)
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_OAUTH_ISSUER", "https://accounts.google.com")
    monkeypatch.delenv("FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_ID", raising=False)
    with pytest.raises(SettingsError, match="the client id is missing"):
        build(env, "127.0.0.1", 8765)
    result = run("worker", "--once")
    assert result.exit_code != 0
    assert "FOLLOWUP_SERVER_MAIL_OAUTH_CLIENT_ID" in result.output
    assert "the client id is missing" in result.output


def test_followup_mail_account_list_says_such_an_account_is_the_servers(run: Cli, paths: dict[str, str]) -> None:
    with open(paths["config"], "a", encoding="utf-8") as settings:
        settings.write(f'\n[mail.mailbox]\nemail = "{ANA}"\nimap_host = "imap.gmail.com"\noauth2_server = true\n')
    listed = run.ok("mail", "account", "list")
    assert "password: connected through a hosted followup server (not usable here)" in listed


def test_the_morning_digest_goes_out_through_a_connected_mailbox_by_xoauth2(
    ana: Env, provider: OpenIDProvider, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from followup.app import applications, digest, settings
    from followup.domain.model import ContactRole

    with smtp_server_checking_tokens(f"{provider.issuer}/introspect") as smtp:
        monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_OAUTH_SMTP", f"127.0.0.1:{smtp.port}")
        monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_OAUTH_SMTP_SECURITY", "none")
        clock.set("2027-03-22T09:00:00+01:00")
        connect(ana, provider, clock)
        settings.write_setting(ana, "reminders.digest_at", "08:00")
        settings.reload(ana)
        added = applications.add_application(ana, applications.NewApplication(company="Kaisha", role="Analyst"))
        lee = applications.add_contact(
            ana, applications.NewContact(name="Ann Lee", role=ContactRole.INTERVIEWER), application_id=added.id
        )
        starts = datetime(2027, 3, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
        applications.add_interview(ana, added.id, applications.NewInterview(starts_at=starts, participants=[lee.id]))
        clock.set("2027-03-26T10:00:00+01:00")  # days later: the access token granted at connecting has expired
        sent = digest.send(ana)
        assert sent is not None
        assert smtp.logins == [ANA]
        [envelope] = smtp.messages
        assert (envelope.mail_from, envelope.rcpt_tos) == (ANA, [ANA])
        assert asked(provider, "refresh_token") == 1
