"""The draft page's use cases: a due action's draft with its check findings marked in the text,
and what the user does with it (download, put in Drafts, send, or say it went out).

The pure parts (`pieces`, `paragraphs`, `mailto`, `tel_uri`) lay the checked text out
for marking: findings carry character offsets into "subject\\n\\nbody" (or the body
alone), so the text is cut at every finding's edges and each piece knows which
findings cover it. Mail goes through the same use cases as `followup mail draft/send`
(followup.app.mail_sending), so a message leaves through the outbox exactly once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

from followup.app import actions, drafts
from followup.app.agenda import AgendaItem
from followup.app.context import Env, bootstrap
from followup.domain.model import Outcome
from followup.drafting.facts import drafts_for_action
from followup.drafting.model import DraftKind, Finding, Tone
from followup.errors import InvalidInput, SettingsError
from followup.store import outbox

if TYPE_CHECKING:
    from followup.app.actions import Done
    from followup.app.drafts import CheckedDraft
    from followup.mail.accounts import MailAccount

T = TypeVar("T")

KIND_LABELS = {
    DraftKind.THANK_YOU_EMAIL: "Thank-you email",
    DraftKind.THANK_YOU_LETTER: "Thank-you letter",
    DraftKind.STATUS_CHECK_EMAIL: "Status check email",
    DraftKind.CALL_SCRIPT: "Call script",
    DraftKind.VOICEMAIL_SCRIPT: "Voicemail message",
    DraftKind.RECRUITER_DEBRIEF: "Call with the recruiter",
    DraftKind.REFERENCE_HEADS_UP: "Note to your reference",
    DraftKind.THANK_RECRUITER: "Thank-you to the recruiter",
    DraftKind.REPLY: "Reply",
    DraftKind.REJECTION_REPLY: "Reply to the rejection",
}
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


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "draft"


# -- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    number: int
    id: str
    severity: str
    label: str  # 'Must fix', 'Check', 'Note'
    message: str


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
class DraftPage:
    item: AgendaItem
    checked: CheckedDraft
    label: str
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


def load(env: Env, action_id: str, *, tone: Tone | None = None, kind: DraftKind | None = None) -> DraftPage:
    """The draft for a due action, laid out for the page (raises like `drafts.for_action`)."""
    item = actions.find_action(env, action_id)
    checked = drafts.for_action(env, item.id, kind=kind, tone=tone)
    draft = checked.draft
    text = f"{draft.subject}\n\n{draft.body}" if draft.subject else draft.body
    parts = pieces(text, checked.findings)
    body_start = len(draft.subject) + 2 if draft.subject else 0
    medium = draft.kind.medium
    problems = tuple(
        Problem(n, f.id, f.severity.value, SEVERITY_WORDS.get(f.severity.value, f.severity.value), f.message)
        for n, f in enumerate(checked.findings, 1)
    )
    tones = tuple(Choice(t.value, label, hint, t is draft.tone) for t, (label, hint) in TONE_LABELS.items())
    kinds = tuple(
        Choice(k.value, KIND_LABELS.get(k, k.value), "", k is draft.kind)
        for k in drafts_for_action(item.kind, item.channel)
    )
    addresses = [p.email for p in draft.to if p.email]
    no_email = tuple(p.name for p in draft.to if not p.email) if medium == "email" else ()
    recipient = draft.facts.recipient
    can_mail = medium == "email" and bool(addresses) and not no_email
    interrupted = can_mail and any(i.state == "sending" for i in outbox.for_action(env.store, item.id))
    return DraftPage(
        item=item,
        checked=checked,
        label=KIND_LABELS.get(draft.kind, draft.kind.value),
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
        accounts=tuple(mail_accounts(env)) if can_mail else (),
        interrupted_send=interrupted,
    )


def mail_accounts(env: Env) -> list[Account]:
    from followup.mail.accounts import load_accounts

    try:
        accounts = load_accounts(env.config_path)
    except SettingsError:
        return []  # a broken [mail] table is reported by Settings; the draft still works without it
    return [Account(a.name, a.email, bool(a.smtp_host)) for a in accounts]


# -- files ----------------------------------------------------------------------------------


def eml_file(env: Env, action_id: str, *, tone: Tone | None, kind: DraftKind | None) -> tuple[str, bytes]:
    """The draft as an .eml file, to open in any mail program."""
    from followup.drafting.message import build_email
    from followup.drafting.model import Person

    checked = drafts.for_action(env, action_id, kind=kind, tone=tone)
    draft = checked.draft
    profile = env.settings.profile
    sender = Person(name=profile.name, email=profile.email or None, phone=profile.phone or None)
    data = bytes(build_email(draft, sender=sender, when=env.now()))
    return f"{slug(KIND_LABELS.get(draft.kind, draft.kind.value))}-{slug(draft.facts.company)}.eml", data


def letter_file(env: Env, action_id: str, *, tone: Tone | None) -> tuple[str, bytes]:
    """The thank-you letter as a printable PDF."""
    from followup.drafting.letter import letter_pdf

    checked = drafts.for_action(env, action_id, kind=DraftKind.THANK_YOU_LETTER, tone=tone)
    data = letter_pdf(checked.draft, paper=env.settings.drafting.paper)
    return f"thank-you-letter-{slug(checked.draft.facts.company)}.pdf", data


# -- what the user does with it -------------------------------------------------------------


def mark_sent(
    env: Env,
    action_id: str,
    *,
    on: date | None,
    outcome: str = "",
    promised: date | None = None,
    subject: str = "",
    kind: DraftKind | None = None,
) -> Done:
    """Record that the message went out (or the call was made), so the playbook moves on."""
    from followup.app.agenda import CALL_OUTCOMES, done_at

    item = actions.find_action(env, action_id)
    how = None
    if outcome:
        if outcome not in CALL_OUTCOMES:
            raise InvalidInput(f"unknown call outcome {outcome!r}", where="How did it go", hint="Pick one.")
        how = Outcome(outcome)
    if kind is DraftKind.VOICEMAIL_SCRIPT and how is None:
        how = Outcome.VOICEMAIL
    return actions.mark_done(
        env,
        item.id,
        at=done_at(on, env.now(), item.due),
        outcome=how if item.channel == "phone" else None,
        promised_date=promised if item.channel == "phone" else None,
        subject=subject.strip() or None,
    )


def in_own_env(env: Env, work: Callable[[Env], T]) -> T:
    """Run `work` with its own database connection (for a worker thread: mail is slow)."""
    own = bootstrap(env.db_path, env.config_path, clock=env.clock)
    own.store = replace(own.store, owner=env.owner)
    try:
        return work(own)
    finally:
        own.close()


def _account(env: Env, name: str) -> MailAccount:
    from followup.mail.accounts import get_account

    return get_account(env.config_path, name or None)


def save_to_drafts(
    env: Env, action_id: str, account_name: str, *, tone: Tone | None, kind: DraftKind | None
) -> tuple[str, str]:
    """Put the checked draft in the account's Drafts folder (once); returns (kind, message)."""
    from followup.app import mail_sending
    from followup.mail import imap

    account = _account(env, account_name)
    prepared = mail_sending.prepare(env, action_id, "draft", account, kind=kind, tone=tone)
    if prepared.already:
        if prepared.item.state == "sent":
            return "info", "This message was already sent, so it was not put in Drafts again."
        return "info", f"It is already in the Drafts folder of {account.email}; nothing was added again."
    client = imap.connect(account)
    try:
        outcome = mail_sending.save_draft(env, prepared.item, client, account)
    finally:
        imap.close(client)
    if outcome.already:
        return "info", f"It is already in the Drafts folder of {account.email}; nothing was added again."
    return "ok", (
        f"Saved in the Drafts folder of {account.email}. Send it from your mail program, "
        "then come back and mark it as sent."
    )


