"""2xx money: service credits as money off fees: tiers that meet their target and reach the floor, response and
resolution credits that start at their target, and caps within the fees they apply to."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.targets import ServiceLevels, service_levels
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.section_data import ServiceCredits, TargetCredit

Locator = Callable[..., Location]

FAMILY = Family()


AK206 = Rule(
    "AK206",
    "service-credit-tiers",
    ERROR,
    summary=(
        "Service credits have gaps, overlaps or tiers short of 0%, credits that fall as service "
        "worsens, credits or caps above 100% of their fees, or no cap or claim window."
    ),
    hint=(
        "Make the tiers meet end to end from the target down to 0%, start target credits at "
        "the target, keep credits and caps within the fees, and add cap and claim_window."
    ),
    explanation=Explanation(
        what=(
            "Each credit schedule (the agreement-wide `service_credits`, and each "
            "service's) is money taken off fees, so: availability tiers sit below the "
            "target (or below the `minimum` when there is one), start at it, meet end to "
            "end (`from` inclusive, `to` exclusive) and reach 0% (the worst outage must "
            "not earn less than a milder one); credits grow as uptime falls; response and"
            " resolution credits (`response:`/`resolution:` entries with `priority`, "
            "`after` and `credit`) name a known priority and start at its target, neither"
            " earned while the target is met nor leaving misses between the target and "
            "the trigger unpaid, and grow as the delay grows; every credit and the cap "
            "are at most 100% of the fees they apply to (`fees`: cost line ids; none "
            "means all the periodic charges); the cap is no lower than the largest "
            "credit; schedules that credit the same fees have caps adding up to at most "
            "100%; there is a claim window."
        ),
        why=(
            "A real template in the wild has 99.0-99.4% and 95.0-99.0% under a 99.5% "
            "target: uptime of 99.45% earns nothing and 99.0% falls in two tiers. A cap "
            "of 150% of the fees, or a response credit earned while the target is met, is"
            " a drafting error that costs real money."
        ),
        example=(
            "tiers:\n"
            "  - {from: 99.0, to: 99.4, credit: 5}\n"
            "  - {from: 95.0, to: 99.0, credit: 10}\n"
            "response:\n"
            "  - {priority: P1, after: 30m, credit: 5}   # the P1 response target is 15m\n"
            "cap: 120"
        ),
        fix=(
            "Make the top tier end at the target (or minimum), each tier end where the "
            "next begins and the lowest start at 0; start target credits at the target; "
            "keep credits and caps within 100%."
        ),
        fixed=(
            "tiers:\n"
            "  - {from: 99.0, to: 99.5, credit: 5}\n"
            "  - {from: 0, to: 99.0, credit: 10}\n"
            "response:\n"
            "  - {priority: P1, after: 15m, credit: 5}\n"
            "cap: 15\n"
            "fees: [service-desk]\n"
            "claim_window: 30 days"
        ),
    ),
)


@FAMILY.check(AK206)
def service_credits_consistent(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK206"""
    levels = service_levels(agreement)
    for level in levels:
        if level.credits is not None:
            yield from credit_findings(agreement, context, level)
    yield from shared_fee_findings(levels)


def credit_findings(
    agreement: Agreement, context: CheckContext, level: ServiceLevels
) -> Iterator[Finding]:
    """Every problem of one credit schedule, each at the line that states it."""
    credits = level.credits
    assert credits is not None

    def at(*path: str | int) -> Location:
        return level.locate("service_credits", *path)

    whole = level.key_location("service_credits")
    yield from _tier_findings(level, credits, at)
    for kind in ("response", "resolution"):
        yield from _target_credit_findings(context, credits, kind, at)
    yield from _cap_findings(credits, at, whole)
    yield from _fee_findings(agreement, credits, at)
    claim = credits.claim_window.value
    if claim is None or claim.best_effort:
        message = "service credits have no claim window; add claim_window, e.g. 30 days"
        yield AK206.at(whole, message)


