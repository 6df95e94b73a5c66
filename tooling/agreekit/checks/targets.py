"""The agreement's service-level data as typed values the 2xx checks share: calendar and targets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from agreekit.model.agreement import Agreement
from agreekit.model.duration import Duration, parse_duration
from agreekit.model.section import Section
from agreekit.model.section_data import Priority, ServiceHours
from agreekit.model.service_calendar import business_day_minutes

CLOCKS = ("24x7", "business")


class PriorityTargets(NamedTuple):
    priority: Priority
    position: int
    section: Section
    response: Duration | None
    resolution: Duration | None

    def minutes(self, duration: Duration, day_minutes: int) -> float:
        """Minutes on this priority's clock; a business day is `day_minutes` long."""
        if duration.business or self.priority.clock == "business":
            return duration.minutes(day_minutes)
        return duration.minutes()


def data_sections(agreement: Agreement, key: str) -> Iterator[Section]:
    """Sections whose front matter carries the data block `key`."""
    return (s for s in agreement.sections if getattr(s.meta, key, None) is not None)


def service_hours(agreement: Agreement) -> tuple[ServiceHours, Section] | None:
    for section in data_sections(agreement, "service_hours"):
        assert section.meta.service_hours is not None
        return section.meta.service_hours, section
    return None


def day_minutes(agreement: Agreement) -> int:
    """Length of a business day in minutes: the service hours', or a calendar day without them."""
    found = service_hours(agreement)
    minutes = business_day_minutes(found[0]) if found else 0
    return minutes or 24 * 60


def priority_targets(agreement: Agreement) -> list[PriorityTargets]:
    targets = []
    for section in data_sections(agreement, "priorities"):
        for index, priority in enumerate(section.meta.priorities or []):
            targets.append(
                PriorityTargets(
                    priority,
                    index,
                    section,
                    parse_duration(priority.response),
                    parse_duration(priority.resolution),
                )
            )
    return targets
