"""Use cases for drafts: the right message for a due action (or on demand), checked,
and what the user does with it (download it, put it in Drafts, send it, or say it went out).

Wires the pure drafting parts (facts, templates, checks, letters) to what is
stored. The CLI and the web app call these. Mail goes through the same use cases
as `followup mail draft/send` (followup.app.mail_sending), so a message leaves
through the outbox exactly once.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from followup.app import actions, applications
from followup.app.agenda import CALL_OUTCOMES, KEEP_SEARCHING, AgendaItem, done_at
from followup.app.context import Env
from followup.domain.model import ApplicationState, Interview, Outcome
from followup.drafting.facts import drafts_for_action, gather
from followup.drafting.model import CheckContext, Draft, DraftKind, Finding, FixKind, Person, Tone
from followup.errors import Ambiguous, Conflict, InvalidInput, NotFound
from followup.store import actions as action_store
from followup.store import draft_edits as edit_store

if TYPE_CHECKING:
    from followup.app.actions import Done
    from followup.app.agenda import AgendaItem
    from followup.drafting.checks.source import Source


LIMITS = {
    DraftKind.THANK_YOU_EMAIL: "thank_you_words",
    DraftKind.THANK_YOU_LETTER: "letter_words",
    DraftKind.STATUS_CHECK_EMAIL: "status_check_words",
    DraftKind.APPLICATION_CHECK_EMAIL: "status_check_words",
    DraftKind.VOICEMAIL_SCRIPT: "voicemail_words",
}


@dataclass(frozen=True)
class CheckedDraft:
    draft: Draft
    findings: list[Finding]
    alternatives: tuple[DraftKind, ...]  # other drafts that serve the same action (e.g. the voicemail)
    edited: bool = False  # the subject and body are the user's own edit, not the template's

    @property
    def has_errors(self) -> bool:
        return any(f.severity.value == "error" for f in self.findings)


def templates_dir(env: Env) -> str:
    if env.own_folder is not None:
        # A hosted account's edits are its own, and a setting may not point into the server's files.
        return os.path.join(env.own_folder, "templates")
    configured = env.settings.drafting.templates_dir
    return os.path.expanduser(configured) if configured else os.path.join(os.path.dirname(env.config_path), "templates")


def dictionary_path(env: Env) -> str:
    return os.path.join(env.own_folder or env.data_folder, "dictionary.txt")


def require_profile(env: Env) -> None:
    if not env.settings.profile.name.strip():
        raise InvalidInput(
            "your name is not set, so a draft cannot be signed",
            hint="Set it once: followup config set profile.name 'Your Name' (and profile.email, profile.phone).",
        )


def kinds_for_action(kind: str, channel: str | None) -> tuple[DraftKind, ...]:
    """The drafts a due action of this kind (done through `channel`) offers; none when it needs no message."""
    return drafts_for_action(kind, channel)


def page_of(item: AgendaItem, base: str = "") -> tuple[str, str] | None:
    """(what it opens, its address) for a due follow-up: its draft, else the page where it is done;
    None when there is none. Today's button and a reminder's link lead to the same place; `base`
    is the app's address for a link sent elsewhere ("" on the app's own pages)."""
    base = base.rstrip("/")
    if item.application_id is not None and kinds_for_action(item.kind, item.channel):
        return "Open the draft", f"{base}/drafts/{quote(item.id)}"
    if item.kind == KEEP_SEARCHING:
        return "Add an application", f"{base}/applications/new"
    if item.application_id is None:
        return None
    label = "Fill in the details" if item.kind == "capture_details" else "Open the application"
    return label, f"{base}/applications/{item.application_id}"


def for_action(
    env: Env, ref: str, *, kind: DraftKind | None = None, tone: Tone | None = None, template_only: bool = False
) -> CheckedDraft:
    """The draft for a due action, e.g. the thank-you email to one interviewer: with the text
    the user saved for it (`save_draft_edit`) when there is one, unless `template_only`."""
    item = actions.find_action(env, ref)
    state, draft, others = _template(env, item, kind, tone)
    # Each of the action's drafts keeps its own edit: the voicemail's text is not the call script's.
    saved = None if template_only else edit_store.get(env.store, item.id, draft.kind.value)
    if saved is not None:
        draft = with_text(draft, saved.subject, saved.body)
    return CheckedDraft(draft, run_checks(env, state, draft), others, edited=saved is not None)


def _template(
    env: Env, item: AgendaItem, kind: DraftKind | None, tone: Tone | None
) -> tuple[ApplicationState, Draft, tuple[DraftKind, ...]]:
    """The template's draft for a due action, the state it was made from, and the other kinds it offers."""
    choices = drafts_for_action(item.kind, item.channel)
    if not choices or item.application_id is None:
        raise InvalidInput(
            f"a {item.kind.replace('_', ' ')} action has nothing to draft",
            hint="Drafts exist for thank-yous, notes about an application, status checks, calls, the recruiter, "
            "references and replies.",
        )
    if kind is not None and kind not in choices:
        raise InvalidInput(
            f"this action is drafted as {' or '.join(c.value for c in choices)}, not {kind.value}",
            hint="Leave out --kind, or use `followup draft --kind KIND --app APP` for any other draft.",
        )
    chosen = kind or choices[0]
    state = action_store.load_state(env.store, item.application_id)
    draft = _render(env, state, chosen, tone, item.contact_id, item.interview_id)
    return state, draft, tuple(c for c in choices if c is not chosen)


