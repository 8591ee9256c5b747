"""German time phrases → expressions (docs/dates.md)."""

from __future__ import annotations

import re

from followup.reading.when.english import holiday_relation, part
from followup.reading.when.expressions import (
    DaysLater,
    Holiday,
    MonthPart,
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

WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6}
MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip
NUMBERS = {
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "vierzehn": 14, "paar": 3, "wenigen": 3, "eines": 1,
}  # fmt: skip
_WD = "|".join(WEEKDAYS)
_SHORT = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4}
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"[0-9]{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))


# Everyday words of the language: its rules run only on text that has some (or a day or month name).
EVERYDAY = frozenset(
    {
        "und",
        "der",
        "die",
        "das",
        "wir",
        "sie",
        "ihnen",
        "uns",
        "ich",
        "nicht",
        "bis",
        "mit",
        "für",
        "ist",
        "am",
        "den",
        "dem",
        "woche",
        "tage",
        "tagen",
        "wochen",
        "werktagen",
        "arbeitstagen",
        "wenigen",
        "kommt",
        "vor",
        "nach",
        "anfang",
        "mitte",
        "ende",
        "morgen",
        "heute",
        "zusage",
        "absage",
        "melde",
        "melden",
        "quartal",
        "quartals",
        "übermorgen",
        # A note as terse as "Fr. Huber ruft Do oder Fr zurück" has no other word of the list.
        "ruft",
        "zurück",
        "meldet",
    }
)


_UNITS: tuple[tuple[tuple[str, ...], Unit], ...] = (
    (("werk", "arbeit"), "business_day"),
    (("tag",), "day"),
    (("woche",), "week"),
)
_ESTIMATES = frozenset({"paar", "wenigen"})


def _span(m: re.Match[str]) -> Span:
    return span(m, NUMBERS, _UNITS, _ESTIMATES)


