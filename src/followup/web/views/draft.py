"""The draft page's view-model: a due action's draft with its check findings marked in the text.

The pure parts (`pieces`, `paragraphs`, `mailto`, `tel_uri`) lay the checked text out
for marking: findings carry character offsets into "subject\\n\\nbody" (or the body
alone), so the text is cut at every finding's edges and each piece knows which
findings cover it. What the user does with the draft is `followup.app.drafts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote

from followup.app import actions, drafts, mail_sending
from followup.app.agenda import AgendaItem
from followup.app.context import Env
from followup.app.drafts import KIND_LABELS, CheckedDraft, draft_heading
from followup.drafting.model import DraftKind, Finding, Fix, Person, Tone
from followup.errors import Ambiguous, InvalidInput, NotFound

TONE_LABELS = {
    Tone.FORMAL: ("Formal", "polite and classic"),
    Tone.WARM: ("Warm", "friendly and personal"),
    Tone.BRIEF: ("Brief", "short and to the point"),
}
SEVERITY_WORDS = {"error": "Must fix", "warning": "Check", "info": "Note"}
_RANK = {"error": 0, "warning": 1, "info": 2}


# -- the text, cut for marking ------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of the checked text; `refs` are the 1-based numbers of the findings covering it."""

    text: str
    at: int  # offset in the checked text
    refs: tuple[int, ...] = ()
    severity: str | None = None  # the worst severity among `refs`
    starts: tuple[int, ...] = ()  # findings whose marked text begins here
    ends: tuple[int, ...] = ()  # findings whose marked text ends here (the footnote number goes after it)


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[tuple[Piece, ...], ...]
    cue: bool = False  # a script's "Say hello:" style heading on its first line


def _worst(severities: Iterable[str]) -> str | None:
    ordered = sorted(severities, key=lambda s: _RANK.get(s, 9))
    return ordered[0] if ordered else None


def pieces(text: str, findings: Sequence[Finding]) -> list[Piece]:
    """`text` cut at every finding's start and end; a finding of no width becomes an empty piece."""
    spans: list[tuple[int, int, int, str]] = []
    for number, finding in enumerate(findings, 1):
        start = min(max(finding.start, 0), len(text))
        end = min(max(finding.end, start), len(text))
        spans.append((number, start, end, finding.severity.value))
    cuts = sorted({0, len(text)} | {s for _, s, _, _ in spans} | {e for _, _, e, _ in spans})
    out: list[Piece] = []
    for index, here in enumerate(cuts):
        points = [span for span in spans if span[1] == span[2] == here]
        if points:
            refs = tuple(n for n, *_ in points)
            out.append(Piece("", here, refs, _worst(s for *_, s in points), refs, refs))
        if index + 1 == len(cuts):
            break
        there = cuts[index + 1]
        covering = [span for span in spans if span[1] <= here and span[2] >= there and span[1] < span[2]]
        out.append(
            Piece(
                text[here:there],
                here,
                tuple(n for n, *_ in covering),
                _worst(s for *_, s in covering),
                tuple(n for n, s, _, _ in covering if s == here),
                tuple(n for n, _, e, _ in covering if e == there),
            )
        )
    return out


def cut(parts: Sequence[Piece], start: int, end: int) -> list[Piece]:
    """The pieces within [start, end) of the text (an empty piece at `end` only when it ends the text)."""
    last = max((p.at + len(p.text) for p in parts), default=0)
    out: list[Piece] = []
    for part in parts:
        stop = part.at + len(part.text)
        if not part.text:
            if start <= part.at < end or part.at == end == last:
                out.append(part)
            continue
        lo, hi = max(part.at, start), min(stop, end)
        if lo >= hi:
            continue
        out.append(
            replace(
                part,
                text=part.text[lo - part.at : hi - part.at],
                at=lo,
                starts=part.starts if lo == part.at else (),
                ends=part.ends if hi == stop else (),
            )
        )
    return out


