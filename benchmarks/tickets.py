"""Generated service-desk data for the sample agreement: a ticket export and an outage log.

Deterministic for a seed, so golden reports (tests/service_report) and the benchmarks
(benchmarks/run.py) read the same kind of file. Vectorised with numpy, so two million tickets
take seconds to write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

HEADER = "id,priority,created,first_response,resolved,paused_minutes,satisfaction\n"
# minutes to first response and to resolution drawn per priority: (response scale, resolution scale)
SCALES = {"P1": (12, 200), "P2": (25, 500), "P3": (180, 2200), "P4": (400, 5000)}


def _iso(seconds: np.ndarray, offset_hours: np.ndarray) -> np.ndarray:
    """ISO 8601 texts with the given UTC offsets, e.g. 2027-03-01T09:15:00+01:00."""
    local = (seconds + offset_hours * 3600).astype("datetime64[s]")
    text = np.datetime_as_string(local, unit="s")
    sign = np.where(offset_hours < 0, "-", "+")
    suffix = np.char.add(
        np.char.add(sign, np.char.zfill(np.abs(offset_hours).astype(str), 2)), ":00"
    )
    return np.char.add(text.astype(str), suffix)


def ticket_rows(count: int, month: dt.date, seed: int = 7) -> list[str]:
    """`count` CSV rows of tickets created in `month` (and a few just outside it)."""
    rng = np.random.default_rng(seed)
    start = int(dt.datetime(month.year, month.month, 1, tzinfo=dt.UTC).timestamp())
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    end = int(dt.datetime(following.year, following.month, 1, tzinfo=dt.UTC).timestamp())
    created = rng.integers(start - 6 * 3600, end + 6 * 3600, count) // 60 * 60
    names = np.array(list(SCALES))
    priority = names[rng.choice(4, count, p=[0.05, 0.15, 0.5, 0.3])]
    response_scale = np.array([SCALES[p][0] for p in names])[np.searchsorted(names, priority)]
    resolution_scale = np.array([SCALES[p][1] for p in names])[np.searchsorted(names, priority)]
    response = created + (rng.exponential(response_scale) * 60).astype(np.int64) // 60 * 60
    resolved = response + (rng.exponential(resolution_scale) * 60).astype(np.int64) // 60 * 60
    offsets = rng.choice(np.array([0, 1, -5]), count, p=[0.6, 0.3, 0.1])
    unanswered = rng.random(count) < 0.01
    unresolved = unanswered | (rng.random(count) < 0.04)
    paused = np.where(rng.random(count) < 0.1, rng.integers(1, 240, count), -1)
    score = np.where(rng.random(count) < 0.3, rng.integers(1, 6, count), 0)
    ids = np.char.add("T", np.arange(1, count + 1).astype(str))
    columns = [
        ids,
        priority,
        _iso(created, offsets),
        np.where(unanswered, "", _iso(response, offsets)),
        np.where(unresolved, "", _iso(resolved, np.zeros_like(offsets))),
        np.where(paused < 0, "", paused.astype(str)),
        np.where(score == 0, "", score.astype(str)),
    ]
    rows = columns[0]
    for column in columns[1:]:
        rows = np.char.add(np.char.add(rows, ","), column)
    return list(rows)


def write_tickets(
    path: Path, count: int, month: dt.date, seed: int = 7, extra: list[str] = ()
) -> Path:
    """A ticket export of `count` generated rows (plus `extra` rows, e.g. planted defects)."""
    chunk = 200_000
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for first in range(0, count, chunk):
            rows = ticket_rows(min(chunk, count - first), month, seed + first)
            if first:  # ids stay unique across chunks
                rows = [
                    f"T{first + int(r.split(',', 1)[0][1:])},{r.split(',', 1)[1]}" for r in rows
                ]
            handle.write("\n".join(rows) + "\n")
        for row in extra:
            handle.write(row + "\n")
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
