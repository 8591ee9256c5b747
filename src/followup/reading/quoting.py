"""Cutting a message's text down to what its author wrote.

Quoted earlier messages (lines starting with ">", an attribution such as "On ... wrote:",
Outlook's "From:/Sent:" block), the signature, the sign-off and the disclaimer are left out,
in English, German, French and Spanish (`patterns_quoting`). An HTML body arrives with its
blockquotes already marked as quoted lines (`followup.mail.parse.html_to_text`).
"""

from __future__ import annotations

from followup.reading.patterns_quoting import (
    ATTRIBUTION,
    DISCLAIMER,
    HEADER_FROM,
    HEADER_SENT,
    SEPARATOR,
    SIGNOFF,
    SIGNOFF_REACH,
)


def strip_quoted(text: str) -> str:
    """What the author wrote: without quoted earlier messages, signature, sign-off or disclaimer."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if _ends_text(stripped, lines, i):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    # A sign-off ("Best regards,") near the end starts the name and title block, but only
    # when what follows looks like one (short lines, no sentences) and text comes before it.
    for i in range(len(kept) - 1, max(-1, len(kept) - 1 - SIGNOFF_REACH), -1):
        if not SIGNOFF.match(kept[i].strip()):
            continue
        if any(line.strip() for line in kept[:i]) and all(_signature_line(line) for line in kept[i + 1 :]):
            kept = kept[:i]
        break
    return "\n".join(kept).strip()


def _signature_line(line: str) -> bool:
    line = line.strip()
    return len(line) <= 25 or (len(line) <= 70 and not line.endswith((".", "?", "!")))


def _ends_text(stripped: str, lines: list[str], i: int) -> bool:
    if stripped in ("--", "-- ", "__") or lines[i] == "-- ":
        return True
    if SEPARATOR.match(stripped) or DISCLAIMER.match(stripped):
        return True
    # Gmail wraps a long attribution line, so the line and the next one are tried together.
    pair = " ".join([stripped, lines[i + 1].strip()]) if i + 1 < len(lines) else stripped
    if ATTRIBUTION.match(stripped) or (len(stripped) > 5 and ATTRIBUTION.match(pair) and pair.endswith(":")):
        return True
    if HEADER_FROM.match(stripped):  # Outlook: "From: X" then "Sent:"/"Date:" within the next lines
        following = " ".join(line.strip() for line in lines[i + 1 : i + 4])
        return bool(HEADER_SENT.search(following))
    return False
