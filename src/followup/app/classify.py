"""What one employer reply means, read from its raw bytes, with no account and no database.

Behind `followup classify`: the message is parsed (`followup.mail.parse`) and read by
the classifier (`followup.reading.classify`). Kept apart from `followup.app.replies`,
which needs the store, so that reading one message loads only what reading needs.
"""

from __future__ import annotations

from datetime import date

from followup.mail.parse import parse_message
from followup.reading.classify import Classification, classify


def read_reply(raw: bytes, *, today: date) -> Classification:
    """The label of the message in `raw` (RFC 5322, or a pasted body), its promised date,
    confidence and evidence; `today` stands in for a missing Date header."""
    return classify(parse_message(raw), reference_date=today)
