"""`followup mail account ...` and `followup mail sync`: setting up mailboxes and reading them."""

from __future__ import annotations

from typing import Any

import click

from followup.cli.context import AppContext, output_options, pass_app
from followup.cli.render import emit_json

SECURITY = ["tls", "starttls", "none"]


def _config_path(app: AppContext) -> str:
    # The settings path without opening the database: account commands only touch the file.
    import os

    from followup.app.context import default_config_path

    return app.config_path or os.environ.get("FOLLOWUP_CONFIG") or default_config_path()


@click.group()
def account() -> None:
    """Add, list, test and remove the mailboxes followup reads."""


@account.command("add")
@click.argument("name")
@click.option("--email", required=True, help="Your address at this account.")
@click.option("--imap-host", required=True, help="The IMAP server, e.g. imap.example.com.")
@click.option("--imap-port", type=int, help="Default: 993 for tls, 143 for starttls.")
@click.option("--imap-security", type=click.Choice(SECURITY), default="tls", show_default=True)
@click.option("--smtp-host", help="The SMTP server, for sending follow-ups.")
@click.option("--smtp-port", type=int, help="Default: 465 for tls, 587 for starttls.")
@click.option("--smtp-security", type=click.Choice(SECURITY), default="tls", show_default=True)
@click.option("--user", help="The login name, when it is not the email address.")
@click.option("--password-env", metavar="VAR", help="Read the password from this environment variable.")
@click.option("--password-command", metavar="CMD", help="Run this to print the password, e.g. 'pass show mail'.")
@click.option("--password-keyring", is_flag=True, help="Read the password from the OS keyring.")
@click.option("--oauth2-command", metavar="CMD", help="Run this to print an OAuth2 access token (XOAUTH2).")
@click.option("--auto-apply", is_flag=True, help="Apply what replies mean without asking.")
@pass_app
def add(app: AppContext, name: str, **options: Any) -> None:
    """Remember the mailbox NAME. Its password is never stored, only how to get it."""
    from followup.app import mail_account
    from followup.errors import InvalidInput

    sources = [k for k in ("password_env", "password_command", "password_keyring") if options[k]]
    if len(sources) > 1:
        raise InvalidInput(
            "give one way to get the password",
            hint="One of --password-env VAR, --password-command CMD or --password-keyring.",
        )
    if not sources and not options["oauth2_command"]:
        raise InvalidInput(
            "followup needs to know how to get the password",
            hint="Add --password-env VAR, --password-command CMD, --password-keyring or --oauth2-command CMD.",
        )
    user = options.pop("user")
    values = {k: v for k, v in options.items() if v not in (None, False)}
    path = _config_path(app)
    mailbox = mail_account.add_account(path, name, user=user, settings=values)
    click.echo(f"Added mail account {name!r} ({mailbox.email}) to {path}.")
    click.echo(f"Check it with: followup mail account test {name}")


@account.command("list")
@output_options
@pass_app
def list_accounts(app: AppContext) -> None:
    """The mailboxes followup reads (how the password is found, never the password)."""
    from followup.app import mail_account

    accounts = mail_account.all_accounts(_config_path(app))
    if app.json:
        emit_json([{"name": a.name, **a.to_table()} for a in accounts])
        return
    if not accounts:
        click.echo("No mail account yet. Add one with `followup mail account add NAME --email ... --imap-host ...`.")
        return
    for a in accounts:
        click.echo(f"{a.name}: {a.email}, IMAP {a.imap_host}:{a.imap_port} ({a.imap_security}), user {a.imap_user}")
        click.echo(f"  password: {_source(a)}")
        if a.smtp_host:
            click.echo(f"  sends through {a.smtp_host}:{a.smtp_port} ({a.smtp_security})")


def _source(a: Any) -> str:
    if a.oauth2_server:
        return "connected through a hosted followup server (not usable here)"
    if a.oauth2_command:
        return f"OAuth2 token from `{a.oauth2_command.split()[0]} ...`"
    if a.password_env:
        return f"environment variable {a.password_env}"
    if a.password_command:
        return f"printed by `{a.password_command.split()[0]} ...`"
    return "OS keyring"


@account.command("test")
@click.argument("name", required=False)
@pass_app
def test(app: AppContext, name: str | None) -> None:
    """Connect and log in, and show the folders that will be read."""
    from followup.app import mail_account

    mailbox = mail_account.get_account(_config_path(app), name)
    click.echo(f"Connecting to {mailbox.imap_host}:{mailbox.imap_port} ({mailbox.imap_security}) ...")

    def logged_in() -> None:
        click.echo(f"Logged in as {mailbox.imap_user}.")

    for found in mail_account.count_folders(mailbox, logged_in=logged_in):
        role = found.role
        if found.folder is None:
            click.echo(f"  {role:<7} not found (set folders.{role} in [mail.{mailbox.name}] if it exists)")
            continue
        reads = "read by sync" if role != "drafts" else "follow-up drafts go here"
        click.echo(f"  {role:<7} {found.folder} ({found.messages} messages; {reads})")
    click.echo("The account works.")


@account.command("remove")
@click.argument("name")
@pass_app
def remove(app: AppContext, name: str) -> None:
    """Forget the mailbox NAME's settings (messages already matched stay in your history)."""
    from followup.app import mail_account

    mail_account.remove_account(_config_path(app), name)
    click.echo(f"Removed mail account {name!r}.")


@click.command()
@click.option("--account", "account_name", metavar="NAME", help="Which account (needed when there are several).")
@output_options
@pass_app
def sync(app: AppContext, account_name: str | None) -> None:
    """Read new mail in INBOX, Junk and Sent, and note the replies from your applications."""
    from followup.app.mail_account import get_account
    from followup.app.mail_sync import sync as run_sync

    env = app.env
    mailbox = get_account(env.config_path, account_name)
    report = run_sync(env, mailbox)
    if app.json:
        emit_json(report.to_json())
        return
    for f in report.folders:
        if f.skipped:
            click.echo(f"{f.folder}: no new mail")
            continue
        note = " (the server renumbered this folder; read again from the start)" if f.rescanned else ""
        click.echo(f"{f.folder}: {f.seen} new, {f.matched} about your applications{note}")
    _print_new(env, report.new_mail_ids)
    noted = len(report.new_mail_ids)
    if not noted:
        click.echo(f"Done in {_seconds(report.duration)}.")
        return
    what = f"{noted} message{'s' * (noted != 1)}"
    click.echo(
        f"Done in {_seconds(report.duration)}: reading the mailbox {_seconds(report.reading)}, "
        f"noting {what} {_seconds(report.duration - report.reading)}."
    )


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.0f} s"


def _print_new(env: Any, mail_ids: list[int]) -> None:
    if not mail_ids:
        return
    from followup.app.mail_sync import new_messages

    click.echo("New:")
    for row in new_messages(env, mail_ids):
        arrow = "from" if row.direction == "received" else "to"
        who = row.from_name or row.from_addr if row.direction == "received" else row.to_addrs
        click.echo(f"  {arrow} {who}: {row.subject or '(no subject)'}" + (f" [{row.label}]" if row.label else ""))
