"""Checks that read a draft the way a careful friend would, and say where each problem is.

`check(text, context)` runs every check on a text; `check_draft(subject, body,
context)` checks an email's subject and body joined by a blank line
("subject\\n\\nbody"), so that positions refer to that joined text, the same text
`followup draft` shows. With an empty subject the joined text is the body alone
(scripts and letters have no subject). Each finding has a stable id, a
severity, a one-sentence message, character offsets (start, end) and the
1-based line and column of its start. Findings come sorted by position.
A finding with one right answer carries a `fix` that every door can apply the
same way: a misspelt name is replaced with its stored spelling, a doubled word
with one of it, and an unknown word can be added to the user's dictionary.

| id | severity | what it reports |
|---|---|---|
| `unfilled-placeholder` | error | `{{ x }}`, `{% %}`, `{name}`, `$name`, `%s`, `[Name]`, `<Job Title>`, |
| | | `(Hiring Manager)`, `XXX`, `TBD`, `___`, `INSERT` left in the text |
| `empty-subject` | error | an email draft (`check_draft`) with an empty subject |
| `name-misspelt` | error (1) | a stored person's name written otherwise: "Jon" (John), "Jurgen" (Jürgen) |
| `company-misspelt` | error (1) | the company written otherwise: "Acme Inc" (ACME Corp), "Societe Generale" |
| `wrong-salutation` | error (2) | "Dear Mr. Smith," in a draft for Ann Lee |
| `missing-thanks` | error | a thank-you or status check whose body thanks nobody |
| `missing-role` | warning | a status check, a note about an application or a voicemail that does not |
| | | name the role |
| `missing-interview-date` | warning | a status check that does not say when the interview was |
| `missing-application-date` | warning | a note about an application that does not say when you applied |
| `missing-call-to-action` | warning | a status check or a note about an application that neither asks for an |
| | | update nor offers more |
| `missing-contact-details` | warning | the sender's phone or email missing (status check, note about an |
| | | application, thank-you, reply; |
| | | a voicemail needs the phone number) |
| `asks-if-filled` | error | a thank-you asking whether the job is filled or decided |
| `too-early` | error | a status check before `earliest_status_check`; says when it becomes polite |
| `wrong-promise` | error | a date put in the employer's mouth ("you hoped to decide by 27 November") |
| | | that is not `promised_date`, the date they gave (their deadline for you is not it) |
| `too-long` | warning | more body words than `word_limit` (default by kind, `WORD_LIMITS`) |
| `pushy` | warning (3) | "I need this job", "ASAP", "still waiting", "per my last email", "!!" ... |
| `doubled-word` | warning | "the the", also across a line break; not "had had", "that that" |
| `spelling` | warning | a word not in the English dictionary, with up to 3 suggestions |

(1) a warning when only the capitals differ ("acme corp"); a stored name counts as
a company when it is `context.company` or ends in a legal form (Ltd, GmbH, Inc ...),
since `known_names` does not say which names are companies. (2) a warning for a
generic greeting ("Dear Hiring Team,") when the recipient is known. (3) info
for the mild "just checking in".

Every check has a good and a bad example in `examples.EXAMPLES` (the tests run
each pair). Words the user stored (`CheckContext.user_texts`: notes, tags,
roles, names, places) are trusted as written.

A word already reported as a misspelt name, a wrong salutation or a
placeholder is not reported again as a spelling mistake.

The dictionary (pyspellchecker's English word list, about 0.25 s to load) is
loaded on the first check and kept for the life of the process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from followup.drafting.checks.contact import check_contact_details
from followup.drafting.checks.length import WORD_LIMITS, check_length
from followup.drafting.checks.names import check_names
from followup.drafting.checks.personal import add_personal_word, load_personal_words
from followup.drafting.checks.placeholders import check_placeholders
from followup.drafting.checks.promise import check_wrong_promise
from followup.drafting.checks.repeats import check_doubled_words
from followup.drafting.checks.required import (
    check_application_date,
    check_call_to_action,
    check_interview_date,
    check_role,
    check_thanks,
)
from followup.drafting.checks.salutation import check_salutation
from followup.drafting.checks.spelling import check_spelling
from followup.drafting.checks.subject import check_subject
from followup.drafting.checks.text import Doc
from followup.drafting.checks.timing import check_too_early
from followup.drafting.checks.tone import check_asks_if_filled, check_pushy
from followup.drafting.model import CheckContext, Finding

__all__ = [
    "CHECKS",
    "IDS",
    "WORD_LIMITS",
    "add_personal_word",
    "check",
    "check_draft",
    "load_personal_words",
    "position",
]

Check = Callable[[Doc], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    check_placeholders,
    check_subject,
    check_names,
    check_salutation,
    check_thanks,
    check_role,
    check_interview_date,
    check_application_date,
    check_call_to_action,
    check_contact_details,
    check_asks_if_filled,
    check_too_early,
    check_wrong_promise,
    check_length,
    check_pushy,
    check_doubled_words,
    check_spelling,
)
IDS = (
    "unfilled-placeholder",
    "empty-subject",
    "name-misspelt",
    "company-misspelt",
    "wrong-salutation",
    "missing-thanks",
    "missing-role",
    "missing-interview-date",
    "missing-application-date",
    "missing-call-to-action",
    "missing-contact-details",
    "asks-if-filled",
    "too-early",
    "wrong-promise",
    "too-long",
    "pushy",
    "doubled-word",
    "spelling",
)
# A word these findings cover is already explained; a spelling finding on it is noise.
_SUPERSEDE_SPELLING = {"unfilled-placeholder", "name-misspelt", "company-misspelt", "wrong-salutation"}


def check(text: str, context: CheckContext | None = None) -> list[Finding]:
    """Every problem found in `text`, sorted by position."""
    return _run(Doc(text, context or CheckContext()))


def check_draft(subject: str, body: str, context: CheckContext | None = None) -> list[Finding]:
    """Check an email's subject and body; positions refer to "subject\\n\\nbody" (the body alone when
    the subject is empty), and an empty subject on an email is an error."""
    if subject:
        doc = Doc(f"{subject}\n\n{body}", context or CheckContext(), body_start=len(subject) + 2, subject=subject)
    else:
        doc = Doc(body, context or CheckContext(), subject=subject)
    return _run(doc)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset into `text` (lines end at "\\n")."""
    return Doc(text, CheckContext()).position(offset)


def _run(doc: Doc) -> list[Finding]:
    findings = {finding for run in CHECKS for finding in run(doc)}
    covered = [(f.start, f.end) for f in findings if f.id in _SUPERSEDE_SPELLING]
    kept = [f for f in findings if f.id != "spelling" or not any(s < f.end and f.start < e for s, e in covered)]
    return sorted(kept, key=lambda f: (f.start, f.end, f.id, f.message))
