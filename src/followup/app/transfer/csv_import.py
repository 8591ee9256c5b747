"""Importing a spreadsheet of applications, one row each, all of them or none.

Every row is checked before anything is written, and every problem is
reported as `row 4, column "Status": ...` with the spreadsheet's own row
numbers (the header is row 1), so the user can fix them all in one go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial

from followup.app import plan
from followup.app.context import Env
from followup.domain.fields import FieldError, email_address, person_name, web_address
from followup.domain.model import ApplicationStatus, ContactRole, Source
from followup.errors import InvalidInput
from followup.store import records
from followup.store.db import transaction
from followup.transfer.csv_read import (
    DATE_ORDERS,
    STATUS_WORDS,
    Sheet,
    contact_of,
    is_recruiter_source,
    not_applied_yet,
    quoted,
    read_dates,
    read_sheet,
    status_of,
)
from followup.transfer.decoding import decode
from followup.transfer.report import ImportReport, problems_found

HINT = "Fix these in the spreadsheet and import again (--dry-run checks without importing)."
Person = tuple[str, str | None]  # name, email


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


@dataclass(frozen=True)
class PreviewRow:
    """One row of a spreadsheet as the import will read it."""

    company: str
    role: str
    status: ApplicationStatus
    applied_on: date | None


def preview_csv(data: bytes | str, dates: str | None = None) -> list[PreviewRow]:
    """The rows that would be imported, in the spreadsheet's order, with the status in followup's
    words and the date as a date; rows not applied for yet are left out, as the import leaves them."""
    sheet = read_sheet(decode(data))
    kept = [(n, cells) for n, cells in sheet.rows if not not_applied_yet(sheet.cell(cells, "status"))]
    applied, _ = read_dates([(n, sheet.cell(cells, "applied_on")) for n, cells in kept], dates)
    return [
        PreviewRow(
            sheet.cell(cells, "company"),
            sheet.cell(cells, "role"),
            status_of(sheet.cell(cells, "status")) or ApplicationStatus.ACTIVE,
            applied.get(n),
        )
        for n, cells in kept
    ]


def import_csv(env: Env, data: bytes | str, *, dry_run: bool = False, dates: str | None = None) -> ImportReport:
    """Add one application per row; `dates` ("dmy" or "mdy") says how to read 03/04/2026."""
    if dates is not None and dates not in DATE_ORDERS:
        raise InvalidInput(f"unknown date order {dates!r}", hint="Use dmy (day first) or mdy (month first).")
    sheet = read_sheet(decode(data))
    rows, skipped = _check(sheet, dates, env.now().date())
    people = {_person_key(p, role) for r in rows for p, role in _people(r)}
    report = ImportReport("csv", dry_run, {"contacts": len(people), "applications": len(rows)})
    if sheet.unknown:
        listed = ", ".join(f'"{name}"' for name in sheet.unknown)
        report.warnings.append(f"These columns are not imported: {listed}.")
    if skipped:
        report.warnings.append(f"{_rows(skipped)} left out: not applied for yet, as the status says.")
    report.warnings += _already_known(env, rows)
    if not dry_run:
        with transaction(env.conn):
            report.application_ids = _write(env, rows)
    return report


_FIELD_CHECKS: dict[str, Callable[[str], str]] = {
    "company": partial(person_name, what="company name"),
    "role": partial(person_name, what="role"),
    "job_url": web_address,
}


def _check(sheet: Sheet, order: str | None, today: date) -> tuple[list[_Row], list[int]]:
    problems: list[tuple[int, int, str, str]] = []  # row, column, where, what: for sorting

    def problem(row: int, name: str, message: str) -> None:
        problems.append((row, sheet.columns.get(name, -1), sheet.where(row, name), message))

    has_dates = "applied_on" in sheet.columns
    applied, date_problems = read_dates(
        [(n, sheet.cell(cells, "applied_on")) for n, cells in sheet.rows] if has_dates else [], order
    )
    for n, message in date_problems:
        problem(n, "applied_on", message)
    rows, skipped = [], []
    for n, cells in sheet.rows:
        if any(c.strip() for c in cells[len(sheet.header) :]):
            problems.append(
                (
                    n,
                    -1,
                    f"row {n}",
                    f"has {len(cells)} cells but the header has {len(sheet.header)}: a cell probably holds "
                    f"a {quoted(sheet.delimiter)} without quotes around it",
                )
            )
            continue
        status_text = sheet.cell(cells, "status")
        if not_applied_yet(status_text):
            skipped.append(n)
            continue
        status = status_of(status_text)
        if status is None:
            known = ", ".join(words[0] for words in STATUS_WORDS.values())
            problem(n, "status", f"{quoted(status_text)} is not a status followup knows: use one of {known}")
        for name in ("company", "role"):
            if not sheet.cell(cells, name):
                problem(n, name, f"is empty: every application needs its {name}")
        if n in applied and applied[n] > today:
            problem(n, "applied_on", f"{applied[n]} is in the future: check the year, or the day and month")
        recruiter = contact_of(sheet.cell(cells, "recruiter"))
        contact = contact_of(sheet.cell(cells, "contact"))
        # The same rules as at every other door: a sheet is typed by hand or by another program.
        to_check: list[tuple[str, str | None, Callable[[str], str]]] = [
            (name, sheet.cell(cells, name), check) for name, check in _FIELD_CHECKS.items()
        ]
        for name, person in (("contact", contact), ("recruiter", recruiter)):
            if person is not None:
                to_check += [(name, person[0], person_name), (name, person[1], email_address)]
        for name, value, check in to_check:
            if value:
                try:
                    check(value)
                except FieldError as error:
                    problem(n, name, str(error))
        source_text = sheet.cell(cells, "source")
        # A named recruiter means the recruiter rules apply, whatever else the source says.
        by_recruiter = recruiter is not None or is_recruiter_source(source_text)
        kept_source = None if is_recruiter_source(source_text) or _is_direct(source_text) else source_text
        notes = "\n".join(t for t in (sheet.cell(cells, "notes"), kept_source and f"Source: {kept_source}") if t)
        rows.append(
            _Row(
                number=n,
                company=sheet.cell(cells, "company"),
                role=sheet.cell(cells, "role"),
                status=status or ApplicationStatus.ACTIVE,
                applied_on=applied.get(n),
                job_url=sheet.cell(cells, "job_url") or None,
                notes=notes or None,
                source=Source.RECRUITER if by_recruiter else Source.DIRECT,
                contact=contact,
                recruiter=recruiter,
            )
        )
    if problems:
        raise problems_found([(where, what) for _r, _c, where, what in sorted(problems)], HINT)
    return rows, skipped


def _is_direct(source: str) -> bool:
    return source.strip().casefold() in ("", "direct")


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


def _already_known(env: Env, rows: list[_Row]) -> list[str]:
    existing = {(a.company.casefold(), a.role.casefold()) for a in records.list_applications(env.store)}
    again = [r.number for r in rows if (r.company.casefold(), r.role.casefold()) in existing]
    if not again:
        return []
    return [
        f"{_rows(again)} added although an application with the same company and role is already "
        "there (remove doubles with `followup app delete`)."
    ]


def _rows(numbers: list[int]) -> str:
    """'Row 5 was' or 'Rows 5, 8 were', to start a sentence."""
    if len(numbers) == 1:
        return f"Row {numbers[0]} was"
    return f"Rows {', '.join(map(str, numbers))} were"


def _write(env: Env, rows: list[_Row]) -> list[int]:
    now = env.now()
    contacts: dict[tuple[str, ContactRole], int] = {}
    app_ids = []
    for row in rows:
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
        recruiter_id = linked[0] if row.recruiter is not None else None
        # Dated the day they applied, so "added in the last week" means what it says.
        created_at = datetime.combine(row.applied_on, time(0), env.tz) if row.applied_on else now
        app_id = records.add_application(
            env.store,
            min(created_at, now),
            company=row.company,
            role=row.role,
            job_url=row.job_url,
            source=row.source,
            recruiter_id=recruiter_id,
            status=row.status,
            applied_on=row.applied_on,
            notes=row.notes,
        )
        for contact_id in linked:
            records.link_contact(env.store, app_id, contact_id)
        app_ids.append(app_id)
    plan.refresh(env, app_ids)
    return app_ids