def check_edit(env: Env, action_id: str, subject: str, body: str, *, kind: DraftKind | None = None) -> CheckedDraft:
    """The checks of a text the user is still writing for a due action's draft, before it is saved:
    the same checks, with the same facts, as the saved text gets. The text is checked as typed, so
    that each finding's place (`field_span`) is where it stands in the field."""
    _within_limits(subject, body)
    item = actions.find_action(env, action_id)
    state, template, others = _template(env, item, kind, None)
    # A line break cannot be in a subject; a space in its place keeps every offset where it was.
    draft = with_text(template, subject.replace("\r", " ").replace("\n", " "), body)
    return CheckedDraft(draft, run_checks(env, state, draft), others, edited=True)


def apply_fix(
    env: Env,
    action_id: str,
    start: int,
    end: int,
    replacement: str,
    *,
    kind: DraftKind | None = None,
    tone: Tone | None = None,
) -> CheckedDraft:
    """Apply one of the one-step fixes the draft's checks offer now (write the stored name, delete a
    doubled word) and keep the result as the user's text. Only a fix the checks offer is applied, so
    a page opened before the text changed cannot replace the wrong words."""
    current = for_action(env, action_id, kind=kind, tone=tone)
    wanted = (start, end, replacement)
    if not any(
        f.fix is not None and f.fix.kind is FixKind.REPLACE and (f.fix.start, f.fix.end, f.fix.replacement) == wanted
        for f in current.findings
    ):
        raise Conflict(
            "that fix no longer fits the text",
            hint="The text changed since the page was opened: look at the checks again.",
        )
    draft = current.draft
    field, lo, hi = field_span(draft.subject, start, end)
    subject, body = draft.subject, draft.body
    if field == "subject":
        subject = subject[:lo] + replacement + subject[hi:]
    else:
        body = body[:lo] + replacement + body[hi:]
    return save_draft_edit(env, action_id, subject, body, kind=draft.kind)


def field_span(subject: str, start: int, end: int) -> tuple[str, int, int]:
    """Where offsets into "subject, blank line, body" (the checked text) fall in the fields the user
    types in: ("subject" or "body", start, end), counted in that field."""
    if not subject:
        return "body", start, end
    body_start = len(subject) + 2
    if start > len(subject):
        return "body", max(0, start - body_start), max(0, end - body_start)
    return "subject", start, min(end, len(subject))


def _within_limits(subject: str, body: str) -> None:
    if len(subject) > SUBJECT_LIMIT:
        raise InvalidInput(
            f"the subject is too long to keep ({len(subject):,} characters; at most {SUBJECT_LIMIT})",
            where="Subject",
            hint="A subject is read at a glance: shorten it.",
        )
    if len(body) > BODY_LIMIT:
        raise InvalidInput(
            f"the text is too long to keep ({len(body):,} characters; at most {BODY_LIMIT:,})",
            where="Text",
            hint="A follow-up is read in a minute: shorten it.",
        )


