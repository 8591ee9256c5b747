"""Accuracy and speed of the reply classifier on the labelled mail sets.

Usage:
    python benchmarks/classify.py [--passes 5] [--show-errors] [--sets dev,holdout,blind,blind2,blind3]

For each labelled set under tests/data/mail it prints the accuracy of the rules alone
(`rule_verdict`) and of what the product uses (`classify`: the rules combined with the
trained model), then for the combination per-label precision, recall and F1, a confusion
table (rows: expected, columns: predicted) and how many promised dates match. The shipped
model was trained on some of these sets (its file says which), so only a set it was not
trained on measures unseen mail. Throughput is parse + classify over all the sets read,
the median of --passes passes, in messages per second, for the rules alone and for the
combination.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

from followup.mail.parse import parse_message
from followup.reading.classify import LABELS, classify, rule_verdict
from followup.reading.model import shipped
from followup.reading.quoting import strip_quoted

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "mail"


def load(folder: Path) -> list[tuple[str, bytes, str, str]]:
    with open(folder / "labels.csv", newline="", encoding="utf-8") as handle:
        return [
            (r["file"], (folder / r["file"]).read_bytes(), r["label"], r["promised_by"]) for r in csv.DictReader(handle)
        ]


def evaluate(name: str, items: list[tuple[str, bytes, str, str]], show_errors: bool) -> None:
    pairs = []
    dated = dates_ok = rules_ok = 0
    for file, raw, expected, promised in items:
        message = parse_message(raw)
        rules_ok += rule_verdict(message, strip_quoted(message.text)).label == expected
        result = classify(message)
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
        f" rules alone {rules_ok / len(pairs):.3f} ({rules_ok}/{len(pairs)}), promised dates {dates_ok}/{dated}"
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


def throughput(raws: list[bytes], passes: int, *, rules_alone: bool = False) -> float:
    rates = []
    for _ in range(passes):
        start = time.perf_counter()
        for raw in raws:
            message = parse_message(raw)
            if rules_alone:
                rule_verdict(message, strip_quoted(message.text))
            else:
                classify(message)
        rates.append(len(raws) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--sets", default="dev,holdout,blind,blind2,blind3", help="comma-separated set names")
    args = parser.parse_args()
    names = [name.strip() for name in args.sets.split(",") if name.strip()]
    sets = {name: load(ROOT / name) for name in names if (ROOT / name / "labels.csv").exists()}
    model = shipped()
    if model is None:
        print("no model file: classify() is the rules alone")
    else:
        trained_on = model.meta.get("sets", [])
        print(f"model {model.version}, trained on {', '.join(map(str, trained_on))}")
    for name, items in sets.items():
        evaluate(name, items, args.show_errors)
    raws = [raw for items in sets.values() for _, raw, _, _ in items]
    rules = throughput(raws, args.passes, rules_alone=True)
    rate = throughput(raws, args.passes)
    print(
        f"\nthroughput: {rate:,.0f} messages/s (parse + classify, rules and model), {rules:,.0f} messages/s"
        f" (parse + rules alone); {len(raws)} messages, median of {args.passes} passes"
    )


if __name__ == "__main__":
    main()
