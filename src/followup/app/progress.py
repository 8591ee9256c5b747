"""How each application is progressing: its stage, next action and last contact; one in full; moving it on.

The stage of each application is derived (`domain.stages`), never stored, so the
Applications board and list always agree with the facts; moving a card changes a
fact through `applications`, or says why the facts do not allow it. How the pages
group, sort and word these is web/views/board.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, time

from followup.app import applications
from followup.app.agenda import AgendaItem, item_from_row
from followup.app.context import Env
from followup.app.plan import ensure_fresh
from followup.domain.model import (
    Application,
    ApplicationStatus,
    Contact,
    ContactRole,
    Interview,
    ReferenceNamed,
    Source,
    Touchpoint,
    TouchpointKind,
)
from followup.domain.stages import CLOSE_REASONS, CLOSED_STATUSES, Move, MoveKind, Placement, Stage, place, plan_move
from followup.domain.text import fold_for_search
from followup.store import board as store
from followup.store import records
from followup.store.board import MailLink, Person


@dataclass(frozen=True)
class Card:
    """One application as the board and the list show it."""

    application: Application
    placement: Placement
    next_action: AgendaItem | None
    last_contact: datetime | None
    last_activity: datetime
    people: tuple[Person, ...] = ()

    @property
    def stage(self) -> Stage:
        return self.placement.stage

    def matches(self, words: list[str]) -> bool:
        """Whether every word is in the company, the role, the location, the tags, the description,
        or a contact's name or email (case and accents ignored, as every search does: "muller" finds
        Müller)."""
        app = self.application
        searched = [app.company, app.role, app.location or "", *app.tags, app.description or ""]
        haystack = fold_for_search(
            " ".join([*searched, *(p.name for p in self.people), *(p.email or "" for p in self.people)])
        )
        return all(fold_for_search(word) in haystack for word in words)


def cards(env: Env) -> list[Card]:
    """Every application with its stage, next action and last contact."""
    ensure_fresh(env)
    return _cards(env, records.list_applications(env.store), None)


def board_cards(env: Env, latest_closed: int) -> tuple[list[Card], int]:
    """The board's cards: every application still open, and of the closed ones the `latest_closed`
    most recently closed; with how many are closed in all. Its reads grow with what it shows, not
    with the years of closed applications behind it (the list and the search show those)."""
    ensure_fresh(env)
    opened = sorted(status for status in ApplicationStatus if status not in CLOSED_STATUSES)
    shown = store.Shown(opened, sorted(CLOSED_STATUSES), latest_closed)
    found, closed = store.applications_on_board(env.store, shown)
    return _cards(env, found, [app.id for app in found]), closed


def _cards(env: Env, found_applications: list[Application], ids: list[int] | None) -> list[Card]:
    now, tz = env.now(), env.tz
    interviews = store.interviews_by_application(env.store, ids)
    touchpoints = store.touchpoints_by_application(env.store, ids)
    following = store.next_actions(env.store, now)
    people = store.people_by_application(env.store, ids)
    found = []
    for app in found_applications:
        its_interviews, its_touchpoints = interviews.get(app.id, []), touchpoints.get(app.id, [])
        row = following.get(app.id)
        found.append(
            Card(
                application=app,
                placement=place(app, its_interviews, its_touchpoints, now),
                next_action=item_from_row(env, row, now, tz) if row and app.status.is_open else None,
                last_contact=_last_contact(its_interviews, its_touchpoints, now),
                last_activity=_last_activity(app, its_interviews, its_touchpoints, now),
                people=tuple(people.get(app.id, [])),
            )
        )
    return found


def _last_contact(interviews: list[Interview], touchpoints: list[Touchpoint], now: datetime) -> datetime | None:
    moments = [t.occurred_at for t in touchpoints if t.occurred_at <= now]
    moments += [i.starts_at for i in interviews if i.starts_at <= now]
    return max(moments) if moments else None


def _last_activity(
    app: Application, interviews: list[Interview], touchpoints: list[Touchpoint], now: datetime
) -> datetime:
    moments = [app.created_at, *(t.occurred_at for t in touchpoints if t.occurred_at <= now)]
    moments += [i.recorded_at for i in interviews if i.recorded_at]
    moments += [i.starts_at for i in interviews if i.starts_at <= now]
    if app.closed_at:
        moments.append(app.closed_at)
    return max(moments)


# -- moving a card --------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    move: Move
    application: Application


def move(env: Env, app_id: int, target: Stage, reason: ApplicationStatus | None = None) -> Moved:
    """Carry out a move the facts allow: the status changes through `services`; otherwise nothing is written."""
    app = records.get_application(env.store, app_id)
    interviews = records.interviews_of(env.store, app_id)
    touchpoints = records.touchpoints_of(env.store, app_id)
    planned = plan_move(app, interviews, touchpoints, env.now(), target, reason)
    if planned.kind in (MoveKind.SET_STATUS, MoveKind.ADD_INTERVIEW) and planned.status not in (None, app.status):
        app = applications.edit_application(env, app_id, applications.ApplicationChanges(status=planned.status))
    return Moved(planned, app)


# -- one application in full ----------------------------------------------------------------


class Milestone:
    """A line of the timeline that is the application's own fact, not an interview or a message."""

    APPLIED = "applied"  # the day the user applied (`applied_on`): a day, no time
    SAVED = "saved"  # put on the wishlist (`created_at`)


