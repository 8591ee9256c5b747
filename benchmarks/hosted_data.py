"""A hosted installation for the web load benchmark: job seekers' accounts and applications in PostgreSQL.

Usage:
    python3 benchmarks/hosted_data.py [--seekers 10000] [--apps 30] [--seed 1] [--now ISO] [--rebuild]

Run it with a Python in which `followup` and its hosted extra are importable (e.g.
benchmarks/.venv/bin/python once hosted_rate.py has set it up). It starts a PostgreSQL of
its own (initdb and the server in a short temporary folder, on a free loopback port, as
the `postgres` user when run as root: what tests/database_servers.py does), builds the
installation or restores it from the cache, prints what it holds and how long that took,
and stops the server again. hosted_rate.py uses `installation()` to keep it running.

The installation is what a careers service's would be:

- `followup server init`, done by followup's own code (`app.accounts.init_server`):
  the first administrator, and the database marked hosted;
- the first job seeker invited and signed up through `app.accounts` (invitation,
  argon2 password), with the settings the single-user benchmark uses (Europe/Berlin,
  DE) kept as that account's settings in the database, and its plans' fingerprint
  recorded by `app.plan.ensure_fresh`;
- --seekers job seekers in all, each with --apps applications of a search under way
  (most within the last 8 months, 30-50 % of them active, with interviews, thank-yous,
  replies, status checks and calls: benchmarks/generate.py's people and events), and
  their follow-ups planned by followup's playbook as the user worked through them
  (generate.settle: done, skipped, or still pending). Every seeker's applications are
  generated apart (its own random stream), written to an SQLite file by followup's
  store in one process, and copied into PostgreSQL with COPY, ids unchanged (action ids
  are derived from them) and owners moved past the administrator's. The other seekers'
  accounts, settings and plan fingerprints are copies of the first one's in SQL (the same
  password hash): nothing would plan differently, so the first page view recomputes
  nothing.

The web processes connect as the ordinary role `followup`, which owns the tables, so
row-level security (schema 13) applies to them as it would in production; the copying
is done by the superuser. After loading: VACUUM ANALYZE. The result is cached as a
pg_dump custom-format file in benchmarks/data/ (with a manifest beside it) and restored
from there next time; --rebuild builds it again.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
import generate  # noqa: E402

DEFAULT_NOW = generate.DEFAULT_NOW
DATA_VERSION = 1  # bump when what is built changes: the cached dump is then built again
ROLE = "followup"  # what the web processes connect as: the tables' owner, not a superuser
DATABASE = "followup"
PASSWORD = "correct horse battery staple"
ADMIN_EMAIL = "careers-office@university.example"
SEARCH_DAYS = 240  # a careers service's seeker: a search of the last 8 months
# The tables of a seeker's applications, in an order that respects their foreign keys.
TABLES = (
    "contact",
    "application",
    "application_contact",
    "interview",
    "interview_participant",
    "reference_named",
    "touchpoint",
    "action_decision",
    "pending_action",
)
OWNED = {"contact", "application", "interview", "touchpoint", "action_decision", "pending_action"}
# pg_stat_statements: which statements the load spends PostgreSQL's time on (statements()).
SERVER_SETTINGS = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=50"]
SERVER_SETTINGS += ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pg_bin() -> str:
    found = glob.glob("/usr/lib/postgresql/*/bin")
    if not found:
        raise SystemExit("PostgreSQL is not installed (Debian package postgresql)")
    return max(found, key=lambda path: int(path.split("/")[-2]))


class PostgresServer:
    """A PostgreSQL of the benchmark's own: initdb in a short temp folder, a free loopback port."""

    def __init__(self) -> None:
        self.bin = pg_bin()
        self.folder = tempfile.mkdtemp(prefix="pg-bench-")  # short: a unix socket path has at most 107 bytes
        self.port = free_port()
        self.as_user: dict[str, Any] = {}
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.folder, "postgres", "postgres")
            self.as_user = {"user": "postgres", "group": "postgres", "extra_groups": []}
        initdb = [f"{self.bin}/initdb", "-D", f"{self.folder}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8"]
        initdb += ["--locale=C.UTF-8", "--no-sync"]
        subprocess.run(initdb, cwd=self.folder, check=True, stdout=subprocess.DEVNULL, **self.as_user)
        with open(f"{self.folder}/postgres.log", "wb") as log:
            self.process = subprocess.Popen(
                [
                    f"{self.bin}/postgres",
                    "-D",
                    f"{self.folder}/data",
                    "-p",
                    str(self.port),
                    "-k",
                    self.folder,
                    *SERVER_SETTINGS,
                ],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
                **self.as_user,
            )
        try:
            ready = [f"{self.bin}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]
            deadline = time.monotonic() + 30
            while subprocess.run(ready, check=False).returncode:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(Path(self.folder, "postgres.log").read_text())
                time.sleep(0.05)
        except BaseException:
            self.stop()
            raise

    @property
    def pid(self) -> int:
        return self.process.pid

    def url(self, user: str = ROLE, database: str = DATABASE) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url("postgres", database), autocommit=True) as conn:
            conn.execute(sql.encode())

    def create_database(self) -> None:
        self.admin(f"CREATE ROLE {ROLE} LOGIN")
        self.admin(f"CREATE DATABASE {DATABASE} OWNER {ROLE} ENCODING 'UTF8' TEMPLATE template0")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown; SIGTERM would wait for clients
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# -- the seekers' applications, generated into SQLite by followup's store -------------------------


