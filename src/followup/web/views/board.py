"""The Applications pages' view-model: the board's columns and the list's search and sort.

Cards come from `app.progress`; this groups them into the stage columns
(the Closed column shows the latest closed few, and counts them all), sorts them as the list's column headings
say, and words each card's next action. A move remembers where the card was, so that
the board can offer to take it back (like Today's Undo after done or snooze).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from followup.app import progress
from followup.app.context import Env
from followup.app.progress import Card
from followup.domain.labels import action_title
from followup.domain.model import ApplicationStatus
from followup.domain.stages import STAGES, MoveKind, Stage
from followup.errors import InvalidInput

CLOSED_ON_BOARD = 12  # the Closed column shows the latest closed few; the list shows them all


def next_title(card: Card) -> str | None:
    """The card's next action in a few words: 'Thank-you (email): Ann Lee'."""
    action = card.next_action
    if action is None:
        return None
    title = action_title(action.kind, action.channel)
    return f"{title}: {action.contact}" if action.contact else title


@dataclass(frozen=True)
class Column:
    stage: Stage
    cards: list[Card]
    total: int


def board(env: Env) -> list[Column]:
    """The columns, each with the cards that need attention first; Closed with the latest closed."""
    found, closed = progress.board_cards(env, CLOSED_ON_BOARD)
    by_stage: dict[Stage, list[Card]] = {stage: [] for stage in STAGES}
    for card in found:
        by_stage[card.stage].append(card)
    return [
        Column(stage, sort_cards(its_cards, "next"), closed if stage is Stage.CLOSED else len(its_cards))
        for stage, its_cards in by_stage.items()
    ]


# -- moving a card, and taking the move back ----------------------------------------------------


@dataclass(frozen=True)
class Undo:
    """The move that puts a card back where it was: to its old column (and, for Closed, the old reason)."""

    app_id: int
    stage: Stage
    reason: ApplicationStatus | None


def undo_form(undo: Undo, back: str) -> tuple[str, dict[str, str]]:
    """The Undo form of a move's message, as a plain page's message carries it: (path, fields)."""
    fields = {"to": undo.stage.value, "undo": "1", "next": back}
    if undo.reason is not None:
        fields["reason"] = undo.reason.value
    return f"/applications/{undo.app_id}/move", fields


def move(
    env: Env, app_id: int, target: Stage, reason: ApplicationStatus | None, *, undoing: bool = False
) -> tuple[progress.Moved, Undo | None]:
    """Move the card; with the way back when its status changed (not for a move that is itself an undo)."""
    before = progress.detail(env, app_id)
    moved = progress.move(env, app_id, target, reason)
    changed = moved.move.kind is MoveKind.SET_STATUS and moved.application.status is not before.application.status
    if undoing or not changed:
        return moved, None
    stage = before.placement.stage
    return moved, Undo(app_id, stage, before.application.status if stage is Stage.CLOSED else None)


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
    found = [c for c in progress.cards(env) if c.matches(words) and (stage is None or c.stage is stage)]
    return sort_cards(found, sort, descending)
