"""The calendar feed: interviews and the follow-ups that are due, as iCalendar events.

One function, `feed()`, makes the text for both `/calendar.ics` and
`followup export --format ics`. Every event has a UID derived from what it is
about (`interview-12@followup`, `action-<id>@followup`), so a calendar app that
reloads the feed updates its copy instead of adding a second one. When an
event's content changes, its SEQUENCE goes up and its LAST-MODIFIED moves to
that moment (kept in a small ledger; see `store.calendar_feed`); an unchanged
feed comes out byte for byte the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo

from followup.app.agenda import AgendaItem, agenda
from followup.app.context import Env
from followup.domain.labels import action_title, long_day
from followup.errors import InvalidInput
from followup.store import calendar_feed as feed_store
from followup.store.calendar_feed import InterviewRow, Revision
from followup.store.db import transaction
from followup.transfer.ical import Alarm, Calendar, Event, calendar_text

FEED_DAYS = 60
MAX_DAYS = 3660
ACTION_LENGTH = timedelta(minutes=30)
INTERVIEW_REMINDER = timedelta(hours=1)
# Forget the revision of an event gone from the feed for this long (it will not come back).
LEDGER_KEEP = timedelta(days=180)
CALENDAR = Calendar(
    name="followup",
    description="Your interviews and the follow-ups that are due, from followup.",
)
CLOSED = frozenset({"rejected", "withdrawn", "closed_no_response"})
INTERVIEW_KINDS = {
    "phone": "Phone interview",
    "video": "Video interview",
    "onsite": "On-site interview",
    "panel": "Panel interview",
    "technical": "Technical interview",
    "other": "Interview",
}
LOCATIONS = {"phone": "Phone call", "video": "Video call"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Feed:
    text: str
    interviews: int
    actions: int

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return f"{count(self.interviews, 'interview')} and {count(self.actions, 'follow-up')}"


def interview_uid(interview_id: int) -> str:
    return f"interview-{interview_id}@followup"


def action_uid(action_id: str) -> str:
    return f"action-{action_id}@followup"


def _moment(value: datetime, tz: tzinfo) -> str:
    local = value.astimezone(tz)
    return f"{long_day(local)}, {local:%H:%M}"


def interview_event(row: InterviewRow, tz: tzinfo, link_base: str | None = None) -> Event:
    """An interview as a calendar event, with a reminder an hour before it."""
    what = f"{row.role} at {row.company}" + (f" (round {row.round})" if row.round > 1 else "")
    cancelled = row.status in CLOSED and row.closed_at is not None and row.closed_at <= row.starts_at
    lines = [INTERVIEW_KINDS.get(row.kind, "Interview") + (f", round {row.round}" if row.round > 1 else "")]
    if row.participants:
        lines.append("With: " + ", ".join(f"{name} ({title})" if title else name for name, title in row.participants))
    if row.next_steps:
        lines.append(f"Next steps: {row.next_steps}")
    if row.timeline_text:
        lines.append(f"Their timeline: {row.timeline_text}")
    if row.decision_date:
        lines.append(f"Decision expected by: {long_day(row.decision_date)}")
    if row.main_points:
        lines.append(f"Main points: {row.main_points}")
    if cancelled:
        lines.append("The application is closed, so this interview is not going ahead.")
    start = row.starts_at.astimezone(UTC)
    return Event(
        uid=interview_uid(row.id),
        start=start,
        end=start + timedelta(minutes=row.minutes),
        summary=("Interview (cancelled): " if cancelled else "Interview: ") + what,
        stamp=_EPOCH,
        description="\n".join(lines),
        location=LOCATIONS.get(row.kind),
        categories=("Interview",),
        url=f"{link_base}/applications/{row.application_id}" if link_base else None,
        created=row.recorded_at.astimezone(UTC) if row.recorded_at else None,
        cancelled=cancelled,
        alarms=(Alarm(f"In an hour: interview for {what}", INTERVIEW_REMINDER),),
    )


def action_summary(item: AgendaItem) -> str:
    title = action_title(item.kind, item.channel)
    if item.contact and item.company:
        return f"{title}: {item.contact} ({item.company})"
    if item.company:
        return f"{title}: {item.role} at {item.company}"
    return title


def action_event(item: AgendaItem, tz: tzinfo, link_base: str | None = None) -> Event:
    """A due follow-up as a short event that alerts when it is due, saying why."""
    lines = [item.reason]
    if item.deadline is not None:
        lines.append(f"Do it by: {_moment(item.deadline, tz)}")
    if item.company:
        lines.append(f"Application: {item.role} at {item.company}")
    if item.contact:
        lines.append(f"Contact: {item.contact}")
    start = item.due.astimezone(UTC)
    summary = action_summary(item)
    url = None
    if link_base:
        url = f"{link_base}/applications/{item.application_id}" if item.application_id else f"{link_base}/"
    return Event(
        uid=action_uid(item.id),
        start=start,
        end=start + ACTION_LENGTH,
        summary=summary,
        stamp=_EPOCH,
        description="\n".join(lines),
        categories=("Follow-up",),
        url=url,
        transparent=True,
        alarms=(Alarm(summary),),
    )


def fingerprint(event: Event) -> str:
    """What the event says, without its revision stamps (and the link, which depends on who asks)."""
    bare = replace(event, stamp=_EPOCH, sequence=0, created=None, url=None)
    return hashlib.blake2b(repr(bare).encode(), digest_size=12).hexdigest()


def revise(
    events: Iterable[Event], ledger: dict[str, Revision], now: datetime
) -> tuple[list[Event], dict[str, Revision], list[str]]:
    """Stamp each event with its revision: (events, ledger entries to write, UIDs to forget).

    New events start at SEQUENCE 0; a changed one gets the next number and
    `now` as its LAST-MODIFIED; an unchanged one keeps both.
    """
    stamped, changed = [], {}
    for event in events:
        mark = fingerprint(event)
        known = ledger.get(event.uid)
        if known is None or known.fingerprint != mark:
            known = Revision(mark, 0 if known is None else known.sequence + 1, now)
            changed[event.uid] = known
        created = min(event.created, known.changed_at) if event.created else None
        stamped.append(replace(event, sequence=known.sequence, stamp=known.changed_at, created=created))
    present = {event.uid for event in stamped}
    forget = [uid for uid, r in ledger.items() if uid not in present and r.changed_at < now - LEDGER_KEEP]
    return stamped, changed, forget


def feed(env: Env, days: int = FEED_DAYS, link_base: str | None = None) -> Feed:
    """Every interview, and the follow-ups due within `days` (overdue ones included)."""
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput(
            f"--days {days} is out of range", hint=f"Use a number of days from 0 to {MAX_DAYS}, e.g. --days 60."
        )
    now = env.now()
    items = agenda(env, days)
    rows = feed_store.interviews(env.store)
    events = [interview_event(row, env.tz, link_base) for row in rows]
    events += [action_event(item, env.tz, link_base) for item in items]
    events.sort(key=lambda event: (event.start, event.uid))
    with transaction(env.conn):
        events, changed, forget = revise(events, feed_store.revisions(env.store), now)
        if changed or forget:
            feed_store.save_revisions(env.store, changed, forget)
    return Feed(calendar_text(CALENDAR, events), len(rows), len(items))
