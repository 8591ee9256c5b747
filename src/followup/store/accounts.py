"""The SQL of hosted mode's accounts: people, their sessions, invitations, password resets,
failed sign-ins and coach links (schema 12, `migrations/0012_accounts.sql`).

These rows are the installation's, not one owner's: a sign-in looks an address up across
all accounts. Each function therefore names the owner it reads or writes explicitly, and
the `Store`'s own owner is not used. Tokens arrive here already hashed; no secret in clear
ever reaches the database. Times are the store's ISO UTC text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from followup.domain.accounts import Account
from followup.store.convert import instant, instant_or_none, iso
from followup.store.db import LOCAL_OWNER, Store

_ACCOUNT_COLUMNS = "owner_id, email, name, role, created_at, password_set_at, disabled_at"
# The same columns of the account joined as `a` (a coach's seekers, a seeker's coaches).
_JOINED_ACCOUNT_COLUMNS = ", ".join(f"a.{column}" for column in _ACCOUNT_COLUMNS.split(", "))


def _account(row: Any) -> Account:
    return Account(
        owner_id=int(row[0]),
        email=row[1],
        name=row[2],
        role=row[3],
        created_at=instant(row[4]),
        password_set_at=instant(row[5]),
        disabled_at=instant_or_none(row[6]),
    )


# -- accounts ---------------------------------------------------------------------------------------


def add_account(store: Store, *, email: str, name: str, role: str, password_hash: str, now: datetime) -> Account:
    """A new owner and its account; the owner's id comes from the database."""
    at = iso(now)
    row = store.conn.execute("INSERT INTO owner (name, created_at) VALUES (?, ?) RETURNING id", (name, at)).fetchone()
    owner_id = int(row[0])
    store.conn.execute(
        "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (owner_id, email, name, role, password_hash, at, at),
    )
    return Account(owner_id, email, name, role, created_at=instant(at), password_set_at=instant(at))


def account_by_email(store: Store, email: str) -> Account | None:
    row = store.conn.execute(f"SELECT {_ACCOUNT_COLUMNS} FROM account WHERE email = ?", (email,)).fetchone()
    return _account(row) if row else None


def account_by_owner(store: Store, owner_id: int) -> Account | None:
    row = store.conn.execute(f"SELECT {_ACCOUNT_COLUMNS} FROM account WHERE owner_id = ?", (owner_id,)).fetchone()
    return _account(row) if row else None


def password_hash_of(store: Store, owner_id: int) -> str | None:
    row = store.conn.execute("SELECT password_hash FROM account WHERE owner_id = ?", (owner_id,)).fetchone()
    return str(row[0]) if row else None


def set_password_hash(store: Store, owner_id: int, password_hash: str, now: datetime | None) -> None:
    """Store a new hash; `now` is the moment a new password was chosen, None for a rehash of the same one."""
    if now is None:
        store.conn.execute("UPDATE account SET password_hash = ? WHERE owner_id = ?", (password_hash, owner_id))
    else:
        store.conn.execute(
            "UPDATE account SET password_hash = ?, password_set_at = ? WHERE owner_id = ?",
            (password_hash, iso(now), owner_id),
        )


def set_disabled(store: Store, owner_id: int, at: datetime | None) -> None:
    store.conn.execute("UPDATE account SET disabled_at = ? WHERE owner_id = ?", (iso(at) if at else None, owner_id))


def all_accounts(store: Store) -> list[Account]:
    rows = store.conn.execute(f"SELECT {_ACCOUNT_COLUMNS} FROM account ORDER BY email").fetchall()
    return [_account(row) for row in rows]


def count_active_admins(store: Store) -> int:
    row = store.conn.execute("SELECT count(*) FROM account WHERE role = 'admin' AND disabled_at IS NULL").fetchone()
    return int(row[0])


def local_applications(store: Store) -> int:
    """Applications of the single-user app's owner (1), which no account owns."""
    row = store.conn.execute("SELECT count(*) FROM application WHERE owner_id = ?", (LOCAL_OWNER,)).fetchone()
    return int(row[0])


def figures(store: Store) -> dict[str, int]:
    """Aggregate figures across the installation: counts, never anyone's rows."""
    found: dict[str, int] = {}
    for role, active, disabled in store.conn.execute(
        "SELECT role, sum(CASE WHEN disabled_at IS NULL THEN 1 ELSE 0 END), "
        "sum(CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END) FROM account GROUP BY role"
    ):
        found[role] = int(active)
        found["disabled"] = found.get("disabled", 0) + int(disabled)
    # Applications of the accounts only: owner 1, the local app's owner, is nobody here.
    row = store.conn.execute(
        "SELECT count(*) FROM application WHERE owner_id IN (SELECT owner_id FROM account)"
    ).fetchone()
    found["applications"] = int(row[0])
    return found