@dataclass(frozen=True)
class Event:
    """One line of an application's timeline; `at` is None for a closing whose day nobody recorded
    (a closed row imported from another tracker): it comes last, without a day."""

    at: datetime | None
    interview: Interview | None = None
    touchpoint: Touchpoint | None = None
    people: tuple[Contact, ...] = ()
    mail_id: int | None = None  # the synced message behind a touchpoint
    answers: Touchpoint | None = None  # the touchpoint a reply answered
    mail: MailLink | None = None  # a synced message not on the timeline yet (see Replies)
    closed: ApplicationStatus | None = None  # the application was closed then, this way
    milestone: str | None = None  # a `Milestone`
    day_only: bool = False  # `at` stands for a day: no time of day is known

    @property
    def anchor(self) -> str:
        if self.closed is not None:
            return "closed"
        if self.milestone is not None:
            return self.milestone
        if self.interview is not None:
            return f"interview-{self.interview.id}"
        if self.touchpoint is not None:
            return f"touchpoint-{self.touchpoint.id}"
        assert self.mail is not None
        return f"mail-{self.mail.mail_id}"


@dataclass(frozen=True)
class Detail:
    application: Application
    placement: Placement
    upcoming: list[AgendaItem]
    timeline: list[Event]
    contacts: list[Contact]
    recruiter: Contact | None
    interviews: list[Interview]  # newest first
    references: dict[int | None, list[Contact]] = field(default_factory=dict)  # by interview id
    captured: Interview | None = None  # the latest interview that has started
    reopens_in: Stage | None = None  # a closed application: the column reopening puts it in


def detail(env: Env, app_id: int) -> Detail:
    view = applications.show(env, app_id)
    state = view.state
    app, now, people = state.application, env.now(), state.contacts
    interviews = sorted(state.interviews, key=lambda i: (i.starts_at, i.id), reverse=True)
    return Detail(
        application=app,
        placement=place(app, state.interviews, state.touchpoints, now),
        upcoming=view.upcoming,
        timeline=_timeline(env, app, interviews, list(state.touchpoints), people),
        contacts=sorted(people.values(), key=lambda c: (c.id != app.recruiter_id, c.name.casefold(), c.id)),
        recruiter=people.get(app.recruiter_id) if app.recruiter_id is not None else None,
        interviews=interviews,
        references=_references(state.references, people),
        captured=next((i for i in interviews if i.starts_at <= now), None),
        reopens_in=(
            place(replace(app, status=ApplicationStatus.ACTIVE), state.interviews, state.touchpoints, now).stage
            if app.status in CLOSE_REASONS
            else None
        ),
    )


def _timeline(
    env: Env, app: Application, interviews: list[Interview], touchpoints: list[Touchpoint], people: dict[int, Contact]
) -> list[Event]:
    links = store.mail_links(env.store, app.id)
    mail_of_touchpoint = {m.touchpoint_id: m for m in links if m.touchpoint_id is not None}
    mail_of_message = {m.message_id: m for m in links if m.message_id}
    by_message = {t.message_id: t for t in touchpoints if t.message_id}
    shown: set[int] = set()
    events = [
        Event(i.starts_at, interview=i, people=tuple(people[c] for c in i.participant_ids if c in people))
        for i in interviews
    ]
    for t in touchpoints:
        mail = mail_of_touchpoint.get(t.id) or (mail_of_message.get(t.message_id) if t.message_id else None)
        answered = by_message.get(mail.in_reply_to) if mail and mail.in_reply_to else None
        if mail is not None:
            shown.add(mail.mail_id)
        who = (people[t.contact_id],) if t.contact_id in people else ()
        events.append(
            Event(
                t.occurred_at,
                touchpoint=t,
                people=who,
                mail_id=mail.mail_id if mail else None,
                answers=answered if answered is not t else None,
            )
        )
    # Messages the mailbox matched but nobody confirmed yet: shown, with the way to the Replies page.
    events += [Event(m.at, mail_id=m.mail_id, mail=m) for m in links if m.mail_id not in shown]
    events += _milestones(env, app, touchpoints)
    # The closing is a fact of its own: the day the user closed it, or the day of the answer that did;
    # closed on a day unknown (imported so), it still ends the story.
    if app.status in CLOSE_REASONS:
        events.append(Event(app.closed_at, closed=app.status))
    # Newest first; a closing without a day is the newest of all.
    return sorted(events, key=lambda e: (e.at is None, e.at or app.created_at, e.anchor), reverse=True)


def _milestones(env: Env, app: Application, touchpoints: list[Touchpoint]) -> list[Event]:
    """Where the story starts: saved to the wishlist, or applied (unless the application itself is
    logged as a message, which says so already)."""
    if app.status is ApplicationStatus.WISHLIST:
        return [Event(app.created_at, milestone=Milestone.SAVED)]
    if app.applied_on is None or any(t.kind is TouchpointKind.APPLICATION for t in touchpoints):
        return []
    # At the start of its day: on the day applied, whatever else happened came after it.
    start = datetime.combine(app.applied_on, time(0), tzinfo=env.tz)
    return [Event(start, milestone=Milestone.APPLIED, day_only=True)]


def _references(named: Iterable[ReferenceNamed], people: dict[int, Contact]) -> dict[int | None, list[Contact]]:
    found: dict[int | None, list[Contact]] = {}
    for reference in named:
        if reference.contact_id in people:
            found.setdefault(reference.interview_id, []).append(people[reference.contact_id])
    return found


def add_contact(env: Env, app_id: int, new: applications.NewContact) -> Contact:
    """A new contact for this application; a reference is also noted as named, so they get a heads-up."""
    person = applications.add_contact(env, new, application_id=app_id)
    if new.role is ContactRole.REFERENCE:
        applications.add_reference(env, app_id, person.id)
    if new.role is ContactRole.RECRUITER:
        app = records.get_application(env.store, app_id)
        if app.recruiter_id is None:
            applications.edit_application(
                env, app_id, applications.ApplicationChanges(recruiter_id=person.id, source=Source.RECRUITER)
            )
    return person
