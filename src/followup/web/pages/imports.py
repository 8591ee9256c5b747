"""The import page: a spreadsheet or a followup backup, checked and previewed before anything is written.

A spreadsheet's preview is also where the user says which column is which
(one select per column, "Keep in notes" and "Leave out" included) and what
happens to rows that are here already (left out, or updated with the file's
values). The file travels inside the preview's form, so nothing is stored
before the user confirms; the choices shown are the ones the confirmation
sends, and if they were changed without checking again, the page shows the
new preview instead of importing.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

import anyio
from fastapi import APIRouter, Request
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from followup.app.context import Env, in_own_env
from followup.domain.model import ApplicationStatus
from followup.domain.stages import CLOSED_STATUSES, Stage
from followup.domain.text import capitalised, sentence
from followup.errors import ImportFailed, InvalidInput
from followup.web import rendering
from followup.web.app import env_of

router = APIRouter(include_in_schema=False)
PREVIEW_ROWS = 20
OUTCOMES = {"add": "Added", "skip": "Left out: already here", "update": "Updates the one here"}
CLOSED_WORDS = {
    ApplicationStatus.REJECTED: "rejected",
    ApplicationStatus.WITHDRAWN: "withdrawn",
    ApplicationStatus.CLOSED_NO_RESPONSE: "no response",
}
DUPLICATE_WORDS = {"skip": "Leave it out", "update": "Update it with the file's values"}


def _import_page(request: Request, context: dict[str, Any], status: int = 200) -> Response:
    full = {"failed": None, "preview": None, "file_error": None, "dates": "", **context}
    return rendering.page(
        request, "applications_import.html", full, active="applications", title="Import applications", status=status
    )


@router.get("/applications/import")
async def import_form(request: Request) -> Response:
    return _import_page(request, {})


@router.post("/applications/import")
async def import_file(request: Request) -> Response:
    env = env_of(request)
    data = await request.form()
    dates = str(data.get("dates") or "")
    dates = dates if dates in ("dmy", "mdy") else ""
    step = str(data.get("step") or "check")
    if data.get("data") is not None:  # the preview's own form: the file comes back with the choices
        raw, filename = _decoded(str(data.get("data") or "")), str(data.get("filename") or "")
        fmt = "json" if data.get("format") == "json" else "csv"
    else:
        upload = data.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return _import_page(request, {"file_error": "Choose a file to import.", "dates": dates}, 422)
        raw, filename = await upload.read(), upload.filename
        fmt = _format_of(filename, raw)
        step = "check"
    if not raw.strip():
        return _import_page(request, {"file_error": "The file is empty: choose another one.", "dates": dates}, 422)
    columns, updates = _choices(data) if fmt == "csv" else (None, [])
    # Rows to update change no row's reading, so only the columns and dates need a new look.
    changed = step == "confirm" and _checked(data) != _choice_key(columns, dates)
    confirming = step == "confirm" and not changed

    def check_or_import(own: Env) -> tuple[Any, dict[str, Any] | None]:
        from followup.app.transfer import import_csv, import_json, parse_json

        if confirming:
            if fmt == "json":
                return import_json(own, parse_json(raw), dry_run=False), None
            return import_csv(own, raw, dates=dates or None, columns=columns, update_rows=updates), None
        if fmt == "json":
            report = import_json(own, parse_json(raw), dry_run=True)
            return report, _json_preview(raw, report, filename)
        return None, _csv_preview(own, raw, filename, dates, columns, updates)

    try:
        # A big file takes seconds to read: in a worker thread with its own connection, so that
        # every other page keeps being answered meanwhile.
        report, preview = await anyio.to_thread.run_sync(in_own_env, env, check_or_import)
    except ImportFailed as exc:
        failed = {"title": sentence(exc.message.rstrip(":")), "problems": _web_words(exc.problems), "hint": _hint(fmt)}
        return _import_page(request, {"failed": failed, "dates": dates}, 422)
    if confirming:
        response = RedirectResponse("/applications", status_code=303)
        rendering.set_flash(response, report.summary() + " See what to do next on Today.")
        return response
    assert preview is not None
    preview["changed"] = changed
    return _import_page(request, {"preview": preview, "dates": dates}, 200 if preview["ready"] else 422)


def _choices(data: FormData) -> tuple[dict[int | str, str] | None, list[int]]:
    """The preview's selects: what each column is read as, and the rows here already to update."""
    columns: dict[int | str, str] = {}
    updates: list[int] = []
    for name, value in data.multi_items():
        if name.startswith("column-") and name[7:].isdecimal() and isinstance(value, str):
            columns[int(name[7:])] = value
        elif name.startswith("row-") and name[4:].isdecimal() and value == "update":
            updates.append(int(name[4:]))
    return (columns or None), sorted(updates)


