"""The agreement's service terms as plain values the report computes with (read from the model)."""

from __future__ import annotations

from typing import Any, NamedTuple

from agreekit.model.agreement import Agreement
from agreekit.model.duration import Duration
from agreekit.model.section_data import Kpi, ServiceHours
from agreekit.model.service_calendar import business_day_minutes, calendar_problems
from agreekit.model.values import WrittenDuration
from agreekit.service_report.errors import ReportError
from agreekit.service_report.window import MaintenanceWindow, parse_window


class Target(NamedTuple):
    """A response or resolution target: its length on its clock, in seconds (None: best effort)."""

    text: str
    seconds: float | None
    business: bool

    @property
    def minutes(self) -> float | None:
        return None if self.seconds is None else self.seconds / 60


class PriorityTerms(NamedTuple):
    id: str
    name: str
    clock: str
    response: Target
    resolution: Target


class Tier(NamedTuple):
    low: float
    high: float
    credit: float


class ServiceSchedule(NamedTuple):
    """A service of its own (the agreement's `services`): its availability target and credits."""

    id: str
    name: str
    target: float | None
    tiers: tuple[Tier, ...]
    cap: float | None
    own: bool = False  # its own service_credits (own cap and fees), not the agreement's
    fees: tuple[str, ...] = ()


class LateCredit(NamedTuple):
    """A credit for a late response or resolution: earned by each ticket of the priority whose
    time on the clock is longer than `after` (the band with the longest `after` it passed)."""

    measure: str  # response or resolution
    priority: str
    after: Target
    credit: float


class ServiceTerms(NamedTuple):
    hours: ServiceHours | None
    timezone: str
    priorities: tuple[PriorityTerms, ...]
    availability_target: float | None
    maintenance: MaintenanceWindow | None
    maintenance_text: str
    maintenance_notice: Duration | None
    tiers: tuple[Tier, ...]
    cap: float | None
    kpis: tuple[Kpi, ...]
    frequency: str
    services: tuple[ServiceSchedule, ...] = ()
    late_credits: tuple[LateCredit, ...] = ()  # the agreement-wide schedule's
    fees: tuple[str, ...] = ()  # what the agreement-wide schedule's percentages are of
    services_late_credits: bool = False  # a service's own schedule has late credits too


def _target(
    written: WrittenDuration, clock: str, day_minutes: int, priority: str, kind: str
) -> Target:
    duration, text = written.value, written.text
    if duration is None:
        raise ReportError(
            f"agreement: {priority} {kind} target '{text}' is not a duration; "
            "run `agreekit check` and fix AK201 first"
        )
    if duration.best_effort:
        return Target(text, None, False)
    business = duration.business or clock == "business"
    minutes = duration.minutes(day_minutes) if business else duration.minutes()
    return Target(text, minutes * 60, business)


def service_terms(agreement: Agreement) -> ServiceTerms:
    """The terms the report applies, or ReportError when the agreement lacks one it needs."""
    meta = [section.meta for section in agreement.sections]
    hours = next((m.service_hours for m in meta if m.service_hours is not None), None)
    if hours is not None and calendar_problems(hours):
        field, message = calendar_problems(hours)[0]
        raise ReportError(f"agreement: service_hours.{field}: {message}; run `agreekit check`")
    day_minutes = business_day_minutes(hours) if hours else 0
    priorities = []
    for m in meta:
        for priority in m.priorities or []:
            clock = priority.clock or "business"
            response = _target(priority.response, clock, day_minutes, priority.id, "response")
            resolution = _target(priority.resolution, clock, day_minutes, priority.id, "resolution")
            if (response.business or resolution.business) and hours is None:
                raise ReportError(
                    f"agreement: {priority.id} runs on business time but there are no "
                    "service_hours; add them (AK203)"
                )
            priorities.append(
                PriorityTerms(priority.id, priority.name, clock, response, resolution)
            )
    if not priorities:
        raise ReportError("agreement: no priorities with response and resolution targets")
    availability = next((m.availability for m in meta if m.availability is not None), None)
    credits = next((m.service_credits for m in meta if m.service_credits is not None), None)
    reporting = next((m.reporting for m in meta if m.reporting is not None), None)
    kpis = tuple(kpi for m in meta for kpi in m.kpis or [])
    timezone = hours.timezone if hours else "UTC"
    maintenance = availability.maintenance if availability else None
    window_text = maintenance.window if maintenance else ""
    return ServiceTerms(
        hours=hours,
        timezone=timezone,
        priorities=tuple(priorities),
        availability_target=availability.target if availability else None,
        maintenance=parse_window(window_text, timezone) if window_text else None,
        maintenance_text=window_text,
        maintenance_notice=maintenance.notice.value if maintenance else None,
        tiers=_tiers(credits),
        cap=credits.cap if credits else None,
        kpis=kpis,
        frequency=(reporting.frequency if reporting else "").strip().lower(),
        services=tuple(_schedules(meta, availability, credits)),
        late_credits=_late_credits(credits, priorities, day_minutes),
        fees=tuple(getattr(credits, "fees", None) or ()),
        services_late_credits=any(
            s.service_credits.response or s.service_credits.resolution
            for m in meta
            for s in getattr(m, "services", None) or []
            if s.service_credits is not None
        ),
    )


def _late_credits(
    credits: Any, priorities: list[PriorityTerms], day_minutes: int
) -> tuple[LateCredit, ...]:
    """The response and resolution credits, each trigger on its priority's clock."""
    clocks = {p.id: p.clock for p in priorities}
    found = []
    for measure in ("response", "resolution"):
        for entry in getattr(credits, measure, None) or ():
            if entry.priority not in clocks:
                raise ReportError(
                    f"agreement: service_credits.{measure}: unknown priority '{entry.priority}'; "
                    "run `agreekit check` and fix AK206 first"
                )
            after = _target(entry.after, clocks[entry.priority], day_minutes, entry.priority,
                            f"{measure} credit")  # fmt: skip
            found.append(LateCredit(measure, entry.priority, after, float(entry.credit)))
    return tuple(found)


def _tiers(credits: Any) -> tuple[Tier, ...]:
    return tuple(Tier(t.from_, t.to, t.credit) for t in getattr(credits, "tiers", None) or ())


def _schedules(meta: list[Any], availability: Any, credits: Any) -> list[ServiceSchedule]:
    """Each service the agreement lists, with its own target and credits or the agreement's."""
    found = []
    for m in meta:
        for service in getattr(m, "services", None) or []:
            own_availability = service.availability or availability
            own_credits = service.service_credits or credits
            found.append(
                ServiceSchedule(
                    service.id,
                    service.name,
                    own_availability.target if own_availability else None,
                    _tiers(own_credits),
                    own_credits.cap if own_credits else None,
                    own=service.service_credits is not None,
                    fees=tuple(getattr(own_credits, "fees", None) or ()),
                )
            )
    return found
