"""Realistic synthetic followup data for benchmarks.

Usage:
    python benchmarks/generate.py SIZE OUT.db [--seed N] [--now ISO] [--seekers N] [--check]

Writes OUT.db (a followup database holding SIZE applications) and, beside it,
OUT.toml (the settings file the benchmark runs with: Europe/Berlin, DE) and
OUT.json (what was generated, and how fast). Run it with a Python in which
`followup` is importable, e.g. benchmarks/.venv/bin/python.

The data is one job seeker's search over the years before --now (default
2026-11-22T09:00:00+01:00); with SIZE above 10,000 it is a careers centre's
worth: --seekers job seekers (default SIZE // 10,000) of the same profile, each
an owner of its own, the agenda being that of owner 1 as for the local app.
Per seeker about 5-10% of the applications are active and recent (the last 60
days), with 0-3 interviews of 1-3 interviewers, thank-yous sent, some status
checks and calls, replies promising dates, references named and told, and
recruiters who span several applications. The rest were closed long ago
(rejected, no response, withdrawn or an offer), some after interviews.

Everything is written through one connection from `followup.store.db.connect`
in one transaction, bulk rows with executemany. The playbook is run (through
`followup.store.actions.load_state`, `followup.domain.playbook.plan` and
`replace_pending`) only for applications that can have pending actions: the
active ones and those that came through a recruiter and closed in the last 30
days (the older ones were thanked). `--check` runs the playbook over every
application afterwards and fails if any other one has an action. The meta key
'plan_fingerprint' is set as `ensure_fresh` would, so the agenda does
not recompute anything on its first run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

GENERATOR_VERSION = 2
DEFAULT_NOW = "2026-11-22T09:00:00+01:00"
DEFAULT_SEED = 1
TIMEZONE = "Europe/Berlin"
BERLIN = ZoneInfo(TIMEZONE)
SETTINGS_TOML = f'''# followup settings for the benchmarks (written by benchmarks/generate.py)
timezone = "{TIMEZONE}"
country = "DE"

[profile]
name = "Alex Example"
email = "alex@example.org"
'''
SPAN_DAYS = 4 * 365  # how far back a seeker's search goes
ACTIVE_DAYS = 60  # active applications were created within this many days of now
RECENT_CLOSE_DAYS = 30  # recruiter applications closed this recently may still owe a thank-you


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


COMPANY_HEADS = words(
    "Acme Birch Cobalt Delta Elbe Falke Granit Harbor Isar Juniper Kestrel Linde Merid Nordlicht "
    "Orbit Pioneer Quarz Rhein Saffron Tanne Ulme Vektor Weser Xenon Yarrow Zeder Alpen Bergwerk "
    "Cirrus Donau Eiche Fjord Glimmer Hafen Iris Jade Kiesel Lumen Moos Nebel"
)
COMPANY_TAILS = words(
    "Analytics Logistics Systems Health Energy Software Robotics Media Finance Mobility Foods Labs "
    "Consulting Insurance Telecom Retail Pharma Bau Versand Werke"
)
COMPANY_FORMS = ("GmbH", "AG", "SE", "GmbH & Co KG", "", "", "")
LEVELS = ("", "", "Junior", "Senior", "Lead", "Principal", "Working Student")
FIELDS = (
    "Data",
    "Backend",
    "Frontend",
    "Marketing",
    "Sales",
    "Product",
    "Finance",
    "HR",
    "Operations",
    "Cloud",
    "Security",
    "UX",
)
TITLES = ("Analyst", "Engineer", "Developer", "Manager", "Specialist", "Consultant", "Designer", "Scientist")
FIRST_NAMES = words(
    "Anna Ben Clara David Elif Felix Greta Hannah Ilias Jana Karl Lena Marek Nora Omar Paula Quentin "
    "Rosa Sven Tanja Uwe Vera Wiebke Xaver Yusuf Zoe Mia Noah Lea Jonas Sofia Lukas Amira Tim Ines "
    "Mehmet"
)
LAST_NAMES = words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein "
    "Wolf Schröder Neumann Schwarz Braun Zimmermann Krüger Hartmann Lange Yilmaz Kowalski Nguyen "
    "Rossi Silva"
)
JOB_TITLES = ("Head of Engineering", "Team Lead", "HR Business Partner", "CTO", "Recruiter", "Senior Engineer")
AGENCIES = ("Hays", "Michael Page", "Robert Half", "Randstad", "Progressive", "Tech Talent Partners")
NEXT_STEPS = (
    "A second round with the team",
    "They will decide after all interviews",
    "Take-home task, then a final round",
    None,
    None,
)
TIMELINES = ("within two weeks", "by the end of the month", "next week", "in about 10 days", None, None)

# Column lists of the bulk inserts (the schema of migration 0001).
COLUMNS = {
    "owner": ("id", "name", "created_at"),
    "contact": (
        "id",
        "owner_id",
        "name",
        "role",
        "title",
        "email",
        "phone",
        "postal_address",
        "preferred_channel",
        "organisation",
        "notes",
        "created_at",
    ),
    "application": (
        "id",
        "owner_id",
        "company",
        "role",
        "job_url",
        "source",
        "recruiter_id",
        "company_style",
        "status",
        "applied_on",
        "closed_at",
        "notes",
        "created_at",
        "updated_at",
    ),
    "application_contact": ("application_id", "contact_id"),
    "interview": (
        "id",
        "owner_id",
        "application_id",
        "round",
        "starts_at",
        "timezone",
        "duration_minutes",
        "kind",
        "next_steps",
        "timeline_text",
        "decision_date",
        "main_points",
        "forgot_to_mention",
        "to_clarify",
        "recorded_at",
    ),
    "interview_participant": ("interview_id", "contact_id"),
    "reference_named": ("application_id", "contact_id", "interview_id", "named_at"),
    "touchpoint": (
        "id",
        "owner_id",
        "application_id",
        "contact_id",
        "direction",
        "channel",
        "kind",
        "outcome",
        "occurred_at",
        "subject",
        "message_id",
        "promised_date",
        "notes",
        "action_id",
        "created_at",
    ),
}


def iso(moment: datetime) -> str:
    """The store's instant format (same as followup.store.convert.iso, inlined for speed)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Rows:
    """Rows waiting for executemany, one list per table."""

    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in COLUMNS})

    def add(self, table: str, *values: Any) -> None:
        self.tables[table].append(values)

    def count(self) -> int:
        return sum(len(v) for v in self.tables.values())

    def flush(self, conn: Any) -> int:
        written = 0
        for table, rows in self.tables.items():
            if rows:
                names = COLUMNS[table]
                marks = ", ".join("?" for _ in names)
                # Links are sets, as in records.link_contact: a contact met twice is linked once.
                verb = "INSERT OR IGNORE" if table == "application_contact" else "INSERT"
                conn.executemany(f"{verb} INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)
                written += len(rows)
                rows.clear()
        return written


@dataclass
class Ids:
    """Row ids are assigned here, so that rows can refer to each other before they are written."""

    contact: int = 0
    application: int = 0
    interview: int = 0
    touchpoint: int = 0

    def next(self, name: str) -> int:
        value = int(getattr(self, name)) + 1
        setattr(self, name, value)
        return value


class Seeker:
    """One job seeker's applications, generated into `rows`."""

    def __init__(self, owner: int, apps: int, rng: random.Random, rows: Rows, ids: Ids, now: datetime) -> None:
        self.owner = owner
        self.apps = apps
        self.rng = rng
        self.rows = rows
        self.ids = ids
        self.now = now
        self.to_plan: list[int] = []
        self.references = [
            self.contact("reference", None, title=rng.choice(JOB_TITLES), created=now - timedelta(days=SPAN_DAYS))
            for _ in range(rng.randint(3, 6))
        ]
        self.recruiters = [
            self.contact(
                "recruiter",
                rng.choice(AGENCIES),
                title="Recruiter",
                created=now - timedelta(days=SPAN_DAYS),
            )
            for _ in range(max(2, apps // 150))
        ]

    # -- people -----------------------------------------------------------------------

    def contact(self, role: str, organisation: str | None, *, title: str | None = None, created: datetime) -> int:
        rng = self.rng
        contact_id = self.ids.next("contact")
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        slug = (organisation or "mail").split()[0].lower()
        email = f"{first.lower()}.{last.lower()}@{slug}.example" if rng.random() < 0.85 else None
        phone = f"+49 30 {rng.randint(1000000, 9999999)}" if rng.random() < 0.35 else None
        preferred = rng.choices(("unknown", "email", "letter", "phone"), (55, 35, 5, 5))[0]
        if preferred == "phone" and phone is None:
            phone = f"+49 40 {rng.randint(1000000, 9999999)}"
        address = f"{rng.choice(COMPANY_HEADS)}straße {rng.randint(1, 120)}, 10115 Berlin"
        postal = address if preferred == "letter" or rng.random() < 0.1 else None
        self.rows.add(
            "contact",
            contact_id,
            self.owner,
            f"{first} {last}",
            role,
            title,
            email,
            phone,
            postal,
            preferred,
            organisation,
            None,
            iso(created),
        )
        return contact_id

    # -- applications -------------------------------------------------------------------

    def generate(self) -> None:
        rng = self.rng
        active = round(self.apps * rng.uniform(0.05, 0.10))
        for n in range(self.apps):
            if n < active:
                created = self.now - timedelta(seconds=rng.uniform(3600, ACTIVE_DAYS * 86400))
                self.active_application(created)
            else:
                created = self.now - timedelta(days=rng.uniform(ACTIVE_DAYS, SPAN_DAYS))
                self.closed_application(created)

    def application(
        self, created: datetime, status: str, closed: datetime | None, *, recruiter_share: float
    ) -> tuple[int, str, int | None]:
        rng = self.rng
        app_id = self.ids.next("application")
        company = f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TAILS)} {rng.choice(COMPANY_FORMS)}".strip()
        level = rng.choice(LEVELS)
        role = f"{level} {rng.choice(FIELDS)} {rng.choice(TITLES)}".strip()
        recruiter = rng.choice(self.recruiters) if rng.random() < recruiter_share else None
        slug = company.split()[0].lower()
        self.rows.add(
            "application",
            app_id,
            self.owner,
            company,
            role,
            f"https://jobs.example/{slug}/{app_id}" if rng.random() < 0.6 else None,
            "recruiter" if recruiter else "direct",
            recruiter,
            rng.choices(("traditional", "modern", "unknown"), (15, 35, 50))[0],
            status,
            created.astimezone(BERLIN).date().isoformat(),
            iso(closed) if closed else None,
            None,
            iso(created),
            iso(closed or created),
        )
        if recruiter is not None:
            self.rows.add("application_contact", app_id, recruiter)
        self.touch(app_id, None, "sent", "email", "application", None, created, subject=f"Application: {role}")
        return app_id, company, recruiter

    def touch(
        self,
        app_id: int,
        contact_id: int | None,
        direction: str,
        channel: str,
        kind: str,
        outcome: str | None,
        at: datetime,
        *,
        subject: str | None = None,
        promised: date | None = None,
    ) -> None:
        tp_id = self.ids.next("touchpoint")
        message_id = f"<{tp_id}.{app_id}@mail.example>" if channel == "email" else None
        self.rows.add(
            "touchpoint",
            tp_id,
            self.owner,
            app_id,
            contact_id,
            direction,
            channel,
            kind,
            outcome,
            iso(at),
            subject,
            message_id,
            promised.isoformat() if promised else None,
            None,
            None,
            iso(at),
        )

    def interview_at(self, after: datetime) -> datetime:
        """A weekday, office-hours start some days after `after`."""
        rng = self.rng
        day = (after + timedelta(days=rng.uniform(4, 14))).astimezone(BERLIN).date()
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return datetime(day.year, day.month, day.day, rng.randint(9, 16), rng.choice((0, 30)), tzinfo=BERLIN)

    def interview(
        self, app_id: int, company: str, round_: int, starts: datetime, created: datetime, people: list[int]
    ) -> tuple[int, datetime]:
        rng = self.rng
        interview_id = self.ids.next("interview")
        minutes = rng.choice((30, 45, 60, 60, 90))
        end = starts + timedelta(minutes=minutes)
        if rng.random() < 0.2 and end < self.now:
            recorded = min(end + timedelta(hours=rng.uniform(1, 30)), self.now)
        else:
            recorded = max(starts - timedelta(days=rng.uniform(1, 10)), created + timedelta(hours=1))
            recorded = min(recorded, self.now)
        decision = end.date() + timedelta(days=rng.randint(5, 20)) if rng.random() < 0.4 else None
        self.rows.add(
            "interview",
            interview_id,
            self.owner,
            app_id,
            round_,
            iso(starts),
            TIMEZONE,
            minutes,
            rng.choice(("phone", "video", "video", "onsite", "panel", "technical")),
            rng.choice(NEXT_STEPS),
            rng.choice(TIMELINES),
            decision.isoformat() if decision else None,
            "Team structure, on-call, growth path" if rng.random() < 0.5 else None,
            None,
            None,
            iso(recorded),
        )
        for person in people:
            self.rows.add("interview_participant", interview_id, person)
            self.rows.add("application_contact", app_id, person)
        return interview_id, end

    def interviewers(self, company: str, created: datetime, previous: list[int]) -> list[int]:
        rng = self.rng
        count = rng.choices((1, 2, 3), (50, 35, 15))[0]
        people = [rng.choice(previous)] if previous and rng.random() < 0.5 else []
        while len(people) < count:
            role = "hiring_manager" if not people and rng.random() < 0.3 else "interviewer"
            people.append(self.contact(role, company, title=rng.choice(JOB_TITLES), created=created))
        return people

    def active_application(self, created: datetime) -> None:
        rng, now = self.rng, self.now
        app_id, company, recruiter = self.application(created, "active", None, recruiter_share=0.2)
        self.to_plan.append(app_id)
        rounds = rng.choices((0, 1, 2, 3), (45, 30, 17, 8))[0]
        after, people = created, list[int]()
        past: list[tuple[int, datetime, list[int]]] = []
        for round_ in range(1, rounds + 1):
            starts = self.interview_at(after)
            if starts > now + timedelta(days=14):
                break
            people = self.interviewers(company, created, people)
            interview_id, end = self.interview(app_id, company, round_, starts, created, people)
            if end > now:
                break
            past.append((interview_id, end, people))
            self.after_interview(app_id, recruiter, end, people)
            after = end
        for number, (interview_id, end, people) in enumerate(past):
            is_last = number == len(past) - 1
            if not is_last:
                # They invited to the next round, which was then scheduled (recorded) after the reply.
                self.touch(app_id, people[0], "received", "email", "reply", "next_round", end + timedelta(hours=20))
            else:
                self.chase(app_id, end, people)
                if len(past) >= 2 and rng.random() < 0.3:
                    self.name_references(app_id, interview_id, end)

    def after_interview(self, app_id: int, recruiter: int | None, end: datetime, people: list[int]) -> None:
        rng, now = self.rng, self.now
        if recruiter is not None and rng.random() < 0.7:
            at = end + timedelta(hours=rng.uniform(0.5, 3))
            if at <= now:
                self.touch(app_id, recruiter, "sent", "phone", "recruiter_debrief", "reached", at)
        for person in people:
            at = end + timedelta(hours=rng.uniform(2, 20))
            if rng.random() < 0.85 and at <= now:
                self.touch(app_id, person, "sent", "email", "thank_you", None, at, subject="Thank you")

    def chase(self, app_id: int, end: datetime, people: list[int]) -> None:
        """What happened after the latest interview: replies, a status check, a call."""
        rng, now = self.rng, self.now
        who = people[-1]
        roll = rng.random()
        if roll < 0.05:
            at = end + timedelta(days=rng.uniform(1, 5))
            if at <= now:
                self.touch(app_id, who, "received", "email", "reply", "info_request", at)
                if rng.random() < 0.5 and at + timedelta(days=1) <= now:
                    self.touch(app_id, who, "sent", "email", "response", None, at + timedelta(days=1))
            return
        if roll < 0.08:
            at = end + timedelta(days=rng.uniform(2, 8))
            if at <= now:
                self.touch(app_id, who, "received", "email", "reply", "offer", at, subject="Our offer")
            return
        if roll < 0.38:
            at = end + timedelta(days=rng.uniform(2, 6))
            if at <= now:
                promised = end.astimezone(BERLIN).date() + timedelta(days=rng.randint(7, 21))
                self.touch(app_id, who, "received", "email", "reply", "still_deciding", at, promised=promised)
        if rng.random() < 0.4:
            check = end + timedelta(days=rng.uniform(7, 10))
            if check <= now:
                self.touch(app_id, who, "sent", "email", "status_check", None, check, subject="Status")
                call = check + timedelta(days=rng.uniform(3, 6))
                if rng.random() < 0.25 and call <= now:
                    outcome = rng.choice(("reached", "voicemail", "no_answer"))
                    news_by = call.astimezone(BERLIN).date() + timedelta(days=7) if outcome == "reached" else None
                    self.touch(app_id, who, "sent", "phone", "follow_up_call", outcome, call, promised=news_by)

    def name_references(self, app_id: int, interview_id: int, end: datetime) -> None:
        rng = self.rng
        for ref in rng.sample(self.references, rng.randint(1, 2)):
            self.rows.add("reference_named", app_id, ref, interview_id, iso(end))
            self.rows.add("application_contact", app_id, ref)
            at = end + timedelta(hours=rng.uniform(2, 30))
            if rng.random() < 0.6 and at <= self.now:
                self.touch(app_id, ref, "sent", "email", "reference_heads_up", None, at)

    def closed_application(self, created: datetime) -> None:
        rng, now = self.rng, self.now
        closed = min(created + timedelta(days=rng.uniform(7, 90)), now - timedelta(hours=12))
        status = rng.choices(("rejected", "closed_no_response", "withdrawn", "offer"), (45, 38, 12, 5))[0]
        app_id, company, recruiter = self.application(created, status, closed, recruiter_share=0.2)
        if rng.random() < 0.3:
            after, people = created, list[int]()
            for round_ in range(1, rng.choice((1, 1, 2)) + 1):
                starts = self.interview_at(after)
                if starts + timedelta(days=1) >= closed:
                    break
                people = self.interviewers(company, created, people)[:2]
                _, end = self.interview(app_id, company, round_, starts, created, people)
                self.after_interview(app_id, recruiter, end, people)
                after = end
        if status == "rejected":
            self.touch(app_id, None, "received", "email", "reply", "rejection", closed, subject="Your application")
        elif status == "offer":
            self.touch(app_id, None, "received", "email", "reply", "offer", closed - timedelta(days=2))
            self.touch(app_id, None, "sent", "email", "response", None, closed, subject="Re: Our offer")
        elif status == "withdrawn":
            self.touch(app_id, None, "sent", "email", "other", None, closed, subject="Withdrawing")
        if recruiter is not None:
            thanked = closed + timedelta(days=rng.uniform(1, 4))
            recent = closed >= now - timedelta(days=RECENT_CLOSE_DAYS)
            if recent:
                self.to_plan.append(app_id)
            if (not recent or rng.random() < 0.5) and thanked <= now:
                self.touch(app_id, recruiter, "sent", "email", "thank_recruiter", None, thanked)
            elif not recent:
                self.to_plan.append(app_id)  # thanked only in the future: may still owe it


# -- the user working through the agenda -------------------------------------------------------

MESSAGE_KINDS = {
    "recruiter_debrief": "recruiter_debrief",
    "thank_you": "thank_you",
    "reference_heads_up": "reference_heads_up",
    "status_check": "status_check",
    "follow_up_call": "follow_up_call",
    "thank_recruiter": "thank_recruiter",
    "respond": "response",
    "application_check": "status_check",
}
DONE_SHARE = 0.85  # of the actions that fell due, the user did this many on time
SKIP_SHARE = 0.04  # and skipped this many; the rest are still on the agenda, overdue


def settle(conn: Any, owner: int, app_id: int, settings: Any, calendar: Any, now: datetime, seed: int) -> int:
    """Plan one application as the user worked through it, store its pending actions; return their number.

    Each action that fell due before `now` is done (as `followup done` would record it: a
    decision, plus a touchpoint for messages and calls, and closing the application for
    move-on), skipped, or left alone, by a coin thrown once per action id; then the plan
    is made again, until nothing more was done before `now`.
    """
    from followup.domain import playbook
    from followup.domain.model import DecisionState
    from followup.store import actions, db, records

    store = db.Store(conn, owner)
    planned: list[Any] = []
    for _ in range(12):
        state = actions.load_state(store, app_id)
        planned = playbook.plan(state, settings, calendar)
        acted = False
        for action in planned:
            if action.expires is not None and action.expires <= now:
                continue
            coin = random.Random(f"{seed}/{action.id}")
            window = (action.deadline - action.due) if action.deadline else timedelta(days=1)
            at = action.due + window * coin.uniform(0.0, 1.2)
            choice = coin.random()
            if at > now or choice >= DONE_SHARE + SKIP_SHARE:
                continue
            kind = action.kind.value
            if choice >= DONE_SHARE:
                actions.decide(store, action.id, kind, app_id, DecisionState.SKIPPED, at)
                acted = True
                continue
            actions.decide(store, action.id, kind, app_id, DecisionState.DONE, at)
            if kind in MESSAGE_KINDS:
                channel = action.channel.value if action.channel else "email"
                outcome = promised = None
                if channel == "phone":
                    outcome = coin.choice(("reached", "reached", "voicemail", "no_answer"))
                    if outcome == "reached" and kind != "recruiter_debrief":
                        promised = at.astimezone(BERLIN).date() + timedelta(days=coin.randint(5, 14))
                records.add_touchpoint(
                    store,
                    at,
                    application_id=app_id,
                    contact_id=action.contact_id,
                    direction="sent",
                    channel=channel,
                    kind=MESSAGE_KINDS[kind],
                    outcome=outcome,
                    occurred_at=at,
                    promised_date=promised,
                    action_id=action.id,
                )
            elif kind == "move_on":
                records.update_application(store, app_id, at, status="closed_no_response", closed_at=at)
            acted = True
        if not acted:
            break
    actions.replace_pending(store, app_id, planned)
    return len(planned)


# -- the whole database ---------------------------------------------------------------------


def engine_version() -> str:
    """The rules' version that `ensure_fresh` puts in the plan fingerprint."""
    from followup.app.plan import ENGINE_VERSION

    return ENGINE_VERSION


def split(size: int, seekers: int) -> Iterator[tuple[int, int]]:
    """(owner, number of applications) for each seeker; owner 1 is the one the agenda shows."""
    base, extra = divmod(size, seekers)
    for n in range(seekers):
        yield n + 1, base + (1 if n < extra else 0)


def generate(
    size: int, out: str, *, seed: int = DEFAULT_SEED, now_text: str = DEFAULT_NOW, seekers: int | None = None
) -> dict[str, Any]:
    """Write the database, its settings file and its manifest; return the manifest."""
    from followup import config
    from followup.app.context import build_calendar
    from followup.store import actions, db

    now = datetime.fromisoformat(now_text)
    if now.tzinfo is None:
        raise SystemExit("--now needs a UTC offset, e.g. 2026-11-22T09:00:00+01:00")
    seekers = seekers or max(1, size // 10_000)
    base = out.removesuffix(".db")
    settings_path = base + ".toml"
    temporary = out + ".partial"
    for stale in (temporary, temporary + "-wal", temporary + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(settings_path, "w", encoding="utf-8") as fh:
        fh.write(SETTINGS_TOML)
    settings = config.load(settings_path)
    calendar = build_calendar(settings, settings_path)

    started = time.perf_counter()
    start_of_search = iso(now - timedelta(days=SPAN_DAYS + 1))
    conn = db.connect(temporary, now_iso=start_of_search)
    # Generation only: the benchmark opens the result with the product's own settings.
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    rows, ids = Rows(), Ids()
    written = planned = pending = 0
    insert_seconds = plan_seconds = 0.0
    with db.transaction(conn):
        for owner, apps in split(size, seekers):
            rng = random.Random(f"{seed}/{owner}")
            t0 = time.perf_counter()
            if owner != db.LOCAL_OWNER:
                rows.add("owner", owner, f"Seeker {owner}", start_of_search)
            seeker = Seeker(owner, apps, rng, rows, ids, now)
            seeker.generate()
            written += rows.flush(conn)
            t1 = time.perf_counter()
            for app_id in seeker.to_plan:
                pending += settle(conn, owner, app_id, settings, calendar, now, seed)
            planned += len(seeker.to_plan)
            # What the user did was recorded through the product's own functions, numbering rows itself.
            ids.touchpoint = conn.execute("SELECT max(id) FROM touchpoint").fetchone()[0] or 0
            t2 = time.perf_counter()
            insert_seconds += t1 - t0
            plan_seconds += t2 - t1
            if seekers > 1 and (owner % 10 == 0 or owner == seekers):
                rate = written / insert_seconds
                print(f"  seeker {owner}/{seekers}: {written:,} rows, {rate:,.0f} rows/s", file=sys.stderr)
        fingerprint = f"{engine_version()}|{settings.engine_fingerprint()}"
        actions.set_meta(db.Store(conn), "plan_fingerprint", fingerprint)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(out + suffix):
            os.remove(out + suffix)
    os.replace(temporary, out)
    elapsed = time.perf_counter() - started
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "size": size,
        "seed": seed,
        "now": now_text,
        "seekers": seekers,
        "settings": os.path.abspath(settings_path),
        "rows": written,
        "planned_applications": planned,
        "pending_actions": pending,
        "seconds": round(elapsed, 2),
        "insert_seconds": round(insert_seconds, 2),
        "plan_seconds": round(plan_seconds, 2),
        "rows_per_second": round(written / insert_seconds),
        "bytes": os.path.getsize(out),
        "tables": table_counts(out),
    }
    with open(base + ".json", "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    return manifest


def table_counts(path: str) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: conn.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in sorted(names)}
    finally:
        conn.close()


def check(path: str, settings_path: str) -> int:
    """Run the playbook over every application; count those with actions but none stored."""
    from followup import config
    from followup.app.context import build_calendar
    from followup.domain import playbook
    from followup.store import actions, db

    settings = config.load(settings_path)
    calendar = build_calendar(settings, settings_path)
    conn = db.connect(path)
    stored = {r[0] for r in conn.execute("SELECT DISTINCT application_id FROM pending_action")}
    missing = 0
    for owner, app_id in conn.execute("SELECT owner_id, id FROM application").fetchall():
        if app_id in stored:
            continue
        planned = playbook.plan(actions.load_state(db.Store(conn, owner), app_id), settings, calendar)
        if planned:
            missing += 1
            print(f"application {app_id} has {len(planned)} actions not stored: {planned[0]}", file=sys.stderr)
    conn.close()
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of applications")
    parser.add_argument("out", help="database file to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--now", default=DEFAULT_NOW, help=f"ISO 8601 with offset (default {DEFAULT_NOW})")
    parser.add_argument("--seekers", type=int, help="job seekers (owners); default SIZE // 10,000, at least 1")
    parser.add_argument("--check", action="store_true", help="verify no unplanned application has actions")
    args = parser.parse_args(argv)
    manifest = generate(args.size, args.out, seed=args.seed, now_text=args.now, seekers=args.seekers)
    print(
        f"{args.out}: {manifest['size']:,} applications of {manifest['seekers']} seeker(s), "
        f"{manifest['rows']:,} rows in {manifest['insert_seconds']} s "
        f"({manifest['rows_per_second']:,} rows/s), {manifest['planned_applications']:,} planned "
        f"({manifest['pending_actions']:,} actions) in {manifest['plan_seconds']} s; "
        f"total {manifest['seconds']} s, {manifest['bytes'] / 1e6:.1f} MB"
    )
    if args.check:
        missing = check(args.out, manifest["settings"])
        print(f"check: {missing} application(s) with actions that were not stored")
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
