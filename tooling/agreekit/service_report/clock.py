"""Time on a priority's clock for many tickets at once: a table of business intervals and numpy.

The business clock is tabulated once per report: every service-hours interval of every business
day in the period (holidays left out, each day's opening and closing converted to UTC with its own
offset, so DST is exact) with the business seconds before it. The business time at an instant is
then one binary search, and the time between two instants is a subtraction: O(log days) per
ticket, vectorised over all tickets.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np

from agreekit.model.service_calendar import BusinessCalendar
from agreekit.model.values import END_OF_DAY


class BusinessTable(NamedTuple):
    opens: np.ndarray  # int64 UTC seconds, ascending
    closes: np.ndarray
    before: np.ndarray  # business seconds before each opening


def first_instant(day: dt.date, wall: dt.time, zone: dt.tzinfo) -> int:
    """UTC seconds of the first moment on `day` when the local clock reads `wall` or later.

    Usually that is `wall` itself; inside a DST gap (the clock jumps past it) it is the jump.
    """
    naive = dt.datetime.combine(day, wall)
    moment = naive.replace(tzinfo=zone)
    if moment.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == naive:
        return int(moment.timestamp())
    probe = int(naive.replace(tzinfo=zone, fold=1).timestamp()) // 60 * 60
    while dt.datetime.fromtimestamp(probe, zone).replace(tzinfo=None) < naive:
        probe += 60
    return probe


def business_table(calendar: BusinessCalendar, first: dt.date, last: dt.date) -> BusinessTable:
    """Every service-hours interval from day `first` to day `last` (inclusive)."""
    start, closing = calendar.hours.start.clock(), calendar.hours.end.clock()
    midnight = calendar.hours.end.minute == END_OF_DAY  # to the end of the day
    end = dt.time() if midnight else closing
    assert start is not None and end is not None  # service_terms refuses bad times
    opens, closes = [], []
    day = first
    while day <= last:
        if calendar.is_business_day(day):
            opens.append(first_instant(day, start, calendar.zone))
            closing_day = day + dt.timedelta(days=1) if midnight else day
            closes.append(first_instant(closing_day, end, calendar.zone))
        day += dt.timedelta(days=1)
    open_at = np.array(opens, dtype=np.int64)
    close_at = np.array(closes, dtype=np.int64)
    lengths = close_at - open_at
    before = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    return BusinessTable(open_at, close_at, before)


def business_seconds(table: BusinessTable, instants: np.ndarray) -> np.ndarray:
    """Business seconds from the table's start to each instant (int64 UTC seconds)."""
    if len(table.opens) == 0:
        return np.zeros(len(instants), dtype=np.int64)
    index = np.searchsorted(table.opens, instants, side="right") - 1
    safe = np.maximum(index, 0)
    inside = np.clip(instants - table.opens[safe], 0, table.closes[safe] - table.opens[safe])
    return np.where(index < 0, 0, table.before[safe] + inside)


def clock_seconds(
    table: BusinessTable | None, business: bool, start: np.ndarray, end: np.ndarray
) -> np.ndarray:
    """Seconds on the clock from each `start` to its `end`: business time, or elapsed time."""
    if not business:
        return end - start
    assert table is not None
    return business_seconds(table, end) - business_seconds(table, start)


class MinuteTable(NamedTuple):
    """Business seconds at every minute of a range: the clock at any instant is one lookup."""

    first: int  # UTC seconds of the range's first minute
    cumulative: np.ndarray  # business seconds from `first` to each minute boundary
    rate: np.ndarray  # 1 for a business minute, 0 for any other


def minute_table(table: BusinessTable, first: int, last: int) -> MinuteTable:
    """The table for instants from `first` to `last` (UTC seconds, `first` on a minute).

    Service hours begin and end on whole minutes, and so do UTC offset changes, so each minute
    is wholly business time or wholly not: the lookup is exact to the second.
    """
    boundaries = first + 60 * np.arange((last - first) // 60 + 2, dtype=np.int64)
    cumulative = business_seconds(table, boundaries)
    rate = np.append(np.diff(cumulative) == 60, False).astype(np.int64)
    return MinuteTable(first, cumulative, rate)


def on_minute_table(table: MinuteTable, instants: np.ndarray) -> np.ndarray:
    """Business seconds from the range's start to each instant within the range."""
    minute, within = np.divmod(instants - table.first, 60)
    within *= table.rate[minute]
    within += table.cumulative[minute]
    return within
