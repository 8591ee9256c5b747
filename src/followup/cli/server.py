"""`followup server ...`: running a hosted installation for a careers service (docs/hosting.md).

Whoever can reach the database is the operator: these commands need no sign-in.
"""

from __future__ import annotations

import sys

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json
from followup.errors import InvalidInput


@click.group()
def server() -> None:
    """Run followup for many people: a careers service's hosted installation."""


def read_new_password(from_stdin: bool) -> str:
    """The first administrator's password: typed twice, hidden, or one line from standard input."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise InvalidInput(
                "no password on standard input", where="--password-stdin", hint="Pipe it in on one line."
            )
        return password
    if not sys.stdin.isatty():
        raise click.UsageError("no terminal to ask for the password: pass it on standard input with --password-stdin")
    typed: str = click.prompt("Password", hide_input=True, confirmation_prompt="Password again")
    return typed


def account_fields(account: object) -> dict[str, object]:
    """An account as --json prints it (no secrets, no ids)."""
    from followup.domain.accounts import Account

    assert isinstance(account, Account)
    return {
        "email": account.email,
        "name": account.name,
        "role": account.role,
        "created_at": account.created_at,
        "disabled_at": account.disabled_at,
    }


@server.command("init")
@click.option("--admin-email", required=True, metavar="ADDRESS", help="The first administrator's e-mail address.")
@click.option("--admin-name", default="", metavar="NAME", help="Their name, as shown to others.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@output_options
@pass_app
def init(app: AppContext, admin_email: str, admin_name: str, password_stdin: bool) -> None:
    """Make the database a hosted installation, with its first administrator.

    The database is the one --db or FOLLOWUP_DATABASE_URL names (PostgreSQL for a real
    installation). It works once: invite everyone else with `followup account invite`.
    """
    from followup.app import accounts

    env = app.env
    accounts.ensure_not_hosted(env)  # said before the password is asked for, not after
    password = read_new_password(password_stdin)
    admin = accounts.init_server(env, admin_email=admin_email, admin_name=admin_name, password=password)
    if app.json:
        emit_json({"hosted": True, "database": env.database_shown, "admin": account_fields(admin)})
        return
    click.echo(f"{env.database_shown} is now a hosted installation; {admin.email} is its administrator.")
    click.echo("Invite people with `followup account invite ADDRESS --role seeker`.")
