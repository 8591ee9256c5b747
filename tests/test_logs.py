"""`--log-format json`: one JSON object a line, a line per request, no token from a URL, nothing but JSON."""

from __future__ import annotations

import http.client
import io
import json
import logging
import signal
import subprocess
import time

import pytest

from followup import logs
from mail_servers import free_port
from test_serve_port import DEADLINE, _followup, _lines_until, _wait_for


def test_the_web_app_logs_one_json_object_a_line(paths):
    process = subprocess.Popen(
        _followup(paths, "serve", "--no-browser", "--log-format", "json", "--port", str(free_port())),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = _lines_until(process, "Keep this window open", time.monotonic() + DEADLINE)
        port = int(lines[0].rsplit(":", 1)[1].strip("/"))
        _wait_for(port)
        for path in ("/healthz", "/calendar.ics?token=calendar-secret-token", "/login?token=sign-in-secret"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
            connection.getresponse().read()
            connection.close()
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # as systemd and Docker stop it
        process.wait(timeout=DEADLINE)
    assert process.stderr is not None
    written = process.stderr.read()
    records = [json.loads(line) for line in written.splitlines()]  # every line is JSON
    requests = [record for record in records if record["logger"] == "followup.web.request"]
    # After the test's own knocks on /healthz while it waited for the server:
    assert [(record["method"], record["path"]) for record in requests][-3:] == [
        ("GET", "/healthz"),
        ("GET", "/calendar.ics"),
        ("GET", "/login"),
    ]
    healthz = requests[-3]
    assert healthz["status"] == 200
    assert healthz["level"] == "info"
    assert isinstance(healthz["duration_ms"], float)
    assert healthz["time"].endswith("Z")
    assert healthz["message"].startswith("GET /healthz 200 ")
    assert {"uvicorn.error"} <= {record["logger"] for record in records}  # the server's own lines too
    assert "secret" not in written


def test_a_record_carries_its_fields_and_its_exception():
    stream = io.StringIO()
    logger = logging.getLogger("followup.test_logs")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonLines())
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("broken")
        except ValueError:
            logger.error("sync of mailbox %s failed", 7, exc_info=True, extra={"job": 42, "queue": "mail"})
    finally:
        logger.removeHandler(handler)
    record = json.loads(stream.getvalue())
    assert record["message"] == "sync of mailbox 7 failed"
    assert record["level"] == "error"
    assert (record["job"], record["queue"]) == (42, "mail")
    assert "ValueError: broken" in record["exception"]
    assert "path" not in record


def test_text_changes_nothing_and_an_unknown_format_is_refused():
    before = list(logging.getLogger().handlers)
    assert logs.configure("text") is False
    assert logging.getLogger().handlers == before
    with pytest.raises(ValueError, match="choose one of text, json"):
        logs.configure("xml")
