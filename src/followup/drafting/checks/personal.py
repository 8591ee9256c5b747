"""The user's own dictionary: words the spelling check should accept (names, tools, jargon).

A plain UTF-8 file, one word per line; lines starting with "#" are comments.
`followup check --learn WORD` appends to it.
"""

from __future__ import annotations

import os

from followup.errors import InvalidInput
from followup.files import make_private_file, make_private_folder

HEADER = "# followup personal dictionary: one word per line; the spelling check accepts these.\n"


def load_personal_words(path: str | os.PathLike[str]) -> frozenset[str]:
    """The words in the file, as written; an absent file is an empty dictionary."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise InvalidInput(
            f"cannot read your personal dictionary: {reason}",
            hint="Fix or delete the file; it holds one word per line.",
            where=os.fspath(path),
        ) from None
    return frozenset(word for line in lines if (word := line.strip()) and not word.startswith("#"))


def add_personal_word(path: str | os.PathLike[str], word: str) -> bool:
    """Add WORD to the file (created with its folder if needed); False when it was already there."""
    word = word.strip()
    if not word or any(c.isspace() for c in word) or word.startswith("#") or len(word) > 64:
        raise InvalidInput(
            f"{word!r} cannot go into the dictionary",
            hint="Give one word at a time, without spaces, e.g. --learn Databricks.",
        )
    known = {w.casefold() for w in load_personal_words(path)}
    if word.casefold() in known:
        return False
    try:
        make_private_folder(os.path.dirname(os.path.abspath(path)))
        prefix = HEADER if not os.path.exists(path) or os.path.getsize(path) == 0 else ""
        if not prefix:
            with open(path, "rb") as fh:
                fh.seek(-1, os.SEEK_END)
                # A file edited by hand may lack its last line break; don't glue two words together.
                prefix = "" if fh.read(1) == b"\n" else "\n"
        make_private_file(path)  # the words say where one applies
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(prefix + word + "\n")
    except OSError as exc:
        raise InvalidInput(f"cannot write your personal dictionary: {exc.strerror}", where=os.fspath(path)) from None
    return True
