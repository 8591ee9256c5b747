"""Reading new mail from INBOX, Junk and Sent, incrementally and safely.

Per folder, `mail_folder` keeps (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ) as the
server last reported them. A sync asks each folder's STATUS and only SELECTs a
folder whose UIDVALIDITY or UIDNEXT moved, so an unchanged mailbox costs, after
LOGIN, exactly one STATUS per folder (3) and the LOGOUT. LIST is only sent when
a role has no stored folder (first sync, a renamed folder, a changed override,
or a mailbox without a Junk folder).

New messages are read in batches: first only the header fields matching needs,
then the full message for those that matched. Each batch is committed in one
transaction together with the advanced UIDNEXT, so an interruption anywhere
loses nothing and counts nothing twice: a batch that did not commit is simply
read again, and `mail_seen`'s key plus intake's idempotence make that harmless.
Unmatched messages leave only a `mail_seen` row (their UID): nothing else is kept.
"""

from __future__ import annotations

import imaplib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from followup import services
from followup.bootstrap import Env
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
# In imaplib's raw FETCH data: the text just before the header section's literal, and the UID.
_HEADER_LITERAL = re.compile(rb"BODY\[HEADER\.FIELDS \([^)]*\)\] \{\d+\}$", re.IGNORECASE)
_HEADER_INLINE = re.compile(rb'BODY\[HEADER\.FIELDS \([^)]*\)\] (NIL|"(?:[^"\\]|\\.)*")', re.IGNORECASE)
_FETCH_UID = re.compile(rb"[( ]UID (\d+)", re.IGNORECASE)
DIRECTIONS: dict[str, Literal["received", "sent"]] = {"inbox": "received", "junk": "received", "sent": "sent"}
STEPS = ("selected", "headers", "bodies", "recorded", "committed")

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

    @property
    def new_mail_ids(self) -> list[int]:
        return [mail_id for f in self.folders for mail_id in f.new_mail_ids]

    def to_json(self) -> dict[str, Any]:
        return {
            "account": self.account,
            "duration_s": round(self.duration, 3),
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
    """Read what is new in the account's INBOX, Junk and Sent folders."""
    started = time.monotonic()
    report = SyncReport(account.name)
    client = (client_factory or imap.connect)(account)
    try:
        run = _Run(env, account, client, hooks or (lambda _step: None), report)
        run.all_folders()
    finally:
        imap.close(client)
    report.duration = time.monotonic() - started
    return report


class _Run:
    def __init__(self, env: Env, account: MailAccount, client: Any, hook: Hook, report: SyncReport) -> None:
        self.env, self.account, self.client, self.hook, self.report = env, account, client, hook, report
        self.listed = False
        self.index: Any = None  # MatchIndex, built on first need: an unchanged mailbox never needs it
        self.first_new_id = store.last_mail_id(env.conn, env.owner)

    def all_folders(self) -> None:
        states = store.folder_states(self.env.conn, self.env.owner, self.account.name)
        overrides = self.account.folders
        stale = any(states.get(role) is None or states[role].folder != overrides[role] for role in overrides)
        if stale or any(role not in states for role in store.SYNC_ROLES):
            states = self._list()
        for role in store.SYNC_ROLES:
            if role in states:
                self._folder(role, states)

    def _list(self) -> dict[str, store.FolderState]:
        with imap.mail_errors(self.account, "listing the folders"):
            roles = imap.folder_roles(self.client, self.account.folders)
        self.listed = True
        with transaction(self.env.conn):
            store.save_roles(self.env.conn, self.env.owner, self.account.name, roles)
        return store.folder_states(self.env.conn, self.env.owner, self.account.name)

    def _status(self, folder: str) -> dict[bytes, int]:
        condstore = self.client.has_capability("CONDSTORE")
        what = ["UIDNEXT", "UIDVALIDITY", *(["HIGHESTMODSEQ"] if condstore else [])]
        with imap.mail_errors(self.account, f"reading the status of {folder}"):
            return {bytes(k).upper(): int(v) for k, v in self.client.folder_status(folder, what).items()}

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
        self._read(state, report, status.get(b"HIGHESTMODSEQ"))

    def _read(self, state: store.FolderState, report: FolderReport, status_modseq: int | None) -> None:
        conn, owner, name, folder = self.env.conn, self.env.owner, self.account.name, state.folder
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
            with transaction(conn):
                store.forget_folder(conn, owner, name, folder)
            report.rescanned, start = True, 1
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
        batch: list[int],
        next_uid: int,
        modseq: int | None,
    ) -> None:
        from followup.mail import intake
        from followup.mail import match as matching
        from followup.mail.headers import parse_headers
        from followup.mail.parse import parse_message

        folder, direction = state.folder, DIRECTIONS[state.role]
        with imap.mail_errors(self.account, f"reading headers in {folder}"):
            heads = self._headers(batch)
        self.hook("headers")
        if self.index is None:
            self.index = matching.MatchIndex.build(self.env.conn, self.env.owner, tz=self.env.tz)
        matches: dict[int, Any] = {}
        for uid in batch:
            head = heads.get(uid)
            if head is None:  # expunged between SEARCH and FETCH
                continue
            # Matching never reads the date; the full message of a match is parsed below anyway.
            headers = parse_headers(head, with_date=False)
            found = matching.match(headers, self.index, direction=direction)
            if found is not None:
                matches[uid] = found
                # A later message in this sync that replies to this one threads onto it, even
                # from an address nobody knows yet (an applicant-tracking system, a colleague).
                self.index.remember(
                    headers.message_id, matching.Known(found.application_id, found.contact_id, None, direction)
                )
        bodies: dict[int, Any] = {}
        if matches:
            with imap.mail_errors(self.account, f"reading matched messages in {folder}"):
                # INTERNALDATE is only needed for a match without a Date header: asked here, for
                # the few matches, rather than parsed for every message of the header fetch.
                bodies = self.client.fetch(sorted(matches), ["BODY.PEEK[]", "INTERNALDATE"])
            self.hook("bodies")
        conn, owner = self.env.conn, self.env.owner
        replan: set[int] = set()
        with transaction(conn):
            for uid, found in list(matches.items()):
                raw = bodies.get(uid, {}).get(b"BODY[]")
                if raw is None:  # expunged since the header fetch
                    matches.pop(uid)
                    continue
                arrived = bodies[uid].get(b"INTERNALDATE")
                parsed = parse_message(raw)
                if parsed.date is None and isinstance(arrived, datetime):
                    # No Date header: the server's arrival time is the next best thing.
                    parsed = replace(parsed, date=arrived if arrived.tzinfo else arrived.replace(tzinfo=UTC))
                mail_id = intake.record(
                    self.env,
                    parsed,
                    account=self.account.name,
                    folder=folder,
                    uidvalidity=uidvalidity,
                    uid=uid,
                    direction=direction,
                    match=found,
                    auto_apply=self.account.auto_apply,
                    to_refresh=replan,
                )
                report.matched += 1
                if mail_id > self.first_new_id and mail_id not in report.new_mail_ids:
                    report.new_mail_ids.append(mail_id)
                    report.new_touchpoints += store.touchpoint_of(conn, mail_id) is not None
            # Each application's plan once per batch, not once per message: replanning reads
            # all of an application's touchpoints, so per message it grows with their square.
            services.refresh(self.env, replan)
            seen = [(uid, uid in matches) for uid in batch if uid in heads]
            store.mark_seen(conn, owner, self.account.name, folder, uidvalidity, seen)
            report.seen += len(seen)
            self.hook("recorded")
            self._commit(folder, uidvalidity, next_uid, modseq)
        self.hook("committed")

    def _headers(self, batch: list[int]) -> dict[int, bytes]:
        """The header fields of these UIDs, by UID; an expunged message is simply absent.

        IMAPClient's generic response parser, token by token, costs several times the
        transfer itself on a large mailbox. This one response has a fixed shape (a UID and
        one literal per message), so it is read from imaplib's raw data with two regular
        expressions. Anything unexpected falls back to IMAPClient's own fetch.
        """
        raw_imap = getattr(self.client, "_imap", None)
        if isinstance(raw_imap, imaplib.IMAP4) and getattr(self.client, "use_uid", False):
            typ, data = raw_imap.uid("FETCH", _uid_set(batch), f"({HEADER_FIELDS})")
            if typ != "OK":
                raise imaplib.IMAP4.error(f"FETCH failed: {data!r}")
            heads = _raw_headers(data, set(batch))
            if heads is not None:
                return heads
        fetched = self.client.fetch(batch, [HEADER_FIELDS])
        return {uid: d.get(HEADER_KEY) or b"" for uid, d in fetched.items()}

    def _commit(self, folder: str, uidvalidity: int, uidnext: int, modseq: int | None) -> None:
        with transaction(self.env.conn):
            store.set_folder_state(
                self.env.conn,
                self.env.owner,
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


def _raw_headers(data: list[Any], wanted: set[int]) -> dict[int, bytes] | None:
    """Header bytes by UID from imaplib's FETCH data; None when its shape is not the expected one.

    imaplib gives each response as its literals, each a (text before, literal) pair, then
    the rest of the line as bytes; a response without a literal is that line alone. Other
    FETCH responses (unsolicited flag updates, other UIDs) are skipped, as IMAPClient does.
    """
    heads: dict[int, bytes] = {}
    texts: list[bytes] = []
    head: bytes | None = None
    for item in data:
        if item is None:  # imaplib's placeholder when no FETCH response came at all
            continue
        if isinstance(item, tuple):
            before, literal = item
            texts.append(before)
            if _HEADER_LITERAL.search(before):
                head = literal
            continue
        texts.append(item)
        line = b"".join(texts)
        texts = []
        found = _FETCH_UID.search(line)
        uid = int(found[1]) if found else 0
        if uid in wanted:
            if head is None and b"BODY[" in line.upper():
                inline = _HEADER_INLINE.search(line)
                if inline is None:
                    return None  # a header section in a form not read here
                head = b"" if inline[1].upper() == b"NIL" else re.sub(rb"\\(.)", rb"\1", inline[1][1:-1])
            if head is not None:  # else e.g. a flag update that carries the UID
                heads[uid] = head
        head = None
    if texts:
        return None  # a literal without the rest of its line: not a response imaplib completes
    return heads
