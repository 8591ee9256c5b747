"""Which day, if any, a reply or a note promises news by (docs/dates.md, "What counts as a promise").

A sentence counts when it speaks of news to come or of a return (a cue), or when the user
wrote it about what they were told; a day set for the candidate ("please send your references
by Friday"), a closure on its own, a negated promise and a day in the past count for nothing.
Within a sentence the most specific phrase wins; two joined as a range give the later end.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache

from followup.domain.calendar import BusinessCalendar
from followup.domain.text import fold_like_ignorecase
from followup.reading.when import english, french, german, signals, spanish
from followup.reading.when.expressions import (
    After,
    Context,
    DaysLater,
    Expression,
    Holiday,
    MonthPart,
    OnWeekday,
    QuarterPart,
    Span,
    resolve,
)
from followup.reading.when.rules import Rule


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


_RULES: tuple[Rule, ...] = (*english.RULES, *german.RULES, *french.RULES, *spanish.RULES)
# A language's rules run only on text with some of its everyday words: most replies are in
# one language, and each table is some twenty regular expressions. English always runs, as
# its numbers, dates and shorthand turn up in every language's mail.
_LANGUAGES = tuple(
    # Each word with its accents and without: people type "dias habiles", "debut", "prochaine".
    (
        re.compile(
            r"\b(?:" + "|".join(sorted({*words, *map(_unaccented, words)}, key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        ),
        module.RULES,
    )
    for module, words in (
        (german, {*german.WEEKDAYS, *german.MONTHS, *german.EVERYDAY}),
        (french, {*french.WEEKDAYS, *french.MONTHS, *french.EVERYDAY}),
        (spanish, {*spanish.WEEKDAYS, *spanish.MONTHS, *spanish.EVERYDAY}),
    )
)

# Countries whose people write month/day (11/6 is 6 November); the writer's zone counts too,
# as a US recruiter writes 11/6 to a candidate in Berlin.
_MONTH_FIRST_COUNTRIES = frozenset({"US", "PH", "PR", "GU", "VI", "AS", "MP", "UM", "FM", "MH", "PW"})
_MONTH_FIRST_ZONES = re.compile(
    r"^(?:US/|Pacific/Honolulu|America/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise"
    r"|Indiana/|Kentucky/|North_Dakota/|Juneau|Sitka|Nome|Adak|Menominee|Metlakatla|Yakutat|Puerto_Rico"
    r"|Toronto|Montreal|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Moncton|Glace_Bay|Whitehorse|Yellowknife"
    r"|Iqaluit|Swift_Current|Dawson_Creek|Fort_Nelson|Cambridge_Bay|Rankin_Inlet|Atikokan|Creston|Goose_Bay))"
    r"|^Canada/"
)


# Weekday names of every language, for "the Monday after", "le mardi suivant", "el martes siguiente".
_WEEKDAYS = {**english.WEEKDAYS, **german.WEEKDAYS, **french.WEEKDAYS, **spanish.WEEKDAYS}


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
    # The user's calendar knows their country (the holidays package's table does); named
    # holidays and month-first dates follow it when no country is given.
    country = country or getattr(calendar.holidays, "country", None)
    if isinstance(written, datetime):
        zone = getattr(written.tzinfo, "key", None)
        ref = written.date()
    else:
        zone, ref = None, written
    # A Date header gives an offset, not a zone: English mail from the Americas writes month/day.
    american = zone is None and isinstance(written, datetime) and _american_offset(written) and not _foreign(text)
    hour = written.hour if isinstance(written, datetime) else None
    ctx = Context(ref, calendar, country, month_first(country, zone) or american, hour)
    text = signals.WEEK_SHORT.sub(r"week\2", signals.END_OF_DAY_BEFORE.sub("", text))
    sentences = signals.sentences(text)
    asked = signals.questions(text)
    rules = english.RULES + tuple(r for words, table in _LANGUAGES if words.search(text) for r in table)
    found = _Lazy(sentences, rules)
    ranked = [
        i
        for i, s in enumerate(sentences)
        if (from_user or signals.CUE.search(s)) and (s not in asked or signals.STRONG.search(s))
    ]
    # News for the candidate first, then the employer's own process ("interviews wrap up
    # tomorrow"), then a return from leave ("back on Monday; decision by Friday").
    # "Assessment day is 18-19 May; results within 10 days of the final day": the day of the
    # first sentence is what the promise in the next one counts from, not a promise of its own.
    counted_from = {i - 1 for i in ranked if i and _counts_from_previous(sentences[i], found[i])}
    ranked.sort(key=lambda i: (i in counted_from, *_rank(sentences[i], from_user)))
    back = _back_then(sentences, found, ranked, asked, ctx)
    if back is not None:
        return back
    for strict, borrow in ((True, False), (False, False), (False, True)):
        for index in ranked:
            sentence = sentences[index]
            candidates = _eligible(sentence, found[index], strict, from_user)
            anchored = _anchored(sentence, found[index], found[index - 1] if index else [])
            if anchored is not None and not _promised_elsewhere(sentence, anchored, found[index]):
                candidates = [anchored]
            elif borrow and not found[index]:
                # "Checks take 3–5 business days; I'll update you once it clears": the day is
                # in the sentence next to the promise.
                for neighbour in (index - 1, index + 1):
                    # Not a question next to it: "Are you free on Monday afternoon?" proposes, not promises.
                    if (
                        0 <= neighbour < len(sentences)
                        and not signals.PAST.search(sentences[neighbour])
                        and sentences[neighbour] not in asked
                    ):
                        candidates = _eligible(sentences[neighbour], found[neighbour], False, True)
                        if candidates:
                            sentence = sentences[neighbour]
                            break
            promise = _best(candidates, sentence, ctx)
            if promise is not None:
                return promise
    return None


def _back_then(sentences: list[str], found: _Lazy, ranked: list[int], asked: set[str], ctx: Context) -> Promise | None:
    """ "Frau Huber ist auf Urlaub und ab 7. Jänner wieder im Haus. Sie meldet sich dann bei Ihnen":
    a promise for the moment someone is back, with no day of its own, is the day they are back
    (docs/dates.md: when an absent person is back is a promise)."""
    for index in ranked:
        sentence = sentences[index]
        then = signals.THEN.search(sentence)
        # "am Tag danach bekommen Sie Feedback" counts a day from the other (`_anchored`).
        if then is None or sentence in asked or not signals.CUE.search(sentence) or _counting(sentence, found[index]):
            continue
        own = [f for f in found[index] if f.start < then.start()]
        if len(own) < len(found[index]):
            continue  # "… and then we'll call you on Friday": a day of its own
        where, days = (sentence[: then.start()], own) if own else (sentences[index - 1], found[index - 1])
        if not own and (index == 0 or sentences[index - 1] in asked):
            continue
        returns = list(signals.COMING_BACK.finditer(where))
        if own and not returns and signals.CUE.search(sentence, then.end()):
            # "Die Budgetplanung fürs Q2 steht bis Ende Q1, dann können wir Ihnen Bescheid geben":
            # news "then" is at the day named last before it.
            if (promise := _best([max(own, key=lambda f: f.end)], where, ctx)) is not None:
                return promise
            continue
        if not returns or not days:
            continue
        # "… back on Monday and will call you then; the decision comes by Friday": the decision wins
        # over a return (docs/dates.md), read by the passes after this one.
        if any(j not in (index, index - 1) and signals.DECISION.search(sentences[j]) and found[j] for j in ranked):
            return None
        r = returns[-1]
        nearest = min(days, key=lambda f: r.start() - f.end if f.end <= r.start() else f.start - r.end())
        if (promise := _best([nearest], where, ctx)) is not None:
            return promise
    return None


@lru_cache(maxsize=64)
def _day_after(sentence: str) -> re.Match[str] | None:
    """ "the day after", "within two weeks of that" in `sentence`: one of the longest patterns,
    asked for by each pass over the sentences, so searched once per sentence."""
    return signals.DAY_AFTER.search(sentence)


def _counts_from_previous(sentence: str, found: list[_Found]) -> bool:
    """Whether a promise in `sentence` counts from a day named in the sentence before it."""
    m = _counting(sentence, found)
    return m is not None and bool(signals.CUE.search(sentence)) and not any(f.end <= m.start for f in found)


def _american_offset(moment: datetime) -> bool:
    offset = moment.utcoffset()
    return offset is not None and -10 * 3600 <= offset.total_seconds() <= -3.5 * 3600


def _foreign(text: str) -> bool:
    return any(words.search(text) for words, _ in _LANGUAGES)


def _rank(sentence: str, from_user: bool) -> tuple[int, bool, bool]:
    """News first, then a return day, then an absence alone; the employer's process last within each."""
    cues = {m[0].lower() for m in signals.CUE.finditer(sentence)}
    if signals.RETURN.search(sentence) and not signals.DECISION.search(sentence):
        group = 1
    elif cues and all(signals.ABSENCE_ONLY.match(cue) for cue in cues) and not from_user:
        group = 2
    else:
        group = 0
    return group, not signals.STRONG.search(sentence), _process_only(sentence, cues)


