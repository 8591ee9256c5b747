"""The 'keep searching' nudge, which looks at all applications rather than one.

Kept apart from the per-application rules so that the agenda can evaluate it
without loading them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from followup.domain.calendar import add_days
from followup.domain.ids import action_id
from followup.domain.settings import Settings


# Named tuples, not frozen dataclasses: every agenda run imports this module, and creating
# a dataclass costs several times as much (its methods are compiled with exec).
class PipelineSummary(NamedTuple):
    """What the nudge needs to know about all of a user's applications."""

    active: int
    last_added_at: datetime | None
    last_closed_at: datetime | None
    started_at: datetime
    last_acknowledged_at: datetime | None = None


class Nudge(NamedTuple):
    id: str
    due: datetime
    reason: str


def added_at(created_at: datetime | None, applied_on: date | None, tz: tzinfo) -> datetime | None:
    """When the user last added an application, for the nudge: an application counts as added
    when it is applied to, so one moved off the wishlist counts from the day it was applied
    (the start of that day in the user's zone), not from the day it was saved."""
    applied = datetime.combine(applied_on, time(0), tz) if applied_on is not None else None
    moments = [m for m in (created_at, applied) if m is not None]
    return max(moments) if moments else None


def keep_searching_id(due: datetime) -> str:
    # A new id whenever the moment moves, so an acknowledged nudge can come back later.
    return action_id("keep_searching", due.date().isoformat())


def keep_searching_nudge(summary: PipelineSummary, settings: Settings, tz: tzinfo) -> Nudge | None:
    """Apply for more when few applications are active, or none was added for a while.

    Days are counted in the user's zone `tz`, so the nudge keeps its clock time across DST.
    """
    wanted = settings.active_applications_wanted
    idle = timedelta(days=settings.timings.keep_searching_idle_days)
    candidates: list[tuple[datetime, str]] = []
    if summary.active < wanted:
        # The pipeline thinned out when an application last closed (or was last added
        # while still short); before any application exists, from the start.
        changes = [d for d in (summary.last_closed_at, summary.last_added_at) if d is not None]
        since = max(changes) if changes else summary.started_at
        if summary.active == 0:
            count = "No application is"
        elif summary.active == 1:
            count = "Only 1 application is"
        else:
            count = f"Only {summary.active} applications are"
        candidates.append(
            (
                since,
                f"{count} active: apply for more so that your search never hangs on one answer (you want {wanted}).",
            )
        )
    if summary.last_added_at is not None:
        candidates.append(
            (
                add_days(summary.last_added_at.astimezone(tz), idle.days),
                f"You have not added an application in {idle.days} days: keep applying while you wait for answers.",
            )
        )
    if not candidates:
        return None
    due, reason = min(candidates)
    if summary.last_acknowledged_at is not None:
        due = max(due, add_days(summary.last_acknowledged_at.astimezone(tz), idle.days))
    # In the user's zone, so that the id names the user's day.
    due = due.astimezone(tz)
    return Nudge(keep_searching_id(due), due, reason)
