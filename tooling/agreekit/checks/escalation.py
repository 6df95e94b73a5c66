"""2xx escalation: levels later in time, reachable known contacts, thresholds within the targets."""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.targets import data_sections
from agreekit.finding import ERROR, Explanation, Finding, Rule
from agreekit.model.agreement import Agreement

FAMILY = Family()


AK210 = Rule(
    "AK210",
    "escalation-not-increasing",
    ERROR,
    summary="Escalation levels are not strictly later in time.",
    hint="Order the levels so each is higher and later than the one before.",
    explanation=Explanation(
        what=(
            "Within each priority's escalation path, levels must be numbered upwards and "
            "each `after` time must be strictly later than the previous level's. Each "
            "time must be a duration."
        ),
        why=(
            "Escalating to the managing director before the team lead, or to two people "
            "at the same moment, leaves nobody sure who owns the ticket."
        ),
        example=(
            "- {level: 1, after: 2h, contact: liam-carter}\n"
            "- {level: 2, after: 1h, contact: sofia-marin}"
        ),
        fix="Order the levels by time, each later than the last.",
        fixed=(
            "- {level: 1, after: 1h, contact: liam-carter}\n"
            "- {level: 2, after: 2h, contact: sofia-marin}"
        ),
    ),
)


@FAMILY.check(AK210)
def escalation_times_increase(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK210"""
    minutes = context.day_minutes
    for section in data_sections(agreement, "escalation"):
        for path_index, path in enumerate(section.meta.escalation or []):
            previous: tuple[int, str, float] | None = None
            for index, level in enumerate(path.levels):
                where = ("escalation", path_index, "levels", index)
                duration = level.after.value
                if duration is None or duration.best_effort:
                    message = f"{path.priority} level {level.level} time '{level.after}' is not a duration; write e.g. 30m, 2h or 1 business day"
                    yield AK210.at(section.source.locate(*where, "after"), message)
                    continue
                value = duration.minutes(minutes)
                if previous is not None and (level.level <= previous[0] or value <= previous[2]):
                    message = (
                        f"{path.priority} level {level.level} ({level.after}) does not come after "
                        f"level {previous[0]} ({previous[1]}); each level must be higher and later"
                    )
                    yield AK210.at(section.source.locate(*where, "after"), message)
                previous = (level.level, str(level.after), value)


AK211 = Rule(
    "AK211",
    "escalation-contact-unknown",
    ERROR,
    summary="An escalation contact is not a stakeholder, or a level has no role or channel.",
    hint="Use a stakeholder id from agreement.yml and give each level a role and a channel.",
    explanation=Explanation(
        what=(
            "Each escalation level's contact must be a stakeholder id from "
            "agreement.yml, and each level must give the contact's role and the channel "
            "to reach them."
        ),
        why=(
            "An escalation to someone the agreement does not name, or with no way to "
            "reach them, fails at the moment it matters."
        ),
        example="- {level: 2, after: 1h, contact: sofia, role: Service Delivery Manager}",
        fix="Use the stakeholder's id and add the channel.",
        fixed=(
            "- {level: 2, after: 1h, contact: sofia-marin, role: Service Delivery "
            "Manager, channel: phone}"
        ),
    ),
)


@FAMILY.check(AK211)
def escalation_contacts_known(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK211"""
    for section in data_sections(agreement, "escalation"):
        for path_index, path in enumerate(section.meta.escalation or []):
            for index, level in enumerate(path.levels):
                where = ("escalation", path_index, "levels", index)
                if agreement.stakeholder(level.contact) is None:
                    message = f"{path.priority} level {level.level} contact '{level.contact}' is not a stakeholder in agreement.yml; use a stakeholder id"
                    yield AK211.at(section.source.locate(*where, "contact"), message)
                for field in ("role", "channel"):
                    if not getattr(level, field).strip():
                        message = f"{path.priority} level {level.level} has no {field}; say {'who the contact is in the escalation' if field == 'role' else 'how to reach them (phone, email, ...)'}"
                        yield AK211.at(section.source.locate(*where), message)


AK212 = Rule(
    "AK212",
    "escalation-outside-targets",
    ERROR,
    summary="An escalation time falls outside its priority's response..resolution targets.",
    hint="Escalate after the response target and no later than the resolution target.",
    explanation=Explanation(
        what=(
            "Each escalation time must lie between its priority's response target and "
            "resolution target (inclusive), on the priority's clock; and the priority "
            "must exist."
        ),
        why=(
            "Escalating before the response target is due is noise; escalating after the "
            "resolution target has passed is too late to save it."
        ),
        example=(
            "# P1: response 15m, resolution 4h\n- {level: 3, after: 6h, contact: mark-ellison}"
        ),
        fix="Move the escalation inside the priority's targets.",
        fixed="- {level: 3, after: 2h, contact: mark-ellison}",
    ),
)


@FAMILY.check(AK212)
def escalation_within_targets(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK212"""
    minutes = context.day_minutes
    targets = {t.priority.id: t for t in context.priority_targets}
    for section in data_sections(agreement, "escalation"):
        for path_index, path in enumerate(section.meta.escalation or []):
            target = targets.get(path.priority)
            if target is None:
                message = f"escalation for unknown priority '{path.priority}'; use one of {', '.join(targets) or 'the priorities ids'}"
                yield AK212.at(section.source.locate("escalation", path_index, "priority"), message)
                continue
            if target.response is None or target.resolution is None:
                continue
            low = target.minutes(target.response, minutes)
            high = target.minutes(target.resolution, minutes)
            for index, level in enumerate(path.levels):
                duration = level.after.value
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
                    yield AK212.at(section.source.locate(*where), message)
