"""Where an application stands on the board, and what moving it to another column means.

The stage is never stored: it follows from the facts (the status, the
interviews, the replies) and the moment `now`, which is passed in. Moving a
card is therefore a request to change a fact, and `plan_move` says which one,
or why the facts do not allow it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from followup.domain.labels import short_day
from followup.domain.model import Application, ApplicationStatus, Direction, Interview, Outcome, Touchpoint
from followup.domain.zones import agreed_time, beside


class Stage(StrEnum):
    WISHLIST = "wishlist"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    WAITING = "waiting"
    OFFER = "offer"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def hint(self) -> str:
        return _HINTS[self]


_LABELS = {
    Stage.WISHLIST: "Wishlist",
    Stage.APPLIED: "Applied",
    Stage.INTERVIEWING: "Interviewing",
    Stage.WAITING: "Waiting",
    Stage.OFFER: "Offer",
    Stage.CLOSED: "Closed",
}
_HINTS = {
    Stage.WISHLIST: "Saved to apply to later",
    Stage.APPLIED: "No interview yet",
    Stage.INTERVIEWING: "An interview is coming up",
    Stage.WAITING: "Interviewed, waiting for their answer",
    Stage.OFFER: "They made you an offer",
    Stage.CLOSED: "Rejected, withdrawn or no response",
}
STAGES = tuple(Stage)
CLOSED_STATUSES = frozenset(
    {ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.CLOSED_NO_RESPONSE}
)
# How the user says why an application closed, in their words.
CLOSE_REASONS = {
    ApplicationStatus.REJECTED: "They turned me down",
    ApplicationStatus.WITHDRAWN: "I withdrew (or declined)",
    ApplicationStatus.CLOSED_NO_RESPONSE: "They never answered",
}


@dataclass(frozen=True, slots=True)
class Placement:
    """The stage, the plain sentence saying why, and the moment that put it there (if any)."""

    stage: Stage
    why: str
    since: datetime | None = None
    # True when the stage comes from an invitation to a round not recorded yet.
    invited: bool = False


def place(
    application: Application,
    interviews: Iterable[Interview],
    touchpoints: Iterable[Touchpoint],
    now: datetime,
) -> Placement:
    """The one stage `application` is in at `now`, from its status, interviews and replies."""
    return _place(application.status, interviews, touchpoints, now, application.undated_interview)


def _place(
    status: ApplicationStatus,
    interviews: Iterable[Interview],
    touchpoints: Iterable[Touchpoint],
    now: datetime,
    undated: str | None = None,
) -> Placement:
    if status in CLOSED_STATUSES:
        return Placement(Stage.CLOSED, f"Closed: {status.label}.")
    if status is ApplicationStatus.OFFER:
        return Placement(Stage.OFFER, "They made you an offer.")
    if status is ApplicationStatus.WISHLIST:
        return Placement(Stage.WISHLIST, "Saved to apply to later: no follow-ups until you apply.")
    held = sorted(interviews, key=lambda i: i.starts_at)
    starts = [i.starts_at for i in held]
    today = now.date()
    ahead = [i for i in held if _day(i.starts_at, now) >= today]
    if ahead:
        return Placement(Stage.INTERVIEWING, f"Interview {_when(agreed_time(ahead[0]), now)}.", ahead[0].starts_at)
    invited = _invitation(touchpoints, starts[-1] if starts else None)
    if invited is not None:
        return Placement(
            Stage.INTERVIEWING,
            f"Invited to an interview on {_date(invited, now)}: add it when it is set.",
            invited,
            invited=True,
        )
    if undated and not starts:
        # An old tracker said the application had reached an interview but gave no day: the
        # card waits where the user left it, as an invitation does, until the interview is added.
        return Placement(
            Stage.INTERVIEWING,
            f"“{undated}” in the tracker you imported it from, with no date: add the interview when you know it.",
            invited=True,
        )
    if starts:
        last = starts[-1]
        return Placement(Stage.WAITING, f"Interviewed on {_date(last, now)}; waiting for their answer.", last)
    return Placement(Stage.APPLIED, "No interview yet.")


def _invitation(touchpoints: Iterable[Touchpoint], last_interview: datetime | None) -> datetime | None:
    """When they last invited the candidate to a round that is not recorded yet."""
    invitations = [
        t.occurred_at
        for t in touchpoints
        if t.direction is Direction.RECEIVED
        and t.outcome is Outcome.NEXT_ROUND
        and (last_interview is None or t.occurred_at > last_interview)
    ]
    return max(invitations) if invitations else None


def _day(moment: datetime, now: datetime) -> date:
    return moment.astimezone(now.tzinfo).date()


def _date(moment: datetime, now: datetime) -> str:
    return short_day(moment.astimezone(now.tzinfo))


def _when(agreed: datetime, now: datetime) -> str:
    """'today at 14:00', 'on Fri 20 Nov at 14:00 Berlin time (13:00 your time)': an interview's start
    on its own zone's clock (`domain/zones.py`)."""
    mine = agreed.astimezone(now.tzinfo)
    day = "today" if mine.date() == now.date() == agreed.date() else f"on {short_day(agreed)}"
    return f"{day} at {agreed:%H:%M}{beside(agreed, now.tzinfo or UTC)}"


# -- moving between columns -----------------------------------------------------------------


class MoveKind(StrEnum):
    STAY = "stay"  # already there
    SET_STATUS = "set_status"  # change the status to `status`
    ASK_REASON = "ask_reason"  # closing: ask which of CLOSE_REASONS
    ADD_INTERVIEW = "add_interview"  # go and add the interview (after setting `status`, if given)
    REFUSE = "refuse"  # the facts say otherwise; `message` says why and what to do


