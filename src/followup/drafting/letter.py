"""A thank-you letter laid out as a printable PDF (A4 or US Letter), ready for a window envelope.

The playbook sends traditional companies a letter on good paper, so this aims
at what a careful person would print: the sender's letterhead top right, the
recipient's address where a window envelope shows it, the date, the text with
wide margins, and room above the typed name for the handwritten signature.

Positions follow DIN 5008 form B. The same place suits a US #10 window
envelope: its window sits 2.5–3.6 inches from the top of a letter folded in
thirds, within a few millimetres of DIN's address zone, so one layout serves both.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import astuple
from datetime import UTC, datetime, time
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

MARGIN = 25.0  # mm, left, right, top and bottom
ADDRESS_X, ADDRESS_Y, ADDRESS_W = 25.0, 62.7, 85.0  # DIN 5008 form B recipient zone
RETURN_Y = 57.0  # the one-line return address just above it, still inside the window
SENDER_W = 70.0  # keeps the letterhead right of the window (which ends 110 mm from the left)
BODY_PT, LINE = 10.5, 5.3  # generous leading: the letter is read on paper, maybe annotated
PARAGRAPH_GAP = 3.5
SIGNATURE_GAP = 4 * LINE  # about four blank lines for the handwritten signature


class _Letter(FPDF):
    def footer(self) -> None:
        # The first page shows who and what the letter is; only continuation sheets need numbers.
        if self.page_no() > 1:
            self.set_y(-15)
            self.set_font(FONT, size=8)
            self.set_text_color(90)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0)


def letter_pdf(draft: Draft, *, paper: str = "A4") -> bytes:
    """The letter as PDF bytes; the same draft always gives the same bytes."""
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

    pdf = _Letter(unit="mm", format=format_name)
    pdf.add_font(FONT, "", os.path.join(FONTS, "DejaVuSerif.ttf"))
    pdf.add_font(FONT, "B", os.path.join(FONTS, "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_title(f"Thank you — {facts.role} at {facts.company}")
    pdf.set_author(_clean(sender.name))
    pdf.set_creator("followup")
    if draft.subject.strip():
        pdf.set_subject(_clean(draft.subject))
    # Dated by the letter, not the clock, so the same draft gives byte-identical files.
    pdf.set_creation_date(datetime.combine(facts.today, time(12, 0), tzinfo=UTC))
    _check_glyphs(pdf, draft)
    pdf.add_page()

    pdf.set_draw_color(150)  # short ticks in the left edge: fold here and the address lands in the window
    for y in folds:
        pdf.line(4, y, 9, y)
    bottom = _letterhead(pdf, sender)
    bottom = max(bottom, _address(pdf, sender, _recipient_lines(draft)))
    today = facts.today
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_xy(MARGIN, max(95.0, bottom + 6))
    pdf.cell(0, LINE, f"{today.day} {MONTHS.split()[today.month - 1]} {today.year}", align="R")
    pdf.set_xy(MARGIN, pdf.get_y() + 2 * LINE)
    if draft.subject.strip():
        pdf.set_font(FONT, "B", BODY_PT)
        _paragraph(pdf, _clean(draft.subject))
        pdf.set_font(FONT, size=BODY_PT)
        pdf.set_y(pdf.get_y() + PARAGRAPH_GAP)  # a subject line stands apart from the salutation
    _body(pdf, draft)
    return bytes(pdf.output())


def _body(pdf: FPDF, draft: Draft) -> None:
    text, signed = _split_signature(draft)
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    signature = SIGNATURE_GAP + LINE * len(signed)
    for i, paragraph in enumerate(paragraphs):
        # Keep the closing with the signature: a lone name on the next page reads as a mistake.
        last = i == len(paragraphs) - 1
        if last and pdf.get_y() + _line_count(pdf, paragraph) * LINE + signature > pdf.page_break_trigger:
            pdf.add_page()
        _paragraph(pdf, paragraph)
    y = pdf.get_y() - (PARAGRAPH_GAP if paragraphs else 0) + SIGNATURE_GAP
    if y + LINE * len(signed) > pdf.page_break_trigger:
        pdf.add_page()
        y = pdf.t_margin + SIGNATURE_GAP
    pdf.set_y(y)
    pdf.multi_cell(0, LINE, "\n".join(signed), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _paragraph(pdf: FPDF, text: str) -> None:
    """One paragraph, never leaving a single line of it alone at the foot or head of a page."""
    lines = _line_count(pdf, text)
    room = int((pdf.page_break_trigger - pdf.get_y()) / LINE + 1e-6)
    early = 0.0
    if lines > room:
        if room < 2 or lines < 4:
            pdf.add_page()
        elif lines - room == 1:
            early = LINE  # break a line sooner, so two lines go over together
    pdf.set_auto_page_break(True, margin=MARGIN + early)
    # Justified like a printed letter; fpdf2 leaves a paragraph's last line and forced breaks ragged.
    pdf.multi_cell(0, LINE, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_y(pdf.get_y() + PARAGRAPH_GAP)


def _line_count(pdf: FPDF, text: str) -> int:
    return len(cast(list[str], pdf.multi_cell(0, LINE, text, dry_run=True, output="LINES")))


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


def _letterhead(pdf: FPDF, sender: Person) -> float:
    """The sender's name, address and contacts, right-aligned at the top; returns where it ends."""
    x = pdf.w - MARGIN - SENDER_W
    pdf.set_xy(x, MARGIN - 5)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(SENDER_W, 6, _clean(sender.name).strip(), align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.set_y(pdf.get_y() + 1)
    details = [*_lines(sender.postal_address), _clean(sender.phone or "").strip(), _clean(sender.email or "").strip()]
    for line in filter(None, details):
        pdf.set_x(x)
        pdf.multi_cell(SENDER_W, 4.4, line, align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
    return float(pdf.get_y())


def _address(pdf: FPDF, sender: Person, recipient: list[str]) -> float:
    """The return line and the recipient's block, placed for the envelope window; returns where it ends."""
    address = _lines(sender.postal_address)
    if address:
        pdf.set_text_color(80)
        size = 7.0
        line = " · ".join([_clean(sender.name).strip(), *address])
        pdf.set_font(FONT, size=size)
        # Shrink rather than wrap: a second line would push into the recipient's zone.
        while pdf.get_string_width(line) > ADDRESS_W and size > 5:
            size -= 0.5
            pdf.set_font(FONT, size=size)
        pdf.set_xy(ADDRESS_X, RETURN_Y)
        pdf.cell(ADDRESS_W, 4, line)
        pdf.set_text_color(0)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_xy(ADDRESS_X, ADDRESS_Y)
    for line in recipient:
        pdf.set_x(ADDRESS_X)
        pdf.multi_cell(ADDRESS_W, 4.6, line, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    return float(pdf.get_y())


def _recipient_lines(draft: Draft) -> list[str]:
    """Name, title, company and postal address, each once (addresses often repeat the company)."""
    facts, person = draft.facts, draft.facts.recipient
    candidates = [facts.company]
    if person is not None:
        company = person.organisation or facts.company
        candidates = [person.name, person.title or "", company, *_lines(person.postal_address)]
    lines: list[str] = []
    for candidate in (_clean(c).strip() for c in candidates):
        if candidate and _key(candidate) not in {_key(line) for line in lines}:
            lines.append(candidate)
    return lines


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
