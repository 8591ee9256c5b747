"""Reading and writing the text of a draft as the user edited it (one per action and draft).

Every query is scoped to the store's owner. The columns a caller may set are listed
here, as in followup.store.records: the owner, the action and the draft's kind are the
key, set by the store (an action can offer two drafts, and the edit of one never replaces
the other's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followup.store.convert import instant, iso
from followup.store.db import Store

DRAFT_EDIT_COLUMNS = ["application_id", "subject", "body", "edited_at"]

# What an edit may hold: far above any follow-up, low enough that a form cannot fill the database.
SUBJECT_LIMIT = 300
BODY_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class DraftEdit:
    action_id: str
    application_id: int | None
    kind: str  # the DraftKind value of the draft that was edited
    subject: str
    body: str
    edited_at: datetime


def save(store: Store, action_id: str, kind: str, values: Mapping[str, Any]) -> None:
    """Keep the edited text of the `kind` draft (a DraftKind value) for `action_id`, replacing an
    earlier edit of that draft; the action's other draft keeps its own."""
    unknown = set(values) - set(DRAFT_EDIT_COLUMNS)
    if unknown:
        # A programming error, not the user's: refused before any SQL is built from the keys.
        raise ValueError(f"cannot set {', '.join(sorted(unknown))} of draft_edit")
    row = {name: (iso(v) if isinstance(v, datetime) else v) for name, v in values.items()}
    row |= {"owner_id": store.owner, "action_id": action_id, "kind": kind}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    updates = ", ".join(f"{name} = excluded.{name}" for name in values)
    store.conn.execute(
        f"INSERT INTO draft_edit ({names}) VALUES ({marks})"
        f" ON CONFLICT (owner_id, action_id, kind) DO UPDATE SET {updates}",
        list(row.values()),
    )


def get(store: Store, action_id: str, kind: str) -> DraftEdit | None:
    """The user's text of the `kind` draft for `action_id`; None when it follows the template."""
    row = store.conn.execute(
        "SELECT action_id, application_id, kind, subject, body, edited_at FROM draft_edit"
        " WHERE owner_id = ? AND action_id = ? AND kind = ?",
        (store.owner, action_id, kind),
    ).fetchone()
    if row is None:
        return None
    return DraftEdit(row[0], row[1], row[2], row[3], row[4], instant(row[5]))


def delete(store: Store, action_id: str, kind: str) -> bool:
    """Forget the edit of the `kind` draft for `action_id`; False when there was none."""
    cursor = store.conn.execute(
        "DELETE FROM draft_edit WHERE owner_id = ? AND action_id = ? AND kind = ?", (store.owner, action_id, kind)
    )
    return cursor.rowcount > 0


def all_edits(store: Store) -> list[DraftEdit]:
    """Every edit of the owner's drafts, for the export."""
    rows = store.conn.execute(
        "SELECT action_id, application_id, kind, subject, body, edited_at FROM draft_edit"
        " WHERE owner_id = ? ORDER BY edited_at, action_id, kind",
        (store.owner,),
    )
    return [DraftEdit(r[0], r[1], r[2], r[3], r[4], instant(r[5])) for r in rows]
