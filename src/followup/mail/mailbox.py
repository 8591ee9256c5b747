"""Reading an IMAP mailbox for a sync: folder statuses, then batches of the new messages that match.

Nothing here writes to the store or opens a transaction: the sync use case (app/mail_sync.py) decides
what of a batch is kept and when, and this module only says what the server holds.

Statuses: the folders' STATUS in one LIST-STATUS command (RFC 5819) where the server has
it, else one STATUS per folder when asked. Messages: after SELECT, the new UIDs are read in
batches, first only the header fields matching needs (and of those only the blocks that name
a known host are parsed at all, `followup.mail.prefilter`), then the full message of those
that matched. The FETCH responses are read by `followup.mail.fetch` where the client is
imaplib underneath, else (and when a response has a shape that module does not read)
through IMAPClient.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followup.mail import imap
from followup.mail.accounts import MailAccount
from followup.mail.fetch import fetch_section
from followup.mail.match import MailDirection, Match
from followup.mail.prefilter import Prefilter, match_batch

# Each batch is one header FETCH (and one commit for the caller): large enough that round trips and
# commits are a small part of a first sync, small enough that an interruption loses little.
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

Hook = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Selected:
    """What SELECT (EXAMINE) said of a folder."""

    uidvalidity: int
    uidnext: int  # 0 when the server did not say
    highestmodseq: int | None
    exists: int


@dataclass(frozen=True, slots=True)
class Matched:
    """A new message that matched an application, read in full."""

    uid: int
    match: Match
    message_id: str | None
    raw: bytes
    arrived_at: datetime | None  # asked only when some message of the batch has no Date header


@dataclass(frozen=True, slots=True)
class Batch:
    """One batch of a folder's new UIDs: how many messages it held, those that matched, and the
    UIDNEXT the folder stands at once the batch is kept."""

    seen: int
    matched: list[Matched]
    next_uid: int
    last: bool  # the folder's last batch: the caller also keeps HIGHESTMODSEQ then


class Mailbox:
    """One logged-in connection, read folder by folder. `hook` is called after each step
    ("selected" is the caller's, "headers" and "bodies" are called here), for tests."""

    def __init__(self, account: MailAccount, client: Any, hook: Hook) -> None:
        self.account, self.client, self.hook = account, client, hook
        self.statuses: dict[str, dict[bytes, int]] = {}

    def folder_roles(self) -> dict[str, str]:
        with imap.mail_errors(self.account, "listing the folders"):
            return imap.folder_roles(self.client, self.account.folders)

    def ask_statuses(self, folders: list[str]) -> None:
        """The folders' STATUS in one LIST-STATUS command, kept for `status`; nothing where the server lacks it."""
        with imap.mail_errors(self.account, "reading the status of the folders"):
            self.statuses = imap.statuses(self.client, folders, self._status_items())

    def _status_items(self) -> list[str]:
        condstore = self.client.has_capability("CONDSTORE")
        return ["MESSAGES", "UIDNEXT", "UIDVALIDITY", *(["HIGHESTMODSEQ"] if condstore else [])]

    def status(self, folder: str) -> dict[bytes, int]:
        """Its STATUS: from the one LIST-STATUS command when the server has it, else asked alone."""
        if folder in self.statuses:
            return self.statuses.pop(folder)
        with imap.mail_errors(self.account, f"reading the status of {folder}"):
            found = self.client.folder_status(folder, self._status_items())
            return {bytes(k).upper(): int(v) for k, v in found.items()}

    def select(self, folder: str, status_modseq: int | None) -> Selected:
        with imap.mail_errors(self.account, f"opening {folder}"):
            selected = self.client.select_folder(folder, readonly=True)
        return Selected(
            uidvalidity=int(selected[b"UIDVALIDITY"]),
            uidnext=int(selected.get(b"UIDNEXT") or 0),
            # SELECT reports HIGHESTMODSEQ only after ENABLE CONDSTORE; STATUS already gave it.
            highestmodseq=selected.get(b"HIGHESTMODSEQ") or status_modseq,
            exists=int(selected.get(b"EXISTS") or 0),
        )

    def batches(
        self,
        folder: str,
        selected: Selected,
        start: int,
        direction: MailDirection,
        prefilter: Callable[[], Prefilter],
    ) -> Iterator[Batch]:
        """The selected folder's messages from UID `start` on, a batch at a time; none when
        there is nothing to read. `prefilter` is asked for only when there are headers to match."""
        server_next, exists = selected.uidnext, selected.exists
        span = server_next - start
        if exists and span > 0 and -(-span // BATCH) <= 1 + -(-min(span, exists) // BATCH):
            # The new UIDs are dense enough that fetching them by ranges takes no more commands
            # than a SEARCH for them would: skip the SEARCH (10,000 numbers to parse on a first sync).
            for low in range(start, server_next, BATCH):
                high = min(low + BATCH, server_next) - 1
                yield self._batch(folder, (low, high), high + 1, high == server_next - 1, direction, prefilter)
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
            yield self._batch(folder, batch, next_uid, last, direction, prefilter)

    def _batch(
        self,
        folder: str,
        batch: list[int] | tuple[int, int],
        next_uid: int,
        last: bool,
        direction: MailDirection,
        prefilter: Callable[[], Prefilter],
    ) -> Batch:
        """Read one batch of UIDs: a list of them, or a (first, last) range of which some may not exist."""
        with imap.mail_errors(self.account, f"reading headers in {folder}"):
            heads = self._headers(batch)
        self.hook("headers")
        if isinstance(batch, tuple):  # a range: whatever exists in it
            uids = sorted(uid for uid in heads if batch[0] <= uid <= batch[1])
        else:
            uids = [uid for uid in batch if uid in heads]  # else expunged since SEARCH
        found = match_batch(prefilter(), [heads[uid] for uid in uids], direction)
        matches = {uids[at]: (match, message_id) for at, match, message_id in found}
        bodies: dict[int, tuple[bytes, datetime | None]] = {}
        if matches:
            with imap.mail_errors(self.account, f"reading matched messages in {folder}"):
                # The arrival time stands in for a missing Date header: asked only when one is missing.
                undated = any(not _DATED.search(heads[uid]) for uid in matches)
                bodies = self._bodies(sorted(matches), with_arrival=undated)
            self.hook("bodies")
        matched = [
            Matched(uid, match, message_id, *bodies[uid])
            for uid, (match, message_id) in matches.items()
            if uid in bodies  # else expunged since the header fetch
        ]
        return Batch(len(uids), matched, next_uid, last)

    def _headers(self, batch: list[int] | tuple[int, int]) -> dict[int, bytes]:
        """The header fields of these UIDs, by UID; an expunged message is simply absent."""
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
        raw_imap = imap.imaplib_connection(self.client)
        if raw_imap is None or not getattr(self.client, "use_uid", False):
            return None
        return fetch_section(raw_imap, uid_set, what, section)


@contextmanager
def opened(
    account: MailAccount,
    client_factory: Callable[[MailAccount], Any] | None,
    hook: Hook,
    deadline: imap.Deadline | None = None,
) -> Iterator[Mailbox]:
    """The account's mailbox, logged in (by `client_factory`, else `imap.connect`), logged out after.

    With a `deadline`, connecting and everything done with the mailbox must be over by
    then; past it, the connection is cut and `deadline.error()` raised.
    """
    factory = client_factory or imap.connect
    if deadline is None:
        client = factory(account)
        try:
            yield Mailbox(account, client, hook)
        finally:
            imap.close(client)
        return
    client = deadline.connect(factory)
    try:
        with deadline.watching(client):
            yield Mailbox(account, client, hook)
    finally:
        imap.close(client)


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
