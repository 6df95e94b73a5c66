"""The report's holiday look-ups, made before its threads start: the calendar's cache is filled
for the period's years (agreekit.model.holiday_tables loads the one country's table)."""

from __future__ import annotations

import datetime as dt

from agreekit.model.service_calendar import BusinessCalendar


def prime(calendar: BusinessCalendar, years: range) -> None:
    """Fill the calendar's holiday cache for `years`, so that every later look-up (the business
    table, maintenance notice) finds them there."""
    for year in years:
        calendar.is_holiday(dt.date(year, 1, 1))
