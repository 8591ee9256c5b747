"""Hosted mode's pages through HTTP: sign in and out, joining, a forgotten password, "Your account",
and the administrators' "Accounts" page; the session cookie and the account in the ASGI scope.
And that the local app is unchanged: none of this is there unless the database is hosted.

Run on SQLite by default and on PostgreSQL with `--store=postgresql` (the `env` fixture's database).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from starlette.requests import Request
from starlette.testclient import TestClient

from conftest import Clock
from followup.app import accounts
from followup.app.context import Env
from followup.web.server import build

PASSWORD = "correct horse battery"
OTHER = "another long password"


class Browser:
    """One browser: its own cookies, forms sent with their CSRF token as the pages send them."""

    def __init__(self, env: Env, scheme: str = "http") -> None:
        self.app = build(env, "127.0.0.1", 8765)
        self.http = TestClient(self.app, base_url=f"{scheme}://127.0.0.1:8765", follow_redirects=False)

    def token(self) -> str:
        if "followup_nonce" not in self.http.cookies:
            self.http.get("/login")
        return str(self.app.app.state.web.keys.csrf_token(self.http.cookies["followup_nonce"]))

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.http.get(url, **kwargs)

    def soup(self, url: str, status: int = 200) -> BeautifulSoup:
        response = self.http.get(url)
        assert response.status_code == status, response.text[:2000]
        return BeautifulSoup(response.text, "html.parser")

    def post(self, url: str, data: dict[str, str] | None = None) -> Any:
        return self.http.post(url, data={"csrf_token": self.token(), **(data or {})})

    def sign_in(self, email: str, password: str = PASSWORD) -> Any:
        return self.post("/login", {"email": email, "password": password, "next": "/account"})


def alert(response: Any) -> str:
    found = BeautifulSoup(response.text, "html.parser").select_one("[role=alert]")
    assert found is not None, response.text[:2000]
    return " ".join(found.get_text().split())


def text(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found.get_text()


@pytest.fixture
def hosted(env: Env) -> Env:
    accounts.init_server(env, admin_email="boss@example.org", admin_name="Ada", password=PASSWORD)
    return env


def join(env: Env, address: str, role: str = "seeker", name: str = "Sam") -> accounts.Account:
    made = accounts.invite(env, None, address, role)
    return accounts.accept_invitation(env, made.token, name, PASSWORD)


# -- the door -----------------------------------------------------------------------------------


def test_without_an_account_pages_go_to_sign_in_and_the_api_answers_401_json(hosted: Env) -> None:
    browser = Browser(hosted)
    page = browser.get("/applications?status=active")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/applications%3Fstatus%3Dactive"
    api = browser.get("/api/v1/agenda")
    assert api.status_code == 401
    assert api.json()["error"]["code"] == "NotSignedIn"


def test_static_files_and_probes_are_served_without_looking_up_the_session(hosted: Env) -> None:
    from followup import __version__

    browser = Browser(hosted)
    browser.sign_in("boss@example.org")

    def no_lookup(token: str | None) -> None:
        raise AssertionError("the session was looked up")

    browser.app.account_of = no_lookup
    assert browser.get(f"/static/{__version__}/css/app.css").status_code == 200
    assert browser.get("/healthz").status_code == 200


def test_the_local_session_and_api_token_sign_nobody_in_to_a_hosted_installation(hosted: Env) -> None:
    browser = Browser(hosted)
    state = browser.app.app.state.web
    browser.http.cookies.set("followup_session", state.keys.session(state.guard.generation))
    assert browser.get("/").status_code == 303
    token = browser.get(f"/login?token={state.guard.sign_in_token}")
    assert "followup_account" not in browser.http.cookies
    assert token.status_code == 200  # just the sign-in form
    api = browser.get("/api/v1/agenda", headers={"Authorization": f"Bearer {state.keys.api_token}"})
    assert api.status_code == 401


def test_signing_in_sets_an_httponly_lax_cookie_and_puts_the_account_in_the_scope(
    hosted: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOLLOWUP_BASE_URL", raising=False)
    browser = Browser(hosted)
    seen: list[Any] = []

    async def scope_probe(request: Request) -> dict[str, str]:  # a page of the lead's would read it like this
        seen.append(request.scope["followup.account"])
        return {}

    browser.app.app.add_api_route("/test-scope", scope_probe)

    form = browser.soup("/login")
    assert form.select_one("form[action='/login'] input[name=csrf_token]") is not None
    done = browser.sign_in("Boss@Example.org")
    assert done.status_code == 303
    assert done.headers["location"] == "/account"
    cookie = done.headers["set-cookie"]
    assert cookie.startswith("followup_account=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Max-Age=2592000" in cookie
    browser.get("/test-scope")
    assert [account.email for account in seen] == ["boss@example.org"]
    assert seen[0].role == "admin"
    assert seen[0].owner_id != 1


def test_over_https_the_cookie_is_secure(hosted: Env) -> None:
    browser = Browser(hosted, scheme="https")
    done = browser.sign_in("boss@example.org")
    assert "; Secure" in done.headers["set-cookie"]
    assert browser.get("/account").status_code == 200


def test_behind_a_proxy_that_ends_tls_the_installations_address_makes_the_cookie_secure(
    hosted: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_BASE_URL", "https://careers.example.edu")
    done = Browser(hosted).sign_in("boss@example.org")  # plain HTTP from the proxy on loopback
    assert "; Secure" in done.headers["set-cookie"]


def test_a_wrong_password_and_an_unknown_address_read_the_same(hosted: Env) -> None:
    browser = Browser(hosted)
    wrong = browser.sign_in("boss@example.org", OTHER)
    unknown = browser.sign_in("nobody@example.org", OTHER)
    assert wrong.status_code == unknown.status_code == 401
    assert alert(wrong) == alert(unknown)
    assert "do not match an account" in alert(wrong)
    assert "followup_account" not in browser.http.cookies


def test_after_five_failures_the_page_says_when_to_try_again(hosted: Env) -> None:
    browser = Browser(hosted)
    for _ in range(5):
        assert browser.sign_in("boss@example.org", OTHER).status_code == 401
    throttled = browser.sign_in("boss@example.org")
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "900"
    assert "Try again in 15 minutes" in alert(throttled)


def test_behind_the_proxy_each_client_has_its_own_limit(hosted: Env) -> None:
    guesser, someone_else = Browser(hosted), Browser(hosted)
    guesser.http.headers["X-Forwarded-For"] = "198.51.100.7, 203.0.113.9"  # the proxy added the last one
    someone_else.http.headers["X-Forwarded-For"] = "203.0.113.10"
    for n in range(accounts.FAILURES_PER_CLIENT):
        assert guesser.sign_in(f"guess{n}@example.org", OTHER).status_code == 401
    assert guesser.sign_in("boss@example.org").status_code == 429
    assert someone_else.sign_in("boss@example.org").status_code == 303


def test_sign_out_ends_the_session_on_the_server(hosted: Env) -> None:
    browser = Browser(hosted)
    browser.sign_in("boss@example.org")
    stolen = browser.http.cookies["followup_account"]
    out = browser.post("/logout")
    assert out.status_code == 303
    assert out.headers["location"] == "/login"
    thief = Browser(hosted)
    thief.http.cookies.set("followup_account", stolen)
    assert thief.get("/account").status_code == 303


def test_a_form_without_the_csrf_token_is_refused(hosted: Env) -> None:
    browser = Browser(hosted)
    browser.sign_in("boss@example.org")
    refused = browser.http.post("/accounts/invite", data={"email": "sam@example.org", "role": "seeker"})
    assert refused.status_code == 403
    assert "CSRF" in refused.text


# -- joining, and a forgotten password ----------------------------------------------------------


def test_joining_by_invitation_signs_in_and_the_link_works_once(hosted: Env) -> None:
    made = accounts.invite(hosted, None, "sam@example.org", "seeker")
    browser = Browser(hosted)
    form = browser.soup(f"/join?token={made.token}")
    assert "sam@example.org" in form.get_text()
    fields = {"token": made.token, "name": "Sam", "password": PASSWORD, "password_again": OTHER}
    differ = browser.post("/join", fields)
    assert differ.status_code == 422
    assert "The two passwords differ" in alert(differ)
    joined = browser.post("/join", {**fields, "password_again": PASSWORD})
    assert joined.status_code == 303
    assert text(browser.soup("/account"), "h1") == "Your account"
    again = Browser(hosted).get(f"/join?token={made.token}")
    assert again.status_code == 401
    assert "expired or was already used" in alert(again)


def test_pages_seen_before_signing_in_have_no_nav_and_name_the_careers_service(hosted: Env) -> None:
    # Found being the user: the sign-in page of a hosted installation linked to Today, Applications,
    # ... (each only back to sign-in) and said "your data stays on this computer".
    made = accounts.invite(hosted, None, "sam@example.org", "seeker")
    for path in ("/login", "/forgot", f"/join?token={made.token}"):
        page = Browser(hosted).soup(path)
        assert page.select("nav[aria-label=Main]") == [], path
        found = page.select_one("footer")
        assert found is not None, path
        footer = found.get_text(" ", strip=True)
        assert "kept for you by your careers service" in footer, path
        assert "stays on this computer" not in footer, path


def test_forgot_password_answers_the_same_for_any_address_and_the_link_works_once(
    hosted: Env, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_SERVER_SMTP_URL", f"smtp://{smtp_server.host}:{smtp_server.port}")
    monkeypatch.setenv("FOLLOWUP_SERVER_MAIL_FROM", "no-reply@jobs.example")
    monkeypatch.setenv("FOLLOWUP_BASE_URL", "https://jobs.example")
    browser = Browser(hosted)
    signed_in_elsewhere = Browser(hosted)
    signed_in_elsewhere.sign_in("boss@example.org")
    known = browser.post("/forgot", {"email": "boss@example.org"})
    unknown = browser.post("/forgot", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert text(BeautifulSoup(known.text, "html.parser"), "main") == text(
        BeautifulSoup(unknown.text, "html.parser"), "main"
    )
    [envelope] = smtp_server.messages
    found = re.search(rb"https://jobs\.example/reset\?token=([\w-]+)", envelope.content)
    assert found
    token = found.group(1).decode()
    assert browser.soup(f"/reset?token={token}").select_one("form[action='/reset']") is not None
    done = browser.post("/reset", {"token": token, "password": OTHER, "password_again": OTHER})
    assert done.status_code == 303
    assert done.headers["location"] == "/login"
    assert signed_in_elsewhere.get("/account").status_code == 303  # every session ended
    assert browser.get(f"/reset?token={token}").status_code == 401
    assert browser.sign_in("boss@example.org", OTHER).status_code == 303


# -- your account -------------------------------------------------------------------------------


def test_changing_the_password_keeps_this_browser_and_signs_out_the_others(hosted: Env) -> None:
    here, there = Browser(hosted), Browser(hosted)
    here.sign_in("boss@example.org")
    there.sign_in("boss@example.org")
    wrong = here.post("/account/password", {"current": OTHER, "password": OTHER, "password_again": OTHER})
    assert wrong.status_code == 422
    assert "current password is not right" in alert(wrong)
    changed = here.post("/account/password", {"current": PASSWORD, "password": OTHER, "password_again": OTHER})
    assert changed.status_code == 303
    assert "followup_account=" in changed.headers["set-cookie"]
    assert here.get("/account").status_code == 200
    assert there.get("/account").status_code == 303


def test_a_seeker_adds_and_removes_a_coach_on_their_account_page(hosted: Env) -> None:
    join(hosted, "sam@example.org")
    join(hosted, "kim@example.org", "coach", "Kim")
    join(hosted, "lee@example.org", "seeker", "Lee")
    browser = Browser(hosted)
    browser.sign_in("sam@example.org")
    refused = browser.post("/account/coaches", {"email": "lee@example.org"})
    assert refused.status_code == 404
    assert "lee@example.org is not a coach's account here" in alert(refused)
    added = browser.post("/account/coaches", {"email": "Kim@example.org"})
    assert added.status_code == 303
    page = browser.soup("/account")
    assert "Kim (kim@example.org)" in page.get_text()
    browser.post("/account/coaches/remove", {"email": "kim@example.org"})
    assert "No coach yet." in browser.soup("/account").get_text()


# -- accounts (administrators) ------------------------------------------------------------------


def test_an_administrator_invites_lists_and_disables_and_sees_counts_only(hosted: Env) -> None:
    join(hosted, "sam@example.org")
    sams = Browser(hosted)
    sams.sign_in("sam@example.org")
    admin = Browser(hosted)
    admin.sign_in("boss@example.org")
    invited = admin.post("/accounts/invite", {"email": "new@example.org", "role": "coach"})
    assert invited.status_code == 200
    found = BeautifulSoup(invited.text, "html.parser").select_one("#invite-link")
    assert found is not None
    link = str(found["value"])
    assert link.startswith("http://127.0.0.1:8765/join?token=")
    page = admin.soup("/accounts")
    labels, values = page.select("#figures dt"), page.select("#figures dd")
    figures = {dt.get_text(): dd.get_text() for dt, dd in zip(labels, values, strict=True)}
    assert figures == {"Job seekers": "1", "Coaches": "0", "Administrators": "1", "Disabled": "0", "Applications": "0"}
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")[:3]] for row in page.select("#people tbody tr")
    ]
    assert rows == [
        ["boss@example.org", "Ada", "admin"],
        ["sam@example.org", "Sam", "seeker"],
        ["new@example.org", "", "coach"],  # invited, not yet joined
    ]
    disabled = admin.post("/accounts/disable", {"email": "sam@example.org"})
    assert disabled.status_code == 303
    assert sams.get("/account").status_code == 303  # signed out at once
    assert sams.sign_in("sam@example.org").status_code == 401


def test_only_an_administrator_reaches_the_accounts_page(hosted: Env) -> None:
    join(hosted, "sam@example.org")
    browser = Browser(hosted)
    browser.sign_in("sam@example.org")
    assert browser.get("/accounts").status_code == 403
    assert browser.post("/accounts/invite", {"email": "x@example.org", "role": "admin"}).status_code == 403
    assert browser.post("/accounts/disable", {"email": "boss@example.org"}).status_code == 403


def test_a_session_idle_for_three_days_is_signed_out(hosted: Env, clock: Clock) -> None:
    browser = Browser(hosted)
    browser.sign_in("boss@example.org")
    clock.advance(days=3)
    assert browser.get("/account").status_code == 303


# -- the local app is unchanged -----------------------------------------------------------------


def test_the_local_app_has_none_of_the_hosted_pages(env: Env) -> None:
    from web.web_support import WebClient

    local = WebClient(env)  # signed in with the run's token, as `followup serve` does
    assert local.get("/account").status_code == 404
    assert local.get("/accounts").status_code == 404
    assert local.get("/join?token=x").status_code == 404
    assert "followup_account" not in local.http.cookies
    signed_out = TestClient(local.app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    assert signed_out.get("/").status_code == 401  # "open followup from your terminal", as before
    assert signed_out.get("/login").status_code == 401


def test_the_local_app_never_loads_argon2(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    settings = tmp_path / "settings.toml"
    settings.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    script = (
        "import sys\n"
        "from starlette.testclient import TestClient\n"
        "from followup.app.context import bootstrap\n"
        "from followup.web.server import build\n"
        f"env = bootstrap({str(tmp_path / 'f.db')!r}, {str(settings)!r})\n"
        "app = build(env, '127.0.0.1', 8765)\n"
        "http = TestClient(app, base_url='http://127.0.0.1:8765')\n"
        "token = app.app.state.web.guard.sign_in_token\n"
        "assert http.get(f'/login?token={token}').status_code == 200\n"
        "assert http.get('/').status_code == 200\n"
        # Settings and the calendar feed know hosted accounts' own tokens: the local app's reach none of it.
        "assert http.get('/settings').status_code == 200\n"
        "assert http.get(f'/calendar.ics?token={app.app.state.web.keys.calendar_token}').status_code == 200\n"
        "assert not [m for m in sys.modules if m.startswith('argon2')], 'argon2 loaded'\n"
        # Even with a provider configured (below): signing in with it is hosted mode's alone.
        "openid = ('authlib', 'joserfc', 'followup.openid', 'followup.app.organisation_sign_in')\n"
        "assert not [m for m in sys.modules if m.startswith(openid)], 'the OpenID Connect client loaded'\n"
        "assert not [m for m in sys.modules if m.startswith('cryptography')], 'cryptography loaded'\n"
    )
    environment = {**os.environ, "FOLLOWUP_DATABASE_URL": "", "FOLLOWUP_CONFIG": str(settings)}
    environment |= {"FOLLOWUP_OIDC_ISSUER": "https://login.example", "FOLLOWUP_OIDC_CLIENT_ID": "followup"}
    subprocess.run([sys.executable, "-c", script], check=True, env=environment)


# -- in a real browser --------------------------------------------------------------------------


def test_in_a_browser_an_administrator_invites_and_the_invited_person_joins(
    hosted: Env, clock: Clock, browser: Any
) -> None:
    from web.web_support import DESKTOP, LiveServer, assert_accessible, shoot

    server = LiveServer(hosted, clock)
    server.start()
    contexts = []
    try:
        problems: list[str] = []

        def tab() -> Any:
            context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Berlin")
            context.set_default_timeout(10_000)
            contexts.append(context)
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on(
                "console",
                lambda message: (
                    problems.append(message.text)
                    if message.type == "error" and not message.text.startswith("Failed to load resource")
                    else None
                ),
            )
            return page

        admin = tab()
        admin.goto(f"{server.url}/accounts")
        assert admin.url == f"{server.url}/login?next=/accounts"
        assert_accessible(admin)
        shoot(admin, "hosted-sign-in")
        admin.fill("#email", "boss@example.org")
        admin.fill("#password", OTHER)
        admin.click("button[type=submit]")
        assert "do not match an account" in admin.inner_text("[role=alert]")
        admin.fill("#password", PASSWORD)
        admin.click("button[type=submit]")
        assert admin.url == f"{server.url}/accounts"
        admin.fill("#invite-email", "sam@example.org")
        admin.select_option("#invite-role", "seeker")
        admin.click("text=Send the invitation")
        link = admin.input_value("#invite-link")
        assert_accessible(admin)
        shoot(admin, "hosted-accounts")

        sam = tab()
        sam.goto(link)
        assert "sam@example.org" in sam.inner_text("main")
        assert_accessible(sam)
        sam.fill("#name", "Sam Taylor")
        sam.fill("#password", PASSWORD)
        sam.fill("#password_again", PASSWORD)
        sam.click("text=Create my account")
        sam.goto(f"{server.url}/account")
        assert "Sam Taylor · sam@example.org · seeker" in sam.inner_text("main")
        assert_accessible(sam)
        shoot(sam, "hosted-your-account")
        assert not problems, problems
    finally:
        for context in contexts:
            context.close()
        server.stop()
