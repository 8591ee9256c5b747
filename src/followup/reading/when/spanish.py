"""Spanish time phrases → expressions (docs/dates.md)."""

from __future__ import annotations

import re

from followup.reading.when.english import holiday_relation
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

WEEKDAYS = {
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "sabado": 5,
    "domingo": 6,
}  # fmt: skip
MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
NUMBERS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "diez": 10, "quince": 15, "unos": 3, "unos pocos": 3, "pocos": 3, "un par de": 2, "los próximos": 3,
    "los proximos": 3,
}  # fmt: skip
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"[0-9]{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))


# Everyday words of the language: its rules run only on text that has some (or a day or month name).
EVERYDAY = frozenset(
    {
        "el",
        "los",
        "las",
        "usted",
        "para",
        "con",
        "que",
        "una",
        "del",
        "te",
        "semana",
        "días",
        "antes",
        "después",
        "mañana",
        "hoy",
        "principios",
        "finales",
        "fines",
        "mediados",
        "trimestre",
        "hábiles",
        "fiestas",
        "semanas",
        "le",
        "dos",
        "noche",
        "par",
        "mes",
    }
)


_UNITS: tuple[tuple[tuple[str, ...], Unit], ...] = ((("hora",), "hour"), (("día", "dia"), "day"), (("semana",), "week"))
_ESTIMATES = frozenset({"unos", "pocos", "unos pocos", "un par de", "los próximos", "los proximos"})


def _span(m: re.Match[str]) -> Span:
    return span(m, NUMBERS, _UNITS, _ESTIMATES)


_PART = {
    "principios": "early",
    "inicios": "early",
    "comienzos": "early",
    "mediados": "mid",
    "mitad": "mid",
    "finales": "end",
    "fines": "end",
    "fin": "end",
    "final": "end",
}
_ORDINAL = {
    "primer": 1,
    "primera": 1,
    "segundo": 2,
    "segunda": 2,
    "tercer": 3,
    "tercero": 3,
    "tercera": 3,
    "cuarto": 4,
    "cuarta": 4,
    "última": 4,
    "ultima": 4,
}
_HOLIDAYS = {
    "día del trabajo": "labor day",
    "dia del trabajo": "labor day",
    "reyes": "epiphany",
    "día de reyes": "epiphany",
    "semana santa": "good friday",
    "viernes santo": "good friday",
    "pascua": "easter",
    "día de la independencia": "independence day",
    "día de la constitución": "constitution day",
    "natalicio de benito juárez": "benito juárez",
    "benito juárez": "benito juárez",
    "día de la hispanidad": "national day",
    "fiesta nacional": "national day",
    "todos los santos": "all saints",
    "día de la revolución": "revolution day",
    # Chile's 18 and 19 September, Mexico's 16: the table's Independence Day.
    "fiestas patrias": "independence day",
}
_HOLIDAY_WORDS = "|".join(sorted(_HOLIDAYS, key=len, reverse=True))


def _holiday(words: str) -> str:
    key = " ".join(words.lower().split())
    return _HOLIDAYS.get(key) or _HOLIDAYS["día " + key]


_BRIDGE = r"(?:(?P<bridge>puente|fin\s+de\s+semana\s+largo)\s+(?:del?\s+|por\s+el\s+)?(?:la\s+)?)?"

