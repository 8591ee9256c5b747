"""The secrets an account keeps in hosted mode (mail passwords, OAuth tokens, the push address).

Only ciphertext crosses this module: the encryption, and the server key it needs, belong to
the application layer (`app/stored_secrets.py`). A secret is known by its service (the OS
keyring's name for the same thing in the single-user app, e.g. "followup-mail") and a name
within it (the mail account's user name, "push_url").

Rotation reads and rewrites the rows of every owner (`all_rows`, `rewrite`): it is the
operator's job, not one account's, so those two take the connection rather than a `Store`.
"""

from __future__ import annotations

from collections.abc import Iterable

from followup.store.db import Connection, Store


def get(store: Store, service: str, name: str) -> str | None:
    row = store.conn.execute(
        "SELECT ciphertext FROM owner_secret WHERE owner_id = ? AND service = ? AND name = ?",
        (store.owner, service, name),
    ).fetchone()
    return str(row[0]) if row else None


def put(store: Store, service: str, name: str, ciphertext: str, now_iso: str) -> None:
    store.conn.execute(
        "INSERT INTO owner_secret (owner_id, service, name, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (owner_id, service, name) DO UPDATE SET ciphertext = excluded.ciphertext, "
        "updated_at = excluded.updated_at",
        (store.owner, service, name, ciphertext, now_iso),
    )


def delete(store: Store, service: str, name: str) -> bool:
    done = store.conn.execute(
        "DELETE FROM owner_secret WHERE owner_id = ? AND service = ? AND name = ?", (store.owner, service, name)
    )
    return done.rowcount > 0


def names(store: Store, service: str) -> list[str]:
    """The names this owner keeps a secret under in `service` (what a form may show as "saved")."""
    rows = store.conn.execute(
        "SELECT name FROM owner_secret WHERE owner_id = ? AND service = ? ORDER BY name", (store.owner, service)
    ).fetchall()
    return [str(row[0]) for row in rows]


def all_rows(conn: Connection) -> list[tuple[int, str, str, str]]:
    """(owner, service, name, ciphertext) of every account, in a stable order."""
    rows = conn.execute(
        "SELECT owner_id, service, name, ciphertext FROM owner_secret ORDER BY owner_id, service, name"
    ).fetchall()
    return [(int(row[0]), str(row[1]), str(row[2]), str(row[3])) for row in rows]


def rewrite(conn: Connection, rows: Iterable[tuple[int, str, str, str, str]]) -> None:
    """Replace each (owner, service, name, old ciphertext, new ciphertext) where it is still the old one: a
    secret saved again meanwhile (by a process that already encrypts with the newest key) stays as saved.
    `updated_at` stays too, as the secret itself did not change."""
    conn.executemany(
        "UPDATE owner_secret SET ciphertext = ? WHERE owner_id = ? AND service = ? AND name = ? AND ciphertext = ?",
        [(new, owner, service, name, old) for owner, service, name, old, new in rows],
    )
