"""Turning DraftFacts into a Draft through a Jinja2 template: the user's own, or the built-in one.

Templates run in an immutable sandbox and see only plain values (strings, numbers,
tuples of strings and small dicts of strings for people), never the dataclasses, so
a template, the user's included, cannot reach anything beyond the facts it is given.
The variables and filters are documented for users in docs/templates.md.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import time
import types
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from followup.domain import salutations
from followup.domain.model import CompanyStyle, Language, Salutation
from followup.domain.text import capitalised
from followup.drafting.errors import (
    RENDER_ERRORS,
    TOO_MUCH,
    TemplateError,
    TooMuchWork,
    render_error,
    syntax_error,
)
from followup.drafting.model import Draft, DraftFacts, DraftKind, Person, Tone

BUILT_IN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
# Kinds that answer the employer, so they go out as a reply in the last thread. A
# thank-you or a heads-up to a reference starts a new conversation instead.
THREADED = frozenset(
    {DraftKind.STATUS_CHECK_EMAIL, DraftKind.APPLICATION_CHECK_EMAIL, DraftKind.REPLY, DraftKind.REJECTION_REPLY}
)
# Kinds written to someone outside the company: the user's recruiter, or their reference.
NOT_THE_EMPLOYER = frozenset({DraftKind.RECRUITER_DEBRIEF, DraftKind.THANK_RECRUITER, DraftKind.REFERENCE_HEADS_UP})

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def template_name(kind: DraftKind, tone: Tone) -> str:
    return f"{kind.value}/{tone.value}.j2"


def template_names() -> tuple[str, ...]:
    """Every built-in template, as the relative name a user's own file would override."""
    return tuple(
        template_name(kind, tone)
        for kind in DraftKind
        for tone in Tone
        if os.path.isfile(os.path.join(BUILT_IN_DIR, kind.value, f"{tone.value}.j2"))
    )


def available_tones(kind: DraftKind | None = None) -> tuple[Tone, ...]:
    """The tones with a built-in template for `kind` (or for every kind when None)."""
    names = set(template_names())
    kinds = [kind] if kind else list(DraftKind)
    return tuple(t for t in Tone if all(template_name(k, t) in names for k in kinds))


def render(facts: DraftFacts, *, user_dir: str | None = None) -> Draft:
    """The draft for `facts`, from `<user_dir>/<kind>/<tone>.j2` if the user has one, else built in."""
    env = _environment(os.path.abspath(os.path.expanduser(user_dir)) if user_dir else None)
    name = template_name(facts.kind, facts.tone)
    template = _load(env, name, user_dir)
    path = template.filename or name
    subject, body = _render_blocks(env, template, context(facts), path)
    if body is None:
        raise TemplateError(path, None, "it has no {% block body %}, so there is nothing to send")
    body = normalise(body)
    subject = " ".join(normalise(subject or "").split())
    email = facts.kind.medium == "email"
    if facts.kind.medium == "script":
        subject = ""  # scripts are read aloud; the contract says their subject is empty
    elif not subject:
        raise TemplateError(path, None, "its {% block subject %} is empty, and an email or letter needs a subject")
    threaded = email and facts.kind in THREADED and bool(facts.thread_message_id)
    references = facts.thread_references
    if threaded and facts.thread_message_id not in references:
        references = (*references, facts.thread_message_id or "")
    return Draft(
        kind=facts.kind,
        tone=facts.tone,
        subject=subject,
        body=body,
        facts=facts,
        html=html_body(body) if email else None,
        to=(facts.recipient,) if facts.recipient else ((facts.reply_address,) if facts.reply_address else ()),
        in_reply_to=facts.thread_message_id if threaded else None,
        references=references if threaded else (),
        template=path,
        notes_to_weave=notes_to_weave(facts),
    )


def normalise(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, and no doubled full stop.

    A fact that ends with its own full stop ("ACME Inc.") followed by the template's
    one would otherwise read "Inc.." ("..." is left alone).
    """
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    text = re.sub(r"(?<!\.)([.!?])\.(?!\.)", r"\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_body(text: str) -> str:
    """Plain text as HTML: a <p> per paragraph, <br> for single line breaks, everything escaped."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    return "\n".join(
        str(Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(line) for line in p.split("\n"))))
        for p in paragraphs
    )


