"""A hosted installation under load: many signed-in job seekers on PostgreSQL, and one on SQLite as the yardstick.

Usage:
    python3 benchmarks/hosted_rate.py [--seekers 10000] [--apps 30] [--users N] [--seed 1]
                                      [--processes 2] [--runs 1] [--duration 10] [--warmup 2]
                                      [--rates 25,50,100,...] [--bisect 4] [--retries 1]
                                      [--connections 50] [--goal-ms 100] [--sequential 30]
                                      [--size 10000] [--only hosted|sqlite|sqlite-nolist|seeker ...]
                                      [--now ISO] [--rebuild] [--out FILE]

Four installations are served from the same code (benchmarks/.venv, `pip install -e`
of this checkout with its hosted extra, set up on first use; the script runs itself
with that venv's Python), each by its own processes on free loopback ports, the clock
fixed at --now:

    hosted   --seekers job seekers' accounts with --apps applications each, in a PostgreSQL
             of the benchmark's own (hosted_data.py: built once, cached as a pg_dump in
             benchmarks/data/, restored on later runs, checked against followup's own
             plan), served by --processes `followup serve` processes on ports of their
             own, connecting as an ordinary role, so that row-level security applies;
    sqlite   the single-user app: one `followup serve` over the --size applications of
             the single-user benchmarks (agenda.py's data set), one user;
    sqlite-nolist  the same without the list of applications (for that user one page of
             all 10,000, about 1.4 MB: alone it keeps p99 far above the goal at any
             rate), the other three pages in the same proportions;
    seeker   the single-user app over the hosted installation's first seeker alone (the
             same --apps applications, generated alike, in SQLite): the same pages of the
             same size, so that the difference to `hosted` is what hosting costs.

The load is web_rate.py's generator (open loop, fixed arrival rate, latency counted from
when each request was due, so a server that falls behind is charged for the wait), fed
a mix of requests instead of one URL:

    40 %  /                      Today
    20 %  /applications          the list of one's applications
    20 %  /applications/{id}     one of one's applications, chosen at random
    20 %  /api/v1/actions        the agenda API (JSON)

each from a user chosen at random among --users signed-in seekers (default: all of
them), with that user's cookies (an account session written as `followup` keeps it:
the token's SHA-256 in account_session, seen at --now, so the load never writes). At
a rate R every user comes back every users / R seconds on average: that is the think
time, printed with each rate. For hosted, the connections are spread evenly over the
web processes; the single-user app gets the same mix from its one user (its session
cookie, any of its applications).

First, --sequential requests of each page one at a time (nothing else running): what
each page costs by itself. PostgreSQL's pg_stat_statements is on; after the rates, the
statements it spent most time on are printed and kept.

At each rate of --rates (ascending) the installations are measured in turn (the
order rotating), --warmup seconds not counted, then --duration seconds. A rate fails
as in web_rate.py (p99 at or above --goal-ms, an error, an unanswered request, or fewer
answers than 95 % of the rate), is tried --retries more times, and once failed the
installation is not tried at higher rates; --bisect halvings then find the highest rate
at which p99 stays under the goal (none when even the lowest rate failed: that is 0/s).
Printed per rate: achieved rate, p50/p90/p99 (all requests, and p99 per page), and the
CPU (cores) of each web process, of PostgreSQL (the server and all its backends) and of
the generator. Everything goes to --out as JSON (default
benchmarks/results/hosted-rate-<date>.json). Keep --duration short on a shared
machine while trying it out (e.g. --duration 8 --runs 1 --seekers 100).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from agenda import DEFAULT_NOW, FOLLOWUP, RESULTS, VENV_PYTHON, dataset, ensure_venv  # noqa: E402
from hosted_data import PostgresServer, installation, one_seeker, reset_statements, sign_in, statements  # noqa: E402
from web_load import free_port, session_cookie  # noqa: E402
from web_rate import (  # noqa: E402
    CLOCK_TICKS,
    GENERATOR_LATE_MS,
    MIN_ACHIEVED,
    bracket,
    cpu_seconds,
    finite,
    machine_busy_seconds,
    revision,
)

DEFAULT_RATES = "25,50,100,150,200,300,400,600,800"
GOAL_MS = 100.0
# What a signed-in job seeker asks for, and how often (the mix).
MIX = (("today", 40), ("applications", 20), ("application", 20), ("actions", 20))
# The single-user app's list of 10,000 applications is one page of 1.4 MB: without it, the others' rate.
WITHOUT_LIST = tuple((kind, share) for kind, share in MIX if kind != "applications")
MIX_LENGTH = 50_000  # requests drawn before the run; the generator goes round them
TARGETS = ("hosted", "sqlite", "sqlite-nolist", "seeker")
AT_HIGHEST = ("rate", "achieved", "p50_ms", "p90_ms", "p99_ms", "cpu", "labels", "think_seconds")


# -- setting up --------------------------------------------------------------------------------------


def in_venv() -> bool:
    # The venv's python is a symbolic link to the base interpreter: only the prefix tells them apart.
    return Path(sys.prefix).resolve() == VENV_PYTHON.parent.parent.resolve()


def ensure_hosted_venv() -> None:
    """benchmarks/.venv (agenda.ensure_venv) with the hosted extra too: the web processes need psycopg."""
    ensure_venv()
    probe = subprocess.run([str(VENV_PYTHON), "-c", "import psycopg, argon2"], capture_output=True, check=False)
    if probe.returncode != 0:
        print(f"installing followup[hosted] into {VENV_PYTHON.parent.parent}", file=sys.stderr)
        pip = [str(VENV_PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "-e", f"{REPO}[hosted]"], check=True)


def start_serve(argv: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """`followup ... serve` on `port`, its output to `log`, once it answers /healthz."""
    with open(log, "ab") as out:
        server = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"followup serve exited ({server.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"followup serve did not start within 60 s: {log.read_text()[-2000:]}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Target:
    """One installation under load: its web processes, its users' requests, and the processes to watch."""

    name: str
    ports: list[int]
    web: list[subprocess.Popen[bytes]]
    mix_file: Path
    users: int
    database_pid: int | None = None  # PostgreSQL's postmaster, whose backends are its children
    database: PostgresServer | None = None
    details: dict[str, Any] = field(default_factory=dict)