# -- sessions ---------------------------------------------------------------------------------------


def add_session(store: Store, token_hash: str, owner_id: int, now: datetime, expires_at: datetime) -> None:
    store.conn.execute(
        "INSERT INTO account_session (token_hash, owner_id, created_at, seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (token_hash, owner_id, iso(now), iso(now), iso(expires_at)),
    )


def session(store: Store, token_hash: str) -> tuple[int, datetime, datetime] | None:
    """(owner, seen at, expires at) of a session, or None."""
    row = store.conn.execute(
        "SELECT owner_id, seen_at, expires_at FROM account_session WHERE token_hash = ?", (token_hash,)
    ).fetchone()
    return (int(row[0]), instant(row[1]), instant(row[2])) if row else None


def session_seen(store: Store, token_hash: str, now: datetime) -> None:
    store.conn.execute("UPDATE account_session SET seen_at = ? WHERE token_hash = ?", (iso(now), token_hash))


def end_session(store: Store, token_hash: str) -> None:
    store.conn.execute("DELETE FROM account_session WHERE token_hash = ?", (token_hash,))


def end_sessions_of(store: Store, owner_id: int) -> int:
    return store.conn.execute("DELETE FROM account_session WHERE owner_id = ?", (owner_id,)).rowcount


def end_expired_sessions(store: Store, now: datetime, idle_since: datetime) -> None:
    store.conn.execute("DELETE FROM account_session WHERE expires_at <= ? OR seen_at <= ?", (iso(now), iso(idle_since)))


# -- invitations ------------------------------------------------------------------------------------


def add_invitation(
    store: Store, token_hash: str, *, email: str, role: str, invited_by: int, now: datetime, expires_at: datetime
) -> None:
    # A new invitation replaces one not yet accepted for the same address: only the latest link works.
    store.conn.execute("DELETE FROM invitation WHERE email = ? AND accepted_at IS NULL", (email,))
    store.conn.execute(
        "INSERT INTO invitation (token_hash, email, role, invited_by, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (token_hash, email, role, invited_by, iso(now), iso(expires_at)),
    )


def invitation(store: Store, token_hash: str) -> tuple[str, str, datetime, datetime | None] | None:
    """(email, role, expires at, accepted at) of an invitation, or None."""
    row = store.conn.execute(
        "SELECT email, role, expires_at, accepted_at FROM invitation WHERE token_hash = ?", (token_hash,)
    ).fetchone()
    return (row[0], row[1], instant(row[2]), instant_or_none(row[3])) if row else None


def invitation_accepted(store: Store, token_hash: str, now: datetime) -> bool:
    """Mark it used; False when another request used it first (one account per invitation)."""
    cursor = store.conn.execute(
        "UPDATE invitation SET accepted_at = ? WHERE token_hash = ? AND accepted_at IS NULL", (iso(now), token_hash)
    )
    return cursor.rowcount == 1


def open_invitation_for(store: Store, email: str, now: datetime) -> tuple[str, str] | None:
    """(token hash, role) of the open invitation for `email`, or None (there is one at most: a new one replaces it)."""
    row = store.conn.execute(
        "SELECT token_hash, role FROM invitation WHERE email = ? AND accepted_at IS NULL AND expires_at > ?",
        (email, iso(now)),
    ).fetchone()
    return (row[0], row[1]) if row else None


def pending_invitations(store: Store, now: datetime) -> list[tuple[str, str, datetime]]:
    """(email, role, expires at) of the invitations still open."""
    rows = store.conn.execute(
        "SELECT email, role, expires_at FROM invitation WHERE accepted_at IS NULL AND expires_at > ? ORDER BY email",
        (iso(now),),
    ).fetchall()
    return [(row[0], row[1], instant(row[2])) for row in rows]


# -- sign-in with the organisation's provider -------------------------------------------------------
# The link from a provider's identity (its issuer and `sub`) to an account, kept in `meta` both ways
# (one identity per account), so that this optional way of signing in needed no change of schema.
# Keys: "openid-subject <issuer> <sub>" holds the owner; "openid-account <owner>" holds "<issuer> <sub>"
# (an issuer is a URL, which has no space).