def _process_only(sentence: str, cues: set[str]) -> bool:
    return bool(signals.PROCESS_ONLY.search(sentence)) and all(signals.PROCESS_CUE.match(cue) for cue in cues)


class _Lazy:
    """Each sentence's phrases, read the first time they are asked for: most are never asked."""

    def __init__(self, sentences: list[str], rules: tuple[Rule, ...]) -> None:
        self._sentences = sentences
        self._rules = rules
        self._read: dict[int, list[_Found]] = {}

    def __getitem__(self, index: int) -> list[_Found]:
        if index not in self._read:
            self._read[index] = _expressions(self._sentences[index], self._rules)
        return self._read[index]


def _expressions(sentence: str, rules: tuple[Rule, ...] = _RULES) -> list[_Found]:
    found: list[_Found] = []
    folded = fold_like_ignorecase(sentence)
    for rule in rules:
        if rule.needles is not None and not any(needle in folded for needle in rule.needles):
            continue
        for m in rule.pattern.finditer(sentence):
            try:
                expression = rule.build(m)
            except (KeyError, ValueError):  # a word outside the table, an impossible number
                continue
            found.append(_Found(rule.tier, m.start(), m.end(), expression, m[0].strip()))
    # Drop a phrase inside a longer one of the same or a higher tier ("14 December" holds "14").
    kept = [
        f
        for i, f in enumerate(found)
        if not any(
            o.start <= f.start
            and f.end <= o.end
            # A longer phrase holding this one, or the same words found by an earlier rule.
            and ((o.end - o.start) > (f.end - f.start) or ((o.start, o.end) == (f.start, f.end) and j < i))
            for j, o in enumerate(found)
        )
    ]
    return sorted(kept, key=lambda f: f.start)


