"""Look inside one agenda run: the SQL it executes with their query plans, and where the time goes.

Usage:
    benchmarks/.venv/bin/python benchmarks/probe.py DB SETTINGS [--now ISO] [--repeat N]

Prints JSON. `statements` lists every SQL statement the agenda executes (as
sent to SQLite, parameters filled in) with its `EXPLAIN QUERY PLAN`, and
`full_scans` those whose plan has a SCAN of a table rather than a SEARCH by an
index; the statements of the text agenda's page (`by_status`) follow those of
the whole agenda (`--json`), each once. `phases` holds medians, in milliseconds, over --repeat in-process runs
after one warm-up (one run when the warm-up took over 2 s): opening (settings and database); building the agenda
(`followup.app.agenda.agenda()`, what --json prints), and of that the pending-action query alone; building
the page the text agenda prints (`by_status`, 25 of each status); and writing the page as text (the CLI's own
renderer, into memory as through a pipe) or the whole agenda as JSON.
Runs in the benchmark's venv, where `followup` is installed.
"""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import redirect_stdout
from datetime import datetime, timedelta
from typing import Any

DEFAULT_NOW = "2026-11-22T09:00:00+01:00"


def agenda_function() -> Callable[..., list[Any]]:
    """What `followup agenda` calls to build its items."""
    from followup.app.agenda import agenda

    return agenda


def page_function() -> Callable[..., Any]:
    """What `followup agenda` (text) calls to build the page it prints."""
    from followup.app.agenda import by_status
    from followup.cli.agenda import PAGE

    return lambda env, days=7: by_status(env, days, first=PAGE)


def statements_of_agenda(db: str, settings: str, now: datetime) -> list[dict[str, Any]]:
    from followup.app.context import bootstrap

    env = bootstrap(db, settings, clock=lambda: now)
    assert isinstance(env.conn, sqlite3.Connection), "the probe traces SQLite's statements"
    seen: list[str] = []
    env.conn.set_trace_callback(seen.append)
    try:
        agenda_function()(env)
        page_function()(env)
    finally:
        env.conn.set_trace_callback(None)
    out = []
    for sql in dict.fromkeys(seen):
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            out.append({"sql": sql, "plan": []})
            continue
        plan = [row[3] for row in env.conn.execute("EXPLAIN QUERY PLAN " + sql)]
        out.append({"sql": sql, "plan": plan})
    env.close()
    return out


def median_ms(run: Callable[[], object], repeat: int) -> float:
    started = time.perf_counter()
    run()  # warm-up: lazy imports and the page cache
    if time.perf_counter() - started > 2.0:
        repeat = 1  # a stress data set: one more run says enough
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def phases(db: str, settings: str, now: datetime, repeat: int) -> dict[str, Any]:
    from rich.console import Console

    from followup.app.context import bootstrap
    from followup.cli import agenda as agenda_cli
    from followup.cli import render
    from followup.store import actions

    def open_env() -> None:
        bootstrap(db, settings, clock=lambda: now).close()

    build = agenda_function()
    build_page = page_function()
    env = bootstrap(db, settings, clock=lambda: now)
    items = build(env)
    page = build_page(env)

    def query() -> None:
        actions.agenda(env.store, now, now + timedelta(days=7))

    def as_text() -> None:
        # Into memory, as through a pipe: stdout for plain output, and the CLI's
        # module-level Rich console, should the renderer use it.
        render._console = Console(highlight=False, file=io.StringIO())
        with redirect_stdout(io.StringIO()):
            agenda_cli._print_agenda(page, 7)

    def as_json() -> None:
        with redirect_stdout(io.StringIO()):
            render.emit_json([item.to_json() for item in items])

    result = {
        "items": len(items),
        "open_ms": median_ms(open_env, repeat),
        "agenda_ms": median_ms(lambda: build(env), repeat),
        "query_ms": median_ms(query, repeat),
        "page_ms": median_ms(lambda: build_page(env), repeat),
        "render_text_ms": median_ms(as_text, repeat),
        "render_json_ms": median_ms(as_json, repeat),
    }
    render._console = None
    env.close()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("settings")
    parser.add_argument("--now", default=DEFAULT_NOW)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    now = datetime.fromisoformat(args.now)
    statements = statements_of_agenda(args.db, args.settings, now)
    full_scans = [s["sql"] for s in statements if any(step.startswith("SCAN") for step in s["plan"])]
    report = {
        "statements": statements,
        "full_scans": full_scans,
        "phases": phases(args.db, args.settings, now, args.repeat),
    }
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
