"""The Today page's use case: the agenda in sections, each item with its timing in plain words.

Grouped as `followup agenda` groups it (overdue, due, coming up), except that what
becomes due later today counts as today's: the page is read in the morning and
answers "what do I do today". Each section shows a page of 25 (like the CLI), the
rest behind "show all". The keep-searching nudge is kept apart from the list.

The timing, snooze and done-date helpers are pure (the clock is passed in).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from followup.app.agenda import KEEP_SEARCHING, AgendaItem
from followup.app.context import Env
from followup.domain.labels import action_title
from followup.drafting.facts import drafts_for_action
from followup.errors import InvalidInput

PAGE = 25
MAX_DAYS = 60
SECTIONS = (("overdue", "Overdue"), ("today", "Due today"), ("upcoming", "Coming up"))
SNOOZE_CHOICES = ("tomorrow", "monday", "week", "date")
MORNING = time(9, 0)  # snoozed actions come back at the start of a working day
OUTCOMES = (
    ("reached", "I reached them"),
    ("voicemail", "I left a voicemail"),
    ("no_answer", "Nobody answered"),
    ("evasive", "They would not say"),
)


@dataclass(frozen=True)
class Timing:
    """When an item is due, as a short label (shown in a badge) and a longer detail."""

    label: str
    detail: str
    status: str  # 'overdue', 'due' or 'upcoming': the badge's look, never its only signal
    at: datetime | None = None  # the moment `detail` speaks of


@dataclass(frozen=True)
class Row:
    """One agenda item as the page shows it."""

    item: AgendaItem
    title: str
    timing: Timing
    draft_url: str | None  # the draft view, when the action has something to write
    link: tuple[str, str] | None  # (label, url) of the next best place when there is no draft
    done_label: str
    is_call: bool

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def is_nudge(self) -> bool:
        return self.item.kind == KEEP_SEARCHING


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    rows: tuple[Row, ...]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class TodayView:
    now: datetime
    days: int
    sections: tuple[Section, ...]
    nudge: Row | None
    has_applications: bool
    later: Row | None  # the next action beyond the horizon, when nothing is on the list

    def count(self, key: str) -> int:
        return next((s.total for s in self.sections if s.key == key), 0)

    @property
    def caught_up(self) -> bool:
        """Nothing overdue and nothing due today."""
        return self.count("overdue") == 0 and self.count("today") == 0

    @property
    def empty(self) -> bool:
        return all(s.total == 0 for s in self.sections)


def check_days(days: int) -> int:
    if not 0 <= days <= MAX_DAYS:
        raise InvalidInput(
            f"cannot look {days} days ahead",
            where="days",
            hint=f"Choose between 0 and {MAX_DAYS} days.",
        )
    return days


def today(env: Env, *, days: int = 7, show_all: Collection[str] = (), page: int = PAGE) -> TodayView:
    """What to do, grouped and paged; `show_all` names the sections shown in full."""
    from followup.app.agenda import agenda
    from followup.store.actions import has_applications

    check_days(days)
    now = env.now()
    items = agenda(env, days=days)
    nudge = next((i for i in items if i.kind == KEEP_SEARCHING), None)
    grouped: dict[str, list[AgendaItem]] = {key: [] for key, _ in SECTIONS}
    for item in items:
        if item is not nudge:
            grouped[section_of(item, now)].append(item)
    sections = tuple(
        Section(
            key,
            heading,
            tuple(row(i, now) for i in (grouped[key] if key in show_all else grouped[key][:page])),
            len(grouped[key]),
        )
        for key, heading in SECTIONS
    )
    later = None
    if all(not group for group in grouped.values()):
        beyond = [i for i in agenda(env, days=MAX_DAYS * 6) if i.kind != KEEP_SEARCHING]
        later = row(beyond[0], now) if beyond else None
    return TodayView(
        now=now,
        days=days,
        sections=sections,
        nudge=row(nudge, now) if nudge else None,
        has_applications=has_applications(env.store),
        later=later,
    )


def section_of(item: AgendaItem, now: datetime) -> str:
    if item.status == "overdue":
        return "overdue"
    if item.status == "due" or item.due.astimezone(now.tzinfo).date() <= now.date():
        return "today"
    return "upcoming"


def row(item: AgendaItem, now: datetime) -> Row:
    drafts = drafts_for_action(item.kind, item.channel) if item.application_id is not None else ()
    link: tuple[str, str] | None = None
    if not drafts:
        if item.kind == KEEP_SEARCHING:
            link = ("Add an application", "/applications/new")
        elif item.kind == "capture_details" and item.application_id is not None:
            link = ("Fill in the details", f"/applications/{item.application_id}")
        elif item.application_id is not None:
            link = ("Open the application", f"/applications/{item.application_id}")
    done_label = {"move_on": "Close the application", KEEP_SEARCHING: "I applied somewhere"}.get(item.kind, "Mark done")
    return Row(
        item=item,
        title=action_title(item.kind, item.channel),
        timing=timing(item.status, item.due, item.deadline, now),
        draft_url=f"/drafts/{item.id}" if drafts else None,
        link=link,
        done_label=done_label,
        is_call=item.channel == "phone",
    )


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def _day(moment: date) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def timing(status: str, due: datetime, deadline: datetime | None, now: datetime) -> Timing:
    """'2 days overdue', 'today' or 'in 3 days', with the moment it refers to."""
    tz = now.tzinfo
    today_ = now.date()
    due = due.astimezone(tz)
    deadline = deadline.astimezone(tz) if deadline is not None else None
    if status == "overdue" and deadline is not None:
        late = (today_ - deadline.date()).days
        label = f"overdue since {_clock(deadline)}" if late <= 0 else f"{_days(late)} overdue"
        return Timing(label, f"was due by {_day(deadline.date())}, {_clock(deadline)}", "overdue", deadline)
    if status == "due" or due.date() <= today_:
        if status != "due":  # later today
            return Timing("today", f"from {_clock(due)}", "due", due)
        if deadline is None:
            detail = ""
        elif deadline.date() == today_:
            detail = f"by {_clock(deadline)} today"
        elif deadline.date() == today_ + timedelta(days=1):
            detail = f"by {_clock(deadline)} tomorrow"
        else:
            detail = f"by {_day(deadline.date())}"
        return Timing("today", detail, "due", deadline)
    ahead = (due.date() - today_).days
    label = "tomorrow" if ahead == 1 else f"in {_days(ahead)}"
    return Timing(label, f"{_day(due.date())}, {_clock(due)}", "upcoming", due)


# -- what the user decides --------------------------------------------------------------------


def next_monday(day: date) -> date:
    """The Monday after `day` (a week later when `day` is a Monday)."""
    return day + timedelta(days=7 - day.weekday())


def snooze_presets(now: datetime) -> list[tuple[str, str]]:
    """The snooze buttons: (choice, label with the day it means)."""
    today_ = now.date()
    return [
        ("tomorrow", f"Tomorrow ({_day(today_ + timedelta(days=1))})"),
        ("monday", f"Next Monday ({_day(next_monday(today_))})"),
        ("week", f"In a week ({_day(today_ + timedelta(days=7))})"),
    ]


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
                f"{_day(day)} is not after today",
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
            f"{_day(day)} is in the future",
            where="Done on",
            hint="Mark it done once you have done it; pick today or an earlier day.",
        )
    moment = datetime.combine(day, now.timetz())
    if moment < due and due.astimezone(now.tzinfo).date() == day:
        moment = due
    return min(moment, now)


def parse_day(text: str, where: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date", where=where, hint="Use the date picker, or write it as 2026-11-18."
        ) from None


def headline(item: AgendaItem) -> str:
    """The item in a few words, for messages: 'Thank-you (email) for Ann Lee'."""
    title = action_title(item.kind, item.channel)
    return f"{title} for {item.contact}" if item.contact else title


def decided(env: Env, action_id: str) -> tuple[str, str] | None:
    """(id, title) of an action the user just decided about, for the Undo bar; None if it is pending again."""
    from followup.store import actions as action_store

    ref = action_id.strip().lower()
    found = action_store.find_decided(env.store, ref) if len(ref) >= 4 else []
    if len(found) != 1:
        return None
    found_id, kind, _app_id, state = found[0]
    return found_id, f"{action_title(kind, None)} ({state})"
