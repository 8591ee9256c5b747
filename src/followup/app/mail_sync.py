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
"""

from __future__ import annotations

import imaplib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from followup.app.context import Env
from followup.app.mail_pending import DIRECTIONS, note_pending
from followup.mail import imap
from followup.mail.accounts import MailAccount
from followup.store import mail as store
from followup.store.db import transaction

# Each batch is one header FETCH and one commit: large enough that round trips and commits
# are a small part of a first sync, small enough that an interruption loses little.
BATCH = 2000
HEADER_FIELDS = (
    "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID IN-REPLY-TO REFERENCES FROM TO CC SUBJECT DATE "
    "AUTO-SUBMITTED PRECEDENCE X-AUTOREPLY)]"
)
# imapclient returns the fetched section under the name without .PEEK.
HEADER_KEY = HEADER_FIELDS.replace(".PEEK", "").encode()
_DATED = re.compile(rb"(?:\A|\n)date:", re.IGNORECASE)
# In imaplib's raw FETCH data: the section names whose content is wanted, and the UID.
_HEADER_SECTION = rb"BODY\[HEADER\.FIELDS \([^)]*\)\]"
_BODY_SECTION = rb"BODY\[\]"
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"', re.IGNORECASE)
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
) -> SyncReport:
    """Read what is new in the account's INBOX, Junk and Sent folders, then note what matched."""
    started = time.monotonic()
    first_new_id = store.last_mail_id(env.store)
    auto_apply = {account.name: account.auto_apply}
    try:
        report = read(env, account, client_factory=client_factory, hooks=hooks)
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


def read(
    env: Env,
    account: MailAccount,
    *,
    client_factory: Callable[[MailAccount], Any] | None = None,
    hooks: Hook | None = None,
) -> SyncReport:
    """The reading step alone: new matched messages are queued for `note_pending`."""
    started = time.monotonic()
    report = SyncReport(account.name)
    client = (client_factory or imap.connect)(account)
    try:
        run = _Run(env, account, client, hooks or (lambda _step: None), report)
        run.all_folders()
    finally:
        imap.close(client)
    report.duration = report.reading = time.monotonic() - started
    return report