# Words that make a note a sentence rather than a phrase: a subject or a verb a template cannot supply.
_VERB_LIKE = frozenset(
    {
        "i", "we", "you", "he", "she", "they", "it", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "asked",
        "told", "said", "showed", "explained", "wants", "wanted", "needs", "needed",
    }
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_LIST_SEPARATOR = re.compile(r"[,;\n•]|\s[-–]\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
PHRASE_WORDS = 8  # "our discussion of …" takes a short phrase; a longer one is a list or a sentence


def reads_as_sentence(note: str) -> bool:
    """A note the user wrote as a sentence: a capital first, a full stop (or ! or ?) last, at least
    four words and one of them a subject or a verb ("We", "asked", "is"). A list of topics is not one."""
    text = " ".join(note.split())
    found = _WORD.findall(text)
    return (
        len(found) >= 4
        and text[:1].isupper()
        and bool(_SENTENCE_END.search(text))
        and any(w.casefold() in _VERB_LIKE for w in found)
    )


def reads_as_phrase(note: str) -> bool:
    """One short topic ("pricing", "SQL modelling and the sales dashboards") that fits "our discussion of …":
    no commas, semicolons or new lines, at most PHRASE_WORDS words, and no subject or verb of its own."""
    text = note.strip().rstrip(" .;:,")
    return (
        bool(text)
        and not _LIST_SEPARATOR.search(text)
        and len(text.split()) <= PHRASE_WORDS
        and not any(w.casefold() in _VERB_LIKE for w in _WORD.findall(text))  # "we talked about X" is a note
    )


def list_items(note: str) -> tuple[str, ...]:
    """A list of topics as its items: split at commas, semicolons, bullets and new lines."""
    items = (" ".join(item.split()).strip(" .-*") for item in _LIST_SEPARATOR.split(note))
    return tuple(item for item in items if item)


def _place(facts: DraftFacts) -> int:
    """The recipient's place among the interviewers (0 for the first, or when there is no recipient)."""
    if facts.recipient is None:
        return 0
    name = facts.recipient.name.casefold().strip()
    for index, other in enumerate(facts.interviewers):
        if other.casefold().strip() == name:
            return index
    return 0


def _own_sentence(facts: DraftFacts) -> str | None:
    """The user's note on the conversation when it reads as sentences: the one about the recipient,
    turned to speak to them ("Zoë asked ..." becomes "You asked ..."), or else a different one for each
    interviewer that names none of the others, so two interviewers' notes differ."""
    if not facts.main_points or not reads_as_sentence(facts.main_points):
        return None
    sentences = _sentences(facts.main_points)
    if not all(reads_as_sentence(s) for s in sentences):
        return " ".join(sentences)
    theirs = [s for s in sentences if _names(s, facts.recipient.name if facts.recipient else "")]
    if theirs:
        return _to_you(theirs[0], facts.recipient.name if facts.recipient else "")
    others = [n for n in facts.interviewers if not facts.recipient or n.strip() != facts.recipient.name.strip()]
    neutral = [s for s in sentences if not any(_names(s, n) for n in others)]
    return neutral[_place(facts) % len(neutral)] if neutral else None


def _sentences(note: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(note.split())) if s]


def _names(sentence: str, name: str) -> bool:
    """Whether `sentence` mentions the person called `name` by their first name."""
    first = first_name(name).casefold()
    return bool(first) and first in (re.sub(r"['’]s$", "", w.casefold()) for w in _WORD.findall(sentence))


# After the recipient's name, the verbs that read the same after "you" (past tense, modals), and the
# few that change; any other ("Zoë thinks") would need grammar, and the sentence is offered instead.
_SAME_AFTER_YOU = frozenset(
    {"said", "told", "gave", "took", "made", "felt", "thought", "saw", "knew", "spoke", "showed", "drew"}
    | {"led", "ran", "put", "set", "kept", "let", "wrote", "can", "could", "will", "would", "should"}
    | {"might", "must", "may", "also", "then", "really"}
)
_CHANGED_AFTER_YOU = {"was": "were", "is": "are", "has": "have", "does": "do"}


def _to_you(sentence: str, name: str) -> str | None:
    """`sentence`, which names the recipient, said to them: their name becomes "you" (or "your"),
    or None when the verb after a name at the start would need more grammar than that."""
    first = re.escape(first_name(name))
    full = re.escape(" ".join(name.split()))
    who = rf"(?:{full}|{first})"
    start = re.match(rf"{who}(['’]s)?\s+([\w'’-]+)", sentence)
    if start and not start.group(1):
        verb = start.group(2)
        folded = verb.casefold()
        if folded in _CHANGED_AFTER_YOU:
            verb = _CHANGED_AFTER_YOU[folded]
        elif not (folded.endswith("ed") or folded in _SAME_AFTER_YOU):
            return None
        sentence = f"You {verb}{sentence[start.end() :]}"
    sentence = re.sub(rf"\b{who}['’]s\b", "your", sentence)
    sentence = re.sub(rf"\b{who}\b", "you", sentence)
    return capitalised(sentence)


def notes_to_weave(facts: DraftFacts) -> tuple[str, ...]:
    """The user's notes a draft does not paste in, offered as bullet points to write in by hand:
    a list of topics, and what the user noted about the recipient."""
    notes: list[str] = []
    main = facts.main_points or ""
    if main.strip() and not reads_as_sentence(main) and not reads_as_phrase(main):
        notes += list_items(main)
    if main.strip() and reads_as_sentence(main) and facts.recipient:
        # A sentence about the recipient that could not be turned to speak to them is theirs to word.
        name = facts.recipient.name
        notes += [s for s in _sentences(main) if _names(s, name) and _to_you(s, name) is None][:1]
    about = _line(facts.recipient_notes)
    if about and facts.recipient:
        notes.append(f"What you noted about {first_name(facts.recipient.name)}: {about}")
    for label, note in (("You meant to mention", facts.forgot_to_mention), ("You meant to clarify", facts.to_clarify)):
        if note and note.strip() and _fits(note) is None:
            notes.append(f"{label}: {'; '.join(list_items(note))}")
    return tuple(notes)


# Words that start a sentence without being a name: after a template's colon they go lower case
# ("stayed with me: you wanted to know …"), while "Zoë asked …" keeps its capital.
_PLAIN_STARTS = frozenset({"you", "your", "we", "our", "the", "it", "this", "that", "they", "their", "there"})


def _after_colon(sentence: str | None) -> str | None:
    if not sentence:
        return sentence
    first = sentence.split(maxsplit=1)[0]
    return sentence[0].lower() + sentence[1:] if first.casefold() in _PLAIN_STARTS else sentence


def _fits(note: str | None) -> str | None:
    """A note a template may write after its colon: a sentence or one topic. A list of topics
    ("SQL tuning, dbt, the Munich office") would read as pasted, so it is offered to weave in."""
    if not note or not note.strip():
        return None
    # A clause with a verb ("my notice period is one month, not three") fits; topics in a row do not.
    clause = any(w.casefold() in _VERB_LIKE for w in _WORD.findall(note))
    return note if clause or reads_as_sentence(note) or reads_as_phrase(note) else None


def context(facts: DraftFacts) -> dict[str, Any]:
    """The variables a template sees: plain values only, never the dataclasses (see the module doc)."""
    # The company's style says how to greet its own people, not the user's recruiter or reference.
    style = CompanyStyle.UNKNOWN if facts.kind in NOT_THE_EMPLOYER else facts.company_style
    recipient = _person(facts.recipient, style)
    names = tuple(n for n in (_line(name) for name in facts.interviewers) if n)
    addressed = recipient["name"].casefold() if recipient and recipient["name"] else None
    # Someone with a thank-you of their own is not thanked a second time through a colleague.
    own = {n.casefold() for n in (_line(name) for name in facts.thanked_on_their_own) if n}
    main = facts.main_points or ""
    signature = normalise(facts.signature) or facts.sender.name.strip()
    # The status check must carry full contact details even when the profile's signature lacks them.
    contacts = [v.strip() for v in (facts.sender.phone, facts.sender.email) if v and v.strip() not in signature]
    return {
        "kind": facts.kind.value,
        "tone": facts.tone.value,
        "medium": facts.kind.medium,
        "today": facts.today.isoformat(),
        "sender": _person(facts.sender, style),
        "signature": signature,
        "contact_signature": "\n".join([signature, *contacts]).strip(),
        "company": _line(facts.company) or "",
        "role": _line(facts.role) or "",
        "recipient": recipient,
        "recruiter": _person(facts.recruiter, style),
        "reference": _person(facts.reference, style),
        "job_url": _line(facts.job_url),
        "applied_date": facts.applied_date and facts.applied_date.isoformat(),
        "interview_date": facts.interview_date and facts.interview_date.isoformat(),
        "interview_kind": _line(facts.interview_kind),
        "interview_round": facts.interview_round,
        "interviewers": names,
        "other_interviewers": tuple(n for n in names if n.casefold() != addressed and n.casefold() not in own),
        "variant": _place(facts),
        "main_points": _phrase(facts.main_points),
        "discussed": _phrase(main) if main.strip() and reads_as_phrase(main) and not reads_as_sentence(main) else None,
        "discussed_sentence": _after_colon(_own_sentence(facts)),
        "notes_to_weave": notes_to_weave(facts),
        "forgot_to_mention": _phrase(_fits(facts.forgot_to_mention)),
        "to_clarify": _phrase(_fits(facts.to_clarify)),
        "next_steps": _phrase(facts.next_steps),
        "decision_date": facts.decision_date and facts.decision_date.isoformat(),
        "status_check_date": facts.status_check_date and facts.status_check_date.isoformat(),
        "reply_date": facts.reply_date and facts.reply_date.isoformat(),
        "reply_summary": _phrase(facts.reply_summary),
        "thread_subject": _line(facts.thread_subject),
    }


def _line(value: str | None) -> str | None:
    """One line, single spaces; None when there is nothing, so `{% if %}` in a template works."""
    text = " ".join((value or "").split())
    return text or None


def _phrase(value: str | None) -> str | None:
    """A note the user typed, made to fit inside a template's sentence (which brings its own full stop)."""
    text = (_line(value) or "").rstrip(" .;:,")
    return text or None


def _person(person: Person | None, style: CompanyStyle) -> dict[str, str | None] | None:
    if person is None:
        return None
    address = "\n".join(line.strip() for line in (person.postal_address or "").splitlines() if line.strip())
    honorific = _line(person.honorific)
    # The form the user chose, or the company's style: None leaves it to the template (see `greeting`).
    chosen = salutations.form(person.salutation, style, honorific, Salutation.DEFAULT)
    return {
        "name": _line(person.name) or "",
        "title": _line(person.title),
        "email": _line(person.email),
        "phone": _line(person.phone),
        "organisation": _line(person.organisation),
        "postal_address": address or None,
        "honorific": honorific,
        "salutation": None if chosen is Salutation.DEFAULT else chosen.value,
        "language": person.language.value if person.language else None,
    }


# Filters. They accept what the context holds (ISO date strings, names, person dicts).


def _as_date(value: object, filter_name: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    if isinstance(value, jinja2.Undefined):
        str(value)  # raises "'intervew_date' is undefined", which names the real mistake
    raise TypeError(f"the {filter_name} filter needs a date, not {value!r}; check it with {{% if ... %}} first")


def longdate(value: object) -> str:
    day = _as_date(value, "longdate")
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def shortdate(value: object) -> str:
    day = _as_date(value, "shortdate")
    return f"{day.day} {MONTHS[day.month - 1]}"


def weekday(value: object) -> str:
    return DAYS[_as_date(value, "weekday").weekday()]


def _name_of(value: object) -> str:
    if isinstance(value, Mapping):
        return str(value.get("name") or "")
    return str(value or "")


def first_name(value: object) -> str:
    """'Zoë O'Brien' → 'Zoë'; 'Dr. Ann Lee' → 'Ann'; 'Lee, Ann' → 'Ann'."""
    return salutations.first_name(_name_of(value))


def greeting(value: object, hello: str = "Dear", unsaid: str = "full") -> str:
    """The salutation line for a person, punctuation included: 'Dear Dr Weiß,', 'Hi Zoë,',
    'Sehr geehrte Frau Dr. Weiß,', 'Hola Zoë:'.

    The form is the one the user set for the person, or else the company's style; when neither says,
    `unsaid` ("first", "title" or "full"), the template's own habit. `hello` is the English word
    ("Dear", "Hi", "Hello"); a person with another language set is greeted in theirs.
    """
    person = value if isinstance(value, Mapping) else {"name": str(value or "")}
    name = str(person.get("name") or "")
    honorific = person.get("honorific")
    said = person.get("salutation")
    try:
        chosen = Salutation(said or unsaid)
    except ValueError:
        raise TypeError(f"the greeting filter takes first, title or full, not {unsaid!r}") from None
    chosen = salutations.form(chosen, CompanyStyle.UNKNOWN, str(honorific) if honorific else None, chosen)
    language = person.get("language")
    return salutations.greeting(
        name, str(honorific) if honorific else None, chosen, Language(language) if language else None, hello=hello
    )


def join_names(values: Iterable[object], conjunction: str = "and") -> str:
    """'Ann, Bob and Carla' (or 'Ann or Bob' with `join_names("or")`); accepts names or person dicts."""
    names = [n for n in (_name_of(v).strip() for v in values) if n]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def reply_subject(value: object) -> str:
    """'Re: ' once, however many 'Re:', 'RE:' or 'AW:' the thread's subject already has."""
    subject = re.sub(r"^\s*(?:(?:re|aw|sv|antw)\s*(?:\[\d+\])?\s*:\s*)+", "", str(value or ""), flags=re.IGNORECASE)
    return f"Re: {subject.strip()}"


def spoken_number(value: object) -> str:
    """A phone number to read aloud digit by digit: '+49 170 1234567' → 'plus 4 9 - 1 7 0 - 1 2 3 - 4 5 6 7'.

    Groups are joined by hyphens, not commas, so the digits still read as one phone number
    to a reader (and to the contact-details check).
    """
    text = str(value or "")
    groups: list[str] = []
    for group in re.findall(r"\+?\d+", text):
        plus, digits = group.startswith("+"), group.lstrip("+")
        chunks = [digits[i : i + 3] for i in range(0, len(digits), 3)] if len(digits) > 4 else [digits]
        if len(chunks) > 1 and len(chunks[-1]) == 1:  # never leave one digit on its own
            chunks[-2:] = [chunks[-2] + chunks[-1]]
        spoken = [" ".join(chunk) for chunk in chunks]
        groups += [f"plus {spoken[0]}", *spoken[1:]] if plus else spoken
    return " - ".join(groups) if groups else text


FILTERS = {
    f.__name__: f
    for f in (longdate, shortdate, weekday, first_name, greeting, join_names, reply_subject, spoken_number)
}


# What one rendering of a template may cost. A message is a few thousand characters and
# renders in milliseconds; these are far above that and far below hurting the app.
MAX_TEXT = 100_000  # characters in any text a template builds, and in its whole output
MAX_ITEMS = 10_000  # items in a range or a list a template builds
RENDER_SECONDS = 2.0  # wall-clock time for one rendering
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with a budget: no text over MAX_TEXT characters, no list or range
    over MAX_ITEMS items, no number of thousands of digits, and no rendering longer than
    RENDER_SECONDS (see `_Budget`). Sizes are checked before the work is done, so a template
    asking for a gigabyte is refused without the gigabyte ever being built."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and right > 64:
            raise SecurityError("exponents above 64 are not allowed in a template")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            _number_size(left.bit_length() * right)
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | tuple | list) and isinstance(times, int):
                    _size(len(seq) * times, seq)
            if isinstance(left, int) and isinstance(right, int):
                _number_size(left.bit_length() + right.bit_length())
        if operator == "+" and isinstance(left, str | tuple | list) and isinstance(right, str | tuple | list):
            _size(len(left) + len(right), left)
        if operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, str) and attribute in ("format", "format_map"):
            _check_format(obj)
        return super().getattr(obj, attribute)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _check_text_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _too_much(what: str) -> TooMuchWork:
    return TooMuchWork(what)


