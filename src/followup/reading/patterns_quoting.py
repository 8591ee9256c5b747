"""Where the author's own words end: reply attributions, forwarded headers, signatures, disclaimers.

One pattern per kind, each an alternation over English, German, French and Spanish
(and the spellings Gmail, Outlook and Apple Mail use for them).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "On Mon, 5 Jan 2026 at 10:00, Ann <ann@x> wrote:", "Am 05.01.2026 um 10:00 schrieb Ann:",
# "Le lun. 5 janv. 2026 à 10:00, Ann a écrit :", "El lun, 5 ene 2026 a las 10:00, Ann escribió:"
ATTRIBUTION = re.compile(
    r"^(?:on\s.{4,200}\swrote|am\s.{4,200}\sschrieb\s?.{0,80}|le\s.{4,200}\sa\s+écrit"
    r"|el\s.{4,200}\sescribió|.{2,120}\s(?:wrote|schrieb|a\s+écrit|escribió))\s*:$",
    _I,
)

SEPARATOR = re.compile(
    r"^(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}"
    r"|_{10,})\s*$",
    _I,
)

HEADER_FROM = re.compile(r"^\*?(?:from|von|de|da)\s?\*?\s?:\s*\S", _I)
HEADER_SENT = re.compile(r"\b(?:sent|gesendet|envoyé|enviado|date|datum|fecha)\s?\*?\s?:", _I)

DISCLAIMER = re.compile(
    r"^(?:(?:confidentiality notice|disclaimer)\b"
    r"|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]{0,40})?"
    r" (?:is|are|may be|contains?|and its attachments)\b.{0,40}\b(?:confidential|privileged|intended)"
    r"|diese (?:e-?mail|nachricht)\b.{0,80}\b(?:vertraulich|ausschließlich)"
    r"|ce (?:message|courriel|mail)\b.{0,80}\b(?:confidentiel|destiné)"
    r"|este (?:mensaje|correo)\b.{0,80}\b(?:confidencial|destinado|dirigido))",
    _I,
)

SIGNOFF = re.compile(
    r"^(?:(?:best|kind|warm|warmest|many thanks and|with best)?\s*regards|best(?: wishes)?|cheers|sincerely"
    r"|yours sincerely|yours truly|all the best|thanks(?: again)?|thank you|many thanks|talk soon"
    r"|mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|beste grüße|herzliche grüße"
    r"|liebe grüße|\S+ grüße|grüße|mfg|cordialement|bien cordialement|bien à vous|salutations"
    r"|sincères salutations|meilleures salutations|(?:un )?saludo(?:s)?(?: cordiales)?|atentamente|un abrazo"
    r"|cordiales saludos|saludos cordiales|gracias|muchas gracias|merci(?: beaucoup)?|danke)[\s,.!]*$",
    _I,
)
SIGNOFF_REACH = 12  # a sign-off further up than this is part of the text, not its end
