"""French time phrases → expressions (docs/dates.md)."""

from __future__ import annotations

import re

from followup.reading.when.english import holiday_relation
from followup.reading.when.expressions import (
    DaysLater,
    Holiday,
    MonthPart,
    Morning,
    Named,
    OnWeekday,
    QuarterPart,
    Span,
    Unit,
    WeekOf,
    WeekOfMonth,
    WeekPart,
)
from followup.reading.when.rules import DATE, DAY, PERIOD, SPAN, WEEK, Rule, pattern, span

WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "dix": 10,
    "quinze": 15,
    "quelques": 3,
}
_WD = "|".join(WEEKDAYS)
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"[0-9]{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))


# Everyday words of the language: its rules run only on text that has some (or a day or month name).
EVERYDAY = frozenset(
    {
        "le",
        "la",
        "les",
        "vous",
        "nous",
        "est",
        "pour",
        "avec",
        "dans",
        "une",
        "des",
        "du",
        "au",
        "semaine",
        "jours",
        "avant",
        "après",
        "début",
        "fin",
        "mi",
        "demain",
        "réponse",
        "courant",
        "sous",
        "trimestre",
        "soir",
        "ce",
        "me",
        "rappelle",
        "aujourd'hui",
    }
)


_UNITS: tuple[tuple[tuple[str, ...], Unit], ...] = ((("heure",), "hour"), (("jour",), "day"), (("semaine",), "week"))
_ESTIMATES = frozenset({"quelques"})


def _span(m: re.Match[str]) -> Span:
    return span(m, NUMBERS, _UNITS, _ESTIMATES)


