"""Every ticket of the period judged, whatever its priority: each row takes its priority's
target and clock from a small table, so there is no sorting or grouping by priority. Rows are
judged in blocks, in the export's order, on every core, and the blocks' figures added up.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np

from agreekit.service_report.clock import MinuteTable, on_minute_table
from agreekit.service_report.credits import bands_passed
from agreekit.service_report.terms import PriorityTerms, ServiceTerms, Target
from agreekit.service_report.tickets import MISSING, Tickets

BLOCK = 1 << 16  # rows judged together: each temporary column of a block is 512 KB
OPEN_LISTED = 1000


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
    rows: slice = slice(None),
) -> Clocks:
    """Time on the clocks for the `rows` (`in_period` is theirs); rows outside the period count
    from `start` to `start` (nothing), so that every look-up stays inside the minute table."""
    created = np.where(in_period, tickets.created[rows], start)
    business = business_needed and table is not None

    def on_table(instants: np.ndarray) -> np.ndarray:
        assert table is not None
        return on_minute_table(table, instants)

    created_business = on_table(created) if business else created
    pause = tickets.paused_minutes[rows] * 60
    finished, seconds = {}, {}
    for name, done_all in (("response", tickets.first_response), ("resolution", tickets.resolved)):
        done = done_all[rows]
        finished[name] = in_period & (done != MISSING) & (done < end)
        end_at = np.where(finished[name], done, np.where(in_period, end, start))
        elapsed = end_at - created
        on_business = on_table(end_at) - created_business if business else elapsed
        if name == "resolution":
            elapsed = elapsed - pause
            on_business = on_business - pause if business else elapsed
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


class Block(NamedTuple):
    """What a block of rows adds to the report: counts per priority, the minutes each priority's
    tickets took (for the medians), the rows to reject or list, the late credits earned."""

    counts: dict[str, np.ndarray]  # kept, waiting, response.met, resolution.open, ...
    minutes: dict[str, list[np.ndarray]]  # measure -> per priority
    negative: np.ndarray  # bool per row of the block
    waiting: list[tuple[int, bool, bool]]  # (row, awaiting response, awaiting resolution)
    late: dict[int, int]  # index in the late credits -> tickets earning it


def judge_block(
    terms: ServiceTerms,
    tickets: Tickets,
    in_period: np.ndarray,
    codes: np.ndarray,
    period: tuple[int, int, MinuteTable | None, bool],
    rows: slice,
) -> Block:
    """One block of rows judged: small enough that its temporary columns stay in the cache and
    their memory is reused block after block."""
    start, end, table, business_needed = period
    count = len(terms.priorities)
    mine, codes = in_period[rows], codes[rows]
    at = clocks(table, tickets, mine, start, end, business_needed, rows)
    judged = judge_all(terms.priorities, codes, at)
    response, resolution = judged["response"], judged["resolution"]
    keep = ~resolution.negative
    if not tickets.has_first_response:
        nothing = np.zeros(len(keep), dtype=bool)
        response = response._replace(met=nothing, breached=nothing, open=nothing)
    waiting = (response.open | resolution.open) & keep & mine

    def per_priority(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes[mask], minlength=count + 1)[:count]

    counts = {"kept": per_priority(keep & mine), "waiting": per_priority(waiting)}
    minutes = {}
    for name, measure in judged.items():
        measure = response if name == "response" else measure
        for part in ("met", "breached", "open"):
            counts[f"{name}.{part}"] = per_priority(getattr(measure, part) & keep)
        has = keep & ~np.isnan(measure.minutes)  # NaN for every row outside the period
        minutes[name] = [measure.minutes[has & (codes == i)] for i in range(count)]
    first = rows.start or 0
    listed = np.flatnonzero(waiting)[:OPEN_LISTED]
    return Block(
        counts,
        minutes,
        resolution.negative,
        [(first + int(r), bool(response.open[r]), bool(resolution.open[r])) for r in listed],
        _late_counts(terms, codes, keep, at, tickets.has_first_response),
    )


def _late_counts(
    terms: ServiceTerms, codes: np.ndarray, keep: np.ndarray, at: Clocks, has_response: bool
) -> dict[int, int]:
    """Each late credit's index -> tickets of the block earning it."""
    found: dict[int, int] = {}
    measures = ("response", "resolution") if has_response else ("resolution",)
    ids = [p.id for p in terms.priorities]
    for index, priority in enumerate(ids):
        for measure in measures:
            chosen = [
                i
                for i, c in enumerate(terms.late_credits)
                if c.priority == priority and c.measure == measure
            ]
            if not chosen:
                continue
            selected = (codes == index) & keep

            def time_on(business: bool, measure: str = measure) -> np.ndarray:
                return at.seconds[measure][business][selected]  # noqa: B023 (used at once)

            counts = bands_passed([terms.late_credits[i] for i in chosen], time_on)
            found.update(zip(chosen, counts, strict=True))
    return found


def _median(values: np.ndarray) -> float:
    """The median of values without NaN, as np.median gives it (which imports numpy.ma: 15 ms)."""
    middle = len(values) // 2
    if len(values) % 2:
        return float(np.partition(values, middle)[middle])
    low, high = np.partition(values, [middle - 1, middle])[middle - 1 : middle + 1]
    return (float(low) + float(high)) / 2


class Totals(NamedTuple):
    kept: np.ndarray
    waiting: np.ndarray
    figures: dict[str, Figures]
    negative: np.ndarray
    open_rows: list[tuple[int, bool, bool]]
    late: dict[int, int]


def judge_blocks(
    terms: ServiceTerms,
    tickets: Tickets,
    in_period: np.ndarray,
    codes: np.ndarray,
    period: tuple[int, int, MinuteTable | None, bool],
) -> Totals:
    """Every row judged, block by block, on as many threads as there are cores (numpy lets go
    of Python's lock); the blocks' figures added up in row order."""
    rows = len(in_period)
    blocks = [slice(first, min(rows, first + BLOCK)) for first in range(0, rows, BLOCK)]
    workers = max(1, min(len(blocks), os.cpu_count() or 1))
    if workers == 1:
        found = [judge_block(terms, tickets, in_period, codes, period, b) for b in blocks]
    else:
        with ThreadPoolExecutor(workers) as pool:
            found = list(
                pool.map(lambda b: judge_block(terms, tickets, in_period, codes, period, b), blocks)
            )
    count = len(terms.priorities)

    def total(key: str) -> np.ndarray:
        return sum((b.counts[key] for b in found), np.zeros(count, dtype=np.int64))

    figures = {}
    for name in ("response", "resolution"):
        medians = []
        for index in range(count):
            values = [b.minutes[name][index] for b in found if len(b.minutes[name][index])]
            joined = np.concatenate(values) if values else np.zeros(0)
            medians.append(round(_median(joined), 2) if len(joined) else None)
        figures[name] = Figures(
            total(f"{name}.met"), total(f"{name}.breached"), total(f"{name}.open"), medians
        )
    late: dict[int, int] = {}
    for block in found:
        for index, earned in block.late.items():
            late[index] = late.get(index, 0) + earned
    negative = np.concatenate([b.negative for b in found]) if found else np.zeros(0, dtype=bool)
    open_rows = [row for b in found for row in b.waiting][:OPEN_LISTED]
    return Totals(total("kept"), total("waiting"), figures, negative, open_rows, late)
