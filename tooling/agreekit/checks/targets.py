"""The agreement's service-level data as typed values the 2xx checks share: calendar, targets and
the availability and credits of each service."""

from collections.abc import Iterator
from typing import NamedTuple

from agreekit.finding import Location
from agreekit.model.agreement import Agreement
from agreekit.model.duration import Duration
from agreekit.model.section import Section
from agreekit.model.section_data import Availability, Priority, ServiceCredits, ServiceHours
from agreekit.model.service_calendar import business_day_minutes

CLOCKS = ("24x7", "business")


class PriorityTargets(NamedTuple):
    priority: Priority
    position: int
    section: Section
    response: Duration | None
    resolution: Duration | None

    def minutes(self, duration: Duration, day_minutes: int) -> float:
        """Minutes on this priority's clock; a business day is `day_minutes` long.

        On a business clock every day is a business day: "1 day" there is one service day.
        """
        if self.priority.clock != "24x7" and all(
            u in ("day", "hour", "minute") for _, u in duration.parts
        ):
            return duration._replace(business=True).minutes(day_minutes)
        return duration.minutes(day_minutes)


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
                    priority.response.value,
                    priority.resolution.value,
                )
            )
    return targets


class ServiceLevels(NamedTuple):
    """One service's availability and credits, and where they are written (`prefix` in `section`)."""

    name: str
    section: Section
    prefix: tuple[str | int, ...]
    availability: Availability | None
    credits: ServiceCredits | None
    inherited: bool = False  # the availability is the agreement-wide one, written elsewhere

    def locate(self, *path: str | int) -> Location:
        """The value at `path` under this service's data (its own, or the agreement-wide one)."""
        return self.section.source.locate(*self.prefix, *path)

    def key_location(self, *path: str | int) -> Location:
        return self.section.source.key_location(*self.prefix, *path)


def service_levels(agreement: Agreement) -> list[ServiceLevels]:
    """The agreement-wide availability and credits, then each service's own.

    A service without its own availability target is held to the agreement-wide one.
    """
    found: list[ServiceLevels] = []
    shared: Availability | None = None
    for section in agreement.sections:
        meta = section.meta
        if meta.availability is not None or meta.service_credits is not None:
            found.append(
                ServiceLevels(
                    "the agreement-wide credits",
                    section,
                    (),
                    meta.availability,
                    meta.service_credits,
                )
            )
            shared = shared or meta.availability
    for section in agreement.sections:
        for index, service in enumerate(section.meta.services or []):
            found.append(
                ServiceLevels(
                    f"service '{service.id}'",
                    section,
                    ("services", index),
                    service.availability,
                    service.service_credits,
                )
            )
    return [
        level
        if level.availability is not None or level.credits is None
        else level._replace(availability=shared, inherited=True)
        for level in found
    ]