# What an edit may hold (an imported backup is held to the same).
SUBJECT_LIMIT = edit_store.SUBJECT_LIMIT
BODY_LIMIT = edit_store.BODY_LIMIT


def with_text(draft: Draft, subject: str, body: str) -> Draft:
    """The draft with the user's own subject and body; the HTML part is then made from that body."""
    return replace(draft, subject=subject, body=body, html=None)


def save_draft_edit(
    env: Env, action_id: str, subject: str, body: str, *, kind: DraftKind | None = None
) -> CheckedDraft:
    """Keep the user's text of the draft for a due action (of `kind`, or the first one it offers),
    so the draft page, the CLI, the .eml, the letter and the outbox use it; the checks run on it.
    Text that is the template's own, word for word, is no edit: the draft keeps following the template."""
    if not body.strip():
        raise InvalidInput("the text is empty", where="Text", hint="Write the message, or reset to the template.")
    _within_limits(subject, body)
    item = actions.find_action(env, action_id)
    template = for_action(env, item.id, kind=kind, template_only=True)
    # A browser sends a text area's line breaks as CRLF; the text is kept with plain ones, as typed.
    subject, body = _clean(subject), body.replace("\r\n", "\n").strip("\n").rstrip()
    with env.store.transaction():
        chosen = template.draft.kind.value
        if subject == template.draft.subject and body == template.draft.body.strip("\n").rstrip():
            edit_store.delete(env.store, item.id, chosen)
        else:
            values = {"application_id": item.application_id, "subject": subject, "body": body, "edited_at": env.now()}
            edit_store.save(env.store, item.id, chosen, values)
    return for_action(env, item.id, kind=template.draft.kind)


def _clean(subject: str) -> str:
    # One line: a subject with a line break would be a broken header.
    return " ".join(subject.split())


def reset_draft(env: Env, action_id: str, *, kind: DraftKind | None = None) -> bool:
    """Go back to the template's text of a due action's draft (of `kind`, or the first one it offers);
    the action's other draft keeps its edit. False when it had not been edited."""
    item = actions.find_action(env, action_id)
    choices = drafts_for_action(item.kind, item.channel)
    chosen = kind or (choices[0] if choices else None)
    if chosen is None:
        return False
    with env.store.transaction():
        return edit_store.delete(env.store, item.id, chosen.value)


def on_demand(
    env: Env, kind: DraftKind, app_ref: str, *, contact_ref: str | None = None, tone: Tone | None = None
) -> CheckedDraft:
    """Any draft for an application, whether or not the playbook asks for it now."""
    app = applications.resolve_application(env, app_ref)
    contact_id = applications.resolve_contact(env, contact_ref, app.id).id if contact_ref else None
    state = action_store.load_state(env.store, app.id)
    if contact_id is None:
        contact_id = _default_recipient(state, kind)
    draft = _render(env, state, kind, tone, contact_id, None)
    return CheckedDraft(draft, run_checks(env, state, draft), ())


def _default_recipient(state: ApplicationState, kind: DraftKind) -> int | None:
    if kind in (DraftKind.RECRUITER_DEBRIEF, DraftKind.THANK_RECRUITER):
        return state.application.recruiter_id
    wanted = "reference" if kind is DraftKind.REFERENCE_HEADS_UP else None
    people = sorted(state.contacts.values(), key=lambda c: c.id)
    for contact in people:
        if (wanted and contact.role.value == wanted) or (not wanted and contact.role.is_employer_side):
            return contact.id
    return None


def _render(
    env: Env,
    state: ApplicationState,
    kind: DraftKind,
    tone: Tone | None,
    contact_id: int | None,
    interview_id: int | None,
) -> Draft:
    from followup.drafting.render import render

    require_profile(env)
    facts = gather(
        state,
        kind,
        env.settings.profile,
        env.now().date(),
        env.tz,
        tone=tone,
        contact_id=contact_id,
        interview_id=interview_id,
    )
    return render(facts, user_dir=templates_dir(env))


