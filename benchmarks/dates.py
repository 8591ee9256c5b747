"""How often followup reads the promised day right, on the labelled phrase sets.

Usage:
    python benchmarks/dates.py [--sets dev-d,dev-e] [--show-errors] [--passes 5]

Each set is a file `tests/data/dates/<name>.jsonl` written against docs/dates.md (the
format is in that folder's README). An item is right when the day read equals the
expected day, or when nothing is read and nothing was promised. Printed per set: the
score overall, per kind and per language, then the time to read one phrase (median of
--passes passes over every item of the sets read).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from followup.domain.calendar import BusinessCalendar

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "dates"


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    sent: datetime  # aware, in the writer's zone
    country: str
    lang: str
    source: str  # "employer" or "user"
    kind: str
    expected: date | None
    why: str


def load(name: str) -> list[Item]:
    items = []
    for line in (ROOT / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        items.append(
            Item(
                id=raw["id"],
                text=raw["text"],
                sent=datetime.fromisoformat(raw["sent"]).replace(tzinfo=ZoneInfo(raw["tz"])),
                country=raw["country"],
                lang=raw["lang"],
                source=raw["from"],
                kind=raw["kind"],
                expected=date.fromisoformat(raw["expected"]) if raw["expected"] else None,
                why=raw.get("why", ""),
            )
        )
    return items


def available() -> list[str]:
    return sorted(path.stem for path in ROOT.glob("*.jsonl"))


_CALENDARS: dict[tuple[str, str], BusinessCalendar] = {}


def calendar_for(item: Item) -> BusinessCalendar:
    key = (item.country, str(item.sent.tzinfo))
    if key not in _CALENDARS:
        _CALENDARS[key] = BusinessCalendar(
            timezone=ZoneInfo(str(item.sent.tzinfo)), holidays=holidays.country_holidays(item.country)
        )
    return _CALENDARS[key]


Reader = Callable[[Item], date | None]


def product(item: Item) -> date | None:
    """followup's reader, as `classify` and the capture form call it."""
    from followup.reading.when import read_promise

    found = read_promise(
        item.text, item.sent, calendar_for(item), country=item.country, from_user=item.source == "user"
    )
    return found.day if found else None


def score(name: str, items: list[Item], reader: Reader, show_errors: bool) -> tuple[int, int]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    right = 0
    for item in items:
        crashed: Exception | None = None
        try:
            got = reader(item)
        except Exception as error:  # a library that crashes on a phrase scores it wrong
            got, crashed = None, error
        ok = got == item.expected and crashed is None
        right += ok
        by_kind[item.kind].append(ok)
        by_lang[item.lang].append(ok)
        if show_errors and not ok:
            print(f"  {item.id} [{item.kind}, {item.lang}] expected {item.expected}, got {got or crashed or '-'}")
            print(f"      sent {item.sent:%a %Y-%m-%d %H:%M} {item.sent.tzinfo} ({item.country}): {item.text[:160]!r}")
    print(f"\n{name}: {right}/{len(items)} right ({right / len(items):.1%})")
    for title, table in (("kind", by_kind), ("language", by_lang)):
        cells = ", ".join(f"{key} {sum(v)}/{len(v)}" for key, v in sorted(table.items()))
        print(f"  per {title}: {cells}")
    return right, len(items)


def per_phrase_ms(items: list[Item], reader: Reader, passes: int) -> float:
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for item in items:
            reader(item)
        times.append((time.perf_counter() - start) / len(items) * 1000)
    return statistics.median(times)


def main(readers: dict[str, Reader] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(name for name in available() if name.startswith("dev")))
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--passes", type=int, default=5)
    readers = readers or {"followup": product}
    parser.add_argument("--reader", choices=sorted(readers), default=next(iter(readers)))
    args = parser.parse_args()
    names = [name.strip() for name in args.sets.split(",") if name.strip()]
    missing = [name for name in names if not (ROOT / f"{name}.jsonl").exists()]
    if missing:
        sys.exit(f"no such set: {', '.join(missing)} (sets: {', '.join(available())})")
    reader = readers[args.reader]
    print(f"reader: {args.reader}")
    every: list[Item] = []
    total_right = total = 0
    for name in names:
        items = load(name)
        every += items
        right, count = score(name, items, reader, args.show_errors)
        total_right, total = total_right + right, total + count
    if len(names) > 1:
        print(f"\nall: {total_right}/{total} right ({total_right / total:.1%})")
    print(f"\none phrase: {per_phrase_ms(every, reader, args.passes):.3f} ms (median of {args.passes} passes)")


if __name__ == "__main__":
    main()
