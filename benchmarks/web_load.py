"""The web app under load: Today and `/api/v1/actions` against a trivial endpoint of the same app.

Usage:
    python3 benchmarks/web_load.py [--size 10000] [--seed 1] [--runs 3] [--duration 10]
                              [--connections 50] [--now ISO] [--out FILE]

It takes the same generated database as agenda.py (benchmarks/data/, generated on
first use), starts `followup serve` from benchmarks/.venv as a separate process on
a free loopback port (the clock fixed at --now, as the data is generated around
it), and runs `wrk` (Debian package `wrk`) with --connections connections and two
threads for --duration seconds against each of

    /healthz              the trivial endpoint (same app, same middleware)
    /                     the Today page (HTML)
    /api/v1/actions       the agenda API (JSON, with the API token)

interleaved, --runs times each after one warm-up, and prints the median of the
runs' requests per second and latency percentiles (wrk's --latency), the ratio of
each page's throughput to the trivial endpoint's, and the goals (p99 < 50 ms,
throughput at least half the trivial endpoint's).

It also measures one user after a change: --cold-requests sequential requests,
each after a write by another connection
(which is what the CLI or a second browser tab does), median and p90 in ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from agenda import DEFAULT_NOW, FOLLOWUP, RESULTS, dataset, ensure_venv  # noqa: E402

PATHS = {"trivial": "/healthz", "today": "/", "actions": "/api/v1/actions"}
GOAL_P99_MS = 50.0
GOAL_RATIO = 0.5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, settings: Path, now: str, port: int) -> subprocess.Popen[bytes]:
    argv = [str(FOLLOWUP), "--db", str(db), "--config", str(settings), "--now", now]
    argv += ["serve", "--no-browser", "--port", str(port)]
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"followup serve exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("followup serve did not start within 30 s")


def api_token(db: Path) -> str:
    sys.path.insert(0, str(HERE.parent / "src"))
    from followup.web.keys import Keys, load_or_create_secret

    return Keys(load_or_create_secret(str(db.parent)), str(db.parent)).api_token


def session_cookie(db: Path) -> str:
    """A `Cookie:` value for a signed-in browser (no password), as signing in with the token gives."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from followup.web.keys import Keys, load_or_create_secret

    return f"followup_session={Keys(load_or_create_secret(str(db.parent))).session()}"


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, connections: int, duration: int, headers: list[str]) -> dict[str, float]:
    argv = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for header in headers:
        argv += ["-H", header]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}  # type: ignore[union-attr]
    for percentile, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        result[f"p{percentile}_ms"] = float(value) * UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if errors or socket_errors:
        raise SystemExit(f"wrk saw errors for {url}:\n{out}")
    return result


def cold(port: int, path: str, headers: dict[str, str], db: Path, count: int) -> dict[str, float]:
    """Sequential requests, each after another connection's write (what the CLI or a second tab does)."""
    times = []
    writer = sqlite3.connect(db)
    try:
        for _ in range(count):
            with writer:
                writer.execute("CREATE TABLE IF NOT EXISTS bench_poke (n INTEGER)")
                writer.execute("INSERT INTO bench_poke VALUES (1)")
            connection = http.client.HTTPConnection("127.0.0.1", port)
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}", **headers})
            response = connection.getresponse()
            body = response.read()
            times.append((time.perf_counter() - started) * 1000)
            connection.close()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}: {body[:500]!r}")
        writer.execute("DROP TABLE IF EXISTS bench_poke")
    finally:
        writer.close()
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
        "bytes": len(body),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--cold-requests", type=int, default=30)
    parser.add_argument("--now", default=DEFAULT_NOW)
    parser.add_argument("--out", help="results file (JSON)")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    ensure_venv()
    db, settings, manifest = dataset(args.size, args.seed, args.now, None)
    port = free_port()
    server = start_server(db, settings, args.now, port)
    token = api_token(db)
    headers = {"actions": [f"Authorization: Bearer {token}"], "today": [f"Cookie: {session_cookie(db)}"]}
    base = f"http://127.0.0.1:{port}"
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in PATHS}
    try:
        cold_figures = {
            name: cold(port, PATHS[name], dict(h.split(": ", 1) for h in headers.get(name, [])), db, args.cold_requests)
            for name in ("today", "actions")
        }
        for name, path in PATHS.items():  # warm-up
            wrk(base + path, args.connections, 2, headers.get(name, []))
        for _ in range(args.runs):
            for name, path in PATHS.items():
                samples[name].append(wrk(base + path, args.connections, args.duration, headers.get(name, [])))
    finally:
        server.terminate()
        server.wait(timeout=10)

    summary: dict[str, dict[str, float]] = {}
    for name, runs in samples.items():
        summary[name] = {key: round(statistics.median(run[key] for run in runs), 2) for key in runs[0]}
    trivial_rps = summary["trivial"]["rps"]
    print(f"{args.size:,} applications ({manifest.get('seekers', 1)} seeker(s)), {args.connections} connections, "
          f"{args.duration} s x {args.runs} runs, medians; cpus={os.cpu_count()}")  # fmt: skip
    print(f"{'endpoint':<18}{'req/s':>10}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'vs trivial':>12}")
    for name, figures in summary.items():
        ratio = figures["rps"] / trivial_rps
        print(
            f"{PATHS[name]:<18}{figures['rps']:>10,.0f}{figures['p50_ms']:>9.2f}{figures['p90_ms']:>9.2f}"
            f"{figures['p99_ms']:>9.2f}{ratio:>11.2f}x"
        )
    for name, figures in cold_figures.items():
        print(f"after a write {PATHS[name]}: median {figures['median_ms']} ms, p90 {figures['p90_ms']} ms, "
              f"{figures['bytes']:,} bytes")  # fmt: skip
    goals = {
        name: {
            "p99_under_50ms": summary[name]["p99_ms"] < GOAL_P99_MS,
            "half_of_trivial": summary[name]["rps"] >= GOAL_RATIO * trivial_rps,
        }
        for name in ("today", "actions")
    }
    print("goals:", json.dumps(goals))
    RESULTS.mkdir(exist_ok=True)
    out = Path(args.out) if args.out else RESULTS / f"web-{date.today().isoformat()}.json"
    out.write_text(json.dumps({"args": vars(args), "summary": summary, "cold": cold_figures, "goals": goals}, indent=1))
    print(f"results: {out}")
    return 0 if all(all(goal.values()) for goal in goals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
