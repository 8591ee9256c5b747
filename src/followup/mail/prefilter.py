"""Which header blocks of a fetched batch could match anything, decided for the batch at once,
and the matches among them (`match_batch`).

Every matching rule (`followup.mail.match`) needs something known in the header fields:
a known Message-ID (thread), a contact's address (contact), or an address at a company's
domain (domain). Each of those is a local@host token, and in a plain header block every
"@" belongs to one. Parsing every block, or looking at each token in Python, would cost
more than the IMAP fetch itself on a large mailbox, so the batch is searched as one text
with a few C-level operations: one regular expression for the host after every "@", the
same over the reversed text for the local part before it (reversed, it too starts at
"@", which is what makes it fast), and set intersections with what is known. Only the
blocks found are parsed and matched.

It may let through too much, never too little: a block that is not plain (encoded words,
an "@" next to a space, a quote, a comment or 8-bit text) is always let through. Matching
reads addresses from the raw header, never from inside an encoded word (mail.parse), so
an encoded word cannot hide an address from this search; such blocks go through anyway,
as a precaution. A known Message-ID or address of another form (no "@", a quoted
local part) is looked for as a whole; one with a space or 8-bit text in it lets every
block through.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence

from followup.mail.match import Known, MailDirection, Match, MatchIndex, base_domain, is_free_mail, match, message_ids

_ATEXT = rb"a-z0-9!#$%&'*+/=?^_`{|}~.-"
_HOSTS = re.compile(rb"@([a-z0-9.-]*)")
_LOCALS_REVERSED = re.compile(rb"@([" + _ATEXT + rb"]*)")
_PLAIN_LOCAL = re.compile(rb"[" + _ATEXT + rb"]+")
_MARKERS = (b"=?", "\u212a".encode())


class Prefilter:
    """Kept for a whole sync: what is known is read from the MatchIndex as it grows."""

    def __init__(self, index: MatchIndex) -> None:
        self.index = index
        self._size = -1
        self._locals: frozenset[bytes] = frozenset()  # reversed local parts of everything known
        # Known ids and addresses of another form ("<20261118.x>" with no "@", a quoted local part),
        # looked for as they are; `_irregular` when one has a space or 8-bit text and cannot be.
        self._others: list[bytes] = []
        self._irregular = False
        self._company: dict[bytes, bool] = {}

    def scan(self, blocks: Sequence[bytes]) -> Scan:
        self._refresh()
        return Scan(self, blocks)

    def _refresh(self) -> None:
        size = len(self.index.threads) + len(self.index.people)
        if size == self._size:
            return
        self._size = size
        keys = [key[1:-1] for key in self.index.threads]  # "<local@host>"
        plain: set[bytes] = set()
        self._others, self._irregular = [], False
        for key in itertools.chain(keys, self.index.people):
            raw = key.lower().encode("utf-8", "replace")
            local = _local(raw)
            if local is not None:
                plain.add(local[::-1])
            elif raw.isascii() and raw and not any(c in raw for c in b" \t\r\n"):
                self._others.append(raw)
            else:
                self._irregular = True
        self._locals = frozenset(plain)

    def is_company(self, host: bytes) -> bool:
        known = self._company.get(host)
        if known is None:
            base = base_domain(host.decode("ascii"))
            known = self._company[host] = bool(base) and base in self.index.domains and not is_free_mail(base)
        return known


def _where(items: list[bytes], wanted: set[bytes]) -> Iterable[int]:
    """The positions of the wanted items: a loop in C, for the ~3 items of every message in a batch."""
    return itertools.compress(itertools.count(), map(wanted.__contains__, items))


def _local(address: bytes) -> bytes | None:
    """The local part of a plain local@host, else None."""
    local, at, _host = address.rpartition(b"@")
    return local if at and _PLAIN_LOCAL.fullmatch(local) else None


class Scan:
    """One batch: the hosts and local parts around each "@", in order, and which block each is in."""

    def __init__(self, prefilter: Prefilter, blocks: Sequence[bytes]) -> None:
        self.prefilter = prefilter
        self.count = len(blocks)
        text = b"\n".join(blocks).lower()
        self.hosts = _HOSTS.findall(text)
        self.locals = _LOCALS_REVERSED.findall(text[::-1])
        self.locals.reverse()
        # The k-th "@" of the text is in the block where this running count first exceeds k.
        self.ends = list(itertools.accumulate(block.count(b"@") for block in blocks))
        self.text = text
        # Where each block starts in the text (blocks are joined with one separator byte).
        self.starts = list(itertools.accumulate((len(block) + 1 for block in blocks[:-1]), initial=0))
        # Blocks the byte-level search cannot vouch for: encoded words (a precaution; matching
        # reads no address from inside one), and the Kelvin sign, the one non-ASCII character whose lower case is an
        # ASCII letter (so "\u212aim@x" is matched as kim@x). Other 8-bit text never turns
        # into ASCII, and an "@" next to it has an empty local part or host: a candidate anyway.
        self.odd: set[int] = set()
        for marker in _MARKERS:
            at = text.find(marker)
            while at >= 0:
                self.odd.add(bisect.bisect_right(self.starts, at) - 1)
                at = text.find(marker, at + 1)

    def candidates(self) -> list[int]:
        """The indexes of the blocks that may match, in order."""
        prefilter = self.prefilter
        if prefilter._irregular:
            return list(range(self.count))
        at: set[int] = set()
        hosts = set(self.hosts)
        companies = {host for host in hosts if not host or prefilter.is_company(host)}
        if companies:
            at.update(_where(self.hosts, companies))
        known = set(prefilter._locals.intersection(self.locals))
        if b"" in self.locals:  # an "@" with no plain local part before it
            known.add(b"")
        if known:
            at.update(self._naming(known))
        found = self.odd | {self._block(k) for k in at}
        for other in prefilter._others:
            at_byte = self.text.find(other)
            while at_byte >= 0:
                found.add(bisect.bisect_right(self.starts, at_byte) - 1)
                at_byte = self.text.find(other, at_byte + 1)
        return sorted(found)

    def naming(self, message_id_fields: Iterable[str | None]) -> list[int]:
        """The blocks that may name one of these Message-IDs (just learned from earlier blocks)."""
        keys = [key for field in message_id_fields for key in message_ids(field)]
        wanted = {_local(key[1:-1].encode("utf-8", "replace")) for key in keys}
        if None in wanted:  # an id of another form: as good as any block
            return list(range(self.count))
        return sorted({self._block(k) for k in self._naming({w[::-1] for w in wanted if w})})

    def _naming(self, reversed_locals: Iterable[bytes]) -> Iterable[int]:
        return _where(self.locals, set(reversed_locals))

    def _block(self, k: int) -> int:
        return bisect.bisect_right(self.ends, k)


def match_batch(
    prefilter: Prefilter, blocks: Sequence[bytes], direction: MailDirection
) -> list[tuple[int, Match, str | None]]:
    """(index, match, Message-ID) of the blocks that match, in order; each match is remembered in
    the index, so that a later message in this sync that replies to it threads onto it, even from
    an address nobody knows yet (an applicant-tracking system, a colleague)."""
    from followup.mail.headers import parse_headers

    index = prefilter.index
    scan = prefilter.scan(blocks)
    found: list[tuple[int, Match, str | None]] = []
    done: set[int] = set()
    todo = scan.candidates()
    while todo:
        learned: list[str | None] = []
        for at in todo:
            done.add(at)
            headers = parse_headers(blocks[at], with_date=False)
            result = match(headers, index, direction=direction)
            if result is not None:
                found.append((at, result, headers.message_id))
                index.remember(headers.message_id, Known(result.application_id, result.contact_id, None, direction))
                learned.append(headers.message_id)
        # Replies in this batch to what just matched were not candidates before: look again.
        todo = sorted(set(scan.naming(learned)) - done) if learned else []
    return sorted(found, key=lambda item: item[0])
