"""Importing a spreadsheet of applications, one row each, all of them or none.

Every row is checked before anything is written, and every problem is
reported as `row 4, column "Status": ...` with the spreadsheet's own row
numbers (the header is row 1), so the user can fix them all in one go.

Nothing a cell holds is dropped: a column is read as one of followup's fields
or kept in the notes ("Column: value"), unless the user chose to leave it
out; a status word followup does not know keeps the row open with the word in
its notes. A row that is already here (the same posting link, or the same
company, role and date, as an application or an earlier row) is left out
unless the user asks to update it with the file's values, so importing the
same file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import partial

from followup.app import plan
from followup.app.context import Env
from followup.domain.fields import FieldError, email_address, long_text, person_name, web_address
from followup.domain.model import Application, ApplicationStatus, ContactRole, InterviewKind, Source
from followup.errors import InvalidInput
from followup.store import records
from followup.store import transfer as store
from followup.store.db import transaction
from followup.transfer.csv_read import (
    DATE_ORDERS,
    Columns,
    Sheet,
    as_text,
    choose_columns,
    contact_of,
    guess_columns,
    quoted,
    read_dates,
    read_sheet,
    time_of,
)
from followup.transfer.decoding import decode
from followup.transfer.duplicates import application_keys
from followup.transfer.report import ImportReport, problems_found
from followup.transfer.trackers import (
    CHOICES,
    COLUMNS,
    IGNORE,
    KEEP,
    StatusWord,
    excitement_of,
    is_recruiter_source,
    saved_list,
    status_word,
    tags_of,
    tracker_of,
    words,
)

HINT = "Fix these in the spreadsheet and import again (--dry-run checks without importing)."
DUPLICATE_CHOICES = ("skip", "update")
# An interview the file dates without a time is put at this hour, and the preview says so.
INTERVIEW_HOUR = time(9, 0)
Person = tuple[str, str | None]  # name, email
# What the user chose a column to be read as, by position (0 is the first) or by name.
ColumnChoices = Mapping[int, str] | Mapping[str, str] | Mapping[int | str, str]


@dataclass(frozen=True)
class _Row:
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


@dataclass(frozen=True)
class Duplicate:
    """A row that is here already: as an application (`application_id`) or an earlier row."""

    row: int
    company: str
    role: str
    why: str
    application_id: int | None
    earlier_row: int | None
    update: bool

    @property
    def of(self) -> str:
        return f"row {self.earlier_row}" if self.earlier_row is not None else "an application you have"


@dataclass
class CsvCheck:
    """What importing a spreadsheet would do, before anything is written."""

    sheet: Sheet
    columns: Columns
    tracker: str | None
    remembered: bool  # the columns are read as the user chose for this header last time
    chosen: bool  # the columns are read as the user chose just now
    rows: list[_Row]
    duplicates: list[Duplicate]
    problems: list[tuple[str, str]]
    report: ImportReport
    interview_hour_used: bool = False
    added: list[_Row] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)  # each column as its name alone says
    stored: bool = False  # a mapping is remembered for this header

    @property
    def mapping(self) -> dict[str, str]:
        return self.columns.to_json()


def import_csv(
    env: Env,
    data: bytes | str,
    *,
    dry_run: bool = False,
    dates: str | None = None,
    columns: ColumnChoices | None = None,
    duplicates: str = "skip",
    update_rows: Collection[int] = (),
) -> ImportReport:
    """Add one application per row; `dates` ("dmy" or "mdy") says how to read 03/04/2026,
    `columns` what a column is read as (by position or name), `duplicates` what happens to a
    row that is here already ("skip" or "update"; `update_rows` updates only those rows)."""
    check = check_csv(env, data, dates=dates, columns=columns, duplicates=duplicates, update_rows=update_rows)
    if check.problems:
        hint = HINT
        if check.columns.problems:
            listed = ", ".join(quoted(name) for name in check.sheet.header)
            hint = f"The header row has: {listed}. Say which column is which with --map 'COLUMN=role'. " + HINT
        raise problems_found(check.problems, hint)
    report = check.report
    report.dry_run = dry_run
    report.warnings = _warnings(check, dry_run)
    if not dry_run:
        with transaction(env.conn):
            report.application_ids = _write(env, check)
            # Remembered only once the user has chosen otherwise than the names say, so that a
            # file read by its names keeps following the tracker table as it learns more names.
            if check.stored or check.columns.fields != check.guessed:
                store.save_import_mapping(env.store, check.sheet.key, check.mapping, env.now())
    return report


def check_csv(
    env: Env,
    data: bytes | str,
    *,
    dates: str | None = None,
    columns: ColumnChoices | None = None,
    duplicates: str = "skip",
    update_rows: Collection[int] = (),
) -> CsvCheck:
    """Read and check everything; the problems are in the result, not raised, so that the
    preview can show them beside the columns that caused them. A file that is no spreadsheet
    at all raises ImportFailed."""
    if dates is not None and dates not in DATE_ORDERS:
        raise InvalidInput(f"unknown date order {dates!r}", hint="Use dmy (day first) or mdy (month first).")
    if duplicates not in DUPLICATE_CHOICES:
        raise InvalidInput(f"unknown choice {duplicates!r} for rows already here", hint="Use skip or update.")
    sheet = read_sheet(decode(data))
    guessed = guess_columns(sheet)
    stored = store.load_import_mapping(env.store, sheet.key)
    remembered = stored if columns is None else None
    chosen = _positions(sheet, columns) if columns is not None else _remembered(remembered)
    read_as = choose_columns(sheet, guessed, chosen)
    tracker = tracker_of(sheet.header)
    reader = _Reader(env, sheet, read_as, tracker, dates)
    rows = reader.rows() if not read_as.problems else []
    found = _duplicates(env, rows, duplicates == "update", set(update_rows))
    added = _to_add(rows, found)
    problems = read_as.problems + reader.sorted_problems()
    people = {_person_key(p, role) for r in added for p, role in _people(r)}
    counts = {
        "contacts": len(people),
        "applications": len(added),
        "interviews": sum(1 for r in added if r.interview_at is not None),
    }
    report = ImportReport("csv", True, counts)
    report.updated = sum(1 for d in found if d.update and d.application_id is not None)
    report.skipped = sum(1 for d in found if not d.update)
    report.columns = [
        {"column": sheet.name(index), "read_as": chosen_field, "sample": next(iter(sheet.samples(index, 1)), "")}
        for index, chosen_field in enumerate(read_as.fields)
    ]
    check = CsvCheck(sheet, read_as, tracker, bool(remembered), columns is not None, rows, found, problems, report)
    check.added = added
    check.guessed = guessed
    check.stored = stored is not None
    check.interview_hour_used = reader.interview_hour_used
    check.report.warnings = _warnings(check, True)
    return check


def choice_of(text: str) -> str | None:
    """A field as the user names it ("role", "Job title", "keep in notes", "leave out"), or None."""
    folded = words(text)
    for key, label in CHOICES.items():
        if folded in (words(key), words(label)):
            return key
    if folded in ("keep", "notes column", "keep in the notes", "note"):
        return KEEP
    if folded in ("ignore", "skip", "leave out", "drop", "none"):
        return IGNORE
    return next((key for key, names in COLUMNS.items() if folded in names), None)


def _positions(sheet: Sheet, columns: ColumnChoices) -> dict[int, str]:
    """The user's choices by column position; a column may be named instead of numbered."""
    found: dict[int, str] = {}
    for column, choice in columns.items():
        ours = choice if choice in CHOICES else choice_of(choice)
        if ours is None:
            listed = ", ".join(CHOICES)
            raise InvalidInput(f"{quoted(choice)} is not something a column can be read as", hint=f"Use {listed}.")
        if isinstance(column, int):
            if not 0 <= column < len(sheet.header):
                raise InvalidInput(f"the file has no column {column + 1}")
            found[column] = ours
            continue
        named = _named(sheet, column)
        if not named:
            listed = ", ".join(quoted(name) for name in sheet.header)
            raise InvalidInput(f"the file has no column {quoted(column)}", hint=f"Its columns are: {listed}.")
        for index in named:
            found[index] = ours
    return found


