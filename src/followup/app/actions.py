"""What the user does about a due action: done, snooze, skip, undo.

`done` writes the matching touchpoint (a message, letter or call), so the
playbook's next step follows from it; every change is one transaction that
also refreshes the application's stored plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from followup.app import agenda
from followup.app.agenda import AgendaItem
from followup.app.context import Env
from followup.app.plan import ensure_fresh, refresh
from followup.domain.model import (
    ActionKind,
    ApplicationStatus,
    Channel,
    DecisionState,
    Direction,
    Outcome,
    TouchpointKind,
)
from followup.errors import Ambiguous, Conflict, InvalidInput, NotFound
from followup.store import actions as action_store
from followup.store import records
from followup.store.db import transaction


def find_action(env: Env, ref: str) -> AgendaItem:
    """A pending action by its id or a unique start of it (at least 4 characters)."""
    ref = ref.strip().lower()
    if len(ref) < 4:
        raise InvalidInput(
            f"action id {ref!r} is too short",
            hint="Give at least 4 characters of an id from `followup agenda`.",
        )
    ensure_fresh(env)
    rows = action_store.find_pending(env.store, ref)
    nudge = agenda.keep_searching(env)
    candidates = [r.id for r in rows] + ([nudge.id] if nudge and nudge.id.startswith(ref) else [])
    if not candidates:
        decided = action_store.find_decided(env.store, ref)
        if decided:
            raise Conflict(
                f"action {decided[0][0]} is already {decided[0][3]}",
                hint=f"Undo that with `followup undo {decided[0][0]}`.",
            )
        raise NotFound(f"no pending action {ref!r}", hint="See the ids with `followup agenda`.")
    if len(candidates) > 1:
        raise Ambiguous(f"{ref!r} matches {len(candidates)} actions: {', '.join(candidates)}")
    if nudge is not None and candidates[0] == nudge.id:
        return agenda.item_from_nudge(env, nudge)
    return agenda.item_from_row(env, rows[0])


MESSAGE_KINDS = {
    ActionKind.RECRUITER_DEBRIEF: TouchpointKind.RECRUITER_DEBRIEF,
    ActionKind.THANK_YOU: TouchpointKind.THANK_YOU,
    ActionKind.REFERENCE_HEADS_UP: TouchpointKind.REFERENCE_HEADS_UP,
    ActionKind.STATUS_CHECK: TouchpointKind.STATUS_CHECK,
    ActionKind.FOLLOW_UP_CALL: TouchpointKind.FOLLOW_UP_CALL,
    ActionKind.THANK_RECRUITER: TouchpointKind.THANK_RECRUITER,
    ActionKind.RESPOND: TouchpointKind.RESPONSE,
    # Before any interview, asking after the application is that round's status check.
    ActionKind.APPLICATION_CHECK: TouchpointKind.STATUS_CHECK,
}
CHANNELS = {"email": Channel.EMAIL, "letter": Channel.LETTER, "phone": Channel.PHONE}


@dataclass(frozen=True)
class Done:
    action: AgendaItem
    touchpoint_id: int | None
    consequences: list[str]


def mark_done(
    env: Env,
    ref: str,
    *,
    at: datetime | None = None,
    outcome: Outcome | None = None,
    promised_date: date | None = None,
    channel: Channel | None = None,
    subject: str | None = None,
    message_id: str | None = None,
    note: str | None = None,
) -> Done:
    """Record that the user did an action; messages and calls become touchpoints."""
    item = find_action(env, ref)
    kind = ActionKind(item.kind)
    at = at or env.now()
    if outcome is not None and item.channel != "phone" and channel not in (Channel.PHONE, Channel.VOICEMAIL):
        raise InvalidInput(
            f"--outcome is for calls, and this {kind.value.replace('_', ' ')} is by {item.channel}",
            hint="Leave out --outcome, or say --channel phone if you called instead.",
        )
    consequences: list[str] = []
    tp_id = None
    with transaction(env.conn):
        action_store.decide(env.store, item.id, kind.value, item.application_id, DecisionState.DONE, at, note=note)
        if kind in MESSAGE_KINDS and item.application_id is not None:
            used = channel or CHANNELS.get(item.channel or "", Channel.OTHER)
            if outcome is Outcome.VOICEMAIL:
                used = Channel.VOICEMAIL
            tp_id = records.add_touchpoint(
                env.store,
                env.now(),
                application_id=item.application_id,
                contact_id=item.contact_id,
                direction=Direction.SENT,
                channel=used,
                kind=MESSAGE_KINDS[kind],
                outcome=outcome,
                occurred_at=at,
                subject=subject,
                message_id=message_id,
                promised_date=promised_date,
                notes=note,
                action_id=item.id,
            )
        if kind is ActionKind.MOVE_ON and item.application_id is not None:
            records.update_application(
                env.store,
                item.application_id,
                env.now(),
                status=ApplicationStatus.CLOSED_NO_RESPONSE,
                closed_at=at,
            )
            consequences.append("The application is now closed without response.")
        if item.application_id is not None:
            refresh(env, [item.application_id])
    return Done(item, tp_id, consequences)


def snooze(env: Env, ref: str, until: datetime) -> AgendaItem:
    item = find_action(env, ref)
    if until <= env.now():
        raise InvalidInput("the snooze must end in the future", hint="For example --for 2d or --until 2026-12-01.")
    return _decide(env, item, DecisionState.SNOOZED, until=until)


def skip(env: Env, ref: str, note: str | None = None) -> AgendaItem:
    return _decide(env, find_action(env, ref), DecisionState.SKIPPED, note=note)


def _decide(env: Env, item: AgendaItem, state: DecisionState, **details: Any) -> AgendaItem:
    with transaction(env.conn):
        action_store.decide(env.store, item.id, item.kind, item.application_id, state, env.now(), **details)
        if item.application_id is not None:
            refresh(env, [item.application_id])
    return item


def undo(env: Env, action_ref: str) -> str:
    """Take back a done/skip/snooze decision (a touchpoint written by `done` is removed too)."""
    decided = action_store.find_decided(env.store, action_ref.strip().lower())
    if not decided:
        raise NotFound(f"nothing was decided about action {action_ref!r}")
    if len(decided) > 1:
        raise Ambiguous(f"{action_ref!r} matches several actions: {', '.join(d[0] for d in decided)}")
    action_id, _kind, app_id, state = decided[0]
    with transaction(env.conn):
        action_store.undo_decision(env.store, action_id)
        env.conn.execute("DELETE FROM touchpoint WHERE owner_id = ? AND action_id = ?", (env.owner, action_id))
        if app_id is not None:
            refresh(env, [app_id])
    return f"{action_id} is no longer {state}"
