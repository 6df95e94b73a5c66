"""2xx service levels: priority targets, the business-time calendar, availability, credits, KPIs."""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.credits import credit_findings, shared_fee_findings
from agreekit.checks.targets import (
    CLOCKS,
    PriorityTargets,
    data_sections,
    day_minutes,
    priority_targets,
    service_hours,
    service_levels,
)
from agreekit.finding import Finding, finding
from agreekit.model.agreement import Agreement
from agreekit.model.duration import parse_duration
from agreekit.model.section import Section
from agreekit.model.section_data import ServiceHours
from agreekit.model.service_calendar import calendar_problems, covers_whole_week

EXAMPLE = "write it as 15m, 4h, 8 business hours or 2 business days"


def response_within_resolution(agreement: Agreement) -> Iterator[Finding]:
    """AK201"""
    minutes = day_minutes(agreement)
    for target in priority_targets(agreement):
        source, path = target.section.source, ("priorities", target.position)
        name = target.priority.id
        for kind in ("response", "resolution"):
            if getattr(target, kind) is None:
                message = (
                    f"{name} {kind} target '{getattr(target.priority, kind)}' is not a duration; "
                    f"{EXAMPLE}, or 'best effort' if there is none"
                )
                yield finding("AK201", source.locate(*path, kind), message)
        if target.response is None or target.resolution is None:
            continue
        if target.minutes(target.response, minutes) > target.minutes(target.resolution, minutes):
            message = (
                f"{name} response target {target.priority.response} is longer than its "
                f"resolution target {target.priority.resolution}; a ticket must be answered "
                "before it can be resolved"
            )
            yield finding("AK201", source.locate(*path, "response"), message)


def targets_loosen_with_priority(agreement: Agreement) -> Iterator[Finding]:
    """AK202"""
    minutes = day_minutes(agreement)
    targets = priority_targets(agreement)
    for kind in ("response", "resolution"):
        previous = None
        for target in targets:
            duration = getattr(target, kind)
            if duration is None:
                continue
            value = target.minutes(duration, minutes)
            if previous is not None and value < previous[1]:
                higher = previous[0].priority
                message = (
                    f"{target.priority.id} {kind} target {getattr(target.priority, kind)} is tighter "
                    f"than {higher.id}'s {getattr(higher, kind)}; a lower priority may share a "
                    "target but never have a tighter one"
                )
                yield finding(
                    "AK202",
                    target.section.source.locate("priorities", target.position, kind),
                    message,
                )
            if previous is None or value >= previous[1]:
                previous = (target, value)


def business_time_has_calendar(agreement: Agreement) -> Iterator[Finding]:
    """AK203"""
    found = service_hours(agreement)
    if found is not None:
        hours, section = found
        for field, message in calendar_problems(hours):
            where = section.source.locate("service_hours", *field.split("."))
            yield finding("AK203", where, message)
    for target in priority_targets(agreement):
        source, path = target.section.source, ("priorities", target.position)
        clock = target.priority.clock
        if clock is None:
            message = (
                f"{target.priority.id} names no clock; add clock: business (the service hours) "
                "or clock: 24x7"
            )
            yield finding("AK203", source.key_location(*path), message)
            continue
        if clock not in CLOCKS:
            message = f"{target.priority.id} clock '{clock}' is unknown; use 24x7 or business"
            yield finding("AK203", source.locate(*path, "clock"), message)
            continue
        if found is not None:
            yield from _out_of_hours_route(target, found[0])
            continue
        for kind in ("response", "resolution"):
            duration = getattr(target, kind)
            if duration is not None and (duration.business or clock == "business"):
                message = (
                    f"{target.priority.id} {kind} target runs in business time but the agreement "
                    "has no service_hours calendar; add service_hours (days, start, end, timezone, "
                    "holidays) to the service-levels section"
                )
                yield finding("AK203", source.locate(*path, kind), message)
    if found is not None:
        yield from _out_of_hours_known(agreement, *found)


def _out_of_hours_route(target: PriorityTargets, hours: ServiceHours) -> Iterator[Finding]:
    """A priority on the 24x7 clock needs a way to report it outside the service hours."""
    if target.priority.clock != "24x7" or covers_whole_week(hours):
        return
    if any(target.priority.id in route.priorities for route in hours.out_of_hours):
        return
    message = (
        f"{target.priority.id} runs 24x7 but service_hours names no out-of-hours route for it; "
        f"add service_hours.out_of_hours with priorities: [{target.priority.id}] and a channel"
    )
    where = target.section.source.locate("priorities", target.position, "clock")
    yield finding("AK203", where, message)


def _out_of_hours_known(
    agreement: Agreement, hours: ServiceHours, section: Section
) -> Iterator[Finding]:
    known = {t.priority.id for t in priority_targets(agreement)}
    for index, route in enumerate(hours.out_of_hours):
        for position, priority in enumerate(route.priorities):
            if priority not in known:
                message = f"out-of-hours route for unknown priority '{priority}'"
                where = section.source.locate(
                    "service_hours", "out_of_hours", index, "priorities", position
                )
                yield finding("AK203", where, message)
        if route.contact is not None and agreement.stakeholder(route.contact) is None:
            message = (
                f"out-of-hours contact '{route.contact}' is not a stakeholder in agreement.yml"
            )
            where = section.source.locate("service_hours", "out_of_hours", index, "contact")
            yield finding("AK203", where, message)


