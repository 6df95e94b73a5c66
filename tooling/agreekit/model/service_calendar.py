"""The service-hours calendar: which minutes count as business time, public holidays included.

`holidays` takes about 65 ms to import, so it is imported only when a holiday is looked up, never
by `agreekit check` on an agreement whose checks need no dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from agreekit import zones
from agreekit.model.duration import Duration
from agreekit.model.section_data import ServiceHours

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _clock(text: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        return None


def calendar_problems(hours: ServiceHours) -> list[tuple[str, str]]:
    """What makes the calendar unusable, as (field, message) pairs; empty when it is sound."""
    problems: list[tuple[str, str]] = []
    zone_problem = zones.zone_problem(hours.timezone)
    if zone_problem:
        problems.append(("timezone", zone_problem))
    unknown = [day for day in hours.days if day.lower() not in DAYS]
    if unknown or not hours.days:
        problems.append(
            ("days", f"service days must be among {', '.join(DAYS)} (got {hours.days or 'none'})")
        )
    start, end = _clock(hours.start), _clock(hours.end)
    if start is None or end is None:
        problems.append(("start", "start and end must be times of day such as 08:00 and 18:00"))
    elif start >= end:
        problems.append(
            ("end", f"service hours end ({hours.end}) before they start ({hours.start})")
        )
    return problems


def business_day_minutes(hours: ServiceHours) -> int:
    """Length of one business day: a target of `1 business day` is this many business minutes."""
    start, end = _clock(hours.start), _clock(hours.end)
    if start is None or end is None or start >= end:
        return 0
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


@dataclass(frozen=True)
class BusinessCalendar:
    hours: ServiceHours
    _holiday_cache: dict[int, Any] = field(default_factory=dict, compare=False)

    @cached_property
    def zone(self) -> ZoneInfo:
        return zones.zone(self.hours.timezone)

    @cached_property
    def weekdays(self) -> frozenset[int]:
        return frozenset(DAYS.index(day.lower()) for day in self.hours.days)

    def is_holiday(self, day: dt.date) -> bool:
        if self.hours.holidays is None:
            return False
        if day.year not in self._holiday_cache:
            import holidays  # slow to import: only when a date is looked up

            self._holiday_cache[day.year] = holidays.country_holidays(
                self.hours.holidays.country,
                subdiv=self.hours.holidays.subdivision or None,
                years=day.year,
            )
        return day in self._holiday_cache[day.year]

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and not self.is_holiday(day)

    def _bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(day, dt.time.fromisoformat(self.hours.start), self.zone)
        end = dt.datetime.combine(day, dt.time.fromisoformat(self.hours.end), self.zone)
        return start, end

    def add(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """When a target of `duration` that starts at `start` (time-zone aware) falls due.

        Calendar durations are plain elapsed time. Business durations run only inside service
        hours on business days, so a 4-hour target logged at 17:00 on a Friday falls due on the
        next business day.
        """
        if not duration.business:
            return start + dt.timedelta(minutes=duration.minutes())
        remaining = dt.timedelta(minutes=duration.minutes(business_day_minutes(self.hours)))
        moment = start.astimezone(self.zone)
        day = moment.date()
        for _ in range(3660):  # ten years of days: a bound, so a bad calendar cannot loop forever
            if self.is_business_day(day):
                open_at, close_at = self._bounds(day)
                begin = max(moment, open_at)
                if begin < close_at:
                    if begin + remaining <= close_at:
                        return begin + remaining
                    remaining -= close_at - begin
            day += dt.timedelta(days=1)
        raise ValueError("no business time in ten years: check the service days and holidays")
