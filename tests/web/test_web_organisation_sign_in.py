"""Signing in with the organisation's OpenID Connect provider, end to end: the web app under uvicorn,
a real provider on loopback (`oidc_provider.py`: discovery, JWKS, RS256 id_tokens, PKCE), and a
client that follows the redirects as a browser does. Then the attacks, each refused: a forged or
replayed state, a callback opened in another browser, a wrong nonce, an id_token for another
audience, from another issuer, expired, forged or signed with the client secret, an unverified
address. And the failures a person meets, each a page that says what happened.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `env` fixture's database).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from bs4 import BeautifulSoup

from conftest import Clock
from followup.app import accounts, organisation_sign_in
from followup.app.context import Env
from followup.errors import SignInRefused
from mail_servers import free_port
from oidc_provider import CLIENT_ID, CLIENT_SECRET, OpenIDProvider
from web.web_support import LiveServer

PASSWORD = "correct horse battery"


@pytest.fixture
def provider(clock: Clock) -> Iterator[OpenIDProvider]:
    running = OpenIDProvider(clock).start()
    yield running
    running.stop()


def configure(monkeypatch: pytest.MonkeyPatch, issuer: str, **more: str) -> None:
    monkeypatch.delenv("FOLLOWUP_BASE_URL", raising=False)
    monkeypatch.setenv("FOLLOWUP_OIDC_ISSUER", issuer)
    monkeypatch.setenv("FOLLOWUP_OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("FOLLOWUP_OIDC_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("FOLLOWUP_OIDC_LABEL", "Northfield University")
    for name, value in more.items():
        monkeypatch.setenv(f"FOLLOWUP_OIDC_{name}", value)


@pytest.fixture
def hosted(env: Env) -> Env:
    accounts.init_server(env, admin_email="boss@example.org", admin_name="Ada", password=PASSWORD)
    return env


def serve(env: Env, clock: Clock) -> LiveServer:
    server = LiveServer(env, clock)
    server.start()
    return server


@pytest.fixture
def site(hosted: Env, clock: Clock, provider: OpenIDProvider, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    configure(monkeypatch, provider.issuer)
    server = serve(hosted, clock)
    yield server
    server.stop()


class Visitor:
    """One browser: its own cookies; it follows redirects, from the app to the provider and back."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.http = httpx2.Client(base_url=server.url, follow_redirects=True, timeout=20)

    def form(self, path: str, action: str) -> dict[str, str]:
        page = self.http.get(path)
        assert page.status_code == 200, page.text[:2000]
        form = BeautifulSoup(page.text, "html.parser").select_one(f"form[action='{action}']")
        assert form is not None, page.text[:2000]
        return {str(field["name"]): str(field.get("value", "")) for field in form.select("input[type=hidden]")}

    def start(self, fields: dict[str, str]) -> Any:
        """Press the button: the answer is a page that forwards to the provider (or says why not)."""
        return self.http.post("/login/oidc", data=fields)

    def go_on(self, forwarding: Any) -> Any:
        """Follow the page that forwards to the provider, as its refresh does, and the redirects after it."""
        link = BeautifulSoup(forwarding.text, "html.parser").select_one("a#to-provider")
        if link is None:
            return forwarding  # a page that says why not
        refresh = BeautifulSoup(forwarding.text, "html.parser").select_one("meta[http-equiv=refresh]")
        assert refresh is not None
        assert refresh["content"] == f"0;url={link['href']}"
        return self.http.get(str(link["href"]))

    def sign_in_with_provider(self, next: str = "/") -> Any:
        return self.go_on(self.start(self.form(f"/login?next={next}", "/login/oidc")))

    def start_only(self) -> str:
        """Start a sign-in and let the provider answer, but stop before coming back: the callback's URL."""
        forwarding = self.start(self.form("/login", "/login/oidc"))
        assert forwarding.status_code == 200, forwarding.text[:2000]
        link = BeautifulSoup(forwarding.text, "html.parser").select_one("a#to-provider")
        assert link is not None
        back = self.http.get(str(link["href"]), follow_redirects=False)
        assert back.status_code == 302, back.text[:2000]
        return str(back.headers["location"])

    def signed_in_as(self) -> str | None:
        page = self.http.get("/account")
        if urlsplit(str(page.url)).path != "/account":
            return None
        return " ".join(BeautifulSoup(page.text, "html.parser").get_text().split())

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def visitor(site: LiveServer) -> Iterator[Visitor]:
    one = Visitor(site)
    yield one
    one.close()


