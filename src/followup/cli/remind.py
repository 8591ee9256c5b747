"""`followup remind`: one pass of the reminder job by hand (for cron, and to see what would go out)."""

from __future__ import annotations

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json


@click.command()
@click.option("--dry-run", is_flag=True, help="Show what would be sent now, and send and record nothing.")
@click.option("--test", "test", is_flag=True, help="Send a test reminder through every channel that is set up.")
@output_options
@pass_app
def remind(app: AppContext, dry_run: bool, test: bool) -> None:
    """Send the reminders that are due now, each once, and print what was sent."""
    from followup.app import reminders

    if test:
        tried = reminders.send_test(app.env)
        if app.json:
            emit_json({"test": True, "channels": tried.went, "problems": tried.problems})
        else:
            click.echo(f"Sent a test reminder: {', '.join(tried.went)}.")
            for problem in tried.problems:
                click.echo(problem)
        return
    done = reminders.remind(app.env, dry_run=dry_run)
    digest = done.digest
    if app.json:
        emit_json(
            {
                "dry_run": done.dry_run,
                "held": done.held,
                "channels": done.channels,
                "problems": done.problems,
                "sent": [reminder.to_json() for reminder in done.sent],
                "digest": {"to": digest.to, "subject": digest.subject(), "follow_ups": digest.count}
                if digest
                else None,
            }
        )
        return
    if done.held is not None and not done.sent:
        click.echo(f"Nothing sent: it is {done.held} (see `followup config` for reminders.*).")
        return
    for problem in done.problems:
        click.echo(problem)
    verb = "Would send" if done.dry_run else "Sent"
    if digest is not None:
        click.echo(f"{verb} the morning digest to {digest.to}: {digest.subject()}.")
    if not done.sent:
        if digest is None:
            click.echo("Nothing is due: no reminder sent.")
        return
    count = len(done.sent)
    click.echo(f"{verb} {count} reminder{'s' if count != 1 else ''}:")
    for reminder in done.sent:
        click.echo(f"  {reminder.sounds_at:%a %d %b %H:%M}  {reminder.headline}")
        click.echo(f"      {reminder.reason}")
        click.echo(f"      {reminder.link}")
