"""Service credits owed: availability tiers, late response and resolution credits, and the caps.

Each credit schedule of the agreement (the agreement-wide `service_credits`, and each service's
own) is a percentage of its own fees, so each is totalled and capped on its own:

- availability: the tier into which the availability falls (the lowest of any service that uses
  the schedule, or the sum over services when several use it);
- late response or resolution: each ticket of the priority whose time on the clock is longer
  than a credit's `after` earns that credit once, the credit of the longest `after` it passed
  (credits of one priority are bands that grow with the delay); a ticket still open at the end
  of the period earns the band its time has reached by then;
- the schedule's total is at most its cap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from agreekit.service_report.terms import LateCredit, ServiceTerms, Tier

AGREEMENT = "agreement"  # the agreement-wide schedule, in `credits.schedules[].schedule`


def tier_credit(tiers: tuple[Tier, ...], cap: float | None, percent: float) -> dict[str, Any]:
    tier = next((t for t in tiers if t.low <= percent < t.high), None)
    credit = 0.0 if tier is None else tier.credit
    if cap is not None:
        credit = min(credit, cap)
    shown = None if tier is None else {"from": tier.low, "to": tier.high, "credit": tier.credit}
    return {"percent": credit, "tier": shown, "cap": cap}


def bands_passed(
    credits: list[LateCredit], time_on_clock: Callable[[bool], np.ndarray]
) -> list[int]:
    """Tickets earning each of `credits` (one priority, one measure): each ticket counts once,
    for the credit with the longest `after` its time on that credit's clock is longer than."""
    order = sorted(
        (i for i, c in enumerate(credits) if c.after.seconds is not None),
        key=lambda i: credits[i].after.seconds or 0,
    )
    counts = [0] * len(credits)
    if not order:
        return counts
    earned = np.full(len(time_on_clock(credits[order[0]].after.business)), -1, dtype=np.int64)
    for index in order:
        credit = credits[index]
        earned[time_on_clock(credit.after.business) > (credit.after.seconds or 0)] = index
    for index, count in enumerate(np.bincount(earned[earned >= 0], minlength=len(credits))):
        counts[index] = int(count)
    return counts


def late_credit_rows(credit: LateCredit, tickets: int) -> dict[str, Any]:
    return {
        "measure": credit.measure,
        "priority": credit.priority,
        "after": credit.after.text,
        "clock": "business" if credit.after.business else "24x7",
        "credit": credit.credit,
        "tickets": tickets,
        "percent": round(credit.credit * tickets, 4),
    }


def _schedule(
    name: str,
    fees: tuple[str, ...],
    cap: float | None,
    availability: float | None,
    late: list[dict[str, Any]],
) -> dict[str, Any]:
    response = sum(row["percent"] for row in late if row["measure"] == "response")
    resolution = sum(row["percent"] for row in late if row["measure"] == "resolution")
    uncapped = (
        None
        if availability is None and not late
        else (round((availability or 0.0) + response + resolution, 4))
    )
    return {
        "schedule": name,
        "fees": list(fees),
        "cap": cap,
        "availability": availability,
        "response": round(response, 4),
        "resolution": round(resolution, 4),
        "uncapped": uncapped,
        "percent": uncapped if cap is None or uncapped is None else min(uncapped, cap),
    }


def owed(
    terms: ServiceTerms,
    services: list[dict[str, Any]],
    lowest: float,
    late: list[dict[str, Any]],
    measured: bool,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """`service_credit` (the agreement-wide schedule) and every schedule's total.

    `services` are the availability report's services (each with its tier credit); `measured`
    is False without an outage log, when availability credits are unknown.
    """
    own = {s.id for s in terms.services if s.own}
    shared = [s for s in services if s["service"] not in own]
    if not measured:
        availability, tier, rule = None, None, None
    elif not terms.services:
        credit = tier_credit(terms.tiers, terms.cap, lowest)
        availability, tier, rule = credit["percent"], credit["tier"], "lowest service"
    elif shared:
        availability = sum(s["credit"]["percent"] for s in shared)
        worst = max(shared, key=lambda s: s["credit"]["percent"])
        tier = worst["credit"]["tier"]
        rule = "sum of each service's credit"
    else:  # every service has a schedule of its own (credits.schedules)
        availability, tier, rule = None, None, "each service's own schedule"
    agreement_wide = _schedule(AGREEMENT, terms.fees, terms.cap, availability, late)
    schedules = [agreement_wide] + [
        _schedule(s.id, s.fees, s.cap, s_credit, [])
        for s in terms.services
        if s.own
        for s_credit in [_service_credit(services, s.id) if measured else None]
    ]
    percent = agreement_wide["percent"] if measured or late else None
    service_credit = {"percent": percent, "tier": tier, "cap": terms.cap, "rule": rule}
    return service_credit, schedules


def _service_credit(services: list[dict[str, Any]], service: str) -> float | None:
    return next((s["credit"]["percent"] for s in services if s["service"] == service), None)
