"""No false finding: every built-in draft, in every tone, for a varied table of people and companies
(accents, apostrophes, hyphens, a first name the user shares with the person written to, companies
that are English words, roles with odd capitals, titles, salutations and greeting languages of every
kind, traditional and modern companies), checked as the app checks it, is clean of errors
and warnings. A finding here is the check's fault, not the template's or the user's."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import pytest

from followup.domain.model import CompanyStyle, Language, Salutation
from followup.drafting.checks import check_draft
from followup.drafting.checks.stored import stored_texts
from followup.drafting.model import CheckContext, Draft, DraftFacts, DraftKind, Finding, Person, Severity, Tone
from followup.drafting.render import render

FIRST = ["Zoë", "Zoe", "Jürgen", "Siobhán", "José", "Marie-Hélène", "Ann", "Mark", "Will", "Grace", "Björn", "Ngozi"]
# "Wei Wei": a name with a word twice is no doubled word
LAST = ["Müller-O'Brien", "Weiß", "Núñez", "O'Neill", "Ní Bhriain", "van der Berg", "Stone", "Lee", "D'Angelo"]
LAST += ["Wei Wei"]
COMPANIES = ["Apple", "Target", "Notion", "Café", "Société Générale", "O'Reilly & Sons", "ACME Corp", "Müller GmbH"]
ROLES = ["iOS Developer", "DevOps Engineer", "Senior Data Analyst", "UX/UI Designer", "Head of eCommerce"]
# How each row's recipient is greeted: the title as a user enters it, the salutation, the language, and
# the company's style. By the row's place, so the seeded draws below stay as they were.
S, L, C = Salutation, Language, CompanyStyle
GREETINGS: list[tuple[str | None, Salutation, Language | None, CompanyStyle]] = [
    ("Dr", S.DEFAULT, None, C.TRADITIONAL),
    ("Ms", S.DEFAULT, None, C.MODERN),
    (None, S.TITLE, L.DE, C.UNKNOWN),
    ("Frau Dr.", S.TITLE, L.DE, C.TRADITIONAL),
    ("Herr", S.FIRST_NAME, L.DE, C.MODERN),
    ("Mme", S.TITLE, L.FR, C.UNKNOWN),
    ("M.", S.DEFAULT, L.FR, C.TRADITIONAL),
    (None, S.FIRST_NAME, L.FR, C.UNKNOWN),
    ("Sra.", S.TITLE, L.ES, C.UNKNOWN),
    ("Prof.", S.FULL_NAME, L.ES, C.TRADITIONAL),
    ("Sr.", S.FIRST_NAME, L.ES, C.MODERN),
    ("Dra.", S.DEFAULT, L.EN, C.UNKNOWN),
]
SHARED = ["Zoë", "Jürgen", "Marie-Hélène", "Ann"]
NOTES = [
    "Dashboards für den Vertrieb, SQL performance, café loyalty data",
    "the iOS rewrite and how the DevOps team ships",
    "apple pie at the canteen; target markets in Spain",
    "my notice period is one month",
]


@dataclass(frozen=True)
class Row:
    sender: Person
    recipient: Person
    recruiter: Person
    company: str
    role: str
    notes: tuple[str, ...]
    style: CompanyStyle = CompanyStyle.UNKNOWN


def people(seed: int) -> list[Row]:
    """A fixed, seeded table of senders, recipients, recruiters, companies, roles and notes."""
    rng = random.Random(seed)
    rows: list[Row] = []
    for i in range(12):
        first = SHARED[i // 3 % len(SHARED)] if i % 3 == 0 else rng.choice(FIRST)
        # every third row: the user and the person written to share a first name (Zoë writes to Zoe)
        recipient_first = {"Zoë": "Zoe"}.get(first, first) if i % 3 == 0 else rng.choice(FIRST)
        recruiter = Person(f"{rng.choice(FIRST)} {rng.choice(LAST)}", email="rec@agency.example", phone="020 7946")
        rows.append(
            Row(
                sender=Person(f"{first} {rng.choice(LAST)}", email="me@example.org", phone="+49 170 1234567"),
                recipient=Person(
                    f"{recipient_first} {rng.choice(LAST)}",
                    title="Head of Data",
                    email="r@co.example",
                    honorific=GREETINGS[i][0],
                    salutation=GREETINGS[i][1],
                    language=GREETINGS[i][2],
                ),
                recruiter=recruiter,
                company=COMPANIES[i % len(COMPANIES)],
                role=ROLES[i % len(ROLES)],
                notes=tuple(rng.sample(NOTES, 3)),
                style=GREETINGS[i][3],
            )
        )
    return rows


ROWS = people(13)
CASES = [(row, kind, tone) for row in ROWS for kind in DraftKind for tone in Tone]
NAMES = [f"{row.sender.name}-{row.company}-{kind}-{tone}" for row, kind, tone in CASES]


def facts(row: Row, kind: DraftKind, tone: Tone) -> DraftFacts:
    to = row.recruiter if kind in (DraftKind.RECRUITER_DEBRIEF, DraftKind.THANK_RECRUITER) else row.recipient
    return DraftFacts(
        kind=kind,
        tone=tone,
        sender=row.sender,
        signature=f"{row.sender.name}\n{row.sender.phone}\n{row.sender.email}",
        company=row.company,
        role=row.role,
        today=date(2026, 11, 25),
        recipient=to,
        applied_date=date(2026, 11, 2),
        interview_date=date(2026, 11, 18),
        interview_kind="video",
        interview_round=2,
        interviewers=(row.recipient.name, row.recruiter.name),
        main_points=row.notes[0],
        forgot_to_mention=row.notes[1],
        to_clarify=row.notes[2],
        next_steps="a team debrief, then references",
        status_check_date=date(2026, 11, 23),
        recruiter=row.recruiter,
        reference=to if kind is DraftKind.REFERENCE_HEADS_UP else None,
        reply_date=date(2026, 11, 24),
        reply_summary="two references and my availability next week",
        company_style=row.style,
    )


def context(f: DraftFacts) -> CheckContext:
    """What the app knows when it checks this draft: the stored names, dates and texts."""
    names = {f.company, *f.interviewers, *(p.name for p in (f.recipient, f.recruiter, f.reference) if p)}
    return CheckContext(
        kind=f.kind,
        recipient=f.recipient.name if f.recipient else None,
        company=f.company,
        role=f.role,
        interview_date=f.interview_date,
        applied_date=f.applied_date,
        known_names=tuple(sorted(names)),
        sender=f.sender,
        user_texts=stored_texts(f),
    )


def test_the_table_is_varied_enough() -> None:
    firsts = [(row.sender.name.split()[0], row.recipient.name.split()[0]) for row in ROWS]
    assert len(CASES) == len(ROWS) * len(DraftKind) * len(Tone) >= 300
    assert [pair for pair in firsts if pair in (("Zoë", "Zoe"), ("Jürgen", "Jürgen"))] != []
    assert {row.company for row in ROWS} >= {"Apple", "Target", "Notion", "Café"}
    greetings = {render(facts(row, DraftKind.THANK_YOU_EMAIL, Tone.FORMAL)).body.split()[0] for row in ROWS}
    assert greetings >= {
        "Dear",
        "Sehr",
        "Guten",
        "Madame,",
        "Monsieur,",
        "Bonjour",
        "Estimada",
        "Hola",
        "Hallo",
        "Buenos",
    }


def woven_in_by_hand(draft: Draft, finding: Finding) -> bool:
    """A true finding: notes that do not read as a sentence leave a gap the user fills from them."""
    notes_to_weave: tuple[str, ...] = getattr(draft, "notes_to_weave", ())
    return finding.id == "unfilled-placeholder" and bool(notes_to_weave)


@pytest.mark.parametrize(("row", "kind", "tone"), CASES, ids=NAMES)
def test_no_built_in_draft_gets_an_error_or_a_warning(row: Row, kind: DraftKind, tone: Tone) -> None:
    f = facts(row, kind, tone)
    draft = render(f)
    serious = [
        (finding.id, finding.message)
        for finding in check_draft(draft.subject, draft.body, context(f))
        if finding.severity in (Severity.ERROR, Severity.WARNING) and not woven_in_by_hand(draft, finding)
    ]
    assert serious == [], f"{draft.subject}\n\n{draft.body}"
