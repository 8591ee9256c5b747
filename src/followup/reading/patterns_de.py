"""German cues: (label, weight, pattern); weights as in patterns_en."""

# Long rows stay whole: a regex split mid-alternation is harder to read than a long line.
# ruff: noqa: E501

from __future__ import annotations

PATTERNS: tuple[tuple[str, float, str], ...] = (
    # rejection
    ("rejection", 3, r"\bmit\s+(?:einer|einem)\s+(?:anderen\s+|internen\s+|externen\s+)?(?:kandidat|bewerber|person)\w*\s+(?:zu\s+)?besetzen|\bfür\s+(?:eine[nr]?)\s+(?:kandidat|bewerber)\w*\s+(?:\w+\s+){0,2}?entschieden"
     r"|\bersatzlos\s+gestrichen|\b(?:beenden|schließen)\s+wir\s+(?:das|den|ihr)\s+(?:\w+)?(?:verfahren|prozess)|\b(?:verfahren|prozess)\s+(?:\w+\s+){0,3}?(?:beenden|einstellen|eingestellt|beendet)\b|\bbis\s+auf\s+weiteres\s+nicht\s+(?:\w+\s+)?besetzt"
     r"|\b(?:ihnen|dir)\s+(?:\w+\s+){0,3}?(?:kein|keine|keinen)\s+(?:stelle|angebot|position|vertrag|zusage)|\b(?:nicht|leider\s+nicht)\s+erfolgreich|\bwahl\s+(?:ist\s+)?(?:\w+\s+){0,3}?auf\s+(?:eine|einen|jemand)"),
    ("rejection", 2, r"\b(?:deren|dessen)\s+(?:erfahrung|profil|qualifikation|hintergrund)|\bnäher\s+kommt|\b(?:besser|mehr|eher)\s+entspr(?:icht|echen)|\bnicht\s+mehr\s+vorgesehen|\bauf\s+absehbare\s+zeit\s+nicht"
     r"|\bkeine\s+(?:positive|erfreuliche|gute)\s+(?:nachricht|rückmeldung)|\bmüssen\s+(?:wir\s+)?(?:ihnen|dir)\s+(?:leider\s+)?mitteilen|\bunterlagen\s+(?:\w+\s+){0,6}?gelöscht"),
    ("rejection", 3, r"\b(?:für|mit)\s+(?:eine[nm]?\s+)?(?:andere[nrm]?|weitere[nrm]?)\s+(?:kandidat|bewerber)"),
    ("rejection", 3, r"\bnicht\s+(?:weiter\s+|mehr\s+)?(?:berücksichtigen|berücksichtigt|in\s+betracht)"
     r"|\bgegen\s+(?:sie|dich|ihre\s+bewerbung)\s+entschieden|\babsage\b"),
    ("rejection", 3, r"\b(?:stelle|position)\s+(?:wurde|ist)\s+(?:bereits\s+)?(?:anderweitig\s+)?(?:besetzt|vergeben)"
     r"|\banderweitig\s+(?:besetzt|vergeben|entschieden)"),
    ("rejection", 3, r"\bkein(?:e|en)?\s+(?:zusage|angebot)\s+(?:machen|geben|unterbreiten)|\bnicht\s+in\s+die\s+engere"
     r"|\bnicht\s+(?:weiter\s+)?(?:verfolgen|weiterverfolgen|fortsetzen|fortführen)"),
    ("rejection", 3, r"\bfür\s+(?:jemand(?:en)?(?:\s+anderen)?|eine\s+andere\s+person|eine[nr]?\s+(?:anderen|internen|externen)\s+\w+)\s+(?:\w+\s+){0,3}?entschieden"
     r"|\b(?:klappt|passt|reicht)(?:'s|\s+es)\s+(?:diesmal\s+|dieses\s+mal\s+|leider\s+)*nicht\b|\bbis\s+auf\s+weiteres\s+(?:auf\s+eis|gestoppt|eingefroren|pausiert|gestrichen)"
     r"|\b(?:stelle|position)\s+(?:wurde|ist)\s+(?:ersatzlos\s+)?(?:gestrichen|zurückgezogen|storniert)"),
    ("rejection", 2, r"\bbesser\s+(?:passen|passt|geeignet)|\bnäher\s+an\s+unseren\s+anforderungen"),
    ("rejection", 1, r"\bleider\b|\bbedauern\b|\bbedauerlicherweise\b"),
    ("rejection", 1, r"\bin\s+(?:unserem\s+)?(?:talent-?pool|evidenz)|\bviel\s+erfolg\b|\balles\s+gute\b"
     r"|\bzukünftige[nr]?\s+(?:stellen|möglichkeiten|positionen)"),
    ("rejection", 3, r"\bvorzug\s+gegeben|\b(?:absagen|abgesagt)\b(?![^\n]{0,200}\b(?:verschieben|verlegen|ausweichtermin|neuen\s+termin))|\b(?:dagegen|gegen\s+eine\s+zusammenarbeit)\s+entschieden"
     r"|\bnicht\s+in\s+die\s+(?:nächste|finale|zweite)|\bhaben\s+die\s+(?:stelle|position)\s+(?:bereits\s+|schon\s+|inzwischen\s+)?(?:besetzt|vergeben)"
     r"|\bnicht\s+für\s+(?:sie|dich)\s+entschieden|\b(?:kein|keinen)\s+(?:weiteren\s+)?(?:schritt|gespräch)e?\s+(?:anbieten|geben)"),
    # next_round
    ("next_round", 3, r"\b(?:laden|lade)\s+(?:wir\s+|ich\s+)?(?:sie|dich)\s+(?:gerne\s+|herzlich\s+|hiermit\s+)*"
     r"(?:zu|zum|zur|für)\b|\beinladung\s+(?:zu|zum|zur)\b"),
    ("next_round", 3, r"\bmöchten?\s+sie\s+(?:gerne\s+|gern\s+)?kennenlernen|\b(?:wählen|buchen)\s+sie\s+(?:\w+\s+){0,3}?(?:einen|ihren)\s+(?:passenden\s+)?termin"),
    ("next_round", 3, r"\b(?:zweite[nrs]?|nächste[nrs]?|finale[nrs]?|abschließende[nrs]?)\s+"
     r"(?:gespräch|vorstellungsgespräch|interview|runde|auswahlrunde)"),
    ("next_round", 2, r"\b(?:termin|gesprächstermin|zeitfenster)\s+(?:vereinbaren|auswählen|buchen|aussuchen)"
     r"|\b(?:persönlich\s+)?kennenlernen\b|\bprobearbeit|\bfallstudie\b"),
    ("next_round", 3, r"\b(?:noch\s+einmal|nochmal|erneut|wieder)\s+(?:zu\s+einem\s+(?:gespräch|termin)|treffen|sprechen|kennenlernen|einladen|sehen)"
     r"|\b(?:folgegespräch|zweitgespräch|vor-ort-termin|assessment-?center)|\bin\s+die\s+(?:nächste|zweite|finale)\s+runde"),
    ("next_round", 2, r"\bwann\s+(?:hätten|haben|wären|sind)\s+(?:sie|du)\s+(?:zeit|verfügbar)|\bpasst\s+(?:ihnen|dir)\s+(?:der|am|nächste)"),
    ("next_round", 3, r"\b(?:weiteres|zweites|nächstes|persönliches)\s+(?:gespräch|kennenlernen|interview|treffen)"
     r"|\bmöchten\s+(?:sie|dich)\s+(?:gerne\s+)?(?:\w+\s+){0,3}?(?:kennenlernen|treffen|einladen|wiedersehen)"),
    ("next_round", 2, r"\b(?:hätten|haben|wären)\s+(?:sie|du)\s+(?:am|nächste|diese)\b[^.?!\n]{0,60}\b(?:zeit|zeit\?)|\bwürde\s+(?:ihnen|dir)\s+(?:der|am)\b"),
    # offer
    ("offer", 3, r"\b(?:ihnen|dir)\s+(?:gerne\s+)?(?:die\s+stelle|die\s+position|ein\s+(?:vertrags)?angebot|einen\s+"
     r"(?:arbeits)?vertrag)\s+(?:anbieten|unterbreiten|machen|zusenden)|\bvertragsangebot\b|\bjobangebot\b"),
    ("offer", 3, r"\bzusage\s+(?:geben|erteilen|mitteilen)|\bentschieden,?\s+(?:ihnen|dir)\s+(?:die\s+stelle|ein\s+angebot)"),
    ("offer", 1, r"\barbeitsvertrag\b|\bwillkommen\s+im\s+team\b|\beintrittsdatum\b"),
    ("offer", 3, r"\b(?:ihnen|dir)\s+.{0,60}?\b(?:stelle|position|rolle|angebot|vertrag)\b.{0,40}?\b(?:an(?:zu)?bieten|unterbreiten)"
     r"|\bstelle\s+gehört\s+(?:ihnen|dir)|\b(?:sie|du)\s+(?:haben|hast|bekommen|bekommst)\s+die\s+stelle"),
    ("offer", 2, r"\bzusage\b|\bwillkommen\s+an\s+bord\b"),
    # info_request
    ("info_request", 2, r"\b(?:könnten|können|würden)\s+sie\s+(?:uns\s+|mir\s+)?(?:bitte\s+)?.{0,50}(?:senden|schicken|"
     r"zukommen\s+lassen|nachreichen|übermitteln)|\bbitte\s+(?:senden|schicken)\s+sie\b"),
    ("info_request", 2, r"\bgehaltsvorstellung|\bkündigungsfrist|\bfrühestmöglichen?\s+eintritt"),
    ("info_request", 1.5, r"\b(?:referenzen|zeugnisse|arbeitszeugnis|unterlagen|nachweise|arbeitserlaubnis)\b"),
    ("info_request", 2, r"\b(?:gehalt\w*|kündigungsfrist|eintritt\w*|referenz\w*|lebenslauf|unterlagen|verfügbarkeit)\b[^.!?\n]{0,100}\?"
     r"|\bteilen\s+sie\s+(?:uns\s+|mir\s+)?(?:bitte\s+)?mit\b|\bwie\s+(?:lang|hoch)\s+ist\s+ihre"),
    ("info_request", 1.5, r"\b(?:lebenslauf|ausweis\w*|personalausweis|gehaltsnachweis|gehaltswunsch|anschreiben)\b"),
    # still_deciding
    ("still_deciding", 3, r"\bnoch\s+(?:keine|nicht)\s+(?:endgültige\s+)?(?:entscheidung|entschieden)"
     r"|\b(?:dauert|dauern)\s+(?:noch\s+)?(?:etwas\s+)?länger|\bverzöger"),
    ("still_deciding", 3, r"\bnoch\s+(?:im|in\s+der|mitten\s+im)\s+(?:auswahl|prozess|bewerbungsprozess|gespräch)"
     r"|\bnoch\s+(?:weitere\s+)?gespräche\b"),
    ("still_deciding", 3, r"\bnoch\s+nicht\s+(?:ganz\s+)?(?:fertig|abgeschlossen)|\b(?:benötigen|brauchen)\s+(?:noch\s+)?(?:etwas|ein\s+wenig|ein\s+paar\s+tage|mehr)\s+zeit"
     r"|\bweiterhin\s+im\s+(?:engeren\s+)?(?:kreis|rennen|auswahlverfahren|prozess)|\bsobald\s+(?:eine|die|wir\s+eine)\s+(?:endgültige\s+)?entscheidung"
     r"|\bzwischenstand\b"),
    ("still_deciding", 2, r"\b(?:melden|melde)\s+(?:uns|mich)\s+(?:bis|spätestens|in|innerhalb|nächste|sobald|zeitnah|"
     r"wieder|bei)|\b(?:rückmeldung|bescheid)\s+(?:geben|bis|erhalten|spätestens)|\bgeduld\b"
     # "Sie hören bis zum 4. Dezember von uns": news promised, no decision yet.
     r"|\bsie\s+hören\s+(?:\S+\s+){0,5}?von\s+uns\b"),
    ("still_deciding", 3, r"\b(?:stelle|position|prozess|einstellung\w*|besetzung)\s+(?:ist\s+|wurde\s+)?(?:vorerst\s+|vorübergehend\s+|derzeit\s+)?"
     r"(?:pausiert|auf\s+eis\s+gelegt|gestoppt|eingefroren)|\beinstellungsstopp|\bnoch\s+(?:nichts|nicht\s+entschieden)"),
    # auto_reply
    ("auto_reply", 4, r"\babwesenheitsnotiz|\bnicht\s+im\s+büro|\baußer\s+haus\b|\bbin\s+(?:bis|ab|vom)\b.{0,40}"
     r"\b(?:abwesend|urlaub|nicht\s+erreichbar)|\b(?:ich\s+bin|bin\s+ich)\s+(?:\w+\s+){0,4}?im\s+urlaub\b"),
    ("auto_reply", 3.5, r"\b(?:eingangsbestätigung|bewerbung\s+(?:ist\s+)?(?:bei\s+uns\s+)?eingegangen|"
     r"(?:ihre|deine)\s+bewerbung\s+(?:haben\s+wir\s+)?erhalten)"),
    ("auto_reply", 2, r"\bautomatisch(?:e|er)?\s+(?:generierte\s+)?(?:nachricht|antwort|e-mail)"),
    ("auto_reply", 3.5, r"\beingang\s+(?:ihrer|deiner)\s+(?:bewerbung|unterlagen)|\bbewerbung\s+(?:ist\s+)?(?:bei\s+uns\s+)?(?:gut\s+|sicher\s+)?(?:angekommen|eingegangen)"),
    ("auto_reply", 2, r"\bautomatisch\s+(?:erstellt|generiert|versendet|verschickt)|\babwesenheit\b|\bantworten\s+sie\s+nicht"),
    # other: mail sent to many (Abmelde-Fußzeilen, Suchaufträge), Direktansprache, Konto-Hinweise
    ("other", 2, r"\bnewsletter\s+abbestellen|\babbestellen\b|\babmelden\b|\bbenachrichtigungen\s+verwalten|\bbenachrichtigungseinstellungen"
     r"|\bsuchauftrag|\bjobalarm|\bneue\s+(?:stellenangebote|jobs|stellen)\b|\balle\s+jobs\s+anzeigen|\bpassende\s+(?:jobs|stellen)"),
    ("other", 3, r"\b(?:bin\s+ich|ich\s+bin)\s+auf\s+(?:ihr|dein)\s+profil\s+gestoßen|\b(?:ihr|dein)\s+profil\s+(?:hat\s+mich|ist\s+mir)"
     r"|\beine[nrm]?\s+meiner\s+(?:kunden|mandanten)\b|\bdirektansprache\b|\bunverbindlich\w*\s+(?:telefonat|austausch|gespräch)"
     r"|\btalentpool\b|\bkarriere-?abend|\bpasswort\s+(?:zurücksetzen|geändert)"),
    # After blind5 (scored once): an invitation with words between, a meeting moved, a fair, a paused role.
    ("next_round", 3, r"\bzu\s+(?:einem|einer)\s+(?:[\w-]+\s+){0,3}?(?:gespräch|kennenlern\w*|termin|interview|vorstellungsgespräch|probetag|assessment)\s+(?:[\w-]+\s+|–\s+|-\s+){0,4}?einladen"),
    ("next_round", 3, r"\b(?:termin|gespräch|interview|treffen)\w*\s+(?:[\w.-]+\s+){0,5}?(?:absagen|verschieben|verlegen)\b[^.!\n]{0,160}\b(?:verschieben|verlegen|ausweichtermin|neuen\s+termin)"
     r"|\bverschieben\b[^.?!\n]{0,80}\?"),
    ("other", 4, r"\b(?:karriere|job|jobs|recruiting|absolventen|firmenkontakt)messe\b|\bmesse\s+(?:\w+\s+){0,2}?öffnet\b|\b(?:kostenlos\w*|ihr)\s+ticket\b"),
    ("still_deciding", 3, r"\bauf\s+eis\s+gelegt\b(?!\s+bis\s+auf\s+weiteres)|\bvorübergehend\s+(?:ausgesetzt|pausiert|gestoppt|angehalten)"
     r"|\bbewerbung\s+bleibt\s+(?:weiterhin\s+)?(?:im\s+verfahren|aktiv|berücksichtigt|im\s+rennen)"),
    # From dev8: a calendar invitation to the interview, an application still in review, a delay.
    ("next_round", 3, r"\bkalendereinladung\b|\beinladung\s*:\s*(?:\w+\s+)?(?:vorstellungsgespräch|interview|gespräch|kennenlern\w*)"),
    ("still_deciding", 3, r"\bweiterhin\s+in\s+(?:prüfung|bearbeitung|der\s+auswahl)\b|\bverzögert\s+sich\b"),
    # After blind6: the candidate's own decision acknowledged is no outcome; a trial day invites.
    ("other", 4, r"\b(?:bedauern|respektieren|akzeptieren)\s+(?:wir\s+)?(?:ihre|deine)\s+entscheidung\b|\bihre\s+bewerbung\s+(?:\w+\s+){0,3}?aus\s+dem\s+(?:verfahren|prozess)\s+genommen\b(?=[^.]*\b(?:wunsch|entscheidung|nachricht)\b)?"),
    ("next_round", 3, r"\bprobe(?:arbeit(?:en|stag)?|tag|schicht)\b"),
)  # fmt: skip