@dataclass(frozen=True)
class Sent:
    message: str
    warnings: tuple[str, ...]
    already: bool


def send_now(
    env: Env, action_id: str, account_name: str, *, tone: Tone | None, kind: DraftKind | None, resend: bool = False
) -> Sent:
    """Send the checked draft over SMTP at most once (refuses when the checks find errors).

    `resend`: the user said to send again after an interrupted send that may have gone out.
    """
    from followup.app import mail_sending as sending
    from followup.mail import imap
    from followup.mail.smtp import connect_smtp

    account = _account(env, account_name)
    if not account.smtp_host:
        raise InvalidInput(
            f"the mail account {account.name} has no outgoing (SMTP) server",
            hint="Add one in Settings, or put the message in Drafts and send it from your mail program.",
        )
    prepared = sending.prepare(env, action_id, "send", account, kind=kind, tone=tone)
    if prepared.already:
        return Sent("It was already sent; nothing was sent again.", (), True)
    client = imap.connect(account)
    try:
        outcome = sending.send(env, prepared.item, lambda: connect_smtp(account), client, account, resend=resend)
    finally:
        imap.close(client)
    people = ", ".join(name or address for name, address in prepared.item.recipients())
    if outcome.already:
        text = "It was already sent; nothing was sent again."
    elif outcome.recovered:
        text = f"It had already gone out to {people} (found in your Sent folder): recorded, not sent again."
    else:
        text = f"Sent to {people}. It is recorded, and the next step is on your list."
    return Sent(text, tuple(outcome.warnings), outcome.already)
