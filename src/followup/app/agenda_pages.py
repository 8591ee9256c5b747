"""The agenda in pages (for the web API): the same items, in the same order, as `agenda.agenda`.

A page is read with one short indexed range query (store/agenda_pages.py), and
the pipeline nudge, which is not stored, is merged in at its place. Pages are
keyed by the last item's (due, id), so walking them never skips or repeats an
item even while others are added or done in between.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta

from followup.app import agenda, plan
from followup.app.agenda import AgendaItem
from followup.app.context import Env
from followup.errors import InvalidInput
from followup.store import agenda_pages as store
from followup.store.convert import iso

STATUSES = store.STATUSES
# The key of an item: its due instant as stored (UTC text, sorts like the instant) and its id.
Key = tuple[str, str]


@dataclass(frozen=True)
class AgendaPage:
    items: list[AgendaItem]
    next_key: Key | None  # where the next page starts; None on the last page
    total: int  # how many items match, on all pages
    counts: dict[str, int] = field(default_factory=dict)  # overdue/due/upcoming, before the status filter


def key_of(item: AgendaItem) -> Key:
    return iso(item.due), item.id


def page(
    env: Env,
    *,
    days: int = 7,
    limit: int = 50,
    after: Key | None = None,
    statuses: Collection[str] | None = None,
    application_id: int | None = None,
) -> AgendaPage:
    """Up to `limit` agenda items after `after`, earliest first, as `agenda.agenda(env, days)` lists them."""
    if days < 0:
        raise InvalidInput("days cannot be negative", where="days", hint="Use days=0 for what is due now.")
    if limit < 1:
        raise InvalidInput("limit must be at least 1", where="limit")
    plan.ensure_fresh(env)
    # Whole seconds, like the stored instants, so that SQL and Python agree on each status.
    now = env.now().replace(microsecond=0)
    tz = env.tz
    until = now + timedelta(days=days)
    wanted = set(STATUSES if statuses is None else statuses)
    rows = store.agenda_page(
        env.store,
        now,
        until,
        limit=limit + 1,
        after=after,
        statuses=wanted,
        application_id=application_id,
    )
    items = [agenda.item_from_row(env, row, now, tz) for row in rows]
    counts = store.agenda_counts(env.store, now, until, application_id=application_id)
    nudge = agenda.keep_searching(env) if application_id is None else None
    if nudge is not None and nudge.due <= until:
        item = agenda.item_from_nudge(env, nudge)
        item = item._replace(status=agenda.status_at(item.due, None, now))
        counts[item.status] += 1
        if item.status in wanted and (after is None or key_of(item) > after):
            items.append(item)
            items.sort(key=key_of)
    total = sum(counts[s] for s in wanted)
    more = len(items) > limit
    items = items[:limit]
    return AgendaPage(items, key_of(items[-1]) if more else None, total, counts)