# Minutes in the measurement windows agreements use, for checking a stated allowed downtime.
WINDOW_MINUTES = {
    "day": 1440,
    "week": 10080,
    "calendar month": 43200,
    "month": 43200,
    "quarter": 129600,
    "calendar quarter": 129600,
    "year": 525600,
    "calendar year": 525600,
}


def availability_defined(agreement: Agreement) -> Iterator[Finding]:
    """AK204"""
    for level in service_levels(agreement):
        availability = level.availability
        if availability is None or level.inherited:
            continue
        where = level.key_location("availability")
        if not 0 < availability.target < 100:
            message = (
                f"availability target {availability.target:g}% must be above 0 and below 100; "
                "100% cannot be met and is never measured"
            )
            yield finding("AK204", level.locate("availability", "target"), message)
        minimum = availability.minimum
        if minimum is not None and not 0 < minimum <= availability.target:
            message = (
                f"minimum availability {minimum:g}% must be above 0 and at most the "
                f"{availability.target:g}% target"
            )
            yield finding("AK204", level.locate("availability", "minimum"), message)
        if not availability.formula.strip():
            message = "availability has no formula; say how uptime is calculated from downtime"
            yield finding("AK204", where, message)
        if not availability.exclusions:
            message = "availability lists no exclusions; list what does not count as downtime"
            yield finding("AK204", where, message)
        maintenance = availability.maintenance
        if (
            maintenance is not None
            and maintenance.window
            and parse_duration(maintenance.notice) is None
        ):
            message = (
                "the maintenance window has no notice period; add maintenance.notice, "
                "e.g. 5 business days"
            )
            yield finding(
                "AK204",
                level.key_location("availability", "maintenance"),
                message,
            )


def allowed_downtime_matches(agreement: Agreement) -> Iterator[Finding]:
    """AK205"""
    for level in service_levels(agreement):
        availability = level.availability
        if availability is None or level.inherited or availability.allowed_downtime is None:
            continue
        where = level.locate("availability", "allowed_downtime")
        stated = parse_duration(availability.allowed_downtime)
        if stated is None or stated.best_effort or stated.business:
            message = f"allowed downtime '{availability.allowed_downtime}' is not a duration; write it in minutes, e.g. 216m"
            yield finding("AK205", where, message)
            continue
        window = availability.window_minutes or WINDOW_MINUTES.get(availability.window.lower())
        if window is None:
            message = (
                f"cannot check the allowed downtime: the window '{availability.window}' has no "
                "known length; add window_minutes"
            )
            yield finding("AK205", where, message)
            continue
        expected = (1 - availability.target / 100) * window
        if abs(stated.minutes() - expected) > 1:
            message = (
                f"allowed downtime {availability.allowed_downtime} disagrees with the target: "
                f"(1 - {availability.target:g}%) x {window} minutes is {expected:.0f} minutes"
            )
            yield finding("AK205", where, message)


def service_credits_consistent(agreement: Agreement) -> Iterator[Finding]:
    """AK206"""
    levels = service_levels(agreement)
    for level in levels:
        if level.credits is not None:
            yield from credit_findings(agreement, level)
    yield from shared_fee_findings(levels)


REPORTING_FREQUENCIES = (
    "daily",
    "weekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "half-yearly",
    "yearly",
    "annually",
)


def kpis_measurable(agreement: Agreement) -> Iterator[Finding]:
    """AK207 (a KPI missing from the profile's list is AK102)"""
    for section in data_sections(agreement, "kpis"):
        for index, kpi in enumerate(section.meta.kpis or []):
            for field in ("target", "measure"):
                if not getattr(kpi, field).strip():
                    message = f"KPI '{kpi.id}' has no {field}; say {'what counts as meeting it' if field == 'target' else 'how it is measured'}"
                    yield finding("AK207", section.source.key_location("kpis", index), message)
    for section in data_sections(agreement, "reporting"):
        reporting = section.meta.reporting
        assert reporting is not None
        frequency = reporting.frequency.strip().lower()
        if frequency and frequency not in REPORTING_FREQUENCIES:
            message = f"reporting frequency '{reporting.frequency}' is not one of {', '.join(REPORTING_FREQUENCIES)}"
            yield finding("AK207", section.source.locate("reporting", "frequency"), message)
        if not reporting.recipients:
            message = (
                "reporting has no recipients; list the stakeholder ids who receive the reports"
            )
            yield finding("AK207", section.source.key_location("reporting"), message)
        for index, recipient in enumerate(reporting.recipients):
            if agreement.stakeholder(recipient) is None:
                message = f"report recipient '{recipient}' is not a stakeholder in agreement.yml"
                yield finding(
                    "AK207", section.source.locate("reporting", "recipients", index), message
                )
