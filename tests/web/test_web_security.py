"""The protections every request gets, checked over HTTP and in a real browser."""

from __future__ import annotations

import pytest

from followup.app.context import Env
from followup.errors import InvalidInput
from followup.web.server import build
from web.web_support import WebClient, assert_accessible


def test_a_foreign_host_header_is_refused(client: WebClient) -> None:
    # DNS rebinding: evil.example resolving to 127.0.0.1 must not reach the data.
    response = client.get("/", headers={"Host": "evil.example:8765"})
    assert response.status_code == 421
    assert "not followup's" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765"])
def test_loopback_names_are_accepted(client: WebClient, host: str) -> None:
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(client: WebClient) -> None:
    before = client.state.generation
    response = client.http.post("/login", data={"password": "x"})
    assert response.status_code == 403
    assert "CSRF" in response.text
    assert client.state.generation == before


def test_a_token_from_another_browser_is_refused(client: WebClient, env: Env) -> None:
    other = WebClient(env)
    stolen = other.token()
    client.token()  # this browser has its own nonce
    response = client.http.post("/login", data={"csrf_token": stolen})
    assert response.status_code == 403


def test_cross_site_requests_are_refused_even_with_a_token(client: WebClient) -> None:
    response = client.http.post(
        "/login", data={"csrf_token": client.token()}, headers={"Origin": "http://evil.example"}
    )
    assert response.status_code == 403
    response = client.http.post("/login", data={"csrf_token": client.token()}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


def test_the_csrf_token_is_found_in_a_multipart_form(client: WebClient) -> None:
    files = {"file": ("a.csv", b"company,role\nAcme,Dev\n", "text/csv")}
    response = client.http.post("/login", data={"csrf_token": client.token()}, files=files)
    assert response.status_code != 403


def test_a_wrong_api_token_is_refused(client: WebClient) -> None:
    response = client.http.post("/login", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


def test_every_response_carries_a_strict_content_security_policy(client: WebClient) -> None:
    for url in ("/healthz", "/no-such-page"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_the_nonce_cookie_is_httponly_and_same_site(client: WebClient) -> None:
    from starlette.testclient import TestClient

    fresh = TestClient(client.app, base_url="http://127.0.0.1:8765")  # a browser without cookies yet
    cookie = fresh.get("/healthz").headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie


def test_listening_beyond_loopback_needs_a_password(env: Env) -> None:
    with pytest.raises(InvalidInput, match="without a password"):
        build(env, "0.0.0.0", 8765)


def test_with_a_password_every_page_asks_for_it(env: Env) -> None:
    from starlette.testclient import TestClient

    app = build(env, "192.0.2.10", 8765, password="correct horse")
    http = TestClient(app, base_url="http://192.0.2.10:8765", follow_redirects=False)
    response = http.get("/applications?sort=company")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/applications%3Fsort%3Dcompany"
    assert http.get("/api/v1/actions").status_code == 401

    state = app.app.state.web
    http.get("/login")
    token = state.keys.csrf_token(http.cookies["followup_nonce"])
    wrong = http.post("/login", data={"csrf_token": token, "password": "nope", "next": "/"})
    assert wrong.status_code == 401
    assert "not right" in wrong.text
    right = http.post("/login", data={"csrf_token": token, "password": "correct horse", "next": "//evil.example/"})
    assert right.status_code == 303
    assert right.headers["location"] == "/"  # never an open redirect
    assert http.get("/healthz").status_code == 200
    assert http.get("/no-such-page").status_code == 404  # logged in: past the password check


def test_unknown_pages_get_a_friendly_page_and_the_api_gets_json(client: WebClient) -> None:
    soup = client.soup("/no-such-page", status=404)
    assert soup.h1 is not None
    assert soup.h1.get_text() == "Page not found"
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NotFound"


def test_error_page_in_a_real_browser_has_no_csp_violation_and_is_accessible(live, page) -> None:
    page.goto(f"{live.url}/no-such-page")
    assert page.title() == "Page not found · followup"
    assert_accessible(page)


def test_an_upload_over_the_limit_is_refused_as_too_large(client: WebClient) -> None:
    from followup.web import security

    files = {"file": ("big.csv", b"x" * (security.MAX_FORM_BYTES + 1), "text/csv")}
    response = client.http.post("/applications/import", data={"csrf_token": client.token()}, files=files)
    assert response.status_code == 413
    assert "larger than 20 MB" in response.text


def test_the_login_page_in_a_real_browser(env: Env, clock, page) -> None:
    from web.web_support import LiveServer

    server = LiveServer(env, clock, password="correct horse")
    server.start()
    try:
        page.goto(f"{server.url}/applications")
        assert page.title() == "Log in · followup"
        assert_accessible(page)
        page.get_by_label("Password").fill("correct horse")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{server.url}/applications")
        assert page.title() == "Applications · followup"
    finally:
        server.stop()