class _Run:
    def __init__(self, env: Env, account: MailAccount, client: Any, hook: Hook, report: SyncReport) -> None:
        self.env, self.account, self.client, self.hook, self.report = env, account, client, hook, report
        self.listed = False
        self.index: Any = None  # MatchIndex, built on first need: an unchanged mailbox never needs it
        self.prefilter: Any = None
        self.statuses: dict[str, dict[bytes, int]] = {}

    def all_folders(self) -> None:
        states = store.folder_states(self.env.store, self.account.name)
        overrides = self.account.folders
        stale = any(states.get(role) is None or states[role].folder != overrides[role] for role in overrides)
        if stale or any(role not in states for role in store.SYNC_ROLES):
            states = self._list()
        folders = [states[role].folder for role in store.SYNC_ROLES if role in states]
        with imap.mail_errors(self.account, "reading the status of the folders"):
            self.statuses = imap.statuses(self.client, folders, self._status_items())
        for role in store.SYNC_ROLES:
            if role in states:
                self._folder(role, states)

    def _list(self) -> dict[str, store.FolderState]:
        with imap.mail_errors(self.account, "listing the folders"):
            roles = imap.folder_roles(self.client, self.account.folders)
        self.listed = True
        with transaction(self.env.conn):
            store.save_roles(self.env.store, self.account.name, roles)
        return store.folder_states(self.env.store, self.account.name)

    def _status_items(self) -> list[str]:
        condstore = self.client.has_capability("CONDSTORE")
        return ["MESSAGES", "UIDNEXT", "UIDVALIDITY", *(["HIGHESTMODSEQ"] if condstore else [])]

    def _status(self, folder: str) -> dict[bytes, int]:
        """Its STATUS: from the one LIST-STATUS command when the server has it, else asked alone."""
        if folder in self.statuses:
            return self.statuses.pop(folder)
        with imap.mail_errors(self.account, f"reading the status of {folder}"):
            found = self.client.folder_status(folder, self._status_items())
            return {bytes(k).upper(): int(v) for k, v in found.items()}

    def _folder(self, role: str, states: dict[str, store.FolderState]) -> None:
        state = states[role]
        try:
            status = self._status(state.folder)
        except imap.MailError:
            if self.listed:
                raise
            # The stored folder may have been renamed or deleted: look again, once per run.
            states.update(self._list())
            if role not in states:
                return
            state = states[role]
            status = self._status(state.folder)
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
        name, folder = self.account.name, state.folder
        with imap.mail_errors(self.account, f"opening {folder}"):
            selected = self.client.select_folder(folder, readonly=True)
        self.hook("selected")
        uidvalidity = int(selected[b"UIDVALIDITY"])
        server_next = int(selected.get(b"UIDNEXT") or 0)
        # SELECT reports HIGHESTMODSEQ only after ENABLE CONDSTORE; STATUS already gave it.
        modseq = selected.get(b"HIGHESTMODSEQ") or status_modseq
        start = state.uidnext or 1
        if state.uidvalidity is not None and state.uidvalidity != uidvalidity:
            # Old UIDs now name other messages (or none). Matched mail already
            # recorded stays; intake recognises it again by Message-ID.
            with self.env.store.transaction():
                store.forget_folder(self.env.store, name, folder)
            report.rescanned, start = True, 1
        exists = int(selected.get(b"EXISTS") or 0)
        span = server_next - start
        if exists and span > 0 and -(-span // BATCH) <= 1 + -(-min(span, exists) // BATCH):
            # The new UIDs are dense enough that fetching them by ranges takes no more commands
            # than a SEARCH for them would: skip the SEARCH (10,000 numbers to parse on a first sync).
            for low in range(start, server_next, BATCH):
                high = min(low + BATCH, server_next) - 1
                last = high == server_next - 1
                self._batch(state, report, uidvalidity, (low, high), high + 1, modseq if last else None)
            return
        uids: list[int] = []
        if exists:
            with imap.mail_errors(self.account, f"searching {folder}"):
                # `UID n:*` always includes the highest UID, even when it is below n.
                uids = sorted(u for u in self.client.search(["UID", f"{start}:*"]) if u >= start)
        for i in range(0, len(uids), BATCH):
            batch = uids[i : i + BATCH]
            last = i + BATCH >= len(uids)
            next_uid = max(server_next, batch[-1] + 1) if last else batch[-1] + 1
            self._batch(state, report, uidvalidity, batch, next_uid, modseq if last else None)
        if not uids:
            self._commit(folder, uidvalidity, max(server_next, start), modseq)

    def _batch(
        self,
        state: store.FolderState,
        report: FolderReport,
        uidvalidity: int,
        batch: list[int] | tuple[int, int],
        next_uid: int,
        modseq: int | None,
    ) -> None:
        """Read one batch of UIDs: a list of them, or a (first, last) range of which some may not exist."""
        from followup.mail import match as matching
        from followup.mail.prefilter import match_batch

        folder = state.folder
        direction = DIRECTIONS[state.role]
        with imap.mail_errors(self.account, f"reading headers in {folder}"):
            heads = self._headers(batch)
        self.hook("headers")
        if self.index is None:
            from followup.mail.prefilter import Prefilter

            self.index = matching.MatchIndex.build(self.env.store, tz=self.env.tz)
            self.prefilter = Prefilter(self.index)
        if isinstance(batch, tuple):  # a range: whatever exists in it
            uids = sorted(uid for uid in heads if batch[0] <= uid <= batch[1])
        else:
            uids = [uid for uid in batch if uid in heads]  # else expunged since SEARCH
        found = match_batch(self.prefilter, [heads[uid] for uid in uids], direction)
        matches = {uids[at]: (match, message_id) for at, match, message_id in found}
        bodies: dict[int, tuple[bytes, datetime | None]] = {}
        if matches:
            with imap.mail_errors(self.account, f"reading matched messages in {folder}"):
                # The arrival time stands in for a missing Date header: asked only when one is missing.
                undated = any(not _DATED.search(heads[uid]) for uid in matches)
                bodies = self._bodies(sorted(matches), with_arrival=undated)
            self.hook("bodies")
        queued = [
            {
                "account": self.account.name,
                "folder": folder,
                "role": state.role,
                "uidvalidity": uidvalidity,
                "uid": uid,
                "application_id": found.application_id,
                "contact_id": found.contact_id,
                "match_reason": found.reason,
                "message_id": message_id,
                "raw": bodies[uid][0],
                "arrived_at": bodies[uid][1],
            }
            for uid, (found, message_id) in matches.items()
            if uid in bodies  # else expunged since the header fetch
        ]
        with transaction(self.env.conn):
            store.add_pending(self.env.store, self.env.now(), queued)
            self._commit(folder, uidvalidity, next_uid, modseq)
            self.hook("queued")
        report.seen += len(uids)
        report.matched += len(queued)
        self.hook("committed")

    def _headers(self, batch: list[int] | tuple[int, int]) -> dict[int, bytes]:
        """The header fields of these UIDs, by UID; an expunged message is simply absent.

        Read by `followup.mail.fetch` where the client is imaplib underneath, else (and when
        the response has a shape that module does not read) through IMAPClient.
        """
        uid_set = f"{batch[0]}:{batch[1]}" if isinstance(batch, tuple) else _uid_set(batch)
        found = self._raw_fetch(uid_set, f"({HEADER_FIELDS})", _HEADER_SECTION)
        if found is not None:
            return {uid: content for uid, (content, _rest) in found.items()}
        fetched = self.client.fetch(uid_set, [HEADER_FIELDS])
        return {uid: d.get(HEADER_KEY) or b"" for uid, d in fetched.items()}

    def _bodies(self, uids: list[int], *, with_arrival: bool) -> dict[int, tuple[bytes, datetime | None]]:
        """The whole message and its arrival time (for a message without a Date header), by UID."""
        what = "(BODY.PEEK[] INTERNALDATE)" if with_arrival else "(BODY.PEEK[])"
        found = self._raw_fetch(_uid_set(uids), what, _BODY_SECTION)
        if found is not None:
            return {uid: (content, _arrival(rest) if with_arrival else None) for uid, (content, rest) in found.items()}
        fetched = self.client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])
        bodies: dict[int, tuple[bytes, datetime | None]] = {}
        for uid, d in fetched.items():
            if d.get(b"BODY[]") is not None:
                arrived = d.get(b"INTERNALDATE")
                moment = arrived if isinstance(arrived, datetime) and arrived.tzinfo else None
                bodies[uid] = (d[b"BODY[]"], moment)
        return bodies

    def _raw_fetch(self, uid_set: str, what: str, section: bytes) -> dict[int, tuple[bytes, bytes]] | None:
        from followup.mail.fetch import fetch_section

        raw_imap = getattr(self.client, "_imap", None)
        if not isinstance(raw_imap, imaplib.IMAP4) or not getattr(self.client, "use_uid", False):
            return None
        return fetch_section(raw_imap, uid_set, what, section)

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


def _uid_set(uids: list[int]) -> str:
    """A sorted UID list as an IMAP sequence set, runs collapsed: 1:2000 rather than 2,000 numbers."""
    runs: list[str] = []
    start = prev = uids[0]
    for uid in uids[1:]:
        if uid != prev + 1:
            runs.append(f"{start}:{prev}" if prev > start else str(start))
            start = uid
        prev = uid
    runs.append(f"{start}:{prev}" if prev > start else str(start))
    return ",".join(runs)


def _arrival(text: bytes) -> datetime | None:
    found = _INTERNALDATE.search(text)
    if found is None:
        return None
    try:
        return datetime.strptime(found[1].decode().strip(), "%d-%b-%Y %H:%M:%S %z")
    except ValueError:
        return None
