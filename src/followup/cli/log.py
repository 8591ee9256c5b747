"""`followup log` (a message, letter, call or reply) and `followup reference` (a reference you named)."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

CHANNELS = ["email", "letter", "fax", "phone", "voicemail", "in_person", "other"]
KINDS = [
    "thank_you",
    "recruiter_debrief",
    "reference_heads_up",
    "status_check",
    "follow_up_call",
    "thank_recruiter",
    "response",
    "application",
    "reply",
    "other",
]
OUTCOMES = [
    "rejection",
    "next_round",
    "offer",
    "info_request",
    "still_deciding",
    "auto_reply",
    "other",
    "reached",
    "voicemail",
    "no_answer",
    "evasive",
]


@click.command()
@click.argument("app_ref", metavar="APP")
@click.option("--received", is_flag=True, help="They contacted you (default: you contacted them).")
@click.option("--channel", type=click.Choice(CHANNELS), default="email", show_default=True)
@click.option("--contact", "contact_ref", metavar="NAME", help="Who it was with (name or id).")
@click.option("--kind", type=click.Choice(KINDS), help="What it was for (default: reply when received).")
@click.option("--outcome", type=click.Choice(OUTCOMES), help="What a reply meant, or how a call went.")
@click.option("--promised", "promised_text", metavar="DATE", help="When they promised news: a date or 'by Friday'.")
@click.option("--at", "at_text", metavar="WHEN", help="When it happened (default: now).")
@click.option("--subject", help="Email subject.")
@click.option("--message-id", help="Email Message-ID, to reply in the same thread later.")
@click.option("--note", help="What was said.")
@output_options
@pass_app
def log(
    app_ctx: AppContext,
    app_ref: str,
    received: bool,
    channel: str,
    contact_ref: str | None,
    kind: str | None,
    outcome: str | None,
    promised_text: str | None,
    at_text: str | None,
    subject: str | None,
    message_id: str | None,
    note: str | None,
) -> None:
    """Record a message, letter, call or reply for APP; a reply stops the chasing."""
    from followup.app import applications, shapes
    from followup.cli.parse import order, parse_moment, parse_promise
    from followup.domain.model import Channel, Direction, Outcome, TouchpointKind

    env = app_ctx.env
    target = applications.resolve_application(env, app_ref)
    person = applications.resolve_contact(env, contact_ref, target.id) if contact_ref else None
    at = parse_moment(at_text, env.tz, env.now(), "--at", order(env)) if at_text else env.now()
    said_on = at.astimezone(env.tz).date()
    promised = parse_promise(promised_text, said_on, env.calendar, order=order(env)) if promised_text else None
    logged = applications.log_touchpoint(
        env,
        target.id,
        applications.NewTouchpoint(
            direction=Direction.RECEIVED if received else Direction.SENT,
            channel=Channel(channel),
            kind=TouchpointKind(kind) if kind else None,
            occurred_at=at,
            contact_id=person.id if person else None,
            outcome=Outcome(outcome) if outcome else None,
            promised_date=promised,
            subject=subject,
            message_id=message_id,
            notes=note,
        ),
    )
    if app_ctx.json:
        emit_json({"touchpoint": shapes.touchpoint(logged.touchpoint, env.tz), "consequences": logged.consequences})
        return
    click.echo(f"Logged for {target.role} at {target.company}.")
    for line in logged.consequences:
        click.echo(f"  {line}")


@click.command()
@click.argument("app_ref", metavar="APP")
@click.argument("name")
@click.option("--email", help="Their email address, to give them a heads-up.")
@click.option("--phone", help="Their phone number.")
@click.option("--interview", "interview_id", type=int, help="The interview in which you named them.")
@pass_app
def reference(
    app_ctx: AppContext,
    app_ref: str,
    name: str,
    email: str | None,
    phone: str | None,
    interview_id: int | None,
) -> None:
    """Note that you gave NAME as a reference for APP; followup reminds you to tell them."""
    from followup.app import applications
    from followup.domain.model import ContactRole

    env = app_ctx.env
    target = applications.resolve_application(env, app_ref)
    person = applications.contact_by_name_or_new(env, name, email, ContactRole.REFERENCE, target.id)
    if phone and not person.phone:
        applications.edit_contact(env, person.id, applications.ContactChanges(phone=phone))
    applications.add_reference(env, target.id, person.id, interview_id)
    click.echo(f"Noted {person.name} as a reference for {target.role} at {target.company}.")


@click.group()
def touchpoint() -> None:
    """List, correct or remove recorded messages, calls and replies."""


@touchpoint.command("list")
@click.argument("app_ref", metavar="APP")
@output_options
@pass_app
def list_(app_ctx: AppContext, app_ref: str) -> None:
    """Everything sent and received for APP, oldest first."""
    from followup.app import applications, lookups, shapes

    env = app_ctx.env
    target = applications.resolve_application(env, app_ref)
    found = lookups.touchpoints(env, target.id)
    if app_ctx.json:
        emit_json([shapes.touchpoint(t, env.tz) for t in found])
        return
    if not found:
        click.echo(f"Nothing recorded for {target.role} at {target.company} yet.")
        return
    from followup.cli.render import table, when

    table(
        ("id", "when", "", "channel", "kind", "outcome", "subject"),
        [
            (
                str(t.id),
                when(t.occurred_at.astimezone(env.tz)),
                "→" if t.direction.value == "sent" else "←",
                t.channel.value,
                t.kind.value,
                t.outcome.value if t.outcome else "",
                t.subject or "",
            )
            for t in found
        ],
    )


@touchpoint.command("edit")
@click.argument("touchpoint_id", type=int, metavar="TOUCHPOINT")
@click.option("--channel", type=click.Choice(CHANNELS))
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--outcome", type=click.Choice(OUTCOMES))
@click.option("--promised", "promised_text", metavar="DATE", help="A date or words like 'by Friday'.")
@click.option("--at", "at_text", metavar="WHEN")
@click.option("--subject")
@click.option("--message-id")
@click.option("--note")
@output_options
@pass_app
def edit(
    app_ctx: AppContext,
    touchpoint_id: int,
    channel: str | None,
    kind: str | None,
    outcome: str | None,
    promised_text: str | None,
    at_text: str | None,
    subject: str | None,
    message_id: str | None,
    note: str | None,
) -> None:
    """Correct a recorded touchpoint; the follow-ups adjust at once."""
    from followup.app import applications, shapes
    from followup.cli.parse import order, parse_moment, parse_promise

    env = app_ctx.env
    changes: dict[str, Any] = {
        k: v
        for k, v in {
            "channel": channel,
            "kind": kind,
            "outcome": outcome,
            "subject": subject,
            "message_id": message_id,
            "notes": note,
        }.items()
        if v is not None
    }
    if at_text:
        changes["occurred_at"] = parse_moment(at_text, env.tz, env.now(), "--at", order(env))
    if promised_text:
        said_on = changes.get("occurred_at", env.now()).astimezone(env.tz).date()
        changes["promised_date"] = parse_promise(promised_text, said_on, env.calendar, order=order(env))
    if not changes:
        raise click.UsageError("nothing to change; give at least one option, e.g. --outcome")
    updated = applications.edit_touchpoint(env, touchpoint_id, applications.TouchpointChanges(**changes))
    if app_ctx.json:
        emit_json(shapes.touchpoint(updated, env.tz))
    else:
        click.echo(f"Updated touchpoint {updated.id}.")


@touchpoint.command("delete")
@click.argument("touchpoint_id", type=int, metavar="TOUCHPOINT")
@pass_app
def delete(app_ctx: AppContext, touchpoint_id: int) -> None:
    """Remove a touchpoint recorded by mistake."""
    from followup.app import applications

    applications.delete_touchpoint(app_ctx.env, touchpoint_id)
    click.echo(f"Deleted touchpoint {touchpoint_id}; the follow-ups are recomputed.")
