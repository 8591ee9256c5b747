"""What one employer reply means, read from its raw bytes, with no account and no database.

Behind `followup classify`: the message is parsed (`followup.mail.parse`) and read by
the classifier (`followup.reading.classify`). Kept apart from `followup.app.replies`,
which needs the store, so that reading one message loads only what reading needs.
"""

from __future__ import annotations

from datetime import date

from followup.mail.parse import parse_message
from followup.reading.classify import Classification, classify


def read_reply(raw: bytes, *, today: date, config_path: str | None = None) -> Classification:
    """The label of the message in `raw` (RFC 5322, or a pasted body), its promised date,
    confidence and evidence; `today` stands in for a missing Date header. The user's settings,
    when there are any, give the business days and date order the promise is read with, as
    `mail sync` reads it; no database is opened."""
    import os

    from followup import config
    from followup.app.context import build_calendar, default_config_path

    path = config_path or os.environ.get("FOLLOWUP_CONFIG") or default_config_path()
    if not os.path.exists(path):
        return classify(parse_message(raw), reference_date=today)
    settings = config.load(path)
    calendar = build_calendar(settings, where=path)
    return classify(parse_message(raw), reference_date=today, calendar=calendar, country=settings.country)
