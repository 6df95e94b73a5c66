"""Generated service-desk data for the sample agreement: a ticket export and an outage log.

Deterministic for a seed, so golden reports (tests/service_report) and the benchmarks
(benchmarks/run.py) read the same kind of file. Vectorised with numpy, so two million tickets
take seconds to write (numpy and pyarrow, the report extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

HEADER = "id,priority,created,first_response,resolved,paused_minutes,satisfaction\n"
# minutes to first response and to resolution drawn per priority: (response scale, resolution scale)
SCALES = {"P1": (12, 200), "P2": (25, 500), "P3": (180, 2200), "P4": (400, 5000)}


def _iso(seconds: np.ndarray, offset_hours: np.ndarray) -> pa.Array:
    """ISO 8601 texts with the given UTC offsets, e.g. 2027-03-01T09:15:00+01:00."""
    local = pa.array(seconds + offset_hours * 3600, pa.timestamp("s"))
    text = pc.strftime(local, format="%Y-%m-%dT%H:%M:%S")
    suffix = pa.array(np.array(["-05:00", "+00:00", "+01:00"])[np.clip(offset_hours, -1, 1) + 1])
    return pc.binary_join_element_wise(text, suffix, "")


def ticket_table(count: int, month: dt.date, seed: int = 7, first_id: int = 1) -> pa.Table:
    """`count` tickets created in `month` (and a few just outside it), as text columns."""
    rng = np.random.default_rng(seed)
    start = int(dt.datetime(month.year, month.month, 1, tzinfo=dt.UTC).timestamp())
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    end = int(dt.datetime(following.year, following.month, 1, tzinfo=dt.UTC).timestamp())
    created = rng.integers(start - 6 * 3600, end + 6 * 3600, count) // 60 * 60
    names = np.array(list(SCALES))
    chosen = rng.choice(4, count, p=[0.05, 0.15, 0.5, 0.3])
    response_scale = np.array([SCALES[p][0] for p in names])[chosen]
    resolution_scale = np.array([SCALES[p][1] for p in names])[chosen]
    response = created + (rng.exponential(response_scale) * 60).astype(np.int64) // 60 * 60
    resolved = response + (rng.exponential(resolution_scale) * 60).astype(np.int64) // 60 * 60
    offsets = rng.choice(np.array([0, 1, -5]), count, p=[0.6, 0.3, 0.1])
    unanswered = rng.random(count) < 0.01
    unresolved = unanswered | (rng.random(count) < 0.04)
    # a pause only on tickets open six days or more: always longer than the pause on any clock
    long_open = (resolved - created) >= 6 * 86400
    paused = np.where(long_open & (rng.random(count) < 0.5), rng.integers(1, 240, count), -1)
    score = np.where(rng.random(count) < 0.3, rng.integers(1, 6, count), 0)

    def blank_where(mask: np.ndarray, values: pa.Array) -> pa.Array:
        return pc.if_else(pa.array(mask), pa.scalar(None, pa.string()), values)

    ids = pc.binary_join_element_wise(
        pa.scalar("T"), pc.cast(pa.array(np.arange(first_id, first_id + count)), pa.string()), ""
    )
    return pa.table(
        {
            "id": ids,
            "priority": pa.array(names[chosen]),
            "created": _iso(created, offsets),
            "first_response": blank_where(unanswered, _iso(response, offsets)),
            "resolved": blank_where(unresolved, _iso(resolved, np.zeros_like(offsets))),
            "paused_minutes": blank_where(paused < 0, pc.cast(pa.array(paused), pa.string())),
            "satisfaction": blank_where(score == 0, pc.cast(pa.array(score), pa.string())),
        }
    )


def write_tickets(
    path: Path, count: int, month: dt.date, seed: int = 7, extra: Sequence[str] = ()
) -> Path:
    """A ticket export of `count` generated rows (plus `extra` rows, e.g. planted defects)."""
    chunk = 500_000
    options = pcsv.WriteOptions(include_header=False, quoting_style="none")
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        for first in range(0, count, chunk):
            table = ticket_table(min(chunk, count - first), month, seed + first, first + 1)
            pcsv.write_csv(table, handle, write_options=options)
        for row in extra:
            handle.write(row.encode() + b"\n")
    return path


OUTAGES = """start,end,planned,service,notified
2027-03-03T10:00:00+00:00,2027-03-03T11:10:00+00:00,false,network,
2027-03-03T10:30:00+00:00,2027-03-03T11:40:00+00:00,false,network,
2027-03-07T06:30:00+00:00,2027-03-07T09:00:00+00:00,true,network,2027-02-25T09:00:00+00:00
2027-03-14T09:00:00+00:00,2027-03-14T11:00:00+00:00,true,servers,2027-03-01T09:00:00+00:00
2027-03-17T22:00:00+00:00,2027-03-18T01:30:00+00:00,false,servers,
2027-03-21T06:00:00+00:00,2027-03-21T08:00:00+00:00,true,backup,2027-03-19T09:00:00+00:00
2027-03-28T05:30:00+01:00,2027-03-28T07:00:00+01:00,true,network,2027-03-15T09:00:00+00:00
2027-03-31T23:00:00+01:00,2027-04-01T02:00:00+01:00,false,backup,
"""


def write_outages(path: Path) -> Path:
    path.write_text(OUTAGES, encoding="utf-8")
    return path
