"""The Insights page's charts as plain geometry, for the `_chart_*.html` templates to draw as SVG.

Charts are sized so that their text never shrinks on a phone: an SVG without
a viewBox fills the width, positions across are percentages of it and
positions down are pixels. Shapes that need both (areas, the funnel's
connectors) go in a nested SVG whose viewBox is 100 wide and as tall as the
chart in pixels, stretched across (`preserveAspectRatio="none"`). Every chart
also carries its numbers as a table, for screen readers and for anyone who
prefers to read them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from followup.domain.insights import GRACE, Delay, FunnelStep, Rate, WeekCount
from followup.domain.model import ApplicationStatus

GUTTER = 9.0  # % of the width left of the plot, for the axis numbers
PLOT_TOP, PLOT_BOTTOM, AXIS_LABELS = 14, 168, 190
WEEKLY_HEIGHT = 200
ROW = 68  # label and value, the bar, a note under it
STEP_ROW = 84
GRACE_WORDS = "a week" if GRACE.days == 7 else f"{GRACE.days} days"
STOPPED_WORDS = {
    ApplicationStatus.ACTIVE: "still open",
    ApplicationStatus.OFFER: "offer",
    ApplicationStatus.REJECTED: "turned down",
    ApplicationStatus.WITHDRAWN: "withdrawn",
    ApplicationStatus.CLOSED_NO_RESPONSE: "no answer",
}


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class BarRow:
    label: str
    value: str
    note: str
    width: float  # % of the track
    top: int
    has_value: bool


@dataclass(frozen=True)
class Bars:
    id: str
    title: str
    desc: str
    rows: list[BarRow]
    height: int
    table: Table
    kind: str = "bars"
    tone: str = "primary"


@dataclass(frozen=True)
class Column:
    x: float  # %
    width: float  # %
    y: float
    height: float
    tip: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class AxisLabel:
    x: float  # %
    text: str


@dataclass(frozen=True)
class Point:
    x: float  # %
    y: float
    tip: str


@dataclass(frozen=True)
class Weekly:
    id: str
    title: str
    desc: str
    kind: str  # "columns" or "area"
    ticks: list[Tick]
    labels: list[AxisLabel]
    table: Table
    columns: list[Column] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    area: str = ""  # polygon points in the stretched (100 x height) box
    gutter: float = GUTTER
    height: int = WEEKLY_HEIGHT
    top: int = PLOT_TOP
    bottom: int = PLOT_BOTTOM
    axis_labels: int = AXIS_LABELS


@dataclass(frozen=True)
class Step:
    label: str
    value: str
    x: float  # %
    width: float  # %
    top: int
    stopped: str


@dataclass(frozen=True)
class Funnel:
    id: str
    title: str
    desc: str
    steps: list[Step]
    connectors: list[str]  # polygon points in the stretched (100 x height) box
    height: int
    table: Table
    bar_height: int = 30
    kind: str = "funnel"


# -- words and numbers --------------------------------------------------------------------------


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def days(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 1:
        return "under a day"
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def nice_top(value: float) -> tuple[float, float]:
    """A round axis maximum at or above `value`, and the step between its ticks (about four of them)."""
    if value <= 0:
        return 1.0, 1.0
    rough = max(value / 4, 1.0)  # whole numbers: counts and days
    magnitude = 10 ** math.floor(math.log10(rough))
    step = float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough))
    return math.ceil(value / step) * step, step


# -- charts ---------------------------------------------------------------------------------------


def _bar_rows(items: Sequence[tuple[str, float | None, str, str]], top: float) -> list[BarRow]:
    return [
        BarRow(
            label,
            text,
            note,
            0.0 if value is None else max(0.0, min(100.0, value / top * 100)),
            n * ROW,
            value is not None,
        )
        for n, (label, value, text, note) in enumerate(items)
    ]


def response_chart(after_applying: Rate, after_interview: Rate, interviewed: int = 0) -> Bars:
    """`interviewed`: applications that got an interview, dated or not (an imported "Interviewing" has no day)."""

    # Each note says what was counted: only what is old enough to expect an answer, answered or not.
    def item(label: str, rate: Rate, of: str, none_yet: str) -> tuple[str, float | None, str, str]:
        if rate.value is None:
            return label, None, "–", "Too early to tell" if rate.waiting else none_yet
        return label, rate.value, percent(rate.value), f"{rate.hits} of {count(rate.total, 'application')} {of}"

    items = [
        item("Heard back after applying", after_applying, f"sent {GRACE_WORDS} ago or more", "No applications yet"),
        item(
            "Heard back after an interview",
            after_interview,
            f"interviewed {GRACE_WORDS} ago or more",
            "No interview with a known day yet" if interviewed else "No interviews yet",
        ),
    ]
    desc = "; ".join(f"{label}: {value} ({note})" for label, _, value, note in items) + "."
    table = Table(("", "Answered", "Of"), [(label, value, note) for label, _, value, note in items])
    rows = _bar_rows(items, 1.0)
    return Bars("chart-response", "How often they answer", desc, rows, len(rows) * ROW, table)


# What each delay counts, one per case: the first answer to an application, the answer after an
# interview, after a status check or call, or after the last thing sent by that channel.
COUNTED = {
    "applying": ("application", "applications"),
    "interview": ("interview", "interviews"),
    "chasing": ("status check or call", "status checks and calls"),
}


def _counted(delay: Delay) -> str:
    """What a median was taken from; answers whose day nobody recorded (an offer brought in from
    another tracker) are left out, and the note says so."""
    dated = " with a dated answer" if delay.undated else ""
    if delay.count:
        return f"from {count(delay.count, *COUNTED.get(delay.key, ('answer', 'answers')))}{dated}"
    return "No dated answers yet" if delay.undated else "No answers yet"


def delay_chart(chart_id: str, title: str, delays: Sequence[Delay]) -> Bars:
    medians = [d.median for d in delays]
    top = max((m for m in medians if m is not None), default=0.0)
    top = nice_top(top)[0] if top > 0 else 1.0
    items = [(d.label, d.median, days(d.median), _counted(d)) for d in delays]
    desc = "Median time to an answer. " + "; ".join(f"{label}: {text} ({note})" for label, _, text, note in items)
    table = Table(("", "Median", "Counted"), [(d.label, days(d.median), str(d.count)) for d in delays])
    rows = _bar_rows(items, top)
    return Bars(chart_id, title, desc + ".", rows, len(rows) * ROW, table, tone="ok")


def funnel_chart(steps: Sequence[FunnelStep]) -> Funnel:
    first = steps[0].count if steps else 0
    shapes: list[Step] = []
    for n, step in enumerate(steps):
        share = step.count / first if first else 0.0
        width = max(share * 100, 1.5) if step.count else 0.0
        value = f"{step.count} ({percent(share)})" if n else str(step.count)
        stopped = ", ".join(f"{k} {STOPPED_WORDS[s]}" for s, k in step.stopped.items())
        shapes.append(Step(step.label, value, (100 - width) / 2, width, n * STEP_ROW + 24, stopped))
    connectors = []
    bar = 30
    for upper, lower in itertools.pairwise(shapes):
        y1, y2 = upper.top + bar, lower.top
        connectors.append(
            f"{upper.x:.3f},{y1} {upper.x + upper.width:.3f},{y1} {lower.x + lower.width:.3f},{y2} {lower.x:.3f},{y2}"
        )
    desc_parts = [f"{s.label}: {s.value}" for s in shapes]
    for previous, step in itertools.pairwise(steps):
        if previous.count:
            desc_parts.append(
                f"{percent(step.count / previous.count)} went from {previous.label.lower()} to the next step"
            )
    table = Table(
        ("Step", "Applications", "Share of all", "Got no further"),
        [
            (s.label, str(step.count), percent(step.count / first if first else None), s.stopped or "–")
            for s, step in zip(shapes, steps, strict=True)
        ],
    )
    return Funnel(
        "chart-funnel",
        "How far applications get",
        "; ".join(desc_parts) + ".",
        shapes,
        connectors,
        len(shapes) * STEP_ROW,
        table,
    )


def _frame(weeks: Sequence[WeekCount]) -> tuple[float, list[Tick], list[AxisLabel], float]:
    top, step = nice_top(max((w.count for w in weeks), default=0))
    height = PLOT_BOTTOM - PLOT_TOP
    ticks = [
        Tick(PLOT_BOTTOM - value / top * height, f"{value:g}")
        for value in (step * n for n in range(int(top / step) + 1))
    ]
    slot = (100 - GUTTER) / max(len(weeks), 1)
    labels = []
    for n, week in enumerate(weeks):
        previous = weeks[n - 1].start if n else None
        if previous is None or previous.month != week.start.month:
            if n == 0 and len(weeks) > 1 and weeks[1].start.month != week.start.month:
                continue  # a lone first week would crowd the next month's name
            labels.append(AxisLabel(GUTTER + (n + 0.5) * slot, f"{week.start:%b}"))
    return top, ticks, labels, slot


def followups_chart(weeks: Sequence[WeekCount]) -> Weekly:
    top, ticks, labels, slot = _frame(weeks)
    height = PLOT_BOTTOM - PLOT_TOP
    columns = []
    for n, week in enumerate(weeks):
        tall = week.count / top * height
        tip = f"Week of {short_day(week.start)}: {count(week.count, 'follow-up')}"
        columns.append(Column(GUTTER + n * slot + slot * 0.18, slot * 0.64, PLOT_BOTTOM - tall, tall, tip))
    total = sum(w.count for w in weeks)
    busiest = max(weeks, key=lambda w: w.count) if weeks else None
    desc = f"{count(total, 'follow-up')} sent in the last {len(weeks)} weeks."
    if busiest is not None and busiest.count:
        desc += f" The busiest week was the week of {short_day(busiest.start)}, with {busiest.count}."
    table = Table(("Week of", "Follow-ups sent"), [(short_day(w.start), str(w.count)) for w in weeks])
    return Weekly("chart-followups", "Follow-ups sent per week", desc, "columns", ticks, labels, table, columns=columns)


def active_chart(weeks: Sequence[WeekCount]) -> Weekly:
    top, ticks, labels, slot = _frame(weeks)
    height = PLOT_BOTTOM - PLOT_TOP
    points = [
        Point(
            GUTTER + (n + 0.5) * slot,
            PLOT_BOTTOM - w.count / top * height,
            f"Week of {short_day(w.start)}: {count(w.count, 'active application')}",
        )
        for n, w in enumerate(weeks)
    ]
    area = ""
    if points:
        line = " ".join(f"{p.x:.3f},{p.y:.1f}" for p in points)
        area = f"{points[0].x:.3f},{PLOT_BOTTOM} {line} {points[-1].x:.3f},{PLOT_BOTTOM}"
    now = weeks[-1].count if weeks else 0
    peak = max(weeks, key=lambda w: w.count) if weeks else None
    desc = f"{count(now, 'application')} active now"
    if peak is not None and weeks:
        desc += f", {weeks[0].count} in the week of {short_day(weeks[0].start)}"
        if peak.count > now:
            desc += f"; the most was {peak.count}, in the week of {short_day(peak.start)}"
    table = Table(("Week of", "Active applications"), [(short_day(w.start), str(w.count)) for w in weeks])
    return Weekly(
        "chart-active",
        "Active applications per week",
        desc + ".",
        "area",
        ticks,
        labels,
        table,
        points=points,
        area=area,
    )
