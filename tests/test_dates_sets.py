"""The development phrase sets (tests/data/dates/dev-*.jsonl): well formed, and read right by the product reader.

The score is the one `benchmarks/dates.py` prints (its loader and its reader are used as they
are): an item is right when the day read is the expected day, or nothing is read and nothing
was promised. The blind sets in that folder are scored once by hand and never here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import holidays
import pytest

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "data" / "dates"
DEV = ("dev-d", "dev-e")
FIELDS = {"id", "text", "sent", "tz", "country", "lang", "from", "kind", "expected", "why"}
# The kinds the folder's README names.
KINDS = {
    "explicit",
    "numeric",
    "weekday",
    "relative_week",
    "month",
    "shorthand",
    "span",
    "quarter",
    "holiday",
    "relative_to_other",
    "late_evening",
    "closure",
    "no_promise",
}
OVERALL = 0.98
PER_GROUP = 0.9


def _benchmark() -> ModuleType:
    """benchmarks/dates.py, loaded from its file (benchmarks/ is not a package)."""
    name = "followup_benchmark_dates"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "dates.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the class is built
        spec.loader.exec_module(module)
    return sys.modules[name]


def test_the_dev_sets_are_the_ones_the_benchmark_scores_by_default() -> None:
    assert set(DEV) <= set(_benchmark().available())


@pytest.mark.parametrize("name", DEV)
def test_every_line_of_a_set_is_well_formed(name: str) -> None:
    lines = [line for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 100
    prefix = name.removeprefix("dev-") + "-"
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        raw = json.loads(line)
        where = f"{name}.jsonl:{number} ({raw.get('id')})"
        assert set(raw) == FIELDS, where
        assert re.fullmatch(re.escape(prefix) + r"\d{3}", raw["id"]), where
        assert raw["id"] not in seen, where
        seen.add(raw["id"])
        for field in ("text", "why"):
            assert isinstance(raw[field], str), where
            assert raw[field].strip(), where
        assert raw["lang"] in {"en", "de", "fr", "es"}, where
        assert raw["from"] in {"employer", "user"}, where
        assert raw["kind"] in KINDS, where
        sent = datetime.fromisoformat(raw["sent"])
        assert sent.tzinfo is None, f"{where}: sent is the writer's wall-clock time, its zone is tz"
        ZoneInfo(raw["tz"])  # an IANA name
        assert raw["country"] in holidays.list_supported_countries(), where
        if raw["expected"] is None:
            assert raw["kind"] in {"no_promise", "closure"}, f"{where}: only these kinds may promise nothing"
        else:
            assert raw["kind"] != "no_promise", where
            assert date.fromisoformat(raw["expected"]) >= sent.date(), f"{where}: expected before it was sent"


@pytest.mark.parametrize("name", DEV)
def test_the_loader_reads_each_set_as_its_lines_say(name: str) -> None:
    items = _benchmark().load(name)
    assert all(item.sent.tzinfo is not None for item in items)
    assert all(item.expected is None or item.expected >= item.sent.date() for item in items)


def test_the_dev_sets_are_read_right_overall_and_per_kind_and_language() -> None:
    bench = _benchmark()
    results: dict[str, list[bool]] = defaultdict(list)
    wrong: list[str] = []
    for name in DEV:
        for item in bench.load(name):
            got = bench.product(item)
            ok = got == item.expected
            for group in ("all", f"kind {item.kind}", f"language {item.lang}"):
                results[group].append(ok)
            if not ok:
                wrong.append(f"{item.id} [{item.kind}, {item.lang}] expected {item.expected}, got {got}: {item.text!r}")
    scores = {group: sum(oks) / len(oks) for group, oks in results.items()}
    assert scores["all"] >= OVERALL, "\n".join(wrong)
    low = {group: f"{share:.1%}" for group, share in scores.items() if share < PER_GROUP}
    assert not low, f"{low}\n" + "\n".join(wrong)
    # Every kind and language is in the sets, so that each bar above is a real one.
    assert {group.removeprefix("kind ") for group in scores if group.startswith("kind ")} == KINDS
    assert {group for group in scores if group.startswith("language ")} == {
        f"language {lang}" for lang in ("en", "de", "fr", "es")
    }


# The blind sets, each scored once before tuning (BENCHMARKS.md), are development data since:
# what was tuned on them must stay read right. blind-n and blind-o joined once tuned on blind-o's
# misses (98.0 % and 100 %); blind-p and blind-q once tuned on theirs (99.3 % and 98.3 %); blind-r
# and blind-s once tuned on theirs (99.0 % and 99.7 %); blind-v and blind-w once tuned on the class
# most of their misses shared, a promise after a closure (97.3 % and 97.0 %).
TUNED_ON = (
    "blind-f",
    "blind-i",
    "blind-j",
    "blind-k",
    "blind-l",
    "blind-m",
    "blind-n",
    "blind-o",
    "blind-p",
    "blind-q",
    "blind-r",
    "blind-s",
    "blind-v",
    "blind-w",
)


@pytest.mark.parametrize("name", TUNED_ON)
def test_the_sets_tuned_on_after_their_one_scoring_stay_read_right(name: str) -> None:
    bench = _benchmark()
    items = bench.load(name)
    wrong = [f"{i.id}: expected {i.expected}, got {got}" for i in items if (got := bench.product(i)) != i.expected]
    assert 1 - len(wrong) / len(items) >= 0.97, "\n".join(wrong)