def _eligible(sentence: str, found: list[_Found], strict: bool, from_user: bool) -> list[_Found]:
    if not found:
        return []
    closure = signals.CLOSURE.search(sentence)
    if closure is not None and signals.AFTER_CLOSURE.search(sentence):
        closure = None  # "… closed over the holidays, so expect news in the week of 4 January"
    # "Betriebsferien bis 5.1., sie melden sich am 7. Januar": a closure names no promise, but news
    # promised in a clause of its own after it still counts.
    closure_ends = signals.clause_around(sentence, closure.start())[1] if closure is not None else None
    if signals.OPENING_HOURS.search(sentence):
        return []
    kept = []
    for f in found:
        clause_start, clause_end = signals.clause_around(sentence, f.start)
        clause = sentence[clause_start:clause_end]
        if closure_ends is not None and (
            clause_start < closure_ends
            or all(signals.REOPENING.match(clause, m.start()) for m in signals.CUE.finditer(clause))
        ):
            continue
        before = sentence[clause_start : f.start]
        speaker = list(signals.SPEAKER_AGAIN.finditer(sentence, 0, f.start))
        # "(can you send details by tomorrow?) and they'll make a call Wednesday": a request in
        # brackets ends with them.
        scope = sentence[max(speaker[-1].start() if speaker else 0, sentence.rfind(")", 0, f.start) + 1) : f.start]
        if signals.FOR_YOU.search(scope) or signals.FOR_YOU_AFTER.match(sentence[f.end : f.end + 40]):
            continue
        if signals.ASKS_YOU.search(scope) and signals.VERB_AFTER.match(sentence[f.end :]):
            continue
        if (
            _negated(before)
            or _after_last(signals.THIRD_PERSON_AWAY, before)
            or _someone_away(clause, f.start - clause_start)
        ):
            continue
        if signals.CONDITION.search(before) or (
            (signals.APPOINTMENT.search(before) or _appointed(sentence, f.start))
            and not signals.BY_THEN.search(sentence, f.end)
        ):
            continue
        if clause_start > 0 and signals.CONDITION.search(sentence) and signals.HEDGE.search(clause):
            continue
        if signals.CONDITIONAL_CLAUSE.search(sentence, 0, f.start):
            continue
        if isinstance(f.expression, DaysLater) and f.expression.days == 0 and signals.DONE_THAT_DAY.search(sentence):
            continue
        if (
            _in_the_past(sentence[: f.start])
            or signals.PAST_RIGHT_AFTER.match(sentence[f.end : clause_end])
            or (signals.PAST_AFTER.match(sentence[f.end : clause_end]) and signals.HAVE_BEFORE.search(before))
        ):
            continue
        # A return day may stand in its own clause: "ab Montag, dem 3. August, bin ich wieder da".
        # "…after the new year, by 1/8": a clause that only goes on with a day counts with the one before.
        if signals.CONTINUES.match(clause) and clause_start > 0:
            clause = sentence[_clause(sentence, f.start)[0] : clause_end]
        if strict and not from_user and not signals.CUE.search(clause) and not signals.RETURN.search(sentence):
            continue
        if not strict and not from_user:
            first_cue = signals.CUE.search(sentence)
            if first_cue is None or (f.start < first_cue.start() and signals.PAST.search(sentence)):
                continue
        kept.append(f)
    return kept


