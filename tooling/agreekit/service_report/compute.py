"""The report's figures from the terms, the period, the tickets and the outages: one plain dict.

Everything the renderers print comes from this dict, so text, Markdown, HTML, PDF and JSON always
agree; the JSON output is the dict itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from agreekit.model.service_calendar import BusinessCalendar
from agreekit.service_report.clock import (
    BusinessTable,
    business_table,
    clock_seconds,
    minute_table,
)
from agreekit.service_report.credits import late_credit_rows, owed, tier_credit
from agreekit.service_report.holiday_loader import prime
from agreekit.service_report.judging import Figures, Judged, judge_blocks, judge_on_clock
from agreekit.service_report.outages import (
    ALL_SERVICES,
    Outage,
    ServiceAvailability,
    availability,
)
from agreekit.service_report.period import Period
from agreekit.service_report.semantics import SEMANTICS
from agreekit.service_report.terms import ServiceSchedule, ServiceTerms, Target
from agreekit.service_report.tickets import LISTED, MISSING, Rejection, Tickets


def judge(
    target: Target,
    table: BusinessTable | None,
    created: np.ndarray,
    done: np.ndarray,
    paused_seconds: np.ndarray,
    period_end: int,
) -> Judged:
    """Met, breached or open for each ticket, judged at the end of the period."""
    finished = (done != MISSING) & (done < period_end)
    end = np.where(finished, done, period_end)
    return judge_on_clock(
        target, clock_seconds(table, target.business, created, end), finished, paused_seconds
    )


def _share(met: int, breached: int) -> float | None:
    return None if met + breached == 0 else round(100 * met / (met + breached), 4)


def _measure(target: Target, found: Figures, index: int) -> dict[str, Any]:
    met, breached = int(found.met[index]), int(found.breached[index])
    return {
        "target": target.text,
        "target_minutes": target.minutes,
        "clock": "business" if target.business else "24x7",
        "measured": met + breached,
        "met": met,
        "breached": breached,
        "open": int(found.open[index]),
        "attainment": _share(met, breached),
        "median_minutes": found.median_minutes[index],
    }


def _iso(seconds: int, zone: ZoneInfo) -> str:
    return dt.datetime.fromtimestamp(int(seconds), zone).isoformat()


def _per_agreed_service(
    terms: ServiceTerms, outages: list[Outage] | None, rejected: list[Rejection]
) -> tuple[list[Outage] | None, list[Rejection]]:
    """With the agreement's own services: an outage of no named service is one of each, and an
    outage of a service the agreement does not list is rejected."""
    if not terms.services or outages is None:
        return outages, rejected
    kept, rejected = [], list(rejected)
    ids = ", ".join(s.id for s in terms.services)
    for outage in outages:
        if outage.service == ALL_SERVICES:
            kept += [outage._replace(service=s.id) for s in terms.services]
        elif (schedule := _schedule(terms, outage.service)) is not None:
            kept.append(outage._replace(service=schedule.id))
        else:
            message = f"service '{outage.service}' is not one of the agreement's services ({ids})"
            rejected.append(Rejection(outage.line, "service", message, ""))
    return kept, rejected


def _schedule(terms: ServiceTerms, service: str) -> ServiceSchedule | None:
    return next(
        (s for s in terms.services if service.lower() in (s.id.lower(), s.name.lower())), None
    )


def _kpis(
    terms: ServiceTerms,
    per_priority: dict[str, dict[str, Any]],
    tickets: Tickets,
    in_period: np.ndarray,
    lowest: float | None,
) -> list[dict[str, Any]]:
    ids = [p.id for p in terms.priorities]
    found = []
    for kpi in terms.kpis:
        target = kpi.target
        scope = [p for p in ids if not target.priorities or p in target.priorities]
        value: float | None = None
        met_target: bool | None = None
        if target.type == "share-within-target" and target.of in ("response", "resolution"):
            met = sum(per_priority[p][target.of]["met"] for p in scope)
            breached = sum(per_priority[p][target.of]["breached"] for p in scope)
            value = _share(met, breached)
        elif target.type == "average-at-least" and target.of == "satisfaction":
            scores = tickets.satisfaction[in_period]
            scores = scores[~np.isnan(scores)]
            value = round(float(scores.mean()), 4) if len(scores) else None
        elif target.type in ("count-at-most", "count"):
            value = float(sum(per_priority[p]["tickets"] for p in scope))
        elif target.type == "availability-at-least" and lowest is not None:
            value = round(lowest, 4)
        if value is not None and target.value is not None and target.type != "count":
            at_most = target.type == "count-at-most"
            met_target = value <= target.value if at_most else value >= target.value
        # anything else is a target `check` reports (AK207): shown, not judged
        found.append(
            {
                "id": kpi.id,
                "name": kpi.name,
                "description": kpi.description,
                "type": target.type,
                "of": target.of or None,
                "priorities": list(target.priorities),
                "value": value,
                "target": target.value,
                "met": met_target,
            }
        )
    return found


def business_clock(
    terms: ServiceTerms, period: Period
) -> tuple[BusinessCalendar | None, BusinessTable | None]:
    """The service-hours calendar and its table of business intervals over the period."""
    calendar = BusinessCalendar(terms.hours) if terms.hours is not None else None
    if calendar is not None:  # the year before too: a maintenance notice given in December
        prime(calendar, range(period.start.year - 1, period.end.year + 1))
    return calendar, business_table(calendar, period.start, period.end) if calendar else None


def compute(
    terms: ServiceTerms,
    period: Period,
    tickets: Tickets,
    outages: list[Outage] | None,
    rejected_outages: list[Rejection],
    *,
    sources: dict[str, str],
    agreement: dict[str, Any],
    clock: tuple[BusinessCalendar | None, BusinessTable | None] | None = None,
) -> dict[str, Any]:
    zone = ZoneInfo(terms.timezone)
    begin, after = period.bounds(terms.timezone)
    start, end = int(begin.timestamp()), int(after.timestamp())
    calendar, table = clock if clock is not None else business_clock(terms, period)
    valid = tickets.valid
    in_period = valid & (tickets.created >= start) & (tickets.created < end)
    outside = len(terms.priorities)  # the code of rows outside the period
    codes = np.where(in_period, tickets.priority, outside).astype(np.int16)
    business_needed = any(
        target.business for p in terms.priorities for target in (p.response, p.resolution)
    ) or any(c.after.business for c in terms.late_credits)
    minutes = minute_table(table, start, end) if table is not None and business_needed else None
    totals = judge_blocks(terms, tickets, in_period, codes, (start, end, minutes, business_needed))
    negative_rows = totals.negative
    priorities = []
    per_priority: dict[str, dict[str, Any]] = {}
    for index, priority in enumerate(terms.priorities):
        entry = {
            "id": priority.id,
            "name": priority.name,
            "clock": priority.clock,
            "tickets": int(totals.kept[index]),
            "response": _measure(priority.response, totals.figures["response"], index),
            "resolution": _measure(priority.resolution, totals.figures["resolution"], index),
            "open": int(totals.waiting[index]),
        }
        priorities.append(entry)
        per_priority[priority.id] = entry
    late_counts = totals.late
    open_tickets = [
        {
            "id": tickets.ids[row].as_py(),
            "priority": terms.priorities[codes[row]].id,
            "created": _iso(tickets.created[row], zone),
            "awaiting": "response" if answer else "resolution" if resolve else "",
        }
        for row, answer, resolve in totals.open_rows
    ]
    rejected = list(tickets.rejected)
    negative_count = int(negative_rows.sum())
    for row in np.flatnonzero(negative_rows)[:LISTED]:
        rejected.append(
            Rejection(
                int(tickets.lines[row]),
                "paused_minutes",
                f"paused for {tickets.paused_minutes[row]:g} minutes, longer than the ticket's time on its clock",
                tickets.ids[row].as_py() or "",
            )
        )
    outages, rejected_outages = _per_agreed_service(terms, outages, rejected_outages)
    services = (
        availability(
            outages or [], begin, after, zone, terms.maintenance, terms.maintenance_notice,
            calendar, [s.id for s in terms.services],
        )
        if outages is not None
        else []
    )  # fmt: skip
    lowest_service = min(services, key=lambda s: s.percent) if services else None
    lowest = lowest_service.percent if lowest_service else 100.0
    notes = []
    if not tickets.has_first_response:
        notes.append("The ticket export has no first response times: response is not measured.")
    if terms.maintenance_text and terms.maintenance is None:
        notes.append(
            f"The maintenance window '{terms.maintenance_text}' is not of the form "
            "'Sundays 06:00-10:00 Europe/London': planned outages are excluded wherever they fall."
        )
    if outages is None:
        notes.append("No outage log was given: availability is not measured.")
    availability_report = _availability(
        terms, services, lowest_service, end - start, outages is not None
    )
    late = [
        late_credit_rows(credit, late_counts.get(index, 0))
        for index, credit in enumerate(terms.late_credits)
    ]
    service_credit, schedules = owed(
        terms, availability_report["services"], lowest, late, outages is not None
    )
    if terms.services_late_credits:
        notes.append(
            "A service's own schedule has response or resolution credits, but tickets name no "
            "service: those credits are not computed."
        )
    if terms.late_credits and not tickets.has_first_response:
        notes.append("No first response times: late response credits are not computed.")
    report: dict[str, Any] = {
        "agreement": agreement,
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "timezone": terms.timezone,
            "first_instant": begin.isoformat(),
            "after_last_instant": after.isoformat(),
        },
        "sources": sources,
        "semantics": list(SEMANTICS),
        "notes": notes,
        "tickets": {
            "read": int(len(valid)),
            "in_period": int(in_period.sum()) - negative_count,
            "outside_period": int((valid & ~in_period).sum()),
            "rejected": tickets.rejected_count + negative_count,
        },
        "priorities": priorities,
        "open_tickets": open_tickets,
        "kpis": _kpis(
            terms,
            per_priority,
            tickets,
            in_period & ~negative_rows,
            lowest if outages is not None else None,
        ),  # fmt: skip
        "availability": availability_report,
        "service_credit": service_credit,
        "credits": {"schedules": schedules, "late": late},
        "rejected": {
            "count": tickets.rejected_count + negative_count + len(rejected_outages),
            "listed": [
                {
                    "file": sources["tickets"],
                    "line": r.line,
                    "column": r.column,
                    "id": r.id,
                    "message": r.message,
                }
                for r in sorted(rejected)[:LISTED]
            ]
            + [
                {
                    "file": sources.get("outages", ""),
                    "line": r.line,
                    "column": r.column,
                    "id": "",
                    "message": r.message,
                }
                for r in rejected_outages
            ],
        },
    }
    return report


def _service_terms(terms: ServiceTerms, service: ServiceAvailability) -> dict[str, Any]:
    schedule = _schedule(terms, service.service)
    target = schedule.target if schedule else terms.availability_target
    tiers, cap = (schedule.tiers, schedule.cap) if schedule else (terms.tiers, terms.cap)
    return {
        "target": target,
        "met": None if target is None else service.percent >= target,
        "credit": tier_credit(tiers, cap, service.percent),
    }


def _availability(
    terms: ServiceTerms,
    services: list[ServiceAvailability],
    lowest: ServiceAvailability | None,
    seconds: int,
    measured: bool,
) -> dict[str, Any]:
    return {
        "percent": (round(lowest.percent, 4) if lowest else 100.0) if measured else None,
        "target": terms.availability_target,
        "met": (
            None
            if terms.availability_target is None
            else (lowest.percent if lowest else 100.0) >= terms.availability_target
        )
        if measured
        else None,
        "unplanned_downtime_minutes": round(lowest.unplanned_minutes, 2)
        if lowest
        else (0.0 if measured else None),
        "planned_downtime_minutes": round(lowest.planned_minutes, 2)
        if lowest
        else (0.0 if measured else None),
        "window_minutes": seconds / 60,
        "maintenance_window": terms.maintenance_text or None,
        "services": [
            {
                "service": s.service,
                **_service_terms(terms, s),
                "percent": round(s.percent, 4),
                "unplanned_downtime_minutes": round(s.unplanned_minutes, 2),
                "planned_downtime_minutes": round(s.planned_minutes, 2),
                "downtime_per_day": {
                    day.isoformat(): round(m, 2) for day, m in sorted(s.daily_unplanned.items())
                },
            }
            for s in services
        ],
    }