@dataclass(frozen=True, slots=True)
class Move:
    kind: MoveKind
    message: str
    status: ApplicationStatus | None = None


def plan_move(
    application: Application,
    interviews: Iterable[Interview],
    touchpoints: Iterable[Touchpoint],
    now: datetime,
    target: Stage,
    reason: ApplicationStatus | None = None,
) -> Move:
    """What moving `application` to the `target` column changes, or why it cannot move there."""
    interviews, touchpoints = list(interviews), list(touchpoints)
    name = application.company
    undated = application.undated_interview
    here = _place(application.status, interviews, touchpoints, now, undated)
    if target is here.stage and not (target is Stage.CLOSED and reason not in (None, application.status)):
        return Move(MoveKind.STAY, f"{name} is already in {target.label}.")
    if target is Stage.OFFER:
        return Move(MoveKind.SET_STATUS, f"{name} moved to Offer. Congratulations!", ApplicationStatus.OFFER)
    if target is Stage.WISHLIST:
        return _to_wishlist(name, interviews, touchpoints)
    if target is Stage.CLOSED:
        if reason is None:
            return Move(MoveKind.ASK_REASON, f"Why is {name} closing?")
        if reason not in CLOSED_STATUSES:
            return Move(MoveKind.ASK_REASON, f"Choose why {name} is closing.")
        return Move(MoveKind.SET_STATUS, f"{name} is closed ({reason.label}).", reason)
    if here.stage in (Stage.CLOSED, Stage.OFFER):
        return _reopen(
            name, here.stage, _place(ApplicationStatus.ACTIVE, interviews, touchpoints, now, undated), target
        )
    if here.stage is Stage.WISHLIST:
        return _apply(application, _place(ApplicationStatus.ACTIVE, interviews, touchpoints, now, undated), target, now)
    if target is Stage.INTERVIEWING:
        return Move(MoveKind.ADD_INTERVIEW, f"Add the interview, and {name} moves to Interviewing.")
    return Move(MoveKind.REFUSE, _why_not(name, here, target, now))


def _to_wishlist(name: str, interviews: list[Interview], touchpoints: list[Touchpoint]) -> Move:
    # The wishlist is for jobs not applied to yet: once anything happened, going back
    # would hide an application that is under way (and stop its follow-ups).
    if interviews:
        return Move(
            MoveKind.REFUSE,
            f"{name} cannot go back to the wishlist: an interview is recorded. "
            "If the application is over, close it instead.",
        )
    if touchpoints:
        return Move(
            MoveKind.REFUSE,
            f"{name} cannot go back to the wishlist: messages or calls are logged for it. "
            "If the application is over, close it instead.",
        )
    return Move(
        MoveKind.SET_STATUS,
        f"{name} is back on your wishlist: no follow-ups until you apply.",
        ApplicationStatus.WISHLIST,
    )


def _apply(application: Application, applied: Placement, target: Stage, now: datetime) -> Move:
    """Leaving the wishlist for an open column: the user has applied (dated today unless a day is known)."""
    name = application.company
    dated = "" if application.applied_on else f", dated today ({short_day(now)})"
    if applied.stage is target:
        return Move(MoveKind.SET_STATUS, f"{name} moved to {target.label}{dated}.", ApplicationStatus.ACTIVE)
    if target is Stage.INTERVIEWING:
        return Move(
            MoveKind.ADD_INTERVIEW,
            f"{name} moved to Applied{dated}. Add the interview, and it moves to Interviewing.",
            ApplicationStatus.ACTIVE,
        )
    if applied.stage is Stage.APPLIED:  # asked to go to Waiting
        return Move(
            MoveKind.REFUSE,
            f"{name} is on your wishlist and no interview is recorded, so it cannot be waiting for an answer. "
            "Move it to Applied once you have applied; add the interview, and it moves to Waiting by itself.",
        )
    return Move(
        MoveKind.REFUSE,
        f"Applied, {name} would be in {applied.stage.label}, not {target.label}: {applied.why} "
        f"Move it to {applied.stage.label} instead.",
    )


def _reopen(name: str, stage: Stage, reopened: Placement, target: Stage) -> Move:
    word = "reopened" if stage is Stage.CLOSED else "no longer marked as an offer"
    if reopened.stage is target:
        return Move(MoveKind.SET_STATUS, f"{name} is {word}: back in {target.label}.", ApplicationStatus.ACTIVE)
    if target is Stage.INTERVIEWING:
        return Move(
            MoveKind.ADD_INTERVIEW,
            f"{name} is {word}. Add the interview, and it moves to Interviewing.",
            ApplicationStatus.ACTIVE,
        )
    return Move(
        MoveKind.REFUSE,
        f"Reopened, {name} would be in {reopened.stage.label}, not {target.label}: {reopened.why} "
        f"Move it to {reopened.stage.label} instead.",
    )


def _why_not(name: str, here: Placement, target: Stage, now: datetime) -> str:
    if here.since is None:  # Applied, asked to go to Waiting
        return (
            f"{name} cannot be waiting for an answer yet: no interview is recorded. "
            "Add the interview (a past one too), and it moves to Waiting by itself."
        )
    if here.invited:
        return (
            f"{name} invited you to another interview on {_date(here.since, now)}. "
            "Add that interview when it is set, or close the application if it is over."
        )
    if here.stage is Stage.INTERVIEWING:
        then = "it moves to Waiting by itself once that is over" if target is Stage.WAITING else "it is past Applied"
        return (
            f"{name} has an interview {_when(here.since, now)}, so {then}. "
            "If it was cancelled, remove it on the application's page."
        )
    return (
        f"{name} is past Applied: you had an interview on {_date(here.since, now)}. "
        "If that interview never happened, remove it on the application's page."
    )
