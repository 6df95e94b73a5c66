"""2xx service levels: priority targets, the business-time calendar, availability, credits, KPIs."""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.targets import CLOCKS, PriorityTargets, data_sections, service_levels
from agreekit.finding import ERROR, Explanation, Finding, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.section import Section
from agreekit.model.section_data import KpiTarget, ServiceHours
from agreekit.model.service_calendar import calendar_problems, covers_whole_week

EXAMPLE = "write it as 15m, 4h, 8 business hours or 2 business days"


FAMILY = Family()


AK201 = Rule(
    "AK201",
    "response-after-resolution",
    ERROR,
    summary=(
        "A priority's response target is longer than its resolution target, or a target "
        "is not a duration."
    ),
    hint=(
        "Make the response target shorter than the resolution target; write durations as "
        "15m, 4h, 2 business days or best effort."
    ),
    explanation=Explanation(
        what=(
            "For each priority, the response target must be a duration no longer than the"
            " resolution target, measured on the priority's clock. Both targets must be "
            "durations (`15m`, `4h`, `3 hours 36 minutes`, `PT4H`, `8 business hours`, `2"
            " business days`) or `best effort` (or `best effort within 8 hours`, compared as "
            "its limit), written so: a priority with no target "
            "says `best effort`, it does not leave the value out. Any other text (`ASAP`,"
            " `same day`) is not read as a guess: it is a finding. An optional `updates` "
            "interval (how often the reporter hears of progress) must be a duration no "
            "longer than the resolution target."
        ),
        why=(
            "A ticket has to be answered before it can be resolved. A response target "
            "longer than the resolution target is a typo that makes one of the two "
            "targets meaningless, and a target the tooling cannot read cannot be reported"
            " on."
        ),
        example=("- id: P2\n  response: 8 business hours\n  resolution: 4h"),
        fix=("Swap or correct the targets; write each as a duration or `best effort`."),
        fixed=("- id: P2\n  response: 30m\n  resolution: 8 business hours"),
    ),
)


