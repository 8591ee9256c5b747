"""`unfilled-placeholder`: template variables and fill-in markers that would go out as written.

Brackets are the hard case: "[Company]" and "<Job Title>" are placeholders,
"<ann@acme.example>" and "(see attached)" are not. Square and angle brackets
around a few plain words count (prose rarely uses them); round brackets only
around the words templates use for blanks ("(Hiring Manager)", "(date)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import Finding, Severity

# (pattern, what it is); each match is a placeholder unless its guard says otherwise.
_ALWAYS = (
    (re.compile(r"\{\{[^\n]*?\}\}"), "a template variable"),
    (re.compile(r"\{%[^\n]*?%\}"), "a template tag"),
    (re.compile(r"\{#[^\n]*?#\}"), "a template comment"),
    (re.compile(r"\{[A-Za-z_]\w*(?:\.\w+)*\}|\{\d*\}"), "a format placeholder"),
    (re.compile(r"\$\{[^{}\n]{1,40}\}|(?<![\w$])\$[A-Za-z_]\w*"), "a template variable"),
    (re.compile(r"(?<![\w%])%(?:\([A-Za-z_]\w*\))?[sdif](?![A-Za-z])"), "a format placeholder"),
    (re.compile(r"<<[^<>\n]{1,40}>>|«[^«»\n]{1,40}»"), "a fill-in marker"),
    (re.compile(r"(?<![\w-])[Xx]{2,}(?![\w-])"), "a fill-in marker"),  # not "xx-small"
    (re.compile(r"\b(?:TBD|TBA|TODO|FIXME|INSERT|PLACEHOLDER)\b"), "a fill-in marker"),
    (re.compile(r"_{3,}"), "a blank to fill in"),
)
_SQUARE = re.compile(r"\[([^\[\]\n]{1,40})\](?!\()")  # not a Markdown link "[text](url)"
_ANGLE = re.compile(r"<([^<>@:/\n]{1,40})>")  # no "@", ":" or "/": not an address, URL or closing tag
_ROUND = re.compile(r"\(([^()\n]{1,40})\)")
_WORDY = re.compile(r"[^\W\d_][\w '’./&-]*")  # starts with a letter: "[1]" is a footnote, not a blank
_NOT_PLACEHOLDERS = {"sic", "external", "ext"}  # "[sic]", mail systems' "[EXTERNAL]" subject tag
_HTML_TAGS = {"a", "b", "i", "u", "p", "br", "hr", "em", "strong", "div", "span", "li", "ul", "ol", "html", "body"}
# The blanks templates put in round brackets, after dropping "your", "insert" and the like.
_BLANKS = {
    "name", "first name", "last name", "full name", "surname", "recipient", "recipient name", "company",
    "company name", "employer", "organisation", "organization", "job title", "title", "position",
    "position title", "role", "role title", "job", "job name", "date", "interview date", "day", "time",
    "interviewer", "interviewer name", "interviewer's name", "hiring manager", "hiring manager name",
    "hiring manager's name", "manager", "recruiter", "recruiter name", "recruiter's name", "phone",
    "phone number", "email", "email address", "address", "city", "skill", "skills", "specific skill",
    "topic", "project", "reference", "reference name", "contact", "contact name", "department", "team",
    "team name", "x", "something", "details",
}  # fmt: skip
_FILLER = re.compile(r"^(?:insert|enter|add|your|their|his|her|the|name of(?: the)?)\s+", re.IGNORECASE)


def check_placeholders(doc: Doc) -> Iterator[Finding]:
    taken: list[tuple[int, int]] = []
    for start, end, what in sorted(_candidates(doc.text)):
        if any(start < e and s < end for s, e in taken):
            continue  # "{{ name }}" also matches "{name}"-like patterns inside: report it once
        taken.append((start, end))
        shown = doc.text[start:end]
        yield doc.finding(
            "unfilled-placeholder",
            Severity.ERROR,
            f"“{shown}” is {what} left unfilled; replace it with the real text before sending.",
            start,
            end,
        )


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    for pattern, what in _ALWAYS:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), what
    for match in _SQUARE.finditer(text):
        inner = match.group(1).strip()
        if _WORDY.fullmatch(inner) and inner.casefold() not in _NOT_PLACEHOLDERS:
            yield match.start(), match.end(), "a placeholder"
    for match in _ANGLE.finditer(text):
        inner = match.group(1).strip()
        if _WORDY.fullmatch(inner) and inner.lower() not in _HTML_TAGS:
            yield match.start(), match.end(), "a placeholder"
    for match in _ROUND.finditer(text):
        if _is_blank(match.group(1)):
            yield match.start(), match.end(), "a placeholder"


def _is_blank(inner: str) -> bool:
    words = inner.strip().replace("’", "'")
    while (shorter := _FILLER.sub("", words)) != words:
        words = shorter
    return words.casefold() in _BLANKS
