"""`followup interview ...`: recording interviews, and the capture right after one."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

KINDS = ["phone", "video", "onsite", "panel", "technical", "other"]


@click.group()
def interview() -> None:
    """Record interviews and what you learned in them."""


@interview.command("add")
@click.argument("app_ref", metavar="APP")
@click.option("--at", "at_text", metavar="WHEN", help="Start, e.g. '2026-11-20 14:00' or 'tomorrow 10:30'.")
@click.option("--tz", metavar="ZONE", help="Time zone of --at when it is not yours, e.g. America/New_York.")
@click.option("--length", "minutes", type=click.IntRange(1, 24 * 60), metavar="MINUTES", help="Length in minutes.")
@click.option("--kind", type=click.Choice(KINDS), default="other", show_default=True)
@click.option("--round", "round_", type=click.IntRange(1, 99), help="Which round (default: the next one).")
@click.option(
    "--with",
    "people",
    multiple=True,
    metavar="NAME",
    help="An interviewer, 'Name' or 'Name <email>'; repeat for more.",
)
@output_options
@pass_app
def add(
    app_ctx: AppContext,
    app_ref: str,
    at_text: str | None,
    tz: str | None,
    minutes: int | None,
    kind: str,
    round_: int | None,
    people: tuple[str, ...],
) -> None:
    """Record an interview for APP (its id or part of its name)."""
    from followup.app import applications, shapes
    from followup.cli.parse import name_and_email, order, parse_moment, zone
    from followup.domain.model import ContactRole

    env = app_ctx.env
    target = applications.resolve_application(env, app_ref)
    if at_text is None:
        if not app_ctx.interactive:
            raise click.UsageError("--at is required, e.g. --at '2026-11-20 14:00'")
        at_text = click.prompt("When does it start (YYYY-MM-DD HH:MM)")
    if tz is None:
        from followup.cli.draft import say_how_to_set_once

        say_how_to_set_once(app_ctx, name=False, zone=True)  # --at is read in the user's zone
    zone_name = tz or env.settings.timezone
    starts = parse_moment(at_text, zone(zone_name), env.now(), "--at", order(env))
    if not people and app_ctx.interactive:
        people = tuple(
            p
            for p in click.prompt(
                "Who interviews you? (names, comma-separated; empty if unknown)",
                default="",
                show_default=False,
            ).split(",")
            if p.strip()
        )
    ids = []
    for text in people:
        name, email = name_and_email(text)
        ids.append(applications.contact_by_name_or_new(env, name, email, ContactRole.INTERVIEWER, target.id).id)
    values: dict[str, Any] = {"kind": kind, "timezone": zone_name}
    if minutes:
        values["duration_minutes"] = minutes
    if round_:
        values["round"] = round_
    created = applications.add_interview(
        env, target.id, applications.NewInterview(starts_at=starts, participants=ids, **values)
    )
    if app_ctx.json:
        emit_json(shapes.interview(created))
        return
    from followup.cli.render import when
    from followup.domain.zones import beside

    click.echo(
        f"Recorded interview {created.id} (round {created.round}) for {target.role} at {target.company}, "
        f"{when(created.starts_at)}{beside(created.starts_at, env.tz)}."
    )
    click.echo(f"Right after it, capture what you learned: followup interview capture {created.id}")


@interview.command("capture")
@click.argument("interview_id", type=int, required=False, metavar="[INTERVIEW]")
@click.option("--app", "app_ref", metavar="APP", help="Capture the latest interview of APP instead.")
@click.option("--with", "people", multiple=True, metavar="NAME", help="Another interviewer ('Name <email>').")
@click.option(
    "--prefers",
    multiple=True,
    metavar="NAME=CHANNEL",
    help="How someone prefers follow-ups, e.g. 'Ann Lee=phone'.",
)
@click.option("--next-steps", help="What they said happens next.")
@click.option("--timeline", "timeline_text", help="When they said you would hear, in their words: 'by Friday'.")
@click.option("--decision-date", "decision_text", metavar="DATE", help="The decision date itself (YYYY-MM-DD).")
@click.option("--main-points", help="The main points or focus of the interview.")
@click.option("--forgot", "forgot_to_mention", help="Skills or facts you forgot to mention.")
@click.option("--clarify", "to_clarify", help="Answers you want to clarify.")
@click.option(
    "--reference", "references", multiple=True, metavar="NAME", help="A reference you named ('Name <email>')."
)
@output_options
@pass_app
def capture(app_ctx: AppContext, interview_id: int | None, app_ref: str | None, **options: Any) -> None:
    """Right after an interview: note what the playbook needs, and get your thank-yous.

    Run it in a terminal and it asks the questions the playbook says to ask;
    in scripts, pass the options instead.
    """
    from followup.cli.capture_flow import run_capture

    result = run_capture(app_ctx, interview_id, app_ref, options)
    if app_ctx.json:
        emit_json(result)


@interview.command("edit")
@click.argument("interview_id", type=int, metavar="INTERVIEW")
@click.option("--at", "at_text", metavar="WHEN", help="New start time.")
@click.option("--tz", metavar="ZONE", help="Time zone of --at.")
@click.option("--length", "minutes", type=click.IntRange(1, 24 * 60), metavar="MINUTES")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--round", "round_", type=click.IntRange(1, 99))
@click.option("--with", "add_people", multiple=True, metavar="NAME", help="Add an interviewer ('Name <email>').")
@click.option("--without", "remove_people", multiple=True, metavar="NAME", help="Remove someone from it.")
@output_options
@pass_app
def edit(
    app_ctx: AppContext,
    interview_id: int,
    at_text: str | None,
    tz: str | None,
    minutes: int | None,
    kind: str | None,
    round_: int | None,
    add_people: tuple[str, ...],
    remove_people: tuple[str, ...],
) -> None:
    """Change when an interview is, its kind, length or round, or who was in it."""
    from followup.app import applications, lookups, shapes
    from followup.cli.parse import order, parse_moment, zone

    env = app_ctx.env
    current = lookups.interview(env, interview_id)
    changes: dict[str, Any] = {}
    if at_text:
        zone_name = tz or current.timezone
        changes["starts_at"] = parse_moment(at_text, zone(zone_name), env.now(), "--at", order(env))
        changes["timezone"] = zone_name
    if minutes:
        changes["duration_minutes"] = minutes
    if kind:
        changes["kind"] = kind
    if round_:
        changes["round"] = round_
    participants = None
    if add_people or remove_people:
        from followup.cli.parse import name_and_email
        from followup.domain.model import ContactRole

        app_id = current.application_id
        gone = {applications.resolve_contact(env, name, app_id).id for name in remove_people}
        participants = [c for c in current.participant_ids if c not in gone]
        for text in add_people:
            name, email = name_and_email(text)
            participants.append(
                applications.contact_by_name_or_new(env, name, email, ContactRole.INTERVIEWER, app_id).id
            )
    if not changes and participants is None:
        raise click.UsageError("nothing to change; give at least one option, e.g. --at")
    if participants is not None:
        changes["participants"] = participants
    updated = applications.edit_interview(env, interview_id, applications.InterviewChanges(**changes))
    if app_ctx.json:
        emit_json(shapes.interview(updated))
    else:
        click.echo(f"Updated interview {updated.id}.")


@interview.command("delete")
@click.argument("interview_id", type=int, metavar="INTERVIEW")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def delete(app_ctx: AppContext, interview_id: int, yes: bool) -> None:
    """Remove an interview recorded by mistake."""
    from followup.app import applications

    if not yes:
        click.confirm(f"Delete interview {interview_id} and what was captured about it?", abort=True)
    applications.delete_interview(app_ctx.env, interview_id)
    click.echo(f"Deleted interview {interview_id}.")