def check_context(
    env: Env, state: ApplicationState | None, draft_kind: DraftKind | None, recipient: str | None
) -> CheckContext:
    """What the checks should know: stored spellings, the sender, and when a status check is polite."""
    from followup.drafting.checks import load_personal_words
    from followup.drafting.checks.stored import stored_texts
    from followup.drafting.facts import applied_date, promised_date

    profile = env.settings.profile
    sender = Person(name=profile.name, email=profile.email or None, phone=profile.phone or None)
    limits = env.settings.drafting
    limit_name = LIMITS.get(draft_kind) if draft_kind else None
    word_limit = getattr(limits, limit_name) if limit_name else limits.other_words
    if state is None:
        return CheckContext(
            kind=draft_kind,
            recipient=recipient,
            sender=sender,
            now=env.now(),
            word_limit=word_limit,
            personal_words=load_personal_words(dictionary_path(env)),
        )
    app = state.application
    interviews = sorted(state.interviews, key=lambda i: i.starts_at)
    last = interviews[-1] if interviews else None
    names = {app.company, *(c.name for c in state.contacts.values())}
    names |= {c.organisation for c in state.contacts.values() if c.organisation}
    return CheckContext(
        kind=draft_kind,
        recipient=recipient,
        company=app.company,
        role=app.role,
        interview_date=last.starts_at.astimezone(env.tz).date() if last else None,
        applied_date=applied_date(state, env.tz),
        known_names=tuple(sorted(n for n in names if n)),
        sender=sender,
        now=env.now(),
        earliest_status_check=_earliest_status_check(env, state, last) if last else None,
        promised_date=promised_date(state, last),
        word_limit=word_limit,
        personal_words=load_personal_words(dictionary_path(env)),
        user_texts=stored_texts(state),
    )


def context_for_check(
    env: Env, application_id: int | None, draft_kind: DraftKind | None, recipient: str | None
) -> CheckContext:
    """The check context for a text written by hand (`followup check`, the API's checks).

    With an application, its stored names and dates; the recipient in the stored spelling
    when the name is one of its contacts ("ann" → "Ann Lee"), else as given.
    """
    state = action_store.load_state(env.store, application_id) if application_id is not None else None
    if recipient:
        with contextlib.suppress(NotFound, Ambiguous):
            recipient = applications.resolve_contact(env, recipient, application_id).name
    return check_context(env, state, draft_kind, recipient)


def _earliest_status_check(env: Env, state: ApplicationState, interview: Interview) -> datetime:
    """When asking for an update becomes polite: the playbook's floor after the interview,
    and not before the first business day after the date they promised news by."""
    from followup.drafting.facts import promised_date

    timings = env.settings.timings
    cal = env.calendar
    day = cal.add_business_days(cal.local_date(interview.ends_at), timings.status_check_min_business_days)
    promised = promised_date(state, interview)
    if promised is not None:
        day = max(day, cal.first_after(promised))
    return cal.at(day, timings.status_check_time)


def read_draft_file(path: str, data: bytes | None = None) -> Source:
    """The draft to check in the file at `path` (plain text or .eml), or in `data` when given
    (read from standard input: `path` is then "-"); InvalidInput when it cannot be read."""
    from followup.drafting.checks.source import read_draft, read_file

    return read_draft(path, read_file(path) if data is None else data)


def check_file(draft: Source, context: CheckContext) -> list[Finding]:
    """The problems in a draft read by `read_draft_file`, at their places in `draft.text`."""
    return draft.check(context)


def check_text(body: str, context: CheckContext, *, subject: str | None = None) -> list[Finding]:
    """The problems in a text before it is sent: in `body` alone, or, with `subject`, in an email
    whose positions count in "subject, blank line, body" (an empty subject is then a problem)."""
    from followup.drafting.checks import check, check_draft

    return check(body, context) if subject is None else check_draft(subject, body, context)


def learn_word(env: Env, word: str) -> bool:
    """Add `word` to the user's dictionary, so the spelling check accepts it; False when it was there."""
    from followup.drafting.checks import add_personal_word

    return add_personal_word(dictionary_path(env), word)


