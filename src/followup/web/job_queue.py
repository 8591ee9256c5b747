"""The workers' queue as a hosted installation's web app uses it: Send and "Check mail now" are
handed to the workers (`followup.app.queued_mail`) rather than done in the web process."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from starlette.requests import Request

from followup.web.app import web_state

if TYPE_CHECKING:
    from followup.app.job_queue import JobQueue


def handed_to_workers(request: Request) -> bool:
    """Whether mail is the workers' job here: a hosted installation on PostgreSQL, where they run
    (`followup worker`). Elsewhere the web process sends and reads mail itself, as it always has."""
    state = web_state(request)
    return state.hosted and not isinstance(state.env.conn, sqlite3.Connection)


def job_queue(request: Request) -> JobQueue:
    """The web process's handle on the queue, made on first use (most requests queue nothing)."""
    jobs: JobQueue | None = getattr(request.app.state, "job_queue", None)
    if jobs is None:
        from followup.app.job_queue import JobQueue

        jobs = request.app.state.job_queue = JobQueue(web_state(request).env.db_path)
    return jobs
