"""Noting the matched messages a sync has read: classification, touchpoint, suggestion.

Reading a mailbox (`followup.app.mail_sync`) only stores each matched message in
mail_pending, in the transaction that moves its folder past it, so that reading
costs about what fetching the headers does. Noting a message is the slow part (it
is parsed in full and classified, and its application's plan changes), so it is a
step of its own, run right after reading: in batches, each committed together with
the removal of what it noted. Interrupted, it goes on with what is left at the next
sync; recording is idempotent anyway.

One message that cannot be noted (a bug the classifier trips over) stays queued and
is logged; it does not hold up the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from followup.app import mail_intake, plan
from followup.app.context import Env
from followup.mail.match import Match
from followup.mail.parse import parse_message
from followup.store import mail as store
from followup.store.db import savepoint, transaction

# Large enough that commits and plan refreshes are a small part, small enough that an
# interruption repeats little.
BATCH = 100
DIRECTIONS: dict[str, Literal["received", "sent"]] = {"inbox": "received", "junk": "received", "sent": "sent"}

log = logging.getLogger("followup.mail")


@dataclass(frozen=True, slots=True)
class Noted:
    folder: str
    mail_id: int


def note_pending(
    env: Env,
    *,
    auto_apply: Mapping[str, bool] | None = None,
    hook: Callable[[str], None] | None = None,
) -> list[Noted]:
    """Record every queued message; returns what was recorded, in reading order.

    `auto_apply` gives an account's setting when the caller has it at hand; for other
    accounts `mail_intake.record` reads the settings.
    """
    hook = hook or (lambda _step: None)
    auto_apply = auto_apply or {}
    conn = env.conn
    noted: list[Noted] = []
    after = 0
    while batch := store.pending(env.store, after=after, limit=BATCH):
        after = batch[-1].id
        replan: set[int] = set()
        with transaction(conn):
            done: list[int] = []
            for row in batch:
                try:
                    with savepoint(conn):
                        mail_id = _record(env, row, auto_apply.get(row.account), replan)
                except Exception:
                    log.exception("could not note message %s in %s; it stays queued", row.uid, row.folder)
                    continue
                done.append(row.id)
                noted.append(Noted(row.folder, mail_id))
            store.drop_pending(env.store, done)
            # Each application's plan once per batch: replanning reads all its touchpoints.
            plan.refresh(env, replan)
            hook("recorded")
        hook("noted")
    return noted


def _record(env: Env, row: store.Pending, auto_apply: bool | None, replan: set[int]) -> int:
    parsed = parse_message(row.raw)
    if parsed.date is None and row.arrived_at is not None:
        # No Date header: the server's arrival time is the next best thing.
        parsed = replace(parsed, date=row.arrived_at)
    return mail_intake.record(
        env,
        parsed,
        account=row.account,
        folder=row.folder,
        uidvalidity=row.uidvalidity,
        uid=row.uid,
        direction=DIRECTIONS[row.role],
        match=Match(row.application_id, row.contact_id, row.match_reason),
        auto_apply=auto_apply,
        to_refresh=replan,
    )
