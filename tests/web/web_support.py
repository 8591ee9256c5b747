"""Web fixtures: an in-process client for parsed-HTML tests, a real server, and a real browser.

`client` talks to the app in-process (fast; asserts on parsed HTML and JSON).
`live` runs the same app under uvicorn on a free loopback port, in a thread,
with the test's clock injected; `page` is Debian's Chromium driven by
Playwright, failing the test on any console error (a CSP violation included).
Both are signed in as `followup serve` signs in the browser it opens: with the
run's sign-in token (`sign_in`), exchanged for the session cookie.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from followup.app.context import Env
from followup.web.server import build
from mail_servers import free_port

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
AXE = HERE.parent / "vendor" / "axe-4.14.1.min.js"
SCREENSHOTS = Path(os.environ.get("FOLLOWUP_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--disable-sync", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
PORT = 8765


class WebClient:
    """An in-process browser stand-in: keeps cookies, sends the CSRF token like the pages do."""

    def __init__(self, env: Env, port: int = PORT) -> None:
        from starlette.testclient import TestClient

        self.env = env
        self.app = build(env, "127.0.0.1", port)
        self.http = TestClient(self.app, base_url=f"http://127.0.0.1:{port}", follow_redirects=False)
        sign_in(self.app, self.http)

    @property
    def state(self) -> Any:
        return self.app.app.state.web

    def token(self) -> str:
        if "followup_nonce" not in self.http.cookies:
            self.http.get("/healthz")
        return str(self.state.keys.csrf_token(self.http.cookies["followup_nonce"]))

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.http.get(url, **kwargs)

    def soup(self, url: str, status: int = 200) -> BeautifulSoup:
        response = self.http.get(url)
        assert response.status_code == status, response.text[:2000]
        return BeautifulSoup(response.text, "html.parser")

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        form = {"csrf_token": self.token(), **(data or {})}
        return self.http.post(url, data=form, **kwargs)

    def htmx(self, method: str, url: str, data: dict[str, Any] | None = None) -> Any:
        headers = {"HX-Request": "true", "X-CSRF-Token": self.token()}
        return self.http.request(method, url, data=data, headers=headers)

    def api(self, method: str, url: str, body: Any = None, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.state.keys.api_token}", **kwargs.pop("headers", {})}
        return self.http.request(method, url, json=body, headers=headers, **kwargs)


def sign_in(app: Any, http: Any) -> None:
    """Sign a test client in with the app's sign-in token, as the browser `followup serve` opens."""
    token = app.app.state.web.guard.sign_in_token
    response = http.get(f"/login?token={token}")
    assert response.status_code == 200, response.text[:500]
    assert "followup_session" in http.cookies


@pytest.fixture
def client(env: Env) -> WebClient:
    return WebClient(env)


@pytest.fixture
def named(env: Env) -> Env:
    """A user past the first-run screen: their name is set (the time zone is in the settings file
    already), so Today opens at once instead of asking (tests/web/test_web_first_run.py)."""
    from followup.app import settings

    settings.write_setting(env, "profile.name", "Sam Taylor")
    settings.reload(env)
    return env


class LiveServer:
    def __init__(self, env: Env, clock: Any, password: str | None = None) -> None:
        import uvicorn

        self.env = env
        self.clock = clock
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = build(env, "127.0.0.1", self.port, password)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    @property
    def sign_in_url(self) -> str:
        return f"{self.url}/login?token={self.app.app.state.web.guard.sign_in_token}"

    def sign_in(self, page: Any) -> None:
        """Give the browser tab a session, as opening the sign-in address does."""
        state = self.app.app.state.web
        cookie = state.keys.session(state.guard.generation)
        page.context.add_cookies(
            [{"name": "followup_session", "value": cookie, "url": self.url, "httpOnly": True, "sameSite": "Strict"}]
        )


@pytest.fixture
def live(env: Env, clock: Any, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    server = LiveServer(env, clock)
    server.start()
    if "page" in request.fixturenames:
        # The browser test starts signed in, as after `followup serve` opened it.
        server.sign_in(request.getfixturevalue("page"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: `apt-get install chromium` (scripts/test does this when run as root)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Berlin")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    problems: list[str] = []

    def on_console(message: Any) -> None:
        # A page answered 4xx on purpose (a 404 page, a form with errors) logs this too;
        # failed sub-resources are caught below instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type in ("script", "stylesheet", "image", "font"):
            problems.append(f"{response.status} for {response.url}")

    tab.on("console", on_console)
    tab.on("response", on_response)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    context.close()
    assert not problems, f"the browser reported errors: {problems}"


def shoot(page: Any, name: str) -> None:
    """Save the page at desktop and phone width (artifacts/screenshots/NAME-desktop.png, -phone.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky top bar is drawn where the page was scrolled to
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    _no_sideways_scroll(page, name)
    page.set_viewport_size(size or DESKTOP)


def _no_sideways_scroll(page: Any, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name}: the page scrolls sideways on a phone by {overflow}px"


def assert_accessible(page: Any) -> None:
    """axe-core on the current page: no serious or critical violation."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    detail = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in bad
    ]
    assert not bad, json.dumps(detail, indent=1)


def text_of(soup: BeautifulSoup, selector: str) -> str:
    element = soup.select_one(selector)
    assert element is not None, f"nothing matches {selector!r}"
    return re.sub(r"\s+", " ", element.get_text(" ", strip=True))
