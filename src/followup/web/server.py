"""Starting the app for a person: pick the address, check the password rule, open the browser signed in.

Each run has a sign-in token (`Guard.sign_in_token`). It is printed to the terminal of
the person who started the server and written into OPEN_FILE in the data folder
(0600), a page that forwards to `/login?token=...`. The browser is opened on that
file, not on the address itself, so the token never appears in a command line that
other accounts could read (`ps`). `followup open` opens the same file again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from typing import Any

from followup.app.context import Env
from followup.errors import InvalidInput, NotFound
from followup.files import write_atomically
from followup.web.keys import ROTATABLE, Keys, hash_password, load_or_create_secret
from followup.web.security import Guard, is_loopback

DEFAULT_PORT = 8765
OPEN_FILE = "open-followup.html"


def data_dir(env: Env) -> str:
    return env.data_folder


def keys_for(env: Env) -> Keys:
    folder = data_dir(env)
    return Keys(load_or_create_secret(folder), folder)


def build(
    env: Env,
    host: str,
    port: int,
    password: str | None = None,
    *,
    allowed_hosts: Iterable[str] = (),
    sign_in_token: str | None = None,
) -> Any:
    """The ASGI app for this address, with its keys read from the data folder.

    `allowed_hosts` are more names the browser may use for this computer (`--allowed-host`).
    """
    from followup.app import accounts
    from followup.web.app import create_app

    # A hosted installation signs people in with their accounts: no shared password there.
    if not is_loopback(host) and not password and not accounts.is_hosted(env):
        raise InvalidInput(
            f"refusing to listen on {host} without a password: anyone on that network could read your applications",
            hint="Set one with FOLLOWUP_PASSWORD=... or --password-file FILE, or leave --host at 127.0.0.1.",
        )
    keys = keys_for(env)
    guard = Guard.for_address(
        keys,
        host,
        port,
        hash_password(password) if password else None,
        allowed_names=allowed_hosts,
        generation=keys.password_generation(password),
        sign_in_token=sign_in_token,
    )
    return create_app(env, keys=keys, guard=guard)


def sign_in_url(url: str, app: Any) -> str:
    """The address that signs a browser in to this run of the app."""
    guard: Guard = app.app.state.web.guard
    return f"{url}login?token={guard.sign_in_token}"


def publish(env: Env, signing_url: str) -> Path:
    """Write the page `followup open` and the browser open: it forwards to the sign-in address."""
    quoted = escape(signing_url, quote=True)
    page = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={quoted}"><title>Opening followup</title></head>\n'
        f'<body><p><a href="{quoted}">Open followup</a></p></body></html>\n'
    )
    path = Path(data_dir(env)) / OPEN_FILE
    write_atomically(str(path), page.encode(), private=True, create_folder=True)
    return path


def unpublish(env: Env) -> None:
    with contextlib.suppress(OSError):
        (Path(data_dir(env)) / OPEN_FILE).unlink()


def open_again(env: Env) -> Path:
    """`followup open`: the browser on the page the running server wrote."""
    path = Path(data_dir(env)) / OPEN_FILE
    if not path.exists():
        raise NotFound(
            "followup is not running for this data folder",
            hint="Start it with `followup serve`; it opens your browser signed in.",
        )
    open_browser(path.as_uri())
    return path


def rotate_token(env: Env, kind: str) -> None:
    """A new API or calendar token; the old one stops working at once, in a running server too."""
    if kind not in ROTATABLE:
        raise InvalidInput(f"there is no {kind} token", hint="Choose api or calendar.")
    keys_for(env).rotate(kind)


def token_of(env: Env, kind: str) -> str:
    keys = keys_for(env)
    return keys.api_token if kind == "api" else keys.calendar_token


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, ready for the server; OSError when the port is taken.

    The address is reused on purpose: a server stopped a moment ago leaves its port in
    TIME_WAIT for a minute, and without SO_REUSEADDR starting again at once would find
    its own old port "busy" and move to the next one, breaking open tabs and the calendar
    subscription. A port another program listens on stays refused. On Windows, where
    SO_REUSEADDR would let two programs share a port, the port is claimed exclusively.
    """
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        if os.name == "nt":
            listener.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_EXCLUSIVEADDRUSE", 0), 1)
        else:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    listener.setblocking(False)
    return listener


