"""A spreadsheet's rows read against the columns the user chose: followup's fields, and notes.

Each cell lands in a field or in the notes ("Column: value"), unless its
column was left out on purpose; what cannot be read safely (an empty company,
a javascript: link, an impossible date) is a problem at its row and column.
Reading writes nothing: `followup.app.transfer.csv_import` does, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from functools import partial

from followup.domain.fields import FieldError, email_address, long_text, person_name, web_address
from followup.domain.model import ApplicationStatus, Source
from followup.transfer.csv_read import Columns, Sheet, as_text, contact_of, quoted, read_dates, time_of
from followup.transfer.trackers import (
    KEEP,
    StatusWord,
    excitement_of,
    is_recruiter_source,
    saved_list,
    status_word,
    tags_of,
)

# An interview the file dates without a time is put at this hour, and the preview says so.
INTERVIEW_HOUR = time(9, 0)
Person = tuple[str, str | None]  # name, email


@dataclass(frozen=True)
class SheetRow:
    """One row as the import reads it: followup's fields, and the rest as notes."""

    number: int
    company: str
    role: str
    status: ApplicationStatus
    applied_on: date | None
    job_url: str | None
    notes: str | None
    source: Source
    contact: Person | None
    recruiter: Person | None
    location: str | None = None
    salary: str | None = None
    excitement: int | None = None
    tags: tuple[str, ...] = ()
    description: str | None = None
    interview_at: datetime | None = None
    # The file's word for an interview stage, when it dates no interview.
    undated_interview: str | None = None
    # The file's status word, when followup does not know it.
    unknown_status: str | None = None


_FIELD_CHECKS: dict[str, Callable[[str], str]] = {
    "company": partial(person_name, what="company name"),
    "role": partial(person_name, what="role"),
    "job_url": web_address,
}


SAVED = StatusWord(ApplicationStatus.WISHLIST, keep_word=False)
_TEXT_CHECKS: dict[str, Callable[[str], str]] = {
    "location": partial(person_name, what="location"),
    "salary": partial(person_name, what="salary"),
    "description": partial(long_text, what="job description"),
}


