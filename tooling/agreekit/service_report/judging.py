"""Every ticket of the period judged at once, whatever its priority: each row takes its
priority's target and clock from a small table, so there is no sorting or grouping by priority,
and each pass over the columns runs in the order the export has them (memory-friendly).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from agreekit.service_report.clock import MinuteTable, on_minute_table
from agreekit.service_report.parallel import together
from agreekit.service_report.terms import PriorityTerms, Target
from agreekit.service_report.tickets import MISSING, Tickets


class Judged(NamedTuple):
    """One measure (response or resolution) of every ticket (only the period's mean anything)."""

    met: np.ndarray  # bool per ticket
    breached: np.ndarray
    open: np.ndarray
    minutes: np.ndarray  # time on the clock for the finished ones (NaN otherwise)
    negative: np.ndarray  # paused for longer than the time on the clock: rejected


def judge_on_clock(
    target: Target, on_clock: np.ndarray, finished: np.ndarray, paused_seconds: np.ndarray
) -> Judged:
    """Met, breached or open for tickets whose time on the clock (to the finish, or to the
    period's end) is known, against one target."""
    seconds = np.inf if target.seconds is None else target.seconds
    return judge_rows(np.asarray(on_clock) - paused_seconds, finished, np.array(seconds), None)


def judge_rows(
    on_clock: np.ndarray,
    finished: np.ndarray,
    target_seconds: np.ndarray,
    best_effort: np.ndarray | None,
) -> Judged:
    """Met, breached or open per row; `target_seconds` per row (inf for best effort: never
    late), `on_clock` with any pause already taken off."""
    negative = finished & (on_clock < 0)
    late = on_clock > target_seconds
    met = finished & ~late & ~negative
    breached = late & ~negative
    still_open = ~finished & ~late
    if best_effort is None:
        best_effort = np.isinf(target_seconds)
    # best effort: minutes of the tickets met; otherwise of every finished one
    shown = np.where(best_effort, met, finished)
    return Judged(met, breached, still_open, np.where(shown, on_clock / 60, np.nan), negative)


class Clocks(NamedTuple):
    """Per measure: finished by the period's end, and seconds to that finish (or to the end) on
    each clock (True: business, False: elapsed), the pause taken off resolution."""

    finished: dict[str, np.ndarray]
    seconds: dict[str, dict[bool, np.ndarray]]


def clocks(
    table: MinuteTable | None,
    tickets: Tickets,
    in_period: np.ndarray,
    start: int,
    end: int,
    business_needed: bool,
) -> Clocks:
    """Time on the clocks for every row; rows outside the period count from `start` to `start`
    (nothing), so that every look-up stays inside the minute table."""
    created = np.where(in_period, tickets.created, start)
    business = business_needed and table is not None

    def on_table(instants: np.ndarray) -> np.ndarray:
        assert table is not None
        return on_minute_table(table, instants)

    def measure(done_all: np.ndarray, pause: np.ndarray | None) -> tuple[np.ndarray, ...]:
        finished = in_period & (done_all != MISSING) & (done_all < end)
        end_at = np.where(finished, done_all, np.where(in_period, end, start))
        elapsed = end_at - created
        if pause is not None:
            elapsed = elapsed - pause
        return finished, elapsed, on_table(end_at) if business else elapsed

    pause = tickets.paused_minutes * 60
    found = together(
        {
            "created": lambda: on_table(created) if business else created,
            "response": lambda: measure(tickets.first_response, None),
            "resolution": lambda: measure(tickets.resolved, pause),
        }
    )
    created_business = found["created"]
    finished, seconds = {}, {}
    for name in ("response", "resolution"):
        done, elapsed, end_business = found[name]
        finished[name] = done
        on_business = end_business - created_business if business else elapsed
        if business and name == "resolution":
            on_business = on_business - pause
        seconds[name] = {False: elapsed, True: on_business}
    return Clocks(finished, seconds)


def judge_all(
    priorities: tuple[PriorityTerms, ...], codes: np.ndarray, at: Clocks
) -> dict[str, Judged]:
    """Response and resolution of every row against its priority's target, on its clock.

    `codes` is each row's priority index (len(priorities) for rows outside the period)."""
    judged = {}
    for name in ("response", "resolution"):
        targets = [getattr(p, name) for p in priorities]
        seconds = np.array([np.inf if t.seconds is None else t.seconds for t in targets] + [0.0])
        business = np.array([t.business for t in targets] + [False])
        best_effort = np.array([t.seconds is None for t in targets] + [False])
        row_business = business[codes]
        on_clock = (
            np.where(row_business, at.seconds[name][True], at.seconds[name][False])
            if business.any()
            else at.seconds[name][False]
        )
        judged[name] = judge_rows(on_clock, at.finished[name], seconds[codes], best_effort[codes])
    return judged


class Figures(NamedTuple):
    """One measure's counts per priority (index), and the median minutes of each."""

    met: np.ndarray
    breached: np.ndarray
    open: np.ndarray
    median_minutes: list[float | None]


def figures(judged: Judged, codes: np.ndarray, keep: np.ndarray, count: int) -> Figures:
    """Counts by priority with one bincount each; the medians from the minutes grouped by a
    stable sort of the small priority codes (numpy sorts 16-bit integers by radix: linear)."""
    codes = codes.astype(np.int16)

    def per_priority(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes[mask], minlength=count + 1)[:count]

    has = keep & ~np.isnan(judged.minutes)  # NaN for every row outside the period
    groups = codes[has]
    values = judged.minutes[has][np.argsort(groups, kind="stable")]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(groups, minlength=count + 1))))
    medians = [
        round(float(np.median(values[low:high])), 2) if high > low else None
        for low, high in zip(bounds[:count], bounds[1 : count + 1], strict=True)
    ]
    return Figures(
        per_priority(judged.met & keep),
        per_priority(judged.breached & keep),
        per_priority(judged.open & keep),
        medians,
    )
