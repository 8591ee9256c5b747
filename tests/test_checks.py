"""The check API as a whole: well-written drafts pass untouched, ids are documented, positions always
agree with the text (property), and the personal dictionary and draft files are read right."""

from __future__ import annotations

import email.message
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import followup.drafting.checks as checks
from followup.drafting.checks import add_personal_word, check, check_draft, load_personal_words
from followup.drafting.checks.source import read_draft
from followup.drafting.model import CheckContext, DraftKind, Finding, Person
from followup.errors import InvalidInput

DRAFTS = Path(__file__).parent / "data" / "drafts"
ME = Person("Maria Kowalski", email="maria.kowalski@example.com", phone="+49 151 2345 6789")
NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)
INTERVIEW = date(2026, 11, 18)

GOOD = {
    "good_thank_you.txt": CheckContext(
        kind=DraftKind.THANK_YOU_EMAIL,
        recipient="Zoë O'Brien",
        company="Société Générale",
        role="Data Analyst",
        known_names=("Jürgen Müller", "Société Générale", "Zoë O'Brien"),
    ),
    "good_status_check.txt": CheckContext(
        kind=DraftKind.STATUS_CHECK_EMAIL,
        recipient="Siobhán Ní Bhriain",
        company="Corrib Data Ltd",
        role="Business Intelligence Analyst",
        known_names=("Corrib Data Ltd", "Siobhán Ní Bhriain"),
        earliest_status_check=NOW - timedelta(days=3),
    ),
    "good_voicemail.txt": CheckContext(
        kind=DraftKind.VOICEMAIL_SCRIPT,
        recipient="Jürgen Müller",
        company="Société Générale",
        role="Risk Analyst",
        known_names=("Jürgen Müller", "Zoë O'Brien"),
    ),
    "good_reference_heads_up.txt": CheckContext(
        kind=DraftKind.REFERENCE_HEADS_UP,
        recipient="Carla Díaz",
        company="ACME Corp",
        role="Data Analyst",
        known_names=("ACME Corp", "Ann Lee", "Bob Stone", "Carla Díaz"),
    ),
    "good_rejection_reply.txt": CheckContext(
        kind=DraftKind.REJECTION_REPLY,
        recipient="Ann Lee",
        company="ACME Corp",
        role="Data Analyst",
        known_names=("ACME Corp", "Ann Lee", "Bob Stone"),
    ),
    "good_thank_you_letter.txt": CheckContext(
        kind=DraftKind.THANK_YOU_LETTER,
        recipient="Siobhán Ní Bhriain",
        company="Corrib Data Ltd",
        role="Reporting Analyst",
        known_names=("Corrib Data Ltd", "Liam O'Brien", "Siobhán Ní Bhriain"),
    ),
}


def full(context: CheckContext) -> CheckContext:
    from dataclasses import replace

    return replace(context, sender=ME, now=NOW, interview_date=INTERVIEW)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_well_written_drafts_have_no_findings_at_all(name):
    source = read_draft(name, (DRAFTS / name).read_bytes())
    assert source.check(full(GOOD[name])) == []


@pytest.mark.parametrize("name", sorted(GOOD))
def test_well_written_drafts_also_pass_without_any_context(name):
    text = (DRAFTS / name).read_text(encoding="utf-8")
    assert [f for f in check(text) if f.severity.value == "error"] == []


def test_every_id_is_documented_in_the_package_table_and_every_check_is_registered():
    documented = re.findall(r"^\| `([a-z-]+)` \|", checks.__doc__ or "", re.MULTILINE)
    assert sorted(documented) == sorted(checks.IDS)
    assert len(set(checks.IDS)) == len(checks.IDS) == 18
    assert len(checks.CHECKS) == 17  # names.py reports two ids


# The property: any text, any context, no exception, and positions that agree with the text.

TRICKY = [
    "Dear", "Hi", "Hello", "Mr.", "Ms", "Ann", "ann", "Lee", "Lea", "Jürgen", "Jurgen", "Mueller", "ACME", "Acme",
    "Corp", "Inc", "O'Brien", "O’Brien", "Zoë", "Société", "{{", "}}", "{%", "[Name]", "<Job Title>", "(date)", "XXX",
    "TBD", "___", "$x", "%s", "!!", "!", "?", ".", ",", "\n", "\n\n", "\r\n", "\t", "the", "the", "filled",
    "position", "thank", "you", "18", "November", "Wednesday", "ASAP", "recieve", "follow-up", "Ann's", "é", "\u0301",
    "https://acme.example/x", "ann@acme.example", "+49 151 2345 6789", "ß", "İ", "ﬁ", "\u2028", "😀",
]  # fmt: skip
NAMES = ["Ann Lee", "ACME Corp", "Jürgen Müller", "Zoë O'Brien", "Société Générale", "Siobhán Ní Bhriain", "", " "]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(TRICKY), max_size=80).map(" ".join),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=5)), max_size=60).map("".join),
)
names = st.one_of(st.none(), st.sampled_from(NAMES), st.text(max_size=20))
moments = st.one_of(st.none(), st.datetimes(), st.datetimes(timezones=st.just(UTC)))
contexts = st.builds(
    CheckContext,
    kind=st.one_of(st.none(), st.sampled_from(DraftKind)),
    recipient=names,
    company=names,
    role=names,
    interview_date=st.one_of(st.none(), st.dates()),
    known_names=st.lists(names.filter(lambda n: n is not None), max_size=4).map(tuple),
    sender=st.one_of(
        st.none(),
        st.builds(Person, name=st.sampled_from(["Maria Kowalski", "", "Ann"]), email=names, phone=names),
    ),
    now=moments,
    earliest_status_check=moments,
    word_limit=st.one_of(st.none(), st.integers(-3, 300)),
    personal_words=st.frozensets(st.text(max_size=8), max_size=3),
)


