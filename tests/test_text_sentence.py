"""A message made a sentence: a real first word is capitalised; an id, an address, a file name or a path is not."""

from __future__ import annotations

from typing import Any

import pytest

from followup.app import mail_account
from followup.domain.text import capitalised, sentence
from followup.errors import FollowupError, InvalidInput
from followup.mail.accounts import MailAccount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ue3p2is5tu is no longer skipped", "ue3p2is5tu is no longer skipped."),
        (
            "ann.lee@initech.example is not an email address we know",
            "ann.lee@initech.example is not an email address we know.",
        ),
        ("jobs.csv is not UTF-8 text", "jobs.csv is not UTF-8 text."),
        ("$.applications[0].status is not allowed", "$.applications[0].status is not allowed."),
        ("applications[2].email: not an address", "applications[2].email: not an address."),
        ("the file is empty", "The file is empty."),
        ("don't know that stage", "Don't know that stage."),
        ("e-mail and phone are both empty!", "E-mail and phone are both empty!"),
        ("  row 3: no company  ", "Row 3: no company."),
        ("überall", "Überall."),
        ("", ""),
    ],
)
def test_a_sentence_capitalises_only_a_real_first_word(text: str, expected: str) -> None:
    assert sentence(text) == expected


def test_a_place_in_a_file_is_capitalised_without_a_full_stop() -> None:
    assert capitalised("row 3, column “Email”") == "Row 3, column “Email”"
    assert capitalised("header (row 1)") == "Header (row 1)"
    assert capitalised("line 4") == "Line 4"
    assert capitalised("$.applications[0].status") == "$.applications[0].status"
    assert capitalised("ann@initech.example") == "ann@initech.example"


def _failing_with(monkeypatch: Any, error: Exception) -> mail_account.ConnectionReport:
    from followup.mail import imap

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(imap, "connect", refuse)
    account = MailAccount(name="work", email="ann.lee@initech.example", imap_host="imap.initech.example")
    return mail_account.try_connection(account, timeout=1)


def test_a_connection_test_keeps_an_address_that_starts_its_message(monkeypatch: Any) -> None:
    report = _failing_with(monkeypatch, FollowupError("ann.lee@initech.example was refused by imap.initech.example"))
    [step] = report.steps
    assert not step.ok
    assert step.message == "ann.lee@initech.example was refused by imap.initech.example."
    report = _failing_with(monkeypatch, InvalidInput("imap.initech.example did not answer", where="port 993"))
    assert report.steps[0].message == "imap.initech.example did not answer (port 993)."
    report = _failing_with(monkeypatch, FollowupError("the server closed the connection"))
    assert report.steps[0].message == "The server closed the connection."
