"""2xx service levels: priority targets, the business-time calendar, availability, credits, KPIs."""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.targets import (
    CLOCKS,
    data_sections,
)
from agreekit.finding import ERROR, Explanation, Finding, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.duration import parse_duration
from agreekit.model.service_calendar import calendar_problems

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
            "For each priority, the response target must be a duration no longer than "
            "the resolution target, measured on the priority's clock. Both targets must "
            "be durations (`15m`, `4h`, `8 business hours`, `2 business days`); only the "
            "resolution may be `best effort`, and only when written so. Any other text "
            "(`ASAP`, `same day`) is not read as a guess: it is a finding."
        ),
        why=(
            "A ticket has to be answered before it can be resolved. A response target "
            "longer than the resolution target is a typo that makes one of the two "
            "targets meaningless, and a target the tooling cannot read cannot be "
            "reported on."
        ),
        example=("- id: P2\n  response: 8 business hours\n  resolution: 4h"),
        fix="Swap or correct the targets; write each as a duration or `best effort`.",
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
        if target.response is None or target.response.best_effort:
            message = (
                f"{name} response target '{target.priority.response}' is not a duration; {EXAMPLE}"
            )
            yield AK201.at(source.locate(*path, "response"), message)
        if target.resolution is None:
            message = (
                f"{name} resolution target '{target.priority.resolution}' is not a duration; "
                f"{EXAMPLE}, or 'best effort' if there is none"
            )
            yield AK201.at(source.locate(*path, "resolution"), message)
        if target.response is None or target.resolution is None or target.response.best_effort:
            continue
        if target.minutes(target.response, minutes) > target.minutes(target.resolution, minutes):
            message = (
                f"{name} response target {target.priority.response} is longer than its "
                f"resolution target {target.priority.resolution}; a ticket must be answered "
                "before it can be resolved"
            )
            yield AK201.at(source.locate(*path, "response"), message)


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
            "A target runs in business time (a `business` duration, or a priority whose "
            "`clock` is `business`) but the agreement has no `service_hours` calendar; "
            "or the calendar is unusable (an unknown time zone, unknown days, end before "
            "start); or a priority's clock is neither `24x7` nor `business`."
        ),
        why=(
            '"8 business hours" means nothing until the business hours, days, time zone '
            "and public holidays are stated: the parties would measure the same ticket "
            "differently."
        ),
        example=(
            "priorities:\n"
            "  - {id: P2, response: 30m, resolution: 8 business hours, clock: business}\n"
            "# and no service_hours anywhere"
        ),
        fix="Add service_hours to the service-levels section.",
        fixed=(
            "service_hours:\n"
            "  timezone: Europe/London\n"
            "  days: [mon, tue, wed, thu, fri]\n"
            '  start: "08:00"\n'
            '  end: "18:00"\n'
            "  holidays: {country: GB, subdivision: ENG}"
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
            yield AK203.at(section.source.locate("service_hours", field), message)
    for target in context.priority_targets:
        source, path = target.section.source, ("priorities", target.position)
        clock = target.priority.clock
        if clock not in CLOCKS:
            message = f"{target.priority.id} clock '{clock}' is unknown; use 24x7 or business"
            yield AK203.at(source.locate(*path, "clock"), message)
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
                yield AK203.at(source.locate(*path, kind), message)


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
            "The availability target must be above 0 and below 100 percent, and "
            "availability must state a formula and its exclusions. A maintenance window "
            "needs a notice period. (A missing measurement window is AK102, an empty one "
            "AK105.)"
        ),
        why=(
            "100% cannot be met and 0% promises nothing; an uptime figure without a "
            "formula, a window and exclusions cannot be measured or disputed."
        ),
        example=("availability:\n  target: 100\n  window: calendar month"),
        fix=("Set a realistic target and state the formula, exclusions and maintenance notice."),
        fixed=(
            "availability:\n"
            "  target: 99.5\n"
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
    for section in data_sections(agreement, "availability"):
        availability = section.meta.availability
        assert availability is not None
        source = section.source
        if not 0 < availability.target < 100:
            message = (
                f"availability target {availability.target:g}% must be above 0 and below 100; "
                "100% cannot be met and is never measured"
            )
            yield AK204.at(source.locate("availability", "target"), message)
        if not availability.formula.strip():
            message = "availability has no formula; say how uptime is calculated from downtime"
            yield AK204.at(source.key_location("availability"), message)
        if not availability.exclusions:
            message = "availability lists no exclusions; list what does not count as downtime"
            yield AK204.at(source.key_location("availability"), message)
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
            yield AK204.at(source.key_location("availability", "maintenance"), message)


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
    for section in data_sections(agreement, "availability"):
        availability = section.meta.availability
        assert availability is not None
        if availability.allowed_downtime is None:
            continue
        where = section.source.locate("availability", "allowed_downtime")
        stated = parse_duration(availability.allowed_downtime)
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


AK206 = Rule(
    "AK206",
    "service-credit-tiers",
    ERROR,
    summary=(
        "Service-credit tiers have gaps or overlaps, credits that fall as uptime falls, "
        "or no cap or claim window."
    ),
    hint=(
        "Make the tiers meet end to end below the target, credits grow as uptime falls, "
        "and add cap and claim_window."
    ),
    explanation=Explanation(
        what=(
            "Service-credit tiers must sit below the availability target, start at it, "
            "and meet end to end (`from` inclusive, `to` exclusive) with no gaps or "
            "overlaps; the credit must not fall as uptime falls; there must be a cap no "
            "lower than the largest credit, and a claim window."
        ),
        why=(
            "A real template in the wild has 99.0-99.4% and 95.0-99.0% under a 99.5% "
            "target: uptime of 99.45% earns nothing and 99.0% falls in two tiers. Gaps "
            "and overlaps are where disputes start."
        ),
        example=(
            "tiers:\n  - {from: 99.0, to: 99.4, credit: 5}\n  - {from: 95.0, to: 99.0, credit: 10}"
        ),
        fix=(
            "Make the top tier end at the target and each tier end where the next "
            "begins; add a cap and claim window."
        ),
        fixed=(
            "tiers:\n"
            "  - {from: 99.0, to: 99.5, credit: 5}\n"
            "  - {from: 95.0, to: 99.0, credit: 10}\n"
            "cap: 10\n"
            "claim_window: 30 days"
        ),
    ),
)


@FAMILY.check(AK206)
def service_credits_consistent(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
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
                yield AK206.at(source.locate("service_credits", "tiers", index), message)
        if tiers and target is not None:
            index, top = tiers[0]
            if top.to > target:
                message = f"credit tier {top.from_:g}-{top.to:g}% reaches above the {target:g}% target; credits start below it"
                yield AK206.at(source.locate("service_credits", "tiers", index, "to"), message)
            elif top.to < target:
                message = f"gap between the top credit tier ({top.to:g}%) and the {target:g}% target: uptime in between earns nothing"
                yield AK206.at(source.locate("service_credits", "tiers", index, "to"), message)
        for (_, upper), (index, lower) in zip(tiers, tiers[1:], strict=False):
            at = source.locate("service_credits", "tiers", index, "to")
            if lower.to < upper.from_:
                message = f"gap between credit tiers: nothing covers {lower.to:g}-{upper.from_:g}%; make the tiers meet"
                yield AK206.at(at, message)
            elif lower.to > upper.from_:
                message = f"credit tiers overlap between {upper.from_:g}% and {lower.to:g}%; make each tier end where the next begins"
                yield AK206.at(at, message)
            if lower.credit < upper.credit:
                message = (
                    f"credit falls as uptime falls: {lower.credit:g}% below {lower.to:g}% but "
                    f"{upper.credit:g}% above; credits must grow as uptime falls"
                )
                yield AK206.at(source.locate("service_credits", "tiers", index, "credit"), message)
        if credits.cap is None:
            message = "service credits have no cap; add cap (most credit in a month, % of charges)"
            yield AK206.at(source.key_location("service_credits"), message)
        elif credits.tiers and credits.cap < max(t.credit for t in credits.tiers):
            message = f"cap {credits.cap:g}% is below the largest tier credit; raise the cap or lower the tier"
            yield AK206.at(source.locate("service_credits", "cap"), message)
        claim = parse_duration(credits.claim_window)
        if claim is None or claim.best_effort:
            message = "service credits have no claim window; add claim_window, e.g. 30 days"
            yield AK206.at(source.key_location("service_credits"), message)


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
        "A KPI has no target or measure, or reporting has an unknown frequency or "
        "recipients who are not stakeholders."
    ),
    hint=(
        "Give each KPI a target and a measure; report daily, weekly, monthly or "
        "quarterly to stakeholders."
    ),
    explanation=Explanation(
        what=(
            "Each KPI must have a target and a measure; reporting must have a frequency "
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
            '  - {id: customer-satisfaction, name: Customer satisfaction, target: "4.2 out of 5"}\n'
            "reporting: {frequency: now and then, recipients: [ceo]}"
        ),
        fix="Add the measure, use a known frequency and list stakeholder ids as recipients.",
        fixed=(
            "kpis:\n"
            "  - id: customer-satisfaction\n"
            "    name: Customer satisfaction\n"
            '    target: "Average of at least 4.2 out of 5"\n'
            "    measure: Survey sent on every closed ticket\n"
            "reporting: {frequency: monthly, recipients: [daniel-reeve]}"
        ),
    ),
)


@FAMILY.check(AK207)
def kpis_measurable(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK207 (a KPI missing from the profile's list is AK102)"""
    for section in data_sections(agreement, "kpis"):
        for index, kpi in enumerate(section.meta.kpis or []):
            for field in ("target", "measure"):
                if not getattr(kpi, field).strip():
                    message = f"KPI '{kpi.id}' has no {field}; say {'what counts as meeting it' if field == 'target' else 'how it is measured'}"
                    yield AK207.at(section.source.key_location("kpis", index), message)
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
