"""The Today page's view-model: the agenda in sections, each item with its timing in plain words.

Grouped as `followup agenda` groups it (overdue, due, coming up), except that what
becomes due later today counts as today's: the page is read in the morning and
answers "what do I do today". Each section shows a page of 25 (like the CLI), the
rest behind "show all". The keep-searching nudge is kept apart from the list, and
shown only once it is due: its reason ("you have not added an application in 7 days")
is true only from then on, so a nudge still ahead is not on the page at all.

The timing and snooze-button helpers are pure (the clock is passed in).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from followup.app import agenda
from followup.app.agenda import KEEP_SEARCHING, AgendaItem
from followup.app.context import Env
from followup.app.drafts import kinds_for_action, page_of
from followup.domain.days import read_day
from followup.domain.labels import action_title, draft_button, short_day
from followup.errors import InvalidInput

PAGE = 25
MAX_DAYS = 60
SECTIONS = ((agenda.OVERDUE, "Overdue"), (agenda.TODAY, "Due today"), (agenda.UPCOMING, "Coming up"))
OUTCOME_LABELS = {
    "reached": "I reached them",
    "voicemail": "I left a voicemail",
    "no_answer": "Nobody answered",
    "evasive": "They would not say",
}
OUTCOMES = tuple((key, OUTCOME_LABELS[key]) for key in agenda.CALL_OUTCOMES)


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
    primary: tuple[str, str] | None  # (label, url) of the card's main button, e.g. Open the call script
    done_label: str
    is_call: bool
    is_nudge: bool

    @property
    def id(self) -> str:
        return self.item.id


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
    # Whether anything was ever sent after applying: "every follow-up is sent" is said only then.
    followed_up: bool = False

    def count(self, key: str) -> int:
        return next((s.total for s in self.sections if s.key == key), 0)

    @property
    def caught_up(self) -> bool:
        """Nothing overdue and nothing due today."""
        return self.count(agenda.OVERDUE) == 0 and self.count(agenda.TODAY) == 0

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
    check_days(days)
    now = env.now()
    grouped = agenda.by_day(env, days, first=page, in_full=show_all)
    sections = tuple(
        Section(key, heading, tuple(row(i, now) for i in grouped.items[key]), grouped.totals[key])
        for key, heading in SECTIONS
    )
    later = None
    followed_up = False
    if not grouped.totals[agenda.OVERDUE] and not grouped.totals[agenda.TODAY]:
        # Caught up: what the page says about it depends on whether anything was sent yet.
        followed_up = agenda.has_followed_up(env)
    if not any(grouped.totals.values()):
        beyond = agenda.next_after(env, MAX_DAYS * 6)
        later = row(beyond, now) if beyond else None
    return TodayView(
        now=now,
        days=days,
        sections=sections,
        nudge=row(grouped.nudge, now) if grouped.nudge and grouped.nudge.status != "upcoming" else None,
        has_applications=agenda.has_applications(env),
        later=later,
        followed_up=followed_up,
    )


def row(item: AgendaItem, now: datetime) -> Row:
    drafts = kinds_for_action(item.kind, item.channel) if item.application_id is not None else ()
    # Without a draft, the page where it is done: the same place a reminder of it links to.
    link = None if drafts else page_of(item)
    primary = _primary(item, drafts, link)
    done_label = {"move_on": "Close the application", KEEP_SEARCHING: "I applied somewhere"}.get(item.kind, "Mark done")
    is_call = item.channel == "phone"
    is_nudge = item.kind == KEEP_SEARCHING
    return Row(
        item=item,
        title=action_title(item.kind, item.channel),
        timing=timing(item.status, item.due, item.deadline, now),
        draft_url=f"/drafts/{item.id}" if drafts else None,
        link=link,
        primary=primary,
        done_label=done_label,
        is_call=is_call,
        is_nudge=is_nudge,
    )


def _primary(item: AgendaItem, drafts: Collection[object], link: tuple[str, str] | None) -> tuple[str, str] | None:
    """The card's one main button, worded for what it leads to: a draft to write, a call to make, a page."""
    if drafts:
        return (draft_button(item.kind, item.channel), f"/drafts/{item.id}")
    if link is None:
        return None
    if item.kind == KEEP_SEARCHING:
        return link
    return ("Fill in" if item.kind == "capture_details" else "Open", link[1])


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


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
        return Timing(label, f"was due by {short_day(deadline.date())}, {_clock(deadline)}", "overdue", deadline)
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
            detail = f"by {short_day(deadline.date())}"
        return Timing("today", detail, "due", deadline)
    ahead = (due.date() - today_).days
    label = "tomorrow" if ahead == 1 else f"in {_days(ahead)}"
    return Timing(label, f"{short_day(due.date())}, {_clock(due)}", "upcoming", due)


# -- what the user decides --------------------------------------------------------------------


def snooze_presets(now: datetime) -> list[tuple[str, str]]:
    """The snooze buttons: (choice, label with the day it means)."""
    today_ = now.date()
    return [
        ("tomorrow", f"Tomorrow ({short_day(today_ + timedelta(days=1))})"),
        ("monday", f"Next Monday ({short_day(agenda.next_monday(today_))})"),
        ("week", f"In a week ({short_day(today_ + timedelta(days=7))})"),
    ]


def parse_day(text: str, where: str) -> date | None:
    """The day a form's date field holds; None when it is left empty."""
    text = text.strip()
    if not text:
        return None
    day = read_day(text)
    if day is None:
        raise InvalidInput(
            f"{text!r} is not a date", where=where, hint="Use the date picker, or write it as 2026-11-18."
        )
    return day


def headline(item: AgendaItem) -> str:
    """The item in a few words, for messages: 'Thank-you (email) for Ann Lee'."""
    title = action_title(item.kind, item.channel)
    return f"{title} for {item.contact}" if item.contact else title


def decided(env: Env, action_id: str) -> tuple[str, str] | None:
    """(id, title) of an action the user just decided about, for the Undo bar; None if it is pending again."""
    found = agenda.decided(env, action_id)
    if found is None:
        return None
    found_id, kind, state = found
    return found_id, f"{action_title(kind, None)} ({state})"
