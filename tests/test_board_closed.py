"""The Applications board for someone with years of closed applications: its Closed column shows the
latest closed and counts them all, and what the board reads grows with what it shows, not with them.

The first test runs on both stores; the second counts SQLite's own steps (its progress handler),
which do not depend on how busy the machine is.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from followup.app.context import Env
from followup.domain.stages import Stage
from followup.web.views import board as board_view

FIRST = datetime(2020, 1, 6, 9, tzinfo=UTC)


def _add(env: Env, count: int, *, status: str, start: int = 0) -> None:
    """`count` applications with `status`, each with a reply; closed ones closed a day apart, in order."""

    def stamp(n: int) -> str:
        return (FIRST + timedelta(days=n)).strftime("%Y-%m-%dT%H:%M:%SZ")

    with env.store.transaction():
        for n in range(start, start + count):
            closed_at = stamp(n) if status != "active" else None
            app_id = env.conn.execute(
                "INSERT INTO application (owner_id, company, role, status, applied_on, closed_at, created_at, "
                "updated_at) VALUES (?, ?, 'Analyst', ?, ?, ?, ?, ?) RETURNING id",
                (env.store.owner, f"Company {n}", status, stamp(n)[:10], closed_at, stamp(n), stamp(n)),
            ).fetchone()[0]
            env.conn.execute(
                "INSERT INTO touchpoint (owner_id, application_id, direction, channel, occurred_at, created_at) "
                "VALUES (?, ?, 'received', 'email', ?, ?)",
                (env.store.owner, app_id, stamp(n), stamp(n)),
            )


def test_the_closed_column_shows_the_latest_closed_and_counts_them_all(env: Env) -> None:
    _add(env, 3, status="active")
    _add(env, 20, status="rejected", start=100)
    columns = {column.stage: column for column in board_view.board(env)}
    closed = columns[Stage.CLOSED]
    assert closed.total == 20
    assert [card.application.company for card in closed.cards] == [f"Company {n}" for n in range(119, 107, -1)]
    assert sum(len(column.cards) for column in columns.values() if column.stage is not Stage.CLOSED) == 3


@pytest.mark.sqlite_only(reason="counts the SQLite engine's own steps")
def test_the_board_reads_no_more_of_each_closed_application_than_its_count(env: Env) -> None:
    conn = env.conn
    assert isinstance(conn, sqlite3.Connection)

    def steps() -> int:
        counted = [0]

        def count() -> int:
            counted[0] += 1
            return 0  # go on

        conn.set_progress_handler(count, 100)
        try:
            board_view.board(env)
        finally:
            conn.set_progress_handler(None, 100)
        return counted[0] * 100

    _add(env, 30, status="active")
    _add(env, 1000, status="rejected", start=100)
    board_view.board(env)  # once first: what is planned on first use is not what is measured
    at_1000 = steps()
    _add(env, 2000, status="rejected", start=1100)
    at_3000 = steps()
    # Each closed application costs the board its count (a few steps along an index), no longer the
    # reading of its row, its replies and its people (about 85 steps each).
    assert (at_3000 - at_1000) / 2000 < 10, (at_1000, at_3000)
