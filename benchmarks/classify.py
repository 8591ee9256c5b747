"""Accuracy and speed of the reply classifier on the labelled mail sets.

Usage:
    python benchmarks/classify.py [--passes 5] [--show-errors]

For tests/data/mail/dev (the rules were tuned on it) and tests/data/mail/holdout
(written after the rules were frozen, never tuned on) it prints accuracy, per-label
precision, recall and F1, a confusion table (rows: expected, columns: predicted)
and how many promised dates match. Throughput is parse + classify over both sets,
the median of --passes passes, in messages per second.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

from followup.mail.classify import LABELS, classify
from followup.mail.parse import parse_message

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "mail"


def load(folder: Path) -> list[tuple[str, bytes, str, str]]:
    with open(folder / "labels.csv", newline="", encoding="utf-8") as handle:
        return [
            (r["file"], (folder / r["file"]).read_bytes(), r["label"], r["promised_by"]) for r in csv.DictReader(handle)
        ]


def evaluate(name: str, items: list[tuple[str, bytes, str, str]], show_errors: bool) -> None:
    pairs = []
    dated = dates_ok = 0
    for file, raw, expected, promised in items:
        result = classify(parse_message(raw))
        got_date = result.promised_by.isoformat() if result.promised_by else ""
        pairs.append((expected, result.label))
        if promised:
            dated += 1
            dates_ok += got_date == promised
        if show_errors and (result.label != expected or (promised and got_date != promised)):
            print(
                f"  {file}: expected {expected} {promised or '-'}, got {result.label} {got_date or '-'}"
                f" ({result.confidence:.2f}, {result.evidence!r})"
            )
    correct = sum(e == p for e, p in pairs)
    print(
        f"\n{name}: {len(pairs)} messages, accuracy {correct / len(pairs):.3f} ({correct}/{len(pairs)}),"
        f" promised dates {dates_ok}/{dated}"
    )
    print(f"  {'label':<15}{'precision':>10}{'recall':>8}{'F1':>7}{'n':>5}")
    for label in LABELS:
        tp = sum(e == p == label for e, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        actual = sum(e == label for e, _ in pairs)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {label:<15}{precision:>10.2f}{recall:>8.2f}{f1:>7.2f}{actual:>5}")
    short = {label: label[:6] for label in LABELS}
    print("  confusion (rows expected, columns predicted)")
    print("  " + " " * 15 + "".join(f"{short[label]:>8}" for label in LABELS))
    for expected in LABELS:
        counts = [sum(e == expected and p == got for e, p in pairs) for got in LABELS]
        print(f"  {expected:<15}" + "".join(f"{c:>8}" for c in counts))


def throughput(raws: list[bytes], passes: int) -> float:
    rates = []
    for _ in range(passes):
        start = time.perf_counter()
        for raw in raws:
            classify(parse_message(raw))
        rates.append(len(raws) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    sets = {
        name: load(ROOT / name)
        for name in ("dev", "holdout", "blind", "blind2", "blind3")
        if (ROOT / name / "labels.csv").exists()
    }
    for name, items in sets.items():
        evaluate(name, items, args.show_errors)
    raws = [raw for items in sets.values() for _, raw, _, _ in items]
    rate = throughput(raws, args.passes)
    print(
        f"\nthroughput: {rate:,.0f} messages/s (parse + classify, {len(raws)} messages, median of {args.passes} passes)"
    )


if __name__ == "__main__":
    main()