def _clause(sentence: str, position: int) -> tuple[int, int]:
    """The clause around `position`, with the one before when it only goes on with a day
    ("I'll get back to you on Wednesday, no later than Thursday the 18th")."""
    start, end = signals.clause_around(sentence, position)
    if start > 0 and signals.CONTINUES.match(sentence[start:end]):
        start = signals.clause_around(sentence, start - 2)[0]
    return start, end


def _someone_away(clause: str, at: int) -> bool:
    """ "Unser Geschäftsführer ist diese Woche im Urlaub": someone else's absence, no promise. `at` is
    where the day stands in the clause: a day inside the words of the absence is the absence's."""
    away = signals.THIRD_PERSON_AWAY.search(clause)
    if away is None or signals.RETURN.search(clause):
        return False
    if away.start() <= at <= away.end():
        return True
    if signals.CUE.search(clause[away.end() :]):
        return False
    return not signals.AFTER_CLOSURE.search(clause[away.end() :])


def _negated(before: str) -> bool:
    """ "They won't decide before Friday": a negated promise governs the day after it, unless
    another promise comes between ("no decision yet and we will be in touch next week")."""
    negated = list(signals.NEGATED_CUE.finditer(before))
    return bool(negated) and not signals.CUE.search(before[negated[-1].end() :])


