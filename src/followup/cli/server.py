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
    accounts.check_can_init(env)  # said before the password is asked for, not after
    password = read_new_password(password_stdin)
    admin = accounts.init_server(env, admin_email=admin_email, admin_name=admin_name, password=password)
    if app.json:
        emit_json({"hosted": True, "database": env.database_shown, "admin": account_fields(admin)})
        return
    click.echo(f"{env.database_shown} is now a hosted installation; {admin.email} is its administrator.")
    click.echo("Invite people with `followup account invite ADDRESS --role seeker`.")


@server.command("new-key")
def new_key() -> None:
    """Print a fresh key for the stored secrets (mail passwords, tokens), for FOLLOWUP_SECRET_KEYS.

    Nothing is changed: put the key first in FOLLOWUP_SECRET_KEYS of every web process and
    worker, restart them, then run `followup server rotate-key`.
    """
    from followup.app import stored_secrets

    click.echo(stored_secrets.new_key())


@server.command("rotate-key")
@output_options
@pass_app
def rotate_key(app: AppContext) -> None:
    """Re-encrypt every stored secret with the newest key (the first in FOLLOWUP_SECRET_KEYS).

    All or nothing, in one transaction. Afterwards the older keys can be removed from
    FOLLOWUP_SECRET_KEYS (docs/hosting.md, "Keys and their rotation").
    """
    from followup.app import stored_secrets

    count = stored_secrets.rotate(app.env)
    if app.json:
        emit_json({"reencrypted": count})
        return
    click.echo(f"Re-encrypted {count} stored secret{'' if count == 1 else 's'} with the newest key.")
    click.echo("The older keys can now be removed from FOLLOWUP_SECRET_KEYS; restart the web processes and workers.")
