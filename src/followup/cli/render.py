"""Output: JSON for scripts through one function, Rich for people (imported only when used)."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from followup.domain.labels import long_day, short_day

if TYPE_CHECKING:
    from rich.console import Console


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: Any) -> None:
    import json  # here: the text agenda, the command run most, prints none

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default))
    sys.stdout.write("\n")


_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        from rich.console import Console

        _console = Console(highlight=False)
    return _console


def day(moment: datetime | date | None) -> str:
    if moment is None:
        return "—"
    return long_day(moment)


def when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return f"{short_day(moment)} {moment:%H:%M}"


def terminal_width(default: int = 80) -> int:
    """The terminal's width in columns: COLUMNS when set, else the terminal's own, else `default`."""
    # os rather than shutil.get_terminal_size: shutil imports the compression modules (~6 ms).
    import os

    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    try:
        return os.get_terminal_size().columns
    except OSError:
        return default


def wrap(text: str, width: int, indent: int = 0, first_indent: int | None = None) -> list[str]:
    """`text` as lines of at most `width` columns, broken between words, never inside one.

    The text's own line breaks are kept (a draft's paragraphs, a signature); every line is
    indented by `indent` (the first by `first_indent`). Only a word longer than a whole line,
    such as a web address, is split, since it cannot fit anywhere.
    """
    room = max(width, indent + 1)
    lines: list[str] = []
    for n, line in enumerate(text.splitlines() or [""]):
        start = " " * (first_indent if first_indent is not None and n == 0 else indent)
        for part in _fill(line, room, start, " " * indent) or [""]:
            # A word longer than a line (a web address) is alone on its line: only it is cut.
            while len(part) > room:
                lines.append(part[:room])
                part = " " * indent + part[room:]
            lines.append(part)
    return lines


def _fill(line: str, room: int, first: str, rest: str) -> list[str]:
    """One line of text filled word by word into lines of `room` columns, as textwrap's
    `TextWrapper(width=room, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False,
    break_long_words=False).wrap(line)` fills it ("thank-you" and 2026-11-27 stay whole).

    Written out rather than through textwrap, which the agenda would load on every run to
    fill a few dozen short paragraphs that need none of its other options."""
    if line and len(first) + len(line) <= room and not line[-1].isspace() and "\t" not in line:
        return [first + line]  # most lines of the agenda fit whole
    words = line.split()
    if words and " ".join(words) == line:
        # Prose, words one space apart (the agenda's reasons): filled word by word at a third of
        # the cost of the chunks below, which keep runs of spaces and other whitespace as textwrap does.
        filled: list[str] = []
        current, width = words[0], room - len(first)
        for word in words[1:]:
            if len(current) + 1 + len(word) <= width:
                current += " " + word
            else:
                filled.append((rest if filled else first) + current)
                current, width = word, room - len(rest)
        filled.append((rest if filled else first) + current)
        return filled
    # Runs of spaces are kept between words; whitespace at the start of a later line, and at
    # the end of any line, is dropped (what counts as whitespace there is str.strip's).
    words = [chunk for chunk in _SPACES.split(line.expandtabs()) if chunk]
    words.reverse()
    lines: list[str] = []
    while words:
        indent = rest if lines else first
        width = room - len(indent)
        if lines and not words[-1].strip():
            words.pop()
        taken: list[str] = []
        used = 0
        while words and used + len(words[-1]) <= width:
            used += len(words[-1])
            taken.append(words.pop())
        if words and not taken and len(words[-1]) > width:
            taken.append(words.pop())  # longer than a line: alone on its own
        if taken and not taken[-1].strip():
            taken.pop()
        if taken:
            lines.append(indent + "".join(taken))
    return lines


_SPACES = re.compile("( +)")  # the spaces kept, as chunks of their own


def table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None) -> None:
    """Print `rows` under `columns`: as a table when the terminal is wide enough for each column's
    longest word, else one block per row ("role: recruiter" lines under the first column), so
    that no word is ever cut short or broken in two."""
    width = console().width
    least = [
        max(len(column), *(len(word) for row in rows for word in (row[n] or "").split()), 1)
        for n, column in enumerate(columns)
    ]
    most = [max(len(column), *(len(row[n] or "") for row in rows), 1) for n, column in enumerate(columns)]
    gap = 2
    room = width - gap * (len(columns) - 1)
    lines = [*wrap(title, width), ""] if title else []
    if sum(least) <= room:
        sizes = _column_sizes(least, most, room)
        for cells in (columns, *rows):
            wrapped = [wrap(cell or "", size) if cell else [""] for cell, size in zip(cells, sizes, strict=True)]
            for n in range(max(len(w) for w in wrapped)):
                parts = [(w[n] if n < len(w) else "").ljust(size) for w, size in zip(wrapped, sizes, strict=True)]
                lines.append((" " * gap).join(parts).rstrip())
    else:
        for row in rows:
            lines.extend(wrap(row[0], width))
            for column, cell in zip(columns[1:], row[1:], strict=True):
                if cell:
                    lines.extend(wrap(f"{column}: {cell}" if column else cell, width, 4, first_indent=2))
            lines.append("")
    console().print(esc("\n".join(lines).rstrip("\n")), soft_wrap=True, highlight=False)


def _column_sizes(least: list[int], most: list[int], room: int) -> list[int]:
    """Widths for columns that need `least` (their longest word) and could use `most` (their longest cell)."""
    sizes = list(least)
    spare = room - sum(sizes)
    # Short cells whole first: a date or a status reads badly over two lines.
    for n in sorted(range(len(sizes)), key=lambda n: most[n]):
        need = most[n] - sizes[n]
        if most[n] <= 24 and need <= spare:
            sizes[n], spare = most[n], spare - need
    # Then what is left, in proportion to what each column could still use.
    while spare > 0:
        wanting = [n for n in range(len(sizes)) if sizes[n] < most[n]]
        total = sum(most[n] - sizes[n] for n in wanting)
        if not total:
            break
        for n in wanting:
            extra = min(max(1, spare * (most[n] - sizes[n]) // total), most[n] - sizes[n], spare)
            sizes[n], spare = sizes[n] + extra, spare - extra
    return sizes


def esc(text: object) -> str:
    """User text inside Rich markup: a company called '[bold]' must print as written."""
    from rich.markup import escape

    return escape(str(text))
