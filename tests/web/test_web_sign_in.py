"""Signing in (issue #11, items 1, 3 and 4, and rotating tokens), each wall tested by its attack.

Loopback is not a boundary: another account on the same computer reaches 127.0.0.1
too. Every test here plays that other account, a password guesser, or a browser on
the network, against the app as `followup serve` builds it.
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from followup.app.context import Env
from followup.web import security
from followup.web.keys import SESSION_IDLE, SESSION_MAX, SESSION_RENEW, Keys
from followup.web.server import build, publish
from web.web_support import LiveServer, WebClient, sign_in

BASE = "http://127.0.0.1:8765"


def stranger(client: WebClient) -> TestClient:
    """Another account on this computer: same server, no session, no sign-in token."""
    return TestClient(client.app, base_url=BASE, follow_redirects=False)


def mail_form(**overrides: str) -> dict[str, str]:
    form = {
        "account": "",
        "name": "work",
        "email": "me@work.example",
        "imap_host": "imap.work.example",
        "imap_security": "tls",
        "imap_port": "",
        "imap_user": "me@work.example",
        "smtp_host": "",
        "smtp_security": "tls",
        "smtp_port": "",
        "smtp_user": "",
    }
    return form | overrides


# -- item 1: another account on this computer ---------------------------------------------------


def test_another_account_on_this_computer_gets_no_page_no_token_and_runs_no_command(
    client: WebClient, tmp_path: Path
) -> None:
    other = stranger(client)
    page = other.get("/settings")
    assert page.status_code == 401
    assert "followup open" in page.text
    assert "csrf_token" not in page.text  # nothing to forge the next request with
    for url in ("/", "/applications", "/api/v1/actions", "/settings/templates/thank_you/warm"):
        response = other.get(url)
        assert response.status_code == 401, url
        assert "Acme" not in response.text
    # Even holding a valid CSRF pair (as the old attack got from GET /settings), no session: refused.
    other.get("/healthz")
    token = client.state.keys.csrf_token(other.cookies["followup_nonce"])
    marker = tmp_path / "ran"
    form = mail_form(source="command", password_command=f"touch {marker}", csrf_token=token)
    response = other.post("/settings/mail/test", data=form)
    assert response.status_code == 401
    assert not marker.exists()


def test_a_wrong_sign_in_token_signs_nobody_in(client: WebClient) -> None:
    other = stranger(client)
    right = client.state.guard.sign_in_token
    for guess in ("", "nope", right[:-1], right.upper() if right.upper() != right else right + "x"):
        response = other.get(f"/login?token={guess}")
        assert response.status_code == 401
        assert "followup_session" not in other.cookies
    assert other.get("/").status_code == 401


def test_a_forged_or_stale_session_cookie_is_refused(client: WebClient) -> None:
    other = stranger(client)
    other.cookies.set("followup_session", "abc.1.1.0000")
    assert other.get("/").status_code == 401
    someone_elses = Keys(b"x" * 64).session()  # signed with another secret
    other.cookies.set("followup_session", someone_elses)
    assert other.get("/").status_code == 401


def test_the_sign_in_token_gives_a_strict_httponly_session_and_a_clean_address(client: WebClient) -> None:
    other = stranger(client)
    response = other.get(f"/login?token={client.state.guard.sign_in_token}&next=/applications")
    assert response.status_code == 200
    cookie = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and "followup_session" in v)
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    # The page forwards to the address without the token (a same-site navigation, so the cookie goes along).
    assert 'url=/applications"' in response.text
    assert "token" not in response.text
    assert other.get("/applications").status_code == 200
    # It names the app's icon, which is served to anyone: otherwise the browser asks for /favicon.ico,
    # gets an error, and logs it in its console on the very first visit.
    icon = re.search(r'<link rel="icon" href="([^"]+)"', response.text)
    assert icon is not None
    assert stranger(client).get(icon.group(1)).status_code == 200


def test_the_api_and_the_calendar_keep_their_own_tokens_without_a_session(client: WebClient) -> None:
    other = stranger(client)
    keys = client.state.keys
    assert other.get("/api/v1/actions").status_code == 401
    assert other.get("/api/v1/actions", headers={"Authorization": f"Bearer {keys.api_token}"}).status_code == 200
    assert other.get(f"/calendar.ics?token={keys.calendar_token}").status_code == 200
    assert other.get("/calendar.ics?token=guess").status_code == 404


@pytest.mark.parametrize(("source", "field"), [("command", "password_command"), ("oauth2", "oauth2_command")])
def test_the_settings_page_never_takes_or_runs_a_command(
    client: WebClient, env: Env, tmp_path: Path, source: str, field: str
) -> None:
    # Signed in, still: a stolen session or a page that tricks the user must not turn into running programs.
    marker = tmp_path / "ran"
    before = Path(env.config_path).read_text(encoding="utf-8") if Path(env.config_path).exists() else ""
    for url in ("/settings/mail/test", "/settings/mail"):
        response = client.post(url, mail_form(source=source, **{field: f"touch {marker}"}))
        assert response.status_code == 422, url
        assert "never from this page" in response.text
    assert not marker.exists()
    after = Path(env.config_path).read_text(encoding="utf-8") if Path(env.config_path).exists() else ""
    assert after == before


# -- item 3: the password ----------------------------------------------------------------------


def password_app(env: Env, password: str = "correct horse") -> tuple[Any, TestClient]:
    app = build(env, "192.0.2.10", 8765, password=password)
    http = TestClient(app, base_url="http://192.0.2.10:8765", follow_redirects=False)
    http.get("/login")
    return app, http


def log_in(app: Any, http: TestClient, password: str) -> Any:
    token = app.app.state.web.keys.csrf_token(http.cookies["followup_nonce"])
    return http.post("/login", data={"csrf_token": token, "password": password, "next": "/"})


def test_wrong_passwords_are_throttled_per_client(env: Env) -> None:
    app, http = password_app(env)
    throttle = app.app.state.web.guard.throttle
    now = [1000.0]
    throttle.clock = lambda: now[0]
    for _ in range(security.LoginThrottle.FREE):
        assert log_in(app, http, "guess").status_code == 401
    # From now on each try waits, the right password too, so guessing gets slow fast.
    locked = log_in(app, http, "correct horse")
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.text
    assert int(locked.headers["retry-after"]) >= 1
    now[0] += 3
    assert log_in(app, http, "guess").status_code == 401
    waits = log_in(app, http, "correct horse")
    assert waits.status_code == 429
    assert int(waits.headers["retry-after"]) >= 3  # doubled
    now[0] += 10
    assert log_in(app, http, "correct horse").status_code == 303
    assert throttle.wait("testclient") == 0


LOGINS = 64  # each one a full argon2 check: a few seconds of both cores, long enough to probe during


@pytest.mark.real_password_hashing
def test_many_logins_at_once_do_not_stall_other_requests(env: Env, clock: Any) -> None:
    server = LiveServer(env, clock, password="correct horse")
    server.start()
    try:
        probe = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        probe.request("GET", "/login")
        response = probe.getresponse()
        response.read()
        nonce = response.getheader("set-cookie", "").split(";")[0].split("=", 1)[1]
        token = server.app.app.state.web.keys.csrf_token(nonce)
        body = f"csrf_token={token}&password=correct+horse&next=/"
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"followup_nonce={nonce}"}
        done: list[int] = []

        def one_login() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            connection.request("POST", "/login", body=body, headers=headers)
            done.append(connection.getresponse().status)
            connection.close()

        threads = [threading.Thread(target=one_login) for _ in range(LOGINS)]
        for thread in threads:
            thread.start()
        time.sleep(0.2)  # the logins are under way
        slowest = 0.0
        for _ in range(10):
            started = time.perf_counter()
            probe.request("GET", "/healthz")
            answer = probe.getresponse()
            answer.read()
            assert answer.status == 200
            slowest = max(slowest, time.perf_counter() - started)
            time.sleep(0.05)
        still_logging_in = len(done) < LOGINS
        for thread in threads:
            thread.join(timeout=120)
        assert done == [303] * LOGINS
        assert still_logging_in  # the probe ran while the logins were being checked
        assert slowest < 1.0, f"/healthz took {slowest:.2f} s during the logins"
    finally:
        server.stop()


def test_signing_out_ends_the_session_even_for_a_copy_of_the_cookie(client: WebClient) -> None:
    cookie = client.http.cookies["followup_session"]
    response = client.post("/logout")
    assert response.status_code == 303
    assert 'followup_session=""' in response.headers["set-cookie"] or "Max-Age=0" in response.headers["set-cookie"]
    copy = stranger(client)
    copy.cookies.set("followup_session", cookie)
    assert copy.get("/").status_code == 401


@pytest.mark.usefixtures("named")
def test_sign_out_needs_the_csrf_token(client: WebClient) -> None:
    response = client.http.post("/logout")
    assert response.status_code == 403
    assert client.get("/").status_code == 200  # still signed in


def test_sessions_end_after_a_day_idle_and_a_week_in_use() -> None:
    keys = Keys(b"s" * 64)
    start = 1_700_000_000.0
    cookie = keys.session(now=start)
    assert keys.check_session(cookie, now=start + SESSION_IDLE - 1).ok
    assert not keys.check_session(cookie, now=start + SESSION_IDLE + 1).ok
    # Used every few hours: renewed, until a week after signing in.
    moment = start
    while moment + 4 * 3600 < start + SESSION_MAX:
        moment += 4 * 3600
        check = keys.check_session(cookie, now=moment)
        assert check.ok
        assert check.renew == (SESSION_RENEW < 4 * 3600)
        cookie = keys.renewed(cookie, now=moment)
    assert not keys.check_session(cookie, now=start + SESSION_MAX + 1).ok


@pytest.mark.usefixtures("named")
def test_a_session_ends_when_the_app_is_idle_past_its_limit_in_the_app(client: WebClient) -> None:
    state = client.state
    old = state.keys.session(state.guard.generation, now=time.time() - SESSION_IDLE - 5)
    other = stranger(client)
    other.cookies.set("followup_session", old)
    assert other.get("/").status_code == 401
    recent = state.keys.session(state.guard.generation, now=time.time() - SESSION_RENEW - 5)
    other.cookies.set("followup_session", recent)
    response = other.get("/")
    assert response.status_code == 200
    assert "followup_session=" in response.headers.get("set-cookie", "")  # renewed while in use


def test_a_new_password_ends_every_session(env: Env) -> None:
    app, http = password_app(env, "correct horse")
    assert log_in(app, http, "correct horse").status_code == 303
    cookie = http.cookies["followup_session"]
    assert http.get("/applications").status_code == 200
    _restarted, again = password_app(env, "battery staple")  # the server started with another password
    again.cookies.set("followup_session", cookie)
    assert again.get("/applications").status_code == 303
    _same, third = password_app(env, "correct horse")  # and a restart with the same one keeps it
    third.cookies.set("followup_session", cookie)
    assert third.get("/applications").status_code == 200


# -- item 4: serving to the network -------------------------------------------------------------


def test_serving_on_all_interfaces_accepts_real_host_headers(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    app = build(env, "0.0.0.0", 8765, password="correct horse", allowed_hosts=["myhost.lan"])
    http = TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)
    own = sorted(app.app.state.web.guard.machine_addresses - {"127.0.0.1", "::1"})
    monkeypatch.setattr(security, "_resolve", lambda name: {own[0]} if name == "printer-room" else {"203.0.113.7"})
    hosts = ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "192.168.1.5:8765", "[fd00::5]:8765"]
    hosts += ["myhost.lan:8765", "MyHost.lan:8765", f"{socket.gethostname()}:8765", "printer-room:8765"]
    for host in hosts:
        response = http.get("/login", headers={"Host": host})
        assert response.status_code == 200, host
    for host in ("evil.example:8765", "192.168.1.5:9999", "myhost.lan", "bad host:8765", ":8765"):
        assert http.get("/healthz", headers={"Host": host}).status_code == 421, host


def test_serving_on_loopback_keeps_refusing_other_names(client: WebClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # DNS rebinding: a name that resolves to 127.0.0.1 is still not followup's address.
    monkeypatch.setattr(security, "_resolve", lambda name: {"127.0.0.1"})
    for host in ("rebind.example:8765", "192.168.1.5:8765", f"{socket.gethostname()}:8765"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 421, host


def test_an_allowed_host_also_works_on_loopback(env: Env) -> None:
    app = build(env, "127.0.0.1", 8765, allowed_hosts=["followup.localhost"])
    http = TestClient(app, base_url="http://followup.localhost:8765", follow_redirects=False)
    assert http.get("/healthz").status_code == 200


def test_serve_on_all_interfaces_answers_real_host_headers(paths: dict[str, str], tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    from mail_servers import free_port

    port = free_port()
    argv = [sys.executable, "-m", "followup", "--db", paths["db"], "--config", paths["config"]]
    argv += ["serve", "--no-browser", "--host", "0.0.0.0", "--port", str(port), "--allowed-host", "myhost.lan"]
    environment = {**os.environ, "FOLLOWUP_PASSWORD": "correct horse"}
    server = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == f"followup is running at http://0.0.0.0:{port}/"
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline
                assert server.poll() is None
                time.sleep(0.05)
        for host, status in (
            (f"127.0.0.1:{port}", 200),
            (f"192.168.1.5:{port}", 200),
            (f"myhost.lan:{port}", 200),
            (f"{socket.gethostname()}:{port}", 200),
            (f"evil.example:{port}", 421),
        ):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/healthz", headers={"Host": host})
            assert connection.getresponse().status == status, host
            connection.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")


# -- rotating the API and calendar tokens --------------------------------------------------------


@pytest.mark.parametrize("kind", ["api", "calendar"])
def test_a_token_rotated_in_settings_stops_working_at_once(client: WebClient, kind: str) -> None:
    keys = client.state.keys
    old = keys.api_token if kind == "api" else keys.calendar_token
    soup = client.soup("/settings")
    assert soup.select_one(f'form[action="/settings/connections/rotate"] input[name="kind"][value="{kind}"]')
    response = client.post("/settings/connections/rotate", {"kind": kind})
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "The old one no longer works" in page
    new = keys.api_token if kind == "api" else keys.calendar_token
    assert new != old
    assert new in page
    other = stranger(client)
    if kind == "api":
        assert other.get("/api/v1/actions", headers={"Authorization": f"Bearer {old}"}).status_code == 401
        assert other.get("/api/v1/actions", headers={"Authorization": f"Bearer {new}"}).status_code == 200
    else:
        assert other.get(f"/calendar.ics?token={old}").status_code == 404
        assert other.get(f"/calendar.ics?token={new}").status_code == 200


def test_rotating_needs_the_csrf_token_and_a_kind(client: WebClient) -> None:
    old = client.state.keys.api_token
    assert client.http.post("/settings/connections/rotate", data={"kind": "api"}).status_code == 403
    assert client.post("/settings/connections/rotate", {"kind": "everything"}).status_code == 422
    assert client.state.keys.api_token == old


@pytest.mark.parametrize("kind", ["api", "calendar"])
def test_a_token_rotated_from_the_cli_stops_working_in_the_running_app(client: WebClient, run: Any, kind: str) -> None:
    keys = client.state.keys
    old = keys.api_token if kind == "api" else keys.calendar_token
    result = run("token", "rotate", kind)
    assert result.exit_code == 0, result.output
    assert "no longer works" in result.output
    other = stranger(client)
    if kind == "api":
        assert other.get("/api/v1/actions", headers={"Authorization": f"Bearer {old}"}).status_code == 401
        assert other.get("/api/v1/actions", headers={"Authorization": f"Bearer {keys.api_token}"}).status_code == 200
    else:
        assert other.get(f"/calendar.ics?token={old}").status_code == 404
        assert other.get(f"/calendar.ics?token={keys.calendar_token}").status_code == 200


def test_followup_open_without_a_running_server_says_how_to_start_it(run: Any) -> None:
    result = run("open")
    assert result.exit_code != 0
    assert "followup serve" in result.output


# -- in a real browser ------------------------------------------------------------------------


@pytest.mark.usefixtures("named")
def test_the_page_serve_opens_signs_the_browser_in(env: Env, clock: Any, browser: Any) -> None:
    server = LiveServer(env, clock)
    server.start()
    context = browser.new_context()
    try:
        opened = publish(env, server.sign_in_url)
        tab = context.new_page()
        tab.goto(opened.as_uri())
        tab.wait_for_url(f"{server.url}/")
        assert tab.title() == "Today · followup"
        tab.get_by_role("button", name="Sign out").click()
        tab.wait_for_url(f"{server.url}/login")
        assert "followup open" in tab.content()
        tab.goto(f"{server.url}/applications")
        assert "followup open" in tab.content()
    finally:
        context.close()
        server.stop()


@pytest.mark.usefixtures("named")
def test_a_signed_in_client_helper_is_signed_in(client: WebClient) -> None:
    # The fixture the other web tests use goes through the same sign-in as the browser.
    other = stranger(client)
    sign_in(client.app, other)
    assert other.get("/").status_code == 200
