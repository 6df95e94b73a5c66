"""The slow, obviously correct report: every minute looked at one by one, every ticket by itself.

Nothing here shares code with agreekit.service_report: the calendar is read from the agreement's
plain values and the `holidays` package directly, and each minute of a ticket's life is asked
"is this a service minute?" in its own local time.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays

MINUTE = dt.timedelta(minutes=1)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Calendar(NamedTuple):
    timezone: str
    days: tuple[str, ...]
    start: str  # HH:MM
    end: str
    country: str = ""
    subdivision: str = ""


@functools.cache
def _first_minute_reading(calendar: Calendar, day: dt.date, wall: str) -> dt.datetime:
    """The first minute of local `day` whose clock reads `wall` or later, found by walking the day."""
    zone = ZoneInfo(calendar.timezone)
    moment = dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC) - dt.timedelta(hours=3)
    while True:
        local = moment.astimezone(zone)
        if local.date() == day and local.strftime("%H:%M") >= wall:
            return moment
        if local.date() > day:
            return moment
        moment += MINUTE


@functools.cache
def _public_holidays(country: str, subdivision: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision or None, years=year)


def is_service_minute(calendar: Calendar, moment: dt.datetime) -> bool:
    """Whether the minute that starts at `moment` (UTC) is inside service hours: on a service day
    that is no public holiday, from the first minute the local clock reads the start time to the
    first minute it reads the end time."""
    local = moment.astimezone(ZoneInfo(calendar.timezone))
    day = local.date()
    if DAYS[local.weekday()] not in calendar.days:
        return False
    if calendar.country and day in _public_holidays(
        calendar.country, calendar.subdivision, day.year
    ):
        return False
    opens = _first_minute_reading(calendar, day, calendar.start)
    closes = _first_minute_reading(calendar, day, calendar.end)
    return opens <= moment < closes


def business_minutes(calendar: Calendar, start: dt.datetime, end: dt.datetime) -> int:
    """Service minutes from `start` to `end`, counted one minute at a time (both minute-aligned)."""
    count, moment = 0, start
    while moment < end:
        count += is_service_minute(calendar, moment)
        moment += MINUTE
    return count


def clock_minutes(
    calendar: Calendar, business: bool, start: dt.datetime, end: dt.datetime
) -> float:
    if not business:
        return (end - start).total_seconds() / 60
    return business_minutes(calendar, start, end)


def judge_ticket(
    calendar: Calendar,
    business: bool,
    target_minutes: float | None,
    created: dt.datetime,
    done: dt.datetime | None,
    paused: float,
    period_end: dt.datetime,
) -> str:
    """'met', 'breached' or 'open' for one measure of one ticket, as the README words it."""
    if done is not None and done < period_end:
        taken = clock_minutes(calendar, business, created, done) - paused
        if target_minutes is None:
            return "met"
        return "met" if taken <= target_minutes else "breached"
    so_far = clock_minutes(calendar, business, created, period_end) - paused
    if target_minutes is not None and so_far > target_minutes:
        return "breached"
    return "open"


def downtime_minutes(
    outages: list[tuple[dt.datetime, dt.datetime, bool]],
    begin: dt.datetime,
    after: dt.datetime,
    in_window: Callable[[dt.datetime], bool],
) -> int:
    """Unplanned downtime minutes, one minute at a time: a minute is down when any unplanned
    outage covers it, or a planned one covers it outside the maintenance window."""
    count, moment = 0, begin
    while moment < after:
        for start, end, planned in outages:
            if start <= moment < end and (not planned or not in_window(moment)):
                count += 1
                break
        moment += MINUTE
    return count
