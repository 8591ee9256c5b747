"""The trained reply model: the shipped file, deterministic training, invariants, a guard on unseen-author accuracy."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.mail.parse import parse_message
from followup.reading import classify as classify_module
from followup.reading import model as model_module
from followup.reading.classify import LABELS, classify, rule_verdict
from followup.reading.model import MODEL_FILE, VERSION, Model, RuleFacts, features, load_model, shipped
from followup.reading.quoting import strip_quoted

# The training code is not shipped: it lives beside scripts/train_classifier.py.
sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
from classifier_training import (
    DEVELOPMENT_SETS,
    Settings,
    cross_validate,
    dump,
    example_from_bytes,
    load_set,
    sets_hash,
    train,
)

MAIL = Path(__file__).parent / "data" / "mail"
SOURCE = Path(__file__).parent.parent / "src" / "followup" / "reading" / MODEL_FILE
MONDAY = "Mon, 16 Nov 2026 09:12:00 +0100"


def message(body: str, subject: str = "Re: interview", headers: str = "") -> bytes:
    return f"From: x@y.example\nSubject: {subject}\nDate: {MONDAY}\n{headers}\n{body}".encode()


def test_shipped_model_loads_and_matches_its_version() -> None:
    model = shipped()
    assert model is not None
    assert model.version == VERSION
    assert model.labels == LABELS
    assert 0 < model.temperature < 10
    assert set(model.scales) >= {"w", "b", "c", "s", "h", "r"}


def test_shipped_model_was_trained_on_the_labelled_sets_as_they_are() -> None:
    # A changed label or message makes this fail: retrain with scripts/train_classifier.py.
    model = shipped()
    assert model is not None
    trained_on = model.meta["sets"]
    assert set(DEVELOPMENT_SETS) <= set(trained_on)
    assert model.training_hash == sets_hash(MAIL, trained_on)


def test_model_file_is_compact_and_holds_only_weights_that_matter() -> None:
    assert SOURCE.stat().st_size < 2_000_000
    model = load_model(SOURCE.read_bytes())
    prune = float(model.meta["settings"]["prune"])
    for table in model.weights.values():
        for row in table.values():
            assert len(row) == len(LABELS)
            assert max(abs(w) for w in row) >= prune


SMALL = Settings(epochs=3)


def _small_model_digest() -> str:
    with open(MAIL / "dev" / "labels.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[::12]
    examples = [
        example_from_bytes(f"dev/{row['file']}", (MAIL / "dev" / row["file"]).read_bytes(), row["label"])
        for row in rows
    ]
    return hashlib.sha256(dump(train(examples, SMALL))).hexdigest()


def test_training_is_deterministic() -> None:
    # Same data, same bytes: twice in this process, and once in a process with another hash seed
    # (set iteration order differs there; features are sorted before training).
    first = _small_model_digest()
    assert _small_model_digest() == first
    code = "import test_classify_model as t; print(t._small_model_digest())"
    env = {
        **os.environ,
        "PYTHONHASHSEED": "12345",
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path]),
    }
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert other.stdout.strip() == first


def test_a_small_model_learns_its_training_data() -> None:
    examples = load_set(MAIL / "holdout")
    model = Model(train(examples, SMALL))
    right = sum(model.labels[_best(model.scores(e.groups))] == e.label for e in examples)
    assert right / len(examples) >= 0.9


def _best(scores: list[float]) -> int:
    return max(range(len(scores)), key=scores.__getitem__)


def test_without_a_model_file_the_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify_module, "shipped_model", lambda: None)
    raw = message("Unfortunately the process is taking longer than expected. We will decide by Friday.")
    result = classify(parse_message(raw))
    assert (result.label, result.confidence, result.evidence) == ("still_deciding", 0.79, "taking longer")


def test_the_model_reads_paraphrases_the_rules_miss() -> None:
    parsed = parse_message(message("Vielen Dank, wir haben uns entschieden, die Stelle intern zu besetzen."))
    assert rule_verdict(parsed, strip_quoted(parsed.text)).label == "other"
    result = classify(parsed)
    assert result.label == "rejection"
    assert result.evidence
    assert result.evidence in parsed.text


@pytest.mark.parametrize(
    ("body", "label"),
    [
        # A negated offer or invitation: the words after a negation are marked, so "offer you the
        # role" after "can't" is no offer (an unmarked bag of words read these as offers).
        ("We can't offer you the role.", "rejection"),
        ("We're not in a position to offer you the job.", "rejection"),
        ("We are unable to offer you a place on the programme.", "rejection"),
        ("We will not be inviting you to a second interview.", "rejection"),
        ("Leider können wir Ihnen die Stelle nicht anbieten.", "rejection"),
        ("Nous ne pouvons pas vous proposer le poste.", "rejection"),
        ("No podemos ofrecerte el puesto.", "rejection"),
        ("I'm not sure yet, but we should be able to offer you the role next week.", "offer"),
        ("No doubt about it: we'd love to offer you the job.", "offer"),
        ("Nothing has been decided yet, but we'd like to invite you to a final interview.", "next_round"),
    ],
)
def test_negation(body: str, label: str) -> None:
    assert classify(parse_message(message(body))).label == label


def test_a_header_still_decides() -> None:
    raw = message("Unfortunately we went with another candidate.", headers="Auto-Submitted: auto-replied\n")
    result = classify(parse_message(raw))
    assert (result.label, result.evidence) == ("auto_reply", "Auto-Submitted: auto-replied")


def _check(raw: bytes) -> None:
    parsed = parse_message(raw)
    result = classify(parsed)
    assert result.label in LABELS
    assert 0.0 <= result.confidence <= 1.0
    assert isinstance(result.evidence, str)
    body = strip_quoted(parsed.text)
    flat = " ".join(f"{parsed.subject} {body}".split())
    assert result.evidence.startswith(("Auto-Submitted", "X-Autoreply", "Precedence")) or result.evidence in flat
    model = shipped()
    assert model is not None
    probabilities = model.probabilities(features(parsed, body, RuleFacts("other", 0.2, {}, False)))
    assert len(probabilities) == len(LABELS)
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    assert abs(sum(probabilities) - 1.0) < 1e-9


@given(st.text(max_size=400), st.text(max_size=60))
def test_any_text_gives_a_valid_result(body: str, subject: str) -> None:
    _check(message(body, subject=subject.replace("\n", " ").replace("\r", " ")))


@given(st.binary(max_size=400))
def test_any_bytes_give_a_valid_result(raw: bytes) -> None:
    _check(b"From: a@b\nDate: Mon, 16 Nov 2026 09:00:00 +0000\n\n" + raw)
    _check(raw)


GUARDED = ("dev", "holdout", "blind", "blind2", "dev5")


@pytest.mark.slow
def test_leave_one_author_out_accuracy_does_not_fall_back() -> None:
    # Purged leave-one-author-out over the development sets (docs/classifier.md). Measured
    # 2026-11-23 over the first four: combined 0.969 with the rules' facts as they are (they were
    # tuned on every set), 0.948 with simulated unseen rules, 0.914 with the rules silenced; the
    # same four folds 2026-12-06, with dev5 in training: 0.983, 0.971, 0.917. The dev5 fold (its
    # mail about no outcome barely appears in the other sets): 0.962, 0.915 and 0.798 (the words
    # alone). Guards those figures minus about two points.
    # The five sets these figures were first measured on: folding all the development sets (ten
    # since 2026-12-06) takes a quarter of an hour, which scripts/train_classifier.py spends instead.
    sets = {name: load_set(MAIL / name) for name in GUARDED}
    cv = cross_validate(sets, Settings(), purged=True, text_model=False)

    def accuracy(kind: str, folds: tuple[str, ...]) -> float:
        pairs = [pair for fold in folds for pair in cv.pairs[fold][kind]]
        return sum(expected == got for expected, got in pairs) / len(pairs)

    first = ("dev", "holdout", "blind", "blind2")
    assert accuracy("combined", first) >= 0.95
    assert accuracy("unseen", first) >= 0.93
    assert accuracy("silenced", first) >= 0.895
    assert cv.accuracy("combined", "dev5") >= 0.94
    assert cv.accuracy("unseen", "dev5") >= 0.89
    assert cv.accuracy("silenced", "dev5") >= 0.77
    assert all(cv.accuracy("unseen", fold) >= 0.9 for fold in GUARDED)
    assert model_module.shipped() is not None
