"""The web app at fixed request rates: latency of Today and `/api/v1/actions` against `/healthz`.

Usage:
    python3 benchmarks/web_rate.py [--checkout PATH] [--size 10000] [--seed 1] [--runs 3]
                                   [--duration 10] [--warmup 2] [--rates 100,200,...]
                                   [--bisect 4] [--retries 1] [--connections 50]
                                   [--sequential 200] [--goal-ms 50] [--now ISO] [--out FILE]

--checkout names the checkout whose code is served (default: the one this script
is in). Its benchmarks/agenda.py and benchmarks/web_load.py provide the helpers,
imported as web_load.py imports agenda.py: the generated database (benchmarks/data/,
made on first use), the venv (benchmarks/.venv, `pip install -e` of that checkout)
and `followup serve` started from it as its own process on a free loopback port,
with the clock fixed at --now. So the same script measures any checkout, e.g. the
code before and after a change, each with its own venv and data set.

The load is open-loop, at a constant arrival rate: request i is due at
t0 + i / rate, whether or not earlier ones have been answered, and is sent on one
of --connections keep-alive connections (opened before the run; a request that
finds them all busy waits in a queue for the first free one). Its latency is
measured from the time it was due, not from when it was sent, so a server that
falls behind is charged for the whole wait (coordinated omission corrected, as
wrk2 does). The load generator is a separate process (this script with
--generate, run by the venv's Python, on uvloop) that also reports how late it
sent requests itself and how much CPU it used. Debian 12 has neither wrk2 nor
vegeta, and autocannon's --overallRate is no constant rate: each connection sends
its share of a second back to back at the start of the second, and its latency
correction assumes a 1 ms interval whatever the rate.

Each run (--runs of them, each with a fresh server) measures first, for one user
(one keep-alive connection, requests one after another):

    --sequential requests of `/` and of `/api/v1/actions`, each the first after a
    write by another connection (what the CLI or a second browser tab does), each
    followed by one more request without a write; and as many of `/healthz`;

then the three paths at each rate of --rates in turn (rates ascending; at each
rate the paths interleaved, so that machine noise hits all alike), --warmup
seconds of load that are not counted and then --duration seconds that are. A rate
fails with p99 at or above --goal-ms, fewer answers in the measured seconds than
95 % of the rate, any error or any request unanswered; a failed rate is tried
--retries more times (other work on the machine comes in bursts), and once it
fails on every try the path is not tried at higher rates. Then --bisect halvings
between the highest rate that passed and the lowest that failed find the highest
rate at which the path keeps p99 under the goal.

It prints every measurement as it goes, then per path and rate the medians over
the runs of the achieved rate, of p50, p90 and p99 (ms) and of the CPU (cores)
used by the server, the generator and everything else on the machine, and the
generator's own lateness; the highest passing rate per run and its median, with
its ratio to `/healthz`'s; and the one-user figures (median and p99, ms), with
their ratios to `/healthz`'s. Everything goes to --out as JSON (default
benchmarks/results/web-rate-<date>.json in the served checkout).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import math
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import deque
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, cast

HERE = Path(__file__).resolve().parent


def _checkout(argv: Sequence[str]) -> Path:
    """--checkout, read before the helpers are imported: they come from that checkout's benchmarks/."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--checkout", type=Path, default=HERE.parent)
    return Path(early.parse_known_args(argv)[0].checkout).resolve()


CHECKOUT = _checkout(sys.argv[1:])
sys.path.insert(0, str(CHECKOUT / "benchmarks"))
from agenda import DEFAULT_NOW, RESULTS, VENV_PYTHON, dataset, ensure_venv  # noqa: E402
from web_load import api_token, free_port, session_cookie, start_server  # noqa: E402

