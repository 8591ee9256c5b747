"""An interview's time as it was agreed: on the clock of the place it was set in.

An interview is stored as an instant together with the zone it was entered in, and it
is shown at that zone's wall time. So changing one's own time zone later (a move, a
trip, a wrong guess put right) never moves what was agreed: 14:00 stays 14:00. When
the user's own clock says something else at that instant, that is shown beside it:
"14:00 Berlin time (13:00 your time)". Two zones whose clocks agree at that moment
(Paris and Berlin) show the time once.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from followup.domain.labels import short_day
from followup.domain.model import Interview


def place(zone: str) -> str:
    """'Berlin' for Europe/Berlin, 'New York' for America/New_York, 'UTC' for UTC."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_name(moment: datetime) -> str:
    """The IANA name of the zone `moment` is in ('' when it has a bare offset)."""
    zone = moment.tzinfo
    return zone.key if isinstance(zone, ZoneInfo) else ""


def on_your_clock(moment: datetime, yours: tzinfo) -> datetime | None:
    """`moment` on the user's clock when that reads differently from the moment's own; else None."""
    mine = moment.astimezone(yours)
    if mine.replace(tzinfo=None) == moment.replace(tzinfo=None):
        return None
    return mine


def beside(moment: datetime, yours: tzinfo) -> str:
    """What follows the time of `moment` (in its own zone) when the user's clock differs:
    ' Berlin time (13:00 your time)', or with the day when that differs too
    ' Tokyo time (Mon 9 Nov 17:00 your time)'; '' when both clocks agree."""
    mine = on_your_clock(moment, yours)
    if mine is None:
        return ""
    name = zone_name(moment)
    where = place(name) if name else moment.strftime("%Z")
    label = where if where.startswith(("UTC", "GMT", "+", "-")) else f"{where} time"
    day = "" if mine.date() == moment.date() else f"{short_day(mine)} "
    return f" {label} ({day}{mine:%H:%M} your time)"


def agreed_time(interview: Interview) -> datetime:
    """The interview's start on the clock of the zone it was entered in."""
    try:
        return interview.starts_at.astimezone(ZoneInfo(interview.timezone))
    except (ValueError, KeyError):  # a zone this computer does not know: the instant as stored
        return interview.starts_at