def alert(response: Any) -> str:
    found = BeautifulSoup(response.text, "html.parser").select_one("[role=alert]")
    assert found is not None, response.text[:2000]
    return " ".join(found.get_text().split())


def account(env: Env, email: str) -> accounts.Account | None:
    return next((one for one in accounts.list_accounts(env, None) if one.email == email), None)


# -- what works -------------------------------------------------------------------------------------


def test_the_sign_in_page_offers_the_provider_only_when_configured(
    hosted: Env, clock: Clock, provider: OpenIDProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET", "LABEL"):
        monkeypatch.delenv(f"FOLLOWUP_OIDC_{name}", raising=False)
    plain = serve(hosted, clock)
    try:
        page = httpx2.get(f"{plain.url}/login")
        assert "Sign in with" not in page.text
        assert httpx2.post(f"{plain.url}/login/oidc").status_code in (403, 404)
    finally:
        plain.stop()
    configure(monkeypatch, provider.issuer)
    server = serve(hosted, clock)
    try:
        soup = BeautifulSoup(httpx2.get(f"{server.url}/login").text, "html.parser")
        button = soup.select_one("form[action='/login/oidc'] button")
        assert button is not None
        assert button.get_text() == "Sign in with Northfield University"
    finally:
        server.stop()


def test_an_invited_address_signs_in_with_the_provider_and_gets_the_role_it_was_invited_with(
    hosted: Env, visitor: Visitor, provider: OpenIDProvider
) -> None:
    accounts.invite(hosted, None, "sam@example.org", "coach")
    provider.as_person("Sam@Example.org", name="Sam Okafor")
    landed = visitor.sign_in_with_provider(next="/account")
    assert landed.status_code == 200, landed.text[:2000]
    assert urlsplit(str(landed.url)).path == "/account"
    sam = account(hosted, "sam@example.org")
    assert sam is not None
    assert (sam.role, sam.name) == ("coach", "Sam Okafor")
    assert not accounts.pending_invitations(hosted, None)  # the invitation is used
    page = BeautifulSoup(landed.text, "html.parser")
    ways = page.select_one("#signs-in-with")
    assert ways is not None
    assert " ".join(ways.get_text().split()) == "You sign in with Northfield University."
    assert page.select_one("#no-password") is not None
    assert page.select_one("form[action='/account/password']") is None  # it has no current password to give
    # The flow was the authorization code flow with PKCE (S256), and the nonce went to the provider.
    asked = next(seen for seen in provider.seen if seen["at"] == "authorize")
    assert (asked["response_type"], asked["code_challenge_method"]) == ("code", "S256")
    assert asked["nonce"]
    assert asked["state"]
    assert "openid" in asked["scope"].split()
    exchanged = next(seen for seen in provider.seen if seen["at"] == "token")
    assert exchanged["code_verifier"]
    assert "code_challenge" not in exchanged
    # It has no password: none matches, and a second sign-in with the provider opens the same account.
    with pytest.raises(SignInRefused):
        accounts.sign_in(hosted, "sam@example.org", organisation_sign_in.NO_PASSWORD, "10.0.0.1")
    again = Visitor(visitor.server)
    try:
        again.sign_in_with_provider()
        assert "sam@example.org" in (again.signed_in_as() or "")
    finally:
        again.close()
    assert len([one for one in accounts.list_accounts(hosted, None) if one.email == "sam@example.org"]) == 1


def test_an_account_with_a_password_is_linked_by_its_verified_address_then_by_the_providers_id(
    hosted: Env, visitor: Visitor, provider: OpenIDProvider
) -> None:
    made = accounts.invite(hosted, None, "kim@example.org", "seeker")
    kim = accounts.accept_invitation(hosted, made.token, "Kim", PASSWORD)
    provider.as_person("kim@example.org", sub="person-17")
    visitor.sign_in_with_provider()
    shown = visitor.signed_in_as() or ""
    assert "kim@example.org" in shown
    assert "You sign in with Northfield University, or with your password." in shown
    assert "Current password" in shown
    # Renamed at the provider: the same person (sub) keeps the same account.
    provider.as_person("kim.lee@example.org", sub="person-17")
    second = Visitor(visitor.server)
    try:
        second.sign_in_with_provider()
        assert "kim@example.org" in (second.signed_in_as() or "")
    finally:
        second.close()
    # Someone else at the provider who now has kim's old address does not open kim's account.
    provider.as_person("kim@example.org", sub="person-99")
    third = Visitor(visitor.server)
    try:
        refused = third.sign_in_with_provider()
        assert refused.status_code == 403
        assert "linked to another person's sign-in at Northfield University" in alert(refused)
        assert third.signed_in_as() is None
    finally:
        third.close()
    assert accounts.sign_in(hosted, "kim@example.org", PASSWORD, "10.0.0.1").account.owner_id == kim.owner_id


def test_after_the_provider_rotates_its_keys_sign_in_goes_on(
    sam: None, visitor: Visitor, provider: OpenIDProvider
) -> None:
    visitor.sign_in_with_provider()  # the app now keeps the provider's keys
    assert "sam@example.org" in (visitor.signed_in_as() or "")
    provider.rotate_keys()
    later = Visitor(visitor.server)
    try:
        later.sign_in_with_provider()  # an id_token under a key id not seen yet: the keys are read again
        assert "sam@example.org" in (later.signed_in_as() or "")
    finally:
        later.close()


def test_an_address_without_account_or_invitation_gets_a_clear_page_and_no_account(
    hosted: Env, visitor: Visitor, provider: OpenIDProvider
) -> None:
    provider.as_person("stranger@example.org")
    refused = visitor.sign_in_with_provider()
    assert refused.status_code == 403
    assert alert(refused) == "stranger@example.org has no account here, and no invitation."
    assert "Ask your careers service to invite this address" in refused.text
    assert "Traceback" not in refused.text
    assert account(hosted, "stranger@example.org") is None
    assert visitor.signed_in_as() is None


def test_when_the_operator_allows_anyone_a_verified_address_becomes_a_seekers_account(
    hosted: Env, clock: Clock, provider: OpenIDProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(monkeypatch, provider.issuer, INVITED_ONLY="no")
    server = serve(hosted, clock)
    visitor = Visitor(server)
    try:
        provider.as_person("newcomer@example.org", name="New Comer")
        visitor.sign_in_with_provider()
        assert "newcomer@example.org" in (visitor.signed_in_as() or "")
        made = account(hosted, "newcomer@example.org")
        assert made is not None
        assert made.role == "seeker"
    finally:
        visitor.close()
        server.stop()


def test_an_invitation_link_is_accepted_with_the_provider_for_the_invited_address_only(
    hosted: Env, visitor: Visitor, provider: OpenIDProvider
) -> None:
    made = accounts.invite(hosted, None, "ana@example.org", "seeker")
    fields = visitor.form(f"/join?token={made.token}", "/login/oidc")
    assert fields["invitation"] == made.token
    provider.as_person("someone.else@example.org")
    refused = visitor.go_on(visitor.start(fields))
    assert refused.status_code == 403
    assert alert(refused) == (
        "This invitation is for ana@example.org, but Northfield University signed you in as someone.else@example.org."
    )
    assert account(hosted, "someone.else@example.org") is None
    provider.as_person("ana@example.org", name="Ana")
    fields = visitor.form(f"/join?token={made.token}", "/login/oidc")
    visitor.go_on(visitor.start(fields))
    assert "ana@example.org" in (visitor.signed_in_as() or "")
    with pytest.raises(SignInRefused, match="already used"):
        accounts.invitation_for(hosted, made.token)


def test_a_disabled_account_does_not_sign_in_with_the_provider(
    hosted: Env, visitor: Visitor, provider: OpenIDProvider
) -> None:
    made = accounts.invite(hosted, None, "lee@example.org", "seeker")
    accounts.accept_invitation(hosted, made.token, "Lee", PASSWORD)
    accounts.disable(hosted, None, "lee@example.org")
    provider.as_person("lee@example.org")
    refused = visitor.sign_in_with_provider()
    assert refused.status_code == 401
    assert "This account is disabled." in alert(refused)


# -- attacks ----------------------------------------------------------------------------------------


@pytest.fixture
def sam(hosted: Env, provider: OpenIDProvider) -> None:
    made = accounts.invite(hosted, None, "sam@example.org", "seeker")
    accounts.accept_invitation(hosted, made.token, "Sam", PASSWORD)
    provider.as_person("sam@example.org", sub="sam-1")


def _with_state(url: str, state: str) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    return f"{parts.path}?code={query['code']}&state={state}"


def test_another_site_cannot_start_a_sign_in_in_this_browser(sam: None, visitor: Visitor) -> None:
    visitor.form("/login", "/login/oidc")  # the browser has been here before: it has its nonce cookie
    refused = visitor.http.post("/login/oidc", data={"next": "/"}, follow_redirects=False)
    assert refused.status_code == 403
    assert "CSRF" in refused.text
    assert "followup_sign_in" not in visitor.http.cookies


def test_a_forged_state_is_refused(sam: None, visitor: Visitor) -> None:
    callback = visitor.start_only()
    refused = visitor.http.get(_with_state(callback, "forged-state"))
    assert refused.status_code == 401
    assert "did not start in this browser" in alert(refused)
    assert visitor.signed_in_as() is None


def test_a_callback_opened_in_another_browser_signs_nobody_in_there(sam: None, visitor: Visitor) -> None:
    """Login CSRF: an attacker's own code and state, opened in the victim's browser, must not sign it in."""
    callback = visitor.start_only()
    victim = Visitor(visitor.server)
    try:
        refused = victim.http.get(urlsplit(callback).path + "?" + urlsplit(callback).query)
        assert refused.status_code == 401
        assert "did not start in this browser" in alert(refused)
        assert victim.signed_in_as() is None
    finally:
        victim.close()


def test_a_replayed_callback_is_refused_in_the_same_browser_and_with_a_stolen_cookie(
    sam: None, visitor: Visitor
) -> None:
    callback = visitor.start_only()
    stolen = visitor.http.cookies.get("followup_sign_in", domain="127.0.0.1", path="/login/oidc")
    assert stolen
    first = visitor.http.get(callback)
    assert first.status_code == 200
    assert "sam@example.org" in (visitor.signed_in_as() or "")
    again = visitor.http.get(callback)
    assert again.status_code == 401
    assert "did not start in this browser, or it was already used" in alert(again)
    thief = Visitor(visitor.server)
    try:
        thief.http.cookies.set("followup_sign_in", stolen, domain="127.0.0.1", path="/login/oidc")
        replayed = thief.http.get(callback)
        assert replayed.status_code == 401
        assert "did not accept this sign-in (invalid_grant)" in alert(replayed)
        assert thief.signed_in_as() is None
    finally:
        thief.close()


def test_a_tampered_pending_sign_in_cookie_is_refused(sam: None, visitor: Visitor) -> None:
    callback = visitor.start_only()
    cookie = visitor.http.cookies.get("followup_sign_in", domain="127.0.0.1", path="/login/oidc")
    assert cookie
    visitor.http.cookies.set("followup_sign_in", "x" + cookie, domain="127.0.0.1", path="/login/oidc")
    refused = visitor.http.get(callback)
    assert refused.status_code == 401
    assert visitor.signed_in_as() is None


def test_a_sign_in_left_for_more_than_ten_minutes_is_refused(sam: None, visitor: Visitor, clock: Clock) -> None:
    callback = visitor.start_only()
    clock.advance(minutes=11)
    refused = visitor.http.get(callback)
    assert refused.status_code == 401
    assert "took more than 10 minutes" in alert(refused)


@pytest.mark.parametrize(
    ("tampering", "signing", "why"),
    [
        ({"nonce": "a-nonce-from-another-sign-in"}, "rs256", "nonce"),
        ({"aud": "another-client"}, "rs256", "aud"),
        ({"aud": [CLIENT_ID, "another-client"]}, "rs256", "azp"),
        ({"iss": "https://impostor.example"}, "rs256", "iss"),
        ({"exp": 1, "iat": 0}, "rs256", "expired"),  # exp and iat are set from the test's clock below
        ({}, "forged", "signature"),
        ({}, "hs256", "signature"),
    ],
    ids=["wrong-nonce", "other-audience", "also-another-audience", "other-issuer", "expired", "forged", "hs256"],
)
def test_an_id_token_that_fails_a_check_is_refused(
    sam: None,
    visitor: Visitor,
    provider: OpenIDProvider,
    clock: Clock,
    tampering: dict[str, Any],
    signing: str,
    why: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if why == "expired":
        now = int(clock().timestamp())
        tampering = {"iat": now - 3600, "exp": now - 600}
    provider.claims = tampering
    provider.signing = signing
    with caplog.at_level(logging.DEBUG):
        refused = visitor.sign_in_with_provider()
    assert refused.status_code == 401, refused.text[:2000]
    shown = alert(refused)
    assert shown.startswith("Northfield University's answer did not pass followup's checks"), shown
    assert why in shown or why in caplog.text
    assert visitor.signed_in_as() is None
    assert "Traceback" not in refused.text
    assert CLIENT_SECRET not in caplog.text


def test_an_address_the_provider_has_not_verified_is_refused(
    hosted: Env, visitor: Visitor, provider: OpenIDProvider
) -> None:
    accounts.invite(hosted, None, "unverified@example.org", "seeker")
    for verified in (False, "true"):  # the string "true" is not the JSON true
        provider.as_person("unverified@example.org")
        provider.claims = {"email_verified": verified}
        refused = visitor.sign_in_with_provider()
        assert refused.status_code == 401
        assert alert(refused) == "Northfield University has not confirmed your e-mail address."
    assert account(hosted, "unverified@example.org") is None


# -- failures a person meets ------------------------------------------------------------------------


def test_cancelling_at_the_provider_says_so(sam: None, visitor: Visitor, provider: OpenIDProvider) -> None:
    provider.cancel = True
    refused = visitor.sign_in_with_provider()
    assert refused.status_code == 401
    assert alert(refused) == "You cancelled signing in with Northfield University."


def test_a_provider_that_does_not_answer_is_a_page_that_says_so(
    hosted: Env, clock: Clock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    configure(monkeypatch, f"http://127.0.0.1:{free_port()}")
    server = serve(hosted, clock)
    visitor = Visitor(server)
    try:
        with caplog.at_level(logging.DEBUG):
            down = visitor.sign_in_with_provider()
        assert down.status_code == 503
        assert alert(down) == "Northfield University is not answering right now."
        assert "sign in with your e-mail address and password" in down.text
        assert CLIENT_SECRET not in caplog.text
    finally:
        visitor.close()
        server.stop()


def test_a_provider_that_goes_down_before_the_browser_comes_back_is_a_page_that_says_so(
    sam: None, visitor: Visitor, provider: OpenIDProvider
) -> None:
    callback = visitor.start_only()
    provider.stop()
    down = visitor.http.get(callback)
    assert down.status_code == 503
    assert alert(down) == "Northfield University is not answering right now."


def test_a_wrong_client_secret_is_the_operators_to_fix_and_is_never_shown(
    hosted: Env,
    clock: Clock,
    provider: OpenIDProvider,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    configure(monkeypatch, provider.issuer, CLIENT_SECRET="not-the-secret")
    server = serve(hosted, clock)
    visitor = Visitor(server)
    provider.as_person("boss@example.org")
    try:
        with caplog.at_level(logging.DEBUG):
            refused = visitor.sign_in_with_provider()
        assert refused.status_code == 503
        assert "does not accept this installation's client id or secret" in alert(refused)
        assert "not-the-secret" not in refused.text
        assert "not-the-secret" not in caplog.text
    finally:
        visitor.close()
        server.stop()


# -- in a real browser ------------------------------------------------------------------------------


def test_in_a_browser_the_sign_in_goes_to_the_provider_on_another_site_and_comes_back_signed_in(
    hosted: Env, clock: Clock, monkeypatch: pytest.MonkeyPatch, browser: Any
) -> None:
    """Chromium enforces SameSite: the sign-in cookie must survive the way back from another site
    (the provider at "localhost", the app at 127.0.0.1), and the session cookie must be set then."""
    from web.web_support import DESKTOP, assert_accessible, shoot

    provider = OpenIDProvider(clock, host="localhost").start()
    configure(monkeypatch, provider.issuer)
    server = serve(hosted, clock)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Berlin")
    context.set_default_timeout(10_000)
    try:
        accounts.invite(hosted, None, "sam@example.org", "seeker")
        page = context.new_page()
        page.goto(f"{server.url}/account")
        assert_accessible(page)
        shoot(page, "hosted-sign-in-with-provider")
        provider.as_person("stranger@example.org")
        page.click("text=Sign in with Northfield University")
        assert "stranger@example.org has no account here, and no invitation." in page.inner_text("[role=alert]")
        assert_accessible(page)
        shoot(page, "hosted-sign-in-with-provider-not-invited")
        provider.as_person("sam@example.org", name="Sam Taylor")
        page.goto(f"{server.url}/account")
        page.click("text=Sign in with Northfield University")
        page.wait_for_url(f"{server.url}/account")
        assert "sam@example.org" in page.inner_text("main")
        cookies = {cookie["name"]: cookie for cookie in context.cookies(server.url)}
        assert cookies["followup_account"]["httpOnly"]
        assert "followup_sign_in" not in cookies  # used once, then gone
    finally:
        context.close()
        server.stop()
        provider.stop()
