"""Export then import is identity, for any job search the services can build."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.app import actions, agenda, applications
from followup.app.context import Env, bootstrap
from followup.app.transfer import export_json, import_csv, import_json, parse_json, preview_csv
from followup.domain import model
from followup.errors import FollowupError
from followup.store import records
from followup.transfer.trackers import excitement_of, is_recruiter_source, status_word, tags_of

START = datetime(2026, 3, 20, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # DST starts during the run
ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]

text = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(str.strip)
maybe_text = st.none() | text
pick = st.integers(0, 50)

contact_ops = st.tuples(
    st.just("contact"),
    text,
    st.sampled_from(model.ContactRole),
    st.sampled_from(model.PreferredChannel),
    maybe_text,
    maybe_text,  # the title drafts greet them with
    st.sampled_from(model.Salutation),
    st.none() | st.sampled_from(model.Language),
)
application_ops = st.tuples(
    st.just("app"),
    text,
    text,
    st.sampled_from(model.Source),
    st.sampled_from(model.ApplicationStatus),
    st.sampled_from(model.CompanyStyle),
    st.none() | pick,
    maybe_text,
)
interview_ops = st.tuples(
    st.just("interview"),
    pick,
    st.integers(-200, 200),
    st.sampled_from(ZONES),
    st.lists(pick, max_size=3),
    st.sampled_from(model.InterviewKind),
    st.none() | st.integers(0, 20),
    st.integers(15, 180),
)
touchpoint_ops = st.tuples(
    st.just("touch"),
    pick,
    st.sampled_from(model.Direction),
    st.sampled_from(model.Channel),
    st.none() | st.sampled_from(model.Outcome),
    st.integers(-100, 0),
    st.none() | pick,
    st.none() | st.integers(0, 20),
)
decision_ops = st.tuples(st.just("decide"), pick, st.sampled_from(["done", "skip", "snooze"]), maybe_text)
# People and applications first, then what happens to them, as in a real search.
job_searches = st.tuples(
    st.lists(contact_ops, min_size=1, max_size=4),
    st.lists(application_ops, min_size=1, max_size=4),
    st.lists(
        st.one_of(
            interview_ops,
            interview_ops,
            touchpoint_ops,
            touchpoint_ops,
            decision_ops,
            decision_ops,
            st.tuples(st.just("reference"), pick, pick, st.booleans()),
            st.tuples(st.just("wait"), st.integers(1, 96)),
            st.tuples(st.just("delete"), pick),
        ),
        min_size=6,
        max_size=30,
    ),
)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def chosen(items: list[Any], index: int | None) -> Any:
    return items[index % len(items)] if items and index is not None else None


def apply(env: Env, clock: Clock, op: tuple[Any, ...]) -> None:
    contacts = [c.id for c in records.list_contacts(env.store)]
    apps = sorted(a.id for a in records.list_applications(env.store))
    kind, *args = op
    if kind == "contact":
        name, role, channel, email, honorific, salutation, language = args
        applications.add_contact(
            env,
            applications.NewContact(
                name=name,
                role=role,
                preferred_channel=channel,
                email=email,
                honorific=honorific,
                salutation=salutation,
                language=language,
            ),
        )
    elif kind == "app":
        company, role, source, status, style, recruiter, notes = args
        recruiter_id = chosen(contacts, recruiter)
        applications.add_application(
            env,
            applications.NewApplication(
                company=company,
                role=role,
                source=source,
                status=status,
                company_style=style,
                recruiter_id=recruiter_id,
                notes=notes,
            ),
        )
    elif kind == "interview" and apps:
        app, hours, zone, people, interview_kind, decision_in, minutes = args
        starts = (clock.now + timedelta(hours=hours)).astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)
        decision = starts.date() + timedelta(days=decision_in) if decision_in is not None else None
        participants = sorted({chosen(contacts, p) for p in people} - {None})
        applications.add_interview(
            env,
            chosen(apps, app),
            applications.NewInterview(
                starts_at=starts,
                participants=participants,
                timezone=zone,
                kind=interview_kind,
                decision_date=decision,
                duration_minutes=minutes,
            ),
        )
    elif kind == "touch" and apps:
        app, direction, channel, outcome, hours, contact, promised_in = args
        applications.log_touchpoint(
            env,
            chosen(apps, app),
            applications.NewTouchpoint(
                direction=direction,
                channel=channel,
                outcome=outcome,
                occurred_at=clock.now + timedelta(hours=hours),
                contact_id=chosen(contacts, contact),
                promised_date=clock.now.date() + timedelta(days=promised_in) if promised_in is not None else None,
            ),
        )
    elif kind == "reference" and apps and contacts:
        app, contact, at_interview = args
        app_id = chosen(apps, app)
        interview = applications.latest_interview(env, app_id) if at_interview else None
        applications.add_reference(env, app_id, chosen(contacts, contact), interview.id if interview else None)
    elif kind == "decide":
        index, verb, note = args
        item = chosen(agenda.agenda(env, days=30), index)
        if item is None:
            return
        if verb == "done":
            actions.mark_done(env, item.id, note=note)
        elif verb == "skip":
            actions.skip(env, item.id, note=note)
        else:
            actions.snooze(env, item.id, clock.now + timedelta(days=2))
    elif kind == "delete" and apps:
        applications.delete_application(env, chosen(apps, args[0]))
    elif kind == "wait":
        clock.now += timedelta(hours=args[0])


def open_env(folder: str, database: str, clock: Clock) -> Env:
    config = Path(folder) / "settings.toml"
    config.write_text('timezone = "Europe/Berlin"\ncountry = "DE"\n', encoding="utf-8")
    return bootstrap(db_path=database, config_path=str(config), clock=clock)


@pytest.mark.slow
# new_database makes a new database on each call: sharing it between examples shares nothing.
@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(job_searches)
def test_export_import_export_is_identity(new_database, search):
    with tempfile.TemporaryDirectory() as folder:
        clock = Clock()
        source = open_env(folder, new_database("source", folder), clock)
        target = open_env(folder, new_database("target", folder), clock)  # born together, like the source
        try:
            for op in [op for ops in search for op in ops]:
                with contextlib.suppress(FollowupError):  # refused, as it would be for a user
                    apply(source, clock, op)
            first = export_json(source)
            import_json(target, parse_json(json.dumps(first)))
            second = export_json(target)
            assert {**second, "exported_at": None} == {**first, "exported_at": None}
            assert agenda_of(target) == agenda_of(source)
        finally:
            source.close()
            target.close()


def agenda_of(env: Env) -> list[tuple[Any, ...]]:
    items = [
        (i.due, i.kind, i.company, i.role, i.contact, i.channel, i.deadline, i.status, i.reason)
        for i in agenda.agenda(env, days=30)
    ]
    return sorted(items, key=repr)  # repr: a total order, with None among the values


# -- a spreadsheet import never loses a cell ---------------------------------------------------

# Column names: followup's own fields under tracker names, twice over for some, names no
# tracker uses, and none at all. Dates, links and people are left out: a cell there that
# cannot be read is a problem to fix, and nothing is imported (which loses nothing either).
COLUMN_NAMES = [
    "Status", "List", "Stage", "Notes", "Comments", "Location", "City", "Salary", "Min Salary", "Max Salary",
    "Tags", "Excitement", "Priority", "Description", "Source", "Position", "Why", "Vibe check", "Référence", "",
]  # fmt: skip
cell_text = st.text(st.sampled_from("abcdeXYZ éñ 0123456789.,;:!?()&/#|*★"), max_size=14).map(str.strip)
status_cells = st.sampled_from(["", "Applied", "Interview", "Offer", "Negotiating", "Ghosted", "Wishlist", "maybe?"])
sheets = st.lists(st.sampled_from(COLUMN_NAMES), min_size=1, max_size=7).flatmap(
    lambda names: st.tuples(
        st.just(names),
        st.lists(
            st.tuples(
                st.text(st.sampled_from("abcdefgh "), min_size=1, max_size=10).filter(str.strip),
                st.lists(st.one_of(cell_text, status_cells), min_size=len(names), max_size=len(names)),
            ),
            min_size=1,
            max_size=5,
        ),
    )
)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(sheets)
def test_a_spreadsheet_import_never_loses_a_non_empty_cell(new_database, sheet):
    names, rows = sheet
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Company", "Role", *names])
    for n, (role, cells) in enumerate(rows):
        writer.writerow([f"Company {n}", role, *cells])
    data = out.getvalue()
    with tempfile.TemporaryDirectory() as folder:
        env = open_env(folder, new_database("sheet", folder), Clock())
        try:
            read_as = [c.read_as for c in preview_csv(env, data).columns][2:]
            import_csv(env, data)
            apps = {a.company: a for a in records.list_applications(env.store)}
            for n, (_role, cells) in enumerate(rows):
                app = apps[f"Company {n}"]
                found = _folded(
                    "\n".join([app.role, app.location or "", app.salary or "", app.description or "", app.notes or ""])
                )
                for field, text in zip(read_as, cells, strict=True):
                    if not text:
                        continue
                    if field == "status" and status_word(text) is not None:
                        assert app.status is status_word(text).status  # type: ignore[union-attr]
                    elif field == "tags":
                        assert {t.casefold() for t in tags_of(text)} <= {t.casefold() for t in app.tags}
                    elif field == "excitement" and excitement_of(text) is not None:
                        assert app.excitement is not None
                    elif field == "source" and (is_recruiter_source(text) or _folded(text) == "direct"):
                        assert app.source.value in ("recruiter", "direct")
                    else:
                        assert _folded(text) in found, (field, text, app)
        finally:
            env.close()
