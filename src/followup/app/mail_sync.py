"""Reading new mail from INBOX, Junk and Sent, incrementally and safely.

Per folder, `mail_folder` keeps (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ) as the
server last reported them. A sync asks the three folders' status in one LIST-STATUS
command (RFC 5819; one STATUS per folder on a server without it) and only SELECTs a
folder whose UIDVALIDITY or UIDNEXT moved, so an unchanged mailbox costs, after
LOGIN, one command (three without LIST-STATUS) and the LOGOUT. The listing of all
folders is only asked when a role has no stored folder (first sync, a renamed
folder, a changed override, or a mailbox without a Junk folder).

A sync has two steps. Reading: new messages are read in batches, first only the
header fields matching needs (and of those only the blocks that name a known host
are parsed at all), then the full message of those that matched, which is queued
in mail_pending in one transaction together with the advanced UIDNEXT. Noting
(`followup.app.mail_pending`): each queued message is classified and becomes a
touchpoint. An interruption anywhere loses nothing and counts nothing twice: a
batch that did not commit is simply read again, and what was queued is noted by
the next sync. Unmatched messages leave nothing behind: UIDNEXT says they were read.

What the server holds is read by `followup.mail.mailbox`, which writes nothing; every
store write and every transaction of a sync is here and in `followup.app.mail_pending`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from followup.app.context import Env
from followup.app.mail_pending import DIRECTIONS, note_pending
from followup.mail import imap
from followup.mail.accounts import MailAccount
from followup.mail.mailbox import Batch, Mailbox, opened
from followup.mail.match import MatchIndex
from followup.mail.prefilter import Prefilter
from followup.store import mail as store
from followup.store.db import transaction

# The order hooks see them: reading (selected .. committed, per batch), then noting.
STEPS = ("selected", "headers", "bodies", "queued", "committed", "recorded", "noted")

Hook = Callable[[str], None]


@dataclass
class FolderReport:
    folder: str
    role: str
    seen: int = 0
    matched: int = 0
    new_touchpoints: int = 0
    skipped: bool = False  # nothing changed since the last sync
    rescanned: bool = False  # UIDVALIDITY changed: read from scratch
    new_mail_ids: list[int] = field(default_factory=list)


@dataclass
class SyncReport:
    account: str
    folders: list[FolderReport] = field(default_factory=list)
    duration: float = 0.0
    reading: float = 0.0  # of the duration: reading the mailbox; the rest is noting what matched

    @property
    def new_mail_ids(self) -> list[int]:
        return [mail_id for f in self.folders for mail_id in f.new_mail_ids]

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "duration_s": round(self.duration, 3),
            "reading_s": round(self.reading, 3),
            "folders": [
                {k: v for k, v in vars(f).items() if k != "new_mail_ids"} | {"new_mail_ids": list(f.new_mail_ids)}
                for f in self.folders
            ],
        }


def sync(
    env: Env,
    account: MailAccount,
    *,
    client_factory: Callable[[MailAccount], Any] | None = None,
    hooks: Hook | None = None,
    deadline: float | None = None,
) -> SyncReport:
    """Read what is new in the account's INBOX, Junk and Sent folders, then note what matched.

    The reading must be over within `deadline` seconds (default `imap.SYNC_DEADLINE`),
    however slowly the server answers; past it, a MailError says the server stopped
    answering, and what was read until then is noted all the same.
    """
    started = time.monotonic()
    first_new_id = store.last_mail_id(env.store)
    auto_apply = {account.name: account.auto_apply}
    try:
        report = read(env, account, client_factory=client_factory, hooks=hooks, deadline=deadline)
    except imap.MailError:
        # The connection broke halfway: what was read before is noted now, not at the next sync.
        note_pending(env, auto_apply=auto_apply)
        raise
    report.reading = time.monotonic() - started
    by_folder = {f.folder: f for f in report.folders}
    for noted in note_pending(env, auto_apply=auto_apply, hook=hooks):
        if noted.mail_id <= first_new_id:
            continue  # recorded before, e.g. the same message in another folder
        folder = by_folder.get(noted.folder)
        if folder is None:  # queued by an earlier, interrupted sync in a folder with a new role
            folder = by_folder[noted.folder] = FolderReport(noted.folder, "other", skipped=True)
            report.folders.append(folder)
        if noted.mail_id not in folder.new_mail_ids:
            folder.new_mail_ids.append(noted.mail_id)
            folder.new_touchpoints += store.touchpoint_of(env.store, noted.mail_id) is not None
    report.duration = time.monotonic() - started
    return report


def new_messages(env: Env, mail_ids: list[int]) -> list[store.MailRow]:
    """The stored messages a sync reported as new (`SyncReport.new_mail_ids`), in that order."""
    return [store.get_mail_message(env.store, mail_id) for mail_id in mail_ids]


def read(
    env: Env,
    account: MailAccount,
    *,
    client_factory: Callable[[MailAccount], Any] | None = None,
    hooks: Hook | None = None,
    deadline: float | None = None,
) -> SyncReport:
    """The reading step alone: new matched messages are queued for `note_pending`."""
    from followup.app.stored_secrets import for_connection

    started = time.monotonic()
    account = for_connection(env, account)  # in hosted mode, the password this account keeps
    report = SyncReport(account.name)
    hook = hooks or (lambda _step: None)
    within = imap.Deadline(account, imap.SYNC_DEADLINE if deadline is None else deadline)
    with opened(account, client_factory, hook, within) as mailbox:
        _Run(env, account, mailbox, hook, report).all_folders()
    # A sync that found nothing new is a sync all the same: the mailbox is up to date as of now.
    with transaction(env.conn):
        store.mark_read(env.store, account.name, env.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    report.duration = report.reading = time.monotonic() - started
    return report


class _Run:
    """One reading step: what the mailbox says, kept folder by folder and batch by batch."""

    def __init__(self, env: Env, account: MailAccount, mailbox: Mailbox, hook: Hook, report: SyncReport) -> None:
        self.env, self.account, self.mailbox, self.hook, self.report = env, account, mailbox, hook, report
        self.listed = False
        self._prefilter: Prefilter | None = None  # built on first need: an unchanged mailbox never needs it

    def prefilter(self) -> Prefilter:
        if self._prefilter is None:
            self._prefilter = Prefilter(MatchIndex.build(self.env.store, tz=self.env.tz))
        return self._prefilter

    def all_folders(self) -> None:
        states = store.folder_states(self.env.store, self.account.name)
        overrides = self.account.folders
        stale = any(states.get(role) is None or states[role].folder != overrides[role] for role in overrides)
        if stale or any(role not in states for role in store.SYNC_ROLES):
            states = self._list()
        self.mailbox.ask_statuses([states[role].folder for role in store.SYNC_ROLES if role in states])
        for role in store.SYNC_ROLES:
            if role in states:
                self._folder(role, states)

    def _list(self) -> dict[str, store.FolderState]:
        roles = self.mailbox.folder_roles()
        self.listed = True
        with transaction(self.env.conn):
            store.save_roles(self.env.store, self.account.name, roles)
        return store.folder_states(self.env.store, self.account.name)

    def _folder(self, role: str, states: dict[str, store.FolderState]) -> None:
        state = states[role]
        try:
            status = self.mailbox.status(state.folder)
        except imap.MailError:
            if self.listed:
                raise
            # The stored folder may have been renamed or deleted: look again, once per run.
            states.update(self._list())
            if role not in states:
                return
            state = states[role]
            status = self.mailbox.status(state.folder)
        report = FolderReport(state.folder, role)
        self.report.folders.append(report)
        if status.get(b"UIDVALIDITY") == state.uidvalidity and status.get(b"UIDNEXT") == state.uidnext:
            # HIGHESTMODSEQ also moves on flag changes (the user read a message): not a reason to look.
            report.skipped = True
            return
        if status.get(b"MESSAGES") == 0 and b"UIDVALIDITY" in status and b"UIDNEXT" in status:
            # Nothing to read (SELECT would cost more than the STATUS did): only where it stands.
            uidvalidity = status[b"UIDVALIDITY"]
            with transaction(self.env.conn):
                if state.uidvalidity is not None and state.uidvalidity != uidvalidity:
                    store.forget_folder(self.env.store, self.account.name, state.folder)
                    report.rescanned = True
                self._commit(state.folder, uidvalidity, status[b"UIDNEXT"], status.get(b"HIGHESTMODSEQ"))
            return
        self._read(state, report, status.get(b"HIGHESTMODSEQ"))

    def _read(self, state: store.FolderState, report: FolderReport, status_modseq: int | None) -> None:
        folder = state.folder
        selected = self.mailbox.select(folder, status_modseq)
        self.hook("selected")
        start = state.uidnext or 1
        if state.uidvalidity is not None and state.uidvalidity != selected.uidvalidity:
            # Old UIDs now name other messages (or none). Matched mail already
            # recorded stays; intake recognises it again by Message-ID.
            with self.env.store.transaction():
                store.forget_folder(self.env.store, self.account.name, folder)
            report.rescanned, start = True, 1
        read_any = False
        for batch in self.mailbox.batches(folder, selected, start, DIRECTIONS[state.role], self.prefilter):
            self._keep(state, report, selected.uidvalidity, batch, selected.highestmodseq)
            read_any = True
        if not read_any:
            self._commit(folder, selected.uidvalidity, max(selected.uidnext, start), selected.highestmodseq)

    def _keep(
        self, state: store.FolderState, report: FolderReport, uidvalidity: int, batch: Batch, modseq: int | None
    ) -> None:
        """Queue a batch's matched messages and move the folder past it, in one transaction."""
        queued = [
            {
                "account": self.account.name,
                "folder": state.folder,
                "role": state.role,
                "uidvalidity": uidvalidity,
                "uid": found.uid,
                "application_id": found.match.application_id,
                "contact_id": found.match.contact_id,
                "match_reason": found.match.reason,
                "message_id": found.message_id,
                "raw": found.raw,
                "arrived_at": found.arrived_at,
            }
            for found in batch.matched
        ]
        with transaction(self.env.conn):
            store.add_pending(self.env.store, self.env.now(), queued)
            self._commit(state.folder, uidvalidity, batch.next_uid, modseq if batch.last else None)
            self.hook("queued")
        report.seen += batch.seen
        report.matched += len(queued)
        self.hook("committed")

    def _commit(self, folder: str, uidvalidity: int, uidnext: int, modseq: int | None) -> None:
        with transaction(self.env.conn):
            store.set_folder_state(
                self.env.store,
                self.account.name,
                folder,
                uidvalidity=uidvalidity,
                uidnext=uidnext,
                highestmodseq=modseq,
                synced_at=self.env.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
