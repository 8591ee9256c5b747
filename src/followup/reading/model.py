"""A linear model over the author's words, trained on the labelled mail sets (see docs/classifier.md).

Features (`features`) come in groups, each group a set of strings whose values are
``scale / sqrt(size of the group)``, so a long message weighs no more than a short one:

- ``w`` word unigrams and ``b`` bigrams of the body (lower-cased, accents folded, every run
  of digits read as ``0``); the up to five words after a negation in the same clause are
  marked (``not able to offer`` → ``not ¬able ¬to ¬offer``), so that a negated offer or
  invitation does not read as one;
- ``c`` character 3–5-grams inside each word (``<word>`` padded; ``¬``-prefixed for a
  negated word), robust to inflections, typos and phrasings the sets never had;
- ``s`` subject words and bigrams;
- ``h`` header facts: Auto-Submitted, Precedence, X-Autoreply, List-Id, List-Unsubscribe, a
  no-reply, role (hr@, careers@), marketing or alert (newsletter@, alerts@) or personal sender,
  an applicant-tracking or job-board domain, an empty body, a question mark, the body's length;
- ``r`` the rule engine's own outputs: its label, that label with a confidence bucket, and
  every label one of its cues fired for (strong when it scores 3 or more).

The model (multinomial logistic regression, trained by scripts/classifier_training.py) is stored as
a gzip'd JSON file next to this module, with only the features whose weights survived
pruning. It is read once, on first use. Changing what `features` produces means retraining
(scripts/train_classifier.py) and bumping `VERSION`.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from followup.domain.text import strip_accents
from followup.reading.message import Message

MODEL_FILE = "model.json.gz"
FORMAT = 1
# The version of the shipped model; scripts/train_classifier.py writes it into the file.
VERSION = "2026.12-3"

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_DIGITS = re.compile(r"[0-9]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_ROLE_SENDER = re.compile(
    r"^(?:hr|jobs?|careers?|talent|recruit\w*|hiring|people|personal|rh|rrhh|empleo|bewerbung\w*|karriere|"
    r"candidates?|applications?|team|info|contact|kontakt)\b"
)
_NO_REPLY = re.compile(r"(?:no-?reply|do-?not-?reply|donotreply|ne-?pas-?repondre|nicht-?antworten|mailer-daemon)")
# Job boards and their mailers: alerts, "your application was viewed", profile tips.
_JOB_BOARD = re.compile(
    r"(?:linkedin|indeed|stepstone|xing|seek|dice|monster|glassdoor|ziprecruiter|totaljobs|reed|jobillico|apec|"
    r"wttj|welcometothejungle|hellowork|cadremploi|francetravail|pole-?emploi|jobteaser|infojobs|bumeran|occ|"
    r"computrabajo|jobboerse|arbeitsagentur|jobware|kununu|handshake|jobs?-?mail|jobalert)"
)
_MARKETING = re.compile(
    r"^(?:newsletters?|news|noticias|novedades|marketing|mailer|mailings?|promo\w*|campaigns?|digest|alerts?|alertes?|"
    r"alertas|notifications?|encuestas|survey)\b"
)
_ATS = re.compile(
    r"(?:greenhouse|lever|workday|myworkday|icims|smartrecruiters|personio|successfactors|taleo|ashby|jobvite|"
    r"teamtailor|recruitee|bamboohr|workable|softgarden|breezy|jazzhr|pinpoint|rippling|dvinci|join\.com|"
    r"talentsoft|cornerstone|oraclecloud|brassring)"
)


def feature_form(text: str) -> str:
    """Lower-case, accents stripped (é → e, ß → ss), typographic apostrophes straightened.

    The classifier's own fold, not the drafting checks' (drafting.checks.text.word_key): the stored
    model's weights are for exactly these strings, so it changes only with a retraining. It keeps
    apostrophes ("don't" is a word of its own here) and leaves ø, ł and æ as they are.
    """
    return strip_accents(text.lower().translate(_APOSTROPHES).replace("ß", "ss"))


def tokens(text: str) -> list[str]:
    """The words of `text`, folded, every run of digits read as 0."""
    return [_DIGITS.sub("0", token) for token in _TOKEN.findall(feature_form(text))]


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded token) for each word of `text`, positions in `text` itself."""
    folded = feature_form(text)
    if len(folded) == len(text):  # the usual case: folding kept every character in place
        return [(m.start(), m.end(), _DIGITS.sub("0", m[0])) for m in _TOKEN.finditer(folded)]
    # Folding changed the length (ß → ss, a ligature): fold word by word.
    spans = []
    for m in _TOKEN.finditer(text.translate(_APOSTROPHES)):
        parts = _TOKEN.findall(feature_form(m[0]))
        if parts:
            spans.append((m.start(), m.end(), _DIGITS.sub("0", "".join(parts))))
    return spans


