"""`followup import` and `followup export`: moving a job search in and out, as JSON or CSV."""

from __future__ import annotations

import csv
import io
import os
import sys
from typing import IO, Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json
from followup.errors import ImportFailed, InvalidInput

FORMATS = ["json", "csv"]
EXPORT_FORMATS = [*FORMATS, "ics"]


@click.command("import")
@click.argument("file", type=click.File("rb"))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="The file's format (default: from its name or content)."
)
@click.option(
    "--dates",
    type=click.Choice(["dmy", "mdy"]),
    help="CSV only: read dates like 03/04/2026 day first (dmy) or month first (mdy).",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="'COLUMN=FIELD'",
    help="CSV only: read COLUMN as FIELD (company, role, status, date applied, link, location, salary, excitement, "
    "tags, description, notes, contact, recruiter, source, interview date), or keep it in the notes (keep), "
    "or leave it out (ignore). Repeat for each column; remembered for the next file with the same header.",
)
@click.option(
    "--duplicates",
    type=click.Choice(["skip", "update"]),
    default="skip",
    show_default=True,
    help="CSV only: a row already here (same posting link, or same company, role and date) is left out (skip) "
    "or updated with the file's values (update).",
)
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would add, without writing.")
@output_options
@pass_app
def import_cmd(
    app_ctx: AppContext,
    file: IO[bytes],
    fmt: str | None,
    dates: str | None,
    mapping: tuple[str, ...],
    duplicates: str,
    dry_run: bool,
) -> None:
    """Add what FILE holds: a `followup export` (.json) or a spreadsheet of applications (.csv).

    A spreadsheet's columns are read by their names, as the common job trackers
    (Huntr, Teal, LinkedIn, Notion and spreadsheet templates) write them; a
    column with another name is kept in the notes. --dry-run shows how each
    column is read; --map changes it. Nothing is written unless the whole file
    is fine; every problem is listed with where it is. Use - as FILE to read
    standard input.
    """
    from followup.app.transfer import import_csv, import_json, parse_json

    data = file.read()
    fmt = fmt or _format_of(getattr(file, "name", "-"), data)
    if fmt == "json" and (mapping or duplicates != "skip"):
        raise InvalidInput("--map and --duplicates are for spreadsheets", hint="Leave them out for a .json file.")
    try:
        if fmt == "json":
            report = import_json(app_ctx.env, parse_json(data), dry_run=dry_run)
        else:
            columns = _mapping(mapping) if mapping else None
            report = import_csv(app_ctx.env, data, dry_run=dry_run, dates=dates, columns=columns, duplicates=duplicates)
    except ImportFailed as exc:
        if not app_ctx.json:
            if fmt == "csv" and exc.problems and exc.problems[0][0].startswith("header"):
                _show_columns(app_ctx, data, dates, mapping)
            raise
        emit_json({"imported": False, "error": exc.message, "problems": _problems(exc), "hint": exc.hint})
        raise click.exceptions.Exit(exc.exit_code) from None
    if app_ctx.json:
        emit_json({"imported": not dry_run, **report.to_json()})
        return
    if dry_run and report.columns:
        click.echo(_columns_table(report.columns))
    click.echo(report.summary())
    for warning in report.warnings:
        click.echo(f"  Note: {warning}")
    if report.application_ids and not dry_run:
        click.echo("See what to do next with `followup agenda`.")


def _show_columns(app_ctx: AppContext, data: bytes, dates: str | None, mapping: tuple[str, ...]) -> None:
    """How each column was read, before the problem that the columns cannot be imported so."""
    from followup.app.transfer import preview_csv

    preview = preview_csv(app_ctx.env, data, dates=dates, columns=_mapping(mapping) if mapping else None)
    click.echo(
        _columns_table(
            [{"column": c.name, "read_as": c.read_as, "sample": next(iter(c.samples), "")} for c in preview.columns]
        ),
        err=True,  # beside the error it explains
    )


def _mapping(pairs: tuple[str, ...]) -> dict[int | str, str]:
    """--map 'Job Position=role' as {column: field}; the last = splits, so a column name may hold one."""
    found: dict[int | str, str] = {}
    for pair in pairs:
        column, sign, field = pair.rpartition("=")
        if not sign or not column.strip() or not field.strip():
            raise InvalidInput(
                f"--map {pair!r} does not say which column is read as what",
                hint="Write it as --map 'Job Position=role'.",
            )
        found[column.strip()] = field.strip()
    return found


