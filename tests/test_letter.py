"""The thank-you letter as printed: what a reader of the PDF sees, read back with poppler's tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from PIL import Image

from followup.drafting.letter import letter_pdf
from followup.drafting.model import Draft, DraftFacts, DraftKind, Person, Tone
from followup.errors import InvalidInput

MM = 72 / 25.4  # PDF points per millimetre

SENDER = Person(
    name="Zoë O'Brien",
    email="zoe.obrien@example.com",
    phone="+44 20 7946 0018",
    postal_address="Flat 3, 12 Rosebery Avenue\nLondon EC1R 4SX\nUnited Kingdom",
)
RECIPIENT = Person(
    name="Jürgen Müller-Lüdenscheidt",
    title="Head of Risk Analytics",
    organisation="Société Générale",
    postal_address="29 Boulevard Haussmann\n75009 Paris\nFrance",
)
PARAGRAPHS = [
    "Thank you for taking the time to meet me on Wednesday to talk about the Data Analyst role at Société "
    "Générale. I enjoyed hearing how your team builds its daily risk dashboards — and I left even more "
    "convinced that my four years of SQL and Python at a retail bank fit what you need.",
    "One thing I forgot to mention: I led the migration of our credit reports to a new warehouse with Łukasz "
    "Żółć and Siobhán Ní Bhriain, and cut the nightly run from six hours to forty minutes. I would bring the "
    "same care to “the numbers people trust”, as you put it.",
    "Thank you again for your time. I look forward to hearing from you about the next steps.",
]
BODY = "\n\n".join(["Dear Mr Müller-Lüdenscheidt,", *PARAGRAPHS, "Yours sincerely,", "Zoë O'Brien"])


def make_draft(
    body: str = BODY, *, sender: Person = SENDER, recipient: Person | None = RECIPIENT, subject: str = ""
) -> Draft:
    facts = DraftFacts(
        kind=DraftKind.THANK_YOU_LETTER,
        tone=Tone.FORMAL,
        sender=sender,
        signature=sender.name,
        company="Société Générale",
        role="Data Analyst",
        today=date(2026, 11, 18),
        recipient=recipient,
    )
    return Draft(kind=DraftKind.THANK_YOU_LETTER, tone=Tone.FORMAL, subject=subject, body=body, facts=facts)


@pytest.fixture
def poppler() -> None:
    missing = [tool for tool in ("pdftotext", "pdfinfo", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        reason = f"poppler-utils is not installed ({', '.join(missing)} missing): apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs it (scripts/test): a skip there would hide a broken setup
        pytest.skip(reason)


def write(tmp_path: Path, draft: Draft, name: str = "letter.pdf", **options: str) -> Path:
    path = tmp_path / name
    path.write_bytes(letter_pdf(draft, **options))
    return path


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def text_of(path: Path) -> str:
    return run("pdftotext", "-layout", path, "-")


def info(path: Path) -> dict[str, str]:
    lines = run("pdfinfo", "-isodates", path).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def flat(text: str) -> str:
    """Whitespace collapsed, so a wrapped, justified paragraph reads as one line."""
    return " ".join(text.split())


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


@pytest.mark.usefixtures("poppler")
def test_a_reader_sees_the_whole_letter_in_order(tmp_path: Path) -> None:
    text = text_of(write(tmp_path, make_draft()))
    lines = lines_of(text)
    expected_in_order = [
        "Zoë O'Brien",
        "Flat 3, 12 Rosebery Avenue",
        "London EC1R 4SX",
        "United Kingdom",
        "+44 20 7946 0018",
        "zoe.obrien@example.com",
        "Jürgen Müller-Lüdenscheidt",
        "Head of Risk Analytics",
        "Société Générale",
        "29 Boulevard Haussmann",
        "75009 Paris",
        "France",
        "18 November 2026",
        "Dear Mr Müller-Lüdenscheidt,",
    ]
    positions = [lines.index(line) for line in expected_in_order]
    assert positions == sorted(positions)
    for paragraph in PARAGRAPHS:
        assert flat(paragraph) in flat(text)
    for name in ("Łukasz Żółć", "Siobhán Ní Bhriain", "“the numbers people trust”", "dashboards — and"):
        assert name in flat(text)
    assert "\ufffd" not in text


@pytest.mark.usefixtures("poppler")
def test_the_typed_name_comes_after_room_for_the_signature(tmp_path: Path) -> None:
    lines = lines_of(text_of(write(tmp_path, make_draft())))
    closing = lines.index("Yours sincerely,")
    name = len(lines) - 1 - lines[::-1].index("Zoë O'Brien")
    assert name > closing
    assert lines[closing + 1 : name] == [""] * (name - closing - 1)
    assert name - closing - 1 >= 3  # blank lines to sign in


@pytest.mark.usefixtures("poppler")
def test_a_body_without_the_name_is_signed_with_the_profile_name(tmp_path: Path) -> None:
    body = "Dear Ms Lee,\n\nThank you for your time today.\n\nKind regards,"
    lines = lines_of(text_of(write(tmp_path, make_draft(body))))
    closing = lines.index("Kind regards,")
    assert lines[closing + 1 : closing + 4] == ["", "", ""]
    assert "Zoë O'Brien" in lines[closing + 4 :]


@pytest.mark.usefixtures("poppler")
def test_contact_lines_in_the_sign_off_are_not_repeated_under_the_name(tmp_path: Path) -> None:
    body = BODY + "\n+44 20 7946 0018\nzoe.obrien@example.com\nlinkedin.com/in/zoe"
    text = text_of(write(tmp_path, make_draft(body)))
    assert text.count("+44 20 7946 0018") == 1  # in the letterhead only
    assert lines_of(text).index("linkedin.com/in/zoe") > lines_of(text).index("Yours sincerely,")


@pytest.mark.usefixtures("poppler")
def test_metadata_and_a_single_a4_page(tmp_path: Path) -> None:
    meta = info(write(tmp_path, make_draft()))
    assert meta["Title"] == "Thank you — Data Analyst at Société Générale"
    assert meta["Author"] == "Zoë O'Brien"
    assert meta["Creator"] == "followup"
    assert meta["CreationDate"].startswith("2026-11-18")
    assert meta["Pages"] == "1"
    assert "(A4)" in meta["Page size"]


@pytest.mark.usefixtures("poppler")
def test_us_letter_paper(tmp_path: Path) -> None:
    meta = info(write(tmp_path, make_draft(), paper="letter"))
    assert meta["Page size"] == "612 x 792 pts (letter)"


@pytest.mark.usefixtures("poppler")
def test_a_long_letter_continues_on_a_numbered_second_page(tmp_path: Path) -> None:
    body = "\n\n".join(["Dear Mr Müller-Lüdenscheidt,", *PARAGRAPHS * 4, "Yours sincerely,", "Zoë O'Brien"])
    path = write(tmp_path, make_draft(body))
    assert info(path)["Pages"] == "2"
    first, second = text_of(path).split("\f")[:2]
    assert "Page" not in first  # the first page is not numbered
    assert "Page 2 of 2" in second
    assert "Yours sincerely," in second  # the closing stays with the signature
    assert "Zoë O'Brien" in second


@pytest.mark.usefixtures("poppler")
def test_the_address_shows_through_the_envelope_window_and_the_text_keeps_its_margins(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft())
    html = run("pdftotext", "-bbox", path, "-")
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    words = [
        (m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3]))
        for m in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)
    ]
    for word, x0, _, x1, _ in words:
        assert x0 >= 25 * MM - 1, word
        assert x1 <= width - 25 * MM + 1, word
    # DIN 5008 form B window of a DL envelope: 20–110 mm from the left, 45–90 mm from the top.
    for word in ("Jürgen", "Müller-Lüdenscheidt", "Générale", "France"):
        x0, y0, x1, y1 = next(box for w, *box in words if w == word)
        assert 20 * MM <= x0 < x1 <= 110 * MM, word
        assert 45 * MM <= y0 < y1 <= 90 * MM, word


@pytest.mark.usefixtures("poppler")
def test_missing_addresses_leave_names_and_contacts(tmp_path: Path) -> None:
    no_address = Person(name="Ann Lee", title="", email="", phone=None, postal_address="", organisation=None)
    sender = Person(name="Siobhán Ní Bhriain", email="siobhan@example.ie", phone="", postal_address=None)
    text = text_of(write(tmp_path, make_draft("Dear Ms Lee,\n\nThank you.", sender=sender, recipient=no_address)))
    lines = [line for line in lines_of(text) if line]
    assert lines[:2] == ["Siobhán Ní Bhriain", "siobhan@example.ie"]
    assert lines[2:5] == ["Ann Lee", "Société Générale", "18 November 2026"]
    nobody = text_of(write(tmp_path, make_draft("Dear Sir or Madam,\n\nThank you.", recipient=None), "n.pdf"))
    assert "Société Générale" in nobody
    assert "Dear Sir or Madam," in nobody


@pytest.mark.usefixtures("poppler")
def test_a_subject_line_is_printed_before_the_salutation(tmp_path: Path) -> None:
    lines = lines_of(text_of(write(tmp_path, make_draft(subject="Our interview on 18 November"))))
    assert lines.index("Our interview on 18 November") < lines.index("Dear Mr Müller-Lüdenscheidt,")


@pytest.mark.usefixtures("poppler")
def test_the_first_page_rasterises(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft())
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, tmp_path / "page")
    with Image.open(tmp_path / "page.png") as image:
        assert image.format == "PNG"
        assert abs(image.width - 496) <= 1  # A4 at 60 dpi
        assert abs(image.height - 702) <= 1
        darkest, _ = cast(tuple[int, int], image.convert("L").getextrema())
    assert darkest < 100  # ink on the page, not a blank sheet


def test_same_draft_same_bytes_and_a_small_file() -> None:
    first = letter_pdf(make_draft())
    assert first == letter_pdf(make_draft())
    assert first.startswith(b"%PDF-")
    assert len(first) < 100_000  # fonts are subset, not embedded whole
    later = make_draft()
    assert letter_pdf(replace(later, facts=replace(later.facts, today=date(2026, 11, 19)))) != first


def test_a_letter_needs_the_senders_name() -> None:
    with pytest.raises(InvalidInput, match=r"profile\.name"):
        letter_pdf(make_draft(sender=Person(name="  ")))


def test_characters_the_font_cannot_print_are_refused_not_dropped() -> None:
    with pytest.raises(InvalidInput, match="U\\+674E"):
        letter_pdf(make_draft(recipient=Person(name="李 Wei")))


def test_only_letters_and_known_paper_sizes() -> None:
    with pytest.raises(InvalidInput, match="not a letter"):
        letter_pdf(replace(make_draft(), kind=DraftKind.THANK_YOU_EMAIL))
    with pytest.raises(InvalidInput, match="paper"):
        letter_pdf(make_draft(), paper="A5")


def test_awkward_text_does_not_break_the_layout() -> None:
    body = "\r\n".join(["Dear Ms Lee,\t", "", "x" * 400, "", "\u200bwith a zero-width space", "", "\n\n"])
    assert letter_pdf(make_draft(body)).startswith(b"%PDF-")
    assert letter_pdf(make_draft("")).startswith(b"%PDF-")
