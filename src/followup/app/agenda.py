"""The agenda: what to do now and soon, read from the stored plan.

This is the hot path (`followup agenda`, the Today page), so it imports no
playbook rules and no write-side code: it checks the stored plan is current,
runs one indexed query, and evaluates the pipeline nudge.

The Today page reads it by day (`by_day`): overdue, due today, coming up. Only the
items it shows are read in full and become `AgendaItem`s; the rest are only grouped
and counted, by their times as stored (UTC text, which sorts like the instants).

When the user says they did something or puts it off, the moment they mean is worked
out here (`done_at`, `snooze_until`), for the Today page and the draft page alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple

from followup.app.context import Env
from followup.app.plan import ensure_fresh
from followup.domain.labels import short_day
from followup.domain.pipeline import Nudge, PipelineSummary, added_at, keep_searching_nudge
from followup.errors import InvalidInput
from followup.store import actions as action_store
from followup.store.convert import instant, instant_or_none, iso

KEEP_SEARCHING = "keep_searching"
# By day, as the Today page groups them: what becomes due later today counts as today's.
OVERDUE, TODAY, UPCOMING = "overdue", "today", "upcoming"
DAYS = (OVERDUE, TODAY, UPCOMING)
# By status, as `status_at` names them and the command line shows them.
STATUSES = ("overdue", "due", "upcoming")
CALL_OUTCOMES = ("reached", "voicemail", "no_answer", "evasive")  # what a call can end with, as the user says
MORNING = time(9, 0)  # snoozed actions come back at the start of a working day


# Named tuples, not frozen dataclasses: every agenda run imports this module, and creating
# a dataclass costs several times as much (its methods are compiled with exec).
class AgendaItem(NamedTuple):
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
        last_added_at=added_at(added, action_store.last_applied_on(env.store), env.tz),
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


def has_followed_up(env: Env) -> bool:
    """Whether the user ever followed up on anything: until then, an empty agenda is not "every follow-up is sent"."""
    return action_store.has_sent_follow_up(env.store)


class ByDay(NamedTuple):
    """The agenda grouped by day: the first items of each group, how many each has, and the nudge apart."""

    items: dict[str, list[AgendaItem]]  # OVERDUE, TODAY, UPCOMING -> the first `first` (all, for those `in_full`)
    totals: dict[str, int]
    nudge: AgendaItem | None


def _window(env: Env, days: int) -> tuple[datetime, datetime, str]:
    """The agenda's now and end, its plans brought up to date, and the stored instant before which a
    deadline is overdue: stored instants are whole seconds, so "deadline < now" is "deadline < now
    rounded up to a second"."""
    if days < 0:
        raise InvalidInput("--days cannot be negative", hint="Use --days 0 for what is due now.")
    ensure_fresh(env)
    now = env.now()
    return now, now + timedelta(days=days), iso(now + timedelta(microseconds=-now.microsecond % 1_000_000))


def by_day(env: Env, days: int = 7, *, first: int, in_full: Collection[str] = ()) -> ByDay:
    """`agenda(env, days)` grouped by day, with `AgendaItem`s only for the first `first` of each group."""
    now, until, overdue_before = _window(env, days)
    tz = env.tz
    tomorrow = iso(datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=tz))
    grouped: dict[str, list[str]] = {key: [] for key in DAYS}
    for action_id, due, deadline in action_store.agenda_times(env.store, now, until):
        if deadline is not None and deadline < overdue_before:
            grouped[OVERDUE].append(action_id)
        elif due < tomorrow:  # due now, or later today
            grouped[TODAY].append(action_id)
        else:
            grouped[UPCOMING].append(action_id)
    shown = {key: ids if key in in_full else ids[:first] for key, ids in grouped.items()}
    rows = action_store.pending_by_id(env.store, [action_id for ids in shown.values() for action_id in ids])
    items = {key: [item_from_row(env, rows[action_id], now, tz) for action_id in ids] for key, ids in shown.items()}
    nudge = keep_searching(env)
    in_reach = item_from_nudge(env, nudge) if nudge is not None and nudge.due <= until else None
    return ByDay(items, {key: len(ids) for key, ids in grouped.items()}, in_reach)


class ByStatus(NamedTuple):
    """The agenda grouped by status: the first items of each, the nudge in its place, and how many each has."""

    items: dict[str, list[AgendaItem]]  # "overdue", "due", "upcoming" -> the first `first` (all, for None)
    totals: dict[str, int]


