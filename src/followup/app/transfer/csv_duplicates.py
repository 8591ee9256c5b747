"""Rows of a spreadsheet that are here already: as an application, or as an earlier row.

Such a row is left out, or, when the user asks, it updates what is here: an
earlier row of the file takes the later row's values, an application takes
them when the import is written (`csv_import`). Notes and tags are added to,
never replaced, so updating twice changes nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from followup.app.context import Env
from followup.domain.fields import FieldError
from followup.store import records
from followup.transfer.csv_rows import SheetRow
from followup.transfer.duplicates import application_keys
from followup.transfer.trackers import tags_of


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


def find_duplicates(env: Env, rows: list[SheetRow], update_all: bool, update_rows: set[int]) -> list[Duplicate]:
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


def rows_to_add(rows: list[SheetRow], duplicates: list[Duplicate]) -> list[SheetRow]:
    """The rows to add, with a later row that updates an earlier one merged into it."""
    by_number = {d.row: d for d in duplicates}
    added: dict[int, SheetRow] = {}
    for row in rows:
        duplicate = by_number.get(row.number)
        if duplicate is None:
            added[row.number] = row
        elif duplicate.update and duplicate.earlier_row is not None:
            earlier = _first_of(added, by_number, duplicate.earlier_row)
            if earlier is not None:
                added[earlier] = _merged(added[earlier], row)
    return list(added.values())


def _first_of(added: dict[int, SheetRow], duplicates: dict[int, Duplicate], number: int) -> int | None:
    seen = set()
    while number not in added and number in duplicates and number not in seen:
        seen.add(number)
        earlier = duplicates[number].earlier_row
        if earlier is None:
            return None
        number = earlier
    return number if number in added else None


def _merged(old: SheetRow, new: SheetRow) -> SheetRow:
    """`old` with every value `new` has; tags and notes are added to, never replaced."""
    notes = notes_with(old.notes, new.notes)
    values = {
        name: getattr(new, name)
        for name in ("status", "applied_on", "job_url", "location", "salary", "excitement", "description")
        if getattr(new, name) is not None
    }
    return replace(
        old,
        **values,
        notes=notes,
        tags=tags_with(old.tags, new.tags),
        contact=new.contact or old.contact,
        recruiter=new.recruiter or old.recruiter,
        interview_at=new.interview_at or old.interview_at,
        undated_interview=new.undated_interview if new.interview_at is None else None,
    )


def tags_with(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """Both sets of tags, each once; the old ones alone when together they are too many."""
    try:
        return tags_of(*old, *new)
    except FieldError:
        return old


def notes_with(old: str | None, new: str | None) -> str | None:
    """The old notes with the new lines they do not hold yet, so importing twice adds nothing."""
    if not new:
        return old
    if not old:
        return new
    missing = [line for line in new.split("\n") if line and line not in old]
    return "\n".join([old, *missing]) if missing else old
