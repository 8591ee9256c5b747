"""The record of reminders sent: one row per follow-up and due time, and one per day's digest.

`claim` is the whole protocol: inside the transaction that sends, it inserts the row and
says whether this caller was the first. A second process (or the same one after a restart)
finds the row there and sends nothing; a send that fails rolls the claim back with it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from followup.store.convert import iso
from followup.store.db import Store


def claim(store: Store, about: str, due: str, at: datetime) -> bool:
    """Record that `about` (an action id, or 'digest') is reminded of for `due`; False when it already was."""
    cursor = store.conn.execute(
        "INSERT INTO reminder_sent (owner_id, about, due, sent_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (owner_id, about, due) DO NOTHING",
        (store.owner, about, due, iso(at)),
    )
    return cursor.rowcount == 1


def already_sent(store: Store, keys: Collection[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (about, due) pairs were already reminded of."""
    if not keys:
        return set()
    abouts = sorted({about for about, _due in keys})
    marks = ",".join("?" * len(abouts))
    rows = store.conn.execute(
        f"SELECT about, due FROM reminder_sent WHERE owner_id = ? AND about IN ({marks})",
        (store.owner, *abouts),
    )
    return {(about, due) for about, due in rows} & set(keys)
