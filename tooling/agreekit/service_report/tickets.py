"""Tickets as typed arrays: times in UTC seconds, priorities as indexes, and every rejected row.

A row is rejected, with its line, column and reason, for an unknown priority, a time that does
not parse, a first response or resolution before creation, a bad number, or an id seen before.
The report counts and lists rejected rows; `--strict` stops at the first.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from agreekit.service_report.arrow_numpy import chunks, fixed_values, validity, with_nulls_as
from agreekit.service_report.columns import Mapping
from agreekit.service_report.duplicate_ids import duplicates
from agreekit.service_report.parallel import together
from agreekit.service_report.source import RawTable

MISSING = np.iinfo(np.int64).max  # a time the export leaves empty
LISTED = 1000  # rejected rows listed in full; all are counted


class Rejection(NamedTuple):
    line: int
    column: str
    message: str
    id: str


class Tickets(NamedTuple):
    ids: pa.Array
    priority: np.ndarray  # index into the agreement's priorities
    created: np.ndarray  # int64 UTC seconds
    first_response: np.ndarray  # MISSING when not answered (or not in the export)
    resolved: np.ndarray
    paused_minutes: np.ndarray  # float64, 0 when not given
    satisfaction: np.ndarray  # float64, NaN when not given
    valid: np.ndarray  # bool: not rejected
    lines: np.ndarray
    rejected: list[Rejection]  # the first LISTED, in line order
    rejected_count: int
    has_first_response: bool


class _Checks:
    """Collects, per row, the first reason it is rejected."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.bad = np.zeros(raw.rows, dtype=bool)
        self.found: list[tuple[np.ndarray, str, object]] = []

    def add(self, mask: np.ndarray, column: str, message: object) -> None:
        """`message` is a text, or a function of the row index that writes it (for listed rows)."""
        fresh = mask & ~self.bad
        if fresh.any():
            self.bad |= fresh
            self.found.append((np.flatnonzero(fresh), column, message))

    def rejections(self, ids: pa.Array) -> tuple[list[Rejection], int]:
        ordered = sorted(
            (
                (int(row), column, message)
                for rows, column, message in self.found
                for row in rows[:LISTED]
            ),
        )[:LISTED]
        listed = []
        for row, column, message in ordered:
            text = message(row) if callable(message) else str(message)
            shown = ids[row].as_py() if ids is not None and ids[row].is_valid else ""
            listed.append(Rejection(int(self.raw.lines[row]), column, text, shown or ""))
        return listed, int(self.bad.sum())


