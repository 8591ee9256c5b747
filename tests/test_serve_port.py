"""`followup serve` keeps its address: stopped and started again at once it is back on the same port.

Open tabs and a calendar app's subscription hold the address; a server that moved
to another port after a restart would leave them talking to nothing. Each test runs
the real command in its own process, as a user starts it.
"""

from __future__ import annotations

import http.client
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

import database_servers
from followup.web.server import DEFAULT_PORT
from mail_servers import free_port


def _followup(paths: dict[str, str], *args: str) -> list[str]:
    return [sys.executable, "-m", "followup", "--db", paths["db"], "--config", paths["config"], *args]


# Every wait below polls and returns the moment the server is there, so an idle machine runs these
# tests in a few seconds; the deadline is generous because a machine busy with other jobs can take
# many times longer to start Python and import the web app.
DEADLINE = 90.0


@contextmanager
def serving(paths: dict[str, str], *args: str) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """`followup serve --no-browser ARGS` until it answers; the lines it printed until then; Ctrl+C at the end."""
    process = subprocess.Popen(
        _followup(paths, "serve", "--no-browser", *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = _lines_until(process, "Keep this window open", time.monotonic() + DEADLINE)
        port = int(lines[0].rsplit(":", 1)[1].strip("/"))
        _wait_for(port)
        yield process, lines
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        process.wait(timeout=DEADLINE)
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")


def _lines_until(process: subprocess.Popen[str], last: str, deadline: float) -> list[str]:
    """The lines the process prints up to one starting with `last`, read without ever blocking past
    `deadline` (a thread reads, so a server that hangs fails the test instead of stalling it)."""
    found: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            found.put(line.strip())
        found.put(None)  # the end of its output: it stopped

    threading.Thread(target=read, daemon=True).start()
    lines: list[str] = []
    while not lines or not lines[-1].startswith(last):
        try:
            line = found.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"serve printed no {last!r} in {DEADLINE:.0f} s: {lines}") from None
        if line is None:
            process.wait(timeout=DEADLINE)
            raise AssertionError(f"serve stopped: {lines} {process.stderr.read() if process.stderr else ''}")
        lines.append(line)
    return lines


def _wait_for(port: int) -> None:
    """Until the server answers on `port`. A plain connect is not enough: the port listens (and the
    kernel accepts connections) before the server reads them, and a request sent then waits."""
    deadline = time.monotonic() + DEADLINE
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=max(1.0, deadline - time.monotonic()))
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().read() == b"ok":
                    return
            finally:
                connection.close()
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.05)


def _free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _time_wait_on(port: int) -> bool:
    """Whether the kernel still holds a connection of `port` in TIME_WAIT (Linux's /proc/net/tcp)."""
    try:
        with open("/proc/net/tcp", encoding="ascii") as table:
            rows = table.read().splitlines()[1:]
    except OSError:
        return True  # cannot look: the test below still checks the port
    return any(row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "06" for row in rows)


def _listening_on(port: int) -> bool:
    """Whether some program other than the server under test listens on `port` (/proc/net/tcp, LISTEN)."""
    try:
        with open("/proc/net/tcp", encoding="ascii") as table:
            rows = table.read().splitlines()[1:]
    except OSError:
        return False
    return any(row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A" for row in rows)


@pytest.fixture
def default_port_free() -> None:
    # The tests that use it are in one xdist group: on two workers they would take the port from each other.
    if not _free(DEFAULT_PORT):
        pytest.skip(f"port {DEFAULT_PORT} is in use on this machine: the default address cannot be tried")


@pytest.mark.xdist_group("default port")
@pytest.mark.usefixtures("default_port_free")
def test_stopped_and_started_again_at_once_it_keeps_its_address(paths: dict[str, str]) -> None:
    with serving(paths) as (process, lines):
        assert lines[0] == f"followup is running at http://127.0.0.1:{DEFAULT_PORT}/"
        # A tab still connected when the server stops: the server closes the connection, so
        # its side of it lingers in TIME_WAIT, which a bind without address reuse takes for busy.
        tab = http.client.HTTPConnection("127.0.0.1", DEFAULT_PORT, timeout=DEADLINE)
        tab.request("GET", "/healthz")
        assert tab.getresponse().read() == b"ok"
        process.send_signal(signal.SIGINT)
        process.wait(timeout=DEADLINE)
        tab.close()
    assert _time_wait_on(DEFAULT_PORT)
    with serving(paths) as (_process, lines):
        if lines[0] != f"followup is running at http://127.0.0.1:{DEFAULT_PORT}/" and _listening_on(DEFAULT_PORT):
            # On a shared machine another program may take the port between the two starts.
            pytest.skip(f"another program took port {DEFAULT_PORT} between the two starts")
        assert lines[0] == f"followup is running at http://127.0.0.1:{DEFAULT_PORT}/"
        assert not any("in use" in line for line in lines)


@pytest.mark.xdist_group("default port")
@pytest.mark.usefixtures("default_port_free")
def test_a_port_held_by_another_program_is_named_with_the_one_used_instead(paths: dict[str, str]) -> None:
    with socket.socket() as other_program:
        other_program.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past an earlier test's TIME_WAIT
        other_program.bind(("127.0.0.1", DEFAULT_PORT))
        other_program.listen()
        with serving(paths) as (_process, lines):
            moved = int(lines[0].rsplit(":", 1)[1].strip("/"))
            assert moved > DEFAULT_PORT
            assert lines[1].startswith(
                f"Port {DEFAULT_PORT} is in use by another program, so followup uses port {moved} this time"
            )
            assert f"get port {DEFAULT_PORT} back" in lines[1]


def test_a_second_serve_for_the_same_data_says_where_the_first_one_is(paths: dict[str, str]) -> None:
    port = free_port()
    with serving(paths, "--port", str(port)) as (first, _lines):
        second = subprocess.run(
            _followup(paths, "serve", "--no-browser", "--port", str(port)),
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
        assert second.returncode == 0, second.stderr
        assert second.stdout.splitlines() == [
            f"followup is already running at http://127.0.0.1:{port}/",
            "Run `followup open` to open it signed in.",
        ]
        # The first one is untouched, and so is the page `followup open` uses.
        assert first.poll() is None
        assert os.path.exists(os.path.join(database_servers.data_folder(paths), "open-followup.html"))


def test_a_chosen_port_that_is_taken_is_refused_plainly(run) -> None:
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", 0))
        other_program.listen()
        taken = other_program.getsockname()[1]
        result = run("serve", "--no-browser", "--port", str(taken))
    assert result.exit_code == 2
    assert f"port {taken} on 127.0.0.1 is in use by another program" in result.output
    assert f"--port {taken + 1}" in result.output
