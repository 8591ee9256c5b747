"""English time phrases → expressions (docs/dates.md). Case is ignored; every pattern runs over
the original text, so the phrase shown to the user is a real substring of what was written."""

from __future__ import annotations

import re

from followup.reading.when.expressions import (
    CalendarWeek,
    DaysLater,
    Holiday,
    MonthPart,
    Morning,
    Named,
    Numeric,
    OnWeekday,
    Part,
    QuarterPart,
    Span,
    Unit,
    WeekOf,
    WeekOfMonth,
    WeekPart,
    YearEnd,
)
from followup.reading.when.rules import DATE, DAY, PERIOD, SPAN, WEEK, Rule, number

WEEKDAYS = {
    # No "Mon", "Sat", "Sun": they are also words ("mon retour", "sat down", "the sun").
    "monday": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
    "several": 5,
}  # fmt: skip
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}

_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
# "May" alone is mostly the verb: month names count next to a day number or a part word.
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)"
_NUM = r"[0-9]{1,3}|twenty[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b|" + "|".join(
    sorted((w for w in NUMBERS if " " not in w), key=len, reverse=True)
)
# Business and working days as people type them in a hurry: "2-3 wrking days", "5 buisness days".
_BIZ = (
    r"business|buisness|bussiness|busines|busness|bussines|"
    r"working|wrking|workng|workign|wokring|wroking|wrkng|workin|work|biz|bus\.?"
)
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)[0-9]{2})\b)?"
_PART = (
    r"(?P<part>early|beginning\s+of|start\s+of|first\s+half\s+of|mid|middle\s+of|late|end\s+of|close\s+of"
    r"|the\s+end\s+of)"
)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def weekday(word: str) -> int:
    return WEEKDAYS[word.lower().rstrip(".")]


def month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def part(words: str | None, default: Part = "end") -> Part:
    if not words:
        return default
    first = words.lower().split()[0]
    if first in ("early", "beginning", "start", "first"):
        return "early"
    if first in ("mid", "middle"):
        return "mid"
    return "end"


def _year(m: re.Match[str]) -> int | None:
    return int(m["year"]) if m["year"] else None


def _span(m: re.Match[str]) -> Span:
    low = number(m["qty"], NUMBERS)
    high = number(m["hi"], NUMBERS) if m["hi"] else 0
    count = max(low, high)
    unit_word = m["unit"].lower()
    vague = m["qty"].lower().strip() in ("a few", "few", "a couple", "a couple of", "couple of", "several") or bool(
        m["sep"] and m["sep"].strip().lower() == "or"
    )
    unit: Unit
    if unit_word.startswith("hour"):
        unit = "hour"
    elif unit_word.startswith("fortnight"):
        unit, count = "day", 14 * count
    elif unit_word.startswith("day"):
        # Estimates ("a day or two", "a few days") are thought of in working days.
        unit = "business_day" if m["biz"] or vague else "day"
    elif unit_word.startswith("week"):
        unit = "week"
    else:
        unit = "month"
    return Span(count, unit)