def _tier_findings(level: ServiceLevels, credits: ServiceCredits, at: Locator) -> Iterator[Finding]:
    tiers = sorted(enumerate(credits.tiers), key=lambda pair: -pair[1].to)
    for index, tier in tiers:
        if tier.from_ >= tier.to:
            message = f"credit tier {tier.from_:g}-{tier.to:g}% is empty: 'from' must be below 'to'"
            yield AK206.at(at("tiers", index), message)
        if not 0 <= tier.credit <= 100:
            message = f"credit {tier.credit:g}% is not a share of the fees: write 0 to 100"
            yield AK206.at(at("tiers", index, "credit"), message)
    availability = level.availability
    if tiers and availability is None:
        message = (
            "availability credit tiers but no availability target to start from; add "
            "availability (or move the tiers to the service whose availability they credit)"
        )
        yield AK206.at(level.key_location("service_credits", "tiers"), message)
    if tiers and availability is not None:
        index, top = tiers[0]
        minimum = availability.minimum
        start, what = (
            (minimum, f"{minimum:g}% minimum")
            if minimum is not None
            else (availability.target, f"{availability.target:g}% target")
        )
        if top.to > start:
            message = f"credit tier {top.from_:g}-{top.to:g}% reaches above the {what}; credits start below it"
            yield AK206.at(at("tiers", index, "to"), message)
        elif top.to < start:
            message = f"gap between the top credit tier ({top.to:g}%) and the {what}: uptime in between earns nothing"
            yield AK206.at(at("tiers", index, "to"), message)
    for (_, upper), (index, lower) in zip(tiers, tiers[1:], strict=False):
        if lower.to < upper.from_:
            message = f"gap between credit tiers: nothing covers {lower.to:g}-{upper.from_:g}%; make the tiers meet"
            yield AK206.at(at("tiers", index, "to"), message)
        elif lower.to > upper.from_:
            message = f"credit tiers overlap between {upper.from_:g}% and {lower.to:g}%; make each tier end where the next begins"
            yield AK206.at(at("tiers", index, "to"), message)
        if lower.credit < upper.credit:
            message = (
                f"credit falls as uptime falls: {lower.credit:g}% below {lower.to:g}% but "
                f"{upper.credit:g}% above; credits must grow as uptime falls"
            )
            yield AK206.at(at("tiers", index, "credit"), message)
    if tiers:
        index, bottom = tiers[-1]
        if bottom.from_ > 0:
            message = (
                f"the lowest credit tier stops at {bottom.from_:g}%: a worse outage earns no "
                "credit at all; start the lowest tier at 0"
            )
            yield AK206.at(at("tiers", index, "from"), message)


def _target_credit_findings(
    context: CheckContext, credits: ServiceCredits, kind: str, at: Locator
) -> Iterator[Finding]:
    """Credits for a late response or resolution: each starts where its target is missed."""
    targets = {t.priority.id: t for t in context.priority_targets}
    minutes = context.day_minutes
    entries: list[TargetCredit] = getattr(credits, kind)
    by_priority: dict[str, list[tuple[int, float, TargetCredit]]] = {}
    for index, entry in enumerate(entries):
        if not 0 <= entry.credit <= 100:
            message = f"credit {entry.credit:g}% is not a share of the fees: write 0 to 100"
            yield AK206.at(at(kind, index, "credit"), message)
        target = targets.get(entry.priority)
        if target is None:
            message = f"{kind} credit for unknown priority '{entry.priority}'; use a priority id of the service levels"
            yield AK206.at(at(kind, index, "priority"), message)
            continue
        trigger = entry.after.value
        if trigger is None or trigger.best_effort:
            message = f"{kind} credit trigger '{entry.after}' is not a duration; write e.g. 30m"
            yield AK206.at(at(kind, index, "after"), message)
            continue
        by_priority.setdefault(entry.priority, []).append(
            (index, target.minutes(trigger, minutes), entry)
        )
    for priority, found in by_priority.items():
        target = targets[priority]
        stated = getattr(target, kind)
        written = getattr(target.priority, kind)
        found.sort(key=lambda item: item[1])
        index, first, entry = found[0]
        if stated is not None and not math.isinf(stated.minutes()):
            goal = target.minutes(stated, minutes)
            if first < goal:
                message = f"{priority} {kind} credit after {entry.after} is earned while the {written} target is met; start it at the target"
                yield AK206.at(at(kind, index, "after"), message)
            elif first > goal:
                message = f"{priority} {kind} credit starts after {entry.after}, looser than its {written} target: a miss in between earns nothing; start it at the target"
                yield AK206.at(at(kind, index, "after"), message)
        elif stated is not None:
            message = (
                f"{priority} has no {kind} target ({written}): a credit cannot be earned against it"
            )
            yield AK206.at(at(kind, index, "priority"), message)
        for (_, _, earlier), (later_index, _, later) in zip(found, found[1:], strict=False):
            if later.credit < earlier.credit:
                message = f"{priority} {kind} credit falls as the delay grows: {later.credit:g}% after {later.after} but {earlier.credit:g}% after {earlier.after}"
                yield AK206.at(at(kind, later_index, "credit"), message)


