"""Column names never come from a caller: every insert and update checks them against a list.

The old attack: a key that is not a column (or is one the store owns) handed down
to an insert became part of the SQL. Both the store's lists and the application
layer's typed commands refuse it, before any statement is built.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest

from followup.app import applications
from followup.app.context import Env
from followup.domain.model import ApplicationStatus, Channel, ContactRole, Direction
from followup.store import mail as mail_store
from followup.store import records

ATTACKS = ["status = 'x'; --", "company) VALUES ('x', 'y'); --", "owner_id", "id", "created_at"]
NOW = datetime.fromisoformat("2026-11-16T09:00:00+01:00")


@pytest.fixture
def statements(env: Env) -> Iterator[list[str]]:
    """Every SQL statement the connection runs while the test does its part."""
    seen: list[str] = []
    if not isinstance(env.conn, sqlite3.Connection):
        # PostgreSQL (--store=postgresql) has no trace callback: every statement passes through execute().
        conn = env.conn

        def execute(sql: str, *parameters: Any) -> Any:
            seen.append(sql)
            return type(conn).execute(conn, sql, *parameters)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(conn, "execute", execute)
            yield seen
        return
    env.conn.set_trace_callback(seen.append)
    yield seen
    env.conn.set_trace_callback(None)


def inserts(env: Env) -> dict[str, Callable[[dict[str, Any]], int]]:
    app_id = records.add_application(env.store, NOW, company="ACME Corp", role="Data Analyst")
    return {
        "application": lambda values: records.add_application(env.store, NOW, **values),
        "contact": lambda values: records.add_contact(env.store, NOW, name="Ann Lee", role="interviewer", **values),
        "interview": lambda values: records.add_interview(
            env.store, app_id, NOW, [], starts_at=NOW, timezone="Europe/Berlin", **values
        ),
        "touchpoint": lambda values: records.add_touchpoint(
            env.store,
            NOW,
            application_id=app_id,
            direction="sent",
            channel="email",
            occurred_at=NOW,
            **values,
        ),
        "mail_message": lambda values: mail_store.add_mail_message(env.store, NOW, direction="received", **values),
    }


@pytest.mark.parametrize("table", ["application", "contact", "interview", "touchpoint", "mail_message"])
@pytest.mark.parametrize("column", ATTACKS)
def test_an_insert_refuses_a_column_it_does_not_list(env: Env, statements: list[str], table: str, column: str):
    insert = inserts(env)[table]
    values: dict[str, Any] = {"company": "Globex", "role": "Engineer"} if table == "application" else {}
    before = env.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    statements.clear()
    with pytest.raises(ValueError, match="cannot insert"):
        insert({**values, column: 2})
    assert statements == [], "the key was refused before any SQL was built"
    assert env.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == before


def test_the_store_sets_the_owner_and_the_creation_time_itself(env: Env):
    app_id = records.add_application(env.store, NOW, company="ACME Corp", role="Data Analyst")
    owner, created = env.conn.execute("SELECT owner_id, created_at FROM application WHERE id = ?", (app_id,)).fetchone()
    assert (owner, created) == (env.store.owner, "2026-11-16T08:00:00Z")


@pytest.mark.parametrize("column", ATTACKS)
def test_an_update_refuses_a_column_it_does_not_list(env: Env, statements: list[str], column: str):
    app_id = records.add_application(env.store, NOW, company="ACME Corp", role="Data Analyst")
    contact_id = records.add_contact(env.store, NOW, name="Ann Lee", role="interviewer")
    updates: list[Callable[[], None]] = [
        lambda: records.update_application(env.store, app_id, NOW, **{column: 2}),
        lambda: records.update_contact(env.store, contact_id, **{column: 2}),
        lambda: records.update_interview(env.store, 1, **{column: 2}),
        lambda: records.update_touchpoint(env.store, 1, **{column: 2}),
        lambda: mail_store.update_mail_message(env.store, 1, **{column: 2}),
    ]
    for update in updates:
        statements.clear()
        with pytest.raises(ValueError, match="cannot update"):
            update()
        assert statements == []
    assert env.conn.execute("SELECT owner_id FROM application WHERE id = ?", (app_id,)).fetchone()[0] == 1


@pytest.mark.parametrize("column", ATTACKS)
def test_a_command_has_no_field_for_a_column_the_store_owns(env: Env, column: str):
    app = applications.add_application(env, applications.NewApplication(company="ACME Corp", role="Data Analyst"))
    commands: list[Callable[..., object]] = [
        applications.NewApplication,
        applications.ApplicationChanges,
        applications.NewContact,
        applications.ContactChanges,
        applications.NewInterview,
        applications.InterviewChanges,
        applications.NewTouchpoint,
        applications.TouchpointChanges,
    ]
    for command in commands:
        with pytest.raises(TypeError):
            command(**{column: 2})
    # A door that forwards whatever it was sent (as the web forms and the API do) fails the same way.
    forwarded: dict[str, Any] = {"notes": "fine", column: 2}
    with pytest.raises(TypeError):
        applications.edit_application(env, app.id, applications.ApplicationChanges(**forwarded))
    assert applications.resolve_application(env, app.id).notes is None


def test_an_edit_changes_what_it_names_and_none_clears(env: Env):
    app = applications.add_application(
        env, applications.NewApplication(company="ACME Corp", role="Data Analyst", notes="Met at a fair")
    )
    renamed = applications.edit_application(env, app.id, applications.ApplicationChanges(role="Senior Analyst"))
    assert (renamed.role, renamed.notes, renamed.company) == ("Senior Analyst", "Met at a fair", "ACME Corp")
    cleared = applications.edit_application(env, app.id, applications.ApplicationChanges(notes=None))
    assert (cleared.role, cleared.notes) == ("Senior Analyst", None)


def test_a_command_takes_the_words_a_door_was_given_and_refuses_others(env: Env):
    new = applications.NewApplication(company="ACME Corp", role="Data Analyst", status="rejected")  # type: ignore[arg-type]
    assert new.status is ApplicationStatus.REJECTED
    with pytest.raises(ValueError, match="is not a valid ApplicationStatus"):
        applications.NewApplication(company="ACME Corp", role="Data Analyst", status="status = 'x'")  # type: ignore[arg-type]
    touchpoint = applications.NewTouchpoint(direction="received", channel="email")  # type: ignore[arg-type]
    assert (touchpoint.direction, touchpoint.channel) == (Direction.RECEIVED, Channel.EMAIL)
    assert applications.ContactChanges(role="recruiter").role is ContactRole.RECRUITER  # type: ignore[arg-type]
