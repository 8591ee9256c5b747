"""PostgreSQL's row-level security is the second wall between accounts: a query that forgot its owner
still sees no one else's rows, and cannot write into them.

These tests connect as an ordinary role that owns its database, as a deployment does (docs/hosting.md):
a superuser, which the other PostgreSQL tests use, passes row security by design.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from database_servers import PostgresServer
from followup.app.applications import NewApplication, add_application, add_contact
from followup.app.applications import NewContact as NewPerson
from followup.app.context import Env, bootstrap, env_for
from followup.domain.model import ContactRole
from followup.store import db

ROLE = "followup_app"
_numbers = itertools.count(1)


@pytest.fixture
def app_url(postgresql_server: PostgresServer) -> Iterator[str]:
    """An empty database owned by an ordinary role (no superuser, no BYPASSRLS), and the URL to it as that role."""
    postgresql_server.admin(
        f"DO $$ BEGIN CREATE ROLE {ROLE} LOGIN NOSUPERUSER NOBYPASSRLS; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    name = f"rls_{next(_numbers)}"
    postgresql_server.admin(f"CREATE DATABASE {name} OWNER {ROLE}")
    postgresql_server.created.append(name)
    yield postgresql_server.url(name).replace("postgres@", f"{ROLE}@", 1)
    postgresql_server.drop_created()


@pytest.fixture
def two_people(app_url: str, tmp_path: Path) -> Iterator[tuple[Env, Env, Env]]:
    config = tmp_path / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    base = bootstrap(app_url, str(config))
    with base.store.transaction() as conn:
        conn.execute("INSERT INTO owner (name, created_at) VALUES ('ann', '2026-12-06T09:00:00Z')")
        conn.execute("INSERT INTO owner (name, created_at) VALUES ('bob', '2026-12-06T09:00:00Z')")
    ids = [row[0] for row in base.conn.execute("SELECT id FROM owner WHERE name <> '' ORDER BY id")]
    ann, bob = env_for(base, ids[0]), env_for(base, ids[1])
    anvil = add_application(ann, NewApplication(company="Ann's Anvil", role="Smith"))
    add_contact(ann, NewPerson(name="Ann's Recruiter", role=ContactRole.RECRUITER), application_id=anvil.id)
    add_application(bob, NewApplication(company="Bob's Boatyard", role="Rigger"))
    yield base, ann, bob
    base.close()


def test_a_query_that_forgets_its_owner_sees_only_its_owners_rows(two_people: tuple[Env, Env, Env]) -> None:
    _, ann, bob = two_people
    # No owner in the WHERE clause: the first wall is missing, the second one holds.
    assert ann.conn.execute("SELECT company FROM application").fetchall() == [("Ann's Anvil",)]
    assert bob.conn.execute("SELECT company FROM application").fetchall() == [("Bob's Boatyard",)]
    assert bob.conn.execute("SELECT count(*) FROM contact").fetchone() == (0,)
    # Rows without an owner column are seen with their parent row only.
    assert bob.conn.execute("SELECT count(*) FROM application_contact").fetchone() == (0,)
    # Turn and turn about on one connection, as a web process serves one person after another.
    assert ann.conn.execute("SELECT count(*) FROM pending_action").fetchone()[0] > 0
    assert bob.conn.execute(
        "SELECT count(*) FROM pending_action WHERE application_id IN "
        "(SELECT id FROM application WHERE company = 'Ann''s Anvil')"
    ).fetchone() == (0,)


def test_no_one_can_write_into_anothers_rows(two_people: tuple[Env, Env, Env]) -> None:
    _, ann, bob = two_people
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"), bob.store.transaction():
        bob.conn.execute(
            "INSERT INTO contact (owner_id, name, created_at) VALUES (?, 'planted', '2026-12-06T09:00:00Z')",
            (ann.owner,),
        )
    # UPDATE and DELETE of rows one cannot see change nothing.
    with bob.store.transaction():
        assert bob.conn.execute("UPDATE application SET role = 'taken' WHERE owner_id = ?", (ann.owner,)).rowcount == 0
        assert bob.conn.execute("DELETE FROM contact WHERE owner_id = ?", (ann.owner,)).rowcount == 0
    assert ann.conn.execute("SELECT role FROM application").fetchall() == [("Smith",)]
    assert ann.conn.execute("SELECT name FROM contact").fetchall() == [("Ann's Recruiter",)]


def test_a_rolled_back_transaction_does_not_leave_the_wrong_owner_behind(two_people: tuple[Env, Env, Env]) -> None:
    _, ann, bob = two_people

    def bobs_turn_inside_anns_transaction() -> None:
        with ann.store.transaction():
            ann.conn.execute("SELECT 1")
            bob.conn.execute("SELECT 1")  # bob's turn starts inside ann's transaction...
            raise RuntimeError  # ...which is rolled back, and with it the change of owner

    with pytest.raises(RuntimeError):
        bobs_turn_inside_anns_transaction()
    assert bob.conn.execute("SELECT company FROM application").fetchall() == [("Bob's Boatyard",)]
    assert ann.conn.execute("SELECT company FROM application").fetchall() == [("Ann's Anvil",)]


def test_the_installation_sees_every_owner_and_a_bare_connection_only_the_local_user(
    two_people: tuple[Env, Env, Env],
) -> None:
    base, _, _ = two_people
    everyone = db.Store(base.store.conn, owner=db.INSTALLATION)
    assert everyone.conn.execute("SELECT count(*) FROM application").fetchone() == (2,)
    assert base.conn.execute("SELECT count(*) FROM application").fetchone() == (0,)


def test_every_table_with_someones_rows_has_row_security(two_people: tuple[Env, Env, Env]) -> None:
    base, _, _ = two_people
    open_on_purpose = {
        "owner", "account", "account_session", "invitation", "password_reset", "sign_in_failure",
        "meta", "schema_version",
    }  # fmt: skip
    rows = base.conn.execute(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
    ).fetchall()
    unguarded = sorted(name for name, enabled, forced in rows if not (enabled and forced))
    assert unguarded == sorted(open_on_purpose)