def by_status(env: Env, days: int = 7, *, first: int | None) -> ByStatus:
    """`agenda(env, days)` grouped by status, as the command line pages it.

    With `first`, only the items shown are read in full and become `AgendaItem`s; the rest
    are only counted, by their times as stored (an agenda of hundreds of actions shows 25 of
    each status)."""
    if first is None:
        everything = agenda(env, days)
        grouped = {status: [item for item in everything if item.status == status] for status in STATUSES}
        return ByStatus(grouped, {status: len(items) for status, items in grouped.items()})
    now, until, overdue_before = _window(env, days)
    tz = env.tz
    # "due <= now" is "due <= now rounded down", which is what `iso` writes (as `status_at` decides).
    due_by = iso(now)
    times: dict[str, list[tuple[str, str]]] = {status: [] for status in STATUSES}
    for action_id, due, deadline in action_store.agenda_times(env.store, now, until):
        if deadline is not None and deadline < overdue_before:
            times["overdue"].append((action_id, due))
        elif due <= due_by:
            times["due"].append((action_id, due))
        else:
            times["upcoming"].append((action_id, due))
    totals = {status: len(rows) for status, rows in times.items()}
    shown: dict[str, list[str | AgendaItem]] = {
        status: [action_id for action_id, _ in rows[:first]] for status, rows in times.items()
    }
    nudge = keep_searching(env)
    if nudge is not None and nudge.due <= until:
        # In its place among its status's actions, ordered as `agenda` orders them: by (due, id).
        item = item_from_nudge(env, nudge)
        at = bisect.bisect_right(times[item.status], (item.due, item.id), key=lambda row: (instant(row[1]), row[0]))
        totals[item.status] += 1
        if at < first:
            shown[item.status].insert(at, item)
            del shown[item.status][first:]
    rows = action_store.pending_by_id(
        env.store, [ref for refs in shown.values() for ref in refs if isinstance(ref, str)]
    )
    items = {
        status: [
            ref if isinstance(ref, AgendaItem) else item_from_row(env, rows[ref], now, tz)
            for ref in refs
            if not isinstance(ref, str) or ref in rows  # an action done meanwhile, in another window
        ]
        for status, refs in shown.items()
    }
    return ByStatus(items, totals)


def next_after(env: Env, days: int) -> AgendaItem | None:
    """The first stored action due within `days` (the nudge aside): what comes next when nothing is due."""
    now = env.now()
    rows = action_store.agenda(env.store, now, now + timedelta(days=days))
    return item_from_row(env, rows[0], now) if rows else None


def decided(env: Env, action_id: str) -> tuple[str, str, str] | None:
    """(id, kind, state) of an action the user just decided about; None if it is pending again (or unknown)."""
    ref = action_id.strip().lower()
    found = action_store.find_decided(env.store, ref) if len(ref) >= 4 else []
    if len(found) != 1:
        return None
    found_id, kind, _app_id, state = found[0]
    return found_id, kind, state


# -- when the user says they did it, or puts it off ------------------------------------------


def next_monday(day: date) -> date:
    """The Monday after `day` (a week later when `day` is a Monday)."""
    return day + timedelta(days=7 - day.weekday())


def snooze_until(choice: str, day: date | None, now: datetime) -> datetime:
    """When a snoozed action comes back: at the start of the chosen day."""
    today_ = now.date()
    if choice == "tomorrow":
        target = today_ + timedelta(days=1)
    elif choice == "monday":
        target = next_monday(today_)
    elif choice == "week":
        target = today_ + timedelta(days=7)
    elif choice == "date":
        if day is None:
            raise InvalidInput("pick the day it should come back", where="Snooze until", hint="Choose a date.")
        if day <= today_:
            raise InvalidInput(
                f"{short_day(day)} is not after today",
                where="Snooze until",
                hint="Pick a day from tomorrow on.",
            )
        target = day
    else:
        raise InvalidInput(f"unknown snooze choice {choice!r}", hint="Use tomorrow, next Monday, a week or a date.")
    return datetime.combine(target, MORNING, tzinfo=now.tzinfo)


def done_at(day: date | None, now: datetime, due: datetime) -> datetime:
    """When the user did it: now for today, else that day (at this time of day, never before it was due)."""
    if day is None or day == now.date():
        return now
    if day > now.date():
        raise InvalidInput(
            f"{short_day(day)} is in the future",
            where="Done on",
            hint="Mark it done once you have done it; pick today or an earlier day.",
        )
    moment = datetime.combine(day, now.timetz())
    if moment < due and due.astimezone(now.tzinfo).date() == day:
        moment = due
    return min(moment, now)
