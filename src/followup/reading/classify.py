"""What an employer's reply means: weighted phrase rules, combined with a trained linear model.

How it decides
--------------
The rules below give a verdict (`rule_verdict`). Unless an auto-reply header decided, the
trained model (`followup.reading.model`, docs/classifier.md) then reads the author's words
(word and character n-grams, subject, a few header facts) together with the rules' verdict
and cue totals, and its most probable label wins; its calibrated probability is the
confidence. The evidence is the rules' phrase when the model agrees with them, otherwise the
run of words that pushed the model hardest towards its label. Without a model file the
rules alone decide.

The rules:

1. Auto-reply headers decide first: ``Auto-Submitted: auto-replied``, ``X-Autoreply``/
   ``X-Autorespond`` or ``Precedence: auto_reply`` make the message an ``auto_reply``
   whatever the body says (a person's out-of-office repeats nothing of the thread).
   ``Auto-Submitted: auto-generated`` only adds weight: applicant tracking systems send
   their rejections and invitations with it.
2. The subject and the body, without quoted earlier messages and the signature
   (`strip_quoted`), are matched against weighted cue patterns per label in English,
   German, French and Spanish (``patterns_*.py``). Each pattern counts once. A positive
   cue (offer, next_round) right after a negation in the same clause ("we are not able
   to offer you the position") does not count; rejection rows spell out negated offer
   and progress verbs themselves ("we won't be offering you the role"). Beyond phrases,
   a question in one sentence with salary/notice/references/start/portfolio words is an
   info_request cue, and subject lines count like body text ("Interview invitation",
   "Abwesenheit", "Réponse automatique"). A role paused, on hold or frozen for a
   while is still_deciding; a role filled, withdrawn, cancelled, frozen indefinitely or
   gone to someone else is a rejection. A test the candidate already did, "shortlisted"
   alone, someone else's absence and congratulations on a job elsewhere are not read as
   next_round, auto_reply or offer (see docs/classifier.md).
3. Dominance, deliberate and in this order, where a label "is strong" when it scores 3
   or more:
   - a strong offer beats next_round, info_request and still_deciding: an offer that
     asks for references or mentions next steps is still an offer;
   - a strong rejection beats everything but offer: "may we keep your CV on file",
     "we received your application" or "we'd love to stay in touch" in a rejection
     do not change what it is;
   - a strong next_round beats info_request and still_deciding: "send your
     availability" or "we'll be in touch" around an invitation is logistics;
   - a strong out-of-office or receipt (auto_reply at 3.5 or more) beats
     still_deciding and info_request, whose phrases auto-replies repeat.
4. The highest remaining score wins; ties go to the label earlier in `LABELS`.
   Nothing matched: ``other`` with low confidence, which is also what mail in a
   language without patterns gets.

The rules' confidence grows with the winning score and with its margin over the runner-up;
their evidence is the text of the heaviest matched cue of the winning label.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from followup.domain.calendar import BusinessCalendar
from followup.domain.text import fold_like_ignorecase
from followup.reading import patterns_de, patterns_en, patterns_es, patterns_fr
from followup.reading.literals import needles
from followup.reading.message import Message
from followup.reading.model import RuleFacts, features
from followup.reading.model import shipped as shipped_model
from followup.reading.quoting import strip_quoted
from followup.reading.when import read_promise
from followup.reading.when.explain import reason

LABELS = ("rejection", "offer", "next_round", "info_request", "still_deciding", "auto_reply", "other")
STRONG = 3.0
# One weak cue ("good luck", "unfortunately") is not enough to call a message anything.
MINIMUM = 1.5
_POSITIVE = frozenset({"offer", "next_round"})
_NEGATION = re.compile(
    r"\b(?:not|no|never|unable|cannot|can't|won't|isn't|aren't|wasn't|weren't|didn't|don't|doesn't|couldn't|wouldn't|nicht|kein\w*|pas|ne|n'|jamais|nunca)\b"
    r"(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[.!?;,\n](?!.*[.!?;,\n])", re.DOTALL)
# Mail sent to a list or a campaign (a newsletter, a job board's alert, an event invitation to a
# talent pool) is about no application's outcome, whatever recruiting words it carries. A list's
# headers say so outright; Precedence: bulk alone less so: some autoresponders and tracking systems
# set it on one-to-one mail too.
SENT_TO_MANY = 3.0
BULK_PRECEDENCE = 1.5
_MASS_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_TOPICS_OF_MAIL_TO_MANY = ("next_round", "info_request", "still_deciding")
# "Re: Out of office" is a person answering the candidate's own auto-reply (autoresponders put
# their words first: "Automatic reply: Re: …"); the subject's "out of office" is not theirs.
_REPLY_TO_AUTO_REPLY = re.compile(
    r"^\s*(?:(?:re|aw|wg|sv|antw|rv|r)\s*:\s*)+(?:out\s+of\s+(?:the\s+)?office|automatic\s+reply|auto-?reply|"
    r"abwesenheit\w*|réponse\s+automatique|absent\w*|respuesta\s+automática|fuera\s+de\s+la\s+oficina)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Classification:
    label: str
    promised_by: date | None
    confidence: float  # 0..1
    evidence: str  # the phrase (or header) the label rests on
    promised_from: str = ""  # the words the promised day was read from, and why that day


@dataclass(frozen=True, slots=True)
class _Cue:
    label: str
    weight: float
    pattern: re.Pattern[str]
    needles: frozenset[str] | None  # one of these is in every match (literals.py); None: always run


_CUES = tuple(
    _Cue(label, weight, re.compile(pattern, re.IGNORECASE), needles(pattern))
    for module in (patterns_en, patterns_de, patterns_fr, patterns_es)
    for label, weight, pattern in module.PATTERNS
)
_UTC_CALENDAR = BusinessCalendar(ZoneInfo("UTC"), holidays=frozenset())


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 60) : start]
    clause = _CLAUSE_START.search(before)
    if clause:
        before = before[clause.end() :]
    return bool(_NEGATION.search(before))


def score(text: str) -> dict[str, tuple[float, float, str]]:
    """label -> (total weight, heaviest cue weight, that cue's text), for the labels that matched."""
    scores: dict[str, tuple[float, float, str]] = {}
    folded = fold_like_ignorecase(text)
    for cue in _CUES:
        if cue.needles is not None and not any(needle in folded for needle in cue.needles):
            continue  # a word every match needs is not there: most cues end here
        m = next((m for m in cue.pattern.finditer(text) if not _is_negated(cue, text, m)), None)
        if m is None:
            continue
        total, best, evidence = scores.get(cue.label, (0.0, 0.0, ""))
        if cue.weight > best:
            best, evidence = cue.weight, " ".join(m[0].split())
        scores[cue.label] = (total + cue.weight, best, evidence)
    return scores


def _is_negated(cue: _Cue, text: str, m: re.Match[str]) -> bool:
    return cue.label in _POSITIVE and _negated(text, m.start())


def _header_evidence(message: Message) -> str | None:
    auto = (message.auto_submitted or "").strip().lower()
    if auto.startswith("auto-replied"):
        return "Auto-Submitted: auto-replied"
    if message.x_autoreply:
        return "X-Autoreply"
    if (message.precedence or "").strip().lower() == "auto_reply":
        return "Precedence: auto_reply"
    return None


def sent_to_many(message: Message) -> str | None:
    """The header that shows `message` went to a list or a campaign, or None."""
    # Not every reader's message carries List-Unsubscribe (a pasted body has no headers at all).
    if getattr(message, "list_unsubscribe", None):
        return "List-Unsubscribe"
    if message.list_id:
        return "List-Id"
    precedence = (message.precedence or "").strip().lower()
    return f"Precedence: {precedence}" if precedence in _MASS_PRECEDENCE else None


def _apply_dominance(totals: dict[str, float], *, many: bool = False) -> None:
    def strong(label: str, at: float = STRONG) -> bool:
        return totals.get(label, 0.0) >= at

    def drop(*labels: str) -> None:
        for label in labels:
            totals.pop(label, None)

    if many and strong("other"):
        # Mail to many mentions interviews, questions and waiting ("tips for your next interview"):
        # below its own weight they are what it is about, not what it is.
        drop(*(label for label in _TOPICS_OF_MAIL_TO_MANY if totals.get(label, 0.0) <= totals["other"]))
    if strong("offer"):
        drop("next_round", "info_request", "still_deciding", "auto_reply")
    if strong("rejection"):
        # A newsletter's "after a rejection" tips are no rejection: mail to many keeps its other.
        drop("next_round", "info_request", "still_deciding", "auto_reply", *(() if many else ("other",)))
    if strong("next_round") and totals["next_round"] >= totals.get("still_deciding", 0.0):
        drop("info_request", "still_deciding", "auto_reply")
    if strong("auto_reply", 3.5):
        # "Thank you for applying" opens many a request too: a strong request keeps its chance.
        drop("still_deciding", *(() if strong("info_request") else ("info_request",)))


def _confidence(best: float, second: float) -> float:
    strength = 1.0 - math.exp(-best / 2.5)
    margin = (best - second) / best
    return round(min(0.99, strength * (0.55 + 0.45 * margin)), 2)


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """What the rules alone say, with the cue totals the model reads as features."""

    label: str
    confidence: float
    evidence: str
    totals: dict[str, float]  # label -> cue total before dominance (auto-generated header included)
    header: bool  # an auto-reply header decided


def rule_verdict(message: Message, body: str) -> RuleVerdict:
    """The rule engine's verdict on `message`, whose author's own words are `body`."""
    header = _header_evidence(message)
    subject = _REPLY_TO_AUTO_REPLY.sub("Re:", message.subject)
    scores = score(f"{subject}\n{body}")
    totals = {label: total for label, (total, _, _) in scores.items()}
    if (message.auto_submitted or "").strip().lower().startswith("auto-generated"):
        totals["auto_reply"] = totals.get("auto_reply", 0.0) + 1.0
    many = sent_to_many(message)
    weight = 0.0
    if many is not None:
        weight = BULK_PRECEDENCE if many.startswith("Precedence") else SENT_TO_MANY
        totals["other"] = totals.get("other", 0.0) + weight
    raw = dict(totals)
    if header is not None:
        return RuleVerdict("auto_reply", 0.95, header, raw, True)
    _apply_dominance(totals, many=many is not None)
    ranked = sorted(totals.items(), key=lambda item: (-item[1], LABELS.index(item[0])))
    if not ranked or ranked[0][1] < MINIMUM:
        return RuleVerdict("other", 0.2, "", raw, False)
    label, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if label in scores and not (label == "other" and many is not None and scores[label][1] < weight):
        evidence = scores[label][2]
    else:
        evidence = many if label == "other" and many is not None else "Auto-Submitted: auto-generated"
    return RuleVerdict(label, _confidence(best, second), evidence, raw, False)


def classify(
    message: Message,
    *,
    calendar: BusinessCalendar | None = None,
    reference_date: date | None = None,
    country: str | None = None,
) -> Classification:
    """The label of `message`; `reference_date` stands in for a missing Date header. `calendar`
    and `country` are the user's: their business days, holidays and way of writing dates."""
    calendar = calendar or _UTC_CALENDAR
    body = strip_quoted(message.text)
    verdict = rule_verdict(message, body)
    label, confidence, evidence = _combine(message, body, verdict)
    promised = None
    # "other" with nothing matched by the rules names no promise either.
    # A reply may promise a day (an offer's "paperwork tomorrow", an update's "news by Friday");
    # a rejection's days ("speak soon", "the role closed on Monday") promise nothing more.
    promised_from = ""
    if label != "rejection" and (label != "other" or verdict.evidence):
        # The writer's own moment: "by Friday" written on a Thursday evening in New York
        # means that Friday, whatever the reader's zone.
        written = message.date or reference_date
        found = read_promise(body, written, calendar, country=country) if written else None
        if found is not None and written is not None:
            promised = found.day
            day_written = written.date() if isinstance(written, datetime) else written
            promised_from = f"“{found.phrase}”: {reason(found.expression, found.day, day_written, found.phrase)}"
    return Classification(label, promised, confidence, evidence, promised_from)


# A verdict of two strong cues or more (see _combine).
SURE = 2 * STRONG


def decided_by_rules(verdict: RuleVerdict) -> bool:
    """Whether the rules' verdict stands without the model: an auto-reply header, or mail the rules
    found to be about no outcome on strong grounds (a list's headers with its footer, a recruiter's
    cold approach, an account notice). The labelled sets hold too few of the latter for the model
    to learn to trust them, and it read them by their recruiting words (rejections, invitations)."""
    return verdict.header or (verdict.label == "other" and verdict.totals.get("other", 0.0) >= STRONG)


def _combine(message: Message, body: str, verdict: RuleVerdict) -> tuple[str, float, str]:
    """(label, confidence, evidence): an auto-reply header or a strong "no outcome" decides, otherwise
    the model, which reads the rules' verdict and cue totals as features next to the words."""
    model = shipped_model()
    if decided_by_rules(verdict) or model is None:
        return verdict.label, verdict.confidence, verdict.evidence
    facts = RuleFacts(verdict.label, verdict.confidence, verdict.totals, verdict.header)
    groups = features(message, body, facts)
    probabilities = model.probabilities(groups)
    best = max(range(len(probabilities)), key=probabilities.__getitem__)
    label = model.labels[best]
    if label != verdict.label and not verdict.totals.get(label) and verdict.totals.get(verdict.label, 0.0) >= SURE:
        # Words alone do not overrule a sure verdict with a label the rules saw no cue for: a tracking
        # system's invitation reads like its rejections ("Dear applicant, thank you for applying"),
        # but "select an interview time" is no "no".
        best = model.labels.index(verdict.label)
        label = verdict.label
    confidence = round(min(0.99, probabilities[best]), 2)
    if label == verdict.label:
        return label, confidence, verdict.evidence
    return label, confidence, model.evidence(body, groups, best)
