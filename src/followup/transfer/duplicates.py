"""When a row of a file is an application followup has already: the same posting, or the same job.

Two applications are the same when they have the same posting link (case,
spaces and a final slash do not count), or the same company, role and date of
applying (case and spacing do not count; two without a date are the same
date). Imports leave such a row out, or update the application with it, so
that importing a file twice adds nothing.
"""

from __future__ import annotations

from datetime import date

SAME_POSTING = "the same posting link"
SAME_JOB = "the same company, role and date"


def posting_key(url: str) -> str:
    """A posting link as duplicates are compared: case, spaces and a final slash do not count."""
    return "".join(url.split()).casefold().rstrip("/")


def application_keys(company: str, role: str, applied_on: date | None, job_url: str | None) -> list[tuple[str, object]]:
    """(why, key) for each way an application can be the same as another, the surest first."""
    same_job: tuple[str, object] = (SAME_JOB, (_same(company), _same(role), applied_on))
    if job_url:
        return [(SAME_POSTING, ("link", posting_key(job_url))), same_job]
    return [same_job]


def _same(text: str) -> str:
    return " ".join(text.casefold().split())
