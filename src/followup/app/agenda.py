"""The agenda: what to do now and soon, read from the stored plan.

This is the hot path (`followup agenda`, the Today page), so it imports no
playbook rules and no write-side code: it checks the stored plan is current,
runs one indexed query, and evaluates the pipeline nudge.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from followup.app.context import Env
from followup.app.plan import ensure_fresh
from followup.domain.pipeline import Nudge, PipelineSummary, keep_searching_nudge
from followup.errors import InvalidInput
from followup.store import actions as action_store
from followup.store.convert import instant, instant_or_none

KEEP_SEARCHING = "keep_searching"


@dataclass(frozen=True)
class AgendaItem:
    id: str
    kind: str
    application_id: int | None
    company: str | None
    role: str | None
    contact: str | None
    channel: str | None
    due: datetime
    deadline: datetime | None
    status: str
    reason: str
    contact_id: int | None = None
    interview_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The public `agenda --json` shape; keep it stable."""
        return {
            "id": self.id,
            "kind": self.kind,
            "application_id": self.application_id,
            "company": self.company,
            "role": self.role,
            "contact": self.contact,
            "channel": self.channel,
            "due": self.due.isoformat(timespec="seconds"),
            "deadline": self.deadline.isoformat(timespec="seconds") if self.deadline else None,
            "status": self.status,
            "reason": self.reason,
        }


def status_at(due: datetime, deadline: datetime | None, now: datetime) -> str:
    if deadline is not None and now > deadline:
        return "overdue"
    return "due" if due <= now else "upcoming"


def item_from_row(
    env: Env, row: action_store.PendingRow, now: datetime | None = None, tz: tzinfo | None = None
) -> AgendaItem:
    # `now` and `tz` can be passed in so that a long agenda does not redo them per row.
    now = now or env.now()
    tz = tz or env.tz
    due = instant(row.due).astimezone(tz)
    deadline = instant_or_none(row.deadline)
    deadline = deadline.astimezone(tz) if deadline else None
    return AgendaItem(
        row.id, row.kind, row.application_id, row.company, row.role, row.contact, row.channel,
        due, deadline, status_at(due, deadline, now), row.reason, row.contact_id, row.interview_id,
    )  # fmt: skip


def item_from_nudge(env: Env, nudge: Nudge) -> AgendaItem:
    due = nudge.due.astimezone(env.tz)
    return AgendaItem(
        nudge.id, KEEP_SEARCHING, None, None, None, None, None, due, None, status_at(due, None, env.now()), nudge.reason
    )


def keep_searching(env: Env) -> Nudge | None:
    """The pipeline nudge as it stands now, with the user's snooze or dismissal applied."""
    active, added, closed, started = action_store.pipeline_counts(env.store)
    summary = PipelineSummary(
        active=active,
        last_added_at=added,
        last_closed_at=closed,
        started_at=started,
        last_acknowledged_at=action_store.last_acknowledged(env.store, KEEP_SEARCHING),
    )
    nudge = keep_searching_nudge(summary, env.settings, env.tz)
    if nudge is None:
        return None
    decided = action_store.snooze_until(env.store, nudge.id)
    if decided is None:
        return nudge
    state, until = decided
    if state != "snoozed":
        return None
    return Nudge(nudge.id, until, nudge.reason) if until is not None and until > nudge.due else nudge


def agenda(env: Env, days: int = 7) -> list[AgendaItem]:
    """Overdue, due and upcoming (within `days`) actions, earliest first."""
    if days < 0:
        raise InvalidInput("--days cannot be negative", hint="Use --days 0 for what is due now.")
    ensure_fresh(env)
    now = env.now()
    tz = env.tz
    until = now + timedelta(days=days)
    items = [item_from_row(env, row, now, tz) for row in action_store.agenda(env.store, now, until)]
    nudge = keep_searching(env)
    if nudge is not None and nudge.due <= until:
        bisect.insort(items, item_from_nudge(env, nudge), key=lambda item: (item.due, item.id))
    return items


def has_applications(env: Env) -> bool:
    """Whether anything is recorded yet: on a first run an empty agenda gives way to a welcome."""
    return action_store.has_applications(env.store)
