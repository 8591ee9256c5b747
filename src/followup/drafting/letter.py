"""A thank-you letter laid out as a printable PDF (A4 or US Letter), ready for a window envelope.

The playbook sends traditional companies a letter on good paper, so this aims at what a careful
person would print, in the business-letter layout the reader expects where they live:

- DIN 5008 form B everywhere but North America: the letterhead in the top 45 mm, the address field
  (return line, then the recipient) where a DL window envelope shows it, an information block with
  contacts and date at the right, a bold subject line, and the text flush left.
- The US block format for the United States and Canada: everything flush left — the sender's
  heading, the date, the inside address, subject, salutation, text, closing and typed name. The
  inside address sits where a #10 window envelope shows it: that window spans 2.5–3.6 inches from
  the top of a letter folded in thirds.

Nothing is justified: a short line stretched to the margin opens gaps that read as mistakes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import astuple, dataclass
from datetime import UTC, date, datetime, time
from typing import cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from followup.drafting.model import Draft, DraftKind, Person
from followup.errors import InvalidInput

FONTS = os.path.join(os.path.dirname(__file__), "fonts")
FONT = "DejaVuSerif"  # bundled, so every accented name renders the same on any OS
# Spelled out here because strftime("%B") follows the user's locale, and the letter is in English.
MONTHS = "January February March April May June July August September October November December"
# Paper name for fpdf2, and where to fold it: DIN marks for a DL envelope, thirds for a #10 one.
PAPERS = {"a4": ("A4", (105.0, 210.0)), "letter": ("Letter", (93.1, 186.3))}
# Countries whose business letters follow the US block format; the rest of the world reads DIN-style letters.
BLOCK_FORMAT_COUNTRIES = frozenset({"US", "CA", "PR"})

BODY_PT, LINE = 10.5, 5.3  # generous leading: the letter is read on paper, maybe annotated
PARAGRAPH_GAP = 3.5
SIGNATURE_GAP = 4 * LINE  # about four blank lines for the handwritten signature
ADDRESS_W, ADDRESS_H = 85.0, 27.3  # the recipient's part of the window, less its inner margin
ADDRESS_LEADING = 4.6 / BODY_PT  # mm of line height per point of type


@dataclass(frozen=True)
class _Layout:
    """Where the parts of the first page go, in mm from the top left corner."""

    name: str
    margin: float  # left, right and bottom
    return_y: float | None  # the one-line return address above the recipient, if the layout has one
    address_y: float  # the recipient's first line
    subject_y: float  # the subject's earliest line


# DIN 5008 form B: letterhead 45 mm, address field 45–90 mm (its top 17.7 mm for the return line),
# subject two blank lines below the address field.
DIN = _Layout("DIN 5008", margin=25.0, return_y=57.0, address_y=62.7, subject_y=98.5)
# US block format: one-inch margins, no return line (the heading above holds the sender's address).
BLOCK = _Layout("US block", margin=25.4, return_y=None, address_y=64.0, subject_y=0.0)
HEADING_Y = 19.0  # US block: three quarters of an inch
INFO_X, INFO_Y, INFO_LABEL_W = 125.0, 50.0, 18.0  # DIN 5008 form B information block


class _Letter(FPDF):
    def footer(self) -> None:
        # The first page shows who and what the letter is; only continuation sheets need numbers.
        if self.page_no() > 1:
            self.set_y(-15)
            self.set_font(FONT, size=8)
            self.set_text_color(90)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0)


def letter_pdf(draft: Draft, *, paper: str = "A4", country: str = "") -> bytes:
    """The letter as PDF bytes; the same draft always gives the same bytes.

    The layout follows the country (the US block format in North America, DIN 5008 elsewhere);
    without one, US Letter paper means the US block format.
    """
    facts = draft.facts
    sender = facts.sender
    if draft.kind is not DraftKind.THANK_YOU_LETTER:
        raise InvalidInput(f"a {draft.kind.value.replace('_', ' ')} is not a letter", hint="Write it as .eml or .txt.")
    if not _clean(sender.name).strip():
        raise InvalidInput(
            "the letter cannot be signed: your name is not set",
            hint="Set your name first: followup config set profile.name 'Your Name'",
        )
    if paper.lower() not in PAPERS:
        raise InvalidInput(f"unknown paper size {paper!r}", hint="Use A4 or letter.")
    format_name, folds = PAPERS[paper.lower()]
    block = country.upper() in BLOCK_FORMAT_COUNTRIES if country.strip() else paper.lower() == "letter"
    layout = BLOCK if block else DIN

    pdf = _Letter(unit="mm", format=format_name)
    pdf.add_font(FONT, "", os.path.join(FONTS, "DejaVuSerif.ttf"))
    pdf.add_font(FONT, "B", os.path.join(FONTS, "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(layout.margin, layout.margin, layout.margin)
    pdf.c_margin = 0  # text starts right at the margin, as the layout measures it, not a millimetre in
    pdf.set_auto_page_break(True, margin=layout.margin)
    pdf.set_title(f"Thank you — {facts.role} at {facts.company}")
    pdf.set_author(_clean(sender.name))
    pdf.set_creator("followup")
    if draft.subject.strip():
        pdf.set_subject(_clean(draft.subject))
    # Dated by the letter, not the clock, so the same draft gives byte-identical files.
    pdf.set_creation_date(datetime.combine(facts.today, time(12, 0), tzinfo=UTC))
    _check_glyphs(pdf, draft)
    pdf.add_page()

    pdf.set_draw_color(150)
    for y in folds:
        pdf.line(4, y, 9, y)
    if not block:  # DIN's hole-punch mark, a little longer than the fold marks so it is not folded on
        pdf.line(4, pdf.h / 2, 11, pdf.h / 2)
    recipient = _recipient_lines(draft)
    if block:
        bottom = _heading(pdf, sender, _us_date(facts.today), layout)
        bottom = _address(pdf, sender, recipient, layout, top=max(layout.address_y, bottom + LINE))
    else:
        bottom = _letterhead(pdf, sender, layout)
        bottom = max(bottom, _address(pdf, sender, recipient, layout, top=layout.address_y))
        bottom = max(bottom, _information(pdf, sender, _date(facts.today)))
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_xy(layout.margin, max(layout.subject_y, bottom + 2 * LINE))
    if draft.subject.strip():
        pdf.set_font(FONT, "B", BODY_PT)
        _paragraph(pdf, _clean(draft.subject).strip(), layout)
        pdf.set_font(FONT, size=BODY_PT)
        pdf.set_y(pdf.get_y() + LINE - PARAGRAPH_GAP)  # one blank line before the salutation
    _body(pdf, draft, layout)
    return bytes(pdf.output())


def _date(day: date) -> str:
    return f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"


def _us_date(day: date) -> str:
    return f"{MONTHS.split()[day.month - 1]} {day.day}, {day.year}"


def _body(pdf: FPDF, draft: Draft, layout: _Layout) -> None:
    text, signed = _split_signature(draft)
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    signature = SIGNATURE_GAP + LINE * len(signed)
    for i, paragraph in enumerate(paragraphs):
        # Keep the closing with the signature: a lone name on the next page reads as a mistake.
        last = i == len(paragraphs) - 1
        if last and pdf.get_y() + _line_count(pdf, paragraph) * LINE + signature > pdf.page_break_trigger:
            pdf.add_page()
        _paragraph(pdf, paragraph, layout)
    y = pdf.get_y() - (PARAGRAPH_GAP if paragraphs else 0) + SIGNATURE_GAP
    if y + LINE * len(signed) > pdf.page_break_trigger:
        pdf.add_page()
        y = pdf.t_margin + SIGNATURE_GAP
    pdf.set_y(y)
    pdf.multi_cell(0, LINE, "\n".join(signed), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _paragraph(pdf: FPDF, text: str, layout: _Layout) -> None:
    """One paragraph, flush left, never leaving a single line of it alone at the foot or head of a page."""
    lines = _line_count(pdf, text)
    room = int((pdf.page_break_trigger - pdf.get_y()) / LINE + 1e-6)
    early = 0.0
    if lines > room:
        if room < 2 or lines < 4:
            pdf.add_page()
        elif lines - room == 1:
            early = LINE  # break a line sooner, so two lines go over together
    pdf.set_auto_page_break(True, margin=layout.margin + early)
    pdf.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_auto_page_break(True, margin=layout.margin)
    pdf.set_y(pdf.get_y() + PARAGRAPH_GAP)


def _line_count(pdf: FPDF, text: str, width: float = 0) -> int:
    return len(cast(list[str], pdf.multi_cell(width, LINE, text, dry_run=True, output="LINES")))


def _split_signature(draft: Draft) -> tuple[str, list[str]]:
    """The text up to the closing, and the typed name (plus any signature lines) to sign above."""
    sender = draft.facts.sender
    lines = _clean(draft.body).strip("\n").split("\n")
    signature = _clean(draft.facts.signature).strip().split("\n")
    names = {_key(sender.name), _key(signature[0])} - {""}
    # Only a line that is just the name, near the end: the sign-off, not a mention in the text.
    for i in range(len(lines) - 1, max(len(lines) - len(signature) - 7, -1), -1):
        if _key(lines[i]) in names:
            # Contact lines the letterhead already shows would only repeat it under the name.
            known = {_key(x) for x in [sender.phone or "", sender.email or "", *_lines(sender.postal_address)]}
            signed = [lines[i], *(line for line in lines[i + 1 :] if line.strip() and _key(line) not in known)]
            return "\n".join(lines[:i]).rstrip(), signed
    return "\n".join(lines).rstrip(), [_clean(sender.name).strip()]


def _check_glyphs(pdf: FPDF, draft: Draft) -> None:
    """Refuse rather than print a name with letters silently missing (fpdf2 would drop them)."""
    fonts = [font for font in pdf.fonts.values() if isinstance(font, TTFFont)]
    facts = draft.facts
    people = [facts.sender, *([facts.recipient] if facts.recipient else [])]
    fields = [draft.body, draft.subject, facts.company, *(v or "" for p in people for v in astuple(p))]
    text = _clean("".join(fields))
    missing = sorted({c for c in text if not c.isspace() and any(ord(c) not in f.cmap for f in fonts)})
    if missing:
        shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:5])
        raise InvalidInput(
            f"the letter's font cannot print {shown}",
            hint="Take these characters out of the letter, or save it as .txt and lay it out yourself.",
        )


def _letterhead(pdf: FPDF, sender: Person, layout: _Layout) -> float:
    """DIN: the sender's name and address, right-aligned in the top 45 mm; returns where it ends."""
    width = pdf.w - 2 * layout.margin
    pdf.set_xy(layout.margin, 15)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(width, 6, _clean(sender.name).strip(), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.set_y(pdf.get_y() + 1)
    for line in _lines(sender.postal_address):
        pdf.multi_cell(width, 4.4, line, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return float(pdf.get_y())


def _information(pdf: FPDF, sender: Person, dated: str) -> float:
    """DIN: the information block at the right of the address field (contacts, then the date)."""
    rows = [
        ("Phone", _clean(sender.phone or "").strip()),
        ("Email", _clean(sender.email or "").strip()),
        ("Date", dated),
    ]
    width = pdf.w - DIN.margin - INFO_X - INFO_LABEL_W
    y = INFO_Y
    for label, value in rows:
        if not value:
            continue
        pdf.set_text_color(90)
        pdf.set_font(FONT, size=8)
        pdf.set_xy(INFO_X, y)
        pdf.cell(INFO_LABEL_W, 4.6, label)
        pdf.set_text_color(0)
        size = 9.0
        pdf.set_font(FONT, size=size)
        # Shrink a long email address rather than wrap it: one value, one line.
        while pdf.get_string_width(value) > width and size > 6:
            size -= 0.5
            pdf.set_font(FONT, size=size)
        pdf.set_xy(INFO_X + INFO_LABEL_W, y)
        pdf.cell(width, 4.6, value)
        y += 4.6
    return y


def _heading(pdf: FPDF, sender: Person, dated: str, layout: _Layout) -> float:
    """US block: the sender's name, address and contacts flush left, a blank line, the date."""
    # A heading sits higher than the one-inch margin, and the contacts share a line, so the
    # inside address below the date still fits the window.
    pdf.set_xy(layout.margin, HEADING_Y)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, _clean(sender.name).strip(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    contacts = " · ".join(filter(None, (_clean(sender.phone or "").strip(), _clean(sender.email or "").strip())))
    for line in filter(None, [*_lines(sender.postal_address), contacts]):
        pdf.multi_cell(0, 4.4, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_y(pdf.get_y() + LINE)
    pdf.cell(0, LINE, dated, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return float(pdf.get_y())


def _address(pdf: FPDF, sender: Person, recipient: list[str], layout: _Layout, *, top: float) -> float:
    """The return line (DIN) and the recipient's block, placed for the envelope window; returns where it ends."""
    address = _lines(sender.postal_address)
    if address and layout.return_y is not None:
        pdf.set_text_color(80)
        size = 7.0
        line = " · ".join([_clean(sender.name).strip(), *address])
        pdf.set_font(FONT, size=size)
        # Shrink rather than wrap: a second line would push into the recipient's zone.
        while pdf.get_string_width(line) > ADDRESS_W and size > 5:
            size -= 0.5
            pdf.set_font(FONT, size=size)
        pdf.set_xy(layout.margin, layout.return_y)
        pdf.cell(ADDRESS_W, 4, line)
        pdf.set_text_color(0)
    # A long address is set smaller rather than run out of the window's lower edge.
    size = BODY_PT
    while True:
        pdf.set_font(FONT, size=size)
        leading = size * ADDRESS_LEADING
        count = sum(_line_count(pdf, line, ADDRESS_W) for line in recipient)
        if count * leading <= ADDRESS_H or size <= 7:
            break
        size -= 0.5
    leading = min(leading, ADDRESS_H / max(count, 1))
    pdf.set_xy(layout.margin, top)
    for line in recipient:
        pdf.set_x(layout.margin)
        pdf.multi_cell(ADDRESS_W, leading, line, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_PT)
    return float(pdf.get_y())


def _recipient_lines(draft: Draft) -> list[str]:
    """Name, title, company and postal address, each once.

    Addresses often hold the name or the company already ("Société Générale S.A.", "Attn: Jürgen
    Müller"); a line the address already says is left out rather than printed twice.
    """
    facts, person = draft.facts, draft.facts.recipient
    if person is None:
        return [_clean(facts.company).strip()] if facts.company.strip() else []
    address = _lines(person.postal_address)
    said = [_key(line) for line in address]
    companies = [c for c in (person.organisation, facts.company) if c and c.strip()]
    company = companies[0] if companies else ""
    if any(_within(_key(c), line) for c in companies for line in said):
        company = ""  # the address names the company, perhaps in its own spelling
    lines: list[str] = []
    for line in address:
        if _key(line) not in {_key(x) for x in lines}:
            lines.append(line)
    name = _clean(person.name).strip()
    # The name heads the block, or stays where the address has it ("Attn: …" under the company).
    at = next((i for i, line in enumerate(lines) if _within(_key(name), _key(line))), None)
    if at is None:
        lines.insert(0, name)
        at = 0
    extra = [_clean(x).strip() for x in (person.title or "", company)]
    known = {_key(x) for x in lines}
    extra = [x for x in extra if x and _key(x) not in known and not any(_within(_key(x), line) for line in said)]
    lines[at + 1 : at + 1] = extra
    return [line for line in lines if line]


def _within(part: str, line: str) -> bool:
    """Whether a line says `part` as whole words ("Société Générale" in "Société Générale S.A.")."""
    return bool(part) and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", line) is not None


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in _clean(text or "").split("\n") if line.strip()]


def _clean(text: str) -> str:
    """Text fit for the page: one kind of line break, tabs as spaces, no control or format characters.

    Format characters (zero-width spaces, BOMs) print nothing and the font lacks most; fpdf2 breaks at soft hyphens.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    return "".join(c for c in text if c in "\n\u00ad" or unicodedata.category(c) not in ("Cc", "Cf"))


def _key(text: str) -> str:
    """How two spellings of the same line compare: case, spacing, apostrophe style and end punctuation aside."""
    text = _clean(text).replace("\u2019", "'").casefold()
    return " ".join(text.split()).strip(" ,.")
