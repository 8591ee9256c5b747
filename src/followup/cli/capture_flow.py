"""The end-of-interview capture: the playbook's questions, asked one by one or taken from flags.

`run_capture` goes in steps: which interview, the people (who was there, how each prefers
to be followed up), what was said (next steps, the timeline and the date it means, notes),
the references named; then one save through `applications.capture_interview`, and a print.
Each step asks only in a terminal (`AppContext.interactive`) and otherwise takes the flags.
The timeline is read by the same rule as the web form's (`app.promises.interview_timeline`),
and the channels are the model's `PreferredChannel`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from followup.app import applications, lookups, shapes
from followup.app.promises import interview_timeline
from followup.cli.context import AppContext
from followup.cli.parse import name_and_email, parse_day
from followup.cli.render import console, day, esc, when
from followup.domain.labels import action_title
from followup.domain.model import Interview, PreferredChannel
from followup.errors import InvalidInput

CHANNELS = [channel.value for channel in PreferredChannel]


def _ask(app_ctx: AppContext, given: str | None, question: str) -> str | None:
    if given is not None or not app_ctx.interactive:
        return given
    answer: str = click.prompt(question, default="", show_default=False)
    return answer.strip() or None


def _ask_channel(name: str) -> str:
    channel: str = click.prompt(
        f"How does {name} prefer to be followed up?", type=click.Choice(CHANNELS), default="email"
    )
    return channel


def run_capture(
    app_ctx: AppContext, interview_id: int | None, app_ref: str | None, opts: dict[str, Any]
) -> dict[str, Any]:
    """Ask (or read from `opts`), save in one go, print what comes next; returns the --json answer."""
    env = app_ctx.env
    interview = _interview(app_ctx, interview_id, app_ref)
    capture = applications.Capture()
    preferences = _preferences(opts.get("prefers") or ())
    _people(app_ctx, interview, opts, preferences, capture)
    capture.interview_changes = _what_was_said(app_ctx, interview, opts)
    capture.references = _references(app_ctx, opts)
    updated = applications.capture_interview(env, interview.id, capture)
    view = applications.show(env, updated.application_id)
    if not app_ctx.json:
        _print_saved(updated, view.upcoming)
    return {"interview": shapes.interview(updated), "next": [i.to_json() for i in view.upcoming]}


def _interview(app_ctx: AppContext, interview_id: int | None, app_ref: str | None) -> Interview:
    """The interview named, or the latest one of the application named."""
    env = app_ctx.env
    if interview_id is None:
        if app_ref is None:
            raise click.UsageError("say which interview: followup interview capture INTERVIEW (or --app APP)")
        target = applications.resolve_application(env, app_ref)
        latest = applications.latest_interview(env, target.id)
        if latest is None:
            raise InvalidInput(
                f"{target.role} at {target.company} has no interview yet",
                hint=f"Record it first: followup interview add {target.id} --at 'YYYY-MM-DD HH:MM'",
            )
        interview_id = latest.id
    return lookups.interview(env, interview_id)


def _preferences(items: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """--prefers 'Name=channel' as {folded name: (name, channel)}; an unknown channel is an error."""
    preferences: dict[str, tuple[str, str]] = {}
    for item in items:
        name, _, channel = item.partition("=")
        if channel.strip().lower() not in CHANNELS:
            raise InvalidInput(
                f"--prefers {item!r}: the channel must be one of {', '.join(CHANNELS)}",
                hint="For example --prefers 'Ann Lee=phone'.",
            )
        preferences[name.strip().casefold()] = (name.strip(), channel.strip().lower())
    return preferences


def _people(
    app_ctx: AppContext,
    interview: Interview,
    opts: dict[str, Any],
    preferences: dict[str, tuple[str, str]],
    capture: applications.Capture,
) -> None:
    """Who was there: new interviewers and what is missing about the known ones, into `capture`.

    Every --prefers must name one of them (each found is taken out of `preferences`).
    """
    ask = app_ctx.interactive
    people = [name_and_email(p) for p in opts.get("people") or ()]
    if ask and not interview.participant_ids and not people:
        names = click.prompt(
            "Who interviewed you? (names as on their card, comma-separated)", default="", show_default=False
        )
        people = [name_and_email(n) for n in names.split(",") if n.strip()]
    for name, email in people:
        channel = preferences.pop(name.casefold(), (name, None))[1]
        if channel is None and ask:
            channel = _ask_channel(name)
        capture.new_people.append((name, email, channel))
    for person in (lookups.contact(app_ctx.env, c) for c in interview.participant_ids):
        channel = None
        if person.name.casefold() in preferences:
            channel = preferences.pop(person.name.casefold())[1]
        elif ask and person.preferred_channel.value == "unknown":
            channel = _ask_channel(person.name)
        email = title = None
        if ask and not person.email:
            email = _ask(app_ctx, None, f"{person.name}'s email (from the card; empty if none)")
        if ask and not person.title:
            title = _ask(app_ctx, None, f"{person.name}'s job title (empty to skip)")
        # An answer left empty changes nothing.
        capture.contact_changes[person.id] = applications.ContactChanges(
            preferred_channel=PreferredChannel(channel) if channel else applications.UNCHANGED,
            email=email or applications.UNCHANGED,
            title=title or applications.UNCHANGED,
        )
    if preferences:
        unknown = ", ".join(name for name, _ in preferences.values())
        raise InvalidInput(
            f"--prefers names someone who was not in this interview: {unknown}",
            hint="Add them with --with 'Name <email>' in the same command.",
        )


def _what_was_said(app_ctx: AppContext, interview: Interview, opts: dict[str, Any]) -> applications.InterviewChanges:
    """The interview's fields the user filled in: next steps, the timeline and its date, notes.

    An answer left empty changes nothing.
    """
    next_steps = _ask(app_ctx, opts.get("next_steps"), "What did they say happens next?")
    timeline_text = _ask(app_ctx, opts.get("timeline_text"), "When did they say you would hear? (their words)")
    decision = _decision_date(app_ctx, interview, opts.get("decision_text"), timeline_text)
    main_points = _ask(app_ctx, opts.get("main_points"), "What were the main points or focus?")
    forgot_to_mention = _ask(app_ctx, opts.get("forgot_to_mention"), "Any skill you forgot to mention?")
    to_clarify = _ask(app_ctx, opts.get("to_clarify"), "Any answer you want to clarify?")
    return applications.InterviewChanges(
        next_steps=next_steps or applications.UNCHANGED,
        timeline_text=timeline_text or applications.UNCHANGED,
        decision_date=decision or applications.UNCHANGED,
        main_points=main_points or applications.UNCHANGED,
        forgot_to_mention=forgot_to_mention or applications.UNCHANGED,
        to_clarify=to_clarify or applications.UNCHANGED,
    )


def _decision_date(
    app_ctx: AppContext, interview: Interview, decision_text: str | None, timeline_text: str | None
) -> date | None:
    """--decision-date as given; else the date their words mean, confirmed in a terminal."""
    env = app_ctx.env
    if decision_text:
        return parse_day(decision_text, env.now().date(), "--decision-date")
    if not timeline_text:
        return None
    parsed = interview_timeline(timeline_text, interview, env.calendar)
    if parsed is None:
        click.echo(f"Could not find a date in “{timeline_text}”; the words are kept as they are.", err=True)
        return None
    if app_ctx.interactive and not click.confirm(f"That means by {day(parsed.date)}. Right?", default=True):
        typed = _ask(app_ctx, None, "Then by which date (YYYY-MM-DD)? Empty for none")
        spoken_on = env.calendar.local_date(interview.ends_at)
        return parse_day(typed, spoken_on, "decision date") if typed else None
    if not app_ctx.json:
        click.echo(f"“{timeline_text}” → news expected by {parsed.explanation}.")
    return parsed.date


def _references(app_ctx: AppContext, opts: dict[str, Any]) -> list[tuple[str, str | None]]:
    references = list(opts.get("references") or ())
    if app_ctx.interactive and not references:
        named = _ask(app_ctx, None, "References you named to them? (comma-separated; empty if none)")
        references = [r for r in (named or "").split(",") if r.strip()]
    return [name_and_email(r) for r in references]


def _print_saved(updated: Interview, upcoming: list[applications.AgendaItem]) -> None:
    out = console()
    out.print(f"Saved what you learned in interview {updated.id}.")
    if upcoming:
        out.print("[bold]Now:[/]")
    for item in upcoming[:6]:
        who = f" → {esc(item.contact)}" if item.contact else ""
        out.print(f"  [cyan]{item.id}[/]  {when(item.due)}  {esc(action_title(item.kind, item.channel))}{who}")
