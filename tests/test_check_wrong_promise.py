"""A draft must not tell the employer a date they never gave. Reproduces the issue's case: the
interviewer promised news by Friday (20 November); a later request set the candidate a deadline
of 27 November; a status check that says "you hoped to decide by 27 November" is an error, one
that says 20 November passes."""

from __future__ import annotations

import json

import pytest

from test_cli_drafts import AFTER, interviewed  # noqa: F401  (the fixture is used by name)

STATUS_CHECK = (
    "Subject: Data Analyst interview on 18 November: any update?\n\n"
    "Dear Jürgen,\n\nThank you again for the interview for the Data Analyst role on 18 November. "
    "You mentioned you hoped to decide by {day}. Could you let me know if there is an update?\n\n"
    "Kind regards,\nZoë O'Brien\n+49 170 1234567\nzoe@example.org\n"
)


@pytest.mark.parametrize(("day", "wrong"), [("27 November", True), ("20 November", False)])
def test_a_date_put_in_their_mouth_is_compared_with_their_promise(interviewed, tmp_path, day, wrong):  # noqa: F811
    path = tmp_path / "status.txt"
    path.write_text(STATUS_CHECK.format(day=day), encoding="utf-8")
    later = "2026-11-30T10:00:00+01:00"
    result = interviewed("check", str(path), "--app", "1", "--kind", "status_check_email", "--json", now=later)
    found = {c["id"]: c for c in json.loads(result.output)}
    assert ("wrong-promise" in found) is wrong
    if wrong:
        assert "Friday 20 November" in found["wrong-promise"]["message"]
