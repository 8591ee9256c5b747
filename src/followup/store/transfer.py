"""The few queries export and import need beyond `records` and `actions`.

Export reads decisions with their kind and note (the playbook's reader leaves
both out); import sets a touchpoint's action id once every touchpoint of its
application exists, because the id may name a reply listed after it, and
remembers the column mapping the user chose for a file's headers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followup.domain.model import DecisionState
from followup.store.convert import instant, instant_or_none, iso
from followup.store.db import Store


@dataclass(frozen=True, slots=True)
class DecisionRow:
    action_id: str
    application_id: int | None
    kind: str
    state: DecisionState
    at: datetime
    until: datetime | None
    note: str | None


def all_decisions(store: Store) -> list[DecisionRow]:
    rows = store.conn.execute(
        "SELECT action_id, application_id, kind, state, at, until, note FROM action_decision "
        "WHERE owner_id = ? ORDER BY at, action_id",
        (store.owner,),
    )
    return [
        DecisionRow(a, app, kind, DecisionState(state), instant(at), instant_or_none(until), note)
        for a, app, kind, state, at, until, note in rows
    ]


def decision_exists(store: Store, action_id: str) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM action_decision WHERE owner_id = ? AND action_id = ?", (store.owner, action_id)
    ).fetchone()
    return row is not None


def set_touchpoint_action(store: Store, touchpoint_id: int, action_id: str) -> None:
    store.conn.execute(
        "UPDATE touchpoint SET action_id = ? WHERE id = ? AND owner_id = ?",
        (action_id, touchpoint_id, store.owner),
    )


def last_touchpoint_times(store: Store) -> dict[int, datetime]:
    """When each application last had a message, call or letter, either way."""
    rows = store.conn.execute(
        "SELECT application_id, max(occurred_at) FROM touchpoint WHERE owner_id = ? GROUP BY application_id",
        (store.owner,),
    )
    return {app_id: instant(at) for app_id, at in rows}


def load_import_mapping(store: Store, header_key: str) -> dict[str, Any] | None:
    """The mapping last saved for files with these headers, or None."""
    row = store.conn.execute(
        "SELECT mapping FROM import_mapping WHERE owner_id = ? AND header_key = ?", (store.owner, header_key)
    ).fetchone()
    if row is None:
        return None
    try:
        mapping = json.loads(row[0])
    except ValueError:
        return None
    return mapping if isinstance(mapping, dict) else None


def save_import_mapping(store: Store, header_key: str, mapping: dict[str, Any], now: datetime) -> None:
    """Remember `mapping` for files with these headers, replacing the one saved before."""
    store.conn.execute(
        "INSERT INTO import_mapping (owner_id, header_key, mapping, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (owner_id, header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        (store.owner, header_key, json.dumps(mapping, ensure_ascii=False, sort_keys=True), iso(now)),
    )
