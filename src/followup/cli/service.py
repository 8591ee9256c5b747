"""`followup service install|uninstall|status`: followup in the background, started at login."""

from __future__ import annotations

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

DRY_RUN_HELP = "Print what would be written and run, and change nothing."


@click.group()
def service() -> None:
    """Keep followup running in the background, also after a restart.

    `followup service install` registers it with your computer's own service manager
    (systemd on Linux, launchd on macOS, Task Scheduler on Windows); `followup open`
    then opens it, signed in. `followup serve` still runs it in a terminal instead.
    """


@service.command("install")
@click.option("--port", type=int, default=None, help="Port (default 8765, or the next free one).")
@click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP)
@pass_app
def install(app: AppContext, port: int | None, dry_run: bool) -> None:
    """Run followup in the background now and whenever you log in."""
    from followup.app import service as background

    plan = background.plan(app.db_path, app.config_path, port=port)
    if dry_run:
        click.echo(f"Would write {plan.file_path}:")
        click.echo(plan.text, nl=False)
        for command in plan.install:
            click.echo(f"Would run: {command.typed}")
        return
    background.install(plan)
    click.echo(f"followup now runs in the background ({plan.manager}) and starts again whenever you log in.")
    click.echo(f"Its file: {plan.file_path}")
    click.echo("Open it with `followup open`.")
    click.echo(f"Stop it with `{plan.how_to_stop}`; remove it with `followup service uninstall`.")


@service.command("uninstall")
@click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP)
@pass_app
def uninstall(app: AppContext, dry_run: bool) -> None:
    """Stop followup running in the background and remove it from your service manager."""
    from followup.app import service as background

    plan = background.plan(app.db_path, app.config_path)
    if dry_run:
        for command in plan.uninstall:
            click.echo(f"Would run: {command.typed}")
        click.echo(f"Would remove {plan.file_path}")
        for command in plan.after_removal:
            click.echo(f"Would run: {command.typed}")
        return
    if not background.uninstall(plan):
        click.echo(f"followup is not installed as a background service ({plan.file_path} is not there); nothing to do.")
        return
    click.echo(f"followup no longer runs in the background; removed {plan.file_path}.")
    click.echo("Your applications and settings are untouched; `followup serve` still runs it in a terminal.")


@service.command("status")
@output_options
@pass_app
def status(app: AppContext) -> None:
    """Whether followup runs in the background, and where its service file is."""
    from followup.app import service as background

    found = background.status(background.plan(app.db_path, app.config_path))
    if app.json:
        shape: dict[str, object] = {
            "manager": found.manager,
            "installed": found.installed,
            "state": found.state,
            "file": found.file_path,
        }
        if found.problem:
            shape["problem"] = found.problem
        emit_json(shape)
        return
    if not found.installed:
        click.echo("followup is not installed as a background service.")
        click.echo("`followup service install` sets it up; `followup serve` runs it in a terminal instead.")
        return
    if found.state == "running":
        click.echo(f"followup is running in the background ({found.manager}).")
    elif found.state == "stopped":
        click.echo(f"followup is installed as a background service ({found.manager}) but is stopped.")
        click.echo("`followup service install` starts it again.")
    else:
        click.echo(f"followup is installed as a background service, but {found.manager} cannot say whether it runs:")
        click.echo(f"  {found.problem}")
    click.echo(f"Its file: {found.file_path}")
    if found.logs:
        click.echo(f"What it printed: {found.logs}")
    if found.state == "running":
        click.echo(f"Stop it with `{found.how_to_stop}`; remove it with `followup service uninstall`.")
