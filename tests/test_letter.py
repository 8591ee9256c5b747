"""The thank-you letter as printed: what a reader of the PDF sees, read back with poppler's tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from html import unescape as html_unescape
from itertools import pairwise
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


def words_of(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """Each word on the page with its box in mm from the top left corner: (word, x0, y0, x1, y1)."""
    html = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), path, "-")
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)
    return [(html_unescape(w), float(a) / MM, float(b) / MM, float(c) / MM, float(d) / MM) for a, b, c, d, w in found]


def region(path: Path, x0: float = 0, x1: float = 999, y0: float = 0, y1: float = 999) -> list[str]:
    """The lines of text whose words start inside a rectangle (mm), top to bottom."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for word, left, top, _, _ in words_of(path):
        if x0 <= left < x1 and y0 <= top < y1:
            key = next((y for y in rows if abs(y - top) < 1.0), top)
            rows.setdefault(key, []).append((left, word))
    return [" ".join(w for _, w in sorted(rows[y])) for y in sorted(rows)]


def flat(text: str) -> str:
    """Whitespace collapsed, so a wrapped, justified paragraph reads as one line."""
    return " ".join(text.split())


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


@pytest.mark.usefixtures("poppler")
def test_a_reader_sees_the_whole_letter_in_order(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft(subject="Our interview on 18 November"))
    text = text_of(path)
    # DIN 5008 form B: the letterhead in the top 45 mm, then the address field and the text at the left,
    # the information block (contacts and date) at the right of the address field.
    assert region(path, y1=45) == ["Zoë O'Brien", "Flat 3, 12 Rosebery Avenue", "London EC1R 4SX", "United Kingdom"]
    assert region(path, x0=120, y0=45, y1=95) == [
        "Phone +44 20 7946 0018",
        "Email zoe.obrien@example.com",
        "Date 18 November 2026",
    ]
    assert region(path, x1=120, y0=45, y1=95) == [
        "Zoë O'Brien · Flat 3, 12 Rosebery Avenue · London EC1R 4SX · United Kingdom",
        "Jürgen Müller-Lüdenscheidt",
        "Head of Risk Analytics",
        "Société Générale",
        "29 Boulevard Haussmann",
        "75009 Paris",
        "France",
    ]
    below = region(path, y0=95)
    assert below[:3] == [
        "Our interview on 18 November",
        "Dear Mr Müller-Lüdenscheidt,",
        "Thank you for taking the time to meet me on Wednesday to talk about the Data",
    ]
    assert below[-2:] == ["Yours sincerely,", "Zoë O'Brien"]
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
    path = write(tmp_path, make_draft("Dear Ms Lee,\n\nThank you.", sender=sender, recipient=no_address), "a.pdf")
    assert region(path, y1=45) == ["Siobhán Ní Bhriain"]
    assert region(path, x0=120, y0=45, y1=95) == ["Email siobhan@example.ie", "Date 18 November 2026"]
    assert region(path, x1=120, y0=45, y1=95) == ["Ann Lee", "Société Générale"]
    assert region(path, y0=95)[0] == "Dear Ms Lee,"
    assert "·" not in text  # no return line without an address to return to
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


# -- the layout, measured on the page ---------------------------------------------------------------------------------

LONG_SUBJECT = "Thank you for the interview: Risk-Analytics-Dashboard-Modernisation-Programme (Data Analyst)"


def gaps(words: list[tuple[str, float, float, float, float]], line: str) -> list[float]:
    """The space between neighbouring words of one printed line, in mm."""
    first = line.split()[0]
    top = next(y0 for w, _, y0, _, _ in words if w == first)
    row = sorted((x0, x1) for w, x0, y0, x1, _ in words if abs(y0 - top) < 1.0)
    return [b[0] - a[1] for a, b in pairwise(row)]


