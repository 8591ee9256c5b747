"""`followup mail import` and `followup mail matches`: saved mail, and what matched which application."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

SECURITY = ["tls", "starttls", "none"]


# -- importing saved mail, and the matched messages -----------------------------------------


@click.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--auto-apply", is_flag=True, help="Apply what replies mean (close on a rejection...) without asking.")
@output_options
@pass_app
def import_mail(app: AppContext, path: str, auto_apply: bool) -> None:
    """Read saved mail (an .eml file, an mbox file or a Maildir folder) and note the replies in it.

    Only messages about your applications are kept; the others are counted, nothing more.
    """
    from followup.app.mail_import import import_mail as run_import

    report = run_import(app.env, path, auto_apply=auto_apply)
    if app.json:
        emit_json(report.to_json())
        return
    click.echo(
        f"Read {report.read} message{'' if report.read == 1 else 's'} from {report.source}: "
        f"{report.matched} about your applications, "
        f"{report.new_replies} new {'reply' if report.new_replies == 1 else 'replies'}."
    )
    if report.skipped:
        click.echo(f"Skipped {report.skipped} that you said were not about an application.")
    for problem in report.set_aside:
        click.echo(f"Left out, could not be recorded: {problem}", err=True)
    _print_matches(report.messages)


@click.group(invoke_without_command=True)
@click.option("--app", "app_ref", metavar="APP", help="Only the messages of this application.")
@output_options
@click.pass_context
def matches(ctx: click.Context, app_ref: str | None) -> None:
    """The messages matched to your applications: why, what they mean, and what to do.

    \b
    followup mail matches [--app APP]     list them (newest first)
    followup mail matches apply ID        do what the suggestion says
    followup mail matches dismiss ID      ignore the suggestion
    followup mail matches move ID APP     it belongs to another application
    followup mail matches unmatch ID      it is not about any application
    followup mail matches attach FILE --app APP   add a message the matching missed
    """
    if ctx.invoked_subcommand is not None:
        return
    from followup.app import applications
    from followup.app.mail_import import matched_messages

    app = ctx.ensure_object(AppContext)
    env = app.env
    app_id = applications.resolve_application(env, app_ref).id if app_ref else None
    found = matched_messages(env, application_id=app_id)
    if app.json:
        emit_json([m.to_json() for m in found])
    elif not found:
        click.echo("No matched messages yet. Read your mail with `followup mail sync` or `followup mail import PATH`.")
    else:
        _print_matches(found)


def _print_matches(found: list[Any]) -> None:
    from followup.cli.render import day, when

    for m in found:
        arrow = f"← {m.sender}" if m.direction == "received" else f"→ {m.recipients}"
        click.echo(f"{m.mail_id:>4}  {when(m.sent_at)}  {arrow}  {m.subject or '(no subject)'}")
        click.echo(f"      {m.application}: {m.why}")
        meaning = m.label.replace("_", " ") if m.label else ""
        if m.counts_as:
            meaning = f"{meaning} ({m.counts_as})" if meaning else m.counts_as
        if m.promised_by:
            meaning += f", news promised by {day(m.promised_by)}"
        if m.suggestion:
            meaning += f"; suggestion: {m.suggestion} ({m.suggestion_state})"
        if meaning:
            click.echo(f"      {meaning.lstrip(', ;')}")


def _show_one(app: AppContext, mail_id: int, done: str) -> None:
    from followup.app.mail_import import matched_messages

    shown = matched_messages(app.env, ids=[mail_id])
    if app.json:
        emit_json(shown[0].to_json() if shown else {"id": mail_id, "deleted": True})
        return
    click.echo(done)
    _print_matches(shown)


@matches.command("apply")
@click.argument("mail_id", type=int, metavar="ID")
@output_options
@pass_app
def apply_(app: AppContext, mail_id: int) -> None:
    """Do what message ID's suggestion says (a rejection or offer closes the application)."""
    from followup.app import mail_intake

    row = mail_intake.apply_suggestion(app.env, mail_id)
    _show_one(app, mail_id, f"Applied: {row.suggestion}.")


@matches.command("dismiss")
@click.argument("mail_id", type=int, metavar="ID")
@output_options
@pass_app
def dismiss(app: AppContext, mail_id: int) -> None:
    """Ignore message ID's suggestion (the reply itself stays recorded)."""
    from followup.app import mail_intake

    mail_intake.dismiss_suggestion(app.env, mail_id)
    _show_one(app, mail_id, f"Dismissed the suggestion of message {mail_id}.")


@matches.command("move")
@click.argument("mail_id", type=int, metavar="ID")
@click.argument("app_ref", metavar="APP")
@output_options
@pass_app
def move(app: AppContext, mail_id: int, app_ref: str) -> None:
    """Move message ID (and what it recorded) to the application APP."""
    from followup.app import applications, mail_intake

    target = applications.resolve_application(app.env, app_ref)
    mail_intake.reassign(app.env, mail_id, target.id)
    _show_one(app, mail_id, f"Moved message {mail_id} to {target.role} at {target.company}.")


@matches.command("unmatch")
@click.argument("mail_id", type=int, metavar="ID")
@output_options
@pass_app
def unmatch(app: AppContext, mail_id: int) -> None:
    """Message ID is not about any application: forget it and what it recorded."""
    from followup.app import mail_intake

    mail_intake.unmatch(app.env, mail_id)
    if app.json:
        emit_json({"id": mail_id, "deleted": True})
    else:
        click.echo(f"Forgot message {mail_id}; it will not be matched again. The follow-ups are recomputed.")


@matches.command("attach")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--app", "app_ref", metavar="APP", required=True, help="The application it belongs to.")
@output_options
@pass_app
def attach(app: AppContext, path: str, app_ref: str) -> None:
    """Add a message the matching missed (a saved .eml file) to the application APP."""
    from pathlib import Path

    from followup.app import applications, mail_intake

    target = applications.resolve_application(app.env, app_ref)
    mail_id = mail_intake.attach(app.env, Path(path).read_bytes(), target.id)
    _show_one(app, mail_id, f"Attached as message {mail_id} to {target.role} at {target.company}.")
