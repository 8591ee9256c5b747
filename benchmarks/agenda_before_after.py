"""`followup agenda` from an earlier source tree, from this one, and `task next`, alternated.

Usage:
    git archive COMMIT src | tar -x -C /tmp/before
    benchmarks/.venv/bin/python -m compileall -q /tmp/before/src
    python3 benchmarks/agenda_before_after.py /tmp/before/src [--runs 31] [--size 10000] [--now ISO]

For a machine that other work keeps busy: each command runs in turn, in rotating order,
and besides wall time each run's CPU time (user + system, from getrusage) is kept, which
other processes on the machine move less than wall time. Prints medians and the ratios to
`task next`, and whether both trees printed the same agenda. Uses benchmarks/.venv and the
data set that agenda.py made (run it once first); the earlier tree is put first on
PYTHONPATH in the same venv.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = HERE / ".venv" / "bin" / "python"
WARMUP = 2
RUN = "import sys\nfrom followup.cli import main\nsys.exit(main())"

sys.path.insert(0, str(HERE))
import tasks  # noqa: E402  (benchmarks/tasks.py needs only the standard library here)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """Wall and CPU milliseconds of one run, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=True)
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("before", help="the src folder of the earlier tree")
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--now", default="2026-11-22T09:00:00+01:00")
    args = parser.parse_args()
    data = HERE / "data" / f"apps-{args.size}-seed1"
    agenda = ["--db", f"{data}.db", "--config", f"{data}.toml", "agenda", "--now", args.now]
    with tempfile.TemporaryDirectory(prefix="followup-bench-task-") as taskdir:
        commands = {
            "before": ([str(PYTHON), "-c", RUN, *agenda], {**os.environ, "PYTHONPATH": args.before}),
            "after": ([str(PYTHON), "-c", RUN, *agenda], dict(os.environ)),
            "task next": ([tasks.ensure_task(), "next"], tasks.load(f"{data}.db", taskdir, now_text=args.now)),
        }
        names = list(commands)
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        printed: dict[str, bytes] = {}
        for turn in range(WARMUP + args.runs):
            for name in names[turn % 3 :] + names[: turn % 3]:
                spent, used, printed[name] = timed(*commands[name])
                if turn >= WARMUP:
                    wall[name].append(spent)
                    cpu[name].append(used)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    for name in names:
        print(f"{name:10s} wall {statistics.median(wall[name]):6.1f} ms   cpu {statistics.median(cpu[name]):6.1f} ms")
    for name in ("before", "after"):
        by_wall = statistics.median(wall[name]) / statistics.median(wall["task next"])
        by_cpu = statistics.median(cpu[name]) / statistics.median(cpu["task next"])
        print(f"{name} / task next: {by_wall:.2f} (wall), {by_cpu:.2f} (cpu)")
    print("the same agenda printed:", printed["before"] == printed["after"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
