"""The user's own message templates, from the Settings page: list, preview, save, reset.

A template the user writes replaces the built-in one for that kind of draft and
tone (`<templates dir>/<kind>/<tone>.j2`, see docs/templates.md). Before one is
saved it is rendered twice with sample facts, once with every detail recorded
and once with almost none, because real applications have both; a template
that breaks either way is refused with the file, the line and the problem.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from datetime import timedelta

from followup.app.context import Env
from followup.domain.settings import Profile
from followup.drafting.errors import TemplateError
from followup.drafting.model import Draft, DraftFacts, DraftKind, Finding, Person, Tone
from followup.errors import InvalidInput, NotFound

MAX_TEMPLATE_CHARS = 50_000

KINDS: dict[DraftKind, tuple[str, str]] = {
    DraftKind.THANK_YOU_EMAIL: ("Thank-you email", "To each interviewer, the same day."),
    DraftKind.THANK_YOU_LETTER: ("Thank-you letter", "Mailed on paper, for traditional companies."),
    DraftKind.STATUS_CHECK_EMAIL: ("Status check email", "A polite request for news once their date has passed."),
    DraftKind.APPLICATION_CHECK_EMAIL: (
        "Note about your application",
        "Asking after an application that has had no answer yet.",
    ),
    DraftKind.CALL_SCRIPT: ("Follow-up call", "What to say when you call for news."),
    DraftKind.VOICEMAIL_SCRIPT: ("Voicemail message", "The short message if the call goes to voicemail."),
    DraftKind.RECRUITER_DEBRIEF: ("Recruiter debrief", "Talking points for the call to your recruiter."),
    DraftKind.REFERENCE_HEADS_UP: ("Reference heads-up", "Telling a reference they may be called."),
    DraftKind.THANK_RECRUITER: ("Thanks to the recruiter", "At the end of the process."),
    DraftKind.REPLY: ("Reply to a request", "Answering when they ask for documents, references or times."),
    DraftKind.REJECTION_REPLY: ("Reply to a rejection", "A gracious answer that keeps the door open."),
}
TONES: dict[Tone, str] = {Tone.FORMAL: "Formal", Tone.WARM: "Warm", Tone.BRIEF: "Brief"}
SAMPLES = {"full": "every detail recorded", "sparse": "almost nothing recorded"}


def parse_kind_tone(kind: str, tone: str) -> tuple[DraftKind, Tone]:
    try:
        return DraftKind(kind), Tone(tone)
    except ValueError:
        raise NotFound(
            f"there is no {kind.replace('_', ' ')} template in a {tone} tone",
            hint="Choose one from the list on the Settings page.",
        ) from None


def override_path(env: Env, kind: DraftKind, tone: Tone) -> str:
    from followup.app.drafts import templates_dir
    from followup.drafting.render import template_name

    return os.path.join(os.path.abspath(templates_dir(env)), template_name(kind, tone))


def built_in_path(kind: DraftKind, tone: Tone) -> str:
    from followup.drafting.render import BUILT_IN_DIR, template_name

    return os.path.join(BUILT_IN_DIR, template_name(kind, tone))


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@dataclass(frozen=True)
class TemplateEntry:
    kind: DraftKind
    label: str
    description: str
    tones: tuple[tuple[Tone, bool], ...]  # each tone, and whether the user has their own


def tones(kind: DraftKind) -> list[tuple[Tone, str]]:
    """The tones `kind` has a built-in template in, each with its label."""
    from followup.drafting.render import available_tones

    return [(tone, TONES[tone]) for tone in available_tones(kind)]


def catalogue(env: Env) -> list[TemplateEntry]:
    from followup.drafting.render import available_tones

    return [
        TemplateEntry(
            kind,
            label,
            description,
            tuple((tone, os.path.isfile(override_path(env, kind, tone))) for tone in available_tones(kind)),
        )
        for kind, (label, description) in KINDS.items()
    ]


@dataclass(frozen=True)
class TemplateSource:
    kind: DraftKind
    tone: Tone
    path: str  # where the user's own goes
    built_in: str
    own: str | None  # the user's text, if they have one


def source(env: Env, kind: DraftKind, tone: Tone) -> TemplateSource:
    path = override_path(env, kind, tone)
    try:
        own: str | None = _read(path)
    except FileNotFoundError:
        own = None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, None, f"it cannot be read ({exc})", hint="Fix or delete the file.") from None
    return TemplateSource(kind, tone, path, _read(built_in_path(kind, tone)), own)


# -- sample facts -------------------------------------------------------------------------------

SAMPLE_COMPANY = "Northwind Analytics"
SAMPLE_ROLE = "Data Analyst"
SAMPLE_INTERVIEWER = Person(
    "Ann Lee",
    title="Head of Data",
    email="ann.lee@northwind.example",
    phone="+44 20 7946 0018",
    postal_address="Northwind Analytics\n12 Harbour Street\nBristol BS1 4QA",
    organisation=SAMPLE_COMPANY,
)
SAMPLE_RECRUITER = Person(
    "Marco Rossi", title="Recruiter", email="marco@talentbridge.example", phone="+44 20 7946 0102"
)
SAMPLE_REFERENCE = Person("Priya Shah", title="Former manager", email="priya.shah@example.org", phone="+44 7700 900123")
STAND_IN = Profile(name="Sam Taylor", email="sam.taylor@example.org", phone="+44 7700 900456")


def sample_facts(env: Env, kind: DraftKind, tone: Tone, sample: str = "full") -> DraftFacts:
    """Believable facts for a preview: the user's own profile (or a stand-in), a made-up application."""
    from followup.drafting.facts import signature

    profile = env.settings.profile
    if not profile.name.strip():
        profile = replace(STAND_IN, signature=profile.signature)
    sender = Person(
        profile.name,
        email=profile.email or None,
        phone=profile.phone or None,
        postal_address=profile.postal_address or None,
    )
    today = env.now().date()
    base = DraftFacts(
        kind=kind,
        tone=tone,
        sender=sender,
        signature=signature(profile),
        company=SAMPLE_COMPANY,
        role=SAMPLE_ROLE,
        today=today,
    )
    if sample == "sparse":
        return base
    recipient = {
        DraftKind.RECRUITER_DEBRIEF: SAMPLE_RECRUITER,
        DraftKind.THANK_RECRUITER: SAMPLE_RECRUITER,
        DraftKind.REFERENCE_HEADS_UP: SAMPLE_REFERENCE,
    }.get(kind, SAMPLE_INTERVIEWER)
    interview = today - timedelta(days=8)
    while interview.weekday() >= 5:  # interviews happen on working days
        interview -= timedelta(days=1)
    return replace(
        base,
        recipient=recipient,
        job_url="https://northwind.example/jobs/data-analyst",
        applied_date=interview - timedelta(days=14),
        interview_date=interview,
        interview_kind="video",
        interview_round=2,
        interviewers=("Ann Lee", "Tom Baker"),
        main_points="the sales dashboards and how the team models its data",
        forgot_to_mention="my three years of experience with Python",
        to_clarify="my notice period is one month",
        next_steps="a team debrief, then references",
        decision_date=interview + timedelta(days=5),
        status_check_date=today - timedelta(days=1),
        recruiter=SAMPLE_RECRUITER,
        reference=SAMPLE_REFERENCE if kind is DraftKind.REFERENCE_HEADS_UP else None,
        reply_date=today - timedelta(days=1),
        reply_summary="two references and my availability next week",
        thread_subject="Your interview for the Data Analyst role",
        thread_message_id="<sample-1@northwind.example>",
    )