def _text(array: pa.Array, row: int) -> str:
    value = array[row].as_py()
    shown = str(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _python_times(strings: pa.Array, zone: str) -> pa.Array:
    """ISO 8601 parsed value by value: the slow path, when the vectorised cast refuses a value."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone) if zone else None
    out: list[int | None] = []
    for value in strings.to_pylist():
        moment = None
        if value is not None:
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                moment = None
            if moment is not None and moment.tzinfo is None:
                moment = moment.replace(tzinfo=tz) if tz else None
        out.append(None if moment is None else int(moment.timestamp() * 1000))
    return pa.array(out, pa.int64())


def parse_times(strings: pa.Array, mapping: Mapping) -> tuple[np.ndarray, np.ndarray]:
    """UTC seconds (MISSING where empty or bad) and a mask of the values that did not parse."""
    if pa.types.is_timestamp(strings.type) and strings.type.unit == "ms":  # typed by the reader
        return _seconds(strings), np.zeros(len(strings), dtype=bool)
    import pyarrow.compute as pc

    if pa.types.is_timestamp(strings.type):
        return _seconds(pc.cast(strings, pa.int64())), np.zeros(len(strings), dtype=bool)
    if mapping.time_format:
        parsed = pc.strptime(strings, format=mapping.time_format, unit="ms", error_is_null=True)
        if mapping.timezone and parsed.type.tz is None:
            parsed = pc.assume_timezone(
                parsed, mapping.timezone, ambiguous="earliest", nonexistent="latest"
            )
        millis = pc.cast(parsed, pa.int64())
    else:
        try:
            millis = pc.cast(pc.cast(strings, pa.timestamp("ms", "UTC")), pa.int64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            millis = _python_times(strings, mapping.timezone)
    return _seconds(millis), validity(strings) & ~validity(millis)


def _seconds(millis: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Milliseconds since the epoch (int64 or timestamp[ms]) as whole seconds (floored),
    MISSING where null.

    Chunk by chunk into one array, straight from each chunk's buffers: each chunk's
    temporaries are small and reused, so the only new memory is the column itself (fresh memory
    is what costs most, measured)."""
    seconds = np.empty(len(millis), dtype=np.int64)
    at = 0
    for chunk in chunks(millis):
        part = seconds[at : at + len(chunk)]
        np.floor_divide(fixed_values(chunk, np.int64), 1000, out=part)
        if chunk.null_count:
            part[~validity(chunk)] = MISSING
        at += len(chunk)
    return seconds


def _floats(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A float64 column as one array, NaN where null, chunk by chunk (see `_seconds`)."""
    numbers = np.empty(len(column), dtype=np.float64)
    at = 0
    for chunk in chunks(column):
        numbers[at : at + len(chunk)] = with_nulls_as(chunk, np.float64, np.nan)
        at += len(chunk)
    return numbers


def parse_numbers(
    strings: pa.Array, scores: dict[str, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Float values (NaN where empty or bad) and a mask of the values that are not numbers."""
    if pa.types.is_float64(strings.type):  # converted while reading
        numbers = _floats(strings)
        finite = np.isfinite(numbers)
        # "inf" or "nan" in the export: bad values
        plain = finite.all() or not strings.null_count
        bad = ~finite if plain else validity(strings) & ~finite
        if bad.any():
            numbers[~finite] = np.nan
        return numbers, bad
    if scores:
        mapped = [
            scores.get(v.lower(), None) if v is not None else None for v in strings.to_pylist()
        ]
        known = [v if isinstance(v, float) else None for v in mapped]
        texts = pa.array(
            [None if k is not None else s for k, s in zip(known, strings.to_pylist(), strict=True)],
            pa.string(),
        )
        numbers, bad = parse_numbers(texts)
        return np.where(
            np.isnan(numbers), np.array([np.nan if k is None else k for k in known]), numbers
        ), bad
    import pyarrow.compute as pc

    try:
        values = pc.cast(strings, pa.float64())
    except pa.ArrowInvalid:
        out = []
        for value in strings.to_pylist():
            try:
                out.append(None if value is None else float(value))
            except ValueError:
                out.append(None)
        values = pa.array(out, pa.float64())
    present = strings.is_valid().to_numpy(zero_copy_only=False)
    numbers = values.fill_null(np.nan).to_numpy(zero_copy_only=False).astype(np.float64)
    finite = np.isfinite(numbers)
    numbers = np.where(finite, numbers, np.nan)
    return numbers, present & ~finite


def _priorities(strings: pa.Array, ids: list[str], mapping: Mapping) -> np.ndarray:
    """Each row's index in `ids` (-1 when unknown), matching case-insensitively."""
    if pa.types.is_dictionary(strings.type):  # look up the few distinct values only
        codes = with_nulls_as(strings.indices, np.int32, -1)
        known = _known_priorities(strings.dictionary.to_pylist(), ids, mapping)
        return np.append(known, -1).astype(np.int16)[codes]  # a null's code -1: the last, -1
    import pyarrow.compute as pc

    lowered = pc.utf8_lower(strings)
    names = [i.lower() for i in ids]
    keys = names + list(mapping.priorities)
    targets = list(range(len(ids))) + [
        names.index(v.lower()) if v.lower() in names else -1 for v in mapping.priorities.values()
    ]
    found = pc.index_in(lowered, value_set=pa.array(keys, pa.string()))
    position = found.fill_null(-1).to_numpy(zero_copy_only=False)
    lookup = np.array(targets + [-1], dtype=np.int16)
    return lookup[position]  # -1, not found: the last, -1


def _known_priorities(values: list[str | None], ids: list[str], mapping: Mapping) -> list[int]:
    """`_priorities` for a few distinct values, in Python."""
    names = [i.lower() for i in ids]
    aliases = {k.lower(): v.lower() for k, v in mapping.priorities.items()}
    found = []
    for value in values:
        lowered = None if value is None else value.lower()
        if lowered in names:
            found.append(names.index(lowered))
        elif lowered in aliases and aliases[lowered] in names:
            found.append(names.index(aliases[lowered]))
        else:
            found.append(-1)
    return found


def _convert(
    raw: RawTable,
    mapping: Mapping,
    created: pa.Array | pa.ChunkedArray,
    first_response: pa.Array | pa.ChunkedArray,
    resolved: pa.Array | pa.ChunkedArray,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every time and number column converted, side by side: (values, mask of bad values)."""
    steps = {
        "created": lambda: parse_times(created, mapping),
        "resolved": lambda: parse_times(resolved, mapping),
    }
    if "first_response_after_minutes" in raw.columns:
        after = raw.columns["first_response_after_minutes"]
        steps["first_response_after_minutes"] = lambda: parse_numbers(after)
    else:
        steps["first_response"] = lambda: parse_times(first_response, mapping)
    if "paused_minutes" in raw.columns:
        steps["paused_minutes"] = lambda: parse_numbers(raw.columns["paused_minutes"])
    if "satisfaction" in raw.columns:
        scores = raw.columns["satisfaction"]
        steps["satisfaction"] = lambda: parse_numbers(scores, mapping.satisfaction_values)
    return together(steps)


def parse_tickets(raw: RawTable, mapping: Mapping, priority_ids: list[str]) -> Tickets:
    rows = raw.rows
    checks = _Checks(raw)
    column = raw.columns.get
    name = mapping.columns.get
    ids = column("id")
    empty = pa.nulls(rows, pa.string())
    priorities_text = column("priority")
    assert ids is not None and priorities_text is not None
    checks.add(
        ~validity(ids),
        name("id", "id"),
        "empty; every ticket needs an id",
    )
    priority = _priorities(priorities_text, priority_ids, mapping)
    known = ", ".join(priority_ids)
    checks.add(
        priority < 0,
        name("priority", "priority"),
        lambda row: (
            f"unknown priority '{_text(priorities_text, row)}'; the agreement's priorities are {known}"
            if priorities_text[row].is_valid
            else f"empty; give one of the agreement's priorities ({known})"
        ),
    )
    iso = (
        "write ISO 8601 with an offset, e.g. 2027-03-01T09:15:00+00:00"
        if not mapping.time_format
        else f"the mapping's time format is {mapping.time_format}"
    )
    created_text = column("created", empty)
    response_text = column("first_response", empty)
    resolved_text = column("resolved", empty)
    converted = _convert(raw, mapping, created_text, response_text, resolved_text)
    created, bad = converted["created"]
    checks.add(
        ~validity(created_text),
        name("created", "created"),
        "empty; every ticket needs its creation time",
    )
    checks.add(
        bad,
        name("created", "created"),
        lambda row: f"unparsable time '{_text(created_text, row)}'; {iso}",
    )
    has_first_response = (
        "first_response" in raw.columns or "first_response_after_minutes" in raw.columns
    )
    if "first_response_after_minutes" in raw.columns:
        after = raw.columns["first_response_after_minutes"]
        minutes, bad = converted["first_response_after_minutes"]
        checks.add(
            bad | (minutes < 0),
            mapping.first_response_after_minutes,
            lambda row: f"'{_text(after, row)}' is not a number of minutes 0 or more",
        )
        first_response = np.where(
            np.isnan(minutes) | (created == MISSING),
            MISSING,
            created + np.nan_to_num(minutes * 60).astype(np.int64),
        )
    else:
        first_response, bad = converted["first_response"]
        checks.add(
            bad,
            name("first_response", "first_response"),
            lambda row: f"unparsable time '{_text(response_text, row)}'; {iso}",
        )
    resolved, bad = converted["resolved"]
    checks.add(
        bad,
        name("resolved", "resolved"),
        lambda row: f"unparsable time '{_text(resolved_text, row)}'; {iso}",
    )
    known_created = created != MISSING
    for values, ours in ((first_response, "first_response"), (resolved, "resolved")):
        early = known_created & (values != MISSING) & (values < created)
        checks.add(
            early,
            (mapping.first_response_after_minutes if ours == "first_response" else "")
            or name(ours, ours),
            lambda row, values=values, ours=ours: (
                f"{ours} {_when(int(values[row]))} is before created {_when(int(created[row]))}"
            ),
        )
    paused = np.zeros(rows)
    if "paused_minutes" in raw.columns:
        paused_text = raw.columns["paused_minutes"]
        paused, bad = converted["paused_minutes"]
        checks.add(
            bad | (paused < 0),
            name("paused_minutes", "paused_minutes"),
            lambda row: f"'{_text(paused_text, row)}' is not a number of minutes 0 or more",
        )
        np.maximum(paused, 0, out=paused)
        np.nan_to_num(paused, copy=False)
    if "satisfaction" not in raw.columns:
        satisfaction = np.full(rows, np.nan)
    else:
        score_text = raw.columns["satisfaction"]
        satisfaction, bad = converted["satisfaction"]
        checks.add(
            bad,
            name("satisfaction", "satisfaction"),
            lambda row: f"'{_text(score_text, row)}' is not a score",
        )
    again, first_line = duplicates(ids, ~checks.bad, raw.lines, raw.id_hashes)
    checks.add(
        again,
        name("id", "id"),
        lambda row: f"duplicate id '{_text(ids, row)}' (first on line {first_line(row)})",
    )
    listed, count = checks.rejections(ids)
    unreadable = [Rejection(line, "-", message, "") for line, message in raw.unreadable]
    listed = sorted(unreadable + listed)[:LISTED]
    return Tickets(
        ids=ids,
        priority=priority,
        created=created,
        first_response=first_response,
        resolved=resolved,
        paused_minutes=paused,
        satisfaction=satisfaction,
        valid=~checks.bad,
        lines=raw.lines,
        rejected=listed,
        rejected_count=count + len(unreadable),
        has_first_response=has_first_response,
    )


def _when(seconds: int) -> str:
    return dt.datetime.fromtimestamp(int(seconds), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
