"""Starting the app for a person: pick the address, check the password rule, open the browser."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from typing import Any

from followup.app.context import Env
from followup.errors import InvalidInput
from followup.web.keys import Keys, hash_password, load_or_create_secret
from followup.web.security import Guard, is_loopback

DEFAULT_PORT = 8765


def build(env: Env, host: str, port: int, password: str | None = None) -> Any:
    """The ASGI app for this address, with its keys read from the data folder."""
    from followup.web.app import create_app

    if not is_loopback(host) and not password:
        raise InvalidInput(
            f"refusing to listen on {host} without a password: anyone on that network could read your applications",
            hint="Set one with FOLLOWUP_PASSWORD=... or --password-file FILE, or leave --host at 127.0.0.1.",
        )
    keys = Keys(load_or_create_secret(os.path.dirname(os.path.abspath(env.db_path))))
    guard = Guard.for_address(keys, host, port, hash_password(password) if password else None)
    return create_app(env, keys=keys, guard=guard)


def free_port(host: str, preferred: int, tries: int = 20) -> int:
    for port in range(preferred, preferred + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise InvalidInput(
        f"ports {preferred}-{preferred + tries - 1} on {host} are all in use",
        hint="Choose another with --port, e.g. --port 9000.",
    )


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def run(
    app: Any,
    host: str,
    port: int,
    *,
    on_ready: Callable[[], None] | None = None,
) -> None:
    import uvicorn

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    import gc

    # Everything loaded so far lives as long as the server: keep it out of the collector's
    # full passes, which otherwise pause requests now and then under load.
    gc.collect()
    gc.freeze()
    if on_ready is not None:

        def wait_then_call() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.05)
            if server.started:
                on_ready()

        threading.Thread(target=wait_then_call, daemon=True).start()
    server.run()


def open_browser(url: str) -> None:
    # No browser here (a server, a container): the printed address is enough.
    with contextlib.suppress(webbrowser.Error):
        webbrowser.open(url, new=2)