_ORDINAL = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "letzten": 4}
_HOLIDAYS = {
    "tag der deutschen einheit": "german unity day",
    "pfingstmontag": "pentecost monday",
    "pfingsten": "pentecost monday",
    "christi himmelfahrt": "ascension day",
    "himmelfahrt": "ascension day",
    "ostern": "easter",
    "ostermontag": "easter monday",
    "karfreitag": "good friday",
    "fronleichnam": "corpus christi",
    "nationalfeiertag": "national day",
    "tag der arbeit": "labor day",
    "allerheiligen": "all saints",
    "heilige drei könige": "epiphany",
    # Austria's and Bavaria's everyday names for 6 January.
    "dreikönig": "epiphany",
    "dreikönigstag": "epiphany",
    "drei könige": "epiphany",
    "heilige dreikönig": "epiphany",
}
_HOLIDAY_WORDS = "|".join(sorted(_HOLIDAYS, key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    Rule(
        PERIOD,
        pattern(
            rf"\b(?P<rel>vor|bis|nach|gleich\s+nach|über|an)\s+(?:dem\s+|den\s+|der\s+)?(?P<name>{_HOLIDAY_WORDS})\b"
        ),
        lambda m: Holiday(_HOLIDAYS[" ".join(m["name"].lower().split())], *holiday_relation(m["rel"])),
    ),
    Rule(PERIOD, pattern(r"\b(?:vor|bis)\s+weihnachten\b"), lambda m: Holiday("christmas break", False)),
    Rule(
        PERIOD,
        pattern(
            r"\b(?P<rel>vor|bis|nach|gleich\s+nach|über|zwischen)\s+(?:weihnachten|den\s+(?:feier|fest)tagen|den\s+jahren|dem\s+jahreswechsel|neujahr)\b"
        ),
        lambda m: Holiday("christmas break", m["rel"].lower() in ("nach", "gleich nach")),
    ),
    Rule(
        PERIOD,
        pattern(
            r"\b(?:(?P<part>anfang|mitte|ende)\s+(?:des\s+)?)?(?:q(?P<q>[1-4])\b|(?P<n>ersten|zweiten|dritten|vierten)\s+quartals?\b)"
        ),
        lambda m: QuarterPart(
            int(m["q"]) if m["q"] else _ORDINAL[m["n"].lower()],
            part({"anfang": "early", "mitte": "mid"}.get((m["part"] or "").lower(), "end")),
        ),
    ),
    Rule(
        DATE,
        pattern(
            rf"\b(?:in\s+der\s+)?(?P<n>ersten|zweiten|dritten|vierten|letzten)\s+(?:(?P<month>{_M})woche|woche\s+(?:im|des)\s+(?P<month2>{_M}))\b"
        ),
        lambda m: WeekOfMonth(_ORDINAL[m["n"].lower()], MONTHS[(m["month"] or m["month2"]).lower()]),
    ),
    Rule(
        DATE,
        pattern(rf"\bwoche\s+(?:ab\s+dem|vom|des)\s+(?P<day>[0-9]{{1,2}})\.\s*(?P<month>{_M})\b"),
        lambda m: WeekOf(Named(int(m["day"]), MONTHS[m["month"].lower()])),
    ),
    # "am 17.", "bis zum 14.", "ab dem 3.": a day of the month without its month.
    Rule(
        DATE,
        pattern(rf"\b(?:am|zum|dem|den|bis|und|oder)\s+(?P<day>[0-9]{{1,2}})(?:\.(?![0-9])(?!\s*(?:{_M}|[0-9]))|$)"),
        lambda m: Named(int(m["day"])),
    ),
    Rule(
        WEEK,
        pattern(rf"\bnächste\s+woche\s+(?P<wd>{_WD})\b"),
        lambda m: OnWeekday(WEEKDAYS[m["wd"].lower()], 1),
    ),
    Rule(
        DATE,
        pattern(rf"\b(?P<day>[0-9]{{1,2}})\.?\s+(?P<month>{_M})\b\.?(?:\s+(?P<year>[0-9]{{4}}))?"),
        lambda m: Named(int(m["day"]), MONTHS[m["month"].lower().rstrip(".")], int(m["year"]) if m["year"] else None),
    ),
    Rule(
        WEEK,
        pattern(
            rf"\b(?:nächste[nrs]?|kommende[nrs]?)\s+(?P<wd>{_WD})\b|\b(?P<wd2>{_WD})\s+(?:der\s+)?(?:nächste[nr]?|kommende[nr]?)\s+woche\b"
        ),
        lambda m: OnWeekday(WEEKDAYS[(m["wd"] or m["wd2"]).lower()], 1),
    ),
    Rule(
        WEEK,
        pattern(rf"(?<!letzten\s)(?<!vergangenen\s)\b(?P<wd>{_WD})\b"),
        lambda m: OnWeekday(WEEKDAYS[m["wd"].lower()]),
    ),
    # "am Mo oder Di": a short name alone only after "am"/"bis" ("Fr." is also Frau), a pair joined
    # by "oder" anywhere ("ruft Do oder Fr zurück"); a pair is its later day.
    Rule(
        WEEK,
        pattern(
            r"\b(?:am|bis)\s+(?P<wd>mo|di|mi|do|fr)\b\.?(?:\s+(?:oder|bzw\.?|/)\s+(?P<wd2>mo|di|mi|do|fr)\b\.?)?"
            r"|\b(?:mo|di|mi|do|fr)\b\.?(?:\s+(?:oder|bzw\.?)\s+|\s*/\s*)(?P<wd3>mo|di|mi|do|fr)\b\.?"
        ),
        lambda m: OnWeekday(_SHORT[(m["wd2"] or m["wd"] or m["wd3"]).lower()]),
    ),
    Rule(
        WEEK,
        pattern(r"\b(?:(?P<part>anfang|mitte|ende)\s+)?(?:der\s+)?übernächste[nr]?\s+woche\b"),
        lambda m: WeekPart(2, part({"anfang": "early", "mitte": "mid"}.get((m["part"] or "").lower(), "end"))),
    ),
    Rule(
        WEEK,
        pattern(r"\b(?:(?P<part>anfang|mitte|ende)\s+)?(?:der\s+)?(?:nächste[nr]?|kommende[nr]?)\s+woche\b"),
        lambda m: WeekPart(1, part({"anfang": "early", "mitte": "mid"}.get((m["part"] or "").lower(), "end"))),
    ),
    Rule(
        WEEK,
        pattern(r"\bende\s+(?:der\s+|dieser\s+)?woche\b|\bdiese\s+woche\b|\bim\s+laufe\s+der\s+woche\b"),
        lambda m: WeekPart(0),
    ),
    Rule(
        SPAN,
        pattern(
            # "gib uns ein, zwei Tage", "dauert bis zu 10 Arbeitstage": the span is the wait as well.
            rf"\b(?:in|innert|innerhalb|binnen|nach|bis\s+zu|uns|noch|etwa|circa|ca\.|rund|dauert|dauern|braucht|brauchen)\b.{{0,25}}?\b(?P<n>{_NUM})(?:\s*(?:bis|-|–|oder|,)\s*(?P<hi>{_NUM}))?\s+"
            r"(?:nächsten\s+|kommenden\s+)?(?P<unit>werktage?n?|arbeitstage?n?|tage?n?|wochen?|monate?n?|monats)\b"
        ),
        _span,
    ),
    Rule(
        SPAN,
        pattern(
            rf"\b(?P<part>anfang|mitte|ende)\s+(?:(?P<month>{_M})\b|(?:des\s+)?(?P<which>nächsten|kommenden|dieses|diesen|des)\s+monats\b|monat\b)"
        ),
        lambda m: MonthPart(
            part({"anfang": "early", "mitte": "mid"}.get(m["part"].lower(), "end")),
            MONTHS[m["month"].lower()] if m["month"] else None,
            int(bool(m["which"]) and m["which"].lower() in ("nächsten", "kommenden")),
        ),
    ),
    Rule(SPAN, pattern(r"\bmonatsende\b"), lambda m: MonthPart("end")),
    # "im Laufe des Juli", "im Lauf des nächsten Monats": some time in that month, so by its end.
    Rule(
        SPAN,
        pattern(
            rf"\bim\s+laufe?\s+(?:des\s+)?(?:(?:monats\s+)?(?P<month>{_M})s?\b|(?P<which>nächsten|kommenden|dieses|des)\s+monats\b)"
        ),
        lambda m: MonthPart(
            "end",
            MONTHS[m["month"].lower()] if m["month"] else None,
            int(bool(m["which"]) and m["which"].lower() in ("nächsten", "kommenden")),
        ),
    ),
    Rule(DAY, pattern(r"\bübermorgen\b"), lambda m: DaysLater(2)),
    Rule(DAY, pattern(r"\bmorgen\b(?!\s*früh\s+um)"), lambda m: DaysLater(1)),
    Rule(
        DAY,
        pattern(r"\bheute\b|\bfeierabend\b|\bdienstschluss\b|\bgeschäftsschluss\b|\bim\s+laufe\s+des\s+tages\b"),
        lambda m: DaysLater(0),
    ),
    # "bis Ende dieses Quartals", "nächstes Quartal", "zum Quartalsende": the message's own quarter or the next.
    Rule(
        PERIOD,
        pattern(
            r"\b(?:(?P<part>anfang|mitte|ende)\s+)?(?:dieses|des\s+laufenden|(?P<next>nächsten|des\s+nächsten|kommenden))\s+quartals\b"
            r"|\b(?:(?P<part2>anfang|mitte|ende)\s+)?(?:dieses|das\s+laufende|(?P<next2>nächstes|das\s+nächste|kommendes))\s+quartal\b"
            r"|\b(?P<end>quartalsende|ende\s+des\s+quartals)\b"
        ),
        lambda m: QuarterPart(
            0,
            part({"anfang": "early", "mitte": "mid"}.get((m["part"] or m["part2"] or "").lower(), "end")),
            ahead=int(bool(m["next"] or m["next2"])),
        ),
    ),
)
