"""`name-misspelt` and `company-misspelt`: a stored name written differently from how it is stored.

The playbook asks for names spelled right in every message. A written word is
reported when it is close to a word of a stored name without being it:

* different capitals ("acme corp" for "ACME Corp"): a warning;
* different accents or apostrophes ("Jurgen", "OBrien"), a small misspelling
  ("Jon" for "John"), or another legal form ("Acme Inc" for "ACME Corp"): an error.

To keep ordinary capitalised words out ("Data" is one edit from "Dana", "Let"
from "Lee"), a near miss counts only when the stored word is distinctive and the
written one is not an ordinary English word, or when it stands where a name
must be: after "Dear"/"Hi"/a title, or next to a correctly written part of the
same name ("Ann Lea"). The user's own name and personal words never count, nor
a word written as it stands in the user's notes, tags, roles or places, nor an
English word in small letters that a one-word name happens to be ("an apple"
for the company "Apple"; "acme corp" is still the company written small).
"""

from __future__ import annotations

from collections.abc import Iterator

from followup.drafting.checks import lexicon
from followup.drafting.checks.people import (
    LEGAL_FORMS,
    TITLES,
    Directory,
    Grade,
    KnownName,
    Match,
    is_strong,
    same_form,
)
from followup.drafting.checks.text import Doc, Word, strip_possessive, word_key
from followup.drafting.model import Finding, Fix, FixKind, Severity

GREETINGS = {"dear", "hi", "hello", "hallo", "hey", "morning", "afternoon", "evening", "thanks"}


def check_names(doc: Doc) -> Iterator[Finding]:
    directory = Directory(doc.context)
    if not directory.names:
        return
    words = [Word(w.start, w.start + len(strip_possessive(w.text)), strip_possessive(w.text)) for w in doc.words]
    matches = [directory.matches(w.text) for w in words]
    flagged = [_flag(doc, words, matches, i) for i in range(len(words))]
    i = 0
    while i < len(words):
        match = flagged[i] or _legal_form_conflict(doc, words, matches, i)
        if match is None:
            i += 1
            continue
        first, last = _extend(doc, words, matches, i, match.name)
        finding = _report(doc, words, matches, flagged, first, last, match.name)
        if finding is not None:
            yield finding
        i = last + 1


def _flag(doc: Doc, words: list[Word], matches: list[dict[KnownName, Match]], i: int) -> Match | None:
    """The stored word this written word misspells, if it does (None when right or unrelated)."""
    found = matches[i]
    if not found or any(m.grade is Grade.EXACT for m in found.values()):
        return None  # right for at least one stored name, e.g. "Ann" with "Ann Lee" and "Ann Berg"
    best = min(found.values(), key=lambda m: m.grade)
    written = words[i].text
    if (
        best.grade is Grade.CASE
        and written == best.word[:1].upper() + best.word[1:]
        and doc.starts_sentence(words[i].start)
    ):
        return None  # "Van der Berg" opening a sentence is English, not a misspelling of "van der Berg"
    if (
        best.grade is Grade.CASE
        and written.islower()
        and lexicon.is_known(written)
        and not _has_partner(doc, words, matches, i, best.name)
    ):
        return None  # "an apple", "café loyalty data": an English word, not "Apple" or "Café" in small letters
    if best.grade is not Grade.FUZZY and is_strong(best.word):
        return best
    if _has_partner(doc, words, matches, i, best.name):
        return best
    if best.grade is Grade.FUZZY:
        if _in_name_position(doc, words, i) and word_key(best.word) not in LEGAL_FORMS:
            return best
        # Alone in a sentence, a near miss is a misspelling only if it is no commoner than the stored
        # name: "Jon" (rarer than John) is one, "Anna" (commoner than Ann) is probably someone else.
        if is_strong(best.word) and lexicon.frequency(word_key(written)) <= lexicon.frequency(word_key(best.word)):
            return best
    return None