def _after_last(pattern: re.Pattern[str], before: str) -> bool:
    """Whether `pattern` governs the day after `before`: it matches there with no promise after it
    ("the manager is back on Monday" yes; "the manager is back on Monday and I'll answer Wednesday" no)."""
    found = list(pattern.finditer(before))
    if not found:
        return False
    between = (m[0] for m in signals.CUE.finditer(before[found[-1].end() :]))
    return all(signals.ABSENCE_ONLY.match(cue) for cue in between)


def _in_the_past(before: str) -> bool:
    """ "We spoke last Monday": a past word before the day, with no promise between them
    ("we spoke on Monday and they will decide Thursday" promises Thursday)."""
    past = list(signals.PAST.finditer(before))
    if not past:
        return False
    between = before[past[-1].end() :]
    # PAST's own "thanks for" / "thank you for", followed by what was done.
    if past[-1][0].lower().startswith("thank") and signals.GERUND.match(between):
        # "Thanks for sending the signed offer on Monday": what is thanked for was done, whatever
        # its words ("offer" is a cue elsewhere), unless a promise comes after it.
        return not signals.FUTURE.search(between)
    # "recibieron muchas candidaturas, me dirán algo antes de fin de mes": a future after the past.
    return (
        not signals.CUE.search(between) and not signals.REPORTED.search(between) and not signals.FUTURE.search(between)
    )


@dataclass(frozen=True, slots=True)
class _Counting:
    """Words that count a day from another one: where they stand and what they add."""

    start: int
    end: int
    words: str
    days: int = 0
    business: bool = False
    week_end: bool = False
    weekday: int | None = None
    span: Span | None = None
    fixed: bool = True  # one of DAY_AFTER's phrases (its holiday may stand inside it)


def _counting(sentence: str, found: list[_Found]) -> _Counting | None:
    """ "the day after", "within two weeks of that" (DAY_AFTER's phrases), else any span or weekday
    the sentence names with a word that counts it from another day, after it ("binnen einer Woche
    danach", "within a fortnight of applications closing", "am Montag darauf") or before it
    ("Danach gibt's Bescheid innert 3 Arbeitstagen"), whatever the noun in between."""
    m = _day_after(sentence)
    if m is not None:
        days, business = signals.days_after(m)
        named = signals.next_weekday(m)
        weekday = _WEEKDAYS[named.lower()] if named else None
        week_end = bool(m["weekend"] or m["weekafter"])
        return _Counting(m.start(), m.end(), m[0], days, business, week_end, weekday)
    for f in found:
        e = f.expression
        if isinstance(e, Span):
            after = signals.SPAN_FROM.match(sentence, f.end)
        elif isinstance(e, OnWeekday) and e.weeks_ahead is None:
            after = signals.WEEKDAY_FROM.match(sentence, f.end)
        else:
            continue
        before = (
            signals.FROM_THEN_BEFORE.search(sentence, 0, f.start) if after is None and isinstance(e, Span) else None
        )
        if after is not None:
            start, end = f.start, after.end()
        elif before is not None:
            start, end = before.start(), f.end
        else:
            continue
        words = sentence[start:end]
        if isinstance(e, Span):
            return _Counting(start, end, words, span=e, fixed=False)
        return _Counting(start, end, words, weekday=e.weekday, fixed=False)
    return None


