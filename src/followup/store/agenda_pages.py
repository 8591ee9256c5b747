"""The agenda one page at a time, for the web API: a keyset range on `pending_action(owner_id, due)`.

`store.actions.agenda` returns the whole agenda (what the CLI prints); with
thousands of applications the API reads it in pages instead. The order is the
same, `(due, id)`, and the index already holds both columns (the table is
WITHOUT ROWID with `id` in its key), so a page is a short index range that
stops after `limit` rows, wherever it starts.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from followup.store.actions import AGENDA_SELECT, PendingRow
from followup.store.convert import iso
from followup.store.db import Store

STATUSES = ("overdue", "due", "upcoming")


def _filters(
    owner: int,
    now: datetime,
    until: datetime,
    application_id: int | None,
    prefix: str = "",
) -> tuple[str, list[Any]]:
    """What every agenda page shares: due by `until`, not expired at `now`, optionally one application."""
    sql = f"{prefix}owner_id = ? AND {prefix}due <= ? AND ({prefix}expires IS NULL OR {prefix}expires > ?)"
    params: list[Any] = [owner, iso(until), iso(now)]
    if application_id is not None:
        sql += f" AND {prefix}application_id = ?"
        params.append(application_id)
    return sql, params


def _status_sql(statuses: Collection[str], now_text: str, prefix: str = "p.") -> tuple[str, list[Any]]:
    """SQL for `agenda.status_at` (with `now` in whole seconds, as the stored instants are)."""
    overdue = f"({prefix}deadline IS NOT NULL AND {prefix}deadline < ?)"
    conditions = {
        "overdue": (overdue, [now_text]),
        "due": (f"(NOT {overdue} AND {prefix}due <= ?)", [now_text, now_text]),
        "upcoming": (f"(NOT {overdue} AND {prefix}due > ?)", [now_text, now_text]),
    }
    chosen = [conditions[s] for s in STATUSES if s in statuses]
    return "(" + " OR ".join(c for c, _ in chosen) + ")", [p for _, params in chosen for p in params]


def agenda_page(
    store: Store,
    now: datetime,
    until: datetime,
    *,
    limit: int,
    after: tuple[str, str] | None = None,
    statuses: Collection[str] | None = None,
    application_id: int | None = None,
) -> list[PendingRow]:
    """Up to `limit` pending actions after the key `after` = (stored due, id), earliest first.

    `now` must be in whole seconds: the statuses compare it with stored instants.
    """
    where, params = _filters(store.owner, now, until, application_id, "p.")
    if after is not None:
        where += " AND (p.due, p.id) > (?, ?)"
        params += list(after)
    if statuses is not None and set(statuses) != set(STATUSES):
        if not statuses:
            return []
        condition, extra = _status_sql(statuses, iso(now))
        where += f" AND {condition}"
        params += extra
    rows = store.conn.execute(f"{AGENDA_SELECT}WHERE {where} ORDER BY p.due, p.id LIMIT ?", [*params, limit])
    return [PendingRow(*r) for r in rows]


def agenda_counts(
    store: Store,
    now: datetime,
    until: datetime,
    *,
    application_id: int | None = None,
) -> dict[str, int]:
    """How many pending actions are overdue, due and upcoming (within `until`), in one index range."""
    where, params = _filters(store.owner, now, until, application_id)
    now_text = iso(now)
    row = store.conn.execute(
        "SELECT count(*), "
        "coalesce(sum(CASE WHEN deadline IS NOT NULL AND deadline < ? THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN (deadline IS NULL OR deadline >= ?) AND due <= ? THEN 1 ELSE 0 END), 0) "
        f"FROM pending_action WHERE {where}",
        [now_text, now_text, now_text, *params],
    ).fetchone()
    total, overdue, due = row
    return {"overdue": overdue, "due": due, "upcoming": total - overdue - due}
