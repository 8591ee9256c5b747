"""The morning digest: an e-mail to yourself, through your own mail account, of what is overdue,
due today and coming up, each with its reason and a link to its draft.

Sent once a day (recorded under 'digest' and the day, in the transaction that sends it, as
reminders are), on the first pass at or after `reminders.digest_at` on the user's clock; not
on a weekend the user keeps free, nor inside quiet hours. A day with nothing to say sends
nothing (and is recorded, so the digest does not arrive in the afternoon instead).

Plain text and HTML, both short lines and large type, to be read on a phone.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import TYPE_CHECKING

from followup.app.agenda import DAYS, OVERDUE, TODAY, UPCOMING, by_day
from followup.app.context import Env
from followup.app.reminders import Reminder, is_weekend, moments_from, reminder_of
from followup.domain.labels import short_day
from followup.errors import SettingsError
from followup.store import reminders as sent_store

if TYPE_CHECKING:
    from followup.mail.accounts import MailAccount

ABOUT = "digest"
DAYS_AHEAD = 7
HEADINGS = {OVERDUE: "Overdue", TODAY: "Due today", UPCOMING: "Coming up"}


@dataclass(frozen=True)
class Digest:
    day: date
    groups: dict[str, list[Reminder]]  # OVERDUE, TODAY, UPCOMING, each earliest first
    to: str  # the address it went to

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.groups.values())

    def subject(self) -> str:
        parts = [f"{len(self.groups[key])} {HEADINGS[key].lower()}" for key in DAYS if self.groups[key]]
        return f"followup, {short_day(self.day)}: " + ", ".join(parts)


def digest_time(env: Env) -> time | None:
    text = env.settings.reminders.digest_at
    if text == "off":
        return None
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def due(env: Env, now: datetime) -> bool:
    """Whether today's digest is due at `now` (not whether it was sent already)."""
    at = digest_time(env)
    if at is None:
        return False
    rules = env.settings.reminders
    local = now.astimezone(env.tz)
    if local.time().replace(tzinfo=None) < at or rules.quiet_hours.is_quiet(now, env.tz):
        return False
    return rules.weekends or not is_weekend(now, env.tz)


def next_due(env: Env) -> datetime | None:
    """When the next digest not sent yet is due (today's if it is not sent yet), or None when the
    digest is off: a hosted installation's workers come back for the account then."""
    at = digest_time(env)
    if at is None:
        return None
    now = env.now()
    today = now.date().isoformat()
    sent_today = (ABOUT, today) in sent_store.already_sent(env.store, [(ABOUT, today)])
    quiet_end = env.settings.reminders.quiet_hours.end
    for moment in moments_from(now, env.tz, [at, quiet_end]):
        if due(env, moment) and not (sent_today and moment.astimezone(env.tz).date() == now.date()):
            return moment
    return None


def build(env: Env, to: str) -> Digest:
    grouped = by_day(env, DAYS_AHEAD, first=0, in_full=DAYS)
    groups = {
        key: [reminder_of(env, item) for item in grouped.items[key] if item.application_id is not None] for key in DAYS
    }
    return Digest(env.now().date(), groups, to)


def message(digest: Digest, sender: str, name: str, now: datetime) -> EmailMessage:
    """The digest as a message from the user to themselves: plain text, and HTML beside it."""
    mail = EmailMessage()
    mail["Subject"] = digest.subject()
    mail["From"] = formataddr((name, sender)) if name else sender
    mail["To"] = digest.to
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid("digest", domain=sender.rpartition("@")[2] or None)
    mail.set_content(plain_text(digest))
    mail.add_alternative(html_text(digest), subtype="html")
    return mail


def _when(reminder: Reminder) -> str:
    text = f"due {short_day(reminder.due)}, {reminder.due:%H:%M}"
    if reminder.deadline is not None:
        text += f"; by {short_day(reminder.deadline)}, {reminder.deadline:%H:%M}"
    return text


def plain_text(digest: Digest) -> str:
    lines = []
    for key in DAYS:
        if not digest.groups[key]:
            continue
        lines += [HEADINGS[key].upper(), ""]
        for reminder in digest.groups[key]:
            lines += [
                f"* {reminder.headline}",
                f"  {_when(reminder)}",
                f"  {reminder.reason}",
                f"  {reminder.link}",
                "",
            ]
    return "\n".join(lines)


def html_text(digest: Digest) -> str:
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
        "<body style='font-family: sans-serif; font-size: 17px; line-height: 1.45; max-width: 36em; margin: 0 auto;"
        " padding: 12px'>"
    ]
    for key in DAYS:
        if not digest.groups[key]:
            continue
        parts.append(f"<h2 style='font-size: 20px; margin: 18px 0 6px'>{HEADINGS[key]}</h2>")
        for reminder in digest.groups[key]:
            e = html.escape
            parts.append(
                "<p style='margin: 0 0 14px'>"
                f"<a href='{e(reminder.link)}' style='font-weight: bold'>{e(reminder.headline)}</a><br>"
                f"<span style='color: #555'>{e(_when(reminder))}</span><br>{e(reminder.reason)}</p>"
            )
    parts.append("</body></html>")
    return "".join(parts)


def _sending_account(env: Env) -> MailAccount:
    """The account the digest goes through, to its own address: the one with your address, else the first that sends."""
    from followup.mail.accounts import load_accounts

    sending = [account for account in load_accounts(env.config_path) if account.smtp_host]
    if not sending:
        raise SettingsError(
            "reminders.digest_at is set, but no mail account can send the digest",
            hint="Add one with an SMTP server (`followup mail account add`), or turn the digest off: "
            "followup config set reminders.digest_at off",
        )
    yours = [account for account in sending if account.email == env.settings.profile.email]
    return (yours or sending)[0]


def send(env: Env, *, dry_run: bool = False) -> Digest | None:
    """Today's digest, when it is due and not sent yet: sent (or on a dry run, built) and returned."""
    now = env.now()
    if not due(env, now):
        return None
    day = now.date().isoformat()
    if (ABOUT, day) in sent_store.already_sent(env.store, [(ABOUT, day)]):
        return None
    from followup.app.stored_secrets import for_connection
    from followup.mail import smtp
    from followup.mail.imap import MailError

    account = for_connection(env, _sending_account(env))  # in hosted mode, the password this account keeps
    digest = build(env, account.email)
    if dry_run:
        return digest if digest.count else None
    with env.store.transaction():
        if not sent_store.claim(env.store, ABOUT, day, now):
            return None
        if not digest.count:
            return None
        mail = message(digest, account.email, env.settings.profile.name, now)
        connection = smtp.connect_smtp(account)
        try:
            connection.send_message(mail, from_addr=account.email, to_addrs=[account.email])
        except OSError as exc:
            raise MailError(f"the SMTP server did not take the digest: {smtp.reason(exc)}") from None
        finally:
            smtp.quit_quietly(connection)
    return digest