RULES: tuple[Rule, ...] = (
    Rule(
        DATE,
        _c(r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})\b"),
        lambda m: Named(int(m["d"]), int(m["m"]), int(m["y"])),
    ),
    # "11-Feb-2027", "11-Feb": the form of many calendars and travel systems.
    Rule(
        DATE,
        _c(rf"\b(?P<d>[0-9]{{1,2}})-(?P<month>{_M})\.?(?:-(?P<y>[0-9]{{4}}))?\b"),
        lambda m: Named(int(m["d"]), month(m["month"]), int(m["y"]) if m["y"] else None),
    ),
    Rule(
        DATE,
        _c(
            rf"\bweek\s+of\s+(?:the\s+)?(?:(?P<m1>{_M})\.?\s+(?P<d1>[0-9]{{1,2}}){_ORD}?|(?P<d2>[0-9]{{1,2}}){_ORD}?(?:\s+of)?\s+(?P<m2>{_M})\b"
            # "the week of 1/3", as a date is written in numbers.
            r"|(?P<a2>[0-9]{1,2})/(?P<b2>[0-9]{1,2})(?![0-9/]))"
            r"|\b(?:w/c|wc|w\.c\.|week\s+commencing|week\s+beginning)\s+(?:(?P<m3>"
            + _M
            + r")\.?\s+(?P<d3>[0-9]{1,2})"
            + _ORD
            + r"?|(?P<d4>[0-9]{1,2})"
            + _ORD
            + r"?(?:\s+of)?\s+(?P<m4>"
            + _M
            + r")\b|(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2}))"
        ),
        lambda m: WeekOf(
            Numeric(int(m["a"] or m["a2"]), int(m["b"] or m["b2"]))
            if m["a"] or m["a2"]
            else Named(int(m["d1"] or m["d2"] or m["d3"] or m["d4"]), month(m["m1"] or m["m2"] or m["m3"] or m["m4"]))
        ),
    ),
    # "the week of the 14th": a day of the month without its month, in its Monday–Sunday week.
    Rule(
        DATE,
        _c(
            rf"\b(?:week\s+of|w/c|week\s+commencing|week\s+beginning)\s+(?:the\s+)?(?P<d>[0-9]{{1,2}}){_ORD}\b(?!\s+(?:of\s+)?(?:{_M})\b)"
        ),
        lambda m: WeekOf(Named(int(m["d"]))),
    ),
    Rule(
        DATE,
        _c(rf"\b(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+(?:of|in)\s+(?P<month>{_M})\b"),
        lambda m: WeekOfMonth(ORDINALS[m["n"].lower()], month(m["month"])),
    ),
    # "March 14-18", "between March 14 and 18": a range in one month is its later day.
    Rule(
        DATE,
        _c(
            rf"\b(?P<month>{_M})\b\.?\s+(?P<d1>[0-9]{{1,2}}){_ORD}?\s*(?:-|–|—|to|and|or|through|thru)\s*"
            rf"(?P<day>[0-9]{{1,2}}){_ORD}?\b(?![:.][0-9]|\s*(?:am|pm|%)\b)"
        ),
        lambda m: Named(int(m["day"]), month(m["month"])),
    ),
    Rule(
        DATE,
        _c(rf"\b(?P<month>{_M})\b\.?\s+(?:the\s+)?(?P<day>[0-9]{{1,2}}){_ORD}?\b(?![:.][0-9]|\s*(?:am|pm|%)\b){_YEAR}"),
        lambda m: Named(int(m["day"]), month(m["month"]), _year(m)),
    ),
    Rule(
        DATE,
        _c(rf"\b(?:the\s+)?(?P<day>[0-9]{{1,2}}){_ORD}?(?:\s+of)?\s+(?P<month>{_M})\b\.?{_YEAR}"),
        lambda m: Named(int(m["day"]), month(m["month"]), _year(m)),
    ),
    # "Wed 12th", "Thursday 15th": an ordinal after a weekday is that day of the month.
    Rule(
        DATE,
        _c(rf"\b(?:{_WD})\.?,?\s+(?P<day>[0-9]{{1,2}}){_ORD}\b(?!\s+(?:of\s+)?(?:{_M})\b)"),
        lambda m: Named(int(m["day"])),
    ),
    # A bare ordinal is as often "the 2nd interview" as a day, so it needs a lead-in.
    Rule(
        DATE,
        _c(
            # "on 6th", "by 14th": the article is often left out after these.
            rf"(?:\b(?:by|on|before|until|till|around|from|after|for|between|and|or|to|{_WD})\.?,?\s+the"
            rf"|\b(?:by|on|before|until|till))\s+(?P<day>[0-9]{{1,2}}){_ORD}\b"
            rf"(?!\s+(?:of\s+)?(?:{_M})\b)"
            # "for the 2nd round", "after the 3rd interview": an ordinal of something else.
            r"(?!\s+(?:round|interview|stage|step|call|meeting|time|part|phase|candidate|one|floor|place|attempt|year|"
            r"week|quarter|half|panel|person|option|reference|offer)s?\b)"
        ),
        lambda m: Named(int(m["day"])),
    ),
    # 24/7 is a rhythm, not a date; 1/2 in "1/2 day" is a fraction.
    Rule(
        DATE,
        _c(
            r"(?<![0-9/.:])(?!24/7\b)(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})(?:/(?P<y>[0-9]{4}|[0-9]{2}))?(?![0-9/]|\s*(?:day|of)\b)"
        ),
        lambda m: Numeric(int(m["a"]), int(m["b"]), int(m["y"]) if m["y"] else None),
    ),
    # "12.06.", "12.6.2027": day first wherever it is written (German, French, Spanish mail alike).
    Rule(
        DATE,
        _c(r"(?<![0-9.])(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4}|[0-9]{2}(?![0-9]))?"),
        lambda m: Numeric(int(m["d"]), int(m["m"]), int(m["y"]) if m["y"] else None, day_first=True),
    ),
    Rule(
        PERIOD,
        _c(
            r"\b(?:(?P<part>early|mid|late|end\s+of|the\s+end\s+of|close\s+of|start\s+of|beginning\s+of)[\s-]*(?:in\s+)?)?q(?P<q>[1-4])\b(?:\s+(?P<year>20[0-9]{2}))?"
            r"|\b(?P<verb>before|by\s+the\s+time|until|till)\s+q(?P<q2>[1-4])\s+(?:closes|ends|is\s+over|wraps)\b"
        ),
        lambda m: QuarterPart(
            int(m["q"] or m["q2"]), part(m["part"]) if not m["verb"] else "end", _year(m) if m["q"] else None
        ),
    ),
    Rule(
        PERIOD,
        _c(r"\b(?P<n>first|second|third|fourth|last)\s+quarter\b"),
        lambda m: QuarterPart(ORDINALS[m["n"].lower()]),
    ),
    # "end of this quarter", "next quarter", "by quarter end", "EOQ": the message's own quarter or the next.
    Rule(
        PERIOD,
        _c(
            r"\b(?:(?P<part>early|mid|late|end\s+of|the\s+end\s+of|close\s+of|start\s+of|beginning\s+of)[\s-]*(?:in\s+)?)?"
            r"(?:this|the\s+current|(?P<next>next|the\s+next|the\s+coming|the\s+following))\s+quarter\b"
            r"|\b(?P<end>(?:the\s+)?end\s+of\s+the\s+quarter|quarter[\s-]end|eoq)\b"
        ),
        lambda m: QuarterPart(0, "end" if m["end"] else part(m["part"]), ahead=int(bool(m["next"]))),
    ),
    Rule(
        DATE,
        _c(r"\b(?:calendar\s+week|cw|kw)\s*(?P<n>[0-9]{1,2})\b"),
        lambda m: CalendarWeek(int(m["n"])),
    ),
    # Holidays of the user's country, by their English names (holidays.country_holidays, en_US).
    Rule(
        PERIOD,
        _c(
            r"\b(?P<rel>before|ahead\s+of|prior\s+to|after|following|once|by|for|over|on)\s+(?:the\s+)?"
            r"(?P<name>memorial\s+day|labou?r\s+day|thanksgiving|independence\s+day|july\s+4(?:th)?|(?:the\s+)?4th\s+of\s+july|fourth\s+of\s+july"
            r"|mlk\s+day|martin\s+luther\s+king(?:\s+jr\.?)?\s+day|presidents'?\s+day|juneteenth|columbus\s+day|veterans\s+day"
            r"|victoria\s+day|canada\s+day|civic\s+holiday|remembrance\s+day|boxing\s+day|st\.?\s+patrick'?s\s+day"
            r"|(?:the\s+)?fourth|paddy'?s\s+day|good\s+friday|easter(?:\s+monday)?|whit\s+monday|ascension(?:\s+day)?|australia\s+day|anzac\s+day"
            r"|(?:early\s+)?may\s+(?:day|bank\s+holiday)|(?:late\s+may|spring|summer|june|october)\s+bank\s+holiday|(?:august\s+)?bank\s+holiday)"
            r"(?:\s+(?P<weekend>(?:long\s+)?weekend)|\s+(?:bank\s+)?(?:holiday|break))?"
        ),
        lambda m: Holiday(
            _holiday_name(m["name"]),
            m["rel"].lower() in ("after", "following", "once"),
            on=m["rel"].lower() in ("for", "over", "on"),
            weekend=bool(m["weekend"]),
        ),
    ),
    Rule(
        PERIOD,
        _c(
            r"\b(?P<rel>before|ahead\s+of|prior\s+to|after|following|once|when|by)\s+(?:the\s+)?"
            r"(?:christmas|xmas|festive|winter|holiday|year[\s-]end)?\s*(?:break|holidays|holiday\s+(?:season|period|break)|shutdown)\b"
            r"(?:\s+(?:is|are)\s+over)?"
            r"|\b(?P<rel2>after|once|following)\s+(?:the\s+)?(?:new\s+year(?:'s)?|christmas(?:\s+and\s+new\s+year(?:'s)?)?|xmas)\b"
            r"|\bin\s+the\s+new\s+year\b|\bearly\s+(?:in\s+the\s+)?new\s+year\b"
            r"|\b(?P<rel3>before|b4|by|ahead\s+of)\s+(?:christmas|xmas)\b"
        ),
        # "Before Christmas" is before the break: the last business day before 24 December, a day
        # many take off (docs/dates.md).
        lambda m: Holiday(
            "christmas break",
            not m["rel3"] and not (m["rel"] and m["rel"].lower() in ("before", "ahead of", "prior to", "by")),
        ),
    ),
    # Holidays named without "Day", as India's, Singapore's or Malaysia's tables spell them: "post Diwali".
    Rule(
        PERIOD,
        _c(
            r"\b(?P<rel>before|ahead\s+of|prior\s+to|after|following|once|by|post|pre)[\s-]+(?:the\s+)?"
            r"(?P<name>diwali|deepavali|holi|dussehra|pongal|onam|eid(?:\s+al[\s-](?:fitr|adha))?|hari\s+raya(?:\s+\w+)?"
            r"|chinese\s+new\s+year|lunar\s+new\s+year|hanukkah|passover|rosh\s+hashanah|yom\s+kippur|vesak|songkran"
            r"|carnival|carnaval|matariki)\b(?:\s+(?P<weekend>(?:long\s+)?weekend)|\s+(?:holidays?|break))?"
        ),
        lambda m: Holiday(_festival(m["name"]), holiday_relation(m["rel"])[0], weekend=bool(m["weekend"])),
    ),
    # Any other public holiday of the user's country by its English name: "after Waitangi Day",
    # "before National Day" (looked up in the country's table; unknown names find nothing).
    Rule(
        PERIOD,
        re.compile(
            r"\b(?P<rel>[Bb]efore|[Aa]fter|[Ff]ollowing|[Oo]nce|[Bb]y)\s+(?:the\s+)?(?P<name>(?:[A-Z][\w'’.]+\s+){1,3}Day)\b"
        ),
        lambda m: Holiday(_holiday_name(m["name"]), m["rel"].lower() in ("after", "following", "once")),
    ),
    Rule(
        WEEK,
        # "Tuesday of the week after next", "the Tuesday after next".
        _c(rf"\b(?P<wd>{_WD})\.?\s+(?:of\s+)?the\s+week\s+after\s+next\b|\bthe\s+(?P<wd2>{_WD})\s+after\s+next\b"),
        lambda m: OnWeekday(weekday(m["wd"] or m["wd2"]), 2),
    ),
    Rule(
        WEEK,
        _c(
            rf"\bnext\s+(?P<a>{_WD})\b\.?|\b(?P<b>{_WD})\.?\s+(?:of\s+)?next\s+week\b"
            rf"|\bnext\s+week(?:'s)?\s+(?:on\s+)?(?P<c>{_WD})\b"
        ),
        lambda m: OnWeekday(weekday(m["a"] or m["b"] or m["c"]), 1),
    ),
    # "by Sat", "on Mon": the short names that are also words, only after a word that asks for a day.
    Rule(
        WEEK,
        _c(r"\b(?:by|on|before|until|till)\s+(?P<wd>mon|sat|sun)\b\.?(?!\s*[-–])"),
        lambda m: OnWeekday({"mon": 0, "sat": 5, "sun": 6}[m["wd"].lower()]),
    ),
    Rule(
        WEEK,
        # Not "last Friday", nor "Monday's call" (a day that was).
        _c(rf"(?<!last\s)(?<!since\s)(?<!previous\s)(?<!past\s)\b(?P<wd>{_WD})\b\.?(?!\s*[-–]\s*(?:{_WD})\b|['’]s\b)"),
        lambda m: OnWeekday(weekday(m["wd"])),
    ),
    Rule(
        WEEK,
        _c(
            r"\b(?:(?:by\s+)?(?:the\s+)?end\s+of\s+)?the\s+(?:following\s+)?week\s+after(?:\s+next)?\b(?!\s+(?:the|that|your|our))"
        ),
        lambda m: WeekPart(2),
    ),
    Rule(
        WEEK,
        _c(rf"\b(?:{_PART}[\s-]*(?:the\s+)?)?(?:next|following|coming)\s+week\b"),
        lambda m: WeekPart(1, part(m["part"])),
    ),
    Rule(
        WEEK,
        _c(
            r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:work(?:ing)?\s*)?week|(?:later\s+)?this\s+week|eow|e\.o\.w\.?"
            r"|(?:by|before)\s+(?:the|this)\s+weekend|by\s+week'?s\s+end|within\s+the\s+week)\b"
        ),
        lambda m: WeekPart(0),
    ),
    Rule(
        SPAN,
        _c(
            rf"\b(?P<qty>a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|several|{_NUM})"
            rf"(?:\s*(?P<sep>[-–—]|\bto\b|\bor\b)\s*(?P<hi>{_NUM}))?"
            rf"\s+(?P<biz>(?:more\s+)?(?:{_BIZ})\s+)?(?P<unit>hour|day|week|month|fortnight)s?(?:'|'s)?\b"
            r"(?:\s+or\s+(?:so|(?P<tail>[0-9]+|two|three|four)))?(?!\s+ago\b)"
        ),
        lambda m: _span_with_tail(m),
    ),
    Rule(SPAN, _c(r"\ba\s+fortnight\b"), lambda m: Span(14, "day")),
    # "over the next day or two", "in the coming days": estimates without a number, in working days
    # as "a day or two" and "a few days" are (docs/dates.md).
    Rule(
        SPAN,
        _c(r"\b(?:over|in|within|during)\s+the\s+(?:next|coming)\s+day\s+or\s+(?P<two>two|so)\b"),
        lambda m: Span(2, "business_day"),
    ),
    Rule(
        SPAN,
        _c(r"\b(?:over|in|within|during)\s+the\s+(?:coming|days\s+ahead)\s+days\b"),
        lambda m: Span(3, "business_day"),
    ),
    Rule(
        SPAN,
        _c(
            rf"\b(?:the\s+)?{_PART}[\s-]*(?:(?:(?P<which>next|this|the|the\s+following|the\s+coming)\s+)?month\b|(?P<month>{_M})\b){_YEAR}"
        ),
        lambda m: MonthPart(
            part(m["part"]),
            month(m["month"]) if m["month"] else None,
            int(bool(m["which"]) and m["which"].split()[-1].lower() in ("next", "following", "coming")),
            _year(m),
        ),
    ),
    Rule(
        SPAN,
        _c(r"\b(?:eom|e\.o\.m\.?|month[\s-]?end|(?:by\s+)?(?:the\s+)?month'?s\s+end|end\s+of\s+(?:the\s+)?month)\b"),
        lambda m: MonthPart("end"),
    ),
    Rule(
        SPAN,
        _c(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]?end|eoy)\b"),
        lambda m: YearEnd(),
    ),
    Rule(DAY, _c(r"\b(?:the\s+)?day\s+after\s+tomorrow\b"), lambda m: DaysLater(2)),
    Rule(DAY, _c(r"\b(?:tomorrow|tmrw|tmr|2moro)\b"), lambda m: DaysLater(1)),
    Rule(DAY, _c(r"\b(?:first\s+thing\s+)?in\s+the\s+morning\b"), lambda m: Morning()),
    # "at the end of the day" is an idiom, not a deadline.
    Rule(
        DAY,
        _c(
            r"\bto(?:day|night)\b|(?<!at\sthe\s)\bend\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day\b"
            r"|\bthis\s+arvo\b|\b(?:end|close)\s+of\s+(?:business|play)\b|\beod\b|\bcob\b|\beob\b|\blater\s+today\b|\bthis\s+(?:afternoon|evening)\b"
            # "later this morning": the same day ("this morning" alone is often the past).
            r"|\blater\s+(?:on\s+)?this\s+(?:morning|afternoon|evening)\b|\blater\s+on\s+today\b"
        ),
        lambda m: DaysLater(0),
    ),
)