def _size(length: int, like: object) -> None:
    limit = MAX_TEXT if isinstance(like, str) else MAX_ITEMS
    if length > limit:
        kind = "text" if isinstance(like, str) else "list"
        raise _too_much(f"it would build a {kind} of {length:,} {'characters' if kind == 'text' else 'items'}")


def _number_size(bits: int) -> None:
    if bits > 4 * MAX_TEXT:
        raise _too_much("it would build a number of thousands of digits")


def _width(value: object) -> None:
    if isinstance(value, int) and value > MAX_TEXT:
        raise _too_much(f"it asks for a width of {value:,} characters")


def _check_percent(fmt: str, args: object) -> None:
    values = args if isinstance(args, tuple) else (args,)
    for spec in _PERCENT_SPEC.finditer(fmt):
        for part in spec.groups():
            if part == "*":
                for value in values:
                    _width(value)
            elif part:
                _width(int(part))


def _check_format(fmt: str) -> None:
    for found in _FORMAT_FIELD.finditer(fmt.replace("{{", "").replace("}}", "")):
        spec = found.group(0).partition(":")[2]
        for digits in re.findall(r"\d+", spec):
            _width(int(digits))
    if re.search(r"\{[^{}]*\{", fmt.replace("{{", "")):
        raise _too_much("a width taken from another value ({:{}}) is not allowed")


