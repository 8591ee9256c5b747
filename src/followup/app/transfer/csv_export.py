"""One row per application, for a spreadsheet: where each stands and what comes next.

Times are local to the user's time zone and written "YYYY-MM-DD HH:MM", which
spreadsheets read as date and time (an ISO offset would make them text). The
file reads back with `followup import`: the columns it does not know are
reported and left out.

A cell a spreadsheet would evaluate (text starting with =, +, -, @, a tab or
a line break: a company named "=HYPERLINK(...)" is a link that sends data
away when clicked) is written behind an apostrophe, which spreadsheets show
as text; `followup import` takes the apostrophe off again.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo

from followup.app.context import Env
from followup.app.plan import ensure_fresh
from followup.store import actions as action_store
from followup.store import records
from followup.store import transfer as store
from followup.store.convert import instant
from followup.transfer.csv_read import spreadsheet_text

COLUMNS = (
    "id",
    "company",
    "role",
    "status",
    "source",
    "applied_on",
    "created_at",
    "closed_at",
    "job_url",
    "last_contact",
    "next_action",
    "next_action_due",
)


def export_csv(env: Env) -> str:
    ensure_fresh(env)  # next_action must follow the current settings
    now, tz = env.now(), env.tz
    last_contact = store.last_touchpoint_times(env.store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for app in sorted(records.list_applications(env.store), key=lambda a: a.id):
        pending = action_store.pending_of(env.store, app.id, now)
        following = pending[0] if pending else None
        writer.writerow(
            spreadsheet_text(str(cell))
            for cell in [
                app.id,
                app.company,
                app.role,
                app.status.value,
                app.source.value,
                app.applied_on.isoformat() if app.applied_on else "",
                _local(app.created_at, tz),
                _local(app.closed_at, tz),
                app.job_url or "",
                _local(last_contact.get(app.id), tz),
                _action_words(following) if following else "",
                _local(instant(following.due), tz) if following else "",
            ]
        )
    return out.getvalue()


def _local(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _action_words(row: action_store.PendingRow) -> str:
    words = row.kind.replace("_", " ")
    return f"{words} ({row.contact})" if row.contact else words
