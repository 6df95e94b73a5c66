"""The reporting period: `2027-03`, `2027-Q1`, `--from/--to`, or the last complete one."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from agreekit.service_report.errors import ReportError

# Months in one period of each reporting frequency the agreement may state (AK207's list).
FREQUENCY_MONTHS = {
    "monthly": 1,
    "quarterly": 3,
    "half-yearly": 6,
    "yearly": 12,
    "annually": 12,
}
FREQUENCY_DAYS = {"daily": 1, "weekly": 7, "fortnightly": 14}


class Period(NamedTuple):
    """Days `start` to `end` inclusive, in the service hours' time zone."""

    start: dt.date
    end: dt.date
    label: str

    def bounds(self, zone: str) -> tuple[dt.datetime, dt.datetime]:
        """The period's first instant and the instant after its last, in UTC."""
        tz = ZoneInfo(zone)
        begin = dt.datetime.combine(self.start, dt.time(), tz)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tz)
        return begin.astimezone(dt.UTC), after.astimezone(dt.UTC)


def _month_start(year: int, month: int) -> dt.date:
    year += (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def _months(year: int, month: int, count: int, label: str) -> Period:
    start = _month_start(year, month)
    end = _month_start(year, month + count) - dt.timedelta(days=1)
    return Period(start, end, label)


def parse_period(text: str) -> Period:
    """`2027-03` (a month), `2027-Q1` (a quarter), `2027-H1` (a half year) or `2027` (a year)."""
    value = text.strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return _months(year, month, 1, value)
    elif match := re.fullmatch(r"(\d{4})-[Qq]([1-4])", value):
        quarter = int(match.group(2))
        return _months(int(match.group(1)), 3 * quarter - 2, 3, value.upper())
    elif match := re.fullmatch(r"(\d{4})-[Hh]([12])", value):
        half = int(match.group(2))
        return _months(int(match.group(1)), 6 * half - 5, 6, value.upper())
    elif re.fullmatch(r"\d{4}", value):
        return _months(int(value), 1, 12, value)
    raise ReportError(
        f"--period '{text}' is not a period; write a month (2027-03), a quarter (2027-Q1), "
        "a half year (2027-H1) or a year (2027), or give --from and --to"
    )


def between(first: dt.date, last: dt.date) -> Period:
    if last < first:
        raise ReportError(
            f"--to {last} is before --from {first}; give the last day after the first"
        )
    return Period(first, last, f"{first.isoformat()}..{last.isoformat()}")


def last_complete(frequency: str, today: dt.date) -> Period:
    """The last whole period of the agreement's reporting frequency that ended before `today`."""
    if frequency in FREQUENCY_MONTHS:
        size = FREQUENCY_MONTHS[frequency]
        index = (today.year * 12 + today.month - 1) // size * size - size  # months since year 0
        year, month0 = divmod(index, 12)
        period = _months(year, month0 + 1, size, "")
        return period._replace(label=_label(period, size))
    if frequency in FREQUENCY_DAYS:
        size = FREQUENCY_DAYS[frequency]
        if size == 1:
            day = today - dt.timedelta(days=1)
            return Period(day, day, day.isoformat())
        # weeks run Monday to Sunday; a fortnight is the two whole weeks before this one
        monday = today - dt.timedelta(days=today.weekday())
        start = monday - dt.timedelta(days=size)
        return between(start, start + dt.timedelta(days=size - 1))
    raise ReportError(
        f"the agreement's reporting frequency '{frequency or 'none'}' has no period length; "
        "give --period or --from/--to (or fix reporting.frequency, AK207)"
    )


def _label(period: Period, months: int) -> str:
    start = period.start
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    if months == 3:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if months == 6:
        return f"{start.year}-H{(start.month - 1) // 6 + 1}"
    return f"{start.year}"
