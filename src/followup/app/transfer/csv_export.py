"""One row per application, for a spreadsheet: where each stands and what comes next.

Times are local to the user's time zone and written "YYYY-MM-DD HH:MM", which
spreadsheets read as date and time (an ISO offset would make them text). The
file reads back with `followup import`: the columns it does not know are
reported and kept in the notes. Everything an application holds is here, its
interviews and people written out in words ("2026-11-20 14:00 onsite (Zoë
Müller, Ann Lee)"); only the JSON export reads back into every detail.

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
from followup.domain.model import Contact, Interview, InterviewKind
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
    "location",
    "salary",
    "excitement",
    "tags",
    "last_contact",
    "next_action",
    "next_action_due",
    "interviews",
    # Not "contacts": an importer reads that as one contact person.
    "people",
    "notes",
    "description",
)
# The most a cell of Excel holds; a longer description goes on in the JSON export.
CELL_LIMIT = 32_767
_CUT = " […] (cut here: the JSON export holds the whole text)"
_KIND_WORDS = {InterviewKind.OTHER: "interview"}


def export_csv(env: Env) -> str:
    ensure_fresh(env)  # next_action must follow the current settings
    now, tz = env.now(), env.tz
    last_contact = store.last_touchpoint_times(env.store)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    contacts = {c.id: c for c in records.list_contacts(env.store)}
    for app in sorted(records.list_applications(env.store), key=lambda a: a.id):
        pending = action_store.pending_of(env.store, app.id, now)
        following = pending[0] if pending else None
        people = records.list_contacts(env.store, application_id=app.id)
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
                app.location or "",
                app.salary or "",
                app.excitement or "",
                ", ".join(app.tags),
                _local(last_contact.get(app.id), tz),
                _action_words(following) if following else "",
                _local(instant(following.due), tz) if following else "",
                "; ".join(_interview_words(i, contacts, tz) for i in records.interviews_of(env.store, app.id)),
                "; ".join(_person_words(c) for c in people),
                app.notes or "",
                _within_a_cell(app.description or ""),
            ]
        )
    return out.getvalue()


def _local(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _interview_words(interview: Interview, contacts: dict[int, Contact], tz: tzinfo) -> str:
    """ "2026-11-20 14:00 onsite, round 2 (Zoë Müller, Ann Lee)", at the time agreed, in the
    interview's own zone (named when it is not the user's)."""
    when = interview.starts_at.strftime("%Y-%m-%d %H:%M")
    if interview.timezone != str(tz):
        when += f" {interview.timezone}"
    words = f"{when} {_KIND_WORDS.get(interview.kind, interview.kind.value)}"
    if interview.round > 1:
        words += f", round {interview.round}"
    names = [contacts[p].name for p in interview.participant_ids if p in contacts]
    return f"{words} ({', '.join(names)})" if names else words


def _person_words(contact: Contact) -> str:
    """ "Zoë O'Brien (recruiter, zoe@talent.example, +33 1 23 45 67 89)"."""
    details = [contact.role.value.replace("_", " "), *(d for d in (contact.email, contact.phone) if d)]
    return f"{contact.name} ({', '.join(details)})"


def _within_a_cell(text: str) -> str:
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - len(_CUT)] + _CUT


def _action_words(row: action_store.PendingRow) -> str:
    words = row.kind.replace("_", " ")
    return f"{words} ({row.contact})" if row.contact else words
