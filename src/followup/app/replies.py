"""Use cases behind the Replies page: what the mailbox found, what it means, and acting on it.

The mail package already records, classifies and explains each matched message
(`mail.intake`, `mail.importing`); the CLI shows them with `followup mail matches`.
This module gathers the same facts for the web, in the job seeker's words, and
adds what the web needs and the CLI does not: the message's own text apart from
the quoted thread, importing an uploaded file, and checking the mailbox in a
worker thread with its own database connection.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from followup.app import mail_intake
from followup.app.context import Env, bootstrap
from followup.app.mail_import import ImportReport, MatchedMessage, import_mail, matched_messages
from followup.domain.labels import short_day
from followup.domain.model import ApplicationStatus
from followup.domain.text import capitalised
from followup.errors import FollowupError, InvalidInput, SettingsError
from followup.reading.patterns_quoting import ATTRIBUTION, HEADER_FROM, HEADER_SENT, SEPARATOR
from followup.store import mail as mail_store
from followup.store import records

# What each classification means, as a short badge and as the suggested consequence.
LABELS = {
    "rejection": "Rejection",
    "next_round": "Next round",
    "offer": "Offer",
    "info_request": "Asks for something",
    "still_deciding": "Still deciding",
    "auto_reply": "Automatic reply",
    "other": "Other",
}
# The badge class of each label (colour is never the only signal: the badge has words).
TONES = {
    "rejection": "error",
    "offer": "ok",
    "next_round": "ok",
    "info_request": "warning",
    "still_deciding": "info",
}
CLOSING_LABELS = frozenset({"rejection", "offer"})
UPLOAD_SUFFIXES = (".eml", ".mbox", ".mbx", ".txt", "")


@dataclass(frozen=True)
class Reply:
    """One matched message, with everything the Replies page shows about it."""

    id: int
    direction: str  # "received" or "sent"
    sender_name: str
    sender_address: str
    recipients: str
    subject: str
    sent_at: datetime | None
    application_id: int | None
    application: str  # "Role at Company"
    application_status: str | None
    why: str
    label: str | None
    evidence: str | None
    promised_by: date | None
    suggestion: str | None
    suggestion_state: str | None  # pending, applied, dismissed, or None

    @property
    def label_text(self) -> str:
        return LABELS.get(self.label or "", "")

    @property
    def tone(self) -> str:
        return TONES.get(self.label or "", "")

    @property
    def pending(self) -> bool:
        return self.suggestion_state == "pending"

    @property
    def closes(self) -> bool:
        return self.label in CLOSING_LABELS

    @property
    def confirm_text(self) -> str:
        """The words on the confirm button: what pressing it does."""
        return {"rejection": "Close as rejected", "offer": "Mark as offer"}.get(self.label or "", "Confirm")

    @property
    def consequence(self) -> str:
        """What confirming means for the follow-ups, in one plain sentence."""
        promised = short_day(self.promised_by) if self.promised_by else None
        if self.label == "rejection":
            return "Close this application as rejected: every follow-up for it stops."
        if self.label == "offer":
            return "Mark this application as an offer, then answer them within a business day."
        if self.label == "next_round":
            return "They want to see you again: answer them, and add the next interview once it is set."
        if self.label == "info_request":
            return "They asked for something: answering within a business day is on your list."
        if self.label == "still_deciding" and promised:
            return f"Your status check now waits until after {promised}."
        if self.label == "auto_reply" and promised:
            return f"An automatic reply: your follow-up now waits until after {promised}."
        if self.label == "auto_reply":
            return "An automatic reply: nothing changes."
        return "Any reply stops the chasing for this application."


@dataclass(frozen=True)
class Body:
    """A message's text, split where the quoted earlier messages begin."""

    own: str
    quoted: str


@dataclass(frozen=True)
class Inbox:
    to_confirm: list[Reply]
    earlier: list[Reply]
    applications: list[tuple[int, str]]  # (id, "Role at Company") for moving a message

    @property
    def empty(self) -> bool:
        return not self.to_confirm and not self.earlier


def inbox(env: Env) -> Inbox:
    """Every matched message, the ones waiting for a decision first."""
    replies = _replies(env, matched_messages(env))
    return Inbox(
        to_confirm=[r for r in replies if r.pending],
        earlier=[r for r in replies if not r.pending],
        applications=application_choices(env),
    )