@dataclass(frozen=True)
class Claimed:
    """The listening socket, its port, and the port asked for when that one was taken."""

    listener: socket.socket
    port: int
    taken: int | None = None


def claim_port(host: str, port: int | None, tries: int = 20) -> Claimed:
    """Listen on `port`, or with None on DEFAULT_PORT or, when another program has it, the next free one."""
    if port is not None:
        try:
            return Claimed(listen(host, port), port)
        except OSError as exc:
            raise _port_error(host, port, exc) from None
    for candidate in range(DEFAULT_PORT, DEFAULT_PORT + tries):
        try:
            listener = listen(host, candidate)
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise _port_error(host, candidate, exc) from None
            continue
        return Claimed(listener, candidate, DEFAULT_PORT if candidate != DEFAULT_PORT else None)
    raise InvalidInput(
        f"ports {DEFAULT_PORT}-{DEFAULT_PORT + tries - 1} on {host} are all in use",
        hint="Choose another with --port, e.g. --port 9000.",
    )


def _port_error(host: str, port: int, exc: OSError) -> InvalidInput:
    if exc.errno == errno.EADDRINUSE:
        return InvalidInput(
            f"port {port} on {host} is in use by another program",
            hint=f"Stop that program, or choose another port, e.g. --port {port + 1}.",
        )
    return InvalidInput(f"cannot listen on {host} port {port}: {exc.strerror or exc}", hint="Choose another --port.")


def free_port(host: str, preferred: int, tries: int = 20) -> int:
    """The first port from `preferred` on that no other program listens on (probed as `listen` binds)."""
    for port in range(preferred, preferred + tries):
        try:
            listen(host, port).close()
        except OSError:
            continue
        return port
    raise InvalidInput(
        f"ports {preferred}-{preferred + tries - 1} on {host} are all in use",
        hint="Choose another with --port, e.g. --port 9000.",
    )


def running_here(env: Env) -> str | None:
    """The address of a followup already serving this data folder, if one answers; else None.

    A running server leaves OPEN_FILE in the data folder (removed when it stops); a file
    left behind by a server that crashed names an address nobody answers at.
    """
    import urllib.request

    try:
        page = (Path(data_dir(env)) / OPEN_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r'href="(http://[^"/]+/)login\?', page)
    if not found:
        return None
    address = unescape(found[1])
    try:
        with urllib.request.urlopen(f"{address}healthz", timeout=2) as response:
            answered = response.status == 200 and response.read(16) == b"ok"
    except (OSError, ValueError):
        return None
    return address if answered else None


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def run(
    app: Any,
    host: str,
    port: int,
    *,
    listener: socket.socket | None = None,
    on_ready: Callable[[], None] | None = None,
    log_requests: bool = False,
) -> None:
    """Serve `app` until stopped. `log_requests`: a log line per request (`--log-format json`), and
    uvicorn's own lines through the logging already set up (`followup.logs`) instead of its own."""
    import uvicorn

    if log_requests:
        from followup.web.request_log import RequestLog

        app = RequestLog(app)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info" if log_requests else "warning",
        log_config=None if log_requests else uvicorn.config.LOGGING_CONFIG,
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
    # Serving on the socket `listen` made: the port checked is the port served, with no gap
    # in which another program could take it, and bound with the address reuse it explains.
    server.run(sockets=[listener] if listener is not None else None)


def open_browser(url: str) -> None:
    # No browser here (a server, a container): the printed address is enough.
    with contextlib.suppress(webbrowser.Error):
        webbrowser.open(url, new=2)
