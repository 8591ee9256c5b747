"""`followup account ...`: the operator's view of a hosted installation's accounts.

Whoever can reach the database is the operator: no sign-in on the command line.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json
from followup.cli.server import account_fields
from followup.errors import InvalidInput

if TYPE_CHECKING:
    from followup.app.accounts import Delivery, Invitation


@click.group()
def account() -> None:
    """Invite, list and disable the people of a hosted installation."""


def _base_url(given: str | None) -> str:
    base = (given or os.environ.get("FOLLOWUP_BASE_URL") or "").strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise InvalidInput(
            "the invitation link needs the installation's address" if not base else f"{base!r} is not an address",
            where="--base-url",
            hint="Pass --base-url https://followup.example.org, or set FOLLOWUP_BASE_URL.",
        )
    return base


@account.command("invite")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice(["seeker", "coach", "admin"]),
    default="seeker",
    show_default=True,
    help="What they may do: keep their own search, coach seekers who add them, or run the installation.",
)
@click.option("--base-url", metavar="URL", help="The installation's address (or FOLLOWUP_BASE_URL).")
@click.option("--no-mail", is_flag=True, help="Only print the link, to pass on yourself.")
@output_options
@pass_app
def invite(app: AppContext, email: str, role: str, base_url: str | None, no_mail: bool) -> None:
    """Invite EMAIL: mails them a link, valid for 7 days and once, through the server's outgoing mail
    (FOLLOWUP_SERVER_SMTP_URL); without it, prints the link to send them."""
    from followup.app import accounts

    base = _base_url(base_url)
    made = accounts.invite(app.env, None, email, role)
    _tell(app, made, base, None if no_mail else accounts.mail_invitation(None, made, base))


@account.command("resend")
@click.argument("email")
@click.option("--base-url", metavar="URL", help="The installation's address (or FOLLOWUP_BASE_URL).")
@click.option("--no-mail", is_flag=True, help="Only print the new link, to pass on yourself.")
@output_options
@pass_app
def resend(app: AppContext, email: str, base_url: str | None, no_mail: bool) -> None:
    """Send EMAIL's waiting invitation again: a new link, for 7 more days; the earlier one stops working."""
    from followup.app import accounts

    base = _base_url(base_url)
    made = accounts.resend_invitation(app.env, None, email)
    _tell(app, made, base, None if no_mail else accounts.mail_invitation(None, made, base))


def _tell(app: AppContext, made: Invitation, base: str, delivery: Delivery | None) -> None:
    """What became of an invitation: mailed, or the link to pass on and why it was not mailed."""
    from followup.app import accounts

    link = accounts.join_link(base, made)
    mailed = delivery is not None and delivery.sent
    if app.json:
        emit_json(
            {
                "email": made.email,
                "role": made.role,
                "link": link,
                "expires_at": made.expires_at,
                "mailed": mailed,
                "not_mailed_because": None if delivery is None or delivery.sent else delivery.problem,
            }
        )
        return
    until = f"{made.expires_at:%Y-%m-%d %H:%M} UTC"
    if mailed:
        click.echo(f"Mailed the invitation to {made.email} ({made.role}); its link works once, until {until}.")
        return
    if delivery is not None:
        click.echo(f"The invitation was not mailed: {delivery.problem}", err=True)
    click.echo(f"Invitation for {made.email} ({made.role}), valid until {until}:")
    click.echo(link)
    click.echo("Send them this link; it works once. Inviting the address again replaces it.")


@account.command("list")
@output_options
@pass_app
def list_accounts(app: AppContext) -> None:
    """Every account, and the invitations not yet accepted."""
    from followup.app import accounts

    found = accounts.list_accounts(app.env, None)
    pending = accounts.pending_invitations(app.env, None)
    if app.json:
        emit_json(
            {
                "accounts": [account_fields(item) for item in found],
                "invitations": [
                    {"email": email, "role": role, "expires_at": expires} for email, role, expires in pending
                ],
            }
        )
        return
    for item in found:
        state = f"  disabled {item.disabled_at:%Y-%m-%d}" if item.disabled_at else ""
        click.echo(f"{item.email:<40} {item.role:<7} {item.name}{state}")
    for email, role, expires in pending:
        click.echo(f"{email:<40} {role:<7} (invited, until {expires:%Y-%m-%d})")


@account.command("disable")
@click.argument("email")
@output_options
@pass_app
def disable(app: AppContext, email: str) -> None:
    """Disable EMAIL's account: signed out everywhere now, and no sign-in until enabled again."""
    from followup.app import accounts

    done = accounts.disable(app.env, None, email)
    if app.json:
        emit_json(account_fields(done))
        return
    click.echo(f"{done.email} is disabled and signed out everywhere. `followup account enable` undoes it.")


@account.command("enable")
@click.argument("email")
@output_options
@pass_app
def enable(app: AppContext, email: str) -> None:
    """Let a disabled account sign in again."""
    from followup.app import accounts

    done = accounts.enable(app.env, None, email)
    if app.json:
        emit_json(account_fields(done))
        return
    click.echo(f"{done.email} can sign in again.")
