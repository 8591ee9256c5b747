"""The hosted server's own outgoing mail (password reset links), configured by the operator.

Not a job seeker's mail account: one SMTP server for the whole installation, named in the
environment as a URL, so that a container's settings hold it:

    FOLLOWUP_SERVER_SMTP_URL=smtps://user:password@smtp.example.com:465   (TLS from the start)
    FOLLOWUP_SERVER_SMTP_URL=smtp://user:password@smtp.example.com:587    (STARTTLS)
    FOLLOWUP_SERVER_MAIL_FROM="Careers service <no-reply@example.com>"

`smtp://` to a server on this computer may skip encryption and login (a local relay);
anywhere else it must offer STARTTLS. Errors name the server, never the password.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import unquote, urlsplit

from followup.errors import SettingsError
from followup.mail.imap import MailError
from followup.mail.smtp import reason

URL_VARIABLE = "FOLLOWUP_SERVER_SMTP_URL"
FROM_VARIABLE = "FOLLOWUP_SERVER_MAIL_FROM"
TIMEOUT = 30.0
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class ServerMail:
    host: str
    port: int
    tls: bool  # smtps: TLS from the first byte; else STARTTLS (required beyond this computer)
    user: str | None
    password: str | None
    sender: str
    cafile: str | None = None  # a private CA (tests, an internal relay); None: the system's

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def from_environment(environ: dict[str, str] | None = None) -> ServerMail:
    """The server's mail settings, or a SettingsError naming the variable to set."""
    import os

    env = dict(os.environ) if environ is None else environ
    url = env.get(URL_VARIABLE, "").strip()
    sender = env.get(FROM_VARIABLE, "").strip()
    if not url:
        raise SettingsError(
            f"the server has no outgoing mail: {URL_VARIABLE} is not set",
            hint=f"The operator sets {URL_VARIABLE}=smtps://user:password@smtp.example.com:465 "
            f"and {FROM_VARIABLE} in the server's environment.",
        )
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise SettingsError(
            f"{URL_VARIABLE} is not an smtp:// or smtps:// URL with a host",
            hint="For example smtps://user:password@smtp.example.com:465.",
        )
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        raise SettingsError(f"{URL_VARIABLE} has a port that is not a number", hint="For example :465.") from None
    if not sender or "@" not in parseaddr(sender)[1]:
        raise SettingsError(
            f"{FROM_VARIABLE} is not set to an address" if not sender else f"{FROM_VARIABLE} is not an address",
            hint=f'For example {FROM_VARIABLE}="Careers service <no-reply@example.com>".',
        )
    return ServerMail(
        host=parts.hostname,
        port=port,
        tls=parts.scheme == "smtps",
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        sender=sender,
        cafile=env.get("FOLLOWUP_SERVER_SMTP_CAFILE") or None,
    )


def send(config: ServerMail, to: str, subject: str, body: str) -> None:
    """Send one plain-text message, or raise MailError saying what failed."""
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=parseaddr(config.sender)[1].rpartition("@")[2] or None)
    message.set_content(body)
    context = ssl.create_default_context(cafile=config.cafile)
    try:
        smtp: smtplib.SMTP
        if config.tls:
            smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT)
        with smtp:
            if not config.tls:
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    smtp.ehlo()
                elif config.host not in _LOOPBACK:
                    raise MailError(
                        "the server's SMTP server does not offer STARTTLS",
                        where=config.where,
                        hint=f"Use smtps:// (port 465) in {URL_VARIABLE}.",
                    )
            if config.user:
                smtp.login(config.user, config.password or "")
            smtp.send_message(message)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError:
        raise MailError(
            f"the server's SMTP server refused the login for {config.user}",
            where=config.where,
            hint=f"Check the user and password in {URL_VARIABLE}.",
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            f"sending through the server's SMTP server failed: {reason(exc)}",
            where=config.where,
            hint=f"Check {URL_VARIABLE} and that the SMTP server is reachable.",
        ) from None