def _choice_key(columns: dict[int | str, str] | None, dates: str) -> str:
    """How a preview read the file, as its form carries it to the confirmation."""
    shown = {str(k): v for k, v in (columns or {}).items()}
    return json.dumps({"columns": shown, "dates": dates}, sort_keys=True)


def _checked(data: FormData) -> str:
    return str(data.get("checked") or "")


def _csv_preview(
    env: Env, raw: bytes, filename: str, dates: str, columns: dict[int | str, str] | None, updates: list[int]
) -> dict[str, Any]:
    from followup.app.transfer import CHOICES, preview_csv

    found = preview_csv(env, raw, dates=dates or None, columns=columns, update_rows=updates)
    shown_columns: dict[int | str, str] = {column.index: column.read_as for column in found.columns}
    count = found.report.counts.get("applications", 0)
    rows = [
        [
            row.company,
            row.role,
            _board_word(row, env.now()),
            rendering.format_day(row.applied_on) if row.applied_on else "",
            OUTCOMES[row.outcome],
        ]
        for row in found.rows
    ]
    columns_open, columns_summary, columns_action = _column_step(found)
    return {
        "format": "csv",
        "filename": filename,
        "ready": found.ready,
        "columns_open": columns_open,
        "columns_summary": columns_summary,
        "columns_action": columns_action,
        "tracker": found.tracker,
        "remembered": found.remembered,
        "chosen": found.chosen,
        "columns": [
            {"index": c.index, "name": c.name, "read_as": c.read_as, "samples": [_short(t) for t in c.samples]}
            for c in found.columns
        ],
        "choices": CHOICES,
        "problems": _web_words(found.problems),
        "summary": _web_summary(found.report.summary()) if found.ready else "",
        "warnings": [_web_warning(w) for w in found.report.warnings if "is already here as" not in w],
        "duplicates": [
            {
                "row": d.row,
                "what": f"{d.company}, {d.role}",
                "why": f"{d.why} as {d.of}",
                "choice": "update" if d.update else "skip",
            }
            for d in found.duplicates
        ],
        "duplicate_words": DUPLICATE_WORDS,
        "headings": ["Company", "Role", "On the board", "Applied", "On import"],
        "rows": rows[:PREVIEW_ROWS],
        "more": max(0, len(rows) - PREVIEW_ROWS),
        "dates": dates,
        "data": base64.b64encode(raw).decode("ascii"),
        "checked": _choice_key(shown_columns, dates),
        "count": rendering.plural(count, "application"),
        "count_added": count,
    }