PATHS = {"trivial": "/healthz", "today": "/", "actions": "/api/v1/actions"}
DEFAULT_RATES = "100,200,400,800,1200,1600,2400,3200,4800,6400"
GOAL_MS = 50.0
MIN_ACHIEVED = 0.95  # of the rate asked for
GENERATOR_LATE_MS = 5.0  # the generator's own p99 lateness above which a run is flagged
TICK = 0.001  # the event loop's timer resolution: a shorter sleep returns at once and the generator would spin
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# The load generator (runs in its own process: `web_rate.py --generate SPEC`).


class Connection(asyncio.Protocol):
    """One keep-alive connection carrying one request at a time; parses just enough of HTTP/1.1 to find the end."""

    def __init__(self, load: Load, port: int) -> None:
        self.load = load
        self.port = port
        self.transport: asyncio.Transport | None = None
        self.opened: asyncio.Future[None] = load.loop.create_future()
        self.index = -1  # of the request in flight, -1 when none
        self.head = bytearray()
        self.remaining: int | None = None  # body bytes still to come; None while reading the head
        self.chunked: bytearray | None = None
        self.status = 0
        self.close = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports are not subclasses
        if not self.opened.done():
            self.opened.set_result(None)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if not self.opened.done():
            self.opened.set_exception(exc or ConnectionError("closed before it opened"))
        self.load.lost(self)

    def send(self, index: int) -> None:
        assert self.transport is not None
        self.index = index
        self.transport.write(self.load.request_for(self.port, index))

    def data_received(self, data: bytes) -> None:
        while data:
            if self.chunked is not None:
                self.chunked += data
                end = chunked_end(self.chunked)
                if end is None:
                    return
                data = bytes(self.chunked[end:])
                self.chunked = None
                self.finished()
                continue
            if self.remaining is None:
                self.head += data
                end = self.head.find(b"\r\n\r\n")
                if end < 0:
                    return
                head = bytes(self.head[:end]).lower()
                data = bytes(self.head[end + 4 :])
                self.head = bytearray()
                self.status = int(head[9:12])
                self.close = b"\r\nconnection: close" in head
                at = head.find(b"\r\ncontent-length:")
                if at >= 0:
                    stop = head.find(b"\r\n", at + 2)
                    self.remaining = int(head[at + 17 : stop if stop >= 0 else len(head)])
                elif b"\r\ntransfer-encoding: chunked" in head:
                    self.chunked = bytearray()
                    continue
                else:
                    self.remaining = 0
            taken = min(len(data), self.remaining)
            self.remaining -= taken
            data = data[taken:]
            if self.remaining == 0:
                self.remaining = None
                self.finished()

    def finished(self) -> None:
        index, self.index = self.index, -1
        self.load.answered(index, self.status)
        if self.close and self.transport is not None:
            self.transport.close()  # connection_lost opens another one
        else:
            self.load.free(self)


def chunked_end(body: bytearray) -> int | None:
    """The length of a complete chunked body at the start of `body` (no trailers), or None while incomplete."""
    at = 0
    while True:
        line_end = body.find(b"\r\n", at)
        if line_end < 0:
            return None
        size = int(bytes(body[at:line_end]).split(b";")[0], 16)
        at = line_end + 2 + size + 2
        if len(body) < at:
            return None
        if size == 0:
            return at


def get_request(path: str, headers: dict[str, str], port: int) -> bytes:
    lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{lines}\r\n".encode()


