"""The Insights use case: read the whole history once and hand it to the pure figures."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from followup.app.context import Env
from followup.domain.insights import WEEKS, ApplicationFacts, Insights, InterviewFact, MessageFact, Party, summarize
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction, Outcome, TouchpointKind
from followup.store import insights as insight_store
from followup.store.insights import ApplicationRow, TouchpointRow


def started_at(row: ApplicationRow, tz: tzinfo) -> datetime:
    """When the user applied: the day they gave (at noon) if it is before they added the application."""
    if row.applied_on is not None and row.applied_on < row.created_at.astimezone(tz).date():
        return datetime.combine(row.applied_on, time(12), tzinfo=tz)
    return row.created_at


def _kind(value: str) -> TouchpointKind:
    try:
        return TouchpointKind(value)
    except ValueError:
        return TouchpointKind.OTHER


def _outcome(value: str | None) -> Outcome | None:
    try:
        return Outcome(value) if value else None
    except ValueError:
        return None


def party(row: TouchpointRow, recruiter_id: int | None) -> Party:
    """Who was on the other end: a reference, the recruiter the user applied through, or the employer
    (anyone else, or nobody noted: an in-house recruiter speaks for the employer)."""
    if row.contact_role == ContactRole.REFERENCE.value:
        return Party.REFERENCE
    if row.contact_id is not None and row.contact_id == recruiter_id:
        return Party.OWN_RECRUITER
    return Party.EMPLOYER


def facts(env: Env) -> list[ApplicationFacts]:
    tz = env.tz
    rows = insight_store.applications(env.store)
    recruiters = {row.id: row.recruiter_id for row in rows}
    interviews: dict[int, list[InterviewFact]] = {}
    for i in insight_store.interviews(env.store):
        ends = i.starts_at + timedelta(minutes=i.minutes)
        interviews.setdefault(i.application_id, []).append(InterviewFact(i.starts_at, ends, i.recorded_at))
    messages: dict[int, list[MessageFact]] = {}
    for t in insight_store.touchpoints(env.store):
        fact = MessageFact(
            t.occurred_at,
            Direction(t.direction),
            Channel(t.channel),
            _kind(t.kind),
            _outcome(t.outcome),
            party(t, recruiters.get(t.application_id)),
        )
        messages.setdefault(t.application_id, []).append(fact)
    return [
        ApplicationFacts(
            started_at=started_at(row, tz),
            status=ApplicationStatus(row.status),
            closed_at=row.closed_at,
            interviews=tuple(interviews.get(row.id, ())),
            messages=tuple(messages.get(row.id, ())),
            undated_interview=row.undated_interview,
        )
        for row in rows
    ]


def insights(env: Env, weeks: int = WEEKS) -> Insights:
    """The figures as they stand now."""
    return summarize(facts(env), env.now(), weeks)
