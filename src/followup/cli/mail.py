"""`followup mail ...`: the mailbox. Subcommands live in their own modules and load lazily."""

from __future__ import annotations

import importlib

import click

SUBCOMMANDS = {
    "account": "followup.cli.mail_sync:account",
    "sync": "followup.cli.mail_sync:sync",
    "import": "followup.cli.mail_matches:import_mail",
    "matches": "followup.cli.mail_matches:matches",
    "draft": "followup.cli.mail_send:draft",
    "send": "followup.cli.mail_send:send",
}


class _MailGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS:
            return None
        module, attr = SUBCOMMANDS[cmd_name].split(":")
        try:
            command: click.Command = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            return None
        return command


@click.group(cls=_MailGroup)
def mail() -> None:
    """Watch your mailbox for replies, and put follow-ups in your Drafts or send them."""
