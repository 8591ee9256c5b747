"""`wrong-salutation`: the greeting names someone other than the person the draft is for.

Looks at the first three non-empty lines of the body for "Dear", "Hi", "Hello",
"Hallo", "Hey", "Good morning/afternoon/evening", followed by a title or not
and a first name, last name or full name. The greeting is right when any name
in it is (or is a misspelling of) a word of the recipient's name: "Dear Ann,",
"Dear Ms. Lee,", "Hi Ann and Bob,". A misspelt recipient is left to
`name-misspelt`. With no recipient known, "Dear Hiring Team," and the like are
fine; with one known, a generic greeting in an email or letter is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.people import TITLES, Directory, KnownName, grade
from followup.drafting.checks.text import WORD, Doc, word_key
from followup.drafting.model import Finding, Severity

_GREETING = re.compile(
    r"^[ \t]*(?P<greeting>Dear|Hi|Hello|Hallo|Hey|Greetings|Good (?:morning|afternoon|evening))[ \t]+"
    r"(?P<who>[^,:;!?\n]*?)[ \t]*(?=[,:;!?\n—–]|$)",
    re.IGNORECASE,
)
_GROUPS = {"team", "committee", "panel", "department", "all", "everyone", "colleagues", "recruiters", "folks"}
_UNFILLED = re.compile(r"[\[\]{}<>_$%«»]")  # a placeholder greeting is `unfilled-placeholder`'s to report
# Words of a greeting that name nobody: "Dear Hiring Team", "Hi all", "To whom it may concern".
_GENERIC = {
    "team", "hiring", "manager", "managers", "committee", "sir", "madam", "or", "and", "all", "everyone",
    "there", "again", "folks", "recruiting", "recruitment", "talent", "acquisition", "hr", "people", "human",
    "resources", "colleagues", "panel", "interview", "interviewers", "the", "of", "selection", "search",
}  # fmt: skip


def check_salutation(doc: Doc) -> Iterator[Finding]:
    greeting = _find_greeting(doc)
    if greeting is None:
        return
    start, end, said, who = greeting
    directory = Directory(doc.context)
    recipient = directory.recipient
    names = [w for w in who if w[:1].isupper() and word_key(w) not in _GENERIC and word_key(w) not in TITLES]
    if recipient is not None and any(grade(w, stored) is not None for w in names for stored in recipient.words):
        return  # right, or misspelt (which `name-misspelt` reports)
    if any(word_key(w) in _GROUPS for w in who):
        names = []  # "Dear Data team,", "Hi all": a group, not a person
    if recipient is None:
        # A first name the user shares with a stored contact greets that contact: Zoë writing to Zoe.
        if names and all(directory.is_own(w) and not _someone_stored(directory, w) for w in names):
            yield doc.finding(
                "wrong-salutation",
                Severity.ERROR,
                f"“{said}” greets you yourself; greet the person you are writing to.",
                start,
                end,
            )
        return
    if not names:
        if doc.context.kind is not None and doc.context.kind.medium in ("email", "letter"):
            yield doc.finding(
                "wrong-salutation",
                Severity.WARNING,
                f"You know who this is for: greet {recipient.text} by name, e.g. “Dear {recipient.words[0]},”.",
                start,
                end,
            )
        return
    other = _someone_else(directory, names, recipient)
    whom = f", not {other.text}" if other else ""
    yield doc.finding(
        "wrong-salutation",
        Severity.ERROR,
        f"“{said}” greets the wrong person: this draft is for {recipient.text}{whom}; "
        f"write e.g. “Dear {recipient.words[0]},”.",
        start,
        end,
    )


def _find_greeting(doc: Doc) -> tuple[int, int, str, list[str]] | None:
    """Start and end of "Dear Mr. Smith", its text, and the words after the greeting word."""
    lines = 0
    for line in re.finditer(r"[^\n]*", doc.body):
        if not line.group().strip():
            continue
        match = _GREETING.match(line.group())
        if match and _UNFILLED.search(line.group()):
            return None
        if match:
            base = doc.body_start + line.start()
            words = _addressee(match.group("who"))
            start = base + match.start("greeting")
            end = base + match.start("who") + words[-1].end() if words else base + match.end("greeting")
            return start, end, doc.text[start:end], [w.group() for w in words]
        lines += 1
        if lines == 3:
            break
    return None


def _addressee(who: str) -> list[re.Match[str]]:
    """The words up to the end of the first sentence ("Hi Ann. Thanks ..." → "Ann"), at most six."""
    words: list[re.Match[str]] = []
    for word in WORD.finditer(who):
        if words and "." in who[words[-1].end() : word.start()] and word_key(words[-1].group()) not in TITLES:
            break
        words.append(word)
    return words[:6]


def _someone_else(directory: Directory, names: list[str], recipient: KnownName) -> KnownName | None:
    for known in directory.names:
        if known is not recipient and any(grade(w, s) is not None for w in names for s in known.words):
            return known
    return None


def _someone_stored(directory: Directory, word: str) -> bool:
    """A stored person other than the user has this word in their name."""
    own = word_key("".join(directory.own_words))
    return any(
        word_key("".join(known.words)) != own and any(grade(word, stored) is not None for stored in known.words)
        for known in directory.names
    )