def reply(env: Env, mail_id: int) -> tuple[Reply, Body]:
    """One message and its text (a NotFound error when it does not exist, or was forgotten)."""
    row = mail_store.get_mail_message(env.store, mail_id)
    found = _replies(env, matched_messages(env, ids=[mail_id]))
    return found[0], split_quoted(row.body or "")


def application_choices(env: Env) -> list[tuple[int, str]]:
    """Applications a message can belong to: active ones first, then by company."""
    apps = records.list_applications(env.store)
    apps.sort(key=lambda a: (a.status is not ApplicationStatus.ACTIVE, a.company.casefold(), a.role.casefold()))
    return [(a.id, f"{a.role} at {a.company}" + ("" if a.status.is_open else f" ({a.status.label})")) for a in apps]


def _replies(env: Env, found: list[MatchedMessage]) -> list[Reply]:
    rows = {r.id: r for r in mail_store.list_mail_messages(env.store)}
    statuses = {a.id: a.status.label for a in records.list_applications(env.store)}
    out = []
    for m in found:
        row = rows[m.mail_id]
        out.append(
            Reply(
                id=m.mail_id,
                direction=m.direction,
                sender_name=row.from_name or "",
                sender_address=row.from_addr or "",
                recipients=m.recipients,
                subject=m.subject,
                sent_at=m.sent_at,
                application_id=m.application_id,
                application=m.application,
                application_status=statuses.get(m.application_id) if m.application_id is not None else None,
                why=capitalised(m.why),
                label=m.label,
                evidence=row.evidence,
                promised_by=m.promised_by,
                suggestion=m.suggestion,
                suggestion_state=m.suggestion_state,
            )
        )
    return out


# -- acting on a message --------------------------------------------------------------------


def confirm(env: Env, mail_id: int) -> str:
    """Do what the message's suggestion says; returns what changed, for the user."""
    row = mail_intake.apply_suggestion(env, mail_id)
    app = _app_name(env, row.application_id)
    if row.label == "rejection":
        return f"Closed {app} as rejected. Its follow-ups have stopped."
    if row.label == "offer":
        return f"Marked {app} as an offer. Congratulations!"
    return "Confirmed."


def dismiss(env: Env, mail_id: int) -> str:
    mail_intake.dismiss_suggestion(env, mail_id)
    return "Ignored the suggestion. The reply itself stays in the application's history."


def move(env: Env, mail_id: int, app_id: int) -> str:
    mail_intake.reassign(env, mail_id, app_id)
    return f"Moved the message to {_app_name(env, app_id)}."


def unmatch(env: Env, mail_id: int) -> str:
    mail_intake.unmatch(env, mail_id)
    return "Forgot that message: it is not about an application, and it will not be matched again."


def _app_name(env: Env, app_id: int | None) -> str:
    if app_id is None:
        return "the application"
    app = records.get_application(env.store, app_id)
    return f"{app.role} at {app.company}"


# -- the message's own words, apart from the quoted thread ----------------------------------


