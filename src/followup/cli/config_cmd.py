"""`followup config`: show and change settings, with the reason for every key.

Which keys exist and what each means come from the settings table
(`followup.domain.settings.SETTINGS`); reading and writing the file go through `followup.app.settings`.
"""

from __future__ import annotations

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json


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


@config.command("set")
@click.argument("key")
@click.argument("value")
@pass_app
def set_(app_ctx: AppContext, key: str, value: str) -> None:
    """Change KEY to VALUE, e.g. `followup config set timezone Europe/Berlin`."""
    _change(app_ctx, key, value)


@config.command("unset")
@click.argument("key")
@pass_app
def unset(app_ctx: AppContext, key: str) -> None:
    """Return KEY to its default."""
    _change(app_ctx, key, None)


@config.command("path")
@pass_app
def path(app_ctx: AppContext) -> None:
    """Print where the settings file and the database are."""
    click.echo(f"settings: {app_ctx.env.config_path}")
    click.echo(f"database: {app_ctx.env.db_path}")


def _change(app_ctx: AppContext, key: str, value: str | None) -> None:
    from followup.app import settings

    env = app_ctx.env
    changed = settings.change_settings(env, {key: value})
    shown = settings.current_values(env).get(key)
    click.echo(f"{key} = {shown}" if value is not None else f"{key} is back to its default ({shown}).")
    if changed:
        click.echo(f"Recomputed the follow-ups of {changed} application{'s' if changed != 1 else ''}.")
