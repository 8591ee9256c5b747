"""The agenda's and Today's work does not grow with the number of applications a person keeps.

Someone who has applied for years opens the same page as someone who started last week: what it
shows is a page of due actions, and every figure on it (the nudge to keep applying included) is
read by index. Measured in SQLite's own steps (its progress handler), which do not depend on how
busy the machine is.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from followup.app.agenda import by_status
from followup.app.context import Env

pytestmark = pytest.mark.sqlite_only(reason="counts the SQLite engine's own steps")

STEP = 1  # SQLite calls the handler every STEP virtual-machine instructions


def _add_applications(env: Env, count: int) -> None:
    first = date(2020, 1, 6)
    rows = [
        (
            env.store.owner,
            f"Company {n}",
            "Analyst",
            "active" if n % 100 == 0 else "rejected",  # years of applications, most of them closed
            (first + timedelta(days=n // 4)).isoformat(),
            f"{first + timedelta(days=n // 4)}T09:00:00Z",
        )
        for n in range(count)
    ]
    with env.store.transaction():
        env.conn.executemany(
            "INSERT INTO application (owner_id, company, role, status, applied_on, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*row, row[-1]) for row in rows],
        )


def _steps(env: Env) -> int:
    conn = env.conn
    assert isinstance(conn, sqlite3.Connection)
    counted = [0]

    def count() -> int:
        counted[0] += 1
        return 0  # go on

    conn.set_progress_handler(count, STEP)
    try:
        by_status(env, first=25)
    finally:
        conn.set_progress_handler(None, STEP)
    return counted[0] * STEP


def test_the_agenda_reads_as_much_at_3000_applications_as_at_1000(env: Env) -> None:
    _add_applications(env, 1000)
    by_status(env, first=25)  # once first: what is planned on first use is not what is measured
    at_1000 = _steps(env)
    _add_applications(env, 2000)
    by_status(env, first=25)
    at_3000 = _steps(env)
    # Without an index for the latest day applied, the nudge alone read every application: 2.9x.
    assert at_3000 < at_1000 * 1.3, (at_1000, at_3000)