def _cap_findings(credits: ServiceCredits, at: Locator, whole: Location) -> Iterator[Finding]:
    stated = [t.credit for t in credits.tiers]
    stated += [c.credit for c in (*credits.response, *credits.resolution)]
    largest = [credit for credit in stated if 0 <= credit <= 100]  # others are reported already
    if credits.cap is None:
        message = "service credits have no cap; add cap (most credit in a month, % of the fees)"
        yield AK206.at(whole, message)
    elif credits.cap > 100:
        message = f"cap {credits.cap:g}% is more than the fees it applies to; a cap is at most 100%"
        yield AK206.at(at("cap"), message)
    elif credits.cap <= 0:
        message = f"cap {credits.cap:g}% lets no credit be paid; raise it to the largest credit"
        yield AK206.at(at("cap"), message)
    elif largest and credits.cap < max(largest):
        message = f"cap {credits.cap:g}% is below the largest credit ({max(largest):g}%); raise the cap or lower the credit"
        yield AK206.at(at("cap"), message)


def _fee_findings(agreement: Agreement, credits: ServiceCredits, at: Locator) -> Iterator[Finding]:
    lines = {
        line.id
        for section in agreement.sections
        if section.meta.costs is not None
        for line in section.meta.costs.lines
    }
    for index, fee in enumerate(credits.fees):
        if fee not in lines:
            known = ", ".join(sorted(lines)) or "none"
            message = f"credits apply to unknown fees '{fee}'; name a cost line id ({known})"
            yield AK206.at(at("fees", index), message)


def shared_fee_findings(levels: list[ServiceLevels]) -> Iterator[Finding]:
    """Schedules that credit the same fees: together their caps must stay within 100% of them.

    A schedule with no `fees` credits all the periodic charges, so it shares them with every other.
    """
    capped = [
        (level, level.credits.fees, level.credits.cap)
        for level in levels
        if level.credits is not None and level.credits.cap is not None
    ]
    fees = sorted({fee for _, named, _ in capped for fee in named} | {"*"})
    reported: set[int] = set()
    for fee in fees:
        sharing = [(level, cap) for level, named, cap in capped if not named or fee in named]
        total = sum(cap for _, cap in sharing)
        if len(sharing) < 2 or total <= 100 or id(sharing[-1][0]) in reported:
            continue
        last = sharing[-1][0]
        reported.add(id(last))
        what = "all the charges" if fee == "*" else f"the fees '{fee}'"
        message = (
            f"the credit caps of {', '.join(level.name for level, _ in sharing)} on {what} add "
            f"up to {total:g}%; together they may credit at most 100% of the same fees"
        )
        yield AK206.at(last.locate("service_credits", "cap"), message)
