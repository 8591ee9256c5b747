"""Mail saved from a mail program: the messages of an .eml file, an mbox file or a Maildir folder.

Each message comes with a stable UID, so that reading the same file again gives the same
numbers: a hash of its Message-ID, else its place in the file (or its Maildir key). Nothing
here writes anything; the import use case (app/mail_import.py) records what matched.
"""

from __future__ import annotations

import hashlib
import mailbox
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from followup.errors import InvalidInput, NotFound
from followup.mail.parse import ParsedMessage, parse_message


def oldest_first(source: Path) -> list[tuple[int, ParsedMessage]]:
    """(stable UID, parsed message) of every message at `source`, oldest first and undated last,
    so that an answer comes after what it answers."""
    loaded = [(uid, parse_message(raw)) for uid, raw in saved_messages(source)]
    loaded.sort(key=lambda item: (item[1].date is None, item[1].date or datetime.min.replace(tzinfo=UTC)))
    return loaded


def saved_messages(source: Path) -> Iterator[tuple[int, bytes]]:
    """(stable UID, raw bytes) of each message in an .eml file, an mbox file or a Maildir folder."""
    if not source.exists():
        raise NotFound(f"{source} does not exist", hint="Give an .eml file, an mbox file or a Maildir folder.")
    try:
        if source.is_dir():
            if not ((source / "cur").is_dir() and (source / "new").is_dir()):
                raise InvalidInput(
                    f"{source} is a folder but not a Maildir (a Maildir has cur/ and new/ folders)",
                    hint="Give the Maildir folder itself, an mbox file, or an .eml file.",
                )
            box = mailbox.Maildir(source, factory=None, create=False)
            for key in sorted(box.keys()):
                raw = box.get_bytes(key)
                yield _uid(_message_id(raw), _uid(key, 0)), raw
            return
        with source.open("rb") as fh:
            is_mbox = fh.read(5) == b"From "
        if not is_mbox:
            raw = source.read_bytes()
            yield _uid(_message_id(raw), 0), raw
            return
        mbox = mailbox.mbox(source, create=False)
        for place, key in enumerate(mbox.keys()):
            raw = mbox.get_bytes(key)
            yield _uid(_message_id(raw), place), raw
    except OSError as exc:
        raise InvalidInput(f"cannot read {source}: {exc.strerror or exc}") from None


def _uid(parsed_id: str | None, fallback: int) -> int:
    if not parsed_id:
        return fallback
    # 56 bits: fits SQLite's signed 64-bit INTEGER, and collisions stay out of reach.
    return int(hashlib.sha256(parsed_id.strip().encode()).hexdigest()[:14], 16)


def _message_id(raw: bytes) -> str | None:
    return parse_message(raw).message_id
