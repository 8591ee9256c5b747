"""One-step fixes offered by the checks: the stored spelling for a misspelt name, one word for a
doubled one, the dictionary for an unknown word. Applying a fix makes its finding go away."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.drafting.checks import check, check_draft
from followup.drafting.model import CheckContext, Finding, FixKind

CONTEXT = CheckContext(recipient="Jürgen Müller", company="Société Générale", known_names=("Jürgen Müller",))


def applied(text: str, finding: Finding) -> str:
    fix = finding.fix
    assert fix is not None
    assert fix.kind is FixKind.REPLACE
    return text[: fix.start] + fix.replacement + text[fix.end :]


def only(findings: list[Finding], check_id: str) -> Finding:
    found = [f for f in findings if f.id == check_id]
    assert len(found) == 1, findings
    return found[0]


@pytest.mark.parametrize(
    ("written", "stored"),
    [("Dear Jurgen,", "Jürgen"), ("Dear Jurgen Muller,", "Jürgen Müller"), ("Dear jürgen,", "Jürgen")],
)
def test_a_misspelt_name_is_fixed_with_the_stored_spelling(written: str, stored: str) -> None:
    text = f"{written}\n\nThank you for the talk."
    finding = only(check(text, CONTEXT), "name-misspelt")
    assert finding.fix is not None
    assert finding.fix.replacement == stored
    assert finding.fix.label == f"Write “{stored}”"
    fixed = applied(text, finding)
    assert fixed.startswith(f"Dear {stored},")
    assert [f for f in check(fixed, CONTEXT) if f.id == "name-misspelt"] == []


def test_a_misspelt_company_is_fixed_with_the_stored_name() -> None:
    text = "Thank you for the interview at Societe Generale."
    finding = only(check(text, CONTEXT), "company-misspelt")
    assert finding.fix is not None
    assert finding.fix.replacement == "Société Générale"
    assert "Société Générale" in applied(text, finding)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Thank you for the the talk.", "Thank you for the talk."),
        ("The the talk was good.", "The talk was good."),
        ("Thank you for the\nthe talk.", "Thank you for the talk."),
    ],
)
def test_a_doubled_word_is_fixed_by_keeping_the_first(text: str, fixed: str) -> None:
    finding = only(check(text), "doubled-word")
    assert finding.fix is not None
    assert finding.fix.label.startswith("Delete the second")
    assert applied(text, finding) == fixed
    assert check(applied(text, finding)) == []


def test_an_unknown_word_offers_the_dictionary_and_the_message_names_no_command() -> None:
    text = "We talked about dbt models."
    finding = only(check(text), "spelling")
    assert finding.fix is not None
    assert finding.fix.kind is FixKind.LEARN
    assert finding.fix.word == "dbt"
    assert finding.fix.label == "Add “dbt” to my dictionary"
    assert text[finding.fix.start : finding.fix.end] == "dbt"
    assert "followup" not in finding.message  # the page has a button; the command line prints its own hint
    assert check(text, CheckContext(personal_words=frozenset({"dbt"}))) == []


def test_a_fix_in_the_body_of_a_draft_counts_in_subject_and_body_joined() -> None:
    subject, body = "Thanks", "Dear Jurgen,\n\nThank you for the the talk."
    findings = check_draft(subject, body, CONTEXT)
    text = f"{subject}\n\n{body}"
    for finding in findings:
        if finding.fix is not None and finding.fix.kind is FixKind.REPLACE:
            assert text[finding.fix.start : finding.fix.end] == text[finding.start : finding.end]
    name = only(findings, "name-misspelt")
    assert applied(text, name) == "Thanks\n\nDear Jürgen,\n\nThank you for the the talk."


def test_findings_without_one_right_answer_have_no_fix() -> None:
    findings = check("Hi [Name], I need this job ASAP!!", CheckContext())
    assert findings
    assert all(f.fix is None for f in findings if f.id in {"unfilled-placeholder", "pushy"})


@given(st.text(alphabet="the Thé\n ,.", max_size=40))
def test_applying_every_replace_fix_once_never_fails_and_stays_inside_the_text(text: str) -> None:
    for finding in check(text):
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(text)


def test_followup_check_prints_each_fix_the_way_the_command_line_does_it(run, tmp_path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("We talked about dbt models for the the team.\n", encoding="utf-8")
    result = run("check", str(path))
    assert "fix: followup check --learn dbt" in result.output
    assert "fix: replace it with “the”" in result.output
