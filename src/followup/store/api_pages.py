"""Applications and contacts a page at a time, for the web API (by offset, or after a key).

Same rows and order as `records.list_applications` (newest first) and
`records.list_contacts` (by name), with LIMIT/OFFSET or a keyset cursor and the
total count. Search text is matched literally: `%` and `_` are not wildcards.
"""

from __future__ import annotations

from typing import Any

from followup.domain.model import Application, Contact
from followup.store.db import Store
from followup.store.records import (
    APPLICATION_SEARCHED,
    APPLICATION_SELECT,
    CONTACT_SEARCHED,
    CONTACT_SELECT,
    application_from_row,
    contact_from_row,
    matching,
)


def application_page(
    store: Store,
    *,
    status: str | None = None,
    search: str | None = None,
    limit: int,
    offset: int = 0,
    before: tuple[str, int] | None = None,
) -> tuple[list[Application], int]:
    """Up to `limit` applications, newest first, and how many match in all.

    `before` is the (stored created_at, id) of the last one already seen.
    """
    where = "owner_id = ?"
    params: list[Any] = [store.owner]
    if status:
        where += " AND status = ?"
        params.append(status)
    if search:
        found, values = matching(store, APPLICATION_SEARCHED, search)
        where += f" AND {found}"
        params += values
    total = store.conn.execute(f"SELECT count(*) FROM application WHERE {where}", params).fetchone()[0]
    if before is not None:
        where += " AND (created_at, id) < (?, ?)"
        params += list(before)
    rows = store.conn.execute(
        f"{APPLICATION_SELECT} WHERE {where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [application_from_row(r) for r in rows], total


def created_key(store: Store, app_id: int) -> tuple[str, int] | None:
    """The stored (created_at, id) of an application: the cursor after it."""
    row = store.conn.execute(
        "SELECT created_at, id FROM application WHERE id = ? AND owner_id = ?", (app_id, store.owner)
    )
    found = row.fetchone()
    return (found[0], found[1]) if found else None


def contact_page(
    store: Store,
    *,
    application_id: int | None = None,
    search: str | None = None,
    limit: int,
    offset: int = 0,
    after: tuple[str, int] | None = None,
) -> tuple[list[Contact], int]:
    """Up to `limit` contacts by name, and how many match in all; `after` is the last (name, id) seen."""
    where = "owner_id = ?"
    params: list[Any] = [store.owner]
    if application_id is not None:
        where += " AND id IN (SELECT contact_id FROM application_contact WHERE application_id = ?)"
        params.append(application_id)
    if search:
        found, values = matching(store, CONTACT_SEARCHED, search)
        where += f" AND {found}"
        params += values
    total = store.conn.execute(f"SELECT count(*) FROM contact WHERE {where}", params).fetchone()[0]
    if after is not None:
        where += " AND (name, id) > (?, ?)"
        params += list(after)
    rows = store.conn.execute(
        f"{CONTACT_SELECT} WHERE {where} ORDER BY name, id LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return [contact_from_row(r) for r in rows], total
