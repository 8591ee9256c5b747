"""How the long-running processes (`followup serve`, `followup worker`) write their logs: `--log-format`.

"text" leaves logging as it was (a terminal's reader). "json" writes one JSON object a line
on standard error, for journald, Docker or a log collector: `time` (UTC, milliseconds),
`level`, `logger`, `message`, and for a web request `method`, `path` (without its query,
which may hold a token), `status` and `duration_ms`; an error's traceback as `exception`.

What goes into a log is what the code chose to log: never a password, a token, a key or a
message's text (the rule for every log call, see mail/secrets.py); this module adds nothing
of a request but its method, path, status and duration.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOG_FORMATS = ("text", "json")
# The fields a log call may add with `extra=`, written after the standard ones.
EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "job", "queue", "worker")


class JsonLines(logging.Formatter):
    """A log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in EXTRA_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(log_format: str, *, level: int = logging.INFO, stream: TextIO | None = None) -> bool:
    """Set up the root logger for `log_format`; whether it was set up ("text" changes nothing)."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format {log_format!r}: choose one of {', '.join(LOG_FORMATS)}")
    if log_format == "text":
        return False
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Uvicorn's own loggers send their lines to the root's handler, in the same form.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    return True
