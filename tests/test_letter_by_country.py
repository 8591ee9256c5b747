"""The letter a user downloads is laid out as business letters are in their country."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

AFTER = "2026-11-18T15:30:00+01:00"


@pytest.fixture
def interviewed(run):
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is not installed")
        pytest.skip("poppler-utils is not installed")
    for key, value in (
        ("profile.name", "Zoë O'Brien"),
        ("profile.email", "zoe@example.org"),
        ("profile.postal_address", "Hauptstraße 1\n10115 Berlin"),
    ):
        run.ok("config", "set", key, value)
    run.ok("app", "add", "Société Générale", "Data Analyst", "--style", "traditional", now="2026-11-16T10:00:00+01:00")
    run.ok(
        "interview",
        "add",
        "1",
        "--at",
        "2026-11-18 14:00",
        "--with",
        "Jürgen Müller <juergen@sg.example>",
        now="2026-11-16T10:00:00+01:00",
    )
    return run


def lines_of(run, tmp_path: Path) -> list[str]:
    out = tmp_path / "letter.pdf"
    run.ok("draft", "--kind", "thank_you_letter", "--app", "1", "--out", str(out), now=AFTER)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def test_a_user_in_germany_gets_din_5008_with_the_date_in_the_information_block(interviewed, tmp_path):
    interviewed.ok("config", "set", "country", "DE")
    lines = lines_of(interviewed, tmp_path)
    date_line = next(line for line in lines if "18 November 2026" in line)
    assert date_line.split()[-4:] == ["Date", "18", "November", "2026"]
    assert date_line.index("Date") > 40  # at the right of the address field
    assert lines[0].strip() == "Zoë O'Brien"
    assert lines[0].startswith(" " * 20)  # the letterhead at the right


def test_a_user_in_the_us_gets_the_block_format_flush_left(interviewed, tmp_path):
    interviewed.ok("config", "set", "country", "US")
    interviewed.ok("config", "set", "drafting.paper", "letter")
    lines = lines_of(interviewed, tmp_path)
    assert lines[:4] == ["Zoë O'Brien", "Hauptstraße 1", "10115 Berlin", "zoe@example.org"]
    assert lines[4] == "November 18, 2026"
    assert lines[5] == "Jürgen Müller"