def _check_text_method(text: str, name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    values = [*args, *kwargs.values()]
    if name in _SIZED_METHODS:
        for value in values:
            _width(value)
    elif name == "expandtabs":
        size = values[0] if values and isinstance(values[0], int) else 8
        _size(len(text) + text.count("\t") * max(size, 0), text)
    elif name == "replace" and len(values) >= 2:
        _check_replace(text, str(values[0]), str(values[1]))
    elif name == "join" and values:
        items = [str(item) for item in _items(values[0])]
        _size(sum(map(len, items)) + len(text) * len(items), text)


def _items(value: Any) -> list[Any]:
    items: list[Any] = []
    for item in value:
        items.append(item)
        if len(items) > MAX_ITEMS:
            raise _too_much(f"it goes through more than {MAX_ITEMS:,} items")
    return items


def _check_replace(text: str, old: str, new: str) -> None:
    count = text.count(old) if old else len(text) + 1
    _size(len(text) + count * (len(new) - len(old)), text)


def _budget_range(*args: int) -> range:
    found = range(*args)
    if len(found) > MAX_ITEMS:
        raise _too_much(f"a range of {len(found):,} numbers (at most {MAX_ITEMS:,})")
    return found


def _budget_center(value: str, width: int = 80) -> str:
    _width(width)
    return jinja2.filters.do_center(value, width)


def _budget_indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _width(width)
    _size(len(str(s)) * (1 + (width if isinstance(width, int) else len(width))), str(s))
    return jinja2.filters.do_indent(s, width, first, blank)


def _budget_format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_percent(str(value), tuple(kwargs.values()) or args)
    return jinja2.filters.do_format(value, *args, **kwargs)


@jinja2.pass_eval_context
def _budget_replace(eval_ctx: jinja2.nodes.EvalContext, s: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(str(s), str(old), str(new))
    return jinja2.filters.do_replace(eval_ctx, s, old, new, count)


@jinja2.pass_eval_context
def _budget_join(eval_ctx: jinja2.nodes.EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = _items(value)
    if attribute is None:
        _size(sum(len(str(item)) for item in items) + len(d) * len(items), d)
    return str(jinja2.filters.do_join(eval_ctx, items, d, attribute))


def _budget_batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
    _size(linecount, [])
    return jinja2.filters.do_batch(value, linecount, fill_with)


def _budget_slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _size(slices, [])
    return jinja2.filters.do_slice(value, slices, fill_with)


BUDGET_FILTERS = {
    "center": _budget_center,
    "indent": _budget_indent,
    "format": _budget_format,
    "replace": _budget_replace,
    "join": _budget_join,
    "batch": _budget_batch,
    "slice": _budget_slice,
}


class _BudgetCodeGenerator(jinja2.compiler.CodeGenerator):
    """Joins with `~` through the environment, so that text built by `~` is measured too."""

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: jinja2.compiler.Frame) -> None:
        self.write("environment.budget_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Budget:
    """The wall-clock and output budget of one rendering, on the thread that renders.

    A template's loops run as Python code compiled from it; a trace function on the
    frames of that code (and only those) looks at the clock, so a nested loop of a
    hundred million empty turns is stopped at RENDER_SECONDS like any other.
    """

    def __init__(self) -> None:
        self.deadline = time.monotonic() + RENDER_SECONDS
        self.written = 0

    def __enter__(self) -> _Budget:
        self.before = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.settrace(self.before)

    def _call(self, frame: types.FrameType, event: str, arg: object) -> Any:
        if "__jinja_template__" in frame.f_globals:
            self._line(frame, event, arg)
            return self._line
        return None

    def _line(self, frame: types.FrameType, event: str, arg: object) -> Any:
        if time.monotonic() > self.deadline:
            raise _too_much(f"it did not finish within {RENDER_SECONDS:g} seconds")
        return self._line

    def output(self, pieces: Iterable[str]) -> str:
        kept = []
        for piece in pieces:
            self.written += len(piece)
            if self.written > MAX_TEXT:
                raise _too_much(f"it writes more than {MAX_TEXT:,} characters")
            kept.append(piece)
        return "".join(kept)


def _budget_concat(pieces: tuple[Any, ...]) -> str:
    texts = [str(piece) for piece in pieces]
    _size(sum(map(len, texts)), "")
    return "".join(texts)


@functools.lru_cache(maxsize=8)
def _environment(user_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(user_dir)] if user_dir else []
    loaders.append(jinja2.FileSystemLoader(BUILT_IN_DIR))
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text; html_body escapes the HTML part
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        # No compiled-template cache: a cached built-in would hide an override the user
        # adds while the web app runs, and compiling one small file takes about a millisecond.
        cache_size=0,
    )
    env.code_generator_class = _BudgetCodeGenerator
    env.filters.update(BUDGET_FILTERS)
    env.filters.update(FILTERS)
    env.globals["range"] = _budget_range
    env.globals.pop("lipsum", None)  # builds paragraphs of filler on demand: no use in a message
    env.budget_concat = _budget_concat  # type: ignore[attr-defined]
    return env


def _load(env: jinja2.Environment, name: str, user_dir: str | None) -> jinja2.Template:
    guess = os.path.join(user_dir, name) if user_dir and os.path.isfile(os.path.join(user_dir, name)) else name
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise syntax_error(exc, guess) from None
    except jinja2.TemplateNotFound:
        raise TemplateError(name, None, "there is no such template", hint="Reinstall followup.") from None
    except UnicodeDecodeError:
        raise TemplateError(guess, None, "it is not UTF-8 text", hint="Save it as UTF-8.") from None
    except OSError as exc:
        raise TemplateError(guess, None, f"it cannot be read ({exc.strerror})", hint=None) from None


def _render_blocks(
    env: jinja2.Environment, template: jinja2.Template, variables: dict[str, Any], path: str
) -> tuple[str | None, str | None]:
    ctx = template.new_context(variables)
    try:
        with _Budget() as budget:
            # Running the whole template first registers a parent's blocks ({% extends %}) and
            # top-level {% set %}/{% import %}, which the blocks rendered below may use.
            budget.output(template.root_render_func(ctx))
            return _block(ctx, "subject", budget), _block(ctx, "body", budget)
    except jinja2.TemplateSyntaxError as exc:  # in an included template, compiled only now
        raise syntax_error(exc, path) from None
    except RENDER_ERRORS as exc:
        raise render_error(env, exc, path) from None
    except MemoryError:  # a way around the budget not thought of yet: still the template's doing
        raise TemplateError(path, None, f"this template does too much work: {TOO_MUCH}") from None


def _block(ctx: jinja2.runtime.Context, name: str, budget: _Budget) -> str | None:
    functions = ctx.blocks.get(name)
    return budget.output(functions[0](ctx)) if functions else None