@pytest.mark.usefixtures("poppler")
def test_the_subject_line_is_bold_and_not_stretched_to_the_margin(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft(subject=LONG_SUBJECT))
    below = region(path, y0=95)
    assert below[0] == "Thank you for the interview:"  # the long word goes to the next line, the rest stays put
    assert " ".join(below[:2]) == LONG_SUBJECT
    words = words_of(path)
    # An ordinary word space at this size is about 1.2 mm; a justified line would spread these words
    # across the whole text width, with gaps of tens of millimetres.
    assert max(gaps(words, below[0])) < 2.0
    for paragraph in PARAGRAPHS:  # the body is flush left too, with even word spaces
        first_line = next(line for line in below if paragraph.startswith(line))
        assert max(gaps(words, first_line)) < 2.0
    fonts = run("pdffonts", path)
    assert "DejaVuSerifBold" in fonts


@pytest.mark.usefixtures("poppler")
def test_din_5008_places_the_address_field_and_the_information_block(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft(subject="Our interview on 18 November"))
    words = words_of(path)

    def box(word: str) -> tuple[float, float, float, float]:
        return next((x0, y0, x1, y1) for w, x0, y0, x1, y1 in words if w == word)

    # Form B: the address field begins 45 mm from the top, its top 17.7 mm for the return line,
    # the recipient from 62.7 mm; the text starts 25 mm from the left edge.
    x0, y0, _, y1 = box("·")
    assert y0 >= 45
    assert y1 <= 62.7
    x0, y0, _, _ = box("Jürgen")
    assert abs(x0 - 25) < 1
    assert abs(y0 - 62.7) < 1.5
    assert box("France")[3] <= 90
    # The information block starts 125 mm from the left and 50 mm from the top, the date in it.
    x0, y0, _, _ = box("Phone")
    assert abs(x0 - 125) < 1
    assert abs(y0 - 50) < 1.5
    assert box("November")[0] > 125
    assert box("November")[1] < 90
    # The letterhead stays in its 45 mm; the subject comes after the address field.
    letterhead_ends = [y1 for w, x0, _, _, y1 in words if w == "Kingdom" and x0 > 120]  # not the return line's
    assert len(letterhead_ends) == 1
    assert letterhead_ends[0] <= 45
    assert box("Our")[1] >= 95


@pytest.mark.usefixtures("poppler")
def test_us_users_get_the_block_format_with_everything_flush_left(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft(subject="Our interview on November 18"), paper="letter", country="US")
    assert info(path)["Page size"] == "612 x 792 pts (letter)"
    lines = region(path)
    assert lines[:9] == [
        "Zoë O'Brien",
        "Flat 3, 12 Rosebery Avenue",
        "London EC1R 4SX",
        "United Kingdom",
        "+44 20 7946 0018 · zoe.obrien@example.com",
        "November 18, 2026",
        "Jürgen Müller-Lüdenscheidt",
        "Head of Risk Analytics",
        "Société Générale",
    ]
    assert lines[11:14] == ["France", "Our interview on November 18", "Dear Mr Müller-Lüdenscheidt,"]
    assert lines[-2:] == ["Yours sincerely,", "Zoë O'Brien"]
    # Every line starts at the one-inch margin: no right-aligned letterhead, no date at the right.
    words = words_of(path)
    starts = {round(min(x0 for w, x0, y0, _, _ in words if abs(y0 - top) < 1.0), 1) for _, _, top, _, _ in words}
    assert all(abs(x - 25.4) < 0.6 for x in starts), starts
    # The inside address shows through a #10 window: 2.5 to 3.6 inches from the top.
    tops = [y0 for w, _, y0, _, y1 in words if w in ("Jürgen", "France")]
    assert min(tops) >= 2.5 * 25.4
    assert max(tops) <= 3.6 * 25.4 - 4


@pytest.mark.usefixtures("poppler")
def test_the_rest_of_the_world_gets_din_5008_even_on_letter_paper(tmp_path: Path) -> None:
    path = write(tmp_path, make_draft(), paper="letter", country="DE")
    assert region(path, x0=120, y0=45, y1=95)[-1] == "Date 18 November 2026"
    assert region(path, y1=45)[0] == "Zoë O'Brien"