# -- preview and save ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    draft: Draft | None
    findings: list[Finding]
    error: TemplateError | None
    error_line_text: str | None = None  # the line of the user's text the error points at

    @property
    def ok(self) -> bool:
        return self.error is None


def clean(text: str) -> str:
    """As a browser sends it (CRLF), stored as a text file should be: LF, one final newline."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"


def preview(env: Env, kind: DraftKind, tone: Tone, text: str, sample: str = "full") -> Preview:
    """The draft `text` makes from sample facts, with its check findings; never writes anything."""
    text = clean(text)
    if len(text) > MAX_TEMPLATE_CHARS:
        error = TemplateError(
            override_path(env, kind, tone), None, f"it is too long ({len(text):,} characters)", hint=None
        )
        return Preview(None, [], error)
    facts = sample_facts(env, kind, tone, sample)
    try:
        draft = _render(env, kind, tone, text, facts)
    except TemplateError as exc:
        return Preview(None, [], exc, line_at(env, kind, tone, text, exc))
    return Preview(draft, _check(env, draft), None)


def line_at(env: Env, kind: DraftKind, tone: Tone, text: str, error: TemplateError) -> str | None:
    """The line of the user's text an error points at, when it is in that text."""
    lines = clean(text).split("\n")
    if not error.line or error.path != override_path(env, kind, tone) or error.line > len(lines):
        return None
    return lines[error.line - 1].strip() or None


def _render(env: Env, kind: DraftKind, tone: Tone, text: str, facts: DraftFacts) -> Draft:
    """Render `text` as the user's template for (kind, tone), from a scratch folder.

    Errors name the file the template will be saved as, not the scratch copy.
    """
    from followup.drafting.render import render, template_name

    target = override_path(env, kind, tone)
    with tempfile.TemporaryDirectory(prefix="followup-preview-") as scratch:
        path = os.path.join(scratch, template_name(kind, tone))
        os.makedirs(os.path.dirname(path))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            return replace(render(facts, user_dir=scratch), template=target)
        except TemplateError as exc:
            shown = target if os.path.realpath(exc.path) == os.path.realpath(path) else exc.path
            raise TemplateError(shown, exc.line, exc.problem, hint=exc.hint) from None


def _check(env: Env, draft: Draft) -> list[Finding]:
    from followup.app.drafts import check_context
    from followup.drafting.checks import check_draft
    from followup.drafting.checks.stored import stored_texts

    facts = draft.facts
    recipient = facts.recipient.name if facts.recipient else None
    people = [p.name for p in (facts.recipient, facts.recruiter, facts.reference) if p]
    context = replace(
        check_context(env, None, draft.kind, recipient),
        company=facts.company,
        role=facts.role,
        interview_date=facts.interview_date,
        known_names=tuple(sorted({facts.company, *facts.interviewers, *people})),
        user_texts=stored_texts(facts),
    )
    return check_draft(draft.subject, draft.body, context)


def save(env: Env, kind: DraftKind, tone: Tone, text: str) -> str:
    """Write the user's template after it renders with both samples; returns where it went."""
    from followup.files import write_atomically

    text = clean(text)
    if not text.strip():
        raise InvalidInput("the template is empty", hint="Write one, or use “Reset to built-in” instead.")
    for sample, meaning in SAMPLES.items():
        result = preview(env, kind, tone, text, sample)
        if result.error is not None:
            error = result.error
            if sample != "full":
                raise TemplateError(error.path, error.line, f"with {meaning}, {error.problem}", hint=error.hint)
            raise error
    path = override_path(env, kind, tone)
    try:
        write_atomically(path, text.encode("utf-8"), create_folder=True)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}", hint="Check the folder's permissions.") from None
    return path


def reset(env: Env, kind: DraftKind, tone: Tone) -> bool:
    """Delete the user's own template; True if there was one."""
    try:
        os.unlink(override_path(env, kind, tone))
    except FileNotFoundError:
        return False
    return True