class SearchUnderWay(generate.Seeker):
    """A careers service's job seeker: a few dozen applications of the last months, many still open."""

    def generate(self) -> None:
        rng = self.rng
        active = round(self.apps * rng.uniform(0.3, 0.5))
        for n in range(self.apps):
            if n < active:
                created = self.now - timedelta(seconds=rng.uniform(3600, generate.ACTIVE_DAYS * 86400))
                self.active_application(created)
            else:
                created = self.now - timedelta(days=rng.uniform(generate.ACTIVE_DAYS, SEARCH_DAYS))
                self.closed_application(created)


def generate_seekers(path: str, seekers: int, apps: int, seed: int, now: datetime) -> dict[str, Any]:
    """Every seeker's applications in the SQLite file `path`, owners 1..seekers, as generate.py writes them."""
    from followup import config
    from followup.app.context import build_calendar
    from followup.store import actions, db

    settings_path = path.removesuffix(".db") + ".toml"
    Path(settings_path).write_text(generate.SETTINGS_TOML, encoding="utf-8")
    settings = config.load(settings_path)
    calendar = build_calendar(settings, settings_path)
    conn = db.connect(path, now_iso=generate.iso(now - timedelta(days=SEARCH_DAYS + 1)))
    conn.execute("PRAGMA synchronous = OFF")
    rows, ids = generate.Rows(), generate.Ids()
    written = planned = pending = 0
    started = time.perf_counter()
    with db.transaction(conn):
        for owner in range(1, seekers + 1):
            if owner != db.LOCAL_OWNER:
                rows.add("owner", owner, f"Seeker {owner}", generate.iso(now - timedelta(days=SEARCH_DAYS + 1)))
            seeker = SearchUnderWay(owner, apps, random.Random(f"hosted/{seed}/{owner}"), rows, ids, now)
            seeker.generate()
            written += rows.flush(conn)
            for app_id in seeker.to_plan:
                pending += generate.settle(conn, owner, app_id, settings, calendar, now, seed)
            planned += len(seeker.to_plan)
            ids.touchpoint = conn.execute("SELECT max(id) FROM touchpoint").fetchone()[0] or 0
            if owner % 1000 == 0:
                print(f"  generated seeker {owner:,}/{seekers:,} ({time.perf_counter() - started:.0f} s)", flush=True)
        # As `ensure_fresh` would record it: served as the single-user app, this file plans nothing anew.
        fingerprint = f"{generate.engine_version()}|{settings.engine_fingerprint()}"
        actions.set_meta(db.Store(conn), "plan_fingerprint", fingerprint)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"rows": written, "planned_applications": planned, "pending_actions": pending}


# -- the installation in PostgreSQL ---------------------------------------------------------------


def fixed_clock(now: datetime) -> Any:
    return lambda: now


def first_accounts(url: str, settings_path: str, now: datetime) -> dict[str, Any]:
    """`followup server init` and the first seeker, through followup's own code; what the copies need."""
    from followup.app import accounts, plan
    from followup.app.context import bootstrap, env_for
    from followup.store import owner_settings

    env = bootstrap(url, settings_path, clock=fixed_clock(now))
    try:
        admin = accounts.init_server(env, admin_email=ADMIN_EMAIL, admin_name="Careers Office", password=PASSWORD)
        invitation = accounts.invite(env, admin, "seeker1@students.example", accounts.SEEKER)
        seeker = accounts.accept_invitation(env, invitation.token, "Seeker 1", PASSWORD)
        store = replace(env.store, owner=seeker.owner_id)
        with store.transaction():
            owner_settings.write(store, generate.SETTINGS_TOML, generate.iso(now))
        seeker_env = env_for(env, seeker.owner_id)
        plan.ensure_fresh(seeker_env)  # nothing to plan yet: records the fingerprint of these settings
        return {
            "admin_owner": admin.owner_id,
            "first_owner": seeker.owner_id,
            "fingerprint_key": plan.fingerprint_key(seeker_env),
            "fingerprint": plan.plan_fingerprint(seeker_env),
        }
    finally:
        env.close()


