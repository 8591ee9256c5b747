"""One day reader for every door: the command line, the web forms and a spreadsheet's date column
read the same texts as the same days (domain.days)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.domain.days import day_order, read_day, slashed, weekday_of
from followup.transfer.csv_read import read_dates

MONDAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-28", date(2026, 11, 28)),
        ("2026-11-28T14:30:00+01:00", date(2026, 11, 28)),
        ("28.11.2026", date(2026, 11, 28)),
        ("28.11.2026 14:30", date(2026, 11, 28)),
        ("28/11/2026", date(2026, 11, 28)),
        ("11/28/2026", date(2026, 11, 28)),
        ("11/28/26, 4:21 PM", date(2026, 11, 28)),
        ("28 Nov 2026", date(2026, 11, 28)),
        ("November 28, 2026", date(2026, 11, 28)),
        ("November 28, 2026 2:30 PM", date(2026, 11, 28)),
    ],
)
def test_the_command_line_and_a_spreadsheet_read_a_date_alike(run, text, day):
    found, problems, not_dates = read_dates([(2, text)], None)
    assert (found, problems, not_dates) == ({2: day}, [], [])
    assert read_day(text) == day
    added = run.json("app", "add", "ACME", "Analyst", "--applied", text, now="2026-12-01T10:00:00+01:00")
    assert added["applied_on"] == day.isoformat()


def test_a_date_that_does_not_exist_is_the_same_problem_everywhere(run):
    _found, problems, _ = read_dates([(3, "31.11.2026")], None)
    assert problems == [(3, '"31.11.2026" is not a real date (day is out of range for month): check the day and month')]
    result = run("app", "add", "ACME", "Analyst", "--applied", "31.11.2026")
    assert "--applied '31.11.2026' is not a real date (day is out of range for month)" in result.output


def test_a_slashed_date_that_could_be_either_is_read_only_when_something_settles_it():
    assert read_day("03/04/2026") is None
    assert read_day("03/04/2026", order=day_order("DE")) == date(2026, 4, 3)
    assert read_day("03/04/2026", order=day_order("US")) == date(2026, 3, 4)
    assert read_day("04/04/2026") == date(2026, 4, 4)
    assert slashed("3/4/26") == (3, 4, 2026)


@pytest.mark.parametrize("word", ["monkey", "wedding", "sunny", "thunder", "saturate", "fridge", "tuesdays", "mo"])
def test_only_whole_weekday_names_are_weekdays(word):
    assert weekday_of(word) is None
    assert read_day(word, MONDAY) is None


@pytest.mark.parametrize(
    ("word", "weekday"),
    [("mon", 0), ("Monday", 0), ("tue", 1), ("tues", 1), ("wed", 2), ("Wednesday", 2), ("thu", 3), ("thurs", 3),
     ("fri", 4), ("Fri.", 4), ("sat", 5), ("sunday", 6)],
)  # fmt: skip
def test_weekday_names_and_their_abbreviations(word, weekday):
    assert weekday_of(word) == weekday
    ahead = read_day(word, MONDAY)
    assert ahead is not None
    assert ahead.weekday() == weekday
    assert MONDAY < ahead <= date(2026, 11, 23)
    back = read_day(word, MONDAY, past=True)
    assert back is not None
    assert back.weekday() == weekday
    assert date(2026, 11, 10) <= back <= MONDAY


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_way_of_writing_a_day_reads_back_as_that_day(day):
    for text in (day.isoformat(), f"{day.day}.{day.month}.{day.year}", f"{day:%d %b %Y}", f"{day:%B %d, %Y}"):
        assert read_day(text) == day, text
    assert read_day(f"{day.day}/{day.month}/{day.year}", order="dmy") == day
    assert read_day(f"{day.month}/{day.day}/{day.year}", order="mdy") == day