def assert_positions_agree(text: str, findings: list[Finding]) -> None:
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.id, f.message))
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.line == text.count("\n", 0, f.start) + 1, f
        assert f.column == f.start - line_start + 1, f
        assert f.id in checks.IDS
        assert f.message.strip()


@given(text=texts, context=contexts)
def test_check_never_raises_and_positions_point_inside_the_text(text, context):
    assert_positions_agree(text, check(text, context))


@given(subject=st.one_of(st.just(""), st.sampled_from(TRICKY), st.text(max_size=30)), body=texts, context=contexts)
def test_check_draft_positions_point_into_subject_and_body_joined(subject, body, context):
    joined = f"{subject}\n\n{body}" if subject else body
    assert_positions_agree(joined, check_draft(subject, body, context))


# The personal dictionary


def test_personal_words_round_trip_with_comments_and_no_duplicates(tmp_path):
    path = tmp_path / "data" / "dictionary.txt"
    assert load_personal_words(path) == frozenset()
    assert add_personal_word(path, "Databricks") is True
    assert add_personal_word(path, "databricks") is False
    path.write_text(path.read_text(encoding="utf-8") + "# tools\nLooker", encoding="utf-8")  # no final newline
    assert add_personal_word(path, "Snowflake") is True
    assert load_personal_words(path) == frozenset({"Databricks", "Looker", "Snowflake"})
    assert path.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("word", ["", "two words", "#hash", "x" * 65])
def test_a_word_that_cannot_be_a_dictionary_line_is_refused(tmp_path, word):
    with pytest.raises(InvalidInput):
        add_personal_word(tmp_path / "dictionary.txt", word)


def test_an_unreadable_dictionary_names_its_path(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InvalidInput) as raised:
        load_personal_words(path)
    assert raised.value.where == str(path)


# Reading draft files


def test_a_text_file_with_a_subject_line_is_checked_as_a_draft_with_positions_in_the_file():
    data = b"Subject: Thanks, Jurgen\n\nDear Ann,\n\nThanks, Jurgen.\n"
    source = read_draft("draft.txt", data)
    assert (source.subject, source.body) == ("Thanks, Jurgen", "Dear Ann,\n\nThanks, Jurgen.\n")
    context = CheckContext(recipient="Ann Lee", known_names=("Jürgen Müller",))
    found = source.check(context)
    assert [(source.text[f.start : f.end], f.line, f.column) for f in found] == [("Jurgen", 1, 18), ("Jurgen", 5, 9)]


def test_an_empty_subject_line_points_at_the_subject():
    source = read_draft("draft.txt", b"Subject:\n\nDear Ann,\n\nThank you.\n")
    found = source.check(CheckContext(kind=DraftKind.THANK_YOU_EMAIL))
    assert [(f.id, f.line, f.column) for f in found] == [("empty-subject", 1, 9)]


def test_an_eml_message_is_checked_as_subject_and_plain_text_body():
    message = email.message.EmailMessage()
    message["Subject"] = "Thank you – Data Analyst"
    message["From"] = "maria.kowalski@example.com"
    message.set_content("Dear Ann,\n\nThank you for the the interview.\n")
    message.add_alternative("<p>Dear Ann, thank you</p>", subtype="html")
    source = read_draft("sent.eml", bytes(message))
    assert source.text == "Thank you – Data Analyst\n\nDear Ann,\n\nThank you for the the interview.\n"
    found = source.check(CheckContext())
    assert [(f.id, f.line, f.column) for f in found] == [("doubled-word", 5, 15)]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\xff\xfe\x00\x01 not text", "not UTF-8"), (b"Content-Type: text/html\n\n<p>hi</p>", "no plain-text part")],
)
def test_unusable_files_are_invalid_input_naming_the_file(data, message):
    name = "draft.eml" if b"Content-Type" in data else "draft.txt"
    with pytest.raises(InvalidInput) as raised:
        read_draft(name, data)
    assert message in str(raised.value)
    assert name in str(raised.value)