def split_quoted(text: str) -> Body:
    """The author's words, and from the first quoted line or reply header on, the rest.

    Nothing is lost: `own` and `quoted` joined by a newline give back the text with
    its line endings normalised and the blank lines at the split trimmed.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i in range(len(lines)):
        if _starts_quote(lines, i):
            own, rest = "\n".join(lines[:i]), "\n".join(lines[i:])
            if own.strip():
                return Body(own.rstrip(), rest.strip("\n"))
            break
    return Body("\n".join(lines).strip("\n"), "")


def _starts_quote(lines: list[str], i: int) -> bool:
    stripped = lines[i].strip()
    if stripped.startswith(">") or SEPARATOR.match(stripped):
        return True
    pair = f"{stripped} {lines[i + 1].strip()}" if i + 1 < len(lines) else stripped
    if ATTRIBUTION.match(stripped) or (len(stripped) > 5 and pair.endswith(":") and ATTRIBUTION.match(pair)):
        return True
    if HEADER_FROM.match(stripped):
        return bool(HEADER_SENT.search(" ".join(line.strip() for line in lines[i + 1 : i + 4])))
    return False


# -- importing a saved file -----------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def import_upload(env: Env, filename: str, data: bytes) -> ImportReport:
    """`followup mail import` for an uploaded .eml or .mbox file.

    The file is saved under its own name in a private temporary folder, so that
    importing the same file again records nothing twice, as on the command line.
    """
    name = _SAFE_NAME.sub("_", Path(filename or "upload.eml").name).strip("._") or "upload.eml"
    if not data.strip():
        raise InvalidInput("the file is empty", where=filename or "the file", hint="Choose an .eml or .mbox file.")
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise InvalidInput(
            f"the file {name} is not a saved email",
            hint="Choose an .eml file (one message) or an .mbox file (many), as your mail program saves them.",
        )
    if b":" not in data[:4096]:
        raise InvalidInput(
            f"the file {name} does not look like an email (it has no headers such as From: or Subject:)",
            hint="Save the message from your mail program as .eml, or export the folder as .mbox.",
        )
    with tempfile.TemporaryDirectory(prefix="followup-import-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        report = import_mail(env, path)
    report.source = filename or name
    return report


# -- checking the mailbox in the background -------------------------------------------------


def account_names(env: Env) -> list[str]:
    """The mail accounts set up in the settings (none when the [mail] settings are broken)."""
    from followup.mail.accounts import load_accounts

    try:
        return [a.name for a in load_accounts(env.config_path)]
    except SettingsError:
        return []


_STEPS = {
    "selected": "Reading new messages",
    "headers": "Looking for messages about your applications",
    "bodies": "Reading the matching messages",
    "queued": "Reading the matching messages",
    "recorded": "Noting the replies",
    "noted": "Noting the replies",
    "committed": "Reading new messages",
}


@dataclass
class MailCheck:
    """One "Check mail now" run: started on request, read by the page while it runs.

    The sync runs in its own thread with its own database connection (built like
    any command's), never on the web server's event loop: a mailbox can take
    seconds or minutes to read.
    """

    accounts: list[str]
    started_at: datetime
    state: str = "running"  # running, done, failed
    step: str = "Connecting to your mailbox"
    new_messages: int = 0
    new_replies: int = 0
    problem: str | None = None
    hint: str | None = None
    reported: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def running(self) -> bool:
        return self.state == "running"

    def summary(self) -> str:
        if self.state == "failed":
            return f"Could not check your mail: {self.problem}"
        if self.running:
            return f"{self.step}…"
        if not self.new_messages:
            return "Checked your mail: nothing new about your applications."
        replies = f"{self.new_replies} new {'reply' if self.new_replies == 1 else 'replies'}"
        return f"Checked your mail: {replies}, {self.new_messages} new message{'s' * (self.new_messages != 1)} in all."

    def _progress(self, account: str, step: str) -> None:
        with self._lock:
            label = _STEPS.get(step, self.step)
            self.step = f"{label} ({account})" if len(self.accounts) > 1 else label

    def _hook(self, account: str) -> Callable[[str], None]:
        return lambda step: self._progress(account, step)

    def run(self, asked_by: Env) -> None:
        """Read every mailbox of `asked_by`'s owner, over a connection of this thread's own."""
        from followup.app.mail_sync import sync
        from followup.mail.accounts import get_account

        env: Env | None = None
        try:
            # As the owner who asked: in a hosted installation, their settings and their rows.
            env = bootstrap(asked_by.db_path, asked_by.config_path, clock=asked_by.clock, owner=asked_by.owner)
            for name in self.accounts:
                account = get_account(env.config_path, name)
                report = sync(env, account, hooks=self._hook(name))
                new_ids = report.new_mail_ids
                rows = [mail_store.get_mail_message(env.store, i) for i in new_ids]
                self.new_messages += len(rows)
                self.new_replies += sum(r.direction == "received" and r.label != "auto_reply" for r in rows)
            self.state = "done"
        except FollowupError as exc:
            self.state, self.problem, self.hint = "failed", exc.message, exc.hint
        except Exception:  # a bug or a network failure the mail layer did not name: never a traceback
            import logging

            logging.getLogger("followup.web").exception("mail check failed")
            self.state = "failed"
            self.problem = "something went wrong while reading the mailbox"
            self.hint = "Try again in a minute; `followup mail sync` in a terminal shows more detail."
        finally:
            if env is not None:
                env.close()


def start_mail_check(env: Env) -> MailCheck:
    """Start reading every mail account in a worker thread; the returned object reports progress."""
    names = account_names(env)
    if not names:
        raise SettingsError("no mail account is set up", hint="Add one in Settings, or import a saved mail file.")
    check = MailCheck(accounts=names, started_at=env.now())
    worker = threading.Thread(target=check.run, args=(env,), name="followup-mail-check", daemon=True)
    worker.start()
    return check
