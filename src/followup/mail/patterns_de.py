"""German cues: (label, weight, pattern); weights as in patterns_en."""

# Long rows stay whole: a regex split mid-alternation is harder to read than a long line.
# ruff: noqa: E501

from __future__ import annotations

PATTERNS: tuple[tuple[str, float, str], ...] = (
    # rejection
    ("rejection", 3, r"\b(?:für|mit)\s+(?:eine[nm]?\s+)?(?:andere[nrm]?|weitere[nrm]?)\s+(?:kandidat|bewerber)"),
    ("rejection", 3, r"\bnicht\s+(?:weiter\s+|mehr\s+)?(?:berücksichtigen|berücksichtigt|in\s+betracht)"
     r"|\bgegen\s+(?:sie|dich|ihre\s+bewerbung)\s+entschieden|\babsage\b"),
    ("rejection", 3, r"\b(?:stelle|position)\s+(?:wurde|ist)\s+(?:bereits\s+)?(?:anderweitig\s+)?(?:besetzt|vergeben)"
     r"|\banderweitig\s+(?:besetzt|vergeben|entschieden)"),
    ("rejection", 3, r"\bkein(?:e|en)?\s+(?:zusage|angebot)\s+(?:machen|geben|unterbreiten)|\bnicht\s+in\s+die\s+engere"
     r"|\bnicht\s+(?:weiter\s+)?(?:verfolgen|fortsetzen|fortführen)"),
    ("rejection", 2, r"\bbesser\s+(?:passen|passt|geeignet)|\bnäher\s+an\s+unseren\s+anforderungen"),
    ("rejection", 1, r"\bleider\b|\bbedauern\b|\bbedauerlicherweise\b"),
    ("rejection", 1, r"\bin\s+(?:unserem\s+)?(?:talent-?pool|evidenz)|\bviel\s+erfolg\b|\balles\s+gute\b"
     r"|\bzukünftige[nr]?\s+(?:stellen|möglichkeiten|positionen)"),
    # next_round
    ("next_round", 3, r"\b(?:laden|lade)\s+(?:wir\s+|ich\s+)?(?:sie|dich)\s+(?:gerne\s+|herzlich\s+|hiermit\s+)*"
     r"(?:zu|zum|zur|für)\b|\beinladung\s+(?:zu|zum|zur)\b"),
    ("next_round", 3, r"\b(?:zweite[nrs]?|nächste[nrs]?|finale[nrs]?|abschließende[nrs]?)\s+"
     r"(?:gespräch|vorstellungsgespräch|interview|runde|auswahlrunde)"),
    ("next_round", 2, r"\b(?:termin|gesprächstermin|zeitfenster)\s+(?:vereinbaren|auswählen|buchen|aussuchen)"
     r"|\b(?:persönlich\s+)?kennenlernen\b|\bprobearbeit|\bfallstudie\b"),
    # offer
    ("offer", 3, r"\b(?:ihnen|dir)\s+(?:gerne\s+)?(?:die\s+stelle|die\s+position|ein\s+(?:vertrags)?angebot|einen\s+"
     r"(?:arbeits)?vertrag)\s+(?:anbieten|unterbreiten|machen|zusenden)|\bvertragsangebot\b|\bjobangebot\b"),
    ("offer", 3, r"\bzusage\s+(?:geben|erteilen|mitteilen)|\bentschieden,?\s+(?:ihnen|dir)\s+(?:die\s+stelle|ein\s+angebot)"),
    ("offer", 1, r"\barbeitsvertrag\b|\bwillkommen\s+im\s+team\b|\beintrittsdatum\b"),
    # info_request
    ("info_request", 2, r"\b(?:könnten|können|würden)\s+sie\s+(?:uns\s+|mir\s+)?(?:bitte\s+)?.{0,50}(?:senden|schicken|"
     r"zukommen\s+lassen|nachreichen|übermitteln)|\bbitte\s+(?:senden|schicken)\s+sie\b"),
    ("info_request", 2, r"\bgehaltsvorstellung|\bkündigungsfrist|\bfrühestmöglichen?\s+eintritt"),
    ("info_request", 1.5, r"\b(?:referenzen|zeugnisse|arbeitszeugnis|unterlagen|nachweise|arbeitserlaubnis)\b"),
    # still_deciding
    ("still_deciding", 3, r"\bnoch\s+(?:keine|nicht)\s+(?:endgültige\s+)?(?:entscheidung|entschieden)"
     r"|\b(?:dauert|dauern)\s+(?:noch\s+)?(?:etwas\s+)?länger|\bverzöger"),
    ("still_deciding", 3, r"\bnoch\s+(?:im|in\s+der|mitten\s+im)\s+(?:auswahl|prozess|bewerbungsprozess|gespräch)"
     r"|\bnoch\s+(?:weitere\s+)?gespräche\b"),
    ("still_deciding", 2, r"\b(?:melden|melde)\s+(?:uns|mich)\s+(?:bis|spätestens|in|innerhalb|nächste|sobald|zeitnah|"
     r"wieder|bei)|\b(?:rückmeldung|bescheid)\s+(?:geben|bis|erhalten|spätestens)|\bgeduld\b"),
    # auto_reply
    ("auto_reply", 4, r"\babwesenheitsnotiz|\bnicht\s+im\s+büro|\baußer\s+haus\b|\bbin\s+(?:bis|ab|vom)\b.{0,40}"
     r"\b(?:abwesend|urlaub|nicht\s+erreichbar)|\bim\s+urlaub\b"),
    ("auto_reply", 3.5, r"\b(?:eingangsbestätigung|bewerbung\s+(?:ist\s+)?(?:bei\s+uns\s+)?eingegangen|"
     r"(?:ihre|deine)\s+bewerbung\s+(?:haben\s+wir\s+)?erhalten)"),
    ("auto_reply", 2, r"\bautomatisch(?:e|er)?\s+(?:generierte\s+)?(?:nachricht|antwort|e-mail)"),
)  # fmt: skip