def _anchored(sentence: str, found: list[_Found], previous: list[_Found]) -> _Found | None:
    """ "The committee meets on the 14th; expect a call the day after": counted from the 14th."""
    m = _counting(sentence, found)
    if m is None:
        return None
    # "have to complete it within 3 days of the email": a day for the candidate, counted from another.
    speaker = list(signals.SPEAKER_AGAIN.finditer(sentence, 0, m.start))
    if signals.FOR_YOU.search(sentence[speaker[-1].start() if speaker else 0 : m.start]):
        return None
    # The day counted from is named before ("meets on the 14th; a call the day after"), else
    # just after ("within two weeks of the closing date, which is 15 September").
    earlier = (
        [f for f in found if f.end <= m.start]
        or previous
        or [f for f in found if f.start >= m.end or (m.fixed and m.start <= f.start < m.end and _holiday(f))]
    )
    if not earlier:
        return None
    anchor = max(earlier, key=lambda f: (f.tier, f.start))
    anchor_expression = anchor.expression
    # "the Monday after Thanksgiving": counted from the holiday named right after the words.
    holiday = next((f for f in found if m.start <= f.start < m.end and isinstance(f.expression, Holiday)), None)
    if m.fixed and holiday is not None and isinstance(holiday.expression, Holiday):
        anchor, anchor_expression = holiday, replace(holiday.expression, after=False, on=True)
    elif m.weekday is not None and isinstance(anchor_expression, Holiday):
        # "until after the May bank holiday, so you'll hear the Tuesday after": the first Tuesday
        # after the holiday itself.
        anchor_expression = replace(anchor_expression, after=False, on=True)
    after = After(anchor_expression, m.days, m.business, m.week_end, m.weekday, m.span)
    return _Found(anchor.tier, m.start, m.end, after, f"{anchor.phrase} … {m.words}")


def _holiday(found: _Found) -> bool:
    return isinstance(found.expression, Holiday)


def _appointed(sentence: str, at: int) -> bool:
    """ "Your start date is confirmed as Monday 5 May": an appointment named just before the day, in
    a clause of its own ("as" ends a clause), with no promise between them."""
    made = list(signals.APPOINTMENT.finditer(sentence, 0, at))
    return bool(made) and at - made[-1].end() <= 12 and not signals.STRONG.search(sentence, made[-1].end(), at)


def _promised_elsewhere(sentence: str, anchored: _Found, found: list[_Found]) -> bool:
    """ "The committee meets the following week, and we'll be in touch the week of January 18":
    the day after a meeting is no promise when a later clause of the sentence names its own day
    with the promise."""
    clause_start, clause_end = signals.clause_around(sentence, anchored.start)
    if signals.CUE.search(sentence[clause_start:clause_end]):
        return False
    return any(
        f.start >= clause_end and signals.CUE.search(sentence[slice(*signals.clause_around(sentence, f.start))])
        for f in found
    )


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
    decision = signals.DECISION.search(sentence)
    if decision and signals.RETURN.search(sentence):
        # "Back on the 8th, but the decision comes by the 2nd": the decision (docs/dates.md).
        returning = signals.RETURN.search(sentence, decision.end())
        end = returning.start() if returning else len(sentence)
        resolved = [(f, d) for f, d in resolved if decision.start() <= f.start < end] or resolved
    if signals.RETURN.search(sentence):
        # "Out until the 21st; back on Monday the 24th": the return, not the last day away.
        back = [
            (f, day)
            for f, day in resolved
            if not signals.UNTIL_BEFORE.search(sentence[max(0, f.start - 40) : f.start])
            or signals.BACK_AFTER.match(sentence[f.end : f.end + 30])
        ]
        resolved = back or resolved
    # "in Q4 - early Q4 realistically": a period, then part of it, is the part (the more specific),
    # not a range and not two clauses.
    resolved = [
        (f, d)
        for f, d in resolved
        if not any(0 <= g.start - f.end <= 20 and _part_of(g.expression, f.expression) for g, _ in resolved)
    ]
    resolved = _promised_part(resolved, sentence)
    resolved = _cued_part(resolved, sentence)
    best_tier = max(f.tier for f, _ in resolved)
    top = [(f, day) for f, day in resolved if f.tier == best_tier]
    chosen, day = top[0]
    # A range gives its later end: "Thursday or Friday", "between the 14th and the 18th".
    for f, later in top[1:]:
        gap = sentence[chosen.end : f.start]
        # "Thursday or Friday" said on a Thursday: the Friday after, the end of the range as written.
        if signals.RANGE_JOIN.fullmatch(gap) and (later > day or isinstance(f.expression, OnWeekday)):
            chosen, day = f, later
    # "next week, by Friday at the latest" — a more specific day in a lower tier never overrides.
    return Promise(day, chosen.phrase, chosen.expression)


