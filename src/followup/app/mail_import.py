"""Importing mail saved from a mail program, without any account: an .eml, an mbox or a Maildir.

Each message (read by `followup.mail.files`) is matched and recorded like synced mail, under the account
"import" and the file's or folder's name, so that importing the same file again
records nothing twice (the UID is a hash of the Message-ID, or the message's place
in the file). Messages are taken oldest first so a reply later in the same file
threads onto the message it answers. Unmatched messages leave nothing behind:
they are only counted.

Each message is recorded in its own transaction; an interrupted import is
finished by running it again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from followup.app import mail_intake
from followup.app.context import Env
from followup.errors import FollowupError
from followup.mail import files
from followup.mail.match import Known, MailDirection, MatchIndex, explain, match, stored_match
from followup.store import mail as store

ACCOUNT = "import"
UIDVALIDITY = 0

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MatchedMessage:
    """One matched message as `followup mail matches` shows it."""

    mail_id: int
    sent_at: datetime | None
    direction: str
    sender: str  # "Name <address>" or the address
    recipients: str
    subject: str
    application_id: int | None
    application: str  # "Role at Company"
    why: str
    label: str | None
    promised_by: date | None
    suggestion: str | None
    suggestion_state: str | None
    # What it counts as, when that is not a reply: the action a sent message did ("your thank-you
    # to Ann Lee"), or why a received one is no answer ("List-Unsubscribe: mail sent to many, ...").
    counts_as: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.mail_id,
            "date": self.sent_at.isoformat(timespec="seconds") if self.sent_at else None,
            "direction": self.direction,
            "from": self.sender,
            "to": self.recipients,
            "subject": self.subject,
            "application_id": self.application_id,
            "application": self.application,
            "why": self.why,
            "label": self.label,
            "promised_by": self.promised_by.isoformat() if self.promised_by else None,
            "suggestion": self.suggestion,
            "suggestion_state": self.suggestion_state,
            "counts_as": self.counts_as,
        }


@dataclass
class ImportReport:
    source: str
    read: int = 0
    matched: int = 0
    new_replies: int = 0  # received, not automatic, not recorded before
    skipped: int = 0  # matches the user had undone with `unmatch`
    messages: list[MatchedMessage] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)  # matched messages that could not be recorded, and why

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "read": self.read,
            "matched": self.matched,
            "new_replies": self.new_replies,
            "skipped": self.skipped,
            "messages": [m.to_json() for m in self.messages],
            "set_aside": list(self.set_aside),
        }


def import_mail(env: Env, path: str | Path, *, auto_apply: bool = False) -> ImportReport:
    """Read every message at `path`, and record those that belong to an application."""
    source = Path(path).expanduser()
    folder = source.resolve().name
    report = ImportReport(source=str(source))
    loaded = files.oldest_first(source)  # answers then thread onto what they answer
    index = MatchIndex.build(env.store, env.tz)
    mine = mail_intake.my_addresses(env)
    before = store.last_mail_id(env.store)
    recorded: list[int] = []
    for uid, parsed in loaded:
        report.read += 1
        if store.seen_unmatched(env.store, ACCOUNT, folder, UIDVALIDITY, uid):
            report.skipped += 1
            continue
        direction: MailDirection = "sent" if parsed.from_addr.lower() in mine else "received"
        found = match(parsed, index, direction=direction)
        if found is None:
            continue
        try:
            mail_id = mail_intake.record(
                env,
                parsed,
                account=ACCOUNT,
                folder=folder,
                uidvalidity=UIDVALIDITY,
                uid=uid,
                direction=direction,
                match=found,
                auto_apply=auto_apply,
            )
        except (FollowupError, sqlite3.Error, OSError):
            raise  # about the database, the disk or the settings: every other message would fail the same way
        except Exception as exc:
            # One malformed message must not stop the others; recording it is one transaction,
            # so nothing of it was kept. Said in the report, with the traceback in the log.
            log.warning("could not record message %s of %s", uid, source, exc_info=True)
            which = parsed.message_id or f"message {uid}"
            report.set_aside.append(f"{which} ({parsed.subject or 'no subject'}): {type(exc).__name__}: {exc}")
            continue
        index.remember(parsed.message_id, Known(found.application_id, found.contact_id, parsed.date, direction))
        report.matched += 1
        if mail_id not in recorded:
            recorded.append(mail_id)
    report.messages = matched_messages(env, ids=recorded)
    report.new_replies = sum(
        m.mail_id > before and m.direction == "received" and m.label != "auto_reply" for m in report.messages
    )
    return report


def matched_messages(
    env: Env, *, application_id: int | None = None, ids: Sequence[int] | None = None
) -> list[MatchedMessage]:
    """The stored matched messages, newest first (or in the order of `ids`), each with why it matched."""
    rows = store.list_mail_messages(env.store, application_id=application_id)
    if ids is not None:
        by_id = {r.id: r for r in rows}
        rows = [by_id[i] for i in ids if i in by_id]
    index = MatchIndex.build(env.store, env.tz)
    return [_view(row, index) for row in rows]


def _view(row: store.MailRow, index: MatchIndex) -> MatchedMessage:
    direction: MailDirection = "sent" if row.direction == "sent" else "received"
    recipients = [a for a in (row.to_addrs or "").split(", ") if a]
    others = [row.from_addr or ""] if direction == "received" else recipients
    app = index.apps.get(row.application_id) if row.application_id is not None else None
    why = ""
    if row.application_id is not None:
        found = stored_match(
            row.match_reason or "manual",
            row.application_id,
            row.contact_id,
            message_id=row.message_id,
            in_reply_to=row.in_reply_to,
            refs=row.refs,
            addresses=others,
            index=index,
        )
        why = explain(found, index, direction=direction)
    sender = f"{row.from_name} <{row.from_addr}>" if row.from_name else (row.from_addr or "")
    return MatchedMessage(
        mail_id=row.id,
        sent_at=row.sent_at.astimezone(index.tz) if row.sent_at else None,
        direction=row.direction,
        sender=sender,
        recipients=", ".join(recipients),
        subject=row.subject or "",
        application_id=row.application_id,
        application=f"{app.role} at {app.company}" if app else "",
        why=why,
        label=row.label,
        promised_by=row.promised_by,
        suggestion=row.suggestion,
        suggestion_state=row.suggestion_state,
        counts_as=_counts_as(row),
    )


def _counts_as(row: store.MailRow) -> str | None:
    """What intake read the message as, while that still holds (an undone action has no touchpoint left)."""
    if row.direction == "sent":
        return row.evidence if row.touchpoint_id is not None else None
    return row.evidence if row.touchpoint_id is None and row.label == "other" else None
