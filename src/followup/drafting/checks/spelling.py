"""`spelling`: words not in the English dictionary (pyspellchecker's, British spellings accepted).

Skipped, because the dictionary cannot know them and flagging them would bury
real typos: the names in the context (recipient, company, known names, the
sender, the role), every word of the user's stored notes, tags and places
(`user_texts`), the user's personal words, capitalised words inside a
sentence (proper nouns: products, places, people), ALL-CAPS words (acronyms),
words with inner capitals ("LinkedIn") or next to digits ("3rd", "2pm"),
email addresses, URLs, and words with letters beyond ASCII ("Zoë", "Straße").
Suggestions are limited to the first 20 unknown words of a text, so that a
pasted log file cannot make a check slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.salutations import WORDS as GREETING_WORDS
from followup.drafting.checks import lexicon
from followup.drafting.checks.stored import words_of
from followup.drafting.checks.text import WORD, Doc, normalise, strip_possessive, word_key
from followup.drafting.model import CheckContext, Finding, Fix, FixKind, Severity

SUGGESTION_BUDGET = 20
_LONGEST = 30  # longer "words" are pasted identifiers, not prose


def check_spelling(doc: Doc) -> Iterator[Finding]:
    skip = _context_words(doc.context)
    budget = SUGGESTION_BUDGET
    for word in doc.words:
        capitalised_ok = doc.starts_sentence(word.start)
        # "follow-up" is checked as "follow" and "up"; only the first part can open a sentence
        for part in re.finditer(r"[^-]+", word.text):
            start = word.start + part.start()
            text = strip_possessive(normalise(part.group()))
            if _skipped(doc.text, start, start + len(text), text, capitalised_ok and part.start() == 0, skip):
                continue
            if lexicon.is_known(text):
                continue
            hint = lexicon.suggestions(text) if budget > 0 else []
            budget -= 1
            meant = f" (did you mean {', '.join(f'“{s}”' for s in hint)}?)" if hint else ""
            end = start + len(text)
            # How to add the word depends on the door (a button on the page, --learn on the command line),
            # so the message says what to do and the fix carries the word.
            fix = Fix(FixKind.LEARN, f"Add “{text}” to my dictionary", start, end, word=text)
            yield doc.finding(
                "spelling",
                Severity.WARNING,
                f"“{text}” is not in the dictionary{meant}; if it is right, add it to your dictionary.",
                start,
                end,
                fix,
            )


def _skipped(text: str, start: int, end: int, word: str, may_be_capitalised: bool, skip: frozenset[str]) -> bool:
    if len(word) < 2 or len(word) > _LONGEST:
        return True
    if (start > 0 and text[start - 1].isdigit()) or (end < len(text) and text[end].isdigit()):
        return True
    letters = word.replace("'", "")
    if letters.isupper() or letters[1:] != letters[1:].lower():
        return True  # "SQL", "ACME", "LinkedIn"
    if word[0].isupper() and not may_be_capitalised:
        return True  # a proper noun inside a sentence
    if not word.isascii():
        return True  # "Zoë", "Société": a name or a foreign word, which an English dictionary cannot judge
    return word.casefold() in skip or word_key(word) in skip


def _context_words(context: CheckContext) -> frozenset[str]:
    """Every word of the names and the role in the context, case-folded, with and without accents."""
    texts = [context.recipient, context.company, context.role, *context.known_names]
    if context.sender is not None:
        texts.append(context.sender.name)
    words = {m.group() for t in texts if t for m in WORD.finditer(t)} | set(context.personal_words) | GREETING_WORDS
    words |= words_of(context.user_texts)
    words |= {part for w in list(words) for part in normalise(w).split("-")}
    return frozenset({w.casefold() for w in words} | {word_key(w) for w in words})
