"""Making sense of a spreadsheet someone kept before followup: its bytes, columns, words and dates.

Everything a user might have typed is read as leniently as is safe: column
names and status words from common trackers (`trackers`), UTF-8 with or
without a BOM, commas or semicolons. Which column is which is a guess the user
can correct (`Columns`); what cannot be read safely, such as 03/04/2026 in a
column that never says which number is the day, is a problem to fix rather
than a guess.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, time

from followup.domain import days
from followup.errors import ImportFailed
from followup.transfer.trackers import CHOICES, COLUMNS, FIELDS, KEEP, NEEDED, SEVERAL, field_of_column, words

# A spreadsheet evaluates a cell starting with one of these (a formula, or a command in older
# Excel), so our CSV export writes such text behind an apostrophe, which every spreadsheet shows
# as text and leaves out of the cell's value; reading a CSV takes the apostrophe off again, so a
# file we wrote reads back as the text it had.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
TEXT_MARK = "'"

_TIME = re.compile(r"(?<![\d.])(\d{1,2})[:h](\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?(?![\d])", re.IGNORECASE)
DATE_ORDERS = ("dmy", "mdy")
_HOW_TO_FIX_DATE = "write it as YYYY-MM-DD, e.g. 2026-11-20"


@dataclass
class Sheet:
    """The spreadsheet's header and rows, as written: which column is which is `Columns`' business."""

    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells), blank rows left out
    delimiter: str
    header_row: int = 1

    @property
    def key(self) -> str:
        """The header as a mapping is remembered by: names compared as column names are."""
        return "\t".join(words(name) for name in self.header)

    def name(self, index: int) -> str:
        """A column's name as messages show it; a column without one is "Column 4"."""
        name = self.header[index] if index < len(self.header) else ""
        return name or f"Column {index + 1}"

    def samples(self, index: int, count: int = 2) -> list[str]:
        """The first few non-empty cells of a column, to show which column it is."""
        found: list[str] = []
        for _n, cells in self.rows:
            text = " ".join(as_text(cells[index]).split()) if index < len(cells) else ""
            if text and text not in found:
                found.append(text)
                if len(found) == count:
                    break
        return found


@dataclass
class Columns:
    """What each column of a sheet is read as: one of `trackers.CHOICES` per column."""

    sheet: Sheet
    fields: list[str]
    problems: list[tuple[str, str]] = field(default_factory=list)

    def of(self, name: str) -> list[int]:
        return [index for index, chosen in enumerate(self.fields) if chosen == name]

    def has(self, name: str) -> bool:
        return name in self.fields

    def cell(self, cells: list[str], name: str) -> str:
        """The cell of the (first) column read as `name`, trimmed."""
        indexes = self.of(name)
        return _cell(cells, indexes[0]) if indexes else ""

    def cells(self, cells: list[str], name: str) -> list[tuple[int, str]]:
        """(column, text) of every non-empty cell read as `name`."""
        return [(index, text) for index in self.of(name) if (text := _cell(cells, index))]

    def where(self, row: int, name: str) -> str:
        indexes = self.of(name)
        return f'row {row}, column "{self.sheet.name(indexes[0])}"' if indexes else f"row {row}"

    def column(self, name: str) -> int:
        """For sorting problems: the first column read as `name`, or -1."""
        indexes = self.of(name)
        return indexes[0] if indexes else -1

    def to_json(self) -> dict[str, str]:
        """The mapping as it is remembered: column position -> choice."""
        return {str(index): chosen for index, chosen in enumerate(self.fields)}


def _cell(cells: list[str], index: int) -> str:
    return as_text(cells[index]).strip() if index < len(cells) else ""


def read_sheet(text: str) -> Sheet:
    """The header and rows; raises ImportFailed when the file has no header at all."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(text, first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:  # a cell longer than csv.field_size_limit(), or a NUL in it
        raise ImportFailed(
            "the file cannot be read as a spreadsheet",
            [(f"line {reader.line_num}", str(exc))],
            hint="A spreadsheet cell holds at most 131,072 characters; shorten that one or leave it out.",
        ) from None
    start = next((n for n, cells in enumerate(records) if any(c.strip() for c in cells)), None)
    if start is None:
        raise ImportFailed("the file is empty", [], hint="Export the spreadsheet again, with its header row.")
    header = [c.strip() for c in records[start]]
    rows = [(n + 1, cells) for n, cells in enumerate(records) if n > start and any(c.strip() for c in cells)]
    return Sheet(header, rows, delimiter, start + 1)


def guess_columns(sheet: Sheet) -> list[str]:
    """Each column read by its name; a column no tracker names, or a second one for a field
    that takes one, is kept in the notes."""
    fields: list[str] = []
    for name in sheet.header:
        ours = field_of_column(name) if name else None
        if ours is None or (ours in fields and ours not in SEVERAL):
            ours = KEEP
        fields.append(ours)
    return fields


def choose_columns(sheet: Sheet, guessed: list[str], chosen: dict[int, str]) -> Columns:
    """The guess with the user's choices over it, and what keeps it from being imported."""
    fields = [chosen.get(index, ours) for index, ours in enumerate(guessed)]
    fields = [ours if ours in CHOICES else KEEP for ours in fields]
    problems: list[tuple[str, str]] = []
    where = f"header (row {sheet.header_row})"
    for ours in FIELDS:
        indexes = [index for index, field_ in enumerate(fields) if field_ == ours]
        if len(indexes) > 1 and ours not in SEVERAL:
            names = " and ".join(quoted(sheet.name(index)) for index in indexes)
            problems.append((where, f"{names} are both read as the {FIELDS[ours].lower()}: choose one"))
    for needed in NEEDED:
        if needed not in fields:
            others = ", ".join(n.title() for n in COLUMNS[needed][1:4])
            problems.append(
                (
                    where,
                    f"no column is read as the {needed}: choose which one it is, or name one "
                    f'"{needed.title()}" (or {others})',
                )
            )
    return Columns(sheet, fields, problems)


