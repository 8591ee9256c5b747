"""The draft page's heading names the draft and whom it is for in the words of its kind."""

from __future__ import annotations

import pytest

from followup.app.drafts import draft_heading
from followup.drafting.model import DraftKind


@pytest.mark.parametrize(
    ("kind", "heading"),
    [
        (DraftKind.THANK_YOU_EMAIL, "Thank-you email to Ann Lee"),
        (DraftKind.THANK_YOU_LETTER, "Thank-you letter to Ann Lee"),
        (DraftKind.STATUS_CHECK_EMAIL, "Status check email to Ann Lee"),
        (DraftKind.CALL_SCRIPT, "Call script for your call with Ann Lee"),
        (DraftKind.VOICEMAIL_SCRIPT, "Voicemail message for Ann Lee"),
        (DraftKind.RECRUITER_DEBRIEF, "Call with Ann Lee, your recruiter"),
        (DraftKind.REFERENCE_HEADS_UP, "Note to Ann Lee, your reference"),
        (DraftKind.APPLICATION_CHECK_EMAIL, "Note to Ann Lee about your application"),
        (DraftKind.REJECTION_REPLY, "Reply to Ann Lee after the rejection"),
    ],
)
def test_heading_in_the_words_of_the_kind(kind: DraftKind, heading: str) -> None:
    assert draft_heading(kind, "Ann Lee") == heading


def test_no_one_named_no_one_in_the_heading() -> None:
    assert draft_heading(DraftKind.STATUS_CHECK_EMAIL, None) == "Status check email"
