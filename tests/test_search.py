"""Search ignores case and accents in every door: "muller" finds Müller, "lefevre" Lefèvre, "nunez" Núñez."""

from __future__ import annotations

import pytest

from followup.app import applications, lookups
from followup.app.context import Env
from followup.domain.model import ContactRole
from followup.domain.text import fold_for_search


def _people(env: Env) -> None:
    for company, role, name, email in (
        ("Müller GmbH", "Data Analyst", "Jürgen Weiß", "jurgen@mueller.example"),
        ("Lefèvre & Fils", "Analyste", "Amélie Lefèvre", "amelie@lefevre.example"),
        ("Núñez Ltd", "Ingeniero de datos", "Iñigo Núñez", "inigo@nunez.example"),
        ("Søndergaard", "Udvikler", "Søren Kierkegaard", None),
        ("ACME 50% off", "Analyst_2", "Ann Lee", "ann@acme.example"),
    ):
        app = applications.add_application(env, applications.NewApplication(company=company, role=role))
        applications.add_contact(
            env, applications.NewContact(name=name, role=ContactRole.RECRUITER, email=email), application_id=app.id
        )


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("muller", "Müller GmbH"),
        ("MULLER", "Müller GmbH"),
        ("müller", "Müller GmbH"),
        ("lefevre", "Lefèvre & Fils"),
        ("nunez", "Núñez Ltd"),
        ("NÚÑEZ", "Núñez Ltd"),
        ("sondergaard", "Søndergaard"),
        ("50%", "ACME 50% off"),
        ("analyst_", "ACME 50% off"),
    ],
)
def test_applications_are_found_without_their_accents_or_case(env: Env, typed: str, company: str) -> None:
    _people(env)
    assert [a.company for a in lookups.list_applications(env, search=typed)] == [company]
    found, total, _ = lookups.application_page(env, search=typed, limit=10)
    assert ([a.company for a in found], total) == ([company], 1)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("jurgen weiss", "Jürgen Weiß"),
        ("amelie", "Amélie Lefèvre"),
        ("inigo nunez", "Iñigo Núñez"),
        ("soren", "Søren Kierkegaard"),
    ],
)
def test_contacts_are_found_without_their_accents_or_case(env: Env, typed: str, name: str) -> None:
    _people(env)
    assert [p.name for p in lookups.list_contacts(env, search=typed)] == [name]
    found, total, _ = lookups.contact_page(env, search=typed, limit=10)
    assert ([p.name for p in found], total) == ([name], 1)


def test_an_application_named_without_its_accents_is_the_one_meant(env: Env) -> None:
    _people(env)
    assert applications.resolve_application(env, "lefevre").company == "Lefèvre & Fils"


def test_the_command_line_finds_them_too(run) -> None:
    run.ok("app", "add", "Müller GmbH", "Data Analyst")
    run.ok("contact", "add", "Iñigo Núñez", "--email", "inigo@nunez.example")
    assert [a["company"] for a in run.json("app", "list", "--search", "muller")] == ["Müller GmbH"]
    assert [p["name"] for p in run.json("contact", "list", "--search", "nunez")] == ["Iñigo Núñez"]
    assert "Müller GmbH" in run.ok("show", "muller")


def test_the_fold_is_the_same_on_both_sides() -> None:
    assert fold_for_search("Müller") == fold_for_search("MULLER") == "muller"
    assert fold_for_search("Straße") == fold_for_search("STRASSE")
    assert fold_for_search("ﬁnance") == "finance"