def _part_of(part: Expression, whole: Expression) -> bool:
    """ "early Q4" of "Q4", "early April" of "April": the same period, one part of it named."""
    if isinstance(part, QuarterPart) and isinstance(whole, QuarterPart):
        return (part.quarter, part.year, part.ahead) == (
            whole.quarter,
            whole.year,
            whole.ahead,
        ) and part.part != whole.part
    if isinstance(part, MonthPart) and isinstance(whole, MonthPart):
        return (part.month, part.year, part.months_ahead) == (whole.month, whole.year, whole.months_ahead) and (
            part.part != whole.part
        )
    return False


def _cued_part(resolved: list[tuple[_Found, date]], sentence: str) -> list[tuple[_Found, date]]:
    """ "We interview this week and expect a decision at the end of next week": of two days joined
    by "and", the one in the part with the news (the other is the employer's own plan)."""
    if len(resolved) < 2:
        return resolved
    cued, promised, news = [], [], []
    for f, day in resolved:
        start, end = _clause(sentence, f.start)
        joined = list(signals.JOINED.finditer(sentence, start, end))
        part_start = max([start, *(m.end() for m in joined if m.end() <= f.start)])
        part_end = min([end, *(m.start() for m in joined if m.start() >= f.end)])
        if signals.CUE.search(sentence, part_start, part_end):
            cued.append((f, day))
            # "Interviews run until 23 April and we anticipate confirming outcomes by the end of May",
            # "OOO until 9/8, decision by 9/11": a part whose only cue is an absence ("until") is the
            # employer's own calendar, beside the part with the news.
            # "interviews conclude this Friday and we expect to contact candidates late next week": nor
            # is a part whose only cues are the employer's own process ("conclude", "review").
            cues = [c[0] for c in signals.CUE.finditer(sentence, part_start, part_end)]
            if not all(signals.ABSENCE_ONLY.match(c) for c in cues) and not _process_only(
                sentence[part_start:part_end], {c.lower() for c in cues}
            ):
                news.append((f, day))
            # "Final interviews run until 7 November and we'll be in touch by 14 November": the
            # part with the promise to the candidate, over one whose cue is the employer's process.
            if signals.STRONG.search(sentence, part_start, part_end):
                promised.append((f, day))
    return promised or news or cued or resolved


def _promised_part(resolved: list[tuple[_Found, date]], sentence: str) -> list[tuple[_Found, date]]:
    """Within one sentence, the days in the clause that promises news to the candidate ("we meet
    on Thursday, so you'll hear from me by Friday"); among those, one right after the promise
    ("je reviens vers vous demain avec des créneaux pour la semaine prochaine") comes first."""
    strong = list(signals.STRONG.finditer(sentence))
    if not strong:
        return resolved
    in_clause = []
    for f, day in resolved:
        start, end = _clause(sentence, f.start)
        # "We'll review on Monday, then get back to you by Friday": the promise's verb may end in a
        # later clause than its subject.
        if any(start <= m.start() < end or start < m.end() <= end for m in strong):
            in_clause.append((f, day))
    kept = in_clause or resolved
    right_after = [(f, day) for f, day in kept if any(0 <= f.start - m.end() <= 12 for m in strong)]
    # With the phrase that goes on right after it: "am Mittwoch, 18.06.", "el viernes 16 de junio".
    for f, day in sorted(kept, key=lambda item: item[0].start):
        if (f, day) not in right_after and any(
            g.end <= f.start and signals.RANGE_JOIN.fullmatch(sentence[g.end : f.start]) for g, _ in right_after
        ):
            right_after.append((f, day))
    return right_after or kept
