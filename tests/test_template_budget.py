"""Attacks on the template sandbox's budget (issue #11, item 7): a user template that would
take for ever or build a gigabyte is stopped with a clear message, before the work is done."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from datetime import date

import pytest

from followup.drafting import render as rendering
from followup.drafting.errors import TemplateError
from followup.drafting.model import DraftFacts, DraftKind, Person, Tone


def facts() -> DraftFacts:
    return DraftFacts(
        kind=DraftKind.STATUS_CHECK_EMAIL,
        tone=Tone.WARM,
        sender=Person(name="Sam"),
        signature="Sam",
        company="Acme",
        role="Data Analyst",
        today=date(2026, 3, 2),
    )


def own_template(folder: str, body: str) -> str:
    path = f"{folder}/{rendering.template_name(DraftKind.STATUS_CHECK_EMAIL, Tone.WARM)}"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("{% block subject %}Hello{% endblock %}{% block body %}" + body + "{% endblock %}")
    return path


GIGABYTES = [
    "{{ 'x' * 1000 * 1000 * 1000 }}",
    "{{ 'x' * 1000 * 1000 * 1000 * 1000 }}",  # one more multiplication was a MemoryError
    "{{ 'x' | center(1000000000) }}",
    "{{ 'x'.center(1000000000) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ '%1000000000s' | format('x') }}",
    "{{ '%*s' | format(1000000000, 'x') }}",
    "{{ '%1000000000s' % 'x' }}",
    "{{ '{:>1000000000}'.format('x') }}",
    "{{ '{:>{}}'.format('x', 1000000000) }}",
    "{{ ('x' * 1000) | replace('x', 'x' * 1000) | replace('x', 'x' * 1000) }}",
    "{{ ('x' * 1000).replace('x', 'x' * 1000).replace('x', 'x' * 1000) }}",
    "{{ ([1, 2, 3] * 1000) * 1000 }}",
    "{{ (['x' * 100000] * 100) | join }}",
    "{{ ','.join(['x' * 1000] * 1000) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
    "{% for i in range(10000) %}{{ 'x' * 1000 }}{% endfor %}",
    "{{ 'x' | indent(1000000000) }}",
    "{{ [1] | batch(1000000000, 0) | list }}",
    "{{ range(100000000) | list }}",
    "{{ ((10 ** 64) ** 64) ** 64 }}",
]


@pytest.mark.parametrize("body", GIGABYTES)
def test_a_template_that_builds_a_gigabyte_is_refused_before_it_does(tmp_path: object, body: str) -> None:
    own_template(str(tmp_path), body)
    started = time.monotonic()
    with pytest.raises(TemplateError) as info:
        rendering.render(facts(), user_dir=str(tmp_path))
    assert "this template does too much work" in info.value.message
    assert "Make the loops and repeated text smaller" in info.value.message
    assert time.monotonic() - started < 1.0


def test_a_template_that_loops_for_ever_is_stopped_at_its_time_budget(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0.5)
    own_template(str(tmp_path), "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(TemplateError) as info:
        rendering.render(facts(), user_dir=str(tmp_path))
    assert "did not finish within 0.5 seconds" in info.value.message
    assert time.monotonic() - started < 2.0


def test_a_macro_that_calls_itself_for_ever_is_stopped(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0.5)
    own_template(
        str(tmp_path), "{% macro m(n) %}{% for i in range(100) %}{{ m(n) }}{% endfor %}{% endmacro %}{{ m(1) }}"
    )
    with pytest.raises(TemplateError) as info:
        rendering.render(facts(), user_dir=str(tmp_path))
    assert "too much work" in info.value.message or "cannot be rendered" in info.value.message


def test_ordinary_uses_of_the_same_tools_still_work(tmp_path: object) -> None:
    before = sys.gettrace()
    own_template(
        str(tmp_path),
        "Hi {{ 'Ann' | center(9) }}|{{ '%05d' | format(42) }}|{{ '{:>4}'.format('x') }}|"
        "{{ 'a-b' | replace('-', ' ') }}|{{ ['a', 'b'] | join(', ') }}|{{ '-' * 20 }}|{{ company ~ '!' }}|"
        "{% for i in range(3) %}{{ i }}{% endfor %}|{{ ('x' * 1000) | length }}",
    )
    draft = rendering.render(facts(), user_dir=str(tmp_path))
    assert draft.body == "Hi    Ann   |00042|   x|a b|a, b|--------------------|Acme!|012|1000"
    assert sys.gettrace() is before  # the budget's clock is taken off again


@pytest.mark.parametrize("kind", list(DraftKind))
def test_every_built_in_template_renders_well_inside_the_budget(kind: DraftKind) -> None:
    # The note about an application included: the budget is for runaway user templates, never ours.
    for tone in rendering.available_tones(kind):
        started = time.monotonic()
        draft = rendering.render(replace(facts(), kind=kind, tone=tone))
        assert draft.body
        assert time.monotonic() - started < rendering.RENDER_SECONDS


def test_an_own_note_about_an_application_is_held_to_the_budget_too(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rendering, "RENDER_SECONDS", 0.5)
    path = f"{tmp_path}/{rendering.template_name(DraftKind.APPLICATION_CHECK_EMAIL, Tone.BRIEF)}"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(
            "{% block subject %}Hello{% endblock %}{% block body %}"
            "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}{% endblock %}"
        )
    own = replace(facts(), kind=DraftKind.APPLICATION_CHECK_EMAIL, tone=Tone.BRIEF)
    with pytest.raises(TemplateError) as info:
        rendering.render(own, user_dir=str(tmp_path))
    assert "did not finish within 0.5 seconds" in info.value.message
