"""Whole-process timings of `followup agenda`, against Taskwarrior's `task next`.

Usage:
    python3 benchmarks/agenda.py [--sizes 100,10000,1000000] [--runs 15] [--large-runs N]
                                 [--seed 1] [--now ISO] [--compare-at 10000] [--seekers N]
                                 [--out FILE]

For each size (number of applications) it generates the data once (cached in
benchmarks/data/ by size and seed, and by --seekers when that is given; see
generate.py), then runs as separate processes, interleaved so that machine
noise hits all alike:

    followup --db DB --config SETTINGS agenda --now NOW
    followup --db DB --config SETTINGS agenda --json --now NOW
    task next                    (at --compare-at only; TASKRC from tasks.py)
    python -c pass               (the same interpreter: the floor of any Python CLI)

Each command gets 2 warm-up runs, which are discarded, then --runs measured runs
(--large-runs for sizes of 1,000,000 and more; default the same), timed as wall
time with time.perf_counter around subprocess.run, stdout and stderr to pipes.
It prints median, p90 and min in milliseconds, the ratio of followup to
`task next`, the 2-second goal at 1,000,000, the 15 most expensive imports of
the agenda (`python -X importtime`, median over 5 runs), and the plan of every
SQL statement the agenda executes (probe.py). The results go to --out as JSON
(default benchmarks/results/agenda-<date>.json).

The product runs from a venv at benchmarks/.venv with `pip install -e` of this
repository, created on first use: a venv's interpreter starts without the base
installation's site-packages, whose .pth files add start-up time that a user's
own installation would not have.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENV = HERE / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
FOLLOWUP = VENV / "bin" / "followup"
DATA = HERE / "data"
RESULTS = HERE / "results"
DEFAULT_NOW = "2026-11-22T09:00:00+01:00"
WARMUP = 2
GOAL_LARGE_MS = 2000.0
LARGE = 1_000_000
IMPORT_RUNS = 5
TOP_IMPORTS = 15
HEAVY = ("sqlalchemy", "typer", "holidays", "jsonschema", "tomlkit", "platformdirs", "rich", "click")

sys.path.insert(0, str(HERE))
import tasks  # noqa: E402  (benchmarks/tasks.py and generate.py need only the standard library here)
from generate import GENERATOR_VERSION  # noqa: E402


@dataclass
class Command:
    name: str
    argv: list[str]
    env: dict[str, str] | None = None
    times: list[float] = field(default_factory=list)
    stdout: bytes = b""

    def run(self) -> float:
        started = time.perf_counter()
        done = subprocess.run(self.argv, env=self.env, capture_output=True, check=False)
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{self.name} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
        self.stdout = done.stdout
        return elapsed

    def summary(self) -> dict[str, float | int]:
        ordered = sorted(self.times)
        p90 = ordered[max(0, -(-9 * len(ordered) // 10) - 1)]  # nearest rank
        return {
            "median_ms": round(statistics.median(ordered), 1),
            "p90_ms": round(p90, 1),
            "min_ms": round(ordered[0], 1),
            "runs": len(ordered),
        }


def ensure_venv() -> dict[str, str]:
    """Create or reuse benchmarks/.venv with this repository installed in editable mode."""
    probe = [
        str(VENV_PYTHON),
        "-c",
        "import followup, sys, fastapi, uvicorn; print(followup.__file__); print(sys.version)",
    ]
    ok = VENV_PYTHON.exists() and FOLLOWUP.exists()
    if ok:
        out = subprocess.run(probe, capture_output=True, text=True, check=False)
        ok = out.returncode == 0 and out.stdout.startswith(str(REPO / "src"))
    if not ok:
        print(f"creating {VENV} (pip install -e {REPO})", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        pip = [str(VENV_PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "-e", str(REPO)], check=True)
    # An installed package has its bytecode compiled; an editable one writes it on first import,
    # unless PYTHONDONTWRITEBYTECODE is set (as on these machines). Compile it, so that no
    # timed run pays for compiling source.
    subprocess.run([str(VENV_PYTHON), "-m", "compileall", "-q", str(REPO / "src")], check=True)
    out = subprocess.run(probe, capture_output=True, text=True, check=True)
    location, version = out.stdout.strip().split("\n", 1)
    return {"python": str(VENV_PYTHON), "version": version.split()[0], "followup": location}


def dataset(size: int, seed: int, now: str, seekers: int | None) -> tuple[Path, Path, dict[str, Any]]:
    """The cached database for this size and seed, generated when missing or stale."""
    default = max(1, size // 10_000)  # generate.py's default
    seekers = seekers or default
    db = DATA / f"apps-{size}-seed{seed}{'' if seekers == default else f'-x{seekers}'}.db"
    manifest_path = db.with_suffix(".json")
    settings = db.with_suffix(".toml")
    manifest: dict[str, Any] = {}
    if db.exists() and manifest_path.exists() and settings.exists():
        manifest = json.loads(manifest_path.read_text())
    wanted = {"generator_version": GENERATOR_VERSION, "size": size, "seed": seed, "now": now, "seekers": seekers}
    if any(manifest.get(key) != value for key, value in wanted.items()):
        print(f"generating {db.name} ...", file=sys.stderr)
        options = ["--seed", str(seed), "--now", now, "--seekers", str(seekers)]
        subprocess.run([str(VENV_PYTHON), str(HERE / "generate.py"), str(size), str(db), *options], check=True)
        manifest = json.loads(manifest_path.read_text())
    return db, settings, manifest


def import_times(argv: list[str]) -> dict[str, Any]:
    """Median self and cumulative import time per module over IMPORT_RUNS runs of `python -X importtime`."""
    selves: dict[str, list[int]] = {}
    cumulative: dict[str, list[int]] = {}
    totals: list[int] = []
    for _ in range(IMPORT_RUNS + 1):
        out = subprocess.run([str(VENV_PYTHON), "-X", "importtime", *argv], capture_output=True, text=True, check=True)
        run_self: dict[str, int] = {}
        run_cumulative: dict[str, int] = {}
        for line in out.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, total, name = line.removeprefix("import time:").split("|")
            run_self[name.strip()] = int(own)
            run_cumulative[name.strip()] = int(total)
        if not run_self:
            raise SystemExit("no -X importtime output")
        if _ == 0:
            continue  # warm-up: the first run also compiles and caches bytecode
        totals.append(sum(run_self.values()))
        for name, value in run_self.items():
            selves.setdefault(name, []).append(value)
            cumulative.setdefault(name, []).append(run_cumulative[name])
    median_self = {name: statistics.median(v) for name, v in selves.items()}
    top = sorted(median_self, key=median_self.__getitem__, reverse=True)[:TOP_IMPORTS]
    packages = sorted({name.split(".")[0] for name in selves})
    return {
        "total_ms": round(statistics.median(totals) / 1000, 1),
        "modules": len(selves),
        "top": [
            {
                "module": name,
                "self_ms": round(median_self[name] / 1000, 2),
                "cumulative_ms": round(statistics.median(cumulative[name]) / 1000, 2),
            }
            for name in top
        ],
        "heavy_imported": [p for p in HEAVY if p in packages],
        "heavy_absent": [p for p in HEAVY if p not in packages],
        "followup_modules": sorted(n for n in selves if n.startswith("followup")),
    }


def probe(db: Path, settings: Path, now: str) -> dict[str, Any]:
    """probe.py's report; on failure one with empty findings and the error, so the timings are kept."""
    out = subprocess.run(
        [str(VENV_PYTHON), str(HERE / "probe.py"), str(db), str(settings), "--now", now],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        result: dict[str, Any] = json.loads(out.stdout)
    except json.JSONDecodeError:
        error = (out.stderr or out.stdout)[-1000:]
        print(f"probe.py failed ({out.returncode}): {error}", file=sys.stderr)
        empty = dict.fromkeys(("open_ms", "agenda_ms", "query_ms", "page_ms", "render_text_ms", "render_json_ms"), None)
        return {"statements": [], "full_scans": [], "phases": {"items": None, **empty}, "error": error}
    return result


def measure(commands: list[Command], runs: int) -> None:
    """Run every command WARMUP + runs times, interleaved, rotating the order each round."""
    for round_ in range(WARMUP + runs):
        shift = round_ % len(commands)
        for command in commands[shift:] + commands[:shift]:
            elapsed = command.run()
            if round_ >= WARMUP:
                command.times.append(elapsed)


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"\n{'size':>10}  {'command':<34} {'median':>8} {'p90':>8} {'min':>8}  runs  (ms)")
    for row in rows:
        print(
            f"{row['size']:>10,}  {row['command']:<34} {row['median_ms']:>8.1f} {row['p90_ms']:>8.1f} "
            f"{row['min_ms']:>8.1f}  {row['runs']:>4}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000,1000000")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--large-runs", type=int, help=f"runs at sizes of {LARGE:,} and more")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--now", default=DEFAULT_NOW)
    parser.add_argument("--compare-at", type=int, default=10_000, help="size at which `task next` runs too")
    parser.add_argument("--seekers", type=int, help="job seekers per data set (default SIZE // 10,000, at least 1)")
    parser.add_argument("--no-imports", action="store_true", help="skip the -X importtime measurement")
    parser.add_argument("--out", help="results file (JSON)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]

    python = ensure_venv()
    print(f"python: {python['python']} (Python {python['version']}), followup from {python['followup']}")
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs")
    results: dict[str, Any] = {
        "date": date.today().isoformat(),
        "now": args.now,
        "python": python,
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "sizes": {},
    }
    table: list[dict[str, Any]] = []
    paths: dict[int, tuple[Path, Path]] = {}
    for size in sizes:
        db, settings, manifest = dataset(size, args.seed, args.now, args.seekers)
        paths[size] = (db, settings)
        print(
            f"\n== {size:,} applications: {db.name}, {manifest['bytes'] / 1e6:.1f} MB, "
            f"{manifest['seekers']} seeker(s), {manifest['tables']['pending_action']:,} pending actions; "
            f"generated {manifest['rows']:,} rows at {manifest['rows_per_second']:,} rows/s, "
            f"{manifest['seconds']} s in all"
        )
        base = [str(FOLLOWUP), "--db", str(db), "--config", str(settings)]
        text = Command("followup agenda", [*base, "agenda", "--now", args.now])
        as_json = Command("followup agenda --json", [*base, "agenda", "--json", "--now", args.now])
        floor = Command("python -c pass", [str(VENV_PYTHON), "-c", "pass"])
        commands = [text, as_json, floor]
        taskdir = None
        if size == args.compare_at:
            taskdir = tempfile.TemporaryDirectory(prefix="followup-bench-task-")
            env = tasks.load(str(db), taskdir.name, now_text=args.now)
            commands.append(Command("task next", [tasks.ensure_task(), "next"], env=env))
            results["taskwarrior"] = tasks.task_version()
        runs = args.large_runs if size >= LARGE and args.large_runs else args.runs
        measure(commands, runs)
        items = len(json.loads(as_json.stdout))
        entry: dict[str, Any] = {"manifest": manifest, "agenda_items": items, "commands": {}}
        for command in commands:
            summary = command.summary()
            entry["commands"][command.name] = {**summary, "times_ms": [round(t, 1) for t in command.times]}
            table.append({"size": size, "command": command.name, **summary})
        if taskdir is not None:
            task_median = entry["commands"]["task next"]["median_ms"]
            entry["ratio_to_task"] = {
                c.name: round(entry["commands"][c.name]["median_ms"] / task_median, 2) for c in (text, as_json)
            }
            taskdir.cleanup()
        entry["probe"] = probe(db, settings, args.now)
        results["sizes"][str(size)] = entry
        print(f"agenda items shown: {items:,}; text output {len(text.stdout.splitlines()):,} lines")
        phases = entry["probe"]["phases"]
        print(
            "in-process medians (ms): open {open_ms}, build the agenda {agenda_ms} (query {query_ms}), "
            "its page {page_ms}, render text {render_text_ms}, render JSON {render_json_ms}".format(**phases)
        )
        scans = entry["probe"]["full_scans"]
        print(f"statements on the agenda path: {len(entry['probe']['statements'])}, full scans: {len(scans)}")

    print_table(table)
    for size, entry in results["sizes"].items():
        if "ratio_to_task" in entry:
            task_ms = entry["commands"]["task next"]["median_ms"]
            for name, ratio in entry["ratio_to_task"].items():
                verdict = "meets" if ratio <= 1 else "misses"
                print(f"at {int(size):,}: {name} / task next = {ratio:.2f} ({verdict} the goal; task {task_ms} ms)")
        if int(size) >= LARGE:
            for name in ("followup agenda", "followup agenda --json"):
                median = entry["commands"][name]["median_ms"]
                verdict = "meets" if median < GOAL_LARGE_MS else "misses"
                print(f"at {int(size):,}: {name} median {median} ms ({verdict} the 2 s goal)")

    at = str(args.compare_at) if args.compare_at in paths else str(sizes[0])
    if not args.no_imports:
        report_imports(results, *paths[int(at)], args.now)
    agenda_sql = [s for s in results["sizes"][at]["probe"]["statements"] if "FROM pending_action" in s["sql"]]
    print("\nquery plan of the agenda query:")
    for statement in agenda_sql:
        print(f"  {statement['sql']}")
        for step in statement["plan"]:
            print(f"    {step}")

    out = Path(args.out) if args.out else RESULTS / f"agenda-{results['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nresults: {out}")
    return 0


def report_imports(results: dict[str, Any], db: Path, settings: Path, now: str) -> None:
    """Measure and print the imports of the text and JSON agenda into `results`."""
    base = ["-m", "followup", "--db", str(db), "--config", str(settings), "agenda", "--now", now]
    results["imports"] = {"text": import_times(base), "json": import_times([*base, "--json"])}
    for label, imports in results["imports"].items():
        print(
            f"\nimports of `followup agenda{' --json' if label == 'json' else ''}`: {imports['modules']} modules, "
            f"{imports['total_ms']} ms in all (median of {IMPORT_RUNS}); heavy ones imported: "
            f"{', '.join(imports['heavy_imported']) or 'none'}; absent: {', '.join(imports['heavy_absent'])}"
        )
    print(f"\ntop {TOP_IMPORTS} imports of `followup agenda` by own time (ms):")
    for item in results["imports"]["text"]["top"]:
        print(f"  {item['self_ms']:>7.2f}  {item['cumulative_ms']:>7.2f} cumulative  {item['module']}")


if __name__ == "__main__":
    sys.exit(main())
