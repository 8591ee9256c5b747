"""What a coach sees of the job seekers who added them, and the notes they leave.

A coach sees a seeker's pipeline (each application's company, role, stage and next follow-up)
and their agenda, and may leave a note, on one application or on the search as a whole. A
coach never reads the seeker's mail, drafts, notes or the texts of their applications: the
views below carry none of it. Every read runs as the seeker's own store (`env_for`), so on
PostgreSQL row security holds it to that seeker's rows, and it runs only after the link
between the two was checked: for anyone else the seeker does not exist (NotFound, a 404).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from followup.app import agenda, progress
from followup.app.context import Env, env_for
from followup.domain.accounts import Account
from followup.domain.labels import action_title
from followup.errors import InvalidInput, NotAllowed, NotFound
from followup.store import accounts as account_rows
from followup.store import coach_notes, records
from followup.store.coach_notes import CoachNote

NOTE_MAX = 4000
# The agenda a coach sees reaches as far as the seeker's Today page does by default.
AGENDA_DAYS = 14


@dataclass(frozen=True)
class FollowUp:
    """One follow-up of the seeker's, as their coach sees it: what, for which application, when."""

    title: str  # "Thank-you email (email)"
    company: str | None
    role: str | None
    due: datetime  # on the seeker's clock: it is their schedule
    status: str  # overdue, due, upcoming


@dataclass(frozen=True)
class PipelineRow:
    application_id: int
    company: str
    role: str
    stage: str  # "Interviewing", as the board's columns say
    next_follow_up: FollowUp | None
    last_contact: datetime | None


@dataclass(frozen=True)
class SeekerSummary:
    account: Account
    active: int  # applications not closed
    overdue: int  # follow-ups past due


@dataclass(frozen=True)
class SeekerView:
    account: Account
    pipeline: list[PipelineRow]
    agenda: list[FollowUp]
    notes: list[CoachNote]


def _require_coach(by: Account) -> None:
    if not by.is_coach:
        raise NotAllowed("only a coach's account has job seekers to look after")


def _seeker(env: Env, coach: Account, seeker_id: int) -> tuple[Account, Env]:
    _require_coach(coach)
    for seeker in account_rows.seekers_of(env.store, coach.owner_id):
        if seeker.owner_id == seeker_id:
            return seeker, env_for(env, seeker_id)
    raise NotFound("no such job seeker among yours", hint="Job seekers add you as their coach from their account page.")


def _follow_up(item: agenda.AgendaItem, theirs: Env) -> FollowUp:
    return FollowUp(
        title=action_title(item.kind, item.channel),
        company=item.company,
        role=item.role,
        due=item.due.astimezone(theirs.tz),
        status=item.status,
    )


def seekers(env: Env, coach: Account) -> list[SeekerSummary]:
    """The seekers who added this coach, each with what needs their attention."""
    _require_coach(coach)
    found = []
    for seeker in account_rows.seekers_of(env.store, coach.owner_id):
        theirs = env_for(env, seeker.owner_id)
        items = agenda.agenda(theirs, days=0)
        active = sum(1 for card in progress.cards(theirs) if card.application.closed_at is None)
        found.append(SeekerSummary(seeker, active, sum(1 for item in items if item.status == "overdue")))
    return found


def seeker_view(env: Env, coach: Account, seeker_id: int) -> SeekerView:
    seeker, theirs = _seeker(env, coach, seeker_id)
    pipeline = [
        PipelineRow(
            application_id=card.application.id,
            company=card.application.company,
            role=card.application.role,
            stage=card.stage.label,
            next_follow_up=_follow_up(card.next_action, theirs) if card.next_action else None,
            last_contact=card.last_contact,
        )
        for card in progress.cards(theirs)
    ]
    upcoming = [_follow_up(item, theirs) for item in agenda.agenda(theirs, days=AGENDA_DAYS)]
    return SeekerView(seeker, pipeline, upcoming, _on_clock(coach_notes.notes(theirs.store), env))


def leave_note(env: Env, coach: Account, seeker_id: int, body: str, application_id: int | None = None) -> int:
    """Keep a note for the seeker (on one of their applications, or on their search)."""
    _, theirs = _seeker(env, coach, seeker_id)
    text = body.strip()
    if not text:
        raise InvalidInput("the note is empty", where="note", hint="Write what you want them to read.")
    if len(text) > NOTE_MAX:
        raise InvalidInput(f"the note is longer than {NOTE_MAX} characters", where="note", hint="Shorten it.")
    with theirs.store.transaction():
        if application_id is not None:
            records.get_application(theirs.store, application_id)  # NotFound for anything not theirs
        return coach_notes.add(theirs.store, coach.owner_id, application_id, text, env.now())


def _on_clock(notes: list[CoachNote], env: Env) -> list[CoachNote]:
    """The notes with their times on the reader's clock."""
    return [replace(note, created_at=note.created_at.astimezone(env.tz)) for note in notes]


def notes_for_me(env: Env, application_id: int | None = None) -> list[CoachNote]:
    """The notes coaches left for the signed-in seeker (on one application, or all)."""
    return _on_clock(coach_notes.notes(env.store, application_id), env)


# Today shows what a coach wrote lately; older notes stay on the applications' pages.
RECENT = timedelta(days=14)
RECENT_SHOWN = 3


def recent_notes_for_me(env: Env) -> list[CoachNote]:
    """The few newest notes from the last two weeks, for the seeker's Today page."""
    since = env.now() - RECENT
    recent = coach_notes.notes(env.store, limit=RECENT_SHOWN)
    return _on_clock([note for note in recent if note.created_at >= since], env)
