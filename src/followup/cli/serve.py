"""`followup serve`: the web app on this computer."""

from __future__ import annotations

import os

import click

from followup.cli.context import AppContext, pass_app
from followup.errors import InvalidInput


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=None, help="Port (default 8765, or the next free one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False),
    help="File holding the password, required when --host is not loopback (or FOLLOWUP_PASSWORD).",
)
@pass_app
def serve(app: AppContext, host: str, port: int | None, no_browser: bool, password_file: str | None) -> None:
    """Start the web app and open it in your browser.

    It listens on 127.0.0.1 only, so nobody else on the network can reach it.
    Press Ctrl+C to stop it.
    """
    from followup.web import server

    password = os.environ.get("FOLLOWUP_PASSWORD") or None
    if password_file:
        try:
            with open(password_file, encoding="utf-8") as handle:
                password = handle.read().strip() or None
        except OSError as exc:
            raise InvalidInput(f"cannot read the password file: {exc.strerror}", where=password_file) from None
    chosen = port if port is not None else server.free_port(host, server.DEFAULT_PORT)
    web_app = server.build(app.env, host, chosen, password)
    url = server.url_for(host, chosen)
    click.echo(f"followup is running at {url}")
    click.echo("Keep this window open while you use it; press Ctrl+C to stop.")
    server.run(web_app, host, chosen, on_ready=None if no_browser else (lambda: server.open_browser(url)))
