"""An authenticated SMTP connection for a mail account, or a MailError that says how to fix it.

Errors name the server and the user, never the password or token: these messages
end up in terminals, logs and bug reports.
"""

from __future__ import annotations

import base64
import contextlib
import smtplib
import ssl
from typing import TYPE_CHECKING

from followup.mail.imap import MailError

if TYPE_CHECKING:
    from followup.mail.accounts import MailAccount

TIMEOUT = 30.0  # seconds per network operation: a hung server must not hang `followup mail send`
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


def connect_smtp(account: MailAccount, *, timeout: float = TIMEOUT) -> smtplib.SMTP:
    """Connected, encrypted as configured, and logged in (password or XOAUTH2)."""
    host, port = account.smtp_host, account.smtp_port
    where = f"{host}:{port}" if host else f"mail.{account.name}"
    if not host:
        raise MailError(
            f"mail account {account.name!r} has no SMTP server, so it cannot send",
            where=where,
            hint=f'Add smtp_host = "smtp.example.com" under [mail.{account.name}] in your settings, '
            "or use `followup mail draft` and send from your mail program.",
        )
    if account.smtp_security == "none" and host not in _LOOPBACK:
        # A login over a plain connection gives the password to anyone on the path.
        raise MailError(
            "smtp_security = none is only allowed for a server on this computer",
            where=where,
            hint=f"Set smtp_security to tls (port 465) or starttls (port 587) under [mail.{account.name}].",
        )
    smtp = _open(account, where, timeout)
    try:
        _login(smtp, account, where)
    except BaseException:
        _close(smtp)
        raise
    return smtp


def _open(account: MailAccount, where: str, timeout: float) -> smtplib.SMTP:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP | None = None
    try:
        if account.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(account.smtp_host, account.smtp_port, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(account.smtp_host, account.smtp_port, timeout=timeout)
            if account.smtp_security == "starttls":
                smtp.ehlo()
                smtp.starttls(context=context)
            smtp.ehlo()
        return smtp
    except smtplib.SMTPNotSupportedError:
        if smtp is not None:
            _close(smtp)
        raise MailError(
            "the SMTP server does not offer STARTTLS",
            where=where,
            hint=f"Try smtp_security = tls with smtp_port = 465 under [mail.{account.name}].",
        ) from None
    except ssl.SSLError as exc:
        if smtp is not None:
            _close(smtp)
        raise MailError(
            f"the secure connection to the SMTP server failed ({exc.reason or exc})",
            where=where,
            hint="Check smtp_security and smtp_port: port 465 is tls, port 587 is starttls.",
        ) from None
    except TimeoutError:
        if smtp is not None:
            _close(smtp)
        raise MailError(
            f"the SMTP server did not answer within {timeout:.0f} seconds",
            where=where,
            hint="Check smtp_host and smtp_port, and your network connection.",
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        if smtp is not None:
            _close(smtp)
        raise MailError(
            f"cannot connect to the SMTP server: {reason(exc)}",
            where=where,
            hint="Check smtp_host and smtp_port in your settings, and your network connection.",
        ) from None


def _login(smtp: smtplib.SMTP, account: MailAccount, where: str) -> None:
    from followup.mail import secrets

    user = account.smtp_user
    try:
        if secrets.uses_token(account):
            token = secrets.oauth2_token(account)
            xoauth2 = f"user={user}\x01auth=Bearer {token}\x01\x01"
            # On failure the server sends a JSON challenge; the answer is an empty line (RFC 7628).
            smtp.auth("XOAUTH2", lambda challenge=None: xoauth2 if challenge is None else "")
        else:
            secret = secrets.password(account)
            if (user + secret).isascii():
                smtp.login(user, secret)
            else:
                _login_utf8(smtp, account, secret, where)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"the SMTP server refused the login for {user} ({reason(exc)})",
            where=where,
            hint="Check the password (or token) your settings point to, and smtp_user. "
            "Some providers need an app password for SMTP.",
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailError(
            "the SMTP server offers no login on this connection",
            where=where,
            hint=f"Use smtp_security = tls or starttls under [mail.{account.name}].",
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"logging in to the SMTP server failed: {reason(exc)}", where=where) from None


def _login_utf8(smtp: smtplib.SMTP, account: MailAccount, secret: str, where: str) -> None:
    """AUTH PLAIN with the user name and password as UTF-8 (RFC 4616).

    smtplib sends every login as ASCII text and fails on anything else before the server
    sees it; PLAIN is the mechanism that carries UTF-8, so it is sent here directly.
    """
    user = account.smtp_user
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError
    if "PLAIN" not in smtp.esmtp_features["auth"].upper().split():
        what = "password" if user.isascii() else "user name"
        raise MailError(
            f"the {what} for {user} has characters beyond plain ASCII (such as ü or ë), and the SMTP server "
            "offers no login that can carry them",
            where=where,
            hint=f"Create an app password at your provider (they are plain letters and digits) and use it, or "
            f"change the {what}; then try `followup mail account test`.",
        )
    response = base64.b64encode(f"\0{user}\0{secret}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {response}")  # with the initial response (RFC 4954)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def reason(exc: BaseException) -> str:
    """What went wrong, from the server's reply or the OS, without anything we sent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {reply_text(reply)}" for address, reply in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return reply_text((exc.smtp_code, exc.smtp_error))
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def reply_text(reply: tuple[int, bytes | str]) -> str:
    """'550 5.1.1 No such user', on one line."""
    code, text = reply
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}"


def _close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        smtp.close()


def quit_quietly(smtp: smtplib.SMTP) -> None:
    """QUIT, but a server that has gone away already is no error: the work is done."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        _close(smtp)
