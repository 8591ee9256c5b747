"""The queries behind the Applications board and an application's page.

The board shows every application at once, so each query here reads one kind
of row for all of them in one go, rather than once per card.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from followup.domain.model import Interview, Touchpoint
from followup.store import actions as action_store
from followup.store import records
from followup.store.convert import instant, iso
from followup.store.db import Store


def interviews_by_application(store: Store) -> dict[int, list[Interview]]:
    found: dict[int, list[Interview]] = defaultdict(list)
    for row in store.conn.execute(
        f"{records.INTERVIEW_SELECT} WHERE owner_id = ? ORDER BY starts_at, id", (store.owner,)
    ):
        interview = records.interview_from_row(row)
        found[interview.application_id].append(interview)
    return found


def touchpoints_by_application(store: Store) -> dict[int, list[Touchpoint]]:
    found: dict[int, list[Touchpoint]] = defaultdict(list)
    for row in store.conn.execute(
        f"{records.TOUCHPOINT_SELECT} WHERE owner_id = ? ORDER BY occurred_at, id", (store.owner,)
    ):
        touchpoint = records.touchpoint_from_row(row)
        found[touchpoint.application_id].append(touchpoint)
    return found


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


def people_by_application(store: Store) -> dict[int, list[Person]]:
    """The contacts linked to each application, its recruiter included."""
    rows = store.conn.execute(
        "SELECT l.application_id, c.name, c.email, c.role FROM application_contact l "
        "JOIN contact c ON c.id = l.contact_id WHERE c.owner_id = ? "
        "UNION SELECT a.id, c.name, c.email, c.role FROM application a "
        "JOIN contact c ON c.id = a.recruiter_id WHERE a.owner_id = ? "
        "ORDER BY 1, 2",
        (store.owner, store.owner),
    )
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
