"""The reply classifier: labels per language, tricky cases, promised dates, and the labelled mail sets."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from followup.cli.classify import classify as classify_cmd
from followup.domain.calendar import BusinessCalendar
from followup.mail.parse import parse_message
from followup.reading.classify import classify
from followup.reading.when import read_promise

MAIL = Path(__file__).parent / "data" / "mail"
CAL = BusinessCalendar(ZoneInfo("UTC"), holidays=frozenset())
MONDAY = "Mon, 16 Nov 2026 09:12:00 +0100"


def message(body: str, subject: str = "Re: interview", headers: str = "") -> bytes:
    return f"From: x@y.example\nSubject: {subject}\nDate: {MONDAY}\n{headers}\n{body}".encode()


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("We loved meeting you! Unfortunately we have decided to move forward with other candidates.", "rejection"),
        ("Thank you so much. Sadly the position has been filled. May we keep your CV on file?", "rejection"),
        ("Leider haben wir uns für einen anderen Kandidaten entschieden.", "rejection"),
        ("Malheureusement, nous ne pouvons pas donner une suite favorable à votre candidature.", "rejection"),
        ("Lamentablemente hemos decidido continuar con otros candidatos.", "rejection"),
        ("We'd like to invite you to a second interview.", "next_round"),
        ("Please book a time here: https://calendly.com/acme/round2", "next_round"),
        ("We'd like to offer you the opportunity to interview with the team.", "next_round"),
        ("Gerne laden wir Sie zu einem zweiten Gespräch ein.", "next_round"),
        ("Nous souhaitons vous inviter à un second entretien.", "next_round"),
        ("Nos gustaría invitarte a una segunda entrevista.", "next_round"),
        ("We are delighted to offer you the position. Please send us two references.", "offer"),
        ("Wir freuen uns, Ihnen die Stelle anbieten zu können.", "offer"),
        ("Nous avons le plaisir de vous proposer le poste.", "offer"),
        ("Nos complace ofrecerte el puesto.", "offer"),
        ("We are not able to offer you the position.", "rejection"),
        ("Could you send us your salary expectations and notice period?", "info_request"),
        ("Könnten Sie uns bitte Ihre Zeugnisse zukommen lassen?", "info_request"),
        ("Pourriez-vous nous transmettre vos références ?", "info_request"),
        ("¿Podrías enviarnos tus referencias?", "info_request"),
        ("Unfortunately it is taking longer than expected; we haven't made a decision yet.", "still_deciding"),
        ("Wir haben noch keine Entscheidung getroffen.", "still_deciding"),
        ("Nous n'avons pas encore pris de décision.", "still_deciding"),
        ("Seguimos evaluando candidaturas.", "still_deciding"),
        ("I am out of the office until 30 November.", "auto_reply"),
        ("We have received your application and will review it.", "auto_reply"),
        ("Ich bin bis zum 3. Dezember nicht im Büro.", "auto_reply"),
        ("Je suis absent du bureau.", "auto_reply"),
        ("Estoy fuera de la oficina.", "auto_reply"),
        ("We won't be offering you the role, sorry.", "rejection"),
        ("Bad news, it's a no from them this time.", "rejection"),
        ("The job is yours if you want it!", "offer"),
        ("Could you come back in for a second conversation with the director?", "next_round"),
        ("How much notice do you need to give?", "info_request"),
        ("The role is paused while the budget is reviewed.", "still_deciding"),
        ("Thanks for applying! We've got your application and will be in touch if there's a match.", "auto_reply"),
        ("Wir bestätigen den Eingang Ihrer Bewerbung und melden uns bei Ihnen.", "auto_reply"),
        ("Le poste est à vous, bienvenue à bord !", "offer"),
        ("¿Cuál es tu expectativa salarial?", "info_request"),
        ("Your application will not be progressing to the next stage.", "rejection"),
        ("The panel didn't feel able to offer you the post this time round.", "rejection"),
        ("We ended up going with another designer; happy to share feedback on a call.", "rejection"),
        ("The role you interviewed for has been withdrawn, so we won't be hiring for it.", "rejection"),
        ("Wir möchten die Stelle mit einer Kandidatin besetzen, deren Profil näher kommt.", "rejection"),
        ("Malheureusement ils ne donnent pas suite, ils ont préféré un profil plus senior.", "rejection"),
        ("Hemos decidido continuar con otra persona cuyo perfil se ajusta mejor.", "rejection"),
        ("La vacante quedó congelada por tiempo indefinido, así que cerramos el proceso.", "rejection"),
        ("Good luck with the move!", "other"),
        ("Tack för ditt mejl, vi hörs.", "other"),  # Swedish: no patterns, honestly other
    ],
)
def test_labels(body: str, label: str) -> None:
    assert classify(parse_message(message(body))).label == label


def test_auto_reply_header_decides_and_is_the_evidence() -> None:
    result = classify(parse_message(message("Thanks for your note.", headers="Auto-Submitted: auto-replied\n")))
    assert (result.label, result.evidence) == ("auto_reply", "Auto-Submitted: auto-replied")


def test_quoted_text_is_ignored() -> None:
    quoted = "> Unfortunately we decided to move forward with another candidate"
    body = f"Thanks, got it.\n\nOn Mon, 9 Nov 2026 Alex wrote:\n{quoted}"
    assert classify(parse_message(message(body))).label == "other"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("We will decide by Friday.", date(2026, 11, 20)),
        ("You'll hear from us within 7–10 business days.", date(2026, 11, 30)),
        ("We expect to have news early next month.", date(2026, 12, 10)),
        ("I am back on Monday, November 30.", date(2026, 11, 30)),
        ("The interview was on Friday and it went well.", None),
        ("Wir melden uns bis Freitag.", date(2026, 11, 20)),
        ("Sie hören bis zum 5. Dezember von uns.", date(2026, 12, 5)),
        ("Wir melden uns in den nächsten zwei Wochen.", date(2026, 11, 30)),
        ("Nous reviendrons vers vous d'ici vendredi.", date(2026, 11, 20)),
        ("Nous vous informerons d'ici la fin de la semaine.", date(2026, 11, 20)),
        ("Je suis de retour le 3 janvier.", date(2027, 1, 3)),
        ("Te daremos una respuesta antes del viernes.", date(2026, 11, 20)),
        ("Nos pondremos en contacto la próxima semana.", date(2026, 11, 27)),
        ("Estaré de vuelta el 5 de diciembre.", date(2026, 12, 5)),
        ("Ich bin ab dem 3. Januar wieder zurück.", date(2027, 1, 3)),
    ],
)
def test_promised_dates(body: str, expected: date | None) -> None:
    found = read_promise(body, date(2026, 11, 16), CAL)
    assert (found.day if found else None) == expected


def test_promised_date_is_relative_to_the_message_date() -> None:
    raw = message("Unfortunately this is taking longer than expected. We will decide by Friday.")
    assert classify(parse_message(raw)).promised_by == date(2026, 11, 20)
    later = raw.replace(MONDAY.encode(), b"Fri, 20 Nov 2026 09:00:00 +0100")
    assert classify(parse_message(later)).promised_by == date(2026, 11, 27)


@given(st.text(max_size=300))
def test_never_raises_on_text(text: str) -> None:
    result = classify(parse_message(text.encode("utf-8", "replace")))
    assert 0.0 <= result.confidence <= 1.0


@given(st.binary(max_size=300))
def test_never_raises_on_bytes(raw: bytes) -> None:
    result = classify(parse_message(b"From: a@b\nDate: Mon, 16 Nov 2026 09:00:00 +0000\n\n" + raw))
    assert 0.0 <= result.confidence <= 1.0


def _accuracy(folder: str) -> tuple[float, float]:
    with open(MAIL / folder / "labels.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = dates = dated = 0
    for row in rows:
        result = classify(parse_message((MAIL / folder / row["file"]).read_bytes()))
        labels += result.label == row["label"]
        if row["promised_by"]:
            dated += 1
            dates += bool(result.promised_by) and str(result.promised_by) == row["promised_by"]
    return labels / len(rows), dates / dated


def test_dev_holdout_and_blind_sets() -> None:
    # All four sets are development data: the rules were revised on the misses of the holdout,
    # of the blind set (0.81 before that revision) and of blind2 (0.84, rejection recall 0.28,
    # before its revision), and the trained model (followup.reading.model) was designed by leaving
    # one of them out at a time (tests/test_classify_model.py) and is trained on all of them.
    folders = ("dev", "holdout", "blind", "blind2")
    results = {folder: _accuracy(folder) for folder in folders}
    counts = {folder: _count(folder) for folder in folders}
    total = sum(results[f][0] * counts[f] for f in folders) / sum(counts.values())
    assert total >= 0.95
    for folder in folders:
        assert results[folder][1] >= 0.9, folder


def test_dev5_mail_about_no_outcome_and_its_look_alikes() -> None:
    # tests/data/mail/dev5: 213 messages by a sixth author (80 about no outcome: newsletters, job
    # alerts, job boards' notices, cold approaches; with look-alike receipts and invitations,
    # requests and out-of-offices, freezes and rejections). Scored once before any change: 0.779
    # (rules alone 0.836, other recall 0.50). The rules were then revised on it and the shipped
    # model is trained on it: 1.000 (213/213), dates 54/54. Guards that, less two messages.
    accuracy, dates = _accuracy("dev5")
    assert accuracy >= 0.99
    assert dates >= 0.98


def test_blind3_never_tuned_on() -> None:
    # tests/data/mail/blind3: 80 messages by a fourth author who never saw the rules or the other
    # sets; neither the rules nor the model's design were ever revised on it. Scored once, by the
    # rules alone 0.79 (dates 11/15), then once by the rules with the model trained on the four
    # development sets: 0.95 (76/80), dates 12/15. The shipped model is trained on blind3 too, so
    # this now guards against falling back; tests/data/mail/blind4 is the next unseen set.
    accuracy, dates = _accuracy("blind3")
    assert accuracy >= 0.95
    assert dates >= 0.8


def test_blind4_never_tuned_on() -> None:
    # tests/data/mail/blind4: 160 messages by a fifth author who never saw the rules, the model
    # or the other sets, written after the model was shipped and scored once with it: 0.925
    # (rules alone 0.831). Guards against falling back; training on it spends it.
    accuracy, dates = _accuracy("blind4")
    assert accuracy >= 0.92
    assert dates >= 0.75


def _count(folder: str) -> int:
    with open(MAIL / folder / "labels.csv", newline="", encoding="utf-8") as handle:
        return len(list(csv.DictReader(handle)))


def test_cli_json_exact_output(tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_bytes(message("Unfortunately the process is taking longer than expected. We will decide by Friday."))
    result = CliRunner().invoke(classify_cmd, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == json.dumps(
            {
                "label": "still_deciding",
                "promised_by": "2026-11-20",
                "confidence": 0.99,
                "evidence": "taking longer",
                "promised_from": "“Friday”: the first Friday after Mon 16 Nov",
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def test_cli_reads_stdin_as_plain_text_and_prints_pretty() -> None:
    result = CliRunner().invoke(
        classify_cmd, ["-", "--now", "2026-11-16T10:00:00+01:00"], input=b"Thanks, will get back to you next week"
    )
    assert result.exit_code == 0, result.output
    assert "still deciding" in result.output
    assert "27 Nov 2026" in result.output


def test_cli_unreadable_file_names_it(tmp_path: Path) -> None:
    from followup.errors import InvalidInput

    result = CliRunner().invoke(classify_cmd, [str(tmp_path / "missing.eml")])
    assert isinstance(result.exception, InvalidInput)
    assert "missing.eml" in str(result.exception)
