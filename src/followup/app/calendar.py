"""The calendar feed: interviews and the follow-ups that are due, as iCalendar events.

One function, `feed()`, makes the text for both `/calendar.ics` and
`followup export --format ics`. Every event has a UID derived from what it is
about (`interview-12@followup`, `action-<id>@followup`), so a calendar app that
reloads the feed updates its copy instead of adding a second one. When an
event's content changes, its SEQUENCE goes up and its LAST-MODIFIED moves to
that moment (kept in a small ledger; see `store.calendar_feed`); an unchanged
feed comes out byte for byte the same.

A follow-up that was done, skipped or is no longer due (and an interview that
was deleted) is not simply left out: a calendar app that imports files rather
than subscribing never deletes what a new file lacks, so it would keep a stale
event. It is sent as cancelled, under its UID with a higher SEQUENCE, for
CANCELLED_DAYS after it left; a follow-up that is still pending but further
ahead than the feed looks is neither shown nor cancelled.

An interview is written on the clock of the zone it was agreed in (a TZID),
so it stays at 10:00 Tokyo time whatever zone the calendar app is set to.
Alarms never sound inside the user's quiet hours (`domain.quiet_hours`): one
that would is moved to the moment they began, the evening before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from followup.app.agenda import AgendaItem, agenda
from followup.app.context import Env
from followup.domain.labels import action_title, long_day
from followup.domain.quiet_hours import QuietHours
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
# How long a follow-up or interview that left the feed is still sent as cancelled. Long
# enough for someone who imports the file by hand now and then, or a subscriber that was
# offline for weeks, to see the cancellation; by then the event is long past in any case.
CANCELLED_DAYS = timedelta(days=30)
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


def known_zone(name: str) -> str | None:
    """`name` when this computer knows the zone (so it can be written as a TZID), else None:
    UTC is written as UTC, and a zone unknown here as the instant it stands for."""
    if name in {"UTC", "Etc/UTC"}:
        return None
    try:
        ZoneInfo(name)
    except (ValueError, KeyError):
        return None
    return name


def alarm(start: datetime, before: timedelta, tz: tzinfo, quiet: QuietHours | None, *, usual: str, early: str) -> Alarm:
    """An alarm `before` the start saying `usual`; or, when that falls in the quiet hours, one
    when they began, saying `early` and when it starts on the user's clock."""
    sounds = quiet.latest_allowed(start - before, tz) if quiet else start - before
    if sounds == start - before:
        return Alarm(usual, before)
    return Alarm(f"{early} ({_moment(start, tz)} your time)", start - sounds)


def interview_event(
    row: InterviewRow, tz: tzinfo, link_base: str | None = None, quiet: QuietHours | None = None
) -> Event:
    """An interview as a calendar event, on its own clock, with a reminder an hour before it."""
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
        alarms=(
            alarm(
                start,
                INTERVIEW_REMINDER,
                tz,
                quiet,
                usual=f"In an hour: interview for {what}",
                early=f"Interview for {what}",
            ),
        ),
        zone=known_zone(row.timezone),
    )


def action_summary(item: AgendaItem) -> str:
    title = action_title(item.kind, item.channel)
    if item.contact and item.company:
        return f"{title}: {item.contact} ({item.company})"
    if item.company:
        return f"{title}: {item.role} at {item.company}"
    return title


def action_event(item: AgendaItem, tz: tzinfo, link_base: str | None = None, quiet: QuietHours | None = None) -> Event:
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
        alarms=(alarm(start, timedelta(0), tz, quiet, usual=summary, early=summary),),
    )


def fingerprint(event: Event) -> str:
    """What the event says, without its revision stamps (and the link, which depends on who asks)."""
    bare = replace(event, stamp=_EPOCH, sequence=0, created=None, url=None)
    said = repr(bare)
    if bare.zone is None:
        # An event in UTC reads as it did before events had a zone (the field comes last), so
        # that change alone gives no follow-up a new SEQUENCE: calendar apps see nothing move.
        said = said.removesuffix(", zone=None)") + ")"
    return hashlib.blake2b(said.encode(), digest_size=12).hexdigest()