NEGATED = "¬"
_NEGATION_REACH = 5
# English, German, French and Spanish words that negate what follows ("n't" endings too).
_NEGATORS = frozenset(
    {
        *("not", "no", "never", "cannot", "unable", "nor"),
        *("nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals"),
        *("pas", "ne", "jamais", "aucun", "aucune"),
        *("nunca", "tampoco", "ni"),
    }
)
_CLAUSE_END = re.compile(
    r"[.,;:!?()\[\]\"\n]|\s[-–—]\s|\b(?:but|however|though|although|aber|jedoch|mais|pero|sino)\b", re.IGNORECASE
)


def marked_spans(body: str) -> list[tuple[int, int, str]]:
    """`token_spans(body)`, with the up to five words after a negation in the same clause marked ¬."""
    spans = token_spans(body)
    ends = [m.start() for m in _CLAUSE_END.finditer(body)]
    marked = []
    left = 0
    boundary = 0  # index into ends of the next clause end
    for start, end, word in spans:
        while boundary < len(ends) and ends[boundary] < start:
            boundary += 1
            left = 0
        if word in _NEGATORS or word.endswith("n't"):
            left = _NEGATION_REACH
        elif left:
            word = NEGATED + word
            left -= 1
        marked.append((start, end, word))
    return marked


@dataclass(frozen=True, slots=True)
class RuleFacts:
    """What the rule engine said, as the model sees it."""

    label: str
    confidence: float
    totals: Mapping[str, float]  # label -> cue total, before dominance
    header: bool  # an auto-reply header decided


_GRAMS: dict[str, tuple[str, ...]] = {}


def word_grams(word: str) -> tuple[str, ...]:
    """The character 3–5-grams of `<word>` (each ¬-prefixed for a negated word), remembered."""
    grams = _GRAMS.get(word)
    if grams is None:
        if word.startswith(NEGATED):
            grams = tuple(NEGATED + gram for gram in word_grams(word[1:]))
        else:
            padded = f"<{word}>"
            size = len(padded)
            grams = tuple(padded[i : i + n] for n in range(3, min(5, size) + 1) for i in range(size - n + 1))
        if len(_GRAMS) > 50_000:
            _GRAMS.clear()
        _GRAMS[word] = grams
    return grams


def char_grams(words: Iterable[str]) -> set[str]:
    grams: set[str] = set()
    for word in set(words):
        grams.update(word_grams(word))
    return grams


def features(message: Message, body: str, rules: RuleFacts | None) -> dict[str, list[str]]:
    """The feature strings of one message, per group (see the module docstring), in no set order."""
    words = [word for _, _, word in marked_spans(body)]
    subject = tokens(message.subject)
    groups: dict[str, list[str]] = {
        "w": list(set(words)),
        "b": list({f"{a} {b}" for a, b in itertools.pairwise(words)}),
        "c": list(char_grams(words)),
        "s": list(set(subject) | {f"{a} {b}" for a, b in itertools.pairwise(subject)}),
        "h": header_facts(message, body),
    }
    if rules is not None:
        groups["r"] = rule_facts(rules)
    return groups


def header_facts(message: Message, body: str) -> list[str]:
    facts = []
    auto = (message.auto_submitted or "").strip().lower()
    if auto and auto != "no":
        facts.append("auto-submitted:" + auto.split(";")[0].strip()[:20])
    precedence = (message.precedence or "").strip().lower()
    if precedence:
        facts.append("precedence:" + precedence[:20])
    if message.x_autoreply:
        facts.append("x-autoreply")
    if message.list_id:
        facts.append("list-id")
    # Not every reader's message carries List-Unsubscribe (a pasted body has no headers at all).
    if getattr(message, "list_unsubscribe", None):
        facts.append("list-unsubscribe")
    local, _, domain = message.from_addr.partition("@")
    if _NO_REPLY.search(local):
        facts.append("from:no-reply")
    elif _ROLE_SENDER.match(local):
        facts.append("from:role")
    elif local:
        facts.append("from:person")
    if _ATS.search(domain):
        facts.append("from:ats")
    if _JOB_BOARD.search(domain):
        facts.append("from:job-board")
    if _MARKETING.match(local):
        facts.append("from:marketing")
    if not body.strip():
        facts.append("body:empty")
    elif "?" in body:
        facts.append("body:question")
    size = len(body)
    facts.append("body:short" if size < 200 else "body:medium" if size < 800 else "body:long")
    return facts


