"""Date words for German, French and Spanish, and the cues that make a sentence a promise.

English date phrases are read by followup.domain.timeline; only its cues live here.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
    "samstag": 5, "sonntag": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
}  # fmt: skip

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip

NUMBERS = {
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "vierzehn": 14,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "quinze": 15,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10,
}  # fmt: skip

_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"[0-9]{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))

DAY_MONTH = re.compile(
    rf"\b(?P<day>[0-9]{{1,2}})(?:\.|er|º|°)?\s+(?:de\s+)?(?P<month>{_MONTH})\b(?:\s+(?:de\s+)?(?P<year>[0-9]{{4}}))?",
    _I,
)
# Day-first numeric dates only after a word that introduces a day, so "5.5 years" is no date.
NUMERIC_DATE = re.compile(
    r"\b(?:bis|am|zum|ab|dem|le|au|jusqu'au|d'ici\s+le|el|del|hasta\s+el|antes\s+del)\s+"
    r"(?P<day>[0-9]{1,2})[./](?P<month>[0-9]{1,2})(?:[./](?P<year>[0-9]{4}|[0-9]{2}))?\b",
    _I,
)
NEXT_WEEKDAY = re.compile(
    rf"\b(?:nächste[nrs]?|kommende[nrs]?)\s+(?P<wd>{_WD})\b|\b(?P<wd2>{_WD})\s+prochain\b"
    rf"|\b(?:próximo|proximo)\s+(?P<wd3>{_WD})\b|\b(?P<wd4>{_WD})\s+que\s+viene\b",
    _I,
)
WEEKDAY = re.compile(rf"(?<!letzten\s)(?<!dernier\s)(?<!pasado\s)\b(?P<wd>{_WD})\b(?!\s+(?:dernier|pasado))", _I)
NEXT_WEEK = re.compile(
    r"\b(?:nächste|kommende)\s+woche|\bsemaine\s+prochaine|\b(?:próxima|proxima)\s+semana|\bsemana\s+que\s+viene",
    _I,
)
END_OF_WEEK = re.compile(
    r"\bende\s+(?:der|dieser)\s+woche|\bfin\s+de\s+(?:la|cette)\s+semaine|\bfinal(?:es)?\s+de\s+(?:la|esta)\s+semana",
    _I,
)
SPAN = re.compile(
    rf"\b(?:in|innerhalb|binnen|dans|sous|d'ici|en|dentro\s+de)\b.{{0,25}}?\b(?P<n>{_NUM})"
    rf"(?:\s*(?:bis|à|a|-|–)\s*(?P<hi>{_NUM}))?\s+(?:nächsten\s+|prochain(?:e?s)?\s+|próxim[oa]s\s+)?"
    r"(?P<unit>werktage?n?|arbeitstage?n?|tage?n?|wochen?|monate?n?|jours?|semaines?|mois|días|dias|día|semanas?"
    r"|mes(?:es)?)\b(?P<biz>\s+(?:ouvrés|ouvrables|hábiles|habiles|laborables))?",
    _I,
)
NEXT_MONTH_START = re.compile(
    r"\banfang\s+(?:des\s+)?(?:nächsten|kommenden)\s+monats|\bdébut\s+du\s+mois\s+prochain"
    r"|\bprincipios\s+del\s+(?:próximo\s+mes|mes\s+que\s+viene)",
    _I,
)
END_OF_MONTH = re.compile(
    r"\bende\s+(?:des|dieses|diesen)\s+monats|\bmonatsende\b|\bfin\s+(?:du|de\s+ce)\s+mois|\bfinales\s+de(?:l)?\s+mes"
    r"|\bfin\s+de(?:l)?\s+mes|\bantes\s+de\s+que\s+(?:termine|acabe|finalice)\s+el\s+mes|\bavant\s+la\s+fin\s+du\s+mois",
    _I,
)

# A sentence about news to come or a return; without one of these a named day is not a promise.
CUE = re.compile(
    r"\b(?:decision|decide|decid|hear|revert|wrap|reincorpor|vuelvo|get\s+back|be\s+in\s+touch|update|let\s+you\s+know|come\s+back|feedback|back|"
    r"let\s+(?:you|him|her|them|everyone|candidates|applicants|all\s+\w+)\s+know|return|away|out\s+of\s+(?:the\s+)?office|until|till|respond|reply|contact\s+you|news|answer|outcome|finali[sz]|"
    r"conclude|in\s+touch|selection|anticipate|reach\s+out|follow\s+up|inform|know\s+more|"
    r"entscheid|melden|rückmeldung|bescheid|zurück|wieder|abwesend|urlaub|bis|spätestens|informieren|ergebnis|"
    r"décision|décider|reviendr|reviens|retour|revenir|nouvelles|inform|tiendr|absente?|jusqu|d'ici|réponse|"
    r"decisión|decidir|volver|vuelta|regres|contact|noticias|ausente|hasta|antes\s+del|respuesta|resolución)",
    _I,
)
# A negated promise ("they won't decide before Friday") names no day of news.
NEGATED = re.compile(r"\b(?:won't|will\s+not|not|cannot|can't|isn't|aren't|doesn't|don't|nicht|pas|no)\b", _I)
THIRD_PERSON_AWAY = re.compile(
    r"\b(?:he|she|they|manager|director|lead|partner|recruiter|team|ceo|cto|founder|[A-Z][a-z]+)\s+(?:is|are|'s)\s+"
    r"(?:currently\s+)?(?:on\s+(?:holiday|vacation|leave|annual\s+leave)|away|out(?:\s+of\s+(?:the\s+)?office)?|travell?ing)\b"
    r"|\b(?:isn't|is\s+not|aren't|are\s+not)\s+back\b|\b(?:has|have)\s+been\s+(?:away|travell?ing|on\s+(?:holiday|vacation|leave))\b",
    _I,
)
# The writer's own return day ("me reincorporo el lunes 24"), read before an "until" absence.
RETURN = re.compile(
    r"\breincorpor\w*|\bde\s+(?:vuelta|retour)\b|\bwieder\s+(?:im\s+büro|da|erreichbar)\b|\b(?:i'm|i\s+am|i'll\s+be|i\s+will\s+be)\s+back\s+(?:on|in)\b",
    _I,
)
# "end of day tomorrow" is tomorrow, not today.
END_OF_DAY = re.compile(
    r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|eod|cob)\s+(?=tomorrow\b|on\s+\w+day\b)", _I
)
PAST = re.compile(r"\b(?:was|were|had|did|met|spoke|enjoyed|yesterday|thanks?\s+for|thank\s+you\s+for|last)\b", _I)