def _column_step(found: Any) -> tuple[bool, str, str]:
    """Whether the mapping step starts open, and its one-line summary: what was found, what to do.

    Every column counts as recognised when the file is a known tracker's export or has a header
    the user mapped before (their columns kept in the notes are kept on purpose), or when each
    column's name says what it is. Then the step starts folded: nothing in it needs a look. It
    starts open when a column was not recognised, when something keeps the file from being
    imported, or when the user chose the columns just now and checked again.
    """
    from followup.app.transfer import IGNORE, KEEP

    not_a_field = {KEEP, IGNORE}  # the two choices that read a column as none of an application's fields
    count = len(found.columns)
    by_name = all(c.read_as not in not_a_field for c in found.columns)
    recognised = (found.tracker is not None or found.remembered or by_name) and not found.chosen
    if recognised and found.ready:
        if found.remembered:
            how = "read as you chose last time"
        elif found.tracker:
            how = f"recognised ({found.tracker} export)"
        else:
            how = "recognised"
        every = "Both columns" if count == 2 else f"All {count} columns" if count > 1 else "The column"
        return False, f"{every} {how}", "Change what a column is read as"
    unread = sum(c.read_as in not_a_field for c in found.columns)
    choose = "Choose what each is read as"
    if found.chosen or not unread:
        return True, rendering.plural(count, "column"), choose
    return True, f"{unread} of {rendering.plural(count, 'column')} not recognised", choose


def _json_preview(raw: bytes, report: Any, filename: str) -> dict[str, Any]:
    from followup.app.transfer import parse_json

    document = parse_json(raw)
    rows = []
    for position, item in enumerate(document.get("applications", [])):
        status = ApplicationStatus(item.get("status") or "active")
        outcome = OUTCOMES["skip" if position in report.left_out else "add"]
        rows.append([str(item.get("company", "")), str(item.get("role", "")), _status_word(status), outcome])
    count = report.counts.get("applications", 0)
    return {
        "format": "json",
        "filename": filename,
        "ready": True,
        "columns": [],
        "problems": [],
        "summary": _web_summary(report.summary()),
        "warnings": [_web_warning(w) for w in report.warnings],
        "duplicates": [],
        "headings": ["Company", "Role", "Status", "On import"],
        "rows": rows[:PREVIEW_ROWS],
        "more": max(0, len(rows) - PREVIEW_ROWS),
        "dates": "",
        "data": base64.b64encode(raw).decode("ascii"),
        "checked": _choice_key(None, ""),
        "count": rendering.plural(count, "application"),
        "count_added": count,
    }


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _web_summary(summary: str) -> str:
    return summary.replace(" (--dry-run)", "").replace("Nothing was written", "Nothing is added yet")


def _web_warning(warning: str) -> str:
    return warning.replace("`followup app delete`", "the application's Delete button")


def _format_of(name: str, data: bytes) -> str:
    if name.lower().endswith(".json"):
        return "json"
    if name.lower().endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def _decoded(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise InvalidInput("the file to import was lost on the way", hint="Choose the file again.") from None


def _web_words(problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The problems as the CLI words them, with the advice about options turned into the page's own."""
    found = []
    for where, problem in problems:
        problem = problem.replace(
            "import with --dates dmy (day first) or --dates mdy (month first)",
            "choose day first or month first under “Dates like 03/04/2026 mean”",
        ).replace("choose which one it is, or name one", "choose it under “Read as” above, or name one")
        found.append((capitalised(where), problem))
    return found


def _hint(fmt: str) -> str:
    if fmt == "json":
        return "Nothing was imported. Fix these in the file and check it again (a followup backup imports as it is)."
    return "Nothing was imported. Fix these in the spreadsheet, save it as CSV again, and check it again."


def _board_word(row: Any, now: datetime) -> str:
    """The board column a row lands in, and why when the file said more."""
    if row.status is ApplicationStatus.ACTIVE:
        if row.interview_at is not None:
            return Stage.INTERVIEWING.label if row.interview_at > now else Stage.WAITING.label
        if row.undated_interview:
            return f"{Stage.INTERVIEWING.label} (“{row.undated_interview}” in the file, no date: add it on its page)"
        return Stage.APPLIED.label
    if row.status in CLOSED_STATUSES:
        return f"{Stage.CLOSED.label}: {CLOSED_WORDS[row.status]}"
    return Stage.WISHLIST.label if row.status is ApplicationStatus.WISHLIST else Stage.OFFER.label


def _status_word(status: ApplicationStatus) -> str:
    if status is ApplicationStatus.WISHLIST:
        return "Wishlist"
    return "Open" if status is ApplicationStatus.ACTIVE else status.label.capitalize()
