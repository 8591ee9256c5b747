"""The end-of-interview capture: the playbook's questions, asked one by one or taken from flags."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext
from followup.errors import InvalidInput

CHANNELS = ["email", "phone", "letter", "unknown"]


def _ask(app_ctx: AppContext, given: str | None, question: str) -> str | None:
    if given is not None or not app_ctx.interactive:
        return given
    answer: str = click.prompt(question, default="", show_default=False)
    return answer.strip() or None


def run_capture(
    app_ctx: AppContext, interview_id: int | None, app_ref: str | None, opts: dict[str, Any]
) -> dict[str, Any]:
    from followup.app import applications, lookups, shapes
    from followup.cli.parse import name_and_email, parse_day
    from followup.cli.render import day
    from followup.domain.timeline import parse_timeline

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
    interview = lookups.interview(env, interview_id)
    capture = applications.Capture()
    ask = app_ctx.interactive

    preferences: dict[str, tuple[str, str]] = {}
    for item in opts.get("prefers") or ():
        name, _, channel = item.partition("=")
        if channel.strip().lower() not in CHANNELS:
            raise InvalidInput(
                f"--prefers {item!r}: the channel must be one of {', '.join(CHANNELS)}",
                hint="For example --prefers 'Ann Lee=phone'.",
            )
        preferences[name.strip().casefold()] = (name.strip(), channel.strip().lower())

    people = [name_and_email(p) for p in opts.get("people") or ()]
    if ask and not interview.participant_ids and not people:
        names = click.prompt(
            "Who interviewed you? (names as on their card, comma-separated)", default="", show_default=False
        )
        people = [name_and_email(n) for n in names.split(",") if n.strip()]
    for name, email in people:
        channel = preferences.pop(name.casefold(), (name, None))[1]
        if channel is None and ask:
            channel = click.prompt(
                f"How does {name} prefer to be followed up?", type=click.Choice(CHANNELS), default="email"
            )
        capture.new_people.append((name, email, channel))
    known = [lookups.contact(env, c) for c in interview.participant_ids]
    for person in known:
        changes: dict[str, Any] = {}
        if person.name.casefold() in preferences:
            changes["preferred_channel"] = preferences.pop(person.name.casefold())[1]
        elif ask and person.preferred_channel.value == "unknown":
            changes["preferred_channel"] = click.prompt(
                f"How does {person.name} prefer to be followed up?",
                type=click.Choice(CHANNELS),
                default="email",
            )
        if ask and not person.email:
            email = _ask(app_ctx, None, f"{person.name}'s email (from the card; empty if none)")
            if email:
                changes["email"] = email
        if ask and not person.title:
            title = _ask(app_ctx, None, f"{person.name}'s job title (empty to skip)")
            if title:
                changes["title"] = title
        capture.contact_changes[person.id] = changes
    if preferences:
        unknown = ", ".join(name for name, _ in preferences.values())
        raise InvalidInput(
            f"--prefers names someone who was not in this interview: {unknown}",
            hint="Add them with --with 'Name <email>' in the same command.",
        )

    fields = capture.interview_changes
    next_steps = _ask(app_ctx, opts.get("next_steps"), "What did they say happens next?")
    if next_steps:
        fields["next_steps"] = next_steps
    timeline_text = _ask(app_ctx, opts.get("timeline_text"), "When did they say you would hear? (their words)")
    decision = None
    if opts.get("decision_text"):
        decision = parse_day(opts["decision_text"], env.now().date(), "--decision-date")
    elif timeline_text:
        spoken_on = interview.ends_at.astimezone(env.tz).date()
        parsed = parse_timeline(timeline_text, spoken_on, env.calendar)
        if parsed is None:
            click.echo(f"Could not find a date in “{timeline_text}”; the words are kept as they are.", err=True)
        elif ask and not click.confirm(f"That means by {day(parsed.date)}. Right?", default=True):
            typed = _ask(app_ctx, None, "Then by which date (YYYY-MM-DD)? Empty for none")
            decision = parse_day(typed, spoken_on, "decision date") if typed else None
        else:
            decision = parsed.date
            if not app_ctx.json:
                click.echo(f"“{timeline_text}” → news expected by {parsed.explanation}.")
    if timeline_text:
        fields["timeline_text"] = timeline_text
    if decision:
        fields["decision_date"] = decision
    for key, question in (
        ("main_points", "What were the main points or focus?"),
        ("forgot_to_mention", "Any skill you forgot to mention?"),
        ("to_clarify", "Any answer you want to clarify?"),
    ):
        value = _ask(app_ctx, opts.get(key), question)
        if value:
            fields[key] = value
    references = list(opts.get("references") or ())
    if ask and not references:
        named = _ask(app_ctx, None, "References you named to them? (comma-separated; empty if none)")
        references = [r for r in (named or "").split(",") if r.strip()]
    capture.references = [name_and_email(r) for r in references]

    updated = applications.capture_interview(env, interview_id, capture)
    view = applications.show(env, updated.application_id)
    if not app_ctx.json:
        from followup.cli.render import console, esc, when
        from followup.domain.labels import action_title

        out = console()
        out.print(f"Saved what you learned in interview {updated.id}.")
        if view.upcoming:
            out.print("[bold]Now:[/]")
        for item in view.upcoming[:6]:
            who = f" → {esc(item.contact)}" if item.contact else ""
            out.print(f"  [cyan]{item.id}[/]  {when(item.due)}  {esc(action_title(item.kind, item.channel))}{who}")
    return {"interview": shapes.interview(updated), "next": [i.to_json() for i in view.upcoming]}
