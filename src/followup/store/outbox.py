"""The outbox: one row per follow-up on its way out, so that sending is exactly-once.

States: `prepared` (rendered, nothing went out), `sending` (committed right before
the SMTP DATA: from here on the message may have reached the server), `sent`,
`drafted` (in the Drafts folder; not sent) and `failed` (the server refused it, so
nothing went out). Only `followup.app.mail_sending` moves an item between them.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

from followup.store.db import Store

ATTEMPT = 0  # hashed into the Message-ID; a deliberate second message would be attempt 1
STATES = ("prepared", "sending", "sent", "drafted", "failed")

_COLUMNS = (
    "id, action_id, application_id, account, message_id, mode, state, raw, error, touchpoint_id, created_at, updated_at"
)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    action_id: str
    application_id: int | None
    account: str
    message_id: str
    mode: str  # 'draft' or 'send': what the user asked for last
    state: str
    raw: bytes  # the exact RFC 5322 bytes that go to the server (and to Drafts/Sent)
    error: str | None
    touchpoint_id: int | None
    created_at: str
    updated_at: str

    def message(self) -> EmailMessage:
        message = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return message

    def recipients(self) -> list[tuple[str, str]]:
        """(name, address) of everyone in To, read back from the bytes that are sent."""
        return [(a.display_name, a.addr_spec) for a in getattr(self.message()["To"], "addresses", ())]

    def people(self) -> str:
        """Whom it goes to, as a message to the user names them: each name, else the address."""
        return ", ".join(name or address for name, address in self.recipients())


def message_id_for(owner: int, sender_email: str, action_id: str, attempt: int = ATTEMPT) -> str:
    """The same id for every try of one follow-up, so a retry can be recognised (and deduplicated).

    The sender's address is hashed in too: action ids restart at 1 in every database,
    and two people's thank-yous must never share an id.
    """
    address = sender_email.strip().lower()
    domain = address.rpartition("@")[2]
    if not domain.isascii():
        domain = domain.encode("idna").decode("ascii")
    key = f"{owner}\0{address}\0{action_id}\0{attempt}".encode()
    return f"<followup.{hashlib.sha256(key).hexdigest()[:32]}@{domain}>"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _item(row: tuple[Any, ...]) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        action_id=row[1],
        application_id=row[2],
        account=row[3],
        message_id=row[4],
        mode=row[5],
        state=row[6],
        raw=bytes(row[7]),
        error=row[8],
        touchpoint_id=row[9],
        created_at=row[10],
        updated_at=row[11],
    )


def get(store: Store, item_id: int) -> OutboxItem:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE owner_id = ? AND id = ?", (store.owner, item_id)
    ).fetchone()
    if row is None:
        raise LookupError(f"outbox item {item_id} does not exist")
    return _item(row)


def by_message_id(store: Store, message_id: str) -> OutboxItem | None:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE owner_id = ? AND message_id = ?", (store.owner, message_id)
    ).fetchone()
    return _item(row) if row else None


def for_action(store: Store, action_ref: str) -> list[OutboxItem]:
    """Items whose action id is `action_ref` or starts with it (as the user types ids), newest first."""
    pattern = action_ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE owner_id = ? AND action_id LIKE ? ESCAPE '\\' ORDER BY id DESC",
        (store.owner, pattern),
    ).fetchall()
    return [_item(r) for r in rows]


def upsert_prepared(
    store: Store,
    *,
    action_id: str,
    application_id: int | None,
    account: str,
    message_id: str,
    mode: str,
    raw: bytes,
    now: datetime,
) -> OutboxItem:
    """Write the freshly rendered message for `message_id`, unless it may already have gone out.

    An item in `sending` or `sent` keeps its stored bytes: a retry must send exactly
    what the server may already have, and a sent message is history.
    """
    existing = by_message_id(store, message_id)
    if existing is None:
        row = store.conn.execute(
            "INSERT INTO outbox (owner_id, action_id, application_id, account, message_id, mode, state, raw,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'prepared', ?, ?, ?) RETURNING id",
            (store.owner, action_id, application_id, account, message_id, mode, raw, _iso(now), _iso(now)),
        ).fetchone()
        return get(store, int(row[0]))
    if existing.state in ("sending", "sent"):
        return existing
    # A drafted item keeps its state (it is in the Drafts folder); the others start over.
    state = "drafted" if existing.state == "drafted" else "prepared"
    store.conn.execute(
        "UPDATE outbox SET mode = ?, state = ?, raw = ?, account = ?, error = NULL, updated_at = ?"
        " WHERE owner_id = ? AND id = ?",
        (mode, state, raw, account, _iso(now), store.owner, existing.id),
    )
    return get(store, existing.id)


def set_state(
    store: Store,
    item_id: int,
    state: str,
    now: datetime,
    *,
    error: str | None = None,
    touchpoint_id: int | None = None,
) -> OutboxItem:
    if state not in STATES:
        raise ValueError(f"unknown outbox state {state!r}")
    store.conn.execute(
        "UPDATE outbox SET state = ?, error = ?, touchpoint_id = COALESCE(?, touchpoint_id), updated_at = ?"
        " WHERE owner_id = ? AND id = ?",
        (state, error, touchpoint_id, _iso(now), store.owner, item_id),
    )
    return get(store, item_id)


def set_filed(store: Store, item_id: int, filed: str) -> None:
    """Note who filed the sent copy in Sent ('provider' or 'copied')."""
    store.conn.execute("UPDATE outbox SET filed = ? WHERE owner_id = ? AND id = ?", (filed, store.owner, item_id))


def provider_files_sent(store: Store, account: str) -> bool | None:
    """Whether the account's provider put the last follow-up sent through it into Sent by itself; None: unknown."""
    row = store.conn.execute(
        "SELECT filed FROM outbox WHERE owner_id = ? AND account = ? AND state = 'sent' AND filed IS NOT NULL "
        "ORDER BY updated_at DESC, id DESC LIMIT 1",
        (store.owner, account),
    ).fetchone()
    return None if row is None else row[0] == "provider"