def draw_mix(
    users: list[tuple[dict[str, str], list[int]]], seed: int, out: Path, mix: tuple[tuple[str, int], ...] = MIX
) -> None:
    """MIX_LENGTH requests: a page of its share in `mix`, from a user drawn at random (headers, application ids)."""
    rng = random.Random(seed)
    kinds = [kind for kind, _ in mix]
    weights = [share for _, share in mix]
    items = []
    for _ in range(MIX_LENGTH):
        kind = rng.choices(kinds, weights)[0]
        headers, applications = users[rng.randrange(len(users))]
        path = {
            "today": "/",
            "applications": "/applications",
            "application": f"/applications/{rng.choice(applications)}" if applications else "/applications",
            "actions": "/api/v1/actions",
        }[kind]
        items.append([kind, path, headers])
    out.write_text(json.dumps(items))


def browser_headers(cookie: str) -> dict[str, str]:
    # A browser sends back the CSRF nonce cookie it was given, so no answer needs to set one.
    return {"Cookie": f"{cookie}; followup_nonce={secrets.token_urlsafe(18)}", "Accept": "text/html,*/*"}


def check_pages(target: Target) -> None:
    """Every kind of request of the mix answers 200 on every web process before any load."""
    items = json.loads(target.mix_file.read_text())
    kinds = {kind for kind, _, _ in items}
    seen: set[tuple[str, int]] = set()
    for kind, path, headers in items:
        for port in target.ports:
            if (kind, port) in seen:
                continue
            seen.add((kind, port))
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    body = answer.read()
                    status = answer.status
                    final = answer.url
            except urllib.error.HTTPError as error:
                raise SystemExit(f"{target.name}: {path} answered {error.code}: {error.read()[:500]!r}") from None
            if status != 200 or not final.endswith(path):
                raise SystemExit(f"{target.name}: {path} answered {status} at {final} ({body[:200]!r})")
            target.details.setdefault("bytes", {})[kind] = len(body)
        if len(seen) == len(kinds) * len(target.ports):
            return