def copy_in(server: PostgresServer, sqlite_path: str, first: dict[str, Any], seekers: int, now: datetime) -> None:
    """The other seekers' accounts copied from the first one's, and every seeker's applications from SQLite."""
    import psycopg

    shift = first["first_owner"] - 1  # SQLite's owner 1 is the first seeker's owner
    at = generate.iso(now)
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    with psycopg.connect(server.url("postgres"), autocommit=False) as conn:
        first_owner = first["first_owner"]
        last_owner = first_owner + seekers - 1
        conn.execute(
            "INSERT INTO owner (id, name, created_at) SELECT n, 'Seeker ' || (n - %s), %s"
            " FROM generate_series(%s::bigint, %s::bigint) AS n",
            (shift, at, first_owner + 1, last_owner),
        )
        conn.execute(
            "INSERT INTO account (owner_id, email, name, role, password_hash, password_set_at, created_at)"
            " SELECT n, 'seeker' || (n - %s) || '@students.example', 'Seeker ' || (n - %s), role, password_hash,"
            " password_set_at, created_at FROM account, generate_series(%s::bigint, %s::bigint) AS n"
            " WHERE owner_id = %s",
            (shift, shift, first_owner + 1, last_owner, first_owner),
        )
        conn.execute(
            "INSERT INTO owner_settings (owner_id, document, updated_at) SELECT n, document, updated_at"
            " FROM owner_settings, generate_series(%s::bigint, %s::bigint) AS n WHERE owner_id = %s",
            (first_owner + 1, last_owner, first_owner),
        )
        key_prefix = first["fingerprint_key"].rsplit(":", 1)[0]
        conn.execute(
            "INSERT INTO meta (key, value) SELECT %s || ':' || n, %s FROM generate_series(%s::bigint, %s::bigint) AS n",
            (key_prefix, first["fingerprint"], first_owner + 1, last_owner),
        )
        for table in TABLES:
            columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
            owner_at = columns.index("owner_id") if "owner_id" in columns else None
            names = ", ".join(columns)
            with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {names} FROM {table}"):
                    if owner_at is not None:
                        row = (*row[:owner_at], row[owner_at] + shift, *row[owner_at + 1 :])
                    copy.write_row(row)
        for table in OWNED - {"action_decision", "pending_action"}:
            # Rows added later get ids after the copied ones, as the identity column would have given.
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.execute("SELECT setval(pg_get_serial_sequence('owner', 'id'), (SELECT max(id) FROM owner))")
        conn.commit()
    source.close()


def one_seeker(seed: int, apps: int, now_text: str) -> tuple[Path, Path]:
    """The first seeker of the installation alone, as the single-user app's SQLite file (and its settings)."""
    path = DATA / f"hosted-seeker1-{apps}-seed{seed}.db"
    stamp = path.with_suffix(".json")
    wanted = {"data_version": DATA_VERSION, "generator_version": generate.GENERATOR_VERSION, "now": now_text}
    if not (path.exists() and stamp.exists() and json.loads(stamp.read_text()) == wanted):
        DATA.mkdir(exist_ok=True)
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        generate_seekers(str(path), 1, apps, seed, datetime.fromisoformat(now_text))
        stamp.write_text(json.dumps(wanted) + "\n")
    return path, path.with_suffix(".toml")


def dump_path(seekers: int, apps: int, seed: int) -> Path:
    return DATA / f"hosted-{seekers}x{apps}-seed{seed}.pgdump"


