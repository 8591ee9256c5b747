"""Talking IMAP to the user's own provider: connecting, logging in, finding the folders.

Every network or protocol failure becomes a `MailError` saying what failed,
where, and what to do about it; the user never sees a traceback.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_exceptions

from followup.errors import FollowupError
from followup.mail.accounts import MailAccount

TIMEOUT = 30.0  # for each read: a server silent this long is gone
# For a whole sync: a server can keep a connection alive for ever by sending a byte
# now and then, each read well within TIMEOUT. Far above what a real mailbox needs.
SYNC_DEADLINE = 15 * 60.0
SPECIAL_USE = {"junk": b"\\Junk", "sent": b"\\Sent", "drafts": b"\\Drafts"}
# Names providers use when the server does not announce SPECIAL-USE; compared case-insensitively.
COMMON_NAMES = {
    "junk": ("Junk", "Spam", "[Gmail]/Spam", "Junk E-mail", "Junk Email", "Bulk Mail"),
    "sent": ("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail", "Sent Mail", "Gesendet"),
    "drafts": ("Drafts", "Entwürfe", "[Gmail]/Drafts", "Draft"),
}


class MailError(FollowupError):
    """The mail server cannot be reached, refuses the login, or fails a command."""

    exit_code = 10
    http_status = 502


def _where(account: MailAccount) -> str:
    return f"{account.imap_host}:{account.imap_port}"


@contextmanager
def mail_errors(account: MailAccount, doing: str) -> Iterator[None]:
    """Turn what sockets, TLS and IMAP raise into one MailError naming the step and the server."""
    where = _where(account)
    try:
        yield
    except MailError:
        raise
    except imap_exceptions.LoginError:
        if account.oauth2_server:
            hint = "The mailbox's provider refused the access token: connect your mailbox again on the Settings page."
        elif account.oauth2_command:
            hint = (
                "The access token from oauth2_command was refused: run that command and check it prints a fresh "
                "token for this address (tokens expire after about an hour), then try `followup mail account test`."
            )
        else:
            hint = (
                "Check the password (many providers want an app password for IMAP), "
                "then try `followup mail account test`."
            )
        raise MailError(f"the server refused the login of {account.imap_user} at {where}", hint=hint) from None
    except socket.gaierror:
        raise MailError(
            f"cannot find the mail server {account.imap_host!r} while {doing}",
            hint="Check imap_host in the settings, and that this computer is online.",
        ) from None
    except ConnectionRefusedError:
        raise MailError(
            f"nothing answers at {where} while {doing}",
            hint="Check imap_host and imap_port (993 for tls, 143 for starttls).",
        ) from None
    except TimeoutError:
        raise MailError(
            f"the mail server at {where} did not answer in time while {doing}",
            hint="Try again later, or check the network.",
        ) from None
    except ssl.SSLError as exc:
        raise MailError(
            f"the secure connection to {where} failed while {doing}: {exc.reason or exc}",
            hint="Check imap_security (tls on port 993, starttls on port 143) and the computer's clock.",
        ) from None
    except (imap_exceptions.IMAPClientError, imaplib.IMAP4.error) as exc:
        raise MailError(
            f"the mail server at {where} refused {doing}: {_short(exc)}",
            hint="Try again; if it persists, check the account with `followup mail account test`.",
        ) from None
    except OSError as exc:
        raise MailError(
            f"the connection to {where} failed while {doing}: {exc.strerror or exc}",
            hint="Check the network and try again.",
        ) from None


class Deadline:
    """A time by which a conversation with the server is over, however slowly the server answers.

    `connect` waits for the login at most until then (a connection still being made
    is left behind, to end on its own); `watching` cuts the connection when the time
    comes, so that a read blocked in another part of the program returns, and turns
    whatever that read raised into one MailError saying so.
    """

    def __init__(self, account: MailAccount, seconds: float) -> None:
        self.account, self.seconds = account, seconds
        self.ends = time.monotonic() + seconds
        self.expired = False

    def error(self) -> MailError:
        minutes = f"{self.seconds / 60:g} minutes" if self.seconds >= 60 else f"{self.seconds:g} seconds"
        return MailError(
            f"the mail server at {_where(self.account)} stopped answering: it was still not done after {minutes}",
            hint="Nothing was lost: what was read so far is kept. Try again later.",
        )

    def connect(self, factory: Callable[[MailAccount], Any]) -> Any:
        outcome: list[Any] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                outcome.append(factory(self.account))
            except BaseException as exc:
                failure.append(exc)

        worker = threading.Thread(target=run, name="followup-imap-connect", daemon=True)
        worker.start()
        worker.join(max(0.0, self.ends - time.monotonic()))
        if worker.is_alive():
            self.expired = True
            raise self.error()
        if failure:
            raise failure[0]
        return outcome[0]

    @contextmanager
    def watching(self, client: Any) -> Iterator[None]:
        timer = threading.Timer(max(0.0, self.ends - time.monotonic()), self._cut, (client,))
        timer.daemon = True
        timer.start()
        try:
            yield
        except BaseException:
            if self.expired:
                raise self.error() from None
            raise
        finally:
            timer.cancel()

    def _cut(self, client: Any) -> None:
        self.expired = True
        underneath = imaplib_connection(client)
        sock = getattr(underneath, "sock", None)
        if isinstance(sock, socket.socket):
            # The plain socket's shutdown, also under TLS: it wakes a blocked read at once,
            # without touching the TLS state that read is using.
            with suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:200] + "..."


def connect(account: MailAccount, *, timeout: float = TIMEOUT) -> IMAPClient:
    """A logged-in client for the account."""
    from followup.mail import secrets

    # The secret is fetched before connecting, so a bad password source fails fast and offline.
    if secrets.uses_token(account):
        token, secret = secrets.oauth2_token(account), ""
    else:
        token, secret = "", secrets.password(account)
    secure = account.imap_security in ("tls", "starttls")
    # Loading the system's CA certificates takes a while: only for a connection that uses them.
    context = ssl.create_default_context() if secure else None
    with mail_errors(account, "connecting"):
        client = IMAPClient(
            account.imap_host,
            port=account.imap_port,
            ssl=account.imap_security == "tls",
            ssl_context=context if account.imap_security == "tls" else None,
            timeout=timeout,
        )
    # IMAPClient turns on imaplib's debug output to log every line at DEBUG level: a call
    # per line of a large FETCH, and the conversation is nothing to keep in a log anyway.
    underneath = imaplib_connection(client)
    if underneath is not None:
        underneath.debug = 0
    # INTERNALDATE with its zone, not converted to this computer's local time without one.
    client.normalise_times = False
    try:
        with mail_errors(account, "logging in"):
            if account.imap_security == "starttls":
                client.starttls(context)
            if token:
                client.oauth2_login(account.imap_user, token)
            elif (account.imap_user + secret).isascii():
                client.login(account.imap_user, secret)
            else:
                _login_utf8(client, account, secret)
    except BaseException:
        close(client)
        raise
    return client


def _login_utf8(client: Any, account: MailAccount, secret: str) -> None:
    """Log in with a user name or password beyond ASCII, which LOGIN cannot carry.

    IMAP's LOGIN command is ASCII text, so imaplib cannot even send it; AUTHENTICATE PLAIN
    sends the name and password as UTF-8 (RFC 4616), which is what the server stored.
    """
    if client.has_capability("AUTH=PLAIN"):
        client.plain_login(account.imap_user, secret)
        return
    what = "password" if account.imap_user.isascii() else "user name"
    raise MailError(
        f"the {what} for {account.imap_user} has characters beyond plain ASCII (such as ü or ë), and the "
        f"mail server at {_where(account)} offers no login that can carry them",
        hint=f"Create an app password at your provider (they are plain letters and digits) and use it, or "
        f"change the {what}; then try `followup mail account test`.",
    )


def imaplib_connection(client: Any) -> imaplib.IMAP4 | None:
    """The imaplib connection an IMAPClient talks through, or None for any other client.

    IMAPClient has no public way to it: it keeps it in `_imap`. This is the one place that
    reads that attribute (tests/test_mail_fetch.py fails if a new IMAPClient drops it).
    """
    underneath = getattr(client, "_imap", None)
    return underneath if isinstance(underneath, imaplib.IMAP4) else None


def close(client: Any) -> None:
    """Log out, ignoring failures: the work is already saved, and a dead connection is no news."""
    try:
        client.logout()
    except Exception:
        with suppress(Exception):
            client.shutdown()


def folder_roles(client: Any, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Which folder plays which role: INBOX, then SPECIAL-USE flags, then common names.

    A role the mailbox lacks (no Junk folder, say) is simply absent from the result.
    """
    listing = [(tuple(flags), str(name)) for flags, _sep, name in client.list_folders()]
    names = {name for _flags, name in listing}
    roles = {"inbox": "INBOX"}
    for role, folder in (overrides or {}).items():
        if folder not in names and folder.upper() != "INBOX":
            raise MailError(
                f"the folder {folder!r} set for {role} does not exist on the server",
                hint=f"Folders there: {', '.join(sorted(names))}. Fix folders.{role} in the account's settings.",
            )
        roles[role] = folder
    by_lower = {name.casefold(): name for name in names}
    for role, flag in SPECIAL_USE.items():
        if role in roles:
            continue
        flagged = [name for flags, name in listing if flag.lower() in {bytes(f).lower() for f in flags}]
        if flagged:
            roles[role] = flagged[0]
            continue
        for candidate in COMMON_NAMES[role]:
            # Also look one level below INBOX, where some servers keep everything.
            for name in (candidate, f"INBOX/{candidate}", f"INBOX.{candidate}"):
                if name.casefold() in by_lower:
                    roles[role] = by_lower[name.casefold()]
                    break
            if role in roles:
                break
    return roles