@contextmanager
def hosted_target(args: argparse.Namespace, work: Path) -> Iterator[Target]:
    with installation(args.seekers, args.apps, args.seed, args.now, args.rebuild) as found:
        manifest = found.manifest
        verb = "restored" if found.restored else "built"
        print(f"hosted: {verb} in {found.prepared_seconds} s ({manifest['seekers']:,} seekers x "
              f"{manifest['apps_per_seeker']} applications; build took {manifest['build_seconds']} s)",
              flush=True)  # fmt: skip
        owners = found.owners()
        chosen = random.Random(args.seed).sample(owners, min(args.users or len(owners), len(owners)))
        started = time.perf_counter()
        seekers = sign_in(found.server, chosen, datetime.fromisoformat(args.now))
        print(f"hosted: {len(seekers):,} sessions written in {time.perf_counter() - started:.1f} s", flush=True)
        users = [(browser_headers(f"followup_account={s.token}"), s.applications) for s in seekers]
        mix_file = work / "hosted-mix.json"
        draw_mix(users, args.seed, mix_file)
        # The installation's folder (the web keys); the accounts' settings are in the database.
        settings = work / "hosted" / "settings.toml"
        settings.parent.mkdir()
        url = found.server.url()
        ports = [free_port() for _ in range(args.processes)]
        with ExitStack() as stack:
            web = []
            for port in ports:
                argv = [str(FOLLOWUP), "--db", url, "--config", str(settings), "--now", args.now]
                log = work / f"serve-{port}.log"
                server = start_serve([*argv, "serve", "--no-browser", "--port", str(port)], port, log)
                stack.callback(stop, server)
                web.append(server)
            details = {
                "manifest": {k: v for k, v in manifest.items() if k not in ("settings", "fingerprint")},
                "restored": found.restored,
                "prepared_seconds": found.prepared_seconds,
                "sessions": len(seekers),
                "processes": args.processes,
            }
            yield Target("hosted", ports, web, mix_file, len(seekers), found.server.pid, found.server, details)


@contextmanager
def sqlite_target(args: argparse.Namespace, work: Path, name: str = "sqlite") -> Iterator[Target]:
    if name == "seeker":
        db, settings = one_seeker(args.seed, args.apps, args.now)
        manifest: dict[str, Any] = {"applications": args.apps, "same_as": "the hosted installation's first seeker"}
    else:
        db, settings, manifest = dataset(args.size, args.seed, args.now, None)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        applications = [row[0] for row in conn.execute("SELECT id FROM application WHERE owner_id = 1")]
    users = [(browser_headers(session_cookie(db)), applications)]
    mix_file = work / f"{name}-mix.json"
    draw_mix(users, args.seed, mix_file, WITHOUT_LIST if name == "sqlite-nolist" else MIX)
    port = free_port()
    argv = [str(FOLLOWUP), "--db", str(db), "--config", str(settings), "--now", args.now]
    server = start_serve([*argv, "serve", "--no-browser", "--port", str(port)], port, work / f"serve-{port}.log")
    try:
        details = {"db": db.name, "manifest": manifest}
        yield Target(name, [port], [server], mix_file, 1, None, None, details)
    finally:
        stop(server)


# -- measuring ---------------------------------------------------------------------------------------