@pytest.mark.usefixtures("poppler")
@pytest.mark.parametrize(
    "address",
    [
        "Jürgen Müller-Lüdenscheidt\nSociété Générale\n29 Boulevard Haussmann\n75009 Paris\nFrance",
        "Société Générale S.A.\nAttn: Jürgen Müller-Lüdenscheidt\n29 Boulevard Haussmann\n75009 Paris\nFrance",
        "SOCIÉTÉ GÉNÉRALE\n29 Boulevard Haussmann\n75009 Paris\nFrance",
    ],
)
def test_the_name_and_company_are_printed_once_when_the_address_holds_them(tmp_path: Path, address: str) -> None:
    recipient = replace(RECIPIENT, postal_address=address)
    for options in ({}, {"paper": "letter", "country": "US"}):
        path = write(tmp_path, make_draft(recipient=recipient), **options)
        assert text_of(path).count("Jürgen Müller-Lüdenscheidt") == 1
        block = region(path, x1=120, y0=45, y1=95) if not options else region(path, y0=60, y1=95)
        address_lines = [line for line in block if "·" not in line]  # the return line names the sender
        assert len(address_lines) == len(set(address_lines))
        assert sum("société générale" in line.casefold() for line in address_lines) == 1
        assert "Head of Risk Analytics" in address_lines
        assert address_lines.index("Head of Risk Analytics") == 1 + next(
            i for i, line in enumerate(address_lines) if "Jürgen" in line
        )  # the title goes under the name, wherever the address has it


@pytest.mark.usefixtures("poppler")
@pytest.mark.parametrize("options", [{}, {"paper": "letter", "country": "US"}])
def test_a_long_address_is_set_smaller_and_stays_in_the_window(tmp_path: Path, options: dict[str, str]) -> None:
    address = "Risk Analytics, 4th floor\nTour Granite\n29 Boulevard Haussmann\nCS 90001\n75009 Paris Cedex 09\nFrance"
    path = write(tmp_path, make_draft(recipient=replace(RECIPIENT, postal_address=address)), **options)
    words = words_of(path)
    first = next(y0 for w, _, y0, _, _ in words if w == "Jürgen")
    last = next(y1 for w, _, _, _, y1 in words if w == "France")
    window_bottom = 90 if not options else 3.6 * 25.4
    assert first >= 45
    assert last <= window_bottom
    assert region(path, y0=first - 0.5, y1=last, x1=120)[-3:] == ["CS 90001", "75009 Paris Cedex 09", "France"]


@pytest.mark.usefixtures("poppler")
@pytest.mark.parametrize(
    ("options", "marks"),
    [({"paper": "A4"}, (105, 148.5, 210)), ({"paper": "letter", "country": "DE"}, (93.1, 139.7, 186.3))],
)
def test_din_letters_have_fold_and_punch_marks_in_the_left_edge(
    tmp_path: Path, options: dict[str, str], marks: tuple[float, float, float]
) -> None:
    path = write(tmp_path, make_draft(), **options)
    run("pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", path, tmp_path / "page")
    px = 100 / 25.4  # pixels per mm
    with Image.open(tmp_path / "page.png") as image:
        page = image.convert("L")

    def inked_rows(left: float, right: float) -> list[float]:
        """Where (mm from the top) a strip of the left edge has ink."""
        strip = page.crop((round(left * px), 0, round(right * px), page.height))
        darkest = [min(cast(int, strip.getpixel((x, y))) for x in range(strip.width)) for y in range(strip.height)]
        return [y / px for y, value in enumerate(darkest) if value < 200]

    # Fold marks and the punch mark in the middle; each a thin line where it belongs, and nothing else there.
    rows = inked_rows(5, 8)
    assert all(any(abs(y - mark) < 0.8 for mark in marks) for y in rows), rows
    assert all(any(abs(y - mark) < 0.8 for y in rows) for mark in marks), rows
    # Only the punch mark reaches 10 mm from the edge, so the two kinds are told apart.
    longer = inked_rows(9.5, 10.5)
    assert longer
    assert all(abs(y - marks[1]) < 0.8 for y in longer), longer
