"""The names a draft may mention, spelled as stored, and how close a written word is to one of them.

Shared by the name checks and the salutation check. A written word is compared
with each stored name's words in four grades, best first: exactly the same,
only the capitals differ, only accents or apostrophes differ ("Jurgen",
"Mueller", "OBrien"), or a small edit away ("Jon" for "John": 1 edit for names of 3-5
letters, 2 from 6 letters, always keeping the first letter).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

from followup.drafting.checks import lexicon
from followup.drafting.checks.stored import words_of
from followup.drafting.checks.text import WORD, normalise, transliterate, word_key
from followup.drafting.model import CheckContext

LEGAL_FORMS = {
    "ab", "ag", "as", "bv", "co", "company", "corp", "corporation", "gmbh", "group", "inc", "incorporated", "kg",
    "llc", "llp", "lp", "ltd", "limited", "nv", "oy", "plc", "pty", "sa", "sarl", "sas", "se", "spa", "srl",
}  # fmt: skip
# Abbreviation and long form of one legal form: "ACME Corporation" is fine for "ACME Corp".
SAME_FORM = {"corporation": "corp", "incorporated": "inc", "limited": "ltd", "company": "co"}
PARTICLES = {
    "al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "la",
    "le", "mac", "ni", "nic", "op", "st", "te", "ten", "ter", "van", "von", "y", "zu",
}  # fmt: skip
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "dra", "prof", "professor", "herr", "frau", "mme", "mlle", "m"}
TITLES |= {"sr", "sra", "srta", "sir", "madam"}  # as users enter them for a greeting ("Sra.")


class Grade(IntEnum):
    EXACT = 0
    CASE = 1  # "acme" for "ACME"
    ACCENT = 2  # "Jurgen" for "Jürgen", "OBrien" for "O'Brien"
    FUZZY = 3  # "Jon" for "John"


@dataclass(frozen=True)
class KnownName:
    text: str  # as stored
    words: tuple[str, ...]
    is_company: bool

    def legal_form(self) -> str | None:
        forms = [word_key(w) for w in self.words if word_key(w) in LEGAL_FORMS]
        return forms[-1] if forms else None


@dataclass(frozen=True)
class Match:
    name: KnownName
    word: str  # the stored word it stands for
    grade: Grade


def same_form(a: str, b: str) -> bool:
    return SAME_FORM.get(a, a) == SAME_FORM.get(b, b)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of two letters is one edit), or limit + 1 when above limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def grade(written: str, stored: str, *, fuzzy: bool = True) -> Grade | None:
    """How the written word relates to the stored one, or None when they are different words."""
    return _grade(normalise(written), normalise(stored), fuzzy)


def _grade(written: str, stored: str, fuzzy: bool) -> Grade | None:
    """`grade` of two words whose apostrophes are already normalised (the hot path of the name check)."""
    if written == stored:
        return Grade.EXACT
    if written.casefold() == stored.casefold():
        return Grade.CASE
    a, b = word_key(written), word_key(stored)
    if a == b or transliterate(written) == transliterate(stored):
        return Grade.ACCENT
    if not fuzzy or len(a) < 3 or len(b) < 3 or a[0] != b[0]:
        return None
    limit = 1 if len(b) <= 5 else 2
    return Grade.FUZZY if edit_distance(a, b, limit) <= limit else None


def _near(a: str, b: str) -> bool:
    """Necessary for FUZZY: the same first letter and lengths at most two apart."""
    return a[:1] == b[:1] and abs(len(a) - len(b)) <= 2


def _close(written: str, stored: str) -> bool:
    """Necessary for any grade, and cheap: what `grade` needs before it is worth calling."""
    a, b = word_key(written), word_key(stored)
    return a == b or _near(a, b) or transliterate(written) == transliterate(stored)


def is_strong(stored_word: str) -> bool:
    """A stored word distinctive enough to look for on its own ("Jürgen", "ACME"; not "de", "Corp", "Stone")."""
    folded = word_key(stored_word)
    return (
        len(folded) >= 3 and folded not in LEGAL_FORMS and folded not in PARTICLES and not lexicon.is_ordinary(folded)
    )


class Directory:
    """The stored names of one check context, and the words that are right whatever they look like."""

    def __init__(self, context: CheckContext) -> None:
        self.context = context

    @cached_property
    def names(self) -> tuple[KnownName, ...]:
        ctx = self.context
        seen: set[str] = set()
        names: list[KnownName] = []
        for text, is_company in (
            (ctx.recipient, False),
            (ctx.company, True),
            *((n, False) for n in ctx.known_names),
        ):
            if not text or not text.strip() or text.strip() in seen:
                continue
            seen.add(text.strip())
            words = tuple(normalise(m.group()) for m in WORD.finditer(text))
            company = is_company or any(word_key(w) in LEGAL_FORMS for w in words[1:])
            if words:
                names.append(KnownName(text.strip(), words, company))
        return tuple(names)

    @cached_property
    def recipient(self) -> KnownName | None:
        wanted = (self.context.recipient or "").strip()
        return next((n for n in self.names if n.text == wanted), None) if wanted else None

    @cached_property
    def own_words(self) -> tuple[str, ...]:
        sender = self.context.sender
        return tuple(m.group() for m in WORD.finditer(sender.name)) if sender else ()

    @cached_property
    def exempt(self) -> frozenset[str]:
        """Case-folded words never taken for a misspelt name: the user's own words and the role's."""
        words = {w.casefold() for w in self.context.personal_words}
        words |= {m.group().casefold() for m in WORD.finditer(self.context.role or "")}
        return frozenset(words)

    @cached_property
    def stored_words(self) -> frozenset[str]:
        """Words of the user's notes, tags, roles and places, exactly as written there."""
        return words_of(self.context.user_texts)

    def is_own(self, word: str) -> bool:
        """The user's own name, however written: never reported."""
        return any(_close(word, own) and grade(word, own) is not None for own in self.own_words)

    @cached_property
    def _seen(self) -> dict[str, dict[KnownName, Match]]:
        return {}  # "the", "and", "you" come back often: grade each written form once

    def matches(self, word: str) -> dict[KnownName, Match]:
        """For each stored name, the best grade of the written word against its words."""
        if word not in self._seen:
            self._seen[word] = self._grade_all(normalise(word))
        return self._seen[word]

    @cached_property
    def _stored(self) -> tuple[tuple[KnownName, str, str, str], ...]:
        """Each stored word with its folded and transliterated forms, computed once."""
        return tuple((name, w, word_key(w), transliterate(w)) for name in self.names for w in name.words)

    def _grade_all(self, word: str) -> dict[KnownName, Match]:
        found: dict[KnownName, Match] = {}
        if word.casefold() in self.exempt or self.is_own(word):
            return found
        capitalised = word[:1].isupper()
        folded, typed = word_key(word), transliterate(word)
        for name, stored, stored_folded, stored_typed in self._stored:
            if folded != stored_folded and typed != stored_typed and not (capitalised and _near(folded, stored_folded)):
                continue  # cheap pre-filter: most words are nowhere near a stored name
            # "Dear" is one letter from "der" of "van der Berg": a particle is only ever written as it is
            g = _grade(word, stored, capitalised and stored_folded not in PARTICLES)
            if g is not None and (name not in found or g < found[name].grade):
                found[name] = Match(name, stored, g)
        if word in self.stored_words:
            # written as the user stored it: never a misspelling, though still a name ("Bob" vouches for "Stones")
            return {name: match for name, match in found.items() if match.grade is Grade.EXACT}
        return found
