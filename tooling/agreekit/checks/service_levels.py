"""2xx service levels: priority targets, the business-time calendar, availability, credits, KPIs."""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.targets import (
    CLOCKS,
    data_sections,
    day_minutes,
    priority_targets,
    service_hours,
)
from agreekit.finding import Finding, finding
from agreekit.model.agreement import Agreement
from agreekit.model.duration import parse_duration
from agreekit.model.service_calendar import calendar_problems

EXAMPLE = "write it as 15m, 4h, 8 business hours or 2 business days"


def response_within_resolution(agreement: Agreement) -> Iterator[Finding]:
    """AK201"""
    minutes = day_minutes(agreement)
    for target in priority_targets(agreement):
        source, path = target.section.source, ("priorities", target.position)
        name = target.priority.id
        if target.response is None or target.response.best_effort:
            message = (
                f"{name} response target '{target.priority.response}' is not a duration; {EXAMPLE}"
            )
            yield finding("AK201", source.locate(*path, "response"), message)
        if target.resolution is None:
            message = (
                f"{name} resolution target '{target.priority.resolution}' is not a duration; "
                f"{EXAMPLE}, or 'best effort' if there is none"
            )
            yield finding("AK201", source.locate(*path, "resolution"), message)
        if target.response is None or target.resolution is None or target.response.best_effort:
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
        if clock not in CLOCKS:
            message = f"{target.priority.id} clock '{clock}' is unknown; use 24x7 or business"
            yield finding("AK203", source.locate(*path, "clock"), message)
            continue
        if found is not None:
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
    for section in data_sections(agreement, "availability"):
        availability = section.meta.availability
        assert availability is not None
        source = section.source
        if not 0 < availability.target < 100:
            message = (
                f"availability target {availability.target:g}% must be above 0 and below 100; "
                "100% cannot be met and is never measured"
            )
            yield finding("AK204", source.locate("availability", "target"), message)
        if not availability.formula.strip():
            message = "availability has no formula; say how uptime is calculated from downtime"
            yield finding("AK204", source.key_location("availability"), message)
        if not availability.exclusions:
            message = "availability lists no exclusions; list what does not count as downtime"
            yield finding("AK204", source.key_location("availability"), message)
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
            yield finding("AK204", source.key_location("availability", "maintenance"), message)


def allowed_downtime_matches(agreement: Agreement) -> Iterator[Finding]:
    """AK205"""
    for section in data_sections(agreement, "availability"):
        availability = section.meta.availability
        assert availability is not None
        if availability.allowed_downtime is None:
            continue
        where = section.source.locate("availability", "allowed_downtime")
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
    target = next(
        (
            s.meta.availability.target
            for s in data_sections(agreement, "availability")
            if s.meta.availability
        ),
        None,
    )
    for section in data_sections(agreement, "service_credits"):
        credits = section.meta.service_credits
        assert credits is not None
        source = section.source
        tiers = sorted(enumerate(credits.tiers), key=lambda pair: -pair[1].to)
        for index, tier in tiers:
            if tier.from_ >= tier.to:
                message = (
                    f"credit tier {tier.from_:g}-{tier.to:g}% is empty: 'from' must be below 'to'"
                )
                yield finding("AK206", source.locate("service_credits", "tiers", index), message)
        if tiers and target is not None:
            index, top = tiers[0]
            if top.to > target:
                message = f"credit tier {top.from_:g}-{top.to:g}% reaches above the {target:g}% target; credits start below it"
                yield finding(
                    "AK206", source.locate("service_credits", "tiers", index, "to"), message
                )
            elif top.to < target:
                message = f"gap between the top credit tier ({top.to:g}%) and the {target:g}% target: uptime in between earns nothing"
                yield finding(
                    "AK206", source.locate("service_credits", "tiers", index, "to"), message
                )
        for (_, upper), (index, lower) in zip(tiers, tiers[1:], strict=False):
            at = source.locate("service_credits", "tiers", index, "to")
            if lower.to < upper.from_:
                message = f"gap between credit tiers: nothing covers {lower.to:g}-{upper.from_:g}%; make the tiers meet"
                yield finding("AK206", at, message)
            elif lower.to > upper.from_:
                message = f"credit tiers overlap between {upper.from_:g}% and {lower.to:g}%; make each tier end where the next begins"
                yield finding("AK206", at, message)
            if lower.credit < upper.credit:
                message = (
                    f"credit falls as uptime falls: {lower.credit:g}% below {lower.to:g}% but "
                    f"{upper.credit:g}% above; credits must grow as uptime falls"
                )
                yield finding(
                    "AK206", source.locate("service_credits", "tiers", index, "credit"), message
                )
        if credits.cap is None:
            message = "service credits have no cap; add cap (most credit in a month, % of charges)"
            yield finding("AK206", source.key_location("service_credits"), message)
        elif credits.tiers and credits.cap < max(t.credit for t in credits.tiers):
            message = f"cap {credits.cap:g}% is below the largest tier credit; raise the cap or lower the tier"
            yield finding("AK206", source.locate("service_credits", "cap"), message)
        claim = parse_duration(credits.claim_window)
        if claim is None or claim.best_effort:
            message = "service credits have no claim window; add claim_window, e.g. 30 days"
            yield finding("AK206", source.key_location("service_credits"), message)


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