def run_checks(env: Env, state: ApplicationState | None, draft: Draft) -> list[Finding]:
    from followup.drafting.checks import check_draft
    from followup.drafting.checks.stored import stored_texts

    recipient = draft.facts.recipient.name if draft.facts.recipient else None
    context = check_context(env, state, draft.kind, recipient)
    # What the draft was made from is the user's too, including facts the state alone does not hold.
    context = replace(context, user_texts=(*context.user_texts, *stored_texts(draft.facts)))
    return check_draft(draft.subject, draft.body, context)


# -- what the user does with a draft ----------------------------------------------------------

KIND_LABELS = {
    DraftKind.THANK_YOU_EMAIL: "Thank-you email",
    DraftKind.THANK_YOU_LETTER: "Thank-you letter",
    DraftKind.STATUS_CHECK_EMAIL: "Status check email",
    DraftKind.APPLICATION_CHECK_EMAIL: "Note about your application",
    DraftKind.CALL_SCRIPT: "Call script",
    DraftKind.VOICEMAIL_SCRIPT: "Voicemail message",
    DraftKind.RECRUITER_DEBRIEF: "Call with the recruiter",
    DraftKind.REFERENCE_HEADS_UP: "Note to your reference",
    DraftKind.THANK_RECRUITER: "Thank-you to the recruiter",
    DraftKind.REPLY: "Reply",
    DraftKind.REJECTION_REPLY: "Reply to the rejection",
}


# The page heading says what the draft is and who it is for, in the words of its kind:
# "Call with the recruiter for Jürgen" read as if the call were for someone else.
_HEADINGS = {
    DraftKind.CALL_SCRIPT: "Call script for your call with {who}",
    DraftKind.VOICEMAIL_SCRIPT: "Voicemail message for {who}",
    DraftKind.RECRUITER_DEBRIEF: "Call with {who}, your recruiter",
    DraftKind.REFERENCE_HEADS_UP: "Note to {who}, your reference",
    DraftKind.THANK_RECRUITER: "Thank-you to {who}, your recruiter",
    DraftKind.APPLICATION_CHECK_EMAIL: "Note to {who} about your application",
    DraftKind.REJECTION_REPLY: "Reply to {who} after the rejection",
}


def draft_heading(kind: DraftKind, who: str | None) -> str:
    """The draft page's heading: "Thank-you email to Ann Lee", "Call with Jürgen, your recruiter"."""
    label = KIND_LABELS.get(kind, kind.value)
    if not who:
        return label
    return _HEADINGS.get(kind, label + " to {who}").format(who=who)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "draft"


# -- files ----------------------------------------------------------------------------------


def email_bytes(env: Env, draft: Draft) -> bytes:
    """An email draft as an RFC 5322 message from the user's profile, dated now."""
    from followup.drafting.message import build_email

    profile = env.settings.profile
    sender = Person(name=profile.name, email=profile.email or None, phone=profile.phone or None)
    return bytes(build_email(draft, sender=sender, when=env.now()))


def letter_bytes(env: Env, draft: Draft) -> bytes:
    """A letter as a printable PDF on the user's paper size, laid out as letters are in their country."""
    from followup.drafting.letter import letter_pdf

    return letter_pdf(draft, paper=env.settings.drafting.paper, country=env.settings.country)


def eml_file(env: Env, action_id: str, *, tone: Tone | None, kind: DraftKind | None) -> tuple[str, bytes]:
    """The draft as an .eml file, to open in any mail program."""
    checked = for_action(env, action_id, kind=kind, tone=tone)
    draft = checked.draft
    data = email_bytes(env, draft)
    return f"{slug(KIND_LABELS.get(draft.kind, draft.kind.value))}-{slug(draft.facts.company)}.eml", data


def letter_file(env: Env, action_id: str, *, tone: Tone | None) -> tuple[str, bytes]:
    """The thank-you letter as a printable PDF."""
    checked = for_action(env, action_id, kind=DraftKind.THANK_YOU_LETTER, tone=tone)
    data = letter_bytes(env, checked.draft)
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
