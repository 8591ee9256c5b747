"""The human view of one application: who, what happened when, and what comes next."""

from __future__ import annotations

from datetime import datetime

from rich.padding import Padding

from followup.app.applications import ApplicationView
from followup.app.context import Env
from followup.cli.render import console, day, esc, when
from followup.domain.labels import EXCITEMENT_WORDS, action_title, excitement_stars
from followup.domain.model import Direction, Interview, Touchpoint
from followup.domain.zones import beside

ROLE_WORDS = {
    "interviewer": "interviewer",
    "hiring_manager": "hiring manager",
    "recruiter": "recruiter",
    "reference": "reference",
}


def print_application(env: Env, view: ApplicationView) -> None:
    out = console()
    state = view.state
    app = state.application
    tz = env.tz
    out.print(f"[bold]{esc(app.role)} at {esc(app.company)}[/]  [dim]#{app.id}[/]")
    facts = [f"status: {app.status.label}", f"via {app.source.value}", f"style: {app.company_style.value}"]
    if app.applied_on:
        facts.append(f"applied {day(app.applied_on)}")
    out.print("  " + " · ".join(facts))
    if app.job_url:
        out.print(f"  {esc(app.job_url)}")
    kept = [b for b in (app.location, app.salary) if b]
    if app.excitement:
        kept.append(f"{excitement_stars(app.excitement)} {EXCITEMENT_WORDS[app.excitement].lower()}")
    kept += [f"#{tag}" for tag in app.tags]
    if kept:
        out.print("  " + esc(" · ".join(kept)))
    if app.description:
        lines = app.description.splitlines()
        more = f" [dim]({len(lines) - 1} more lines with --json)[/]" if len(lines) > 1 else ""
        out.print(f"  [dim]Description:[/] {esc(lines[0])}{more}")
    if state.contacts:
        out.print("\n[bold]People[/]")
        for person in sorted(state.contacts.values(), key=lambda c: c.name):
            bits = [ROLE_WORDS[person.role.value]]
            if person.title:
                bits.append(person.title)
            bits += [b for b in (person.email, person.phone) if b]
            if person.preferred_channel.value != "unknown":
                bits.append(f"prefers {person.preferred_channel.value}")
            out.print(f"  {esc(person.name)} [dim]({person.id})[/] — {esc(', '.join(bits))}")

    events: list[tuple[datetime, str, str]] = []
    for interview in state.interviews:
        # An interview at the time agreed, on its own zone's clock (yours beside it when that differs).
        agreed = when(interview.starts_at) + beside(interview.starts_at, tz)
        events.append((interview.starts_at, agreed, _interview_line(env, interview, state.contacts)))
    for tp in state.touchpoints:
        events.append((tp.occurred_at, when(tp.occurred_at.astimezone(tz)), _touchpoint_line(tp, state.contacts)))
    out.print("\n[bold]Timeline[/]")
    if not events:
        out.print("  Nothing recorded yet.")
    for _moment, shown, line in sorted(events, key=lambda e: e[0]):
        out.print(f"  [dim]{shown}[/]  {line}")

    out.print("\n[bold]What comes next[/]")
    if not view.upcoming:
        out.print("  Nothing for now." if app.status.is_open else "  Nothing: this application is closed.")
    for item in view.upcoming:
        who = f" → {esc(item.contact)}" if item.contact else ""
        title = esc(action_title(item.kind, item.channel))
        out.print(f"  [cyan]{item.id}[/]  {when(item.due)}  [bold]{title}[/]{who}")
        out.print(Padding(esc(item.reason), (0, 0, 0, 14)))


def _interview_line(env: Env, interview: Interview, contacts: dict) -> str:  # type: ignore[type-arg]
    names = ", ".join(contacts[c].name for c in interview.participant_ids if c in contacts) or "interviewers not noted"
    line = f"[bold]Interview[/] round {interview.round} ({interview.kind.value}) with {esc(names)}"
    line += f" [dim]#{interview.id}[/]"
    details = []
    if interview.next_steps:
        details.append(f"next steps: {interview.next_steps}")
    if interview.timeline_text or interview.decision_date:
        promised = f" → {day(interview.decision_date)}" if interview.decision_date else ""
        details.append(f"timeline: “{interview.timeline_text or ''}”{promised}")
    for label, value in (
        ("main points", interview.main_points),
        ("forgot to mention", interview.forgot_to_mention),
        ("to clarify", interview.to_clarify),
    ):
        if value:
            details.append(f"{label}: {value}")
    return line + "".join(f"\n{' ' * 19}{esc(d)}" for d in details)


def _touchpoint_line(tp: Touchpoint, contacts: dict) -> str:  # type: ignore[type-arg]
    person = contacts.get(tp.contact_id)
    arrow = "→" if tp.direction is Direction.SENT else "←"
    who = f" {arrow} {esc(person.name)}" if person else f" {arrow}"
    verb = "Sent" if tp.direction is Direction.SENT else "Received"
    what = tp.kind.value.replace("_", " ")
    line = f"{verb} {what} by {tp.channel.value.replace('_', ' ')}{who}"
    if tp.outcome:
        line += f" [italic]({tp.outcome.value.replace('_', ' ')})[/]"
    if tp.promised_date:
        line += f", news promised by {day(tp.promised_date)}"
    if tp.subject:
        line += f" — “{esc(tp.subject)}”"
    return line
