"""The outage log and availability: unplanned downtime per service in the period, as a percentage.

Planned maintenance is excluded only where it falls inside the agreement's maintenance window
(and, when the log says when notice was given, only with the notice the agreement requires); any
part outside the window counts as unplanned. Overlapping outages of one service count once.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import NamedTuple

from agreekit.model.service_calendar import BusinessCalendar
from agreekit.service_report.errors import ReportError
from agreekit.service_report.tickets import Rejection
from agreekit.service_report.window import MaintenanceWindow, occurrences

ALL_SERVICES = "all covered services"
_TRUE = {"true", "yes", "y", "1", "planned"}
_FALSE = {"false", "no", "n", "0", "unplanned", ""}


class Outage(NamedTuple):
    line: int
    start: dt.datetime
    end: dt.datetime
    planned: bool
    service: str
    notified: dt.datetime | None


class ServiceAvailability(NamedTuple):
    service: str
    percent: float
    unplanned_minutes: float
    planned_minutes: float
    daily_unplanned: dict[dt.date, float]


def _time(text: str, zone: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def read_outages(path: Path) -> tuple[list[Outage], list[Rejection]]:
    if not path.is_file():
        raise ReportError(f"{path}: no such file; give the outage log (CSV with start and end)")
    outages: list[Outage] = []
    rejected: list[Rejection] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            for needed in ("start", "end"):
                if needed not in header:
                    raise ReportError(
                        f"{path}:1: column '{needed}' missing; the outage log needs start and end "
                        "(and may have planned, service, notified)"
                    )
            reader.fieldnames = header
            line = reader.line_num + 1
            for row in reader:
                outage, problem = _outage(row, line)
                if problem is not None:
                    rejected.append(Rejection(line, problem[0], problem[1], ""))
                elif outage is not None:
                    outages.append(outage)
                line = reader.line_num + 1
    except UnicodeDecodeError as error:
        raise ReportError(f"{path}: not UTF-8 ({error}); save the outage log as UTF-8") from error
    except OSError as error:
        raise ReportError(f"{path}: cannot read: {error.strerror or error}") from error
    except csv.Error as error:
        raise ReportError(f"{path}: not CSV ({error})") from error
    return outages, rejected


def _outage(row: dict[str, str | None], line: int) -> tuple[Outage | None, tuple[str, str] | None]:
    def cell(name: str) -> str:
        value = row.get(name)
        return value.strip() if isinstance(value, str) else ""

    times = {}
    for name in ("start", "end"):
        moment = _time(cell(name), "")
        if moment is None:
            return None, (name, f"unparsable time '{cell(name)}'; write ISO 8601 with an offset")
        times[name] = moment
    if times["end"] <= times["start"]:
        return None, ("end", f"end {cell('end')} is not after start {cell('start')}")
    planned_text = cell("planned").lower()
    if planned_text not in _TRUE | _FALSE:
        return None, ("planned", f"'{cell('planned')}' is not true or false")
    notified = None
    if cell("notified"):
        notified = _time(cell("notified"), "")
        if notified is None:
            return None, (
                "notified",
                f"unparsable time '{cell('notified')}'; write ISO 8601 with an offset",
            )
    service = cell("service") or ALL_SERVICES
    return Outage(
        line, times["start"], times["end"], planned_text in _TRUE, service, notified
    ), None


Interval = tuple[dt.datetime, dt.datetime]


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _minus(interval: Interval, cuts: list[Interval]) -> list[Interval]:
    """The parts of `interval` outside every one of `cuts` (sorted, not overlapping)."""
    pieces, (start, end) = [], interval
    for cut_start, cut_end in cuts:
        if cut_end <= start or cut_start >= end:
            continue
        if cut_start > start:
            pieces.append((start, cut_start))
        start = max(start, cut_end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _minutes(intervals: list[Interval]) -> float:
    return sum((end - start).total_seconds() for start, end in intervals) / 60


def _per_day(intervals: list[Interval], zone: dt.tzinfo) -> dict[dt.date, float]:
    days: dict[dt.date, float] = {}
    for start, end in intervals:
        moment = start
        while moment < end:
            local = moment.astimezone(zone)
            next_midnight = dt.datetime.combine(
                local.date() + dt.timedelta(days=1), dt.time(), zone
            )
            stop = min(end, next_midnight.astimezone(dt.UTC))
            days[local.date()] = days.get(local.date(), 0) + (stop - moment).total_seconds() / 60
            moment = stop
    return days


def notice_given(outage: Outage, notice_days: object, calendar: BusinessCalendar | None) -> bool:
    """Whether the log's notice time gives at least the agreement's notice before the start."""
    from agreekit.model.duration import Duration

    if outage.notified is None or not isinstance(notice_days, Duration) or notice_days.best_effort:
        return True
    if notice_days.business and calendar is not None:
        due = calendar.add(outage.notified, notice_days)
    else:
        due = outage.notified + dt.timedelta(minutes=notice_days.minutes())
    return due <= outage.start


def availability(
    outages: list[Outage],
    begin: dt.datetime,
    after: dt.datetime,
    zone: dt.tzinfo,
    window: MaintenanceWindow | None,
    notice: object,
    calendar: BusinessCalendar | None,
    listed: list[str] = (),  # type: ignore[assignment]
) -> list[ServiceAvailability]:
    """Availability of each service in the log or `listed` (one entry when neither names any)."""
    period_minutes = (after - begin).total_seconds() / 60
    local_first = begin.astimezone(zone).date()
    local_last = (after - dt.timedelta(seconds=1)).astimezone(zone).date()
    openings = _merge(occurrences(window, local_first, local_last)) if window else []
    services = sorted({o.service for o in outages} | set(listed)) or [ALL_SERVICES]
    results = []
    for service in services:
        unplanned: list[Interval] = []
        planned: list[Interval] = []
        for outage in (o for o in outages if o.service == service):
            clipped = (max(outage.start, begin), min(outage.end, after))
            if clipped[0] >= clipped[1]:
                continue
            if outage.planned and notice_given(outage, notice, calendar):
                outside = _minus(clipped, openings) if window else []
                unplanned += outside
                planned += _minus(clipped, outside) if outside else [clipped]
            else:
                unplanned.append(clipped)
        down = _merge(unplanned)
        minutes = _minutes(down)
        kept = [piece for p in _merge(planned) for piece in _minus(p, down)]
        percent = (period_minutes - minutes) / period_minutes * 100
        results.append(
            ServiceAvailability(service, percent, minutes, _minutes(kept), _per_day(down, zone))
        )
    return results
