"""`followup serve` as a user starts it: a real process on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

import database_servers
from followup.store import db
from followup.web.server import free_port as next_free_port
from followup.web.server import url_for
from mail_servers import free_port


def test_serve_starts_prints_its_address_and_answers(paths: dict[str, str]) -> None:
    port = free_port()
    argv = [sys.executable, "-m", "followup", "--db", paths["db"], "--config", paths["config"]]
    server = subprocess.Popen(
        [*argv, "serve", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first_line = server.stdout.readline() if server.stdout else ""
        assert first_line.strip() == f"followup is running at http://127.0.0.1:{port}/"
        second_line = server.stdout.readline() if server.stdout else ""
        signing_url = second_line.rsplit(" ", 1)[-1].strip()
        assert signing_url.startswith(f"http://127.0.0.1:{port}/login?token=")
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz"):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.05)
        # Without the token: a page that says how to open followup, and none of the data.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/")
        assert refused.value.code == 401
        assert "followup open" in refused.value.read().decode()
        # With it, as the browser `followup serve` opens: signed in, then the page.
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(signing_url) as response:
            assert "Signed in" in response.read().decode()
        # A new user is asked their name and time zone first; then Today's welcome.
        with browser.open(f"http://127.0.0.1:{port}/") as response:
            page = response.read().decode()
            assert response.url == f"http://127.0.0.1:{port}/welcome"
        assert "Before you start" in page
        assert "Your time zone" in page
        if not db.is_database_url(paths["db"]):  # the SQLite file is made on first use; a PostgreSQL database exists
            assert os.path.exists(paths["db"])
        # The page the browser is opened on holds the token, readable by this user only.
        opened = os.path.join(database_servers.data_folder(paths), "open-followup.html")
        with open(opened, encoding="utf-8") as handle:
            assert signing_url in handle.read()
        assert os.stat(opened).st_mode & 0o777 == 0o600
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C
        server.wait(timeout=15)
    assert not os.path.exists(opened)  # the token dies with the server
    assert "Traceback" not in (server.stderr.read() if server.stderr else "")


def test_serve_beyond_loopback_without_a_password_refuses_clearly(run) -> None:
    result = run("serve", "--no-browser", "--host", "0.0.0.0", "--port", str(free_port()))
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0 without a password" in result.output
    assert "FOLLOWUP_PASSWORD" in result.output


def test_a_missing_password_file_is_reported(run, tmp_path) -> None:
    result = run("serve", "--no-browser", "--password-file", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "cannot read the password file" in result.output


def test_a_busy_port_moves_to_the_next_free_one() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        assert next_free_port("127.0.0.1", taken) > taken


def test_addresses_are_printed_as_browsers_want_them() -> None:
    assert url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert url_for("::1", 8765) == "http://[::1]:8765/"


@pytest.mark.parametrize("host", ["192.0.2.10", "0.0.0.0"])
def test_other_hosts_need_the_password_even_from_the_library(env, host) -> None:
    from followup.errors import InvalidInput
    from followup.web.server import build

    with pytest.raises(InvalidInput):
        build(env, host, 8765)
