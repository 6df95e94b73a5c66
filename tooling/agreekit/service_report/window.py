"""The maintenance window as the agreement writes it ("Sundays 06:00-10:00 Europe/London")."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DAY_NAMES = {
    "mon": 0, "monday": 0, "mondays": 0,
    "tue": 1, "tues": 1, "tuesday": 1, "tuesdays": 1,
    "wed": 2, "wednesday": 2, "wednesdays": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "thursdays": 3,
    "fri": 4, "friday": 4, "fridays": 4,
    "sat": 5, "saturday": 5, "saturdays": 5,
    "sun": 6, "sunday": 6, "sundays": 6,
}  # fmt: skip
_WINDOW = re.compile(
    r"^\s*(?P<days>[A-Za-z ,&]+?)\s+(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})"
    r"(?:\s+(?P<zone>[A-Za-z_]+(?:/[A-Za-z_+-]+)+|UTC))?\s*$"
)


class MaintenanceWindow(NamedTuple):
    weekdays: frozenset[int]
    start: dt.time
    end: dt.time  # on the same day, or the next when it is not after start
    zone: str


def _days(text: str) -> frozenset[int] | None:
    words = [w for w in re.split(r"[\s,&]+", text.lower()) if w and w != "and"]
    if words in (["daily"], ["every", "day"]):
        return frozenset(range(7))
    if not words or any(w not in _DAY_NAMES for w in words):
        return None
    return frozenset(_DAY_NAMES[w] for w in words)


def parse_window(text: str, default_zone: str) -> MaintenanceWindow | None:
    """The window `text` states, or None when it is not of the form `Sundays 06:00-10:00 [zone]`."""
    match = _WINDOW.match(text)
    if match is None:
        return None
    days = _days(match.group("days"))
    zone = match.group("zone") or default_zone
    try:
        ZoneInfo(zone)
        start = dt.time.fromisoformat(match.group("start").zfill(5))
        end = dt.time.fromisoformat(match.group("end").zfill(5))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return None if days is None else MaintenanceWindow(days, start, end, zone)


def occurrences(
    window: MaintenanceWindow, first: dt.date, last: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Each opening of the window that starts on a day from `first` to `last`, in UTC."""
    zone = ZoneInfo(window.zone)
    found = []
    day = first - dt.timedelta(days=1)  # a window over midnight reaches into the first day
    while day <= last:
        if day.weekday() in window.weekdays:
            start = dt.datetime.combine(day, window.start, zone)
            end_day = day if window.end > window.start else day + dt.timedelta(days=1)
            end = dt.datetime.combine(end_day, window.end, zone)
            found.append((start.astimezone(dt.UTC), end.astimezone(dt.UTC)))
        day += dt.timedelta(days=1)
    return found
