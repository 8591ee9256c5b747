"""Quiet hours: the part of each night when followup must not ring the user.

Quiet hours are two wall-clock times in the user's own zone, e.g. 21:00 to 08:00
(they may wrap past midnight). The two ends themselves are not quiet: a reminder
may sound at 21:00 sharp or at 08:00 sharp, never in between.

A reminder that would sound inside them is moved to the nearest earlier moment
outside them, which is the moment they began: an alarm due at 04:00 sounds at
21:00 the evening before. Earlier rather than later, because a reminder exists so
that something is done in time (an interview abroad at 02:00 your time needs its
reminder before you go to bed, not after it is over).

Pure: the zone comes in as an argument, and nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

# The way back to a moment outside quiet hours is at most a day; this bounds the
# search in the rare zones whose clock jumps across the start of quiet hours.
_LONGEST_NIGHT = timedelta(hours=25)


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: time  # when the quiet begins, e.g. 21:00
    end: time  # when it ends, e.g. 08:00 (the next morning when earlier than `start`)

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("quiet hours need two different times of day")

    def __str__(self) -> str:
        """As the settings file writes it: '21:00-08:00'."""
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def holds(self, clock: time) -> bool:
        """Whether a wall-clock time is inside the quiet hours (both ends are not)."""
        clock = clock.replace(tzinfo=None)
        if self.start < self.end:
            return self.start < clock < self.end
        return clock > self.start or clock < self.end

    def is_quiet(self, moment: datetime, zone: tzinfo) -> bool:
        return self.holds(moment.astimezone(zone).time())

    def latest_allowed(self, moment: datetime, zone: tzinfo) -> datetime:
        """`moment` itself when it is outside the quiet hours, else the moment they began."""
        if not self.is_quiet(moment, zone):
            return moment
        local = moment.astimezone(zone)
        day = local.date()
        if self.start > self.end and local.time().replace(tzinfo=None) < self.end:
            day -= timedelta(days=1)  # after midnight: the quiet began the evening before
        naive = datetime.combine(day, self.start)
        # On the night the clock goes back the start is read twice: take the later one. On
        # the night it jumps over the start there is none; and when the clock changed between
        # the start and `moment`, it may have left the quiet hours and come back into them (going
        # back from 03:00 to 02:00 after they ended at 02:16). Then the minutes are walked instead.
        readings = {naive.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)}
        allowed = [r for r in readings if r <= moment and r.astimezone(zone).time() == self.start]
        if allowed:
            began = max(allowed).astimezone(zone)
            if began.utcoffset() == local.utcoffset():
                return began.astimezone(moment.tzinfo)
        return self._walk_back(moment, zone)

    def _walk_back(self, moment: datetime, zone: tzinfo) -> datetime:
        """The last whole minute before `moment` outside the quiet hours (a clock change in between)."""
        step = moment.astimezone(UTC).replace(second=0, microsecond=0)
        limit = step - _LONGEST_NIGHT
        while step > limit and self.is_quiet(step, zone):
            step -= timedelta(minutes=1)
        return step.astimezone(moment.tzinfo)


DEFAULT = QuietHours(time(21, 0), time(8, 0))


def parse(text: str) -> QuietHours:
    """'21:00-08:00' (an en dash or 'to' also do); ValueError when it is not two times of day."""
    cleaned = text.strip().replace("–", "-").replace(" to ", "-").replace(" ", "")
    first, _, second = cleaned.partition("-")
    return QuietHours(_clock(first), _clock(second))


def _clock(text: str) -> time:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and len(hours) <= 2):
        raise ValueError(f"not a time of day: {text!r}")
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(f"not a time of day: {text!r}")
    return time(int(hours), int(minutes))