def paragraphs(parts: Sequence[Piece], *, cues: bool = False) -> list[Paragraph]:
    """Lines split at newlines, paragraphs at blank lines; `cues` spots a script's headings."""
    lines: list[list[Piece]] = [[]]
    for part in parts:
        chunks = part.text.split("\n")
        offset = part.at
        for index, chunk in enumerate(chunks):
            if index:
                lines.append([])
            first, final = index == 0, index == len(chunks) - 1
            piece = replace(
                part,
                text=chunk,
                at=offset,
                starts=part.starts if first else (),
                ends=part.ends if final else (),
            )
            # An empty run is kept only when it carries a mark's start or end (or is a point).
            if chunk or not part.text or piece.starts or piece.ends:
                lines[-1].append(piece)
            offset += len(chunk) + 1
    out: list[Paragraph] = []
    current: list[tuple[Piece, ...]] = []
    for line in lines:
        if not any(p.text.strip() or p.refs for p in line):
            if current:
                out.append(_paragraph(current, cues))
            current = []
            continue
        current.append(tuple(line))
    if current:
        out.append(_paragraph(current, cues))
    return out


def _paragraph(lines: list[tuple[Piece, ...]], cues: bool) -> Paragraph:
    first = "".join(p.text for p in lines[0]).strip()
    cue = cues and len(first) < 60 and first.endswith(":") and not first.startswith(('"', "-", "“", "*"))
    return Paragraph(tuple(lines), cue)


# -- links ----------------------------------------------------------------------------------