def statuses(client: Any, folders: list[str], items: list[str]) -> dict[str, dict[bytes, int]]:
    """The STATUS of several folders in one command (LIST-STATUS, RFC 5819), by folder name.

    Empty when the server lacks LIST-STATUS or refuses: the caller then asks each folder's
    STATUS. A folder the server does not list (renamed, deleted) is simply absent.
    """
    from imapclient.imap_utf7 import decode as decode_utf7
    from imapclient.imap_utf7 import encode as encode_utf7
    from imapclient.response_parser import parse_response

    raw = imaplib_connection(client)
    if not folders or raw is None or not client.has_capability("LIST-STATUS"):
        return {}

    def quoted(name: str) -> str:
        encoded = str(encode_utf7(name).decode("ascii"))
        return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'

    patterns = "(" + " ".join(quoted(f) for f in folders) + ")"
    try:
        typ, _data = raw.xatom("LIST", "()", '""', patterns, "RETURN", f"(STATUS ({' '.join(items)}))")
        # Both kinds of answer are taken out of imaplib's store, so no later LIST sees them.
        raw.response("LIST")
        _code, found = raw.response("STATUS")
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error:
        return {}
    if typ != "OK":
        return {}
    by_name: dict[str, dict[bytes, int]] = {}
    wanted = {f.upper() if f.upper() == "INBOX" else f: f for f in folders}
    for item in found:
        if item is None:
            continue
        try:
            name, values = parse_response([item])
        except Exception:  # an answer in a form not read here: that folder is asked on its own
            continue
        text = decode_utf7(name if isinstance(name, bytes) else str(name).encode())
        key = text.upper() if text.upper() == "INBOX" else text
        if key in wanted and isinstance(values, tuple):
            pairs = zip(values[::2], values[1::2], strict=False)
            by_name[wanted[key]] = {bytes(k).upper(): int(v) for k, v in pairs}
    return by_name