def one_at_a_time(target: Target, count: int) -> dict[str, dict[str, float]]:
    """Each page's time with nothing else going on: `count` requests of it (the mix's), one after another."""
    items = json.loads(target.mix_file.read_text())
    connections = [http.client.HTTPConnection("127.0.0.1", port) for port in target.ports]
    times: dict[str, list[float]] = {kind: [] for kind, _, _ in items}
    try:
        for n, (kind, path, headers) in enumerate(items):
            if len(times[kind]) >= count:
                if all(len(t) >= count for t in times.values()):
                    break
                continue
            port = target.ports[n % len(target.ports)]
            connection = connections[n % len(connections)]
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **headers})
            answer = connection.getresponse()
            answer.read()
            elapsed = (time.perf_counter() - started) * 1000
            if answer.status != 200:
                raise SystemExit(f"{target.name}: {path} answered {answer.status}")
            times[kind].append(elapsed)
    finally:
        for connection in connections:
            connection.close()
    return {
        kind: {
            "median_ms": round(statistics.median(found), 2),
            "p90_ms": round(sorted(found)[max(0, math.ceil(0.9 * len(found)) - 1)], 2),
            "n": len(found),
        }
        for kind, found in times.items()
        if found
    }


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and its children (PostgreSQL's backends are the postmaster's)."""
    total = 0.0
    try:
        total = cpu_seconds(pid)
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(tree_cpu_seconds(int(child)) for child in children)


def cpu_snapshot(target: Target) -> dict[str, float]:
    found = {f"web{n + 1}": cpu_seconds(server.pid) for n, server in enumerate(target.web)}
    if target.database_pid is not None:
        found["postgresql"] = tree_cpu_seconds(target.database_pid)
    return found


def wait_idle(target: Target, longest: float = 120.0) -> float:
    """Wait until the target's processes are idle (a server that fell behind is still working through
    requests whose connections are gone): the next measurement, of any target, must not pay for it."""
    started = time.monotonic()
    while time.monotonic() - started < longest:
        before = sum(cpu_snapshot(target).values())
        time.sleep(0.5)
        if sum(cpu_snapshot(target).values()) - before < 0.05 * 0.5:
            break
    return round(time.monotonic() - started, 1)


def at_rate(target: Target, rate: float, args: argparse.Namespace) -> dict[str, Any]:
    """One generator run of the mix at `rate`; a failure is tried --retries more times."""
    spec = {
        "ports": target.ports,
        "mix": str(target.mix_file),
        "rate": rate,
        "warmup": args.warmup,
        "duration": args.duration,
        "connections": args.connections,
    }
    attempts = []
    for _ in range(1 + args.retries):
        load = os.getloadavg()[0]
        before, busy_before, started = cpu_snapshot(target), machine_busy_seconds(), time.monotonic()
        done = subprocess.run(
            [str(VENV_PYTHON), str(HERE / "web_rate.py"), "--generate", json.dumps(spec)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60 + args.warmup + 2 * args.duration,
        )
        elapsed = time.monotonic() - started
        after, machine = cpu_snapshot(target), (machine_busy_seconds() - busy_before) / elapsed
        if done.returncode != 0:
            raise SystemExit(f"the load generator failed ({done.returncode}): {done.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(done.stdout)
        result["cpu"] = {name: round((after[name] - before[name]) / elapsed, 3) for name in before}
        result["server_cpu"] = round(sum(result["cpu"].values()), 3)
        result["other_cpu"] = round(max(0.0, machine - result["server_cpu"] - result["generator_cpu"]), 3)
        result["loadavg"] = load
        result["think_seconds"] = round(target.users / rate, 1)
        result["generator_late"] = result["generator_late_p99_ms"] > GENERATOR_LATE_MS
        result["passed"] = (
            result["p99_ms"] < args.goal_ms
            and result["errors"] == 0
            and result["unanswered"] == 0
            and result["achieved"] >= MIN_ACHIEVED * rate
        )
        attempts.append(result)
        result["idle_after_seconds"] = wait_idle(target)
        if result["passed"]:
            break
    result = attempts[-1]
    if len(attempts) > 1:
        result["earlier_attempts"] = attempts[:-1]
    return result


def show(number: int, target: Target, r: dict[str, Any]) -> None:
    tries = f" (try {len(r['earlier_attempts']) + 1})" if "earlier_attempts" in r else ""
    pages = " ".join(f"{kind} {figures['p99_ms']:.0f}" for kind, figures in r.get("labels", {}).items())
    cpu = " ".join(f"{name} {value:.2f}" for name, value in r["cpu"].items())
    print(
        f"  run {number} {target.name:<7}{r['rate']:>6,.0f}/s: {r['achieved']:>7,.1f}/s  p50 {r['p50_ms']:>7.2f}"
        f"  p90 {r['p90_ms']:>7.2f}  p99 {r['p99_ms']:>8.2f} ms {'pass' if r['passed'] else 'FAIL'}{tries}"
        f"  (p99 by page: {pages}; errors {r['errors']}, unanswered {r['unanswered']})"
        f"  cpu: {cpu} generator {r['generator_cpu']:.2f} other {r['other_cpu']:.2f};"
        f" think {r['think_seconds']:g} s; generator late p99 {r['generator_late_p99_ms']:.1f} ms",
        flush=True,
    )


def one_run(args: argparse.Namespace, targets: list[Target], rates: list[float], number: int) -> dict[str, Any]:
    results: dict[str, list[dict[str, Any]]] = {t.name: [] for t in targets}
    active = list(targets)
    for index, rate in enumerate(rates):
        shift = index % len(active) if active else 0
        for target in active[shift:] + active[:shift]:
            result = at_rate(target, rate, args)
            results[target.name].append(result)
            show(number, target, result)
            if not result["passed"]:
                active.remove(target)
        if not active:
            break
    bounds = {t.name: bracket(results[t.name]) for t in targets}
    for _ in range(args.bisect):
        for target in targets:
            low, high = bounds[target.name]
            # Nothing passed: 0/s, not a search below the lowest rate (give lower --rates for that).
            if high is None or low == 0 or high - low <= max(5.0, 0.02 * high):
                continue
            rate = float(round((low + high) / 2))
            result = at_rate(target, rate, args)
            result["bisection"] = True
            results[target.name].append(result)
            show(number, target, result)
            bounds[target.name] = (rate, high) if result["passed"] else (low, rate)
    return {"rates": results, "highest_passing": {t.name: bracket(results[t.name])[0] for t in targets}}


def at_best(results: list[dict[str, Any]], best: float) -> dict[str, Any] | None:
    found = [r for r in results if r["rate"] == best and r["passed"]]
    return found[-1] if found else None


def summarize(runs: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for name in names:
        highest = [run["highest_passing"][name] for run in runs]
        best = [at_best(run["rates"][name], run["highest_passing"][name]) for run in runs]
        summary[name] = {
            "highest_passing": highest,
            "median": statistics.median(highest) if highest else math.inf,
            "at_highest": [
                {key: b[key] for key in AT_HIGHEST if key in b}
                for b in best
                if b is not None
            ],
        }  # fmt: skip
    hosted = summary.get("hosted", {}).get("median")
    for name in ("sqlite", "sqlite-nolist", "seeker"):
        alone = summary.get(name, {}).get("median")
        if hosted and alone:
            summary[f"hosted_vs_{name}"] = round(hosted / alone, 2)
    return summary


def print_summary(summary: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\nhighest rate with p99 < {args.goal_ms:g} ms (latency from when each request was due):")
    for name in TARGETS:
        if name not in summary:
            continue
        figures = summary[name]
        print(f"  {name:<7} per run {', '.join(f'{v:,.0f}' for v in figures['highest_passing'])}/s;"
              f" median {figures['median']:,.0f}/s")  # fmt: skip
        for at in figures["at_highest"]:
            pages = ", ".join(f"{k} {v['p99_ms']:.1f}" for k, v in at.get("labels", {}).items())
            cpu = ", ".join(f"{k} {v:.2f}" for k, v in at["cpu"].items())
            print(f"    at {at['rate']:,.0f}/s: p50 {at['p50_ms']:.1f}, p90 {at['p90_ms']:.1f},"
                  f" p99 {at['p99_ms']:.1f} ms (p99 by page: {pages});"
                  f" cpu (cores): {cpu}; think time {at['think_seconds']:g} s")  # fmt: skip
    for name in ("sqlite", "sqlite-nolist", "seeker"):
        if f"hosted_vs_{name}" in summary:
            print(f"  hosted / {name}: {summary[f'hosted_vs_{name}']}x")


def uncommitted(checkout: Path) -> list[str]:
    done = subprocess.run(
        ["git", "-C", str(checkout), "status", "--porcelain", "--", "src"], capture_output=True, text=True, check=False
    )
    return done.stdout.splitlines()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seekers", type=int, default=10_000, help="hosted: job seekers' accounts")
    parser.add_argument("--apps", type=int, default=30, help="hosted: applications per seeker")
    parser.add_argument("--users", type=int, help="hosted: signed-in seekers the requests come from (default all)")
    parser.add_argument("--processes", type=int, default=2, help="hosted: web processes")
    parser.add_argument("--size", type=int, default=10_000, help="sqlite: the one user's applications")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per rate")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds at the rate before measuring")
    parser.add_argument("--rates", default=DEFAULT_RATES, help="requests per second, comma-separated")
    parser.add_argument("--bisect", type=int, default=4, help="halvings after the first failing rate")
    parser.add_argument("--retries", type=int, default=1, help="more tries of a rate that failed")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--goal-ms", type=float, default=GOAL_MS)
    parser.add_argument("--sequential", type=int, default=30, help="requests of each page one at a time, first")
    parser.add_argument("--only", choices=TARGETS, action="append", help="measure only these installations")
    parser.add_argument("--now", default=DEFAULT_NOW)
    parser.add_argument("--rebuild", action="store_true", help="hosted: build the data again, not from the cache")
    parser.add_argument("--out", help="results file (JSON)")
    args = parser.parse_args(argv)
    if not in_venv():
        # The parent writes sessions with psycopg and imports hosted_data: run it with the venv's Python.
        ensure_hosted_venv()
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])
    ensure_hosted_venv()
    rates = sorted(float(r) for r in args.rates.split(",") if r)
    names = [name for name in TARGETS if not args.only or name in args.only]
    started = datetime.now().astimezone()
    print(f"checkout {REPO} ({revision(REPO) or 'no git revision'}); cpus={os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.2f}; {args.connections} connections; "
          f"{args.warmup:g} s warm-up + {args.duration:g} s per rate; goal p99 < {args.goal_ms:g} ms",
          flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="hosted-rate-") as folder, ExitStack() as stack:
        work = Path(folder)
        targets = []
        for name in names:
            made = hosted_target(args, work) if name == "hosted" else sqlite_target(args, work, name)
            targets.append(stack.enter_context(made))
        for target in targets:
            check_pages(target)
            print(f"{target.name}: {len(target.web)} web process(es) on {', '.join(map(str, target.ports))}; "
                  f"{target.users:,} signed-in user(s); page sizes {target.details.get('bytes')}",
                  flush=True)  # fmt: skip
        for target in targets:
            target.details["one_at_a_time"] = figures = one_at_a_time(target, args.sequential)
            shown = ", ".join(f"{kind} {f['median_ms']:.1f} (p90 {f['p90_ms']:.1f})" for kind, f in figures.items())
            print(f"{target.name}: one request at a time, median ms: {shown}", flush=True)
            if target.database is not None:
                reset_statements(target.database)
        runs = [one_run(args, targets, rates, number) for number in range(1, args.runs + 1)]
        for target in targets:
            if target.database is not None:
                target.details["statements"] = found = statements(target.database)
                print(f"\n{target.name}: PostgreSQL's time by statement, over all rates (top 8):")
                for row in found[:8]:
                    print(f"  {row['total_ms']:>10,.0f} ms  {row['calls']:>8,} calls  {row['mean_ms']:>7.3f} ms each"
                          f"  {row['query'][:150]}")  # fmt: skip
        logs = {p.name: p.read_text()[-4000:] for p in sorted(work.glob("serve-*.log"))}
        details = {t.name: t.details for t in targets}
    summary = summarize(runs, names)
    print_summary(summary, args)
    out = Path(args.out) if args.out else RESULTS / f"hosted-rate-{started.date().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "args": vars(args),
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now().astimezone().isoformat(timespec="seconds"),
        "revision": revision(REPO),
        # Others may be changing the shared checkout: what the served code had on top of the revision.
        "uncommitted": uncommitted(REPO),
        "mix": dict(MIX),
        "mix_sqlite_nolist": dict(WITHOUT_LIST),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "loadavg_end": os.getloadavg()},
        "clock_ticks": CLOCK_TICKS,
        "targets": details,
        "summary": summary,
        "runs": runs,
        "server_logs": logs,
    }
    out.write_text(json.dumps(finite(record), indent=1, default=str) + "\n")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