def _after_break(relation: str | None) -> bool:
    return not (relation and relation.lower() in ("before", "ahead of", "prior to", "by"))


def _span_with_tail(m: re.Match[str]) -> Span:
    span = _span(m)
    if m["tail"]:
        count = max(span.count, number(m["tail"], NUMBERS))
        unit: Unit = "business_day" if span.unit in ("day", "business_day") else span.unit
        return Span(count, unit)
    return span


_HOLIDAY_NAMES = {
    "labour day": "labor day",
    "july 4": "independence day",
    "july 4th": "independence day",
    "4th of july": "independence day",
    "the 4th of july": "independence day",
    "fourth of july": "independence day",
    "mlk day": "martin luther king",
    "presidents day": "washington's birthday",
    "presidents' day": "washington's birthday",
    "ascension": "ascension day",
    "whit monday": "pentecost monday",
    "easter": "easter",
    "may day": "may day",
    "early may bank holiday": "may day",
    "may bank holiday": "may day",
    "spring bank holiday": "spring bank holiday",
    "summer bank holiday": "summer bank holiday",
    "late may bank holiday": "spring bank holiday",
    "june bank holiday": "june bank holiday",
    "october bank holiday": "october bank holiday",
    "august bank holiday": "august bank holiday",
    "bank holiday": "",  # the next public holiday, whichever it is
    "st patrick's day": "patrick",
    "st. patrick's day": "patrick",
    "st patricks day": "patrick",
    "thanksgiving": "thanksgiving",
    "the fourth": "independence day",
    "fourth": "independence day",
    "paddy's day": "patrick",
    "paddys day": "patrick",
}


def _festival(words: str) -> str:
    """A festival's name as the holidays package's English tables spell it ("Deepavali" is "Diwali")."""
    key = " ".join(words.lower().replace("-", " ").split())
    if key.startswith("hari raya"):
        return "eid al-fitr" if "haji" not in key else "eid al-adha"
    return {"deepavali": "diwali"}.get(key, key.replace("eid al ", "eid al-"))


def _holiday_name(words: str) -> str:
    key = " ".join(words.lower().split())
    if key.startswith("martin luther king"):
        return "martin luther king"
    return _HOLIDAY_NAMES.get(key, key)


def holiday_relation(word: str) -> tuple[bool, bool]:
    """(after, on) for a relation word in any language: "before", "nach", "après", "durante" …"""
    word = " ".join(word.lower().split())
    after = word in (
        "after",
        "following",
        "once",
        "post",
        "nach",
        "gleich nach",
        "après",
        "después de",
        "tras",
        "pasado",
        "pasadas",
        "pasada",
        "pasados",
    )
    on = word in ("for", "over", "on", "an", "über", "pendant", "durante", "en")
    return after, on
