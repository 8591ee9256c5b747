"""How a draft greets a contact: the form the user chose (or the company's style), the title the user
entered (never guessed), and the contact's language."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from followup.domain import salutations
from followup.domain.model import CompanyStyle, Language, Salutation
from followup.drafting.model import DraftFacts, DraftKind, Person, Tone
from followup.drafting.render import render

S, L, C = Salutation, Language, CompanyStyle
ZOE = "Zoë Müller-O'Brien"


def first_line(
    name: str,
    *,
    honorific: str | None = None,
    salutation: Salutation = S.DEFAULT,
    language: Language | None = None,
    style: CompanyStyle = C.UNKNOWN,
    tone: Tone = Tone.FORMAL,
    kind: DraftKind = DraftKind.THANK_YOU_EMAIL,
) -> str:
    person = Person(name, honorific=honorific, salutation=salutation, language=language, email="z@co.example")
    facts = DraftFacts(
        kind=kind,
        tone=tone,
        sender=Person("Ann Lee"),
        signature="Ann Lee",
        company="Müller GmbH",
        role="Analyst",
        today=date(2026, 12, 6),
        recipient=person,
        recruiter=person if kind is DraftKind.THANK_RECRUITER else None,
        reference=person if kind is DraftKind.REFERENCE_HEADS_UP else None,
        company_style=style,
    )
    return render(facts).body.splitlines()[0]


@pytest.mark.parametrize(
    ("name", "honorific", "salutation", "expected"),
    [
        (ZOE, None, S.FIRST_NAME, "Dear Zoë,"),
        (ZOE, "Ms", S.TITLE, "Dear Ms Müller-O'Brien,"),
        ("Zoë Weiß", "Dr", S.TITLE, "Dear Dr Weiß,"),
        ("Zoë Weiß", "Prof.", S.TITLE, "Dear Prof. Weiß,"),
        (ZOE, None, S.TITLE, f"Dear {ZOE},"),  # no title entered: the full name, never "Dear Müller-O'Brien"
        (ZOE, "Dr", S.FULL_NAME, f"Dear {ZOE},"),
        ("Ann van der Berg", "Dr", S.TITLE, "Dear Dr van der Berg,"),
        ("Siobhán Ní Bhriain", "Ms", S.TITLE, "Dear Ms Ní Bhriain,"),
        ("D'Angelo, Marie-Hélène", "Mme", S.TITLE, "Dear Mme D'Angelo,"),
        ("D'Angelo, Marie-Hélène", None, S.FULL_NAME, "Dear Marie-Hélène D'Angelo,"),
        ("D'Angelo, Marie-Hélène", None, S.FIRST_NAME, "Dear Marie-Hélène,"),
    ],
)
def test_each_setting_greets_as_chosen_whatever_the_company_style(name, honorific, salutation, expected):
    for style, tone in itertools.product(CompanyStyle, (Tone.FORMAL, Tone.WARM)):
        assert first_line(name, honorific=honorific, salutation=salutation, style=style, tone=tone) == expected


@pytest.mark.parametrize(
    ("style", "honorific", "expected"),
    [
        (C.TRADITIONAL, "Ms", "Dear Ms Müller-O'Brien,"),
        (C.TRADITIONAL, None, f"Dear {ZOE},"),
        (C.MODERN, "Ms", "Dear Zoë,"),
        (C.MODERN, None, "Dear Zoë,"),
    ],
)
def test_the_default_follows_the_company_style_in_every_tone(style, honorific, expected):
    for tone in (Tone.FORMAL, Tone.WARM):
        assert first_line(ZOE, honorific=honorific, style=style, tone=tone) == expected
    brief = expected if "Ms" in expected else expected.replace("Dear", "Hi")  # a title is never "Hi Ms …"
    assert first_line(ZOE, honorific=honorific, style=style, tone=Tone.BRIEF) == brief


def test_with_the_style_unknown_each_tone_keeps_its_habit():
    assert first_line(ZOE, tone=Tone.FORMAL) == f"Dear {ZOE},"
    assert first_line("Zoë Weiß", honorific="Dr", tone=Tone.FORMAL) == "Dear Dr Weiß,"
    assert first_line("Zoë Weiß", honorific="Dr", tone=Tone.WARM) == "Dear Zoë,"
    assert first_line(ZOE, tone=Tone.BRIEF) == "Hi Zoë,"


@pytest.mark.parametrize(
    ("name", "honorific", "salutation", "language", "expected"),
    [
        ("Zoë Weiß", "Frau Dr.", S.TITLE, L.DE, "Sehr geehrte Frau Dr. Weiß,"),
        ("Zoë Weiß", "Frau Dr", S.TITLE, L.DE, "Sehr geehrte Frau Dr. Weiß,"),
        ("Jürgen Weiß", "Herr", S.TITLE, L.DE, "Sehr geehrter Herr Weiß,"),
        ("Zoë Weiß", "Ms", S.TITLE, L.DE, "Sehr geehrte Frau Weiß,"),  # the title entered, in German
        ("Zoë Weiß", "Dr", S.TITLE, L.DE, "Guten Tag Dr. Weiß,"),  # a doctor of no stated gender
        ("Zoë Müller", None, S.TITLE, L.DE, "Guten Tag Zoë Müller,"),
        ("Zoë Müller", "Frau", S.FULL_NAME, L.DE, "Guten Tag Zoë Müller,"),
        (ZOE, None, S.FIRST_NAME, L.DE, "Hallo Zoë,"),
        ("Zoë Weiß", "Mme", S.TITLE, L.FR, "Madame,"),
        ("Jean O'Neill", "M.", S.TITLE, L.FR, "Monsieur,"),
        ("Zoë Weiß", None, S.TITLE, L.FR, "Bonjour Zoë Weiß,"),
        (ZOE, None, S.FIRST_NAME, L.FR, "Bonjour Zoë,"),
        ("Zoë Weiß", "Sra.", S.TITLE, L.ES, "Estimada Sra. Weiß:"),
        ("José Núñez", "Sr.", S.TITLE, L.ES, "Estimado Sr. Núñez:"),
        ("Zoë Weiß", "Dra.", S.TITLE, L.ES, "Estimada Dra. Weiß:"),
        ("Zoë Weiß", "Sra. Dr.", S.TITLE, L.ES, "Estimada Dra. Weiß:"),
        ("Zoë Weiß", "Ms", S.TITLE, L.ES, "Estimada Sra. Weiß:"),
        ("Zoë Weiß", None, S.FULL_NAME, L.ES, "Buenos días, Zoë Weiß:"),
        (ZOE, None, S.FIRST_NAME, L.ES, "Hola Zoë:"),
        ("Zoë Weiß", "Dr", S.TITLE, L.EN, "Dear Dr Weiß,"),
    ],
)
def test_a_contact_with_a_language_is_greeted_in_it(name, honorific, salutation, language, expected):
    for tone in Tone:
        assert first_line(name, honorific=honorific, salutation=salutation, language=language, tone=tone) == expected


def test_a_gendered_form_comes_only_from_an_entered_title():
    # Names that "look" female or male never choose Frau/Herr, Madame/Monsieur, Estimada/Estimado.
    for name in ("Zoë Weiß", "Jürgen Weiß", "Maria García"):
        for language in (L.DE, L.FR, L.ES):
            line = first_line(name, salutation=S.TITLE, language=language, style=C.TRADITIONAL)
            assert not any(word in line for word in ("Frau", "Herr", "Madame", "Monsieur", "Estimad", "Sra", "Sr."))
    assert salutations.gender("Dr") is None
    assert salutations.gender("Prof. Dr.") is None
    assert salutations.gender("Frau Prof.") == "f"
    assert salutations.gender("Herr") == "m"


def test_the_body_stays_in_english_and_only_the_greeting_changes():
    english = first_line("Zoë Weiß", honorific="Frau Dr.", salutation=S.TITLE)
    german = first_line("Zoë Weiß", honorific="Frau Dr.", salutation=S.TITLE, language=L.DE)
    assert (english, german) == ("Dear Frau Dr. Weiß,", "Sehr geehrte Frau Dr. Weiß,")


def test_recruiters_and_references_are_not_greeted_by_the_employer_style():
    for kind in (DraftKind.THANK_RECRUITER, DraftKind.REFERENCE_HEADS_UP):
        assert first_line(ZOE, honorific="Dr", style=C.TRADITIONAL, tone=Tone.WARM, kind=kind) == "Dear Zoë,"
        assert first_line(ZOE, honorific="Dr", salutation=S.TITLE, tone=Tone.WARM, kind=kind) == (
            "Dear Dr Müller-O'Brien,"
        )


def test_every_written_draft_greets_through_the_setting():
    for kind in DraftKind:
        if kind.medium == "script":
            continue
        for tone in Tone:
            line = first_line("Zoë Weiß", honorific="Sra.", salutation=S.TITLE, language=L.ES, tone=tone, kind=kind)
            assert line == "Estimada Sra. Weiß:", (kind, tone)


def test_a_name_with_a_title_in_it_is_not_titled_twice():
    assert salutations.first_name("Dr. Ann Lee") == "Ann"
    assert salutations.surname("Dr. Ann Lee") == "Lee"
    assert salutations.surname("Cher") == "Cher"
    assert salutations.surname("Lee, Ann") == "Lee"


def test_the_greetings_use_only_their_own_words_and_the_users():
    """The spelling check trusts `salutations.WORDS`: every other word of a greeting is the user's."""
    honorifics = [None, "Dr", "Frau Dr.", "Herr", "Mme", "M.", "Sra.", "Sr.", "Dra.", "Prof.", "Ms", "Srta."]
    for honorific, chosen, language in itertools.product(honorifics, list(Salutation), [None, *Language]):
        line = salutations.greeting("Zoë Weiß", honorific, chosen, language)
        words = set(line.replace(",", " ").replace(":", " ").replace(".", " ").split())
        assert words <= salutations.WORDS | {"Zoë", "Weiß"} | set((honorific or "").replace(".", " ").split()), line


def test_the_form_previews_use_the_contacts_own_name():
    assert salutations.previews("Zoë Weiß", "Dr", None) == {
        S.FIRST_NAME: "Dear Zoë,",
        S.TITLE: "Dear Dr Weiß,",
        S.FULL_NAME: "Dear Zoë Weiß,",
    }
    assert salutations.previews("Zoë Weiß", None, L.DE)[S.TITLE] == "Guten Tag Zoë Weiß,"
