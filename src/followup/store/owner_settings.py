"""A hosted account's settings document (the TOML a settings file holds), one row per account."""

from __future__ import annotations

from followup.store.db import Store


def read(store: Store) -> str | None:
    row = store.conn.execute("SELECT document FROM owner_settings WHERE owner_id = ?", (store.owner,)).fetchone()
    return None if row is None else str(row[0])


def write(store: Store, document: str, now_iso: str) -> None:
    store.conn.execute(
        "INSERT INTO owner_settings (owner_id, document, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (owner_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at",
        (store.owner, document, now_iso),
    )
