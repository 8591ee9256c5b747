"""At 80 columns, and at 40, the command line breaks lines between words, never inside one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.cli import render

MONDAY = "2026-11-16T10:00:00+01:00"
AFTER = "2026-11-18T15:30:00+01:00"
COMPANY = "Bundesanstalt für Arbeit und Soziales"
ROLE = "Senior Data Analyst and Reporting Specialist"
PERSON = "Annabelle Leeuwenhoek-Smith"


@pytest.fixture(params=[80, 40])
def columns(request, monkeypatch) -> int:
    monkeypatch.setenv("COLUMNS", str(request.param))
    monkeypatch.setattr(render, "_console", None)  # each command starts with a console of this width
    return int(request.param)


@pytest.fixture
def search(run) -> None:
    run.ok("app", "add", COMPANY, ROLE, now=MONDAY)
    run.ok("interview", "add", "1", "--at", "2026-11-18 14:00", "--with", f"{PERSON} <ann@acme.example>", now=MONDAY)
    run.ok("config", "set", "profile.name", "Zoë O'Brien")
    run.ok("config", "set", "profile.email", "zoe@example.org")


def assert_whole(output: str, width: int, *texts: str) -> None:
    """Every word of `texts` is printed whole, and no line is wider than the terminal."""
    printed = set(output.split())
    for text in texts:
        for word in text.split():
            assert word in printed, f"{word!r} is broken across lines:\n{output}"
    assert all(len(line) <= width for line in output.splitlines()), output


def test_the_agenda(run, search, columns):
    output = run.ok("agenda", now=AFTER)
    items = run.json("agenda", now=AFTER)
    assert_whole(output, columns, COMPANY, ROLE, PERSON, *(item["reason"] for item in items))


def test_a_draft(run, search, columns):
    action = run.json("agenda", now=AFTER)[1]["id"]
    body = run.json("draft", action, now=AFTER)["body"]
    output = run.ok("draft", action, now=AFTER)
    assert PERSON in body
    assert_whole(output, columns, body)


def test_the_lists(run, search, columns):
    run.ok("log", "1", "--received", "--contact", "1", "--subject", "Re: Thank you for the interview and the tour")
    assert_whole(run.ok("app", "list"), columns, COMPANY, ROLE, "Mon 16 Nov 2026")
    assert_whole(run.ok("contact", "list"), columns, PERSON, "ann@acme.example", "interviewer")
    assert_whole(run.ok("touchpoint", "list", "1"), columns, "Re: Thank you for the interview and the tour")
    assert_whole(run.ok("config"), columns, "business days after applying, without an answer")


def test_wrap_splits_only_what_cannot_fit():
    assert render.wrap("and so on and so forth", 10) == ["and so on", "and so", "forth"]
    url = "https://jobs.example.com/postings/12345"
    assert render.wrap(f"see {url} now", 20) == ["see", "https://jobs.example", ".com/postings/12345", "now"]
    assert render.wrap("first\n\nsecond line", 40, 2) == ["  first", "", "  second line"]
    assert render.wrap("a thank-you note", 10) == ["a", "thank-you", "note"]


def _wrapped_by_textwrap(text: str, width: int, indent: int, first_indent: int | None) -> list[str]:
    """`render.wrap` as it was written with textwrap, which it now does without."""
    import textwrap

    room = max(width, indent + 1)
    lines: list[str] = []
    for n, line in enumerate(text.splitlines() or [""]):
        start = " " * (first_indent if first_indent is not None and n == 0 else indent)
        wrapper = textwrap.TextWrapper(
            width=room, initial_indent=start, subsequent_indent=" " * indent,
            break_on_hyphens=False, break_long_words=False,
        )  # fmt: skip
        for part in wrapper.wrap(line) or [""]:
            while len(part) > room:
                lines.append(part[:room])
                part = " " * indent + part[room:]
            lines.append(part)
    return lines


@given(
    text=st.text(alphabet=st.sampled_from("ab -\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028é→"), max_size=60),
    width=st.integers(1, 30),
    indent=st.integers(0, 16),
    first_indent=st.none() | st.integers(0, 16),
)
def test_lines_are_filled_as_textwrap_fills_them(text, width, indent, first_indent):
    assert render.wrap(text, width, indent, first_indent) == _wrapped_by_textwrap(text, width, indent, first_indent)