RULES: tuple[Rule, ...] = (
    Rule(
        PERIOD,
        pattern(
            # "después del puente del Día de la Revolución": after the long weekend that goes with it.
            rf"\b(?P<rel>antes\s+de|después\s+de|tras|durante|pasad[oa]s?)\s+(?:la\s+|el\s+|los\s+|las\s+)?{_BRIDGE}(?P<name>{_HOLIDAY_WORDS})\b"
            rf"|\b(?P<rel2>antes|después)\s+del\s+{_BRIDGE.replace('bridge', 'bridge2')}(?P<name2>{_HOLIDAY_WORDS})\b"
        ),
        lambda m: Holiday(
            _holiday(m["name"] or m["name2"]),
            *holiday_relation(m["rel"] or m["rel2"] + " de"),
            weekend=bool(m["bridge"] or m["bridge2"]),
        ),
    ),
    Rule(PERIOD, pattern(r"\bantes\s+de\s+navidad\b"), lambda m: Holiday("christmas break", False)),
    # "después del puente" alone: the long weekend of the next public holiday, whichever it is.
    Rule(
        PERIOD,
        pattern(r"\b(?P<rel>antes\s+del|después\s+del|tras\s+el|pasado\s+el)\s+puente\b(?!\s+(?:del?|por)\s)"),
        lambda m: Holiday("", not m["rel"].lower().startswith("antes"), weekend=True),
    ),
    Rule(
        PERIOD,
        pattern(
            r"\b(?P<rel>antes\s+de|después\s+de|tras|pasadas)\s+(?:las\s+)?(?:fiestas(?!\s+patrias)|navidad(?:es)?|vacaciones\s+de\s+navidad|año\s+nuevo|fin\s+de\s+año)\b"
        ),
        lambda m: Holiday("christmas break", m["rel"].split()[0].lower() in ("después", "tras", "pasadas")),
    ),
    Rule(
        PERIOD,
        pattern(
            r"\b(?:(?:a\s+)?(?P<part>principios|inicios|comienzos|mediados|finales|fin|final)\s+del?\s+)?(?:(?:el\s+)?[tq](?P<q>[1-4])\b|(?:el\s+)?(?P<n>primer|segundo|tercer|cuarto)\s+trimestre\b)"
        ),
        lambda m: QuarterPart(
            int(m["q"]) if m["q"] else _ORDINAL[m["n"].lower()],
            _PART.get((m["part"] or "fin").lower(), "end"),  # type: ignore[arg-type]
        ),
    ),
    Rule(
        DATE,
        pattern(rf"\b(?P<n>primera|segunda|tercera|cuarta|última|ultima)\s+semana\s+de\s+(?P<month>{_M})\b"),
        lambda m: WeekOfMonth(_ORDINAL[m["n"].lower()], MONTHS[m["month"].lower()]),
    ),
    Rule(
        DATE,
        pattern(rf"\bsemana\s+del\s+(?P<day>[0-9]{{1,2}})\s+de\s+(?P<month>{_M})\b"),
        lambda m: WeekOf(Named(int(m["day"]), MONTHS[m["month"].lower()])),
    ),
    Rule(DATE, pattern(r"\bel\s+día\s+(?P<day>[0-9]{1,2})\b(?!\s+de)"), lambda m: Named(int(m["day"]))),
    Rule(
        DATE,
        pattern(rf"\b(?P<day>[0-9]{{1,2}})\s+de\s+(?P<month>{_M})\b(?:\s+(?:de\s+)?(?P<year>[0-9]{{4}}))?"),
        lambda m: Named(int(m["day"]), MONTHS[m["month"].lower()], int(m["year"]) if m["year"] else None),
    ),
    Rule(
        DATE,
        pattern(
            rf"\b(?:el\s+)?(?:{_WD})\s+(?P<day>[0-9]{{1,2}})\b(?!\s*(?:de\s+)?(?:{_M})|[/.:][0-9])|\b(?:el|del|al)\s+(?P<day2>[0-9]{{1,2}})\b(?!\s*(?:de\s+)?(?:{_M})|[/.:][0-9])"
        ),
        lambda m: Named(int(m["day"] or m["day2"])),
    ),
    Rule(
        WEEK,
        pattern(
            rf"\b(?:el\s+)?(?:próximo|proximo)\s+(?P<wd>{_WD})\b|\b(?P<wd2>{_WD})\s+(?:que\s+viene|de\s+la\s+(?:semana\s+que\s+viene|próxima\s+semana))\b"
        ),
        lambda m: OnWeekday(WEEKDAYS[(m["wd"] or m["wd2"]).lower()], 1),
    ),
    Rule(
        WEEK, pattern(rf"(?<!pasado\s)\b(?P<wd>{_WD})\b(?!\s+pasado)"), lambda m: OnWeekday(WEEKDAYS[m["wd"].lower()])
    ),
    Rule(
        WEEK,
        pattern(
            r"\b(?:(?P<part>principios|inicios|mediados|mitad|finales|final)\s+de\s+)?la\s+(?:(?:próxima|proxima)\s+semana|semana\s+que\s+viene)\b"
        ),
        lambda m: WeekPart(1, _PART.get((m["part"] or "fin").lower(), "end")),  # type: ignore[arg-type]
    ),
    Rule(
        WEEK,
        pattern(
            r"\b(?:(?:a\s+)?final(?:es)?\s+de\s+)?la\s+semana\s+(?:después\s+de\s+la\s+(?:próxima|que\s+viene)|siguiente\s+a\s+la\s+(?:próxima|que\s+viene)|subsiguiente)\b"
        ),
        lambda m: WeekPart(2),
    ),
    Rule(
        PERIOD,
        pattern(
            r"\bantes\s+de\s+que\s+(?:cierre|termine|acabe|finalice)\s+el\s+(?P<n>primer|segundo|tercer|cuarto)\s+trimestre\b"
        ),
        lambda m: QuarterPart(_ORDINAL[m["n"].lower()]),
    ),
    Rule(
        WEEK,
        pattern(
            r"\b(?:a\s+)?final(?:es)?\s+de\s+(?:la|esta)\s+semana\b(?!\s+(?:siguiente|después|que\s+viene|próxima))|\besta\s+semana\b|\b(?:en|durante)\s+(?:el\s+(?:transcurso|curso)\s+de\s+)?la\s+semana\b(?!\s+(?:del?|que|próxima|proxima|siguiente|entrante|pasada|subsiguiente|después))|\bantes\s+de\s+que\s+(?:termine|acabe)\s+la\s+semana\b|\bantes\s+del\s+fin\s+de\s+semana\b"
        ),
        lambda m: WeekPart(0),
    ),
    Rule(
        SPAN,
        pattern(
            rf"(?:\b(?:en|dentro\s+de|durante|de)\b.{{0,20}}?)?\b(?P<n>{_NUM})(?:\s*(?:a|-|–|o|y)\s*(?P<hi>{_NUM}))?\s+"
            r"(?:próxim[oa]s\s+)?(?P<unit>horas?|días|dias|día|semanas?|mes(?:es)?)\b(?P<biz>\s+(?:hábiles|habiles|laborables))?(?:\s+o\s+(?P<tail>dos|tres))?"
        ),
        _span,
    ),
    Rule(
        SPAN,
        pattern(
            rf"\b(?:a\s+|para\s+)?(?P<part>principios|inicios|comienzos|mediados|finales|fines|fin)\s+de(?:l)?\s+(?:(?:mes\s+de\s+)?(?P<month>{_M})\b|(?P<next>(?:próximo|proximo)\s+)?mes\b(?P<next2>\s+que\s+viene|\s+(?:próximo|proximo|siguiente|entrante))?)"
        ),
        lambda m: MonthPart(
            _PART[m["part"].lower()],  # type: ignore[arg-type]
            MONTHS[m["month"].lower()] if m["month"] else None,
            int(bool(m["next"] or m["next2"])),
        ),
    ),
    Rule(
        SPAN,
        pattern(
            r"\bantes\s+de\s+(?:final|fin)\s+de(?:l)?\s+mes\b(?P<next2>\s+(?:próximo|proximo|siguiente|que\s+viene|entrante))?|\bantes\s+de\s+que\s+(?:termine|acabe|finalice)\s+el\s+mes\b(?P<next>\s+que\s+viene|\s+próximo)?"
        ),
        lambda m: MonthPart("end", months_ahead=int(bool(m["next"] or m["next2"]))),
    ),
    Rule(DAY, pattern(r"\bpasado\s+mañana\b"), lambda m: DaysLater(2)),
    Rule(DAY, pattern(r"(?<!pasado\s)\bmañana\b"), lambda m: DaysLater(1)),
    Rule(
        DAY,
        pattern(
            r"\bhoy\b|\besta\s+(?:tarde|noche)\b|\bantes\s+de\s+que\s+(?:termine|acabe|finalice)\s+el\s+día\b"
            r"|\b(?:antes\s+del|al)\s+(?:fin|final|cierre)\s+del\s+día\b|\ben\s+el\s+transcurso\s+del\s+día\b|\ba\s+lo\s+largo\s+del\s+día\b"
        ),
        lambda m: DaysLater(0),
    ),
    # "a finales de este trimestre", "el próximo trimestre": the message's own quarter or the next.
    Rule(
        PERIOD,
        pattern(
            r"\b(?:(?:a\s+)?(?P<part>principios|inicios|comienzos|mediados|finales|fin|final)\s+(?:de\s+|del\s+)?)?"
            r"(?:este|el|(?P<next>el\s+próximo|el\s+proximo|el\s+siguiente))\s+trimestre\b(?!\s+(?:del|de\s+\d))"
            r"|\b(?:a\s+)?(?P<part2>principios|inicios|comienzos|mediados|finales|fin|final)\s+de\s+trimestre\b"
        ),
        lambda m: QuarterPart(
            0,
            _PART.get((m["part"] or m["part2"] or "fin").lower(), "end"),  # type: ignore[arg-type]
            ahead=int(bool(m["next"])),
        ),
    ),
)