def owner_of_identity(store: Store, issuer: str, subject: str) -> int | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (f"openid-subject {issuer} {subject}",)).fetchone()
    return int(row[0]) if row else None


def identity_of(store: Store, owner_id: int) -> tuple[str, str] | None:
    """(issuer, sub) the account is linked to, or None."""
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (f"openid-account {owner_id}",)).fetchone()
    if not row:
        return None
    issuer, _, subject = str(row[0]).partition(" ")
    return issuer, subject


def link_identity(store: Store, owner_id: int, issuer: str, subject: str) -> None:
    """Link the account to this identity, replacing the identity it was linked to before."""
    before = identity_of(store, owner_id)
    if before is not None:
        store.conn.execute("DELETE FROM meta WHERE key = ?", (f"openid-subject {before[0]} {before[1]}",))
    for key, value in (
        (f"openid-subject {issuer} {subject}", str(owner_id)),
        (f"openid-account {owner_id}", f"{issuer} {subject}"),
    ):
        store.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


# -- password resets --------------------------------------------------------------------------------


def add_reset(store: Store, token_hash: str, owner_id: int, now: datetime, expires_at: datetime) -> None:
    store.conn.execute(
        "INSERT INTO password_reset (token_hash, owner_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        (token_hash, owner_id, iso(now), iso(expires_at)),
    )


def reset(store: Store, token_hash: str) -> tuple[int, datetime, datetime | None] | None:
    """(owner, expires at, used at) of a reset, or None."""
    row = store.conn.execute(
        "SELECT owner_id, expires_at, used_at FROM password_reset WHERE token_hash = ?", (token_hash,)
    ).fetchone()
    return (int(row[0]), instant(row[1]), instant_or_none(row[2])) if row else None


def reset_used(store: Store, token_hash: str, now: datetime) -> bool:
    cursor = store.conn.execute(
        "UPDATE password_reset SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", (iso(now), token_hash)
    )
    return cursor.rowcount == 1


def end_resets_of(store: Store, owner_id: int, now: datetime) -> None:
    """Every open reset link of the account stops working (its password was just set)."""
    store.conn.execute(
        "UPDATE password_reset SET used_at = ? WHERE owner_id = ? AND used_at IS NULL", (iso(now), owner_id)
    )


# -- failed sign-ins --------------------------------------------------------------------------------


def add_failure(store: Store, about: str, now: datetime, forget_before: datetime) -> None:
    store.conn.execute("DELETE FROM sign_in_failure WHERE at < ?", (iso(forget_before),))
    store.conn.execute("INSERT INTO sign_in_failure (about, at) VALUES (?, ?)", (about, iso(now)))


def failures_since(store: Store, about: str, since: datetime) -> list[datetime]:
    """When `about` failed since `since`, oldest first."""
    rows = store.conn.execute(
        "SELECT at FROM sign_in_failure WHERE about = ? AND at > ? ORDER BY at", (about, iso(since))
    ).fetchall()
    return [instant(row[0]) for row in rows]


def forget_failures(store: Store, about: str) -> None:
    store.conn.execute("DELETE FROM sign_in_failure WHERE about = ?", (about,))


# -- coaches ----------------------------------------------------------------------------------------


def add_coach_link(store: Store, seeker: int, coach: int, now: datetime) -> bool:
    cursor = store.conn.execute(
        "INSERT INTO coach_link (owner_id, coach_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (seeker, coach, iso(now)),
    )
    return cursor.rowcount == 1


def remove_coach_link(store: Store, seeker: int, coach: int) -> bool:
    cursor = store.conn.execute("DELETE FROM coach_link WHERE owner_id = ? AND coach_id = ?", (seeker, coach))
    return cursor.rowcount == 1


def coaches_of(store: Store, seeker: int) -> list[Account]:
    rows = store.conn.execute(
        f"SELECT {_JOINED_ACCOUNT_COLUMNS} FROM coach_link c JOIN account a ON a.owner_id = c.coach_id "
        "WHERE c.owner_id = ? ORDER BY a.email",
        (seeker,),
    ).fetchall()
    return [_account(row) for row in rows]


def seekers_of(store: Store, coach: int) -> list[Account]:
    rows = store.conn.execute(
        f"SELECT {_JOINED_ACCOUNT_COLUMNS} FROM coach_link c JOIN account a ON a.owner_id = c.owner_id "
        "WHERE c.coach_id = ? AND a.disabled_at IS NULL ORDER BY a.name, a.email",
        (coach,),
    ).fetchall()
    return [_account(row) for row in rows]
