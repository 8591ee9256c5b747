"""`/readyz` and `/metrics`: for the operator's load balancer and Prometheus, not for people.

`/healthz` (in `app.py`) says the process answers; `/readyz` says it can serve: 200 when the
database answers at the current schema, else 503 with what is wrong. Both are public
(`security.PUBLIC_PREFIXES`): they say nothing about anyone.

`/metrics` is the Prometheus text exposition format (version 0.0.4), written here by hand: a
few gauges need no client library. It exists only when FOLLOWUP_METRICS_TOKEN is set (404
otherwise) and answers only `Authorization: Bearer <that token>`. Its figures are the whole
installation's counts and ages (`app/operations.py`), never a person's.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from followup.app import operations
from followup.web.app import web_state

router = APIRouter(include_in_schema=False)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@router.get("/readyz")
async def readyz(request: Request) -> Response:
    found = operations.readiness(web_state(request).env)
    if found.ready:
        body: dict[str, object] = {"status": "ready", "schema": found.schema}
        if found.warnings:
            body["warnings"] = found.warnings
        return JSONResponse(body)
    return JSONResponse({"status": "not ready", "schema": found.schema, "problems": found.problems}, status_code=503)


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    token = operations.metrics_token()
    if token is None:
        return Response("Not Found", status_code=404, media_type="text/plain")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode("utf-8"), f"Bearer {token}".encode()):
        return Response(
            "Send the metrics token as `Authorization: Bearer ...` (FOLLOWUP_METRICS_TOKEN).",
            status_code=401,
            media_type="text/plain",
            headers={"www-authenticate": "Bearer"},
        )
    return Response(exposition(operations.figures(web_state(request).env)), media_type=CONTENT_TYPE)


def exposition(figures: operations.Figures) -> str:
    lines: list[str] = []

    def gauge(name: str, help_text: str, samples: list[tuple[dict[str, str], float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} gauge")
        for labels, value in samples:
            shown = ",".join(f'{key}="{_escaped(text)}"' for key, text in labels.items())
            lines.append(f"{name}{{{shown}}} {_number(value)}" if shown else f"{name} {_number(value)}")

    gauge("followup_schema_version", "The schema version of the database.", [({}, figures.schema)])
    if figures.jobs is not None:
        states = {"todo": "queued", "doing": "running", "failed": "failed"}
        gauge(
            "followup_jobs",
            "Jobs in the queue by queue and state (queued, running, failed).",
            [({"queue": queue, "state": states[status]}, count) for queue, status, count in figures.jobs],
        )
    gauge("followup_mailboxes", "Mailboxes that are synced.", [({}, figures.mailboxes)])
    gauge(
        "followup_mailboxes_never_synced",
        "Mailboxes not yet read up to date once.",
        [({}, figures.mailboxes_never_read)],
    )
    if figures.oldest_read_age is not None:
        gauge(
            "followup_mail_sync_lag_seconds",
            "Seconds since the least recently synced mailbox was last read up to date.",
            [({}, figures.oldest_read_age)],
        )
    gauge(
        "followup_outbox_messages",
        "Messages in the outbox by state; state failed counts the sends that failed.",
        [({"state": state}, count) for state, count in sorted(figures.outbox.items())],
    )
    gauge(
        "followup_accounts",
        "Accounts by role, active or disabled.",
        [({"role": role, "state": "disabled" if off else "active"}, count) for role, off, count in figures.accounts],
    )
    return "\n".join(lines) + "\n"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
