"""Making sense of a spreadsheet someone kept before followup: its bytes, columns, words and dates.

Everything a user might have typed is read as leniently as is safe: column
names and status words from common trackers, UTF-8 with or without a BOM,
commas or semicolons. What cannot be read safely, such as 03/04/2026 in a
column that never says which number is the day, is a problem to fix rather
than a guess.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from followup.domain.model import ApplicationStatus
from followup.errors import ImportFailed

# Our field -> the column names people use for it, compared after `_words()`.
COLUMNS: dict[str, tuple[str, ...]] = {
    "company": ("company", "employer", "organisation", "organization", "company name"),
    "role": ("role", "position", "job title", "title", "job", "job role"),
    "status": ("status", "stage"),
    "applied_on": ("applied", "date applied", "applied on", "application date", "date"),
    "job_url": ("link", "url", "job link", "posting", "job url", "job posting", "posting url"),
    "notes": ("notes", "note", "comments"),
    "contact": ("contact", "contact person", "contact name"),
    "recruiter": ("recruiter", "recruiter name"),
    "source": ("source",),
}
_COLUMN_OF = {name: ours for ours, names in COLUMNS.items() for name in names}

STATUS_WORDS: dict[ApplicationStatus, tuple[str, ...]] = {
    ApplicationStatus.ACTIVE: (
        "active", "applied", "submitted", "application sent", "sent", "in progress", "open", "pending",
        "waiting", "under review", "interviewing", "interview", "interview scheduled", "phone screen",
        "phone screening", "screening", "screen", "assessment", "technical interview", "onsite",
        "on site", "final round",
    ),
    ApplicationStatus.OFFER: ("offer", "offered", "offer received", "accepted", "offer accepted", "hired"),
    ApplicationStatus.REJECTED: ("rejected", "rejection", "not selected", "no offer", "unsuccessful", "turned down"),
    ApplicationStatus.WITHDRAWN: (
        "withdrawn", "withdrew", "declined", "offer declined", "not interested", "retracted",
    ),
    ApplicationStatus.CLOSED_NO_RESPONSE: (
        "closed no response", "closed without response", "ghosted", "no response", "no reply",
        "no answer", "closed", "expired", "position closed", "posting closed",
    ),
}  # fmt: skip
_STATUS_OF = {word: status for status, words in STATUS_WORDS.items() for word in words}
RECRUITER_SOURCES = frozenset({"recruiter", "agency", "recruitment agency", "headhunter", "staffing agency"})
# Trackers keep jobs one has not applied for yet; followup only tracks sent applications.
NOT_APPLIED = frozenset({"wishlist", "wish list", "saved", "bookmarked", "to apply", "interested", "planned"})

# A spreadsheet evaluates a cell starting with one of these (a formula, or a command in older
# Excel), so our CSV export writes such text behind an apostrophe, which every spreadsheet shows
# as text and leaves out of the cell's value; reading a CSV takes the apostrophe off again, so a
# file we wrote reads back as the text it had.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
TEXT_MARK = "'"

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
_NAMED_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")
DATE_ORDERS = ("dmy", "mdy")
_HOW_TO_FIX_DATE = "write it as YYYY-MM-DD, e.g. 2026-11-20"


@dataclass
class Sheet:
    """The spreadsheet's cells, with our field for each column it has."""

    header: list[str]
    columns: dict[str, int]  # our field -> column index
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells), blank rows left out
    delimiter: str
    unknown: list[str] = field(default_factory=list)

    def cell(self, cells: list[str], name: str) -> str:
        index = self.columns.get(name)
        return as_text(cells[index]).strip() if index is not None and index < len(cells) else ""

    def where(self, row: int, name: str) -> str:
        return f'row {row}, column "{self.header[self.columns[name]]}"'


def read_sheet(text: str) -> Sheet:
    """The header and rows; raises ImportFailed when the file has no usable header."""
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
    columns: dict[str, int] = {}
    problems, unknown = [], []
    for index, name in enumerate(header):
        ours = _COLUMN_OF.get(_words(name))
        if ours is None:
            if name:
                unknown.append(name)
        elif ours in columns:
            first = header[columns[ours]]
            problems.append((f'column "{name}"', f'means the same as column "{first}": remove or rename one'))
        else:
            columns[ours] = index
    for needed in ("company", "role"):
        if needed not in columns:
            others = ", ".join(n.title() for n in COLUMNS[needed][1:4])
            problems.append(
                (f"header (row {start + 1})", f'no column for the {needed}: name one "{needed.title()}" (or {others})')
            )
    if problems:
        raise ImportFailed(
            "the spreadsheet's columns cannot be read:",
            problems,
            hint=f"The header row has: {', '.join(quoted(h) for h in header)}.",
        )
    rows = [(n + 1, cells) for n, cells in enumerate(records) if n > start and any(c.strip() for c in cells)]
    return Sheet(header, columns, rows, delimiter, unknown)


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


def _words(text: str) -> str:
    """'Date_Applied ' -> 'date applied': how column names and status words are compared."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).replace("_", " ").split())


def not_applied_yet(status: str) -> bool:
    return _words(status) in NOT_APPLIED


def status_of(text: str) -> ApplicationStatus | None:
    """Our status for a tracker's word (active when blank), or None for a word we do not know."""
    words = _words(text)
    return _STATUS_OF.get(words) if words else ApplicationStatus.ACTIVE


def is_recruiter_source(text: str) -> bool:
    return _words(text) in RECRUITER_SOURCES


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


def read_dates(cells: list[tuple[int, str]], order: str | None) -> tuple[dict[int, date], list[tuple[int, str]]]:
    """Dates by row, and (row, problem) for the cells that cannot be read.

    ISO (2026-11-20) and dotted (20.11.2026, always day first) dates read alone.
    Slashed ones (11/20/2026) read as a column: a number above 12 in one cell
    settles the order for all; if none does, each cell whose day and month
    could swap is a problem, unless `order` ("dmy" or "mdy") says.
    """
    found: dict[int, date] = {}
    problems: list[tuple[int, str]] = []
    slashed: list[tuple[int, str, int, int, int]] = []
    for row, text in cells:
        text = text.strip()
        if not text:
            continue
        iso, dotted, slash = _ISO.fullmatch(text), _DOTTED.fullmatch(text), _SLASHED.fullmatch(text)
        if slash:
            a, b, year = map(int, slash.groups())
            slashed.append((row, text, a, b, year))
            continue
        if iso:
            year, month, day = map(int, iso.groups())
        elif dotted:
            day, month, year = map(int, dotted.groups())
        else:
            named = _named_date(text)
            if named is None:
                problems.append((row, f"{quoted(text)} is not a date: {_HOW_TO_FIX_DATE}"))
            else:
                found[row] = named
            continue
        _add_date(found, problems, row, text, year, month, day)
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
        return found, problems
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
        _add_date(found, problems, row, text, year, month, day)
    return found, problems


def quoted(text: str) -> str:
    """A cell's text as messages show it; repr() would switch quotes for "O'Brien"."""
    return f'"{text}"'


def _add_date(
    found: dict[int, date], problems: list[tuple[int, str]], row: int, text: str, year: int, month: int, day: int
) -> None:
    try:
        found[row] = date(year, month, day)
    except ValueError as exc:
        problems.append((row, f"{quoted(text)} is not a real date ({exc}): check the day and month"))


def _named_date(text: str) -> date | None:
    for pattern in _NAMED_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
