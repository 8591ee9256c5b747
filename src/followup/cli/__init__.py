"""The `followup` command line. Commands load lazily so that each run imports only its own code."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from followup import __version__
from followup.cli.context import AppContext, parse_now_option

COMMANDS = {
    "agenda": "followup.cli.agenda:agenda",
    "done": "followup.cli.agenda:done",
    "snooze": "followup.cli.agenda:snooze",
    "skip": "followup.cli.agenda:skip",
    "undo": "followup.cli.agenda:undo",
    "app": "followup.cli.apps:app",
    "show": "followup.cli.apps:show",
    "contact": "followup.cli.contacts:contact",
    "interview": "followup.cli.interviews:interview",
    "log": "followup.cli.log:log",
    "reference": "followup.cli.log:reference",
    "touchpoint": "followup.cli.log:touchpoint",
    "config": "followup.cli.config_cmd:config",
    "draft": "followup.cli.draft:draft",
    "check": "followup.cli.check:check",
    "mail": "followup.cli.mail:mail",
    "classify": "followup.cli.classify:classify",
    "import": "followup.cli.transfer:import_cmd",
    "export": "followup.cli.transfer:export_cmd",
    "serve": "followup.cli.serve:serve",
    "open": "followup.cli.serve:open_command",
    "token": "followup.cli.serve:token",
    "service": "followup.cli.service:service",
    "server": "followup.cli.server:server",
    "account": "followup.cli.accounts:account",
    "remind": "followup.cli.remind:remind",
    # A door of its own (hosted mode): named here so that `followup worker` loads it only when run.
    "worker": "followup.worker.command:worker",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        from followup.errors import FollowupError

        try:
            return super().invoke(ctx)
        except FollowupError as exc:
            from followup.cli.errors import UserError

            raise UserError(exc) from None


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    "db_path",
    metavar="PATH",
    help="Database file, or a postgresql:// URL (default: your data folder; or FOLLOWUP_DB, FOLLOWUP_DATABASE_URL).",
)
@click.option("--config", "config_path", metavar="PATH", help="Settings file (or FOLLOWUP_CONFIG).")
@click.option(
    "--now",
    "now_text",
    metavar="ISO-8601",
    help="Act as if it were this moment, e.g. 2026-11-23T09:00:00+01:00 (or FOLLOWUP_NOW).",
)
@click.version_option(__version__, prog_name="followup")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, config_path: str | None, now_text: str | None) -> None:
    """followup: what to send after you apply or interview, to whom, and when.

    Start with `followup app add` for each application you are waiting on (or `followup import`),
    add an interview with `followup interview add` when you get one, and check `followup agenda`
    every day.
    """
    ctx.obj = AppContext(db_path=db_path, config_path=config_path)
    now_text = now_text or os.environ.get("FOLLOWUP_NOW")
    if now_text:
        ctx.obj.fixed_now = parse_now_option(now_text)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "agenda") or cli)  # a bare `followup` shows the agenda


def main(argv: list[str] | None = None) -> Any:
    from followup.cli.errors import run_safely

    return run_safely(cli, argv if argv is not None else sys.argv[1:])
