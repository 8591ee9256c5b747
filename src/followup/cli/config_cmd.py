"""`followup config`: show and change settings, with the reason for every key.

Which keys exist and what each means come from the settings table
(`followup.domain.settings.SETTINGS`); reading and writing the file go through `followup.app.settings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

if TYPE_CHECKING:
    from followup.app.settings import ZoneMove


@click.group(invoke_without_command=True)
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show settings (`followup config`), or change one (`followup config set KEY VALUE`)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


@config.command("show")
@output_options
@pass_app
def show(app_ctx: AppContext) -> None:
    """Every setting with its value and what it does."""
    from followup.app import settings
    from followup.domain.settings import BY_KEY

    env = app_ctx.env
    values = settings.current_values(env)
    if app_ctx.json:
        emit_json(values)
        return
    from followup.cli.render import table

    table(
        ("key", "value", "meaning"),
        [(key, "" if value is None else str(value), BY_KEY[key].spec.help) for key, value in values.items()],
        title=f"Settings ({env.config_path})",
    )


@config.command("get")
@click.argument("key")
@pass_app
def get(app_ctx: AppContext, key: str) -> None:
    """Print one setting's value."""
    from followup.app import settings

    value = settings.current_value(app_ctx.env, key)
    click.echo("" if value is None else value)


# After a change of time zone, the interviews entered on the old zone's clock: asked in a terminal,
# chosen by one of these flags in a script (which is refused, before anything changes, without one).
move_option = click.option(
    "--move-interviews/--keep-interviews",
    "move",
    default=None,
    help="With a new time zone: put upcoming and recent interviews entered on the old zone's clock at the "
    "same clock time in the new one, or leave them as they are (asked in a terminal).",
)


@config.command("set")
@click.argument("key")
@click.argument("value")
@move_option
@pass_app
def set_(app_ctx: AppContext, key: str, value: str, move: bool | None) -> None:
    """Change KEY to VALUE, e.g. `followup config set timezone Europe/Berlin`."""
    _change(app_ctx, key, value, move)


@config.command("unset")
@click.argument("key")
@move_option
@pass_app
def unset(app_ctx: AppContext, key: str, move: bool | None) -> None:
    """Return KEY to its default."""
    _change(app_ctx, key, None, move)


@config.command("path")
@pass_app
def path(app_ctx: AppContext) -> None:
    """Print where the settings file and the database are."""
    click.echo(f"settings: {app_ctx.env.config_path}")
    click.echo(f"database: {app_ctx.env.database_shown}")


def _change(app_ctx: AppContext, key: str, value: str | None, move: bool | None) -> None:
    from followup.app import settings
    from followup.errors import InvalidInput

    env = app_ctx.env
    if move is not None and key != "timezone":
        raise click.UsageError("--move-interviews and --keep-interviews go with a change of timezone")
    offer = settings.zone_move_for(env, key, value)
    if offer is not None and move is None and not app_ctx.interactive:
        # Nobody to ask: say what is at stake and change nothing, rather than choose for the user.
        one = len(offer.interviews) == 1
        their, them = ("its", "it as it is") if one else ("their", "them as they are")
        raise InvalidInput(
            f"{offer.entered}; the time zone is not changed yet",
            hint=f"Add --move-interviews to keep {their} clock time in {offer.new_zone} (14:00 stays 14:00), "
            f"or --keep-interviews to leave {them}.",
        )
    changed = settings.change_settings(env, {key: value})
    shown = settings.current_values(env).get(key)
    click.echo(f"{key} = {shown}" if value is not None else f"{key} is back to its default ({shown}).")
    if offer is not None:
        _answer(app_ctx, offer, move)
    if changed:
        click.echo(f"Recomputed the follow-ups of {changed} application{'s' if changed != 1 else ''}.")


def _answer(app_ctx: AppContext, offer: ZoneMove, move: bool | None) -> None:
    """Ask (in a terminal) or apply the flag: move the interviews on the old clock, or leave them."""
    from followup.app import settings
    from followup.domain.zones import place

    for item in offer.interviews:
        click.echo(f"  {item.company}, {item.role}: {item.reads_now}")
    if move is None:
        move = click.confirm(offer.question, default=None)
    if not move:
        left = "Left it as it is" if len(offer.interviews) == 1 else "Left them as they are"
        click.echo(f"{left}, on {place(offer.old_zone)} time with your own time beside it.")
        return
    moved = settings.move_interviews(app_ctx.env, offer.old_zone, offer.new_zone, offer.interview_ids)
    what = "1 interview and its reminders" if moved == 1 else f"{moved} interviews and their reminders"
    click.echo(f"Moved {what} to the same clock time in {offer.new_zone}.")