class RowReader:
    """Reads every row against the chosen columns, noting problems and what is kept as text."""

    def __init__(
        self, sheet: Sheet, columns: Columns, tracker: str | None, order: str | None, today: date, tz: tzinfo
    ) -> None:
        self.tz = tz
        self.sheet = sheet
        self.columns = columns
        self.tracker = tracker
        # A list of saved jobs (LinkedIn's Saved Jobs.csv) says when each was saved, never applied.
        self.only_saved = not columns.has("status") and not columns.has("applied_on") and saved_list(sheet.header)
        self.problems: list[tuple[int, int, str, str]] = []  # row, column, where, what: for sorting
        self.today = today
        self.interview_hour_used = False
        self.applied, self.unread_applied = self._dates("applied_on", order)
        self.interviews, self.unread_interviews = self._dates("interview_on", order)

    def _dates(self, name: str, order: str | None) -> tuple[dict[int, date], set[int]]:
        cells = [(n, self.columns.cell(cells, name)) for n, cells in self.sheet.rows] if self.columns.has(name) else []
        found, problems, not_dates = read_dates(cells, order)
        for n, message in problems:
            self.problem(n, name, message)
        return found, set(not_dates)

    def problem(self, row: int, name: str, message: str) -> None:
        self.problems.append((row, self.columns.column(name), self.columns.where(row, name), message))

    def sorted_problems(self) -> list[tuple[str, str]]:
        return [(where, what) for _r, _c, where, what in sorted(self.problems)]

    def rows(self) -> list[SheetRow]:
        found = []
        for n, cells in self.sheet.rows:
            if any(c.strip() for c in cells[len(self.sheet.header) :]):
                self.problems.append(
                    (
                        n,
                        -1,
                        f"row {n}",
                        f"has {len(cells)} cells but the header has {len(self.sheet.header)}: a cell probably "
                        f"holds a {quoted(self.sheet.delimiter)} without quotes around it",
                    )
                )
                continue
            found.append(self.row(n, cells))
        return found

    def row(self, n: int, cells: list[str]) -> SheetRow:
        columns = self.columns
        kept: list[str] = []  # "Column: value" lines for the notes

        def keep(index: int, text: str) -> None:
            kept.append(f"{self.sheet.name(index)}: {text}")

        status_text = columns.cell(cells, "status")
        meaning = status_word(status_text) if status_text or not self.only_saved else SAVED
        stage_note = None
        if meaning is None or meaning.keep_word:
            stage_note = f"Stage in {self.tracker or 'the file'}: {status_text}"
        for name in ("company", "role"):
            if not columns.cell(cells, name):
                self.problem(n, name, f"is empty: every application needs its {name}")
        applied_on = self.applied.get(n)
        if applied_on is not None and applied_on > self.today:
            self.problem(n, "applied_on", f"{applied_on} is in the future: check the year, or the day and month")
        if n in self.unread_applied:
            keep(columns.of("applied_on")[0], columns.cell(cells, "applied_on"))
        interview_at = self._interview(n, cells, keep)
        excitement = None
        for index, text in columns.cells(cells, "excitement"):
            value = excitement_of(text)
            if value is None or excitement is not None:
                keep(index, text)
            else:
                excitement = value
        tags = self._tags(cells, keep)
        recruiter = contact_of(columns.cell(cells, "recruiter"))
        contact = contact_of(columns.cell(cells, "contact"))
        self._check_fields(n, cells, contact, recruiter)
        source_text = columns.cell(cells, "source")
        # A named recruiter means the recruiter rules apply, whatever else the source says.
        by_recruiter = recruiter is not None or is_recruiter_source(source_text)
        kept_source = None if is_recruiter_source(source_text) or _is_direct(source_text) else source_text
        for index in columns.of(KEEP):
            text = _text(cells, index)
            if text:
                keep(index, text)
        notes = [text for _i, text in columns.cells(cells, "notes")]
        lines = [*notes, *([stage_note] if stage_note else []), *kept]
        if kept_source:
            lines.append(f"Source: {kept_source}")
        undated = None
        if meaning is not None and meaning.interviewing and interview_at is None:
            undated = status_text
        return SheetRow(
            number=n,
            company=columns.cell(cells, "company"),
            role=columns.cell(cells, "role"),
            status=meaning.status if meaning is not None else ApplicationStatus.ACTIVE,
            applied_on=applied_on,
            job_url=columns.cell(cells, "job_url") or None,
            notes="\n".join(lines) or None,
            source=Source.RECRUITER if by_recruiter else Source.DIRECT,
            contact=contact,
            recruiter=recruiter,
            location=self._text(n, "location", _joined(columns.cells(cells, "location"), ", ")),
            salary=self._text(n, "salary", _joined(columns.cells(cells, "salary"), " – ")),
            excitement=excitement,
            tags=tags,
            description=self._text(n, "description", _joined(columns.cells(cells, "description"), "\n\n")),
            interview_at=interview_at,
            undated_interview=undated,
            unknown_status=status_text if meaning is None else None,
        )

    def _text(self, n: int, name: str, value: str | None) -> str | None:
        """A location, salary or job description, held to the same rules as when typed."""
        if not value:
            return None
        try:
            return _TEXT_CHECKS[name](value)
        except FieldError as error:
            self.problem(n, name, str(error))
            return value

    def _tags(self, cells: list[str], keep: Callable[[int, str], None]) -> tuple[str, ...]:
        found = self.columns.cells(cells, "tags")
        try:
            return tags_of(*(text for _i, text in found))
        except FieldError:  # too many or too long for tags: kept whole, in the notes
            for index, text in found:
                keep(index, text)
            return ()

    def _interview(self, n: int, cells: list[str], keep: Callable[[int, str], None]) -> datetime | None:
        if not self.columns.has("interview_on"):
            return None
        text = self.columns.cell(cells, "interview_on")
        if n in self.unread_interviews:
            keep(self.columns.of("interview_on")[0], text)
        day = self.interviews.get(n)
        if day is None:
            return None
        at = time_of(text)
        if at is None:
            self.interview_hour_used = True
        return datetime.combine(day, at or INTERVIEW_HOUR, self.tz)

    def _check_fields(self, n: int, cells: list[str], contact: Person | None, recruiter: Person | None) -> None:
        # The same rules as at every other door: a sheet is typed by hand or by another program.
        to_check: list[tuple[str, str | None, Callable[[str], str]]] = [
            (name, self.columns.cell(cells, name), check) for name, check in _FIELD_CHECKS.items()
        ]
        for name, person in (("contact", contact), ("recruiter", recruiter)):
            if person is not None:
                to_check += [(name, person[0], person_name), (name, person[1], email_address)]
        for name, value, check in to_check:
            if value:
                try:
                    check(value)
                except FieldError as error:
                    self.problem(n, name, str(error))


def _text(cells: list[str], index: int) -> str:
    return as_text(cells[index]).strip() if index < len(cells) else ""


def _joined(cells: list[tuple[int, str]], between: str) -> str | None:
    return between.join(text for _i, text in cells) or None


def _is_direct(source: str) -> bool:
    return source.strip().casefold() in ("", "direct")
