"""The queries behind the Applications board and an application's page.

The board shows many applications at once, so each query here reads one kind of row for all of
them in one go, rather than once per card. `Shown` says which applications the board shows:
every open one, and of the closed ones only the latest few (someone who has applied for years has
thousands closed, which the list and the search still find); its reads then go by their ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from followup.domain.model import Application, Interview, Touchpoint
from followup.store import actions as action_store
from followup.store import records
from followup.store.convert import instant, iso
from followup.store.db import Store


@dataclass(frozen=True)
class Shown:
    """The board's applications: those whose status is one of `open`, and the `latest` most recently
    closed of those with a status in `closed` (a closed application always has its closed_at)."""

    open: Collection[str]
    closed: Collection[str]
    latest: int


T = TypeVar("T")
_CHUNK = 500  # ids to a statement: far below either store's limit on parameters


def applications_on_board(store: Store, shown: Shown) -> tuple[list[Application], int]:
    """The applications `shown` (the latest created first), and how many are closed in all.

    Both halves go by index (the open ones by status, the latest closed backwards along closed_at),
    and the rows of what is shown are then read by id: a single statement joining the two let
    SQLite walk all of the owner's applications in created order to save a sort."""
    opened, closed = ", ".join("?" * len(shown.open)), ", ".join("?" * len(shown.closed))
    ids = [
        int(row[0])
        for row in store.conn.execute(
            f"SELECT id FROM application WHERE owner_id = ? AND status IN ({opened}) "
            "UNION ALL SELECT id FROM (SELECT id FROM application WHERE owner_id = ? AND closed_at IS NOT NULL "
            f"AND status IN ({closed}) ORDER BY closed_at DESC, id DESC LIMIT ?) AS latest_closed",
            (store.owner, *shown.open, store.owner, *shown.closed, shown.latest),
        )
    ]
    found = [records.application_from_row(row) for row in _rows_of(store, records.APPLICATION_SELECT, "id", ids)]
    found.sort(key=lambda app: (app.created_at, app.id), reverse=True)
    total = store.conn.execute(
        f"SELECT count(*) FROM application WHERE owner_id = ? AND status IN ({closed})", (store.owner, *shown.closed)
    ).fetchone()[0]
    return found, int(total)


def _rows_of(store: Store, select: str, column: str, ids: list[int]) -> Iterator[Any]:
    """The rows of `select` whose `column` is one of `ids`, in no order, by index on `column`."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        # `+owner_id`: the owner is named, as in every query, but not as the index to walk. Without
        # statistics SQLite takes the owner's index, which holds every one of a person's rows, for
        # more selective than a few ids (both stores read `+x` as x).
        sql = f"{select} WHERE +owner_id = ? AND {column} IN ({marks})"
        yield from store.conn.execute(sql, (store.owner, *chunk))


def _by_application(
    store: Store, select: str, moment: tuple[str, int], ids: list[int] | None, made: Callable[[Any], T]
) -> dict[int, list[T]]:
    """The rows of `select` made into values and grouped by application, earliest first (`moment`: the
    time's column, and its place in `select`; the id is first, the application's second): of every
    application, or of those in `ids`."""
    rows: Iterable[Any]
    column, place = moment
    if ids is None:
        rows = store.conn.execute(f"{select} WHERE owner_id = ? ORDER BY {column}, id", (store.owner,))
    else:
        rows = sorted(_rows_of(store, select, "application_id", ids), key=lambda row: (row[place], row[0]))
    found: dict[int, list[T]] = defaultdict(list)
    for row in rows:
        found[row[1]].append(made(row))
    return found


def interviews_by_application(store: Store, ids: list[int] | None = None) -> dict[int, list[Interview]]:
    """Each application's interviews, earliest first: of every application, or of those in `ids`."""
    return _by_application(store, records.INTERVIEW_SELECT, ("starts_at", 3), ids, records.interview_from_row)


def touchpoints_by_application(store: Store, ids: list[int] | None = None) -> dict[int, list[Touchpoint]]:
    """Each application's touchpoints, earliest first: of every application, or of those in `ids`."""
    return _by_application(store, records.TOUCHPOINT_SELECT, ("occurred_at", 7), ids, records.touchpoint_from_row)


def next_actions(store: Store, now: datetime) -> dict[int, action_store.PendingRow]:
    """Each application's earliest pending action that has not expired."""
    rows = store.conn.execute(
        action_store.AGENDA_SELECT + "WHERE p.owner_id = ? AND p.application_id IS NOT NULL "
        "AND (p.expires IS NULL OR p.expires > ?) ORDER BY p.due DESC, p.id DESC",
        (store.owner, iso(now)),
    )
    # Later rows overwrite earlier ones, so the earliest due wins.
    return {row.application_id: row for row in (action_store.PendingRow(*r) for r in rows) if row.application_id}


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str | None
    role: str


_LINKED = (
    "SELECT l.application_id, c.name, c.email, c.role FROM application_contact l JOIN contact c ON c.id = l.contact_id"
)
_RECRUITING = "SELECT a.id, c.name, c.email, c.role FROM application a JOIN contact c ON c.id = a.recruiter_id"


def people_by_application(store: Store, ids: list[int] | None = None) -> dict[int, list[Person]]:
    """The contacts linked to each application, its recruiter included: of every application, or of those in `ids`."""
    rows: Iterable[Any]
    if ids is None:
        rows = store.conn.execute(
            f"{_LINKED} WHERE c.owner_id = ? UNION {_RECRUITING} WHERE a.owner_id = ? ORDER BY 1, 2",
            (store.owner, store.owner),
        )
    else:
        rows = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            # By the applications' ids, not the owner's indexes (`+`: see _rows_of).
            rows += store.conn.execute(
                f"{_LINKED} WHERE +c.owner_id = ? AND l.application_id IN ({marks}) "
                f"UNION {_RECRUITING} WHERE +a.owner_id = ? AND a.id IN ({marks})",
                (store.owner, *chunk, store.owner, *chunk),
            ).fetchall()
        rows.sort(key=lambda row: (row[0], row[1]))
    found: dict[int, list[Person]] = defaultdict(list)
    for app_id, name, email, role in rows:
        found[app_id].append(Person(name, email, role))
    return found


@dataclass(frozen=True, slots=True)
class MailLink:
    """A synced message of an application: behind a touchpoint, or still waiting on the Replies page."""

    mail_id: int
    touchpoint_id: int | None
    message_id: str | None
    in_reply_to: str | None
    direction: str
    subject: str | None
    sender: str | None
    at: datetime


def mail_links(store: Store, app_id: int) -> list[MailLink]:
    rows = store.conn.execute(
        "SELECT id, touchpoint_id, message_id, in_reply_to, direction, subject, coalesce(from_name, from_addr), "
        "coalesce(sent_at, created_at) FROM mail_message WHERE owner_id = ? AND application_id = ? ORDER BY id",
        (store.owner, app_id),
    )
    return [
        MailLink(mail_id, touchpoint_id, message_id, in_reply_to, direction, subject, sender, instant(at))
        for mail_id, touchpoint_id, message_id, in_reply_to, direction, subject, sender, at in rows
    ]
