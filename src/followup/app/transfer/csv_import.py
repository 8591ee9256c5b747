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

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time

from followup.app import plan
from followup.app.context import Env
from followup.app.transfer.csv_duplicates import Duplicate, find_duplicates, notes_with, rows_to_add, tags_with
from followup.domain.model import Application, ContactRole, InterviewKind
from followup.errors import InvalidInput
from followup.store import records
from followup.store import transfer as store
from followup.store.db import transaction
from followup.transfer.csv_read import (
    DATE_ORDERS,
    Columns,
    Sheet,
    choose_columns,
    guess_columns,
    quoted,
    read_sheet,
)
from followup.transfer.csv_rows import Person, RowReader, SheetRow
from followup.transfer.decoding import decode
from followup.transfer.report import ImportReport, problems_found
from followup.transfer.trackers import (
    CHOICES,
    COLUMNS,
    IGNORE,
    KEEP,
    tracker_of,
    words,
)

HINT = "Fix these in the spreadsheet and import again (--dry-run checks without importing)."
DUPLICATE_CHOICES = ("skip", "update")
# What the user chose a column to be read as, by position (0 is the first) or by name.
ColumnChoices = Mapping[int, str] | Mapping[str, str] | Mapping[int | str, str]


@dataclass
class CsvCheck:
    """What importing a spreadsheet would do, before anything is written."""

    sheet: Sheet
    columns: Columns
    tracker: str | None
    remembered: bool  # the columns are read as the user chose for this header last time
    chosen: bool  # the columns are read as the user chose just now
    rows: list[SheetRow]
    duplicates: list[Duplicate]
    problems: list[tuple[str, str]]
    report: ImportReport
    interview_hour_used: bool = False
    added: list[SheetRow] = field(default_factory=list)
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
    reader = RowReader(sheet, read_as, tracker, dates, env.now().date(), env.tz)
    rows = reader.rows() if not read_as.problems else []
    found = find_duplicates(env, rows, duplicates == "update", set(update_rows))
    added = rows_to_add(rows, found)
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
            "to Interviewing without a day, with "
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


def _people(row: SheetRow) -> list[tuple[Person, ContactRole]]:
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

    def linked_people(row: SheetRow) -> list[int]:
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
            # Entered now though dated earlier: its follow-ups start from now, not weeks overdue.
            entered_at=now if created_at < now else None,
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


def _values(row: SheetRow) -> dict[str, object]:
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
        # Past applying, with an interview to add: the playbook asks for it instead of a note.
        "undated_interview": row.undated_interview,
    }


def _updated(app: Application, row: SheetRow) -> dict[str, object]:
    """The file's values over the application's, where the file has one; notes and tags added to."""
    values = {k: v for k, v in _values(row).items() if v is not None and k not in ("company", "role", "source")}
    values["notes"] = notes_with(app.notes, row.notes)
    values["tags"] = tags_with(app.tags, row.tags)
    return values


def _link_and_interview(env: Env, app_id: int, row: SheetRow, linked: list[int], now: datetime) -> None:
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