def mailto(addresses: Sequence[str], subject: str, body: str) -> str:
    """A mailto: URI (RFC 6068) that opens the user's mail program with everything filled in."""
    to = ",".join(quote(address, safe="@") for address in addresses)
    crlf = re.sub(r"\r?\n", "\r\n", body)
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def tel_uri(phone: str | None) -> str | None:
    """tel:+4930123456 from '+49 30 123 456'; None when there are too few digits to call."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 3:
        return None
    return f"tel:{'+' if phone.strip().startswith(('+', '00')) and not digits.startswith('00') else ''}{digits}"


# -- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    number: int
    id: str
    severity: str
    label: str  # 'Must fix', 'Check', 'Note'
    message: str
    fix: Fix | None = None  # the check's one-step fix, offered as a button


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    hint: str
    current: bool


@dataclass(frozen=True)
class Account:
    name: str
    email: str
    can_send: bool


@dataclass(frozen=True)
class Recipient:
    """One choice under "Send to": `value` is what the form sends ("" for whom the draft is for, so that
    a send goes where its copy in Drafts went, or asks)."""

    value: str
    label: str
    chosen: bool
    address: str  # where it goes (several, comma-separated, for a draft to more than one person)


@dataclass(frozen=True)
class DraftPage:
    item: AgendaItem
    checked: CheckedDraft
    label: str
    heading: str
    medium: str  # 'email', 'letter' or 'script'
    subject: tuple[Piece, ...]
    body: tuple[Paragraph, ...]
    problems: tuple[Problem, ...]
    tones: tuple[Choice, ...]
    kinds: tuple[Choice, ...]
    copy_text: str
    mailto: str | None
    no_email: tuple[str, ...]  # recipients with no email address recorded
    call: str | None  # tel: link
    accounts: tuple[Account, ...]
    interrupted_send: bool = False  # an earlier send stopped halfway: it may have gone out
    recipients: tuple[Recipient, ...] = ()  # whom it can be sent to, for "Send to"
    to_error: str = ""  # why the last pick under "Send to" was refused

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def parse_tone(text: str | None) -> Tone | None:
    if not text:
        return None
    try:
        return Tone(text)
    except ValueError:
        raise InvalidInput(f"there is no {text!r} tone", where="tone", hint="Choose formal, warm or brief.") from None


def parse_kind(text: str | None) -> DraftKind | None:
    if not text:
        return None
    try:
        return DraftKind(text)
    except ValueError:
        raise InvalidInput(f"there is no {text!r} draft", where="kind", hint="Pick one of the tabs.") from None


def load(
    env: Env,
    action_id: str,
    *,
    tone: Tone | None = None,
    kind: DraftKind | None = None,
    to: str | None = None,
    to_error: str = "",
) -> DraftPage:
    """The draft for a due action, laid out for the page (raises like `drafts.for_action`).

    `to`: whom the user picked under "Send to" (an address or a contact), shown as the draft's To;
    `to_error`: why their last pick was refused (they then pick again, every choice by its address)."""
    item = actions.find_action(env, action_id)
    checked = drafts.for_action(env, item.id, kind=kind, tone=tone)
    picked = _picked(env, item, checked, to) if to else None
    if picked is not None:
        checked = replace(checked, draft=replace(checked.draft, to=(picked,)))
    draft = checked.draft
    text = f"{draft.subject}\n\n{draft.body}" if draft.subject else draft.body
    parts = pieces(text, checked.findings)
    body_start = len(draft.subject) + 2 if draft.subject else 0
    medium = draft.kind.medium
    problems = tuple(
        Problem(n, f.id, f.severity.value, SEVERITY_WORDS.get(f.severity.value, f.severity.value), f.message, f.fix)
        for n, f in enumerate(checked.findings, 1)
    )
    tones = tuple(Choice(t.value, label, hint, t is draft.tone) for t, (label, hint) in TONE_LABELS.items())
    kinds = tuple(
        Choice(k.value, KIND_LABELS.get(k, k.value), "", k is draft.kind)
        for k in drafts.kinds_for_action(item.kind, item.channel)
    )
    addresses = [p.email for p in draft.to if p.email]
    no_email = tuple(p.name for p in draft.to if not p.email) if medium == "email" else ()
    recipient = draft.facts.recipient
    can_mail = medium == "email" and bool(addresses) and not no_email
    interrupted = can_mail and mail_sending.send_interrupted(env, item.id)
    accounts = mail_sending.mail_accounts(env) if can_mail else []
    return DraftPage(
        item=item,
        checked=checked,
        label=KIND_LABELS.get(draft.kind, draft.kind.value),
        heading=draft_heading(draft.kind, item.contact),
        medium=medium,
        subject=tuple(cut(parts, 0, len(draft.subject))) if draft.subject else (),
        body=tuple(paragraphs(cut(parts, body_start, len(text)), cues=medium == "script")),
        problems=problems,
        tones=tones,
        kinds=kinds if len(kinds) > 1 else (),
        copy_text=draft.body,
        mailto=mailto(addresses, draft.subject, draft.body) if can_mail else None,
        no_email=no_email,
        call=tel_uri(recipient.phone if recipient else None) if medium == "script" else None,
        accounts=tuple(Account(a.name, a.email, bool(a.smtp_host)) for a in accounts),
        interrupted_send=interrupted,
        recipients=_recipients(env, item, draft.to, explicit=picked is not None or bool(to_error)) if accounts else (),
        to_error=to_error,
    )


def _picked(env: Env, item: AgendaItem, checked: CheckedDraft, to: str) -> Person | None:
    """The person or address picked under "Send to"; None when it is no one the draft can go to
    (a link from before a contact changed): the page then shows whom the draft is for."""
    if item.application_id is None or checked.draft.kind.medium != "email":
        return None
    try:
        return mail_sending.recipient(env, item.application_id, to)
    except (InvalidInput, NotFound, Ambiguous):
        return None


def _recipients(env: Env, item: AgendaItem, to: tuple[Person, ...], *, explicit: bool) -> tuple[Recipient, ...]:
    """The choices under "Send to": whom the draft goes to first, then the others who can be written to.

    Unless the user picked someone (`explicit`), the first choice sends no address: a send then goes
    where the copy in Drafts went, and says so when that was someone else."""
    if item.application_id is None:
        return ()
    choices = mail_sending.recipient_choices(env, item.application_id, to)
    if explicit:
        return tuple(Recipient(c.address, c.label, c.chosen, c.address) for c in choices)
    current = [c for c in choices if c.chosen]
    others = tuple(Recipient(c.address, c.label, False, c.address) for c in choices if not c.chosen)
    if not current:
        return others
    first = Recipient("", ", ".join(c.label for c in current), True, ",".join(c.address for c in current))
    return (first, *others)