def _published(revision: Revision, event: Event) -> Revision:
    return replace(revision, start=event.start.astimezone(UTC), end=event.end.astimezone(UTC), summary=event.summary)


def cancelled_event(uid: str, revision: Revision) -> Event | None:
    """What a calendar app needs to drop an event that left the feed (None: too little is known)."""
    if revision.start is None or revision.end is None or revision.summary is None:
        return None
    why = (
        "Removed from followup."
        if uid.startswith("interview-")
        else "No longer on your list: done, skipped, or no longer due."
    )
    return Event(
        uid=uid,
        start=revision.start,
        end=revision.end,
        summary=revision.summary,
        stamp=revision.changed_at,
        sequence=revision.sequence,
        description=why,
        transparent=True,
        cancelled=True,
    )


def revise(
    events: Iterable[Event], ledger: dict[str, Revision], now: datetime, pending: Collection[str] = frozenset()
) -> tuple[list[Event], dict[str, Revision], list[str]]:
    """Stamp each event with its revision: (events, ledger entries to write, UIDs to forget).

    New events start at SEQUENCE 0; a changed one (or one that comes back) gets the
    next number and `now` as its LAST-MODIFIED; an unchanged one keeps both. An event
    in the ledger but not in `events` is added as cancelled, with the next number, for
    CANCELLED_DAYS; except when its UID is in `pending`: still to do, only further ahead.
    """
    stamped, changed = [], {}
    for event in events:
        mark = fingerprint(event)
        known = ledger.get(event.uid)
        if known is None or known.fingerprint != mark or known.gone:
            known = _published(Revision(mark, 0 if known is None else known.sequence + 1, now), event)
            changed[event.uid] = known
        elif known.start is None:  # a ledger from before cancellations: learn what was published
            known = changed[event.uid] = _published(known, event)
        created = min(event.created, known.changed_at) if event.created else None
        stamped.append(replace(event, sequence=known.sequence, stamp=known.changed_at, created=created))
    present = {event.uid for event in stamped}
    for uid, known in ledger.items():
        if uid in present or uid in pending:
            continue
        if not known.gone:
            known = changed[uid] = replace(known, sequence=known.sequence + 1, changed_at=now, gone=True)
        cancelled = cancelled_event(uid, known)
        if cancelled is not None and known.changed_at >= now - CANCELLED_DAYS:
            stamped.append(cancelled)
    forget = [uid for uid, r in ledger.items() if uid not in present and r.changed_at < now - LEDGER_KEEP]
    return stamped, changed, forget


def _action_id(uid: str) -> str | None:
    if uid.startswith("action-") and uid.endswith("@followup"):
        return uid[len("action-") : -len("@followup")]
    return None


def feed(env: Env, days: int = FEED_DAYS, link_base: str | None = None) -> Feed:
    """Every interview, the follow-ups due within `days` (overdue ones included), and what recently left."""
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput(
            f"--days {days} is out of range", hint=f"Use a number of days from 0 to {MAX_DAYS}, e.g. --days 60."
        )
    now = env.now()
    items = agenda(env, days)
    rows = feed_store.interviews(env.store)
    quiet = env.settings.reminders.quiet_hours
    events = [interview_event(row, env.tz, link_base, quiet) for row in rows]
    events += [action_event(item, env.tz, link_base, quiet) for item in items]
    with transaction(env.conn):
        ledger = feed_store.revisions(env.store)
        present = {event.uid for event in events}
        missing = {uid: action_id for uid in ledger if uid not in present and (action_id := _action_id(uid))}
        live = feed_store.live_actions(env.store, missing.values(), now)
        pending = {uid for uid, action_id in missing.items() if action_id in live}
        events, changed, forget = revise(events, ledger, now, pending)
        if changed or forget:
            feed_store.save_revisions(env.store, changed, forget)
    events.sort(key=lambda event: (event.start, event.uid))
    return Feed(calendar_text(CALENDAR, events), len(rows), len(items))