class Load:
    """GETs of one URL at a constant arrival rate over a fixed set of keep-alive connections.

    Request i is due at start + i / rate; those from `first` on (after the warm-up) are measured.

    Or, with "mix" in the spec (the name of a JSON file holding a list of [label, path, headers]),
    request i is the mix's item i (modulo its length), and latencies are also reported per label;
    with "ports", the connections are spread evenly over those servers (each request goes to
    the first free connection, whichever server it leads to).
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self.loop = asyncio.get_running_loop()
        self.ports: list[int] = spec.get("ports") or [spec["port"]]
        self.port: int = self.ports[0]
        self.mix: dict[int, list[bytes]] = {}
        self.labels: list[str] = []
        self.by_label: dict[str, list[float]] = {}
        if spec.get("mix"):
            items = json.loads(Path(spec["mix"]).read_text())
            self.mix = {port: [get_request(path, headers, port) for _, path, headers in items] for port in self.ports}
            self.labels = [label for label, _, _ in items]
            self.by_label = {label: [] for label in self.labels}
        else:
            self.request = get_request(spec["path"], spec["headers"], self.port)
        self.rate: float = spec["rate"]
        self.duration: float = spec["duration"]
        self.connections: int = spec["connections"]
        self.first = round(self.rate * spec["warmup"])
        self.total = self.first + round(self.rate * self.duration)
        self.start = 0.0
        self.window = (0.0, 0.0)  # answers received in it count towards the achieved rate
        self.idle: deque[Connection] = deque()
        self.queue: deque[int] = deque()  # requests waiting for a free connection
        self.latencies: list[float] = []
        self.late: list[float] = []  # how late the generator itself sent each measured request
        self.statuses: dict[str, int] = {}
        self.in_window = 0
        self.dropped = 0  # requests whose connection closed before the answer
        self.queued = 0
        self.unanswered = self.total - self.first  # measured requests not answered yet
        self.closing = False
        self.done: asyncio.Future[None] = self.loop.create_future()
        self.opening: set[asyncio.Task[None]] = set()

    def due(self, index: int) -> float:
        return self.start + index / self.rate

    def request_for(self, port: int, index: int) -> bytes:
        if self.mix:
            requests = self.mix[port]
            return requests[index % len(requests)]
        return self.request

    async def open(self, port: int) -> None:
        connection = Connection(self, port)
        await self.loop.create_connection(lambda: connection, "127.0.0.1", port)
        await connection.opened
        self.free(connection)

    def free(self, connection: Connection) -> None:
        if self.queue:
            connection.send(self.queue.popleft())
        else:
            self.idle.append(connection)

    def lost(self, connection: Connection) -> None:
        if connection in self.idle:
            self.idle.remove(connection)
        if connection.index >= 0:
            self.dropped += 1
            self.answered(connection.index, 0)
        if not self.closing:
            task = self.loop.create_task(self.open(connection.port))
            self.opening.add(task)
            task.add_done_callback(self.opening.discard)

    def answered(self, index: int, status: int) -> None:
        now = time.monotonic()
        if status:
            key = str(status)
            self.statuses[key] = self.statuses.get(key, 0) + 1
            if self.window[0] <= now < self.window[1]:
                self.in_window += 1
        if index >= self.first:
            if status == 200:
                latency = (now - self.due(index)) * 1000
                self.latencies.append(latency)
                if self.labels:
                    self.by_label[self.labels[index % len(self.labels)]].append(latency)
            self.unanswered -= 1
            if self.unanswered == 0 and not self.done.done():
                self.done.set_result(None)

    def dispatch(self, index: int, now: float) -> None:
        if index >= self.first:
            self.late.append((now - self.due(index)) * 1000)
        if self.idle:
            self.idle.popleft().send(index)
        else:
            self.queued += 1
            self.queue.append(index)

    async def run(self) -> dict[str, Any]:
        ports = self.ports
        opening = (self.open(ports[n % len(ports)]) for n in range(self.connections))
        await asyncio.wait_for(asyncio.gather(*opening), timeout=30)
        self.start = time.monotonic() + 0.05
        self.window = (self.due(self.first), self.due(self.total))
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        sent = 0
        while sent < self.total:
            now = time.monotonic()
            due = min(self.total, math.floor((now - self.start) * self.rate) + 1) if now >= self.start else 0
            while sent < due:
                self.dispatch(sent, now)
                sent += 1
            if sent < self.total:
                await asyncio.sleep(max(TICK, self.due(sent) - time.monotonic()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self.done), timeout=max(5.0, self.duration))
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        elapsed = time.monotonic() - self.start
        self.closing = True
        ordered = sorted(self.latencies) + [math.inf] * self.unanswered
        late = sorted(self.late)
        errors = sum(n for status, n in self.statuses.items() if status != "200") + self.dropped
        cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
        per_label = {}
        for label, latencies in self.by_label.items():
            ordered_label = sorted(latencies)
            per_label[label] = {
                "answered": len(ordered_label),
                **{f"p{p}_ms": percentile(ordered_label, p) for p in (50, 90, 99)},
            }
        result = {
            "rate": self.rate,
            "achieved": round(self.in_window / self.duration, 1),
            "measured": self.total - self.first,
            "unanswered": self.unanswered,
            "errors": errors,
            "statuses": self.statuses,
            "p50_ms": percentile(ordered, 50),
            "p90_ms": percentile(ordered, 90),
            "p99_ms": percentile(ordered, 99),
            "max_ms": percentile(ordered, 100),
            "queued": self.queued,
            "generator_late_p99_ms": percentile(late, 99),
            "generator_cpu": round(cpu / elapsed, 3),
        }
        if per_label:
            result["labels"] = per_label
        return result


def percentile(ordered: Sequence[float], p: float) -> float:
    """Nearest rank of an ascending sequence (inf for an empty one)."""
    if not ordered:
        return math.inf
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 3)


async def generate(spec: dict[str, Any]) -> dict[str, Any]:
    return await Load(spec).run()


def run_generator(spec: dict[str, Any]) -> dict[str, Any]:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(generate(spec))
    return uvloop.run(generate(spec))


# The parent: server, rates, one-user figures, summary.


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent on anything but idling since boot."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / CLOCK_TICKS  # less idle and iowait; guest time is in user


def at_rate(
    pid: int, port: int, path: str, headers: dict[str, str], rate: float, args: argparse.Namespace
) -> dict[str, Any]:
    """One generator run; a failure is tried once more (--retries), since other work on the machine comes in bursts."""
    spec = {
        "port": port,
        "path": path,
        "headers": headers,
        "rate": rate,
        "warmup": args.warmup,
        "duration": args.duration,
        "connections": args.connections,
    }
    attempts = []
    for _ in range(1 + args.retries):
        load = os.getloadavg()[0]
        cpu_before, busy_before, started = cpu_seconds(pid), machine_busy_seconds(), time.monotonic()
        done = subprocess.run(
            [
                str(VENV_PYTHON),
                str(Path(__file__).resolve()),
                "--checkout",
                str(CHECKOUT),
                "--generate",
                json.dumps(spec),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60 + args.warmup + 2 * args.duration,
        )
        elapsed = time.monotonic() - started
        server_cpu = (cpu_seconds(pid) - cpu_before) / elapsed
        machine_cpu = (machine_busy_seconds() - busy_before) / elapsed
        if done.returncode != 0:
            raise SystemExit(f"the load generator failed ({done.returncode}): {done.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(done.stdout)
        result["server_cpu"] = round(server_cpu, 3)
        result["other_cpu"] = round(max(0.0, machine_cpu - server_cpu - result["generator_cpu"]), 3)
        result["loadavg"] = load
        result["generator_late"] = result["generator_late_p99_ms"] > GENERATOR_LATE_MS
        result["passed"] = (
            result["p99_ms"] < args.goal_ms
            and result["errors"] == 0
            and result["unanswered"] == 0
            and result["achieved"] >= MIN_ACHIEVED * rate
        )
        attempts.append(result)
        time.sleep(0.5)
        if result["passed"]:
            break
    result = attempts[-1]
    if len(attempts) > 1:
        result["earlier_attempts"] = attempts[:-1]
    return result


def one_user(port: int, path: str, headers: dict[str, str], db: Path, count: int, writes: bool) -> dict[str, Any]:
    """`count` requests one after another on one connection; with `writes`, each after a write, then once more."""
    after_write: list[float] = []
    again: list[float] = []
    writer = sqlite3.connect(db)
    connection = http.client.HTTPConnection("127.0.0.1", port)
    sent = {"Host": f"127.0.0.1:{port}", **headers}

    def timed() -> float:
        started = time.perf_counter()
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}: {body[:500]!r}")
        return elapsed

    try:
        for _ in range(5):
            timed()
        for _ in range(count):
            if writes:
                with writer:
                    writer.execute("CREATE TABLE IF NOT EXISTS bench_poke (n INTEGER)")
                    writer.execute("INSERT INTO bench_poke VALUES (1)")
                after_write.append(timed())
            again.append(timed())
        if writes:
            with writer:
                writer.execute("DROP TABLE IF EXISTS bench_poke")
    finally:
        connection.close()
        writer.close()
    result = {"without_write": spread(again)}
    if writes:
        result["after_write"] = spread(after_write)
    return result


def spread(times: list[float]) -> dict[str, float | int]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(percentile(ordered, 99), 2),
        "n": len(ordered),
    }


def one_run(args: argparse.Namespace, db: Path, settings: Path, rates: list[float], number: int) -> dict[str, Any]:
    port = free_port()
    server = start_server(db, settings, args.now, port)
    headers: dict[str, dict[str, str]] = {name: {} for name in PATHS}
    headers["actions"] = {"Authorization": f"Bearer {api_token(db)}"}
    # Today needs a signed-in browser since the local app has sign-in (an older checkout ignores the cookie).
    headers["today"] = {"Cookie": session_cookie(db)}
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in PATHS}
    try:
        sequential = {
            name: one_user(port, PATHS[name], headers[name], db, args.sequential, writes=name != "trivial")
            for name in PATHS
        }
        active = list(PATHS)
        for index, rate in enumerate(rates):
            order = active[index % len(active) :] + active[: index % len(active)] if active else []
            for name in order:
                result = at_rate(server.pid, port, PATHS[name], headers[name], rate, args)
                results[name].append(result)
                show(number, name, result)
                if not result["passed"]:
                    active.remove(name)
            if not active:
                break
        bounds = {name: bracket(results[name]) for name in PATHS}
        for _ in range(args.bisect):
            for name, (low, high) in bounds.items():
                if high is None or high - low <= max(10.0, 0.02 * high):
                    continue
                rate = float(round((low + high) / 2))
                result = at_rate(server.pid, port, PATHS[name], headers[name], rate, args)
                result["bisection"] = True
                results[name].append(result)
                show(number, name, result)
                bounds[name] = (rate, high) if result["passed"] else (low, rate)
    finally:
        server.terminate()
        server.wait(timeout=10)
    best = {name: bracket(results[name])[0] for name in PATHS}
    return {"sequential": sequential, "rates": results, "highest_passing": best, "port": port}


def bracket(results: list[dict[str, Any]]) -> tuple[float, float | None]:
    """The highest rate that passed and the lowest that failed above it (None: none failed)."""
    low = max((r["rate"] for r in results if r["passed"]), default=0.0)
    high = min((r["rate"] for r in results if not r["passed"] and r["rate"] > low), default=None)
    return low, high


def show(number: int, name: str, r: dict[str, Any]) -> None:
    tries = f" (try {len(r['earlier_attempts']) + 1})" if "earlier_attempts" in r else ""
    print(
        f"  run {number} {PATHS[name]:<16} {r['rate']:>7,.0f}/s: {r['achieved']:>8,.1f}/s  p50 {r['p50_ms']:>8.2f}"
        f"  p90 {r['p90_ms']:>8.2f}  p99 {r['p99_ms']:>8.2f} ms  {'pass' if r['passed'] else 'FAIL'}{tries}"
        f"  cpu: server {r['server_cpu']:.2f} generator {r['generator_cpu']:.2f} other {r['other_cpu']:.2f};"
        f" generator late p99 {r['generator_late_p99_ms']:.1f} ms",
        flush=True,
    )


def median_or_inf(values: list[float]) -> float:
    return statistics.median(values) if values else math.inf


def summarize(runs: list[dict[str, Any]], rates: list[float]) -> dict[str, Any]:
    table: dict[str, list[dict[str, Any]]] = {}
    for name in PATHS:
        rows = []
        for rate in rates:
            found = [r for run in runs for r in run["rates"][name] if r["rate"] == rate and not r.get("bisection")]
            if not found:
                continue
            rows.append(
                {
                    "rate": rate,
                    "runs": len(found),
                    "passed": sum(r["passed"] for r in found),
                    **{
                        key: round(statistics.median(r[key] for r in found), 3)
                        for key in (
                            "achieved",
                            "p50_ms",
                            "p90_ms",
                            "p99_ms",
                            "server_cpu",
                            "generator_cpu",
                            "other_cpu",
                            "generator_late_p99_ms",
                        )
                    },
                }
            )
        table[name] = rows
    trivial_p99 = {row["rate"]: row["p99_ms"] for row in table["trivial"]}
    for rows in table.values():
        for row in rows:
            reference = trivial_p99.get(row["rate"])
            known = reference and math.isfinite(reference) and math.isfinite(row["p99_ms"])
            row["p99_vs_trivial"] = round(row["p99_ms"] / reference, 2) if known else None
    highest = {name: [run["highest_passing"][name] for run in runs] for name in PATHS}
    medians = {name: median_or_inf(values) for name, values in highest.items()}
    trivial = medians["trivial"]
    paired = {  # each run's ratio to its own /healthz, which saw the same machine
        name: [round(mine / ref, 2) if ref else math.inf for mine, ref in zip(values, highest["trivial"], strict=True)]
        for name, values in highest.items()
    }
    sequential: dict[str, Any] = {}
    for name in PATHS:
        sequential[name] = {}
        for kind in runs[0]["sequential"][name]:
            figures = [run["sequential"][name][kind] for run in runs]
            sequential[name][kind] = {
                key: round(statistics.median(f[key] for f in figures), 2) for key in ("median_ms", "p99_ms")
            }
    return {
        "table": table,
        "highest_passing": {"runs": highest, "median": medians},
        "ratio_to_trivial": {name: round(medians[name] / trivial, 2) if trivial else None for name in PATHS},
        "ratio_to_trivial_per_run": {name: {"runs": r, "median": median_or_inf(r)} for name, r in paired.items()},
        "sequential": sequential,
        "attempts": sum(
            1 + len(r.get("earlier_attempts", [])) for run in runs for rs in run["rates"].values() for r in rs
        ),
    }


def print_summary(summary: dict[str, Any], args: argparse.Namespace) -> None:
    print(
        f"\nmedians over {args.runs} run(s); latency from the time each request was due; goal p99 < {args.goal_ms} ms"
    )
    print("(cpu: cores busy with the server, the generator and everything else; late: the generator's own p99, ms)")
    header = f"{'path':<17}{'rate/s':>8}{'achieved':>10}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>10}{'vs /healthz':>12}"
    print(header + f"{'passed':>8}{'server':>8}{'gen':>6}{'other':>7}{'late':>7}")
    for name, rows in summary["table"].items():
        for row in rows:
            ratio = f"{row['p99_vs_trivial']:.2f}x" if row["p99_vs_trivial"] is not None else "-"
            print(
                f"{PATHS[name]:<17}{row['rate']:>8,.0f}{row['achieved']:>10,.1f}{row['p50_ms']:>9.2f}"
                f"{row['p90_ms']:>9.2f}{row['p99_ms']:>10.2f}{ratio:>12}{row['passed']:>5}/{row['runs']:<2}"
                f"{row['server_cpu']:>8.2f}{row['generator_cpu']:>6.2f}{row['other_cpu']:>7.2f}"
                f"{row['generator_late_p99_ms']:>7.1f}"
            )
    print(f"\nhighest rate with p99 < {args.goal_ms} ms (per run; median; median vs /healthz; per run vs /healthz):")
    for name, values in summary["highest_passing"]["runs"].items():
        median = summary["highest_passing"]["median"][name]
        paired = summary["ratio_to_trivial_per_run"][name]
        print(f"  {PATHS[name]:<17} {', '.join(f'{v:,.0f}' for v in values):<28} median {median:>8,.0f}/s"
              f"  {summary['ratio_to_trivial'][name]}x;  per run {', '.join(f'{r}x' for r in paired['runs'])},"
              f" median {paired['median']}x")  # fmt: skip
    print("\none user, requests one after another (medians over runs of each run's median and p99, ms):")
    reference = summary["sequential"]["trivial"]["without_write"]
    for name, kinds in summary["sequential"].items():
        for kind, figures in kinds.items():
            label = "first after a write" if kind == "after_write" else "no write before"
            print(
                f"  {PATHS[name]:<17} {label:<20} median {figures['median_ms']:>7.2f}  p99 {figures['p99_ms']:>7.2f}"
                f"   vs /healthz: median {figures['median_ms'] / reference['median_ms']:.1f}x,"
                f" p99 {figures['p99_ms'] / reference['p99_ms']:.1f}x"
            )


def finite(value: Any) -> Any:
    """`value` with every infinite float (a percentile that includes unanswered requests) as None, for JSON."""
    if isinstance(value, float) and math.isinf(value):
        return None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def revision(checkout: Path) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--checkout", type=Path, default=HERE.parent, help="the checkout whose code is served")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per rate")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds at the rate before measuring")
    parser.add_argument("--rates", default=DEFAULT_RATES, help="requests per second, comma-separated")
    parser.add_argument("--bisect", type=int, default=4, help="halvings after the first failing rate")
    parser.add_argument("--retries", type=int, default=1, help="more tries of a rate that failed")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--sequential", type=int, default=200, help="one-user requests per path and kind")
    parser.add_argument("--goal-ms", type=float, default=GOAL_MS)
    parser.add_argument("--now", default=DEFAULT_NOW)
    parser.add_argument("--out", help="results file (JSON)")
    parser.add_argument("--generate", help=argparse.SUPPRESS)  # the load generator's own process
    args = parser.parse_args(argv)
    if args.generate:
        print(json.dumps(run_generator(json.loads(args.generate))))
        return 0
    if Path(args.checkout).resolve() != CHECKOUT:
        raise SystemExit("--checkout must be given on the command line (its helpers are imported at start-up)")
    rates = sorted(float(r) for r in args.rates.split(",") if r)

    python = ensure_venv()
    db, settings, manifest = dataset(args.size, args.seed, args.now, None)
    started = datetime.now().astimezone()
    print(f"checkout {CHECKOUT} ({revision(CHECKOUT) or 'no git revision'}), followup from {python['followup']}")
    print(f"{args.size:,} applications ({manifest.get('seekers', 1)} seeker(s)), {db.name}; {args.connections} "
          f"connections; {args.warmup:g} s warm-up + {args.duration:g} s per rate; cpus={os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    runs = []
    for number in range(1, args.runs + 1):
        runs.append(one_run(args, db, settings, rates, number))
    summary = summarize(runs, rates)
    print_summary(summary, args)
    out = Path(args.out) if args.out else RESULTS / f"web-rate-{started.date().isoformat()}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items() if k != "generate"},
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now().astimezone().isoformat(timespec="seconds"),
        "checkout": str(CHECKOUT),
        "revision": revision(CHECKOUT),
        "python": python,
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "loadavg_end": os.getloadavg()},
        "dataset": {"db": db.name, "manifest": manifest},
        "summary": summary,
        "runs": runs,
    }
    out.write_text(json.dumps(finite(record), indent=1, default=str) + "\n")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