def build(server: PostgresServer, seekers: int, apps: int, seed: int, now_text: str) -> dict[str, Any]:
    """Build the installation in `server`'s database, dump it to the cache and return its manifest."""
    now = datetime.fromisoformat(now_text)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    work = tempfile.mkdtemp(prefix="hosted-data-")
    try:
        sqlite_path = os.path.join(work, "seekers.db")
        print(f"generating {seekers:,} seekers x {apps} applications (SQLite, followup's store) ...", flush=True)
        generated = generate_seekers(sqlite_path, seekers, apps, seed, now)
        timings["generate_seconds"] = round(time.perf_counter() - started, 1)
        mark = time.perf_counter()
        server.create_database()
        first = first_accounts(server.url(), sqlite_path.removesuffix(".db") + ".toml", now)
        timings["init_seconds"] = round(time.perf_counter() - mark, 1)
        mark = time.perf_counter()
        print("copying into PostgreSQL ...", flush=True)
        copy_in(server, sqlite_path, first, seekers, now)
        timings["copy_seconds"] = round(time.perf_counter() - mark, 1)
        mark = time.perf_counter()
        server.admin("VACUUM ANALYZE", DATABASE)
        timings["analyze_seconds"] = round(time.perf_counter() - mark, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mark = time.perf_counter()
    out = dump_path(seekers, apps, seed)
    DATA.mkdir(exist_ok=True)
    partial = out.with_suffix(".partial")
    subprocess.run(
        [f"{server.bin}/pg_dump", "-Fc", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-f",
         str(partial), DATABASE],
        check=True,
    )  # fmt: skip
    os.replace(partial, out)
    timings["dump_seconds"] = round(time.perf_counter() - mark, 1)
    timings["build_seconds"] = round(time.perf_counter() - started, 1)
    manifest = {
        "data_version": DATA_VERSION,
        "generator_version": generate.GENERATOR_VERSION,
        "seekers": seekers,
        "apps_per_seeker": apps,
        "seed": seed,
        "now": now_text,
        "settings": generate.SETTINGS_TOML,
        **first,
        **generated,
        **timings,
        "dump_bytes": out.stat().st_size,
        "tables": table_counts(server),
        "database_bytes": database_bytes(server),
    }
    out.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def restore(server: PostgresServer, dump: Path) -> float:
    """The cached installation restored into `server`; the seconds it took."""
    started = time.perf_counter()
    server.create_database()
    subprocess.run(
        [f"{server.bin}/pg_restore", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", DATABASE,
         "--exit-on-error", "-j", "2", str(dump)],
        check=True,
    )  # fmt: skip
    server.admin("VACUUM ANALYZE", DATABASE)  # a dump carries no planner statistics
    return round(time.perf_counter() - started, 1)


def table_counts(server: PostgresServer) -> dict[str, int]:
    import psycopg

    with psycopg.connect(server.url("postgres")) as conn:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in ("owner", "account", *TABLES, "owner_settings", "meta")
        }


def database_bytes(server: PostgresServer) -> int:
    import psycopg

    with psycopg.connect(server.url("postgres")) as conn:
        return int(conn.execute("SELECT pg_database_size(%s)", (DATABASE,)).fetchone()[0])  # type: ignore[index]


class _Undo(Exception):
    """Raised to roll a transaction back."""


def replanned_differs(server: PostgresServer, owners: Sequence[int], now: datetime) -> dict[str, Any]:
    """Plan every application of these seekers again with followup's own code (as the web processes'
    role, under row security), compare with the stored follow-ups, and roll the new plans back:
    the copied installation must hold what followup itself would have computed."""
    from followup.app import plan
    from followup.app.context import bootstrap, env_for
    from followup.store.actions import get_meta

    columns = "id, application_id, kind, contact_id, channel, due, deadline, expires, reason, interview_id"
    differing: list[int] = []
    applications = actions = 0
    base = bootstrap(server.url(), os.path.join(server.folder, "settings.toml"), clock=fixed_clock(now))
    try:
        for owner in owners:
            env = env_for(base, owner)
            query = f"SELECT {columns} FROM pending_action WHERE owner_id = ? ORDER BY id"
            stored = env.conn.execute(query, (owner,)).fetchall()
            ids = [row[0] for row in env.conn.execute("SELECT id FROM application WHERE owner_id = ?", (owner,))]
            if get_meta(env.store, plan.fingerprint_key(env)) != plan.plan_fingerprint(env):
                differing.append(owner)
            try:
                with env.store.transaction():
                    plan.refresh(env, ids)
                    again = env.conn.execute(query, (owner,)).fetchall()
                    raise _Undo
            except _Undo:
                pass
            applications += len(ids)
            actions += len(stored)
            if [tuple(row) for row in stored] != [tuple(row) for row in again]:
                differing.append(owner)
    finally:
        base.close()
    return {"owners": list(owners), "applications": applications, "pending_actions": actions, "differing": differing}


def reset_statements(server: PostgresServer) -> None:
    server.admin("SELECT pg_stat_statements_reset()", DATABASE)