def _columns_table(columns: list[dict[str, str]]) -> str:
    """How each column is read, one a line: `  Job Position  -> Role  (e.g. Data Analyst)`."""
    from followup.app.transfer import CHOICES

    width = min(max(len(c["column"]) for c in columns), 30)
    lines = ["Columns, as they would be read (change one with --map 'COLUMN=FIELD'):"]
    for column in columns:
        sample = f"  (e.g. {column['sample']})" if column.get("sample") else ""
        name = column["column"] if len(column["column"]) <= width else column["column"][: width - 1] + "…"
        lines.append(f"  {name:<{width}}  -> {CHOICES.get(column['read_as'], column['read_as'])}{sample}")
    return "\n".join(lines)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="json: everything; csv: one row per application; ics: interviews and due follow-ups for a calendar app. "
    "[default: from the --out name, else json]",
)
@click.option("--out", metavar="FILE", help="Write to FILE, replacing it in one step (default: print).")
@click.option(
    "--days",
    type=click.IntRange(0, 3660),
    help="ics only: include follow-ups due in the next N days (default 60; overdue ones always).",
)
@pass_app
def export_cmd(app_ctx: AppContext, fmt: str | None, out: str | None, days: int | None) -> None:
    """Everything as one JSON file (to back up or move), applications as CSV (for a spreadsheet),
    or a calendar file (.ics) of your interviews and the follow-ups that are due.

    The JSON format is described in docs/export-format.md; `followup import`
    reads JSON and CSV back. The calendar file has the same events as the web
    app's calendar feed, with reminders; importing it again updates them.
    """
    import json

    from followup.app.transfer import export_csv, export_json

    fmt = fmt or _export_format_of(out)
    if days is not None and fmt != "ics":
        raise InvalidInput("--days only applies to the calendar export", hint="Add --format ics.")
    if fmt == "ics":
        from followup.app.calendar import FEED_DAYS, feed

        calendar = feed(app_ctx.env, FEED_DAYS if days is None else days)
        text, what = calendar.text, calendar.summary()
    elif fmt == "json":
        document = export_json(app_ctx.env)
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        what = f"{_count(document['applications'], 'application')} and {_count(document['contacts'], 'contact')}"
    else:
        text = export_csv(app_ctx.env)
        what = _count(list(csv.reader(io.StringIO(text)))[1:], "application")
    if out is None or out == "-":
        if fmt == "ics":
            # Bytes, so that the CRLF line ends iCalendar requires stay exactly that on every platform.
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    # Excel reads a CSV as UTF-8 only when it starts with a BOM; other programs skip it.
    write_atomically(out, text, "utf-8-sig" if fmt == "csv" else "utf-8")
    click.echo(f"Exported {what} to {out}.")
    if fmt == "ics":
        click.echo("Open it with your calendar app; exporting again later updates the same events.")


def _export_format_of(out: str | None) -> str:
    extension = os.path.splitext(out or "")[1].lower()
    return {".ics": "ics", ".csv": "csv"}.get(extension, "json")


def write_atomically(path: str, text: str, encoding: str) -> None:
    """Replace `path` in one step, so an interrupted export never leaves half a file.

    The new file is readable by its owner only (mkstemp's default): it holds
    personal data.
    """
    from followup.files import write_atomically as write

    folder = os.path.dirname(os.path.abspath(path))
    try:
        write(path, text.encode(encoding), private=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot write to {folder}: {exc.strerror}", hint="Choose a folder that exists and you may write to."
        ) from None


def _format_of(name: str, data: bytes) -> str:
    extension = os.path.splitext(name)[1].lower()
    if extension == ".json":
        return "json"
    if extension in (".csv", ".tsv", ".txt"):
        return "csv"
    # Standard input or an unusual name: an export starts with "{", a spreadsheet does not.
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def _count(items: list[Any], word: str) -> str:
    return f"{len(items)} {word}{'' if len(items) == 1 else 's'}"


def _problems(exc: ImportFailed) -> list[dict[str, Any]]:
    return [{"where": where, "problem": problem} for where, problem in exc.problems]
