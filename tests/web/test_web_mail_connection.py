"""Settings → Mail, "Connect your mailbox", end to end: the hosted web app under uvicorn, a real provider
on loopback (`oidc_provider.py`) whose consent page answers, Dovecot and an SMTP server that take
XOAUTH2 logins checked against the provider's introspection, and a client that follows the redirects as
a browser does. Connected, tested (IMAP and SMTP), ended at the provider ("connect again"), disconnected
(revoked at the provider). Then the failures and attacks, each a message on the Settings page with
nothing saved: consent denied, the provider down, the callback replayed, opened in another browser or
for another account, a replayed code, a forged id_token, an id_token for another audience.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `env` fixture's database).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx2
import pytest
from bs4 import BeautifulSoup
from cryptography.fernet import Fernet

import database_servers
from conftest import Clock
from followup.app import accounts, mail_connection, settings, stored_secrets
from followup.app.context import Env, env_for
from followup.app.mail_account import all_accounts
from mail_servers import ImapServer, SmtpServer, dovecot_checking_tokens, free_port, smtp_server_checking_tokens
from oidc_provider import CLIENT_SECRET, OpenIDProvider
from web.web_support import LiveServer

PASSWORD = "correct horse battery staple"
ANA, BEN = "ana@uni.example", "ben@uni.example"


@pytest.fixture
def provider(clock: Clock) -> Iterator[OpenIDProvider]:
    # At "localhost": another site than the app's 127.0.0.1, as a real provider is (a browser's SameSite rules).
    running = OpenIDProvider(clock, host="localhost").start()
    yield running
    running.stop()


@pytest.fixture
def imap(provider: OpenIDProvider) -> Iterator[ImapServer]:
    yield from dovecot_checking_tokens(f"http://127.0.0.1:{provider.port}/introspect")


@pytest.fixture
def smtp(provider: OpenIDProvider) -> Iterator[SmtpServer]:
    with smtp_server_checking_tokens(f"http://127.0.0.1:{provider.port}/introspect") as server:
        yield server


@pytest.fixture
def site(
    env: Env,
    clock: Clock,
    provider: OpenIDProvider,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[LiveServer]:
    # Dovecot and the SMTP server (seconds to start and stop) only for a test that logs in to the
    # mailbox (it asks for `imap` and `smtp`); for the rest, the provider's servers answer nowhere.
    if {"imap", "smtp"} <= set(request.fixturenames):
        imap_port, smtp_port = request.getfixturevalue("imap").port, request.getfixturevalue("smtp").port
    else:
        imap_port, smtp_port = free_port(), free_port()
    monkeypatch.delenv("FOLLOWUP_BASE_URL", raising=False)
    monkeypatch.setenv("FOLLOWUP_SECRET_KEYS", Fernet.generate_key().decode())
    for name, value in provider.as_mail_provider(imap_port, smtp_port).items():
        monkeypatch.setenv(name, value)
    accounts.init_server(env, admin_email="admin@uni.example", admin_name="Ada Admin", password=PASSWORD)
    for email in (ANA, BEN):
        invitation = accounts.invite(env, None, email, "seeker")
        joined = accounts.accept_invitation(env, invitation.token, email.split("@")[0].title(), PASSWORD)
        # Past the first visit's questions, so that Today opens.
        settings.write_setting(env_for(env, joined.owner_id), "profile.name", joined.name)
    server = LiveServer(env, clock)
    server.start()
    yield server
    server.stop()


class Browser:
    """One browser signed in as one account: its own cookies; it follows redirects to the provider and back."""

    def __init__(self, server: LiveServer, email: str) -> None:
        self.server, self.email = server, email
        self.http = httpx2.Client(base_url=server.url, follow_redirects=True, timeout=20)
        self.sign_in_as(email)

    def sign_in_as(self, email: str) -> None:
        self.email = email
        token = accounts.sign_in(self.server.env, email, PASSWORD, "127.0.0.1").token
        self.http.cookies.set("followup_account", token, domain="127.0.0.1")

    def mail(self) -> Any:
        page = self.http.get("/settings")
        assert page.status_code == 200, page.text[:2000]
        found = BeautifulSoup(page.text, "html.parser").select_one("#mail")
        assert found is not None
        return found

    def post(self, action: str, **fields: str) -> Any:
        mail = self.mail()
        # The form, or the form whose button posts there (Test the connection, beside Disconnect).
        form = mail.select_one(f"form[action='{action}']") or mail.select_one(f"[formaction='{action}']")
        assert form is not None, f"no form for {action}"
        form = form if form.name == "form" else form.find_parent("form")
        assert form is not None
        token = form.select_one("input[name=csrf_token]")
        assert token is not None
        return self.http.post(action, data={"csrf_token": str(token["value"]), **fields})

    def to_provider(self) -> str:
        """Press "Connect your mailbox"; the provider's consent page answers: the way back's address."""
        forwarding = self.post("/settings/mail/connect")
        assert forwarding.status_code == 200, forwarding.text[:2000]
        link = BeautifulSoup(forwarding.text, "html.parser").select_one("a#to-provider")
        assert link is not None, forwarding.text[:2000]
        back = self.http.get(str(link["href"]), follow_redirects=False)
        assert back.status_code == 302, back.text[:2000]
        return str(back.headers["location"])

    def connect(self) -> Any:
        return self.http.get(self.to_provider())

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def ana(site: LiveServer) -> Iterator[Browser]:
    browser = Browser(site, ANA)
    yield browser
    browser.close()


def seeker(env: Env, email: str) -> Env:
    account = next(one for one in accounts.list_accounts(env, None) if one.email == email)
    return env_for(env, account.owner_id)


def text(node: Any) -> str:
    return " ".join(node.get_text().split()) if node is not None else ""


def nothing_saved(env: Env, email: str = ANA) -> None:
    own = seeker(env, email)
    assert not [one for one in all_accounts(own.config_path) if one.oauth2_server]
    assert not stored_secrets.saved(own, mail_connection.MAIL_CONNECTION, email)


def problem(response: Any) -> str:
    found = BeautifulSoup(response.text, "html.parser").select_one("#mail-connect [role=alert]")
    assert found is not None, response.text[:3000]
    return text(found)


# -- what works -------------------------------------------------------------------------------------


def test_a_seeker_connects_tests_loses_and_disconnects_a_mailbox(
    env: Env, ana: Browser, provider: OpenIDProvider, imap: ImapServer, smtp: SmtpServer, clock: Clock
) -> None:
    button = ana.mail().select_one("#mail-connect-button")
    assert text(button) == "Connect your Uni Mail mailbox"
    # Connecting is the way here: the form for a mailbox with a password is folded, its one way chosen.
    [adding] = [one for one in ana.mail().select("details.mail-account") if "Add a mail account" in text(one)]
    assert not adding.has_attr("open")
    assert adding.select_one("#mail-new-source-keyring").has_attr("checked")
    provider.as_person(ANA, name="Ana Lima")

    landed = ana.connect()
    assert landed.status_code == 200, landed.text[:2000]
    assert urlsplit(str(landed.url)).path == "/settings"
    mail = BeautifulSoup(landed.text, "html.parser").select_one("#mail")
    assert f"Connected your mailbox {ANA}." in text(mail)
    assert text(mail.select_one(".connected-as") if mail else None) == f"Connected as {ANA} with Uni Mail."
    assert text(mail.select_one("#mail-connect-button") if mail else None) == "Connect another Uni Mail mailbox"
    assert mail is not None
    assert mail.select_one("details.mail-account[open]") is None  # "Add a mail account" stays closed
    # No form asks for a password for it, and no token is anywhere in the page or the database in clear.
    assert mail is not None
    assert mail.select_one("#mail-mailbox-save") is None
    stored = database_servers.dump(env.conn)
    for token in [*provider.refresh_tokens, *provider.access_tokens, CLIENT_SECRET]:
        assert token not in stored
        assert token not in landed.text

    # "Test the connection" logs in to IMAP and SMTP with the access token (XOAUTH2).
    tested = ana.post("/settings/mail/connected/test", account="mailbox")
    assert tested.status_code == 200
    report = BeautifulSoup(tested.text, "html.parser").select_one("#connected-mailbox .connection-report")
    assert "The connection works." in text(report), tested.text[:3000]
    assert "sending will work" in text(report)
    assert smtp.logins == [ANA]

    # Ana removes followup's access at her provider: after the access token expires, "connect again".
    provider.revoke_person(ANA)
    clock.advance(hours=1)
    tested = ana.post("/settings/mail/connected/test", account="mailbox")
    report = BeautifulSoup(tested.text, "html.parser").select_one("#connected-mailbox .connection-report")
    assert "Connect your mailbox again on the Settings page" in text(report)
    page = ana.mail()
    assert "Connect your mailbox again" in text(page.select_one("#connected-mailbox [role=status]"))
    assert text(page.select_one("#mail-connect-button")) == "Connect your mailbox again"
    today = ana.http.get("/")
    assert urlsplit(str(today.url)).path == "/", today.url
    banner = BeautifulSoup(today.text, "html.parser").select_one("#mail-ended")
    assert text(banner).startswith(f"The connection to your mailbox {ANA} has ended")
    assert banner is not None
    assert banner.select_one("a[href='/settings#mail']") is not None

    # Connected again, then disconnected: the provider is asked to revoke, and nothing is kept.
    ana.connect()
    assert text(ana.mail().select_one(".connected-as")) == f"Connected as {ANA} with Uni Mail."
    assert BeautifulSoup(ana.http.get("/").text, "html.parser").select_one("#mail-ended") is None
    refresh = next(iter(provider.refresh_tokens))
    gone = ana.post("/settings/mail/disconnect", account="mailbox")
    assert gone.status_code == 200
    assert f"Disconnected your mailbox {ANA}:" in gone.text
    assert [seen["token_type_hint"] for seen in provider.seen if seen["at"] == "revoke"] == ["refresh_token"]
    assert refresh not in provider.refresh_tokens
    nothing_saved(env)


# -- what fails, and the attacks ----------------------------------------------------------------------


def test_consent_denied_or_the_provider_down_is_said_on_the_page_and_nothing_is_saved(
    env: Env, ana: Browser, provider: OpenIDProvider
) -> None:
    provider.as_person(ANA)
    provider.cancel = True
    denied = ana.connect()
    assert denied.status_code == 400
    assert problem(denied).startswith("You did not allow followup to use your mailbox at Uni Mail.")
    nothing_saved(env)
    provider.cancel = False
    provider.down = True
    down = ana.connect()
    assert down.status_code == 503
    assert problem(down).startswith("Uni Mail is not answering right now")
    nothing_saved(env)


def test_a_callback_replayed_opened_elsewhere_or_for_another_account_is_refused(
    env: Env, site: LiveServer, ana: Browser, provider: OpenIDProvider
) -> None:
    provider.as_person(ANA)
    # Opened in another browser (Ben's, signed in): it did not start there.
    back = ana.to_provider()
    ben = Browser(site, BEN)
    try:
        refused = ben.http.get(back)
        assert refused.status_code == 400
        assert "did not start in this browser" in problem(refused)
        nothing_saved(env, BEN)
    finally:
        ben.close()
    # Ana's browser, now signed in as Ben: the connection was started by another account.
    back = ana.to_provider()
    ana.sign_in_as(BEN)
    refused = ana.http.get(back)
    assert refused.status_code == 400
    assert "started by another account" in problem(refused)
    nothing_saved(env, BEN)
    nothing_saved(env, ANA)
    # Replayed: the way back works once; the same address again finds nothing to finish.
    ana.sign_in_as(ANA)
    back = ana.to_provider()
    assert ana.http.get(back).status_code == 200
    replayed = ana.http.get(back)
    assert replayed.status_code == 400
    assert "did not start in this browser, or it was already used" in problem(replayed)


def test_a_replayed_code_is_refused_by_the_provider_and_nothing_is_saved(
    env: Env, ana: Browser, provider: OpenIDProvider
) -> None:
    provider.as_person(ANA)
    first = ana.to_provider()
    code = dict(part.split("=", 1) for part in urlsplit(first).query.split("&"))["code"]
    assert ana.http.get(first).status_code == 200  # the code is used
    ana.post("/settings/mail/disconnect", account="mailbox")
    second = ana.to_provider()
    state = dict(part.split("=", 1) for part in urlsplit(second).query.split("&"))["state"]
    replayed = ana.http.get(f"/settings/mail/connected?code={code}&state={state}")
    assert replayed.status_code == 400
    assert "did not accept this connection (invalid_grant)" in problem(replayed)
    nothing_saved(env)


@pytest.mark.parametrize(
    ("attack", "said"),
    [
        ({"signing": "forged"}, "signature does not check out"),
        ({"claims": {"aud": "someone-else"}}, "aud claim is not the expected one"),
    ],
    ids=["forged-id-token", "another-audience"],
)
def test_an_id_token_that_fails_its_checks_connects_nothing(
    env: Env, ana: Browser, provider: OpenIDProvider, attack: dict[str, Any], said: str
) -> None:
    provider.as_person(ANA)
    for name, value in attack.items():
        setattr(provider, name, value)
    refused = ana.connect()
    assert refused.status_code == 400
    assert said in problem(refused)
    nothing_saved(env)


# -- in a real browser ------------------------------------------------------------------------------


def test_in_a_browser_connecting_goes_to_the_provider_on_another_site_and_comes_back_connected(
    site: LiveServer, provider: OpenIDProvider, imap: ImapServer, smtp: SmtpServer, browser: Any
) -> None:
    """Chromium enforces SameSite and the pages' CSP: the page that forwards to the provider must work, and
    the connection's cookie must survive the way back from another site (the provider at "localhost")."""
    from web.web_support import DESKTOP, assert_accessible, shoot

    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Berlin")
    context.set_default_timeout(10_000)
    problems: list[str] = []
    try:
        token = accounts.sign_in(site.env, ANA, PASSWORD, "127.0.0.1").token
        context.add_cookies([{"name": "followup_account", "value": token, "url": site.url}])
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{site.url}/settings#mail")
        assert_accessible(page)
        provider.as_person(ANA, name="Ana Lima")
        page.click("#mail-connect-button")
        page.wait_for_url(f"{site.url}/settings?*")
        assert page.inner_text(".connected-as") == f"Connected as {ANA} with Uni Mail."
        cookies = {cookie["name"] for cookie in context.cookies(site.url + "/settings/mail/connected")}
        assert "followup_mail_connection" not in cookies  # used once, then gone
        page.click("#connected-mailbox-test")
        page.wait_for_selector("#connected-mailbox .connection-report")
        assert "The connection works." in page.inner_text("#connected-mailbox .connection-report")
        assert_accessible(page)
        shoot(page, "hosted-mail-connected")
    finally:
        context.close()
    assert not problems, problems