def rule_facts(rules: RuleFacts) -> list[str]:
    bucket = "high" if rules.confidence >= 0.75 else "mid" if rules.confidence >= 0.5 else "low"
    facts = [f"label:{rules.label}", f"label:{rules.label}:{bucket}"]
    if rules.header:
        facts.append("header")
    for label, total in rules.totals.items():
        if total > 0:
            facts.append(f"cue:{label}")
        if total >= 3:
            facts.append(f"strong:{label}")
    return sorted(facts)


class Model:
    """A trained linear model: per feature, one weight per label."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"model format {data.get('format')!r}, expected {FORMAT}")
        self.version = str(data["version"])
        self.training_hash = str(data["training_hash"])
        self.labels = tuple(str(label) for label in data["labels"])
        self.scales = {str(group): float(scale) for group, scale in data["scales"].items()}
        self.temperature = float(data["temperature"])
        self.bias = tuple(float(b) for b in data["bias"])
        # group -> feature -> one weight per label
        self.weights: dict[str, dict[str, tuple[float, ...]]] = {}
        for key, row in data["weights"].items():
            group, _, name = key.partition("|")
            self.weights.setdefault(group, {})[name] = tuple(row)
        if len(self.bias) != len(self.labels) or self.temperature <= 0:
            raise ValueError("model file: bias or temperature do not fit its labels")
        self.meta: dict[str, Any] = dict(data.get("meta", {}))

    def scores(self, groups: Mapping[str, list[str]]) -> list[float]:
        """Raw scores per label (before the temperature)."""
        totals = list(self.bias)
        for group, names in groups.items():
            scale = self.scales.get(group, 0.0)
            table = self.weights.get(group)
            if not names or not scale or not table:
                continue
            rows = [row for row in map(table.get, names) if row is not None]
            if rows:
                value = scale / math.sqrt(len(names))
                for i, column in enumerate(zip(*rows, strict=True)):
                    totals[i] += value * sum(column)
        return totals

    def probabilities(self, groups: Mapping[str, list[str]]) -> list[float]:
        scores = [s / self.temperature for s in self.scores(groups)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def evidence(self, body: str, groups: Mapping[str, list[str]], index: int, width: int = 4) -> str:
        """The run of up to `width` consecutive words of `body` whose features favour label `index` most.

        A word's pull is what its unigram, the bigrams it is part of and its character n-grams
        add to the label's score over the mean of the other labels.
        """
        spans = marked_spans(body)
        if not spans:
            return ""
        others = len(self.labels) - 1

        def pull(group: str, name: str, size: int) -> float:
            row = self.weights.get(group, {}).get(name)
            if row is None:
                return 0.0
            value = self.scales.get(group, 0.0) / math.sqrt(size)
            return value * (row[index] - (sum(row) - row[index]) / others)

        sizes = {group: max(1, len(groups.get(group, ()))) for group in "wbc"}
        words = [word for _, _, word in spans]
        per_word = [pull("w", word, sizes["w"]) for word in words]
        grams = {word: sum(pull("c", gram, sizes["c"]) for gram in word_grams(word)) for word in set(words)}
        for i, word in enumerate(words):
            per_word[i] += grams[word]
            if i + 1 < len(words):
                half = pull("b", f"{word} {words[i + 1]}", sizes["b"]) / 2
                per_word[i] += half
                per_word[i + 1] += half
        best_sum, best_range = -math.inf, (0, 0)
        for start in range(len(words)):
            total = 0.0
            for end in range(start, min(len(words), start + width)):
                total += per_word[end]
                if total > best_sum:
                    best_sum, best_range = total, (start, end)
        if best_sum <= 0:
            return ""
        start, end = best_range
        return " ".join(body[spans[start][0] : spans[end][1]].split())


def load_model(data: bytes) -> Model:
    return Model(json.loads(gzip.decompress(data)))


@cache
def shipped() -> Model | None:
    """The model shipped with the package, read once; None when the file is missing or unreadable
    (classification then falls back to the rules alone)."""
    try:
        return load_model(resources.files("followup.reading").joinpath(MODEL_FILE).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
