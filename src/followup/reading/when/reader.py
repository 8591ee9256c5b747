"""Which day, if any, a reply or a note promises news by (docs/dates.md, "What counts as a promise").

A sentence counts when it speaks of news to come or of a return (a cue), or when the user
wrote it about what they were told; a day set for the candidate ("please send your references
by Friday"), a closure on its own, a negated promise and a day in the past count for nothing.
Within a sentence the most specific phrase wins; two joined as a range give the later end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from followup.domain.calendar import BusinessCalendar
from followup.reading.when import english, french, german, signals, spanish
from followup.reading.when.expressions import After, Context, Expression, Numeric, OnWeekday, resolve
from followup.reading.when.rules import Rule

_RULES: tuple[Rule, ...] = (*english.RULES, *german.RULES, *french.RULES, *spanish.RULES)

# Countries whose people write month/day (11/6 is 6 November); the writer's zone counts too,
# as a US recruiter writes 11/6 to a candidate in Berlin.
_MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW"})
_MONTH_FIRST_ZONES = re.compile(
    r"^(?:US/|Pacific/Honolulu|America/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise"
    r"|Indiana/|Kentucky/|North_Dakota/|Juneau|Sitka|Nome|Adak|Menominee|Metlakatla|Yakutat|Puerto_Rico"
    r"|Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Moncton|Glace_Bay|Whitehorse|Yellowknife"
    r"|Iqaluit|Swift_Current|Dawson_Creek|Fort_Nelson|Cambridge_Bay|Rankin_Inlet|Atikokan|Creston|Goose_Bay))"
    r"|^Canada/"
)


@dataclass(frozen=True, slots=True)
class Promise:
    day: date
    phrase: str  # the words the day was read from, as written
    expression: Expression


@dataclass(frozen=True, slots=True)
class _Found:
    tier: int
    start: int
    end: int
    expression: Expression
    phrase: str


def month_first(country: str | None, zone: str | None) -> bool:
    return (country or "").upper() in _MONTH_FIRST_COUNTRIES or bool(zone and _MONTH_FIRST_ZONES.match(zone))


def read_promise(
    text: str,
    written: datetime | date,
    calendar: BusinessCalendar,
    *,
    country: str | None = None,
    from_user: bool = False,
) -> Promise | None:
    """The day `text` promises news by, counted from when it was written (in its writer's zone).

    `from_user`: the user's own note about what they were told ("they said 7–10 business
    days"), which needs no cue such as "we will get back to you".
    """
    if isinstance(written, datetime):
        zone = getattr(written.tzinfo, "key", None)
        ref = written.date()
    else:
        zone, ref = None, written
    ctx = Context(ref, calendar, country, month_first(country, zone))
    text = signals.END_OF_DAY_BEFORE.sub("", text)
    sentences = signals.sentences(text)
    found = [_expressions(sentence) for sentence in sentences]
    ranked = [i for i, s in enumerate(sentences) if from_user or signals.CUE.search(s)]
    # News for the candidate first, then the employer's own process ("interviews wrap up
    # tomorrow"), then a return from leave ("back on Monday; decision by Friday").
    ranked.sort(key=lambda i: (signals.RETURN.search(sentences[i]) is not None, _process_only(sentences[i])))
    for strict in (True, False):
        for index in ranked:
            sentence = sentences[index]
            candidates = _eligible(sentence, found[index], strict, from_user)
            anchored = _anchored(sentence, found[index], found[index - 1] if index else [])
            if anchored is not None:
                candidates = [anchored]
            elif not strict and not found[index]:
                # "Checks take 3–5 business days; I'll update you once it clears": the day is
                # in the sentence next to the promise.
                for neighbour in (index - 1, index + 1):
                    if 0 <= neighbour < len(sentences) and not signals.PAST.search(sentences[neighbour]):
                        candidates = _eligible(sentences[neighbour], found[neighbour], False, True)
                        if candidates:
                            sentence = sentences[neighbour]
                            break
            promise = _best(candidates, sentence, ctx)
            if promise is not None:
                return promise
    return None


def _process_only(sentence: str) -> bool:
    cues = {m[0].lower() for m in signals.CUE.finditer(sentence)}
    return bool(signals.PROCESS_ONLY.search(sentence)) and cues <= {"decid", "decision", "decide"}


def _expressions(sentence: str) -> list[_Found]:
    found = []
    for rule in _RULES:
        for m in rule.pattern.finditer(sentence):
            try:
                expression = rule.build(m)
            except (KeyError, ValueError):  # a word outside the table, an impossible number
                continue
            found.append(_Found(rule.tier, m.start(), m.end(), expression, m[0].strip()))
    # Drop a phrase inside a longer one of the same or a higher tier ("14 December" holds "14").
    kept = [
        f
        for f in found
        if not any(
            o is not f and o.start <= f.start and f.end <= o.end and (o.end - o.start) > (f.end - f.start)
            for o in found
        )
    ]
    return sorted(kept, key=lambda f: f.start)


def _eligible(sentence: str, found: list[_Found], strict: bool, from_user: bool) -> list[_Found]:
    if not found:
        return []
    if signals.CLOSURE.search(sentence) and not signals.AFTER_CLOSURE.search(sentence):
        return []
    kept = []
    for f in found:
        clause_start, clause_end = signals.clause_around(sentence, f.start)
        clause = sentence[clause_start:clause_end]
        before = sentence[clause_start : f.start]
        if signals.FOR_YOU.search(before) or signals.FOR_YOU_AFTER.match(sentence[f.end : f.end + 40]):
            continue
        if signals.NEGATED_CUE.search(clause) or signals.THIRD_PERSON_AWAY.search(before):
            continue
        if signals.PAST.search(before) and not signals.CUE.search(sentence[f.end :]):
            continue
        if strict and not from_user and not signals.CUE.search(clause):
            continue
        if not strict and not from_user:
            first_cue = signals.CUE.search(sentence)
            if first_cue is None or (f.start < first_cue.start() and signals.PAST.search(sentence)):
                continue
        kept.append(f)
    return kept


def _anchored(sentence: str, found: list[_Found], previous: list[_Found]) -> _Found | None:
    """ "The committee meets on the 14th; expect a call the day after": counted from the 14th."""
    m = signals.DAY_AFTER.search(sentence)
    if m is None:
        return None
    earlier = [f for f in found if f.end <= m.start()] or previous
    if not earlier:
        return None
    anchor = max(earlier, key=lambda f: (f.tier, f.start))
    days, business = signals.days_after(m)
    week_end = bool(m["weekend"] or m["weekafter"])
    after = After(anchor.expression, days, business, week_end)
    return _Found(anchor.tier, m.start(), m.end(), after, f"{anchor.phrase} … {m[0]}")


def _best(candidates: list[_Found], sentence: str, ctx: Context) -> Promise | None:
    resolved: list[tuple[_Found, date]] = []
    for f in candidates:
        try:
            day = resolve(f.expression, ctx)
        except (ValueError, OverflowError):  # 31 June, 13/13, a holiday the country does not have
            continue
        if day >= ctx.written:
            resolved.append((f, day))
    if not resolved:
        return None
    resolved = [_agreeing(f, day, resolved, ctx) for f, day in resolved]
    best_tier = max(f.tier for f, _ in resolved)
    top = [(f, day) for f, day in resolved if f.tier == best_tier]
    chosen, day = top[0]
    # A range gives its later end: "Thursday or Friday", "between the 14th and the 18th".
    for f, later in top[1:]:
        gap = sentence[chosen.end : f.start]
        if signals.RANGE_JOIN.fullmatch(gap) and later > day:
            chosen, day = f, later
    # "next week, by Friday at the latest" — a more specific day in a lower tier never overrides.
    return Promise(day, chosen.phrase, chosen.expression)


def _agreeing(f: _Found, day: date, resolved: list[tuple[_Found, date]], ctx: Context) -> tuple[_Found, date]:
    """ "Mon 10/5": when a weekday sits beside a numeric date, the reading the weekday agrees with."""
    if not isinstance(f.expression, Numeric) or f.expression.day_first is not None:
        return f, day
    beside = [
        o.expression
        for o, _ in resolved
        if (isinstance(o.expression, OnWeekday) and abs(o.end - f.start) <= 3)
        or (isinstance(o.expression, OnWeekday) and 0 <= o.start - f.end <= 3)
    ]
    if len(beside) != 1 or not isinstance(beside[0], OnWeekday):
        return f, day
    for day_first in (True, False):
        other = replace(f.expression, day_first=day_first)
        try:
            other_day = resolve(other, ctx)
        except ValueError:
            continue
        if other_day.weekday() == beside[0].weekday and other_day.weekday() != day.weekday():
            return replace(f, expression=other), other_day
    return f, day