@FAMILY.check(AK201)
def response_within_resolution(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK201"""
    minutes = context.day_minutes
    for target in context.priority_targets:
        source, path = target.section.source, ("priorities", target.position)
        name = target.priority.id
        for kind in ("response", "resolution"):
            if getattr(target, kind) is None:
                message = (
                    f"{name} {kind} target '{getattr(target.priority, kind)}' is not a duration; "
                    f"{EXAMPLE}, or 'best effort' if there is none"
                )
                yield AK201.at(source.locate(*path, kind), message)
        yield from _updates_within_resolution(target, minutes)
        if target.response is None or target.resolution is None:
            continue
        if target.minutes(target.response, minutes) > target.minutes(target.resolution, minutes):
            message = (
                f"{name} response target {target.priority.response} is longer than its "
                f"resolution target {target.priority.resolution}; a ticket must be answered "
                "before it can be resolved"
            )
            yield AK201.at(source.locate(*path, "response"), message)


def _updates_within_resolution(target: PriorityTargets, minutes: int) -> Iterator[Finding]:
    """Progress updates come at a stated interval, and at least once before the resolution."""
    written = target.priority.updates
    if written is None:
        return
    where = target.section.source.locate("priorities", target.position, "updates")
    updates = written.value
    if updates is None or updates.best_effort:
        message = f"{target.priority.id} update interval '{written}' is not a duration; {EXAMPLE}"
        yield AK201.at(where, message)
    elif target.resolution is not None and target.minutes(updates, minutes) > target.minutes(
        target.resolution, minutes
    ):
        message = (
            f"{target.priority.id} updates every {written} but must be resolved within "
            f"{target.priority.resolution}; the first update would come after the resolution"
        )
        yield AK201.at(where, message)


AK202 = Rule(
    "AK202",
    "targets-tighter-for-lower-priority",
    ERROR,
    summary="A lower priority has a tighter target than a higher one.",
    hint="Loosen the lower priority's target or tighten the higher one; ties are allowed.",
    explanation=Explanation(
        what=(
            "Going down the priorities (P1, P2, P3, P4), response and resolution targets "
            "must never get tighter. Equal targets are allowed, as in real matrices "
            "where P3 and P4 share a target. Business days count as the length of the "
            "service day (10 hours for 08:00-18:00)."
        ),
        why=(
            "A lower priority with a tighter target than a higher one inverts the "
            "matrix: the provider would have to serve a cosmetic fault faster than an "
            "outage."
        ),
        example=(
            "- {id: P3, response: 4 business hours, resolution: 3 business days}\n"
            "- {id: P4, response: 1h, resolution: 5 business days}"
        ),
        fix="Make the lower priority's target equal to or longer than the higher one's.",
        fixed=(
            "- {id: P3, response: 4 business hours, resolution: 3 business days}\n"
            "- {id: P4, response: 1 business day, resolution: 5 business days}"
        ),
    ),
)


@FAMILY.check(AK202)
def targets_loosen_with_priority(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK202"""
    minutes = context.day_minutes
    targets = context.priority_targets
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
                yield AK202.at(
                    target.section.source.locate("priorities", target.position, kind),
                    message,
                )
            if previous is None or value >= previous[1]:
                previous = (target, value)


AK203 = Rule(
    "AK203",
    "business-time-without-calendar",
    ERROR,
    summary="A target runs in business time but there is no sound service-hours calendar.",
    hint=(
        "Add service_hours (days, start, end, timezone, holidays) to the service-levels section."
    ),
    explanation=Explanation(
        what=(
            "Every priority names its clock, `24x7` or `business` (a missing clock is a "
            "finding, never a silent business-hours default). A target in business time "
            "needs a `service_hours` calendar, and the calendar must be usable: an IANA "
            "time zone, known days, start before end (`24:00` is the end of the day), and"
            " a holiday country that is an ISO 3166-1 alpha-2 code the holidays list "
            "knows (`UK` is not one: the suggestion is `GB`). A priority on the 24x7 "
            "clock, when the service hours are not 24x7, needs an `out_of_hours` route in"
            " `service_hours` naming it, with a channel and optionally a stakeholder "
            "`contact`."
        ),
        why=(
            '"8 business hours" means nothing until the business hours, days, time zone '
            "and public holidays are stated: the parties would measure the same ticket "
            "differently. A 24x7 promise nobody can reach at night is not kept."
        ),
        example=(
            'service_hours: {timezone: Europe/London, days: [mon, tue, wed, thu, fri], start: "08:00", end: "18:00",\n'
            "                holidays: {country: UK}}\n"
            "priorities:\n"
            "  - {id: P1, response: 15m, resolution: 4h, clock: 24x7}\n"
            "  - {id: P2, response: 30m, resolution: 8 business hours}"
        ),
        fix=(
            "State each clock, use the ISO code, and give the 24x7 priorities an out-of-"
            "hours route."
        ),
        fixed=(
            "service_hours:\n"
            "  timezone: Europe/London\n"
            "  days: [mon, tue, wed, thu, fri]\n"
            '  start: "08:00"\n'
            '  end: "18:00"\n'
            "  holidays: {country: GB, subdivision: ENG}\n"
            "  out_of_hours:\n"
            "    - {priorities: [P1], channel: telephone 0117 496 0800, contact: on-call-lead}\n"
            "priorities:\n"
            "  - {id: P1, response: 15m, resolution: 4h, clock: 24x7}\n"
            "  - {id: P2, response: 30m, resolution: 8 business hours, clock: business}"
        ),
    ),
)


@FAMILY.check(AK203)
def business_time_has_calendar(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK203"""
    found = context.service_hours
    if found is not None:
        hours, section = found
        for field, message in calendar_problems(hours):
            where = section.source.locate("service_hours", *field.split("."))
            yield AK203.at(where, message)
    for target in context.priority_targets:
        source, path = target.section.source, ("priorities", target.position)
        clock = target.priority.clock
        if clock is None:
            message = (
                f"{target.priority.id} names no clock; add clock: business (the service hours) "
                "or clock: 24x7"
            )
            yield AK203.at(source.key_location(*path), message)
            continue
        if clock not in CLOCKS:
            message = f"{target.priority.id} clock '{clock}' is unknown; use 24x7 or business"
            yield AK203.at(source.locate(*path, "clock"), message)
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
                yield AK203.at(source.locate(*path, kind), message)
    if found is not None:
        yield from _out_of_hours_known(agreement, context.priority_targets, *found)


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
    yield AK203.at(where, message)


def _out_of_hours_known(
    agreement: Agreement, targets: list[PriorityTargets], hours: ServiceHours, section: Section
) -> Iterator[Finding]:
    known = {t.priority.id for t in targets}
    for index, route in enumerate(hours.out_of_hours):
        for position, priority in enumerate(route.priorities):
            if priority not in known:
                message = f"out-of-hours route for unknown priority '{priority}'"
                where = section.source.locate(
                    "service_hours", "out_of_hours", index, "priorities", position
                )
                yield AK203.at(where, message)
        if route.contact is not None and agreement.stakeholder(route.contact) is None:
            message = (
                f"out-of-hours contact '{route.contact}' is not a stakeholder in agreement.yml"
            )
            where = section.source.locate("service_hours", "out_of_hours", index, "contact")
            yield AK203.at(where, message)


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


AK204 = Rule(
    "AK204",
    "availability-undefined",
    ERROR,
    summary=(
        "The uptime target is not in (0, 100), or availability lacks a formula, "
        "exclusions or a maintenance notice period."
    ),
    hint=(
        "Set a target between 0 and 100 and state the formula, the exclusions and the "
        "maintenance notice."
    ),
    explanation=Explanation(
        what=(
            "Each availability block (the agreement-wide `availability`, and each "
            "service's under `services`) must have a target above 0 and below 100 "
            "percent, an optional `minimum` above 0 and at most the target, a formula and"
            " its exclusions. A maintenance window needs a notice period (`5 business "
            "days` counts on the service calendar). (A missing measurement window is "
            "AK102, an empty one AK105.)"
        ),
        why=(
            "100% cannot be met and 0% promises nothing; an uptime figure without a "
            "formula, a window and exclusions cannot be measured or disputed. A minimum "
            "above the target is a typo that turns the aim into the floor."
        ),
        example=("availability:\n  target: 99.5\n  minimum: 99.9\n  window: calendar month"),
        fix=(
            "Set a realistic target and minimum, and state the formula, exclusions and "
            "maintenance notice."
        ),
        fixed=(
            "availability:\n"
            "  target: 99.9\n"
            "  minimum: 99.5\n"
            "  window: calendar month\n"
            '  formula: "(minutes in the window - minutes of unplanned downtime) / minutes in the window x 100"\n'
            "  exclusions: [Planned maintenance notified in line with the notice period]\n"
            '  maintenance: {window: "Sundays 06:00-10:00", notice: 5 business days}'
        ),
    ),
)


@FAMILY.check(AK204)
def availability_defined(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
            yield AK204.at(level.locate("availability", "target"), message)
        minimum = availability.minimum
        if minimum is not None and not 0 < minimum <= availability.target:
            message = (
                f"minimum availability {minimum:g}% must be above 0 and at most the "
                f"{availability.target:g}% target"
            )
            yield AK204.at(level.locate("availability", "minimum"), message)
        if not availability.formula.strip():
            message = "availability has no formula; say how uptime is calculated from downtime"
            yield AK204.at(where, message)
        if not availability.exclusions:
            message = "availability lists no exclusions; list what does not count as downtime"
            yield AK204.at(where, message)
        maintenance = availability.maintenance
        if maintenance is not None and maintenance.window and maintenance.notice.value is None:
            message = (
                "the maintenance window has no notice period; add maintenance.notice, "
                "e.g. 5 business days"
            )
            yield AK204.at(
                level.key_location("availability", "maintenance"),
                message,
            )


AK205 = Rule(
    "AK205",
    "allowed-downtime-mismatch",
    ERROR,
    summary="The stated allowed downtime disagrees with the uptime target and the window.",
    hint="Set allowed_downtime to (1 - target) x minutes in the window.",
    explanation=Explanation(
        what=(
            "A stated `allowed_downtime` must equal (1 - target) x the minutes in the "
            "measurement window, within one minute. The window's length is "
            "`window_minutes`, or the usual length of a named window (a calendar month "
            "counts as 30 days, 43,200 minutes)."
        ),
        why=(
            "Readers quote the downtime figure, not the percentage. When the two "
            "disagree, the parties will each rely on the one that suits them."
        ),
        example=("target: 99.5\nwindow_minutes: 43200\nallowed_downtime: 4h"),
        fix="Correct allowed_downtime to the figure in the message.",
        fixed=("target: 99.5\nwindow_minutes: 43200\nallowed_downtime: 216m"),
    ),
)


@FAMILY.check(AK205)
def allowed_downtime_matches(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK205"""
    for level in service_levels(agreement):
        availability = level.availability
        if availability is None or level.inherited or availability.allowed_downtime is None:
            continue
        where = level.locate("availability", "allowed_downtime")
        stated = availability.allowed_downtime.value
        if stated is None or stated.best_effort or stated.business:
            message = f"allowed downtime '{availability.allowed_downtime}' is not a duration; write it in minutes, e.g. 216m"
            yield AK205.at(where, message)
            continue
        window = availability.window_minutes or WINDOW_MINUTES.get(availability.window.lower())
        if window is None:
            message = (
                f"cannot check the allowed downtime: the window '{availability.window}' has no "
                "known length; add window_minutes"
            )
            yield AK205.at(where, message)
            continue
        expected = (1 - availability.target / 100) * window
        if abs(stated.minutes() - expected) > 1:
            message = (
                f"allowed downtime {availability.allowed_downtime} disagrees with the target: "
                f"(1 - {availability.target:g}%) x {window} minutes is {expected:.0f} minutes"
            )
            yield AK205.at(where, message)


# What each KPI target type judges: the `of` values it accepts ("" = none) and its value's range.
KPI_OF = {
    "share-within-target": ("response", "resolution"),
    "average-at-least": ("satisfaction",),
    "count-at-most": ("",),
    "availability-at-least": ("",),
    "count": ("",),
}


def _value_problems(kind: str, value: float) -> Iterator[tuple[str, str]]:
    percent = kind in ("share-within-target", "availability-at-least")
    if percent and not 0 < value <= 100:
        yield "value", f"target value {value:g} is a percentage: above 0 and at most 100"
    if kind == "count-at-most" and (value < 0 or value != int(value)):
        yield "value", f"target value {value:g} is a count: a whole number, 0 or more"
    if kind == "average-at-least" and value < 0:
        yield "value", f"target value {value:g} is an average score: 0 or more"


def kpi_target_problems(target: KpiTarget, priority_ids: set[str]) -> Iterator[tuple[str, str]]:
    """What keeps the report from judging a typed KPI target, as (field, message) pairs."""
    accepted = KPI_OF[target.type]
    if target.of not in accepted:
        wanted = " or ".join(repr(of) for of in accepted if of) or "no 'of'"
        yield "of", f"target of type {target.type} takes {wanted}, not {target.of!r}"
    if target.type == "count" and target.value is not None:
        yield "value", "a count is reported, not judged: remove the value, or use count-at-most"
    if target.value is None and target.type != "count":
        yield "value", f"target of type {target.type} needs a value (its threshold)"
    if target.value is not None:
        yield from _value_problems(target.type, target.value)
    if target.priorities and target.type in ("average-at-least", "availability-at-least"):
        yield "priorities", f"target of type {target.type} is not per priority; remove priorities"
    for position, priority in enumerate(target.priorities):
        if priority_ids and priority not in priority_ids:
            known = ", ".join(sorted(priority_ids))
            yield (
                "priorities",
                f"target names priority {priority!r} (item {position + 1}), which the agreement does not define ({known})",
            )


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


AK207 = Rule(
    "AK207",
    "kpi-unmeasurable",
    ERROR,
    summary=(
        "A KPI has no measure or a target the report cannot judge, or reporting has an "
        "unknown frequency or recipients who are not stakeholders."
    ),
    hint=(
        "Give each KPI a measure and a typed target ({type, value, of}); report daily, "
        "weekly, monthly or quarterly to stakeholders."
    ),
    explanation=Explanation(
        what=(
            "Each KPI must have a measure and a typed target the service report can judge "
            "(share-within-target of response or resolution, average-at-least of satisfaction, "
            "count-at-most, availability-at-least, or count, reported without a threshold; "
            "percentages above 0 and at most 100, a "
            "count whole, priorities the agreement defines); reporting must have a frequency "
            "among daily, weekly, fortnightly, monthly, quarterly, half-yearly, yearly "
            "or annually, and recipients who are stakeholders. A KPI of the profile "
            "missing altogether (response time, resolution time, customer satisfaction, "
            "incidents reported, uptime) and a missing reporting frequency are AK102."
        ),
        why=(
            "A KPI without a target or a way to measure it cannot be reported; a report "
            "sent to nobody, or to someone not named in the agreement, will not be read."
        ),
        example=(
            "kpis:\n"
            "  - {id: customer-satisfaction, name: Customer satisfaction,\n"
            "     target: {type: share-within-target, of: satisfaction, value: 4.2}}\n"
            "reporting: {frequency: now and then, recipients: [ceo]}"
        ),
        fix=(
            "Add the measure, give the target the `of` its type takes, use a known frequency "
            "and list stakeholder ids as recipients."
        ),
        fixed=(
            "kpis:\n"
            "  - id: customer-satisfaction\n"
            "    name: Customer satisfaction\n"
            "    target: {type: average-at-least, of: satisfaction, value: 4.2}\n"
            '    description: "Average of at least 4.2 out of 5"\n'
            "    measure: Survey sent on every closed ticket\n"
            "reporting: {frequency: monthly, recipients: [daniel-reeve]}"
        ),
    ),
)


@FAMILY.check(AK207)
def kpis_measurable(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK207 (a KPI missing from the profile's list is AK102)"""
    priority_ids = {target.priority.id for target in context.priority_targets}
    for section in data_sections(agreement, "kpis"):
        for index, kpi in enumerate(section.meta.kpis or []):
            if not kpi.measure.strip():
                message = f"KPI '{kpi.id}' has no measure; say how it is measured"
                yield AK207.at(section.source.key_location("kpis", index), message)
            for field, message in kpi_target_problems(kpi.target, priority_ids):
                where = section.source.locate("kpis", index, "target", field)
                yield AK207.at(where, f"KPI '{kpi.id}' {message}")
    for section in data_sections(agreement, "reporting"):
        reporting = section.meta.reporting
        assert reporting is not None
        frequency = reporting.frequency.strip().lower()
        if frequency and frequency not in REPORTING_FREQUENCIES:
            message = f"reporting frequency '{reporting.frequency}' is not one of {', '.join(REPORTING_FREQUENCIES)}"
            yield AK207.at(section.source.locate("reporting", "frequency"), message)
        if not reporting.recipients:
            message = (
                "reporting has no recipients; list the stakeholder ids who receive the reports"
            )
            yield AK207.at(section.source.key_location("reporting"), message)
        for index, recipient in enumerate(reporting.recipients):
            if agreement.stakeholder(recipient) is None:
                message = f"report recipient '{recipient}' is not a stakeholder in agreement.yml"
                yield AK207.at(section.source.locate("reporting", "recipients", index), message)
