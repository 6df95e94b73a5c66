"""2xx escalation: levels later in time, reachable known contacts, thresholds within the targets."""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.targets import data_sections, day_minutes, priority_targets
from agreekit.finding import Finding, finding
from agreekit.model.agreement import Agreement
from agreekit.model.duration import parse_duration


def escalation_times_increase(agreement: Agreement) -> Iterator[Finding]:
    """AK210"""
    minutes = day_minutes(agreement)
    for section in data_sections(agreement, "escalation"):
        for path_index, path in enumerate(section.meta.escalation or []):
            previous: tuple[int, str, float] | None = None
            for index, level in enumerate(path.levels):
                where = ("escalation", path_index, "levels", index)
                duration = parse_duration(level.after)
                if duration is None or duration.best_effort:
                    message = f"{path.priority} level {level.level} time '{level.after}' is not a duration; write e.g. 30m, 2h or 1 business day"
                    yield finding("AK210", section.source.locate(*where, "after"), message)
                    continue
                value = duration.minutes(minutes)
                if previous is not None and (level.level <= previous[0] or value <= previous[2]):
                    message = (
                        f"{path.priority} level {level.level} ({level.after}) does not come after "
                        f"level {previous[0]} ({previous[1]}); each level must be higher and later"
                    )
                    yield finding("AK210", section.source.locate(*where, "after"), message)
                previous = (level.level, str(level.after), value)


def escalation_contacts_known(agreement: Agreement) -> Iterator[Finding]:
    """AK211"""
    for section in data_sections(agreement, "escalation"):
        for path_index, path in enumerate(section.meta.escalation or []):
            for index, level in enumerate(path.levels):
                where = ("escalation", path_index, "levels", index)
                if agreement.stakeholder(level.contact) is None:
                    message = f"{path.priority} level {level.level} contact '{level.contact}' is not a stakeholder in agreement.yml; use a stakeholder id"
                    yield finding("AK211", section.source.locate(*where, "contact"), message)
                for field in ("role", "channel"):
                    if not getattr(level, field).strip():
                        message = f"{path.priority} level {level.level} has no {field}; say {'who the contact is in the escalation' if field == 'role' else 'how to reach them (phone, email, ...)'}"
                        yield finding("AK211", section.source.locate(*where), message)


def escalation_within_targets(agreement: Agreement) -> Iterator[Finding]:
    """AK212"""
    minutes = day_minutes(agreement)
    targets = {t.priority.id: t for t in priority_targets(agreement)}
    for section in data_sections(agreement, "escalation"):
        for path_index, path in enumerate(section.meta.escalation or []):
            target = targets.get(path.priority)
            if target is None:
                message = f"escalation for unknown priority '{path.priority}'; use one of {', '.join(targets) or 'the priorities ids'}"
                yield finding(
                    "AK212", section.source.locate("escalation", path_index, "priority"), message
                )
                continue
            if target.response is None or target.resolution is None:
                continue
            low = target.minutes(target.response, minutes)
            high = target.minutes(target.resolution, minutes)
            for index, level in enumerate(path.levels):
                duration = parse_duration(level.after)
                if duration is None or duration.best_effort:
                    continue
                value = target.minutes(duration, minutes)
                if not low <= value <= high:
                    message = (
                        f"{path.priority} level {level.level} at {level.after} is outside "
                        f"{path.priority}'s response..resolution targets "
                        f"({target.priority.response}..{target.priority.resolution})"
                    )
                    where = ("escalation", path_index, "levels", index, "after")
                    yield finding("AK212", section.source.locate(*where), message)