def _named(sheet: Sheet, column: str) -> list[int]:
    """The columns called `column`: as written, else in any case, else by the same words."""
    for same in (str.strip, lambda text: text.strip().casefold(), words):
        wanted = same(column)
        named = [index for index, name in enumerate(sheet.header) if wanted and same(name) == wanted]
        if named:
            return named
    # "Column 8", as the preview calls a column without a name.
    number = column.strip().removeprefix("Column ").strip()
    if number.isdecimal() and 0 < int(number) <= len(sheet.header) and not sheet.header[int(number) - 1]:
        return [int(number) - 1]
    return []


def _remembered(mapping: Mapping[str, object] | None) -> dict[int, str]:
    if not mapping:
        return {}
    return {int(k): str(v) for k, v in mapping.items() if k.isdecimal() and v in CHOICES}


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


class _Reader:
    """Reads every row against the chosen columns, noting problems and what is kept as text."""

    def __init__(self, env: Env, sheet: Sheet, columns: Columns, tracker: str | None, order: str | None) -> None:
        self.env = env
        self.sheet = sheet
        self.columns = columns
        self.tracker = tracker
        # A list of saved jobs (LinkedIn's Saved Jobs.csv) says when each was saved, never applied.
        self.only_saved = not columns.has("status") and not columns.has("applied_on") and saved_list(sheet.header)
        self.problems: list[tuple[int, int, str, str]] = []  # row, column, where, what: for sorting
        self.today = env.now().date()
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

    def rows(self) -> list[_Row]:
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

    def row(self, n: int, cells: list[str]) -> _Row:
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
        return _Row(
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
        return datetime.combine(day, at or INTERVIEW_HOUR, self.env.tz)

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


# -- rows that are here already ---------------------------------------------------------------


def _duplicates(env: Env, rows: list[_Row], update_all: bool, update_rows: set[int]) -> list[Duplicate]:
    known: dict[object, tuple[str, int | None, int | None]] = {}  # key -> (why, application id, row)
    for app in records.list_applications(env.store):
        for why, key in application_keys(app.company, app.role, app.applied_on, app.job_url):
            known.setdefault(key, (why, app.id, None))
    found = []
    for row in rows:
        keys = application_keys(row.company, row.role, row.applied_on, row.job_url)
        match = next(((why, known[key]) for why, key in keys if key in known), None)
        if match is None:
            for _why, key in keys:
                known[key] = ("", None, row.number)
            continue
        why, (_first_why, app_id, earlier) = match
        update = update_all or row.number in update_rows
        found.append(Duplicate(row.number, row.company, row.role, why, app_id, earlier, update))
    return found


def _to_add(rows: list[_Row], duplicates: list[Duplicate]) -> list[_Row]:
    """The rows to add, with a later row that updates an earlier one merged into it."""
    by_number = {d.row: d for d in duplicates}
    added: dict[int, _Row] = {}
    for row in rows:
        duplicate = by_number.get(row.number)
        if duplicate is None:
            added[row.number] = row
        elif duplicate.update and duplicate.earlier_row is not None:
            earlier = _first_of(added, by_number, duplicate.earlier_row)
            if earlier is not None:
                added[earlier] = _merged(added[earlier], row)
    return list(added.values())


def _first_of(added: dict[int, _Row], duplicates: dict[int, Duplicate], number: int) -> int | None:
    seen = set()
    while number not in added and number in duplicates and number not in seen:
        seen.add(number)
        earlier = duplicates[number].earlier_row
        if earlier is None:
            return None
        number = earlier
    return number if number in added else None


def _merged(old: _Row, new: _Row) -> _Row:
    """`old` with every value `new` has; tags and notes are added to, never replaced."""
    notes = _notes_with(old.notes, new.notes)
    values = {
        name: getattr(new, name)
        for name in ("status", "applied_on", "job_url", "location", "salary", "excitement", "description")
        if getattr(new, name) is not None
    }
    return replace(
        old,
        **values,
        notes=notes,
        tags=_tags_with(old.tags, new.tags),
        contact=new.contact or old.contact,
        recruiter=new.recruiter or old.recruiter,
        interview_at=new.interview_at or old.interview_at,
        undated_interview=new.undated_interview if new.interview_at is None else None,
    )


def _tags_with(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """Both sets of tags, each once; the old ones alone when together they are too many."""
    try:
        return tags_of(*old, *new)
    except FieldError:
        return old


def _notes_with(old: str | None, new: str | None) -> str | None:
    """The old notes with the new lines they do not hold yet, so importing twice adds nothing."""
    if not new:
        return old
    if not old:
        return new
    missing = [line for line in new.split("\n") if line and line not in old]
    return "\n".join([old, *missing]) if missing else old


# -- the report -------------------------------------------------------------------------------


def _warnings(check: CsvCheck, dry_run: bool) -> list[str]:
    """What the user should know, in the tense of what happened ("would be" for a dry run)."""
    was, were = ("would be", "would be") if dry_run else ("was", "were")
    sheet, columns = check.sheet, check.columns
    found: list[str] = []
    writes = bool(check.added) or any(d.update for d in check.duplicates)
    kept = [sheet.name(i) for i, chosen in enumerate(columns.fields) if chosen == KEEP and sheet.samples(i, 1)]
    if kept and writes:
        found.append(f"Kept in the notes, as “Column: value”: {', '.join(quoted(n) for n in kept)}.")
    left = [sheet.name(i) for i, chosen in enumerate(columns.fields) if chosen == IGNORE]
    if left and writes:
        found.append(f"Left out, as you chose: {', '.join(quoted(n) for n in left)}.")
    undated = [r for r in check.added if r.undated_interview]
    if undated:
        stages = ", ".join(sorted({quoted(r.undated_interview or "") for r in undated}))
        found.append(
            f"{_rows([r.number for r in undated])} {'is' if len(undated) == 1 else 'are'} at an interview stage "
            f"in the file ({stages}) but no interview date: {_verb(len(undated), 'it ' + was, 'they ' + were)} added "
            "as applied, with "
            "the stage in the notes. Add the interview on the application's page when you know its date."
        )
    if check.interview_hour_used:
        found.append(
            f"Interviews the file dates without a time {'would be' if dry_run else 'are'} put at 9:00: "
            "correct the time on the application's page."
        )
    for row in check.added:
        if row.unknown_status:
            found.append(
                f"Row {row.number}: {quoted(row.unknown_status)} is not a status followup knows; the row {was} "
                "added as applied, with the word in its notes."
            )
    for duplicate in check.duplicates:
        what = f"{duplicate.company}, {duplicate.role}"
        done = "updated with the file's values" if duplicate.update else "left out"
        if duplicate.update and duplicate.earlier_row is not None:
            done = f"merged into row {duplicate.earlier_row}"
        found.append(
            f"Row {duplicate.row} ({what}) is already here as {duplicate.of}, with {duplicate.why}: it {was} {done}."
        )
    return found


def _verb(count: int, was: str, were: str) -> str:
    return was if count == 1 else were


def _rows(numbers: list[int]) -> str:
    """'Row 5' or 'Rows 5, 8', to start a sentence."""
    if len(numbers) == 1:
        return f"Row {numbers[0]}"
    return f"Rows {', '.join(map(str, numbers))}"


# -- writing ----------------------------------------------------------------------------------


def _people(row: _Row) -> list[tuple[Person, ContactRole]]:
    found = []
    if row.recruiter is not None:
        found.append((row.recruiter, ContactRole.RECRUITER))
    if row.contact is not None:
        # Usually the person at the company the user deals with; `contact edit` can change it.
        found.append((row.contact, ContactRole.HIRING_MANAGER))
    return found


def _person_key(person: Person, role: ContactRole) -> tuple[str, ContactRole]:
    return person[0].casefold(), role


def _write(env: Env, check: CsvCheck) -> list[int]:
    now = env.now()
    contacts: dict[tuple[str, ContactRole], int] = {}

    def linked_people(row: _Row) -> list[int]:
        linked = []
        for person, role in _people(row):
            key = _person_key(person, role)
            if key not in contacts:
                name, email = person
                # A recruiter works for an agency, not for the employer of the row.
                organisation = None if role is ContactRole.RECRUITER else row.company
                contacts[key] = records.add_contact(
                    env.store, now, name=name, role=role, email=email, organisation=organisation
                )
            linked.append(contacts[key])
        return linked

    app_ids = []
    for row in check.added:
        linked = linked_people(row)
        recruiter_id = linked[0] if row.recruiter is not None else None
        # Dated the day they applied, so "added in the last week" means what it says.
        created_at = datetime.combine(row.applied_on, time(0), env.tz) if row.applied_on else now
        app_id = records.add_application(
            env.store,
            min(created_at, now),
            recruiter_id=recruiter_id,
            **_values(row),
        )
        _link_and_interview(env, app_id, row, linked, now)
        app_ids.append(app_id)
    rows = {row.number: row for row in check.rows}
    for duplicate in check.duplicates:
        if duplicate.update and duplicate.application_id is not None:
            row = rows[duplicate.row]
            app = records.get_application(env.store, duplicate.application_id)
            records.update_application(env.store, app.id, now, **_updated(app, row))
            _link_and_interview(env, app.id, row, linked_people(row), now)
            app_ids.append(app.id)
    plan.refresh(env, app_ids)
    return app_ids


def _values(row: _Row) -> dict[str, object]:
    return {
        "company": row.company,
        "role": row.role,
        "job_url": row.job_url,
        "source": row.source,
        "status": row.status,
        "applied_on": row.applied_on,
        "notes": row.notes,
        "location": row.location,
        "salary": row.salary,
        "excitement": row.excitement,
        "tags": row.tags,
        "description": row.description,
    }


def _updated(app: Application, row: _Row) -> dict[str, object]:
    """The file's values over the application's, where the file has one; notes and tags added to."""
    values = {k: v for k, v in _values(row).items() if v is not None and k not in ("company", "role", "source")}
    values["notes"] = _notes_with(app.notes, row.notes)
    values["tags"] = _tags_with(app.tags, row.tags)
    return values


def _link_and_interview(env: Env, app_id: int, row: _Row, linked: list[int], now: datetime) -> None:
    for contact_id in linked:
        records.link_contact(env.store, app_id, contact_id)
    if row.interview_at is None:
        return
    held = records.interviews_of(env.store, app_id)
    if any(i.starts_at == row.interview_at for i in held):
        return
    records.add_interview(
        env.store,
        app_id,
        now,
        (),
        starts_at=row.interview_at,
        timezone=env.settings.timezone,
        duration_minutes=env.settings.timings.interview_minutes,
        kind=InterviewKind.OTHER,
        round=len(held) + 1,
    )
