"""Use cases of the Applications pages: the board, the searchable list, moving a card, one application in full.

The stage of each application is derived (`domain.stages`), never stored, so
the board always agrees with the facts; moving a card changes a fact through
`services`, or says why the facts do not allow it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followup.app import applications
from followup.app.agenda import AgendaItem, item_from_row
from followup.app.context import Env
from followup.app.plan import ensure_fresh
from followup.domain.labels import action_title
from followup.domain.model import (
    Application,
    ApplicationStatus,
    Contact,
    ContactRole,
    Interview,
    ReferenceNamed,
    Source,
    Touchpoint,
)
from followup.domain.stages import STAGES, Move, MoveKind, Placement, Stage, place, plan_move
from followup.errors import InvalidInput
from followup.store import board as store
from followup.store import records

CLOSED_ON_BOARD = 12  # the Closed column shows the latest few; the list shows them all


@dataclass(frozen=True)
class Card:
    """One application as the board and the list show it."""

    application: Application
    placement: Placement
    next_action: AgendaItem | None
    last_contact: datetime | None
    last_activity: datetime
    people: tuple[store.Person, ...] = ()

    @property
    def stage(self) -> Stage:
        return self.placement.stage

    @property
    def next_title(self) -> str | None:
        action = self.next_action
        if action is None:
            return None
        title = action_title(action.kind, action.channel)
        return f"{title}: {action.contact}" if action.contact else title

    def matches(self, words: list[str]) -> bool:
        """Whether every word is in the company, the role, or a contact's name or email."""
        app = self.application
        haystack = " ".join(
            [app.company, app.role, *(p.name for p in self.people), *(p.email or "" for p in self.people)]
        ).casefold()
        return all(word in haystack for word in words)


def cards(env: Env) -> list[Card]:
    """Every application with its stage, next action and last contact."""
    ensure_fresh(env)
    now, tz = env.now(), env.tz
    interviews = store.interviews_by_application(env.store)
    touchpoints = store.touchpoints_by_application(env.store)
    following = store.next_actions(env.store, now)
    people = store.people_by_application(env.store)
    found = []
    for app in records.list_applications(env.store):
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


@dataclass(frozen=True)
class Column:
    stage: Stage
    cards: list[Card]
    total: int


def board(env: Env) -> list[Column]:
    """The five columns, each with the cards that need attention first."""
    by_stage: dict[Stage, list[Card]] = {stage: [] for stage in STAGES}
    for card in cards(env):
        by_stage[card.stage].append(card)
    columns = []
    for stage, its_cards in by_stage.items():
        ordered = sort_cards(its_cards, "next")
        shown = ordered[:CLOSED_ON_BOARD] if stage is Stage.CLOSED else ordered
        columns.append(Column(stage, shown, len(ordered)))
    return columns


# -- the list: search and sort --------------------------------------------------------------


def _next_due(card: Card) -> tuple[int, float, float]:
    # Cards with something to do come first, soonest first; then the most recently active.
    if card.next_action is None:
        return 1, 0.0, -card.last_activity.timestamp()
    return 0, card.next_action.due.timestamp(), -card.last_activity.timestamp()


SORTS: dict[str, tuple[str, Callable[[Card], Any]]] = {
    "company": ("Company", lambda c: (c.application.company.casefold(), c.application.role.casefold())),
    "stage": ("Stage", lambda c: (STAGES.index(c.stage), c.application.company.casefold())),
    "next": ("Next action", _next_due),
    "activity": ("Last activity", lambda c: c.last_activity.timestamp()),
}


def sort_cards(found: Iterable[Card], key: str, descending: bool = False) -> list[Card]:
    if key not in SORTS:
        raise InvalidInput(f"cannot sort by {key!r}", hint=f"Sort by one of: {', '.join(SORTS)}.")
    ordered = sorted(found, key=lambda c: (SORTS[key][1](c), c.application.id))
    return ordered[::-1] if descending else ordered


def listing(
    env: Env, query: str = "", sort: str = "activity", descending: bool = True, stage: Stage | None = None
) -> list[Card]:
    """The applications whose company, role or contacts contain every word of `query`, sorted."""
    words = query.casefold().split()
    found = [c for c in cards(env) if c.matches(words) and (stage is None or c.stage is stage)]
    return sort_cards(found, sort, descending)


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


@dataclass(frozen=True)
class Event:
    """One line of an application's timeline."""

    at: datetime
    interview: Interview | None = None
    touchpoint: Touchpoint | None = None
    people: tuple[Contact, ...] = ()
    mail_id: int | None = None  # the synced message behind a touchpoint
    answers: Touchpoint | None = None  # the touchpoint a reply answered
    mail: store.MailLink | None = None  # a synced message not on the timeline yet (see Replies)

    @property
    def anchor(self) -> str:
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


def detail(env: Env, app_id: int) -> Detail:
    view = applications.show(env, app_id)
    state = view.state
    app, now, people = state.application, env.now(), state.contacts
    interviews = sorted(state.interviews, key=lambda i: (i.starts_at, i.id), reverse=True)
    return Detail(
        application=app,
        placement=place(app, state.interviews, state.touchpoints, now),
        upcoming=view.upcoming,
        timeline=_timeline(env, app_id, interviews, list(state.touchpoints), people),
        contacts=sorted(people.values(), key=lambda c: (c.id != app.recruiter_id, c.name.casefold(), c.id)),
        recruiter=people.get(app.recruiter_id) if app.recruiter_id is not None else None,
        interviews=interviews,
        references=_references(state.references, people),
        captured=next((i for i in interviews if i.starts_at <= now), None),
    )


def _timeline(
    env: Env, app_id: int, interviews: list[Interview], touchpoints: list[Touchpoint], people: dict[int, Contact]
) -> list[Event]:
    links = store.mail_links(env.store, app_id)
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
    return sorted(events, key=lambda e: (e.at, e.anchor), reverse=True)


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