_PART = {
    "début": "early",
    "debut": "early",
    "mi": "mid",
    "milieu": "mid",
    "fin": "end",
    "clôture": "end",
    "cloture": "end",
}
_ORDINAL = {
    "premier": 1,
    "première": 1,
    "1er": 1,
    "deuxième": 2,
    "second": 2,
    "seconde": 2,
    "troisième": 3,
    "quatrième": 4,
    "dernier": 4,
    "dernière": 4,
}
_HOLIDAYS = {
    "lundi de pentecôte": "pentecost monday",
    "pentecôte": "pentecost monday",
    "l'ascension": "ascension day",
    "ascension": "ascension day",
    "fête nationale": "national day",
    "14 juillet": "national day",
    "toussaint": "all saints",
    "la toussaint": "all saints",
    "pâques": "easter",
    "lundi de pâques": "easter monday",
    "fête du travail": "labor day",
    "1er mai": "labor day",
    "8 mai": "victory day",
    "11 novembre": "armistice day",
    "l'armistice": "armistice day",
    "15 août": "assumption day",
    "l'assomption": "assumption day",
}
_HOLIDAY_WORDS = "|".join(re.escape(w) for w in sorted(_HOLIDAYS, key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    Rule(
        PERIOD,
        # "après le pont de l'Ascension": after the long weekend that goes with it.
        pattern(
            rf"\b(?P<rel>avant|après|pendant)\s+(?:le\s+|la\s+|l')?(?P<bridge>pont\s+(?:de\s+(?:la\s+|l')?|du\s+))?"
            rf"(?P<name>{_HOLIDAY_WORDS})(?![0-9])"
        ),
        lambda m: Holiday(
            _HOLIDAYS[" ".join(m["name"].lower().split())], *holiday_relation(m["rel"]), weekend=bool(m["bridge"])
        ),
    ),
    # "après le pont" alone: the long weekend of the next public holiday, whichever it is.
    Rule(
        PERIOD,
        pattern(r"\b(?P<rel>avant|après)\s+le\s+pont\b(?!\s+(?:de|du)\s)"),
        lambda m: Holiday("", m["rel"].lower() == "après", weekend=True),
    ),
    Rule(PERIOD, pattern(r"\bavant\s+noël\b"), lambda m: Holiday("christmas break", False)),
    Rule(
        PERIOD,
        pattern(
            r"\b(?P<rel>avant|après|pendant)\s+(?:les\s+)?(?:fêtes(?:\s+de\s+fin\s+d'année)?|noël|vacances\s+de\s+noël|le\s+nouvel\s+an|la\s+trêve\s+des\s+confiseurs)\b"
        ),
        lambda m: Holiday("christmas break", m["rel"].lower() == "après"),
    ),
    Rule(
        PERIOD,
        pattern(
            r"\b(?:(?:en\s+)?(?P<part>début|debut|mi|milieu|fin|clôture|cloture)[\s-]+(?:de\s+|du\s+)?)?(?:[tq](?P<q>[1-4])\b|(?P<qn>[1-4])(?:er|re|e|ème|eme)\s+trimestre\b|(?:premier|1er|deuxième|second|troisième|quatrième)\s+trimestre\b)"
        ),
        # "au milieu du 4e trimestre": the ordinal in figures too.
        lambda m: QuarterPart(
            int(m["q"] or m["qn"]) if m["q"] or m["qn"] else _ORDINAL[m[0].lower().split("trimestre")[0].split()[-1]],
            _PART.get((m["part"] or "fin").lower(), "end"),  # type: ignore[arg-type]
        ),
    ),
    Rule(
        DATE,
        pattern(
            rf"\b(?P<n>première|deuxième|seconde|troisième|quatrième|dernière)\s+semaine\s+(?:de|d')\s*(?P<month>{_M})\b"
        ),
        lambda m: WeekOfMonth(_ORDINAL[m["n"].lower()], MONTHS[m["month"].lower()]),
    ),
    Rule(
        DATE,
        pattern(rf"\bsemaine\s+du\s+(?P<day>[0-9]{{1,2}})(?:er)?\s+(?P<month>{_M})\b"),
        lambda m: WeekOf(Named(int(m["day"]), MONTHS[m["month"].lower()])),
    ),
    # "vendredi 13", "le 5": a day of the month without its month.
    Rule(
        DATE,
        pattern(
            rf"\b(?:(?:{_WD})|le|au|du)\s+(?P<day>[0-9]{{1,2}})(?:er)?\b(?![/:h0-9]|\.[0-9]|\s*(?:{_M}|heures?|h\b|jours?|semaines?|mois|ans?|%|candidat))"
        ),
        lambda m: Named(int(m["day"])),
    ),
    Rule(
        DATE,
        pattern(rf"\b(?P<day>[0-9]{{1,2}})(?:er)?\s+(?P<month>{_M})\b(?:\s+(?P<year>[0-9]{{4}}))?"),
        lambda m: Named(int(m["day"]), MONTHS[m["month"].lower()], int(m["year"]) if m["year"] else None),
    ),
    Rule(
        WEEK,
        pattern(rf"\b(?P<wd>{_WD})\s+(?:de\s+la\s+semaine\s+)?prochaine?\b"),
        lambda m: OnWeekday(WEEKDAYS[m["wd"].lower()], 1),
    ),
    Rule(WEEK, pattern(rf"\b(?P<wd>{_WD})\b(?!\s+dernier)"), lambda m: OnWeekday(WEEKDAYS[m["wd"].lower()])),
    Rule(
        WEEK,
        pattern(
            # "semaine pro": the everyday short form of "prochaine".
            r"\b(?:(?:en\s+)?(?P<part>début|debut|milieu|fin|mi)(?:\s+|-)(?:de\s+)?(?:la\s+)?)?semaine\s+pro(?:chaine|ch)?\b"
            r"(?!\W+mais\s+celle)"
        ),
        lambda m: WeekPart(1, _PART.get((m["part"] or "fin").lower(), "end")),  # type: ignore[arg-type]
    ),
    Rule(
        WEEK,
        pattern(
            r"\b(?:(?:en\s+)?(?P<part>début|debut|milieu|fin|mi)(?:\s+|-)(?:de\s+)?(?:la\s+)?)?semaine\s+"
            r"(?:après\s+la\s+prochaine|suivant\s+la\s+prochaine)\b"
            # "non pas la semaine prochaine, mais celle d'après": the week after next.
            r"|\bsemaine\s+prochaine\W+mais\s+(?:plutôt\s+)?celle\s+(?:d'après|qui\s+suit|suivante)\b"
        ),
        lambda m: WeekPart(2, _PART.get((m["part"] or "fin").lower(), "end")),  # type: ignore[arg-type]
    ),
    Rule(
        WEEK,
        pattern(
            r"\bfin\s+de\s+(?:la\s+|cette\s+)?semaine\b(?!\s+(?:prochaine|après|d'après|suivante))|\bcette\s+semaine\b|\b(?:dans|durant|au\s+cours\s+de)\s+la\s+semaine\b(?!\s+(?:prochaine|pro\b|après|d'après|suivante|du|de|qui|dernière|passée))|\bd'ici\s+la\s+fin\s+de\s+la\s+semaine\b(?!\s+(?:prochaine|après|d'après|suivante))"
        ),
        lambda m: WeekPart(0),
    ),
    # "quinze jours", "huit jours" in words are the French for two weeks and a week (before the
    # rule for any number, which would read 15 and 8 days).
    Rule(
        SPAN,
        pattern(
            r"\b(?:dans|sous|d'ici|en|d'ici\s+à)\s+(?:les\s+)?(?P<n>quinze|huit)\s+(?:prochains\s+)?jours\b(?!\s+ouvr)"
        ),
        lambda m: Span(14 if m["n"].lower() == "quinze" else 7, "day"),
    ),
    Rule(
        SPAN,
        pattern(
            rf"(?:\b(?:dans|sous|d'ici|en|d'ici\s+à)\b.{{0,20}}?)?\b(?P<n>{_NUM})(?:\s*(?:à|-|–|ou)\s*(?P<hi>{_NUM}))?\s+"
            r"(?:prochain(?:e?s)?\s+)?(?P<unit>heures?|jours?|semaines?|mois)\b(?P<biz>\s+(?:ouvrés|ouvrables))?(?:\s+ou\s+(?P<tail>deux|trois))?"
        ),
        _span,
    ),
    Rule(SPAN, pattern(r"\bsous\s+huitaine\b"), lambda m: Span(8, "day")),
    Rule(SPAN, pattern(r"\bsous\s+quinzaine\b"), lambda m: Span(15, "day")),
    Rule(
        SPAN,
        pattern(
            rf"\b(?P<part>début|debut|mi|milieu|fin)[\s-]+(?:(?:du\s+mois\s+)?(?:de\s+|d')?(?P<month>{_M})\b|(?:du|de\s+ce)\s+mois(?:\s+(?P<next>prochain))?)"
        ),
        lambda m: MonthPart(
            _PART[m["part"].lower()],  # type: ignore[arg-type]
            MONTHS[m["month"].lower()] if m["month"] else None,
            int(bool(m["next"])),
        ),
    ),
    # "courant juillet", "dans le courant du mois": some time in that month, so by its end.
    Rule(
        SPAN,
        pattern(
            rf"\bcourant\s+(?:du\s+mois\s+)?(?:de\s+|d')?(?P<month>{_M})\b|\bcourant\s+du\s+mois(?P<next>\s+prochain)?\b"
        ),
        lambda m: MonthPart("end", MONTHS[m["month"].lower()] if m["month"] else None, int(bool(m["next"]))),
    ),
    # "dans les jours qui viennent", "dans les prochains jours": a few days, in working days.
    Rule(
        SPAN,
        pattern(
            r"\b(?:dans|sous|d'ici)\s+les\s+(?:tout\s+)?(?:prochains\s+jours|jours\s+(?:qui\s+viennent|à\s+venir))\b"
        ),
        lambda m: Span(3, "business_day"),
    ),
    Rule(DAY, pattern(r"\b(?P<after>après[\s-]+)?demain\b"), lambda m: DaysLater(2 if m["after"] else 1)),
    Rule(DAY, pattern(r"\bdans\s+la\s+matinée\b"), lambda m: Morning()),
    Rule(
        DAY,
        pattern(
            r"\baujourd'hui\b|\bce\s+soir\b|\bfin\s+de\s+(?:la\s+)?journée\b|\bdans\s+la\s+journée\b"
            r"|\bavant\s+la\s+fin\s+de\s+la\s+journée\b|\bau\s+cours\s+de\s+la\s+journée\b"
        ),
        lambda m: DaysLater(0),
    ),
    Rule(
        PERIOD,
        pattern(
            r"\b(?:(?:en\s+)?(?P<part>début|debut|mi|milieu|fin)[\s-]+(?:de\s+|du\s+)?)?"
            r"(?:ce|le|(?P<next>le\s+prochain))\s+trimestre(?P<next2>\s+prochain)?\b"
            r"|\b(?:en\s+)?(?P<part2>début|debut|mi|milieu|fin)[\s-]+(?:de\s+|du\s+)trimestre\b"
        ),
        lambda m: QuarterPart(
            0,
            _PART.get((m["part"] or m["part2"] or "fin").lower(), "end"),  # type: ignore[arg-type]
            ahead=int(bool(m["next"] or m["next2"])),
        ),
    ),
)
