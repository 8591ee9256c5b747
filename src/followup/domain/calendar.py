"""Business days and local wall-clock times, without reading the clock.

Public holidays come in as any container of dates (a set in tests, the
`holidays` package's lazily expanding calendar in the product), so this module
stays pure and cheap to import.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SATURDAY = 5


@dataclass(frozen=True)
class BusinessCalendar:
    timezone: ZoneInfo
    holidays: Container[date] = field(default_factory=frozenset)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and day not in self.holidays

    def on_or_after(self, day: date) -> date:
        """The first business day on or after `day`."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def first_after(self, day: date) -> date:
        """The first business day strictly after `day`."""
        return self.on_or_after(day + timedelta(days=1))

    def add_business_days(self, day: date, count: int) -> date:
        """`count` business days after `day` (the start itself does not count)."""
        if count < 0:
            raise ValueError("count must not be negative")
        for _ in range(count):
            day = self.first_after(day)
        return day

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.timezone).date()

    def at(self, day: date, clock: time) -> datetime:
        """`clock` on `day` in the user's zone, valid even on DST change days.

        A wall time skipped by a spring-forward change is moved past the gap;
        an ambiguous one in the autumn takes its first occurrence.
        """
        naive = datetime.combine(day, clock)
        local = naive.replace(tzinfo=self.timezone)
        # Round-tripping through UTC normalises times that do not exist locally.
        return local.astimezone(UTC).astimezone(self.timezone)

    def add_business_days_at(self, moment: datetime, count: int) -> datetime:
        """The same wall-clock time `count` business days after `moment`."""
        local = moment.astimezone(self.timezone)
        day = self.add_business_days(local.date(), count)
        return self.at(day, local.time().replace(tzinfo=None))

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.timezone)


def add_hours(moment: datetime, hours: float) -> datetime:
    """Elapsed-time arithmetic: 24 hours is 24 hours, even across DST."""
    return (moment.astimezone(UTC) + timedelta(hours=hours)).astimezone(moment.tzinfo)


def add_days(moment: datetime, days: int) -> datetime:
    """Calendar-day arithmetic: the same wall-clock time `days` later."""
    tz = moment.tzinfo
    naive = moment.replace(tzinfo=None) + timedelta(days=days)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
