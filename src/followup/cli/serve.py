"""`followup serve`: the web app on this computer; `followup open` opens it again, signed in;
`followup token rotate`: a new API or calendar token."""

from __future__ import annotations

import os

import click

from followup import logs
from followup.cli.context import AppContext, pass_app
from followup.errors import InvalidInput


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=None, help="Port (default 8765, or the next free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option(
    "--with-scheduler",
    is_flag=True,
    help="Also send reminders as they fall due, every minute (what `followup service install` runs).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Another name for this computer the browser may use, e.g. myhost.lan (repeatable).",
)
@click.option(
    "--log-format",
    type=click.Choice(logs.LOG_FORMATS),
    default="text",
    show_default=True,
    help="json: one JSON object a line on stderr, with a line per request (for journald or a log collector).",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False),
    help="File holding the password, required when --host is not loopback (or FOLLOWUP_PASSWORD).",
)
@pass_app
def serve(
    app: AppContext,
    host: str,
    port: int | None,
    no_browser: bool,
    with_scheduler: bool,
    allowed_hosts: tuple[str, ...],
    log_format: str,
    password_file: str | None,
) -> None:
    """Start the web app and open it in your browser, signed in.

    It listens on 127.0.0.1 only, so nobody else on the network can reach it, and
    only a browser signed in with this run's token (or the password) gets in: other
    accounts on this computer cannot. `followup open` opens it again.
    Press Ctrl+C to stop it.
    """
    from followup.web import server

    structured = logs.configure(log_format)
    password = os.environ.get("FOLLOWUP_PASSWORD") or None
    if password_file:
        try:
            with open(password_file, encoding="utf-8") as handle:
                password = handle.read().strip() or None
        except OSError as exc:
            raise InvalidInput(f"cannot read the password file: {exc.strerror}", where=password_file) from None
    # A second server for the same data folder would only compete with the first: say where it is.
    already = server.running_here(app.env)
    if already is not None and port in (None, _port_of(already)):
        click.echo(f"followup is already running at {already}")
        if no_browser:
            click.echo("Run `followup open` to open it signed in.")
        else:
            server.open_again(app.env)
            click.echo("Opened it in your browser, signed in.")
        return
    from followup.app import accounts

    hosted = accounts.is_hosted(app.env)
    if hosted and with_scheduler:
        raise InvalidInput(
            "a hosted installation's mail, sending and reminders are the workers' job, for every account",
            where="--with-scheduler",
            hint="Start `followup worker` (on any machine), and `followup serve` without --with-scheduler.",
        )
    claimed = server.claim_port(host, port)
    chosen = claimed.port
    try:
        web_app = server.build(app.env, host, chosen, password, allowed_hosts=allowed_hosts)
    except BaseException:
        claimed.listener.close()
        raise
    url = server.url_for(host, chosen)
    local_url = url if host not in ("0.0.0.0", "::") else server.url_for("127.0.0.1", chosen)
    signing_url = server.sign_in_url(local_url, web_app)
    page = server.publish(app.env, signing_url)
    click.echo(f"followup is running at {url}")
    if claimed.taken is not None:
        click.echo(
            f"Port {claimed.taken} is in use by another program, so followup uses port {chosen} this time: "
            f"tabs and calendar subscriptions that use port {claimed.taken} will not reach it. "
            f"Stop that program and start followup again to get port {claimed.taken} back."
        )
    if hosted:
        # People sign in with their accounts; the single-user app's sign-in link signs nobody in here.
        click.echo(f"People sign in with their accounts at {local_url.rstrip('/')}/login")
    else:
        click.echo(f"To open it signed in, run `followup open` or go to {signing_url}")
    click.echo("Keep this window open while you use it; press Ctrl+C to stop.")
    scheduler = None
    if with_scheduler:
        from followup.app.scheduler import Scheduler, mail_job, reminder_job

        jobs = [mail_job(), reminder_job(click.echo, serving_at=local_url)]
        scheduler = Scheduler(app.env, jobs, report=click.echo)
        click.echo("Reminders are sent as they fall due.")

    def ready() -> None:
        # The scheduler starts once the web app answers: a reminder's link then opens, and Ctrl+C
        # (or the service manager's stop) is handled by the server from the first reminder on.
        if scheduler is not None:
            scheduler.start()
        if not no_browser:
            server.open_browser(page.as_uri())

    try:
        server.run(
            web_app,
            host,
            chosen,
            listener=claimed.listener,
            on_ready=ready if scheduler is not None or not no_browser else None,
            log_requests=structured,
        )
    finally:
        if scheduler is not None:
            scheduler.stop(timeout=10)
        server.unpublish(app.env)


def _port_of(url: str) -> int | None:
    from urllib.parse import urlsplit

    return urlsplit(url).port


@click.command("open")
@pass_app
def open_command(app: AppContext) -> None:
    """Open the running web app in your browser, signed in."""
    from followup.web import server

    server.open_again(app.env)
    click.echo("Opened followup in your browser.")


@click.group()
def token() -> None:
    """The tokens other apps use: the API token and the calendar address."""


@token.command("rotate")
@click.argument("kind", type=click.Choice(["api", "calendar"]))
@pass_app
def rotate(app: AppContext, kind: str) -> None:
    """Make a new API token or calendar address; the old one stops working at once."""
    from followup.web import server

    server.rotate_token(app.env, kind)
    if kind == "api":
        click.echo("New API token made; the old one no longer works. Copy the new one from Settings.")
    else:
        click.echo(
            "New calendar address made; the old one no longer works. "
            "Copy the new address from Settings into your calendar app."
        )