def _has_partner(doc: Doc, words: list[Word], matches: list[dict[KnownName, Match]], i: int, name: KnownName) -> bool:
    """A neighbouring word is a surely-meant part of the same name ("Ann" next to "Lea" for Ann Lee)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and doc.adjacent(words[min(i, j)], words[max(i, j)]):
            other = matches[j].get(name)
            if other is None or other.grade is Grade.FUZZY:
                continue
            # The company's own legal form vouches for its name: "Acne Corp" is ACME Corp misspelt.
            if is_strong(other.word) or (name.is_company and word_key(other.word) in LEGAL_FORMS):
                return True
    return False


def _legal_form_conflict(doc: Doc, words: list[Word], matches: list[dict[KnownName, Match]], i: int) -> Match | None:
    """ "ACME Inc" for "ACME Corp": the company's own word followed by another legal form."""
    if i + 1 >= len(words) or not doc.adjacent(words[i], words[i + 1]):
        return None
    written_form = word_key(words[i + 1].text)
    if written_form not in LEGAL_FORMS:
        return None
    for match in matches[i].values():
        stored_form = match.name.legal_form()
        if (
            match.name.is_company
            and stored_form is not None
            and match.grade is not Grade.FUZZY
            and word_key(match.word) not in LEGAL_FORMS
            and not same_form(written_form, stored_form)
        ):
            return match
    return None


def _in_name_position(doc: Doc, words: list[Word], i: int) -> bool:
    """Right after a greeting or a title on the same line: "Dear Jon", "Ms. Lea"."""
    if i == 0:
        return False
    before = doc.text[words[i - 1].end : words[i].start]
    if "\n" in before or before.strip(" \t.") != "":
        return False
    return word_key(words[i - 1].text) in GREETINGS | TITLES


def _extend(
    doc: Doc, words: list[Word], matches: list[dict[KnownName, Match]], i: int, name: KnownName
) -> tuple[int, int]:
    """The written name around word i: neighbours that also stand for words of the same stored name."""
    first = last = i
    while first > 0 and doc.adjacent(words[first - 1], words[first]) and name in matches[first - 1]:
        first -= 1
    while last + 1 < len(words) and doc.adjacent(words[last], words[last + 1]) and name in matches[last + 1]:
        last += 1
    after = last + 1
    # "Acme Inc" for "ACME Corp": the legal form written after the name is part of it
    if (
        name.is_company
        and name.legal_form() is not None
        and after < len(words)
        and word_key(words[after].text) in LEGAL_FORMS
    ):
        last = after if doc.adjacent(words[last], words[after]) else last
    return first, last


def _report(
    doc: Doc,
    words: list[Word],
    matches: list[dict[KnownName, Match]],
    flagged: list[Match | None],
    first: int,
    last: int,
    name: KnownName,
) -> Finding | None:
    expected: list[str] = []
    worst = Grade.EXACT
    for j in range(first, last + 1):
        match = matches[j].get(name)
        if match is None:  # a legal form that is not part of the stored name
            stored_form = name.legal_form()
            written = word_key(words[j].text)
            if stored_form is not None and not same_form(written, stored_form):
                expected.append(next(w for w in name.words if word_key(w) == stored_form))
                worst = max(worst, Grade.FUZZY)
            else:
                expected.append(words[j].text)
            continue
        if flagged[j] is not None:
            expected.append(match.word)
            worst = max(worst, match.grade)
        else:
            expected.append(words[j].text)
    if worst is Grade.EXACT:
        return None
    start, end = words[first].start, words[last].end
    written_text, wanted = doc.text[start:end], " ".join(expected)
    check_id = "company-misspelt" if name.is_company else "name-misspelt"
    # The stored spelling is the one right answer, so the finding carries it as a fix.
    fix = Fix(FixKind.REPLACE, f"Write “{wanted}”", start, end, replacement=wanted)
    if worst is Grade.CASE:
        message = f"“{written_text}” is stored as “{wanted}”; write its capitals the same way."
        return doc.finding(check_id, Severity.WARNING, message, start, end, fix)
    whose = f" ({name.text})" if wanted != name.text else ""
    message = f"“{written_text}” looks like a misspelling of “{wanted}”{whose}; write it as stored."
    return doc.finding(check_id, Severity.ERROR, message, start, end, fix)