def statements(server: PostgresServer, top: int = 15) -> list[dict[str, Any]]:
    """The statements PostgreSQL spent most time on since the last reset, with calls and mean time."""
    import psycopg

    with psycopg.connect(server.url("postgres")) as conn:
        rows = conn.execute(
            "SELECT query, calls, total_exec_time, mean_exec_time, rows, shared_blks_hit, shared_blks_read"
            " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = %s"
            " ORDER BY total_exec_time DESC LIMIT %s",
            (DATABASE, top),
        ).fetchall()
    return [
        {
            "query": " ".join(query.split())[:600],
            "calls": calls,
            "total_ms": round(total, 1),
            "mean_ms": round(mean, 3),
            "rows": rows_,
            "blocks_hit": hit,
            "blocks_read": read,
        }
        for query, calls, total, mean, rows_, hit, read in rows
    ]


# -- what the load generator needs -----------------------------------------------------------------


@dataclass(frozen=True)
class Seeker:
    owner: int
    token: str  # the account session cookie's value
    applications: list[int]


def sign_in(server: PostgresServer, owners: Sequence[int], now: datetime) -> list[Seeker]:
    """A session for each owner, written as `app.accounts` keeps it (the token's SHA-256), seen just now.

    Seen at `now` (the web processes' fixed clock): a page view writes `seen_at` only every
    few minutes, so with the clock standing still the load reads and never writes.
    """
    import psycopg

    at = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    expires = (now + timedelta(days=30)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    tokens = {owner: secrets.token_urlsafe(32) for owner in owners}
    with psycopg.connect(server.url("postgres")) as conn:
        conn.execute("DELETE FROM account_session")
        with conn.cursor().copy(
            "COPY account_session (token_hash, owner_id, created_at, seen_at, expires_at) FROM STDIN"
        ) as copy:
            for owner, token in tokens.items():
                copy.write_row((hashlib.sha256(token.encode()).hexdigest(), owner, at, at, expires))
        found: dict[int, list[int]] = {owner: [] for owner in owners}
        for owner, app_id in conn.execute(
            "SELECT owner_id, id FROM application WHERE owner_id = ANY(%s) ORDER BY id", (list(owners),)
        ):
            found[owner].append(app_id)
    return [Seeker(owner, tokens[owner], found[owner]) for owner in owners]


@dataclass
class Installation:
    server: PostgresServer
    manifest: dict[str, Any]
    prepared_seconds: float
    restored: bool

    def owners(self) -> list[int]:
        first = int(self.manifest["first_owner"])
        return list(range(first, first + int(self.manifest["seekers"])))


@contextmanager
def installation(
    seekers: int = 10_000, apps: int = 30, seed: int = 1, now: str = DEFAULT_NOW, rebuild: bool = False
) -> Iterator[Installation]:
    """A running PostgreSQL holding the installation: restored from the cache, or built (and cached)."""
    dump = dump_path(seekers, apps, seed)
    manifest_path = dump.with_suffix(".json")
    manifest: dict[str, Any] = {}
    if dump.exists() and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
    wanted = {"data_version": DATA_VERSION, "generator_version": generate.GENERATOR_VERSION, "now": now}
    fresh = not rebuild and all(manifest.get(key) == value for key, value in wanted.items())
    server = PostgresServer()
    try:
        started = time.perf_counter()
        if fresh:
            print(f"restoring {dump.name} ...", flush=True)
            restore(server, dump)
        else:
            manifest = build(server, seekers, apps, seed, now)
        server.admin("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", DATABASE)  # not in the dump
        first = int(manifest["first_owner"])
        last = first + int(manifest["seekers"]) - 1
        sample = sorted({first, last, *random.Random(seed).sample(range(first, last + 1), min(3, last - first + 1))})
        checked = replanned_differs(server, sample, datetime.fromisoformat(now))
        if checked["differing"]:
            raise SystemExit(f"the stored follow-ups of seekers {checked['differing']} differ from followup's plan")
        manifest = {**manifest, "replanned": checked}
        yield Installation(server, manifest, round(time.perf_counter() - started, 1), fresh)
    finally:
        server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seekers", type=int, default=10_000)
    parser.add_argument("--apps", type=int, default=30, help="applications per seeker")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--now", default=DEFAULT_NOW)
    parser.add_argument("--rebuild", action="store_true", help="build again even if the cached dump is current")
    args = parser.parse_args(argv)
    with installation(args.seekers, args.apps, args.seed, args.now, args.rebuild) as found:
        verb = "restored" if found.restored else "built"
        print(f"{verb} in {found.prepared_seconds} s: {dump_path(args.seekers, args.apps, args.seed)}")
        print(json.dumps({k: v for k, v in found.manifest.items() if k != "settings"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
