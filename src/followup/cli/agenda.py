"""`followup agenda` and what the user does about an action: done, snooze, skip, undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

if TYPE_CHECKING:
    from followup.app.agenda import ByStatus

WELCOME = """Welcome to followup. It tells you what to send, to whom and when,
after you apply and after each interview.

Start by adding the applications you are waiting to hear back on,
or import them from another tracker:

  followup app add "ACME Corp" "Data Analyst" --applied 2026-11-10
  followup import tracker.csv

When you get an interview, add it, and right after it note what you learned:

  followup interview add acme --at "2026-11-18 14:00" --with "Ann Lee <ann@acme.example>"
  followup interview capture --app acme

Then check `followup agenda` every day. `followup --help` lists every command."""

PAGE = 25

SECTIONS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("overdue", "Overdue", {"fg": "red", "bold": True}),
    ("due", "Due now", {"fg": "yellow", "bold": True}),
    ("upcoming", "Coming up", {"bold": True}),
)


@click.command()
@click.option("--days", default=7, show_default=True, metavar="N", help="Show what comes up in the next N days.")
@click.option("--all", "show_all", is_flag=True, help=f"Show every action, not the first {PAGE} of each section.")
@output_options
@pass_app
def agenda(app: AppContext, days: int, show_all: bool) -> None:
    """What to do now and soon, each with the reason why."""
    from followup.app.agenda import agenda as build_agenda
    from followup.app.agenda import by_status, has_applications

    if app.json:
        emit_json([item.to_json() for item in build_agenda(app.env, days=days)])
        return
    # A page per section, as `task next` shows one: a terminal is read, not scrolled
    # through thousands of lines (`--all` and `--json` give everything).
    shown = by_status(app.env, days=days, first=None if show_all else PAGE)
    if not has_applications(app.env):
        click.echo(WELCOME)
        return
    _print_agenda(shown, days)


def _print_agenda(shown: ByStatus, days: int) -> None:
    # Plain text rather than Rich: the agenda can list hundreds of actions, and laying
    # them out with Rich costs half a second where this takes milliseconds.
    import sys

    from followup.cli.render import terminal_width, when, wrap
    from followup.domain.labels import action_title

    color = sys.stdout.isatty()

    def paint(text: str, **style: Any) -> str:
        return click.style(text, **style) if color else text

    if not any(shown.totals.values()):
        click.echo(f"Nothing to do in the next {days} days. Good moment to apply somewhere new.")
        return
    width = max(40, min(terminal_width(default=100), 110))
    # Under the title ("  ue3p2is5tu  "); on a narrow terminal a smaller step leaves room for the words.
    indent = 14 if width >= 60 else 4
    lines: list[str] = []
    for status, heading, style in SECTIONS:
        if not shown.totals[status]:
            continue
        lines.append(paint(heading, **style))
        hidden = shown.totals[status] - len(shown.items[status])
        for item in shown.items[status]:
            target = f" → {item.contact}" if item.contact else ""
            where = f"{item.role} at {item.company}" if item.company else ""
            timing = f"due {when(item.due)}"
            if item.deadline is not None:
                timing += f", {'was ' if status == 'overdue' else ''}late after {when(item.deadline)}"
            title = action_title(item.kind, item.channel) + target
            # On one line when it fits; else the application goes under the title, and nothing
            # is cut in the middle of a word.
            together = bool(where) and 14 + len(title) + 2 + len(where) <= width
            # The id fills the indent of the title's first line ("  ue3p2is5tu  ").
            head, *rest = wrap(title, width, indent, first_indent=14)
            lines.append(f"  {paint(item.id, fg='cyan')}  {paint(head.strip(), bold=True)}")
            lines.extend(paint(line, bold=True) for line in rest)
            if together and not rest:
                lines[-1] += paint(f"  {where}", dim=True)
            elif where:
                lines.extend(paint(line, dim=True) for line in wrap(where, width, indent))
            lines.extend(paint(line, dim=True) for line in wrap(timing, width, indent))
            lines.extend(wrap(item.reason, width, indent))
        if hidden:
            more = f"… and {hidden:,} more {heading.lower()} (followup agenda --all)"
            lines.extend(paint(line, dim=True) for line in wrap(more, width, 4, first_indent=2))
        lines.append("")
    tip = "Record what you did with `followup done ID`, or `snooze`/`skip` it."
    lines.extend(paint(line, dim=True) for line in wrap(tip, width))
    click.echo("\n".join(lines))


def _next_steps(app: AppContext, application_id: int | None) -> list:  # type: ignore[type-arg]
    from followup.app import applications

    if application_id is None:
        return []
    return applications.show(app.env, application_id).upcoming[:2]


def _report(app: AppContext, verb: str, item, extra: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    from followup.cli.render import console, esc, when
    from followup.domain.labels import action_title

    following = _next_steps(app, item.application_id)
    if app.json:
        emit_json({"action": item.to_json(), **extra, "next": [n.to_json() for n in following]})
        return
    out = console()
    about = f" ({esc(item.role)} at {esc(item.company)})" if item.company else ""
    who = f" → {esc(item.contact)}" if item.contact else ""
    out.print(f"{verb}: [bold]{esc(action_title(item.kind, item.channel))}[/]{who}{about}.")
    for line in extra.get("consequences", []):
        out.print(f"  {esc(line)}")
    for step in following:
        out.print(f"  Next: {esc(action_title(step.kind, step.channel))}, due {when(step.due)} [dim]({step.id})[/]")


OUTCOMES = ["reached", "voicemail", "no-answer", "evasive"]


@click.command()
@click.argument("action_id", metavar="ACTION")
@click.option("--at", "at_text", metavar="WHEN", help="When you did it (default: now), e.g. 'today 16:30'.")
@click.option(
    "--outcome",
    type=click.Choice(OUTCOMES),
    help="For calls: reached them, left a voicemail, no answer, or they were evasive.",
)
@click.option(
    "--promised", "promised_text", metavar="DATE", help="When they promised news (calls): a date or 'by Friday'."
)
@click.option(
    "--channel",
    type=click.Choice(["email", "letter", "fax", "phone", "voicemail", "in_person", "other"]),
    help="How you did it, when not the suggested way.",
)
@click.option("--subject", help="Subject of the email you sent.")
@click.option("--message-id", help="Message-ID of the email you sent.")
@click.option("--note", help="Anything worth remembering about it.")
@output_options
@pass_app
def done(
    app: AppContext,
    action_id: str,
    at_text: str | None,
    outcome: str | None,
    promised_text: str | None,
    channel: str | None,
    subject: str | None,
    message_id: str | None,
    note: str | None,
) -> None:
    """Record that you did ACTION; a message or call is logged, and the next step follows from it."""
    from followup.app import actions
    from followup.cli.parse import order, parse_moment, parse_promise
    from followup.domain.model import Channel, Outcome

    env = app.env
    at = parse_moment(at_text, env.tz, env.now(), "--at", order(env)) if at_text else None
    item = actions.find_action(env, action_id)
    if outcome is None and app.interactive and item.channel == "phone":
        outcome = click.prompt("How did the call go?", type=click.Choice(OUTCOMES), default="reached")
    said_on = (at or env.now()).astimezone(env.tz).date()
    promised = parse_promise(promised_text, said_on, env.calendar, order=order(env)) if promised_text else None
    result = actions.mark_done(
        env,
        item.id,
        at=at,
        outcome=Outcome(outcome.replace("-", "_")) if outcome else None,
        promised_date=promised,
        channel=Channel(channel) if channel else None,
        subject=subject,
        message_id=message_id,
        note=note,
    )
    _report(
        app,
        "Done",
        result.action,
        {"touchpoint_id": result.touchpoint_id, "consequences": result.consequences},
    )


@click.command()
@click.argument("action_id", metavar="ACTION")
@click.option(
    "--for",
    "span",
    metavar="WHEN",
    help="How long or until when: tomorrow, next week, monday, '3 days', 4h (default: 1d).",
)
@click.option("--until", "until_text", metavar="WHEN", help="Until when, e.g. 2026-12-01, friday or 'mon 09:00'.")
@output_options
@pass_app
def snooze(app: AppContext, action_id: str, span: str | None, until_text: str | None) -> None:
    """Put ACTION off until later; it comes back then."""
    from followup.app import actions
    from followup.cli.parse import order, parse_snooze

    env = app.env
    if span and until_text:
        raise click.UsageError("give either --for or --until, not both")
    # Both read the same words as the web's snooze choices ("tomorrow", "next week", a weekday, a date).
    option, text = ("--until", until_text) if until_text else ("--for", span or "1d")
    until = parse_snooze(text, env.tz, env.now(), option, order(env))
    item = actions.snooze(env, action_id, until)
    _report(app, "Snoozed", item, {"until": until.isoformat(timespec="seconds")})


@click.command()
@click.argument("action_id", metavar="ACTION")
@click.option("--note", help="Why you are skipping it.")
@output_options
@pass_app
def skip(app: AppContext, action_id: str, note: str | None) -> None:
    """Decide not to do ACTION; the playbook moves on without it."""
    from followup.app import actions

    item = actions.skip(app.env, action_id, note)
    _report(app, "Skipped", item, {})


@click.command()
@click.argument("action_id", metavar="ACTION")
@output_options
@pass_app
def undo(app: AppContext, action_id: str) -> None:
    """Take back done, snooze or skip for ACTION."""
    from followup.app import actions
    from followup.domain.text import sentence

    message = actions.undo(app.env, action_id)
    if app.json:
        emit_json({"undone": action_id, "message": message})
    else:
        click.echo(sentence(message))