def spreadsheet_text(text: str) -> str:
    """`text` as a cell a spreadsheet shows as text rather than evaluates (see FORMULA_STARTS)."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def as_text(cell: str) -> str:
    """The text `spreadsheet_text` was given: the apostrophe before a formula start comes off."""
    return cell[1:] if cell.startswith(TEXT_MARK) and cell[1:].startswith(FORMULA_STARTS) else cell


def _delimiter(text: str, first_line: str) -> str:
    try:
        found = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        found = ""
    # The sniffer can be fooled by commas inside notes; the header is the surest sign.
    if found and first_line.count(found) > 0:
        return found
    return max(",;\t", key=first_line.count)


def contact_of(text: str) -> tuple[str, str | None] | None:
    """(name, email) from "Jane Doe", "jane@example.com" or "Jane Doe <jane@example.com>"."""
    text = " ".join(text.split())
    if not text:
        return None
    named = re.fullmatch(r"(.*?)\s*<(\S+@\S+)>", text)
    if named:
        return (named.group(1).strip(" \"'") or named.group(2), named.group(2))
    if re.fullmatch(r"\S+@\S+", text):
        return text, text
    return text, None


def read_dates(
    cells: list[tuple[int, str]], order: str | None
) -> tuple[dict[int, date], list[tuple[int, str]], list[int]]:
    """Dates by row, (row, problem) for the dates that cannot be read, and the rows whose
    cell is no date at all ("next week"), which the caller keeps as text.

    Each cell is read by `domain.days`, the reader every door uses: ISO (2026-11-20),
    dotted (20.11.2026, always day first) and named (20 Nov 2026) dates read alone.
    Slashed ones (11/20/2026) read as a column: a number above 12 in one cell
    settles the order for all; if none does, each cell whose day and month
    could swap is a problem, unless `order` ("dmy" or "mdy") says. A time
    after the date is left for `time_of`.
    """
    found: dict[int, date] = {}
    problems: list[tuple[int, str]] = []
    not_dates: list[int] = []
    slashed: list[tuple[int, str, int, int, int]] = []
    for row, text in cells:
        text = text.strip()
        if not text:
            continue
        parts = days.slashed(text)
        if parts is not None:
            slashed.append((row, text, *parts))
            continue
        try:
            found[row] = days.day_or_why(text)
        except days.NotADay:
            not_dates.append(row)
        except days.DayError as why:
            problems.append((row, f"{quoted(text)} {why}"))
    day_first = [(row, text) for row, text, a, _b, _y in slashed if a > 12]
    month_first = [(row, text) for row, text, _a, b, _y in slashed if b > 12]
    if order is None and day_first and month_first:
        (row_d, text_d), (row_m, text_m) = day_first[0], month_first[0]
        problems.append(
            (
                max(row_d, row_m),
                f"{quoted(text_m)} (row {row_m}) puts the month first but {quoted(text_d)} (row {row_d}) the day: "
                f"the column mixes both orders, so {_HOW_TO_FIX_DATE}",
            )
        )
        return found, problems, not_dates
    order = order or ("dmy" if day_first else "mdy" if month_first else None)
    for row, text, a, b, year in slashed:
        if order is None and a != b:
            problems.append(
                (
                    row,
                    f"{quoted(text)} could be day/month or month/day, and no date in this column settles it: "
                    f"{_HOW_TO_FIX_DATE}, or import with --dates dmy (day first) or --dates mdy (month first)",
                )
            )
            continue
        day, month = (a, b) if order == "dmy" else (b, a)
        try:
            found[row] = days.calendar_day(year, month, day)
        except days.DayError as why:
            problems.append((row, f"{quoted(text)} {why}"))
    return found, problems, not_dates


def time_of(text: str) -> time | None:
    """The time of day in a date cell ("2026-11-03 14:30", "11/3/26, 2:30 PM"), if it has one."""
    found = _TIME.search(text)
    if found is None:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2)), (found.group(3) or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return time(hour, minute) if hour < 24 and minute < 60 else None


def quoted(text: str) -> str:
    """A cell's text as messages show it; repr() would switch quotes for "O'Brien"."""
    return f'"{text}"'
