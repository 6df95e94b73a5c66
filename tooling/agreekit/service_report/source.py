"""Reading a ticket export into string columns: CSV through pyarrow's multithreaded reader, JSON lines.

Every value stays text here; tickets.py parses and validates, so that a bad value becomes a
rejected row with its line and column rather than a failed read.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa

from agreekit.service_report.columns import Mapping
from agreekit.service_report.errors import ReportError


class RawTable(NamedTuple):
    path: str
    columns: dict[str, pa.Array | pa.ChunkedArray]  # the report's name -> values (null when empty)
    lines: np.ndarray  # the line each row starts on
    unreadable: list[tuple[int, str]]  # JSON lines that are not JSON: (line, message)
    exact: bool = True  # False: `lines` assumes one line per row, not yet confirmed
    id_hashes: np.ndarray | None = None  # the ids hashed (see duplicate_ids.id_hashes)

    @property
    def rows(self) -> int:
        return len(self.lines)


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = next(csv.reader(handle), None)
    except UnicodeDecodeError as error:
        raise ReportError(f"{path}:1: not UTF-8; export the file as UTF-8 CSV") from error
    except OSError as error:
        raise ReportError(f"{path}: cannot read: {error.strerror or error}") from error
    if not first:
        raise ReportError(f"{path}:1: the file is empty; export the tickets with a header row")
    return [name.strip() for name in first]


def _check_columns(path: str, present: list[str], mapping: Mapping) -> dict[str, str]:
    """The export columns to read, by the report's names; ReportError naming a missing one."""
    chosen = {}
    for ours, (theirs, required) in mapping.wanted().items():
        if theirs in present:
            chosen[ours] = theirs
        elif required:
            shown = f"'{theirs}'" if theirs == ours else f"'{theirs}' (the report's '{ours}')"
            raise ReportError(
                f"{path}:1: column {shown} missing; the file has {', '.join(present[:12])}"
                f"{' ...' if len(present) > 12 else ''}; map other names with --columns FILE"
            )
    return chosen


TIMES = ("created", "first_response", "resolved")
NUMBERS = ("paused_minutes", "satisfaction", "first_response_after_minutes")


def _typed(mapping: Mapping, ours: str) -> pa.DataType:
    """The type pyarrow's reader converts a column to, in its threads, while it reads."""
    if ours in TIMES and not mapping.time_format:
        return pa.timestamp("ms", "UTC")
    if ours in NUMBERS and not (ours == "satisfaction" and mapping.satisfaction_values):
        return pa.float64()
    if ours == "priority":
        return pa.dictionary(pa.int32(), pa.string())
    return pa.string()


def read_csv(path: Path, mapping: Mapping) -> RawTable:
    """Columns typed while reading (fast); when a value does not convert, all as text, so that
    tickets.py can reject just the rows that are wrong."""
    import pyarrow.csv as pcsv

    chosen = _check_columns(str(path), _header(path), mapping)
    wanted = list(dict.fromkeys(chosen.values()))
    ours_of = {theirs: ours for ours, theirs in chosen.items()}

    def read(typed: bool) -> pa.Table:
        types = {t: _typed(mapping, ours_of[t]) if typed else pa.string() for t in wanted}
        options = pcsv.ConvertOptions(
            include_columns=wanted,
            column_types=types,
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        )
        return pcsv.read_csv(path, convert_options=options)

    try:
        try:
            table, typed = read(True), True
        except pa.ArrowInvalid as error:
            if "conversion error" not in str(error).lower():
                raise
            table, typed = read(False), False
    except pa.ArrowInvalid as error:
        if "utf8" in str(error).lower():
            raise ReportError(
                f"{path}: not UTF-8 ({error}); export the file as UTF-8 CSV"
            ) from error
        # Rows with missing cells, or quoting pyarrow refuses: read exactly, line by line.
        return _read_csv_exactly(path, chosen)
    columns = {
        ours: _combined(table.column(theirs)) if typed else _stripped(table.column(theirs))
        for ours, theirs in chosen.items()
    }
    lines = np.arange(2, table.num_rows + 2, dtype=np.int64)
    from agreekit.service_report.duplicate_ids import id_hashes  # still in the reading thread

    hashes = id_hashes(columns["id"]) if typed else None
    return RawTable(str(path), columns, lines, [], exact=False, id_hashes=hashes)


def with_exact_lines(raw: RawTable, mapping: Mapping) -> RawTable:
    """`raw` once its line numbers are confirmed, or the file read again line by line.

    Only a report that names lines (rejected rows) needs this, so a clean export is read once.
    """
    path = Path(raw.path)
    if raw.exact:
        return raw
    if _line_count(path) == raw.rows + 1:
        return raw._replace(exact=True)
    # A value over several lines, or blank lines: row numbers are not line numbers.
    return _read_csv_exactly(path, _check_columns(raw.path, _header(path), mapping))


def _combined(column: pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Typed columns stay in the reader's chunks (numpy copies them once, later); a dictionary
    column gets one dictionary, so that its codes mean the same in every chunk."""
    if pa.types.is_dictionary(column.type):
        return column.unify_dictionaries().combine_chunks()
    return column


def _line_count(path: Path) -> int:
    """Lines in the file (a last line without a line break counts too)."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(1 << 24):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _stripped(column: pa.ChunkedArray) -> pa.Array:
    import pyarrow.compute as pc

    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    trimmed = pc.utf8_trim_whitespace(array)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _read_csv_exactly(path: Path, chosen: dict[str, str]) -> RawTable:
    """The slow, exact reader: line numbers of multi-line rows, a short row named by its line."""
    values: dict[str, list[str | None]] = {ours: [] for ours in chosen}
    lines: list[int] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader)]
            where = {ours: header.index(theirs) for ours, theirs in chosen.items()}
            start = reader.line_num + 1
            for row in reader:
                if not row:
                    start = reader.line_num + 1
                    continue
                if len(row) != len(header):
                    raise ReportError(
                        f"{path}:{start}: {len(row)} values where the header has {len(header)}; "
                        "fix the row or export the file again"
                    )
                for ours, index in where.items():
                    text = row[index].strip()
                    values[ours].append(text or None)
                lines.append(start)
                start = reader.line_num + 1
    except UnicodeDecodeError as error:
        raise ReportError(f"{path}: not UTF-8 ({error}); export the file as UTF-8 CSV") from error
    except csv.Error as error:
        raise ReportError(f"{path}: not CSV ({error}); export the tickets as CSV") from error
    columns = {ours: pa.array(v, pa.string()) for ours, v in values.items()}
    return RawTable(str(path), columns, np.array(lines, dtype=np.int64), [])


def _dotted(record: dict[str, Any], name: str) -> Any:
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def read_json_lines(path: Path, mapping: Mapping) -> RawTable:
    """JSON lines: one ticket object per line; a mapping may name nested keys (`stats.resolved_at`)."""
    wanted = {ours: theirs for ours, (theirs, _) in mapping.wanted().items()}
    required = {ours for ours, (_, needed) in mapping.wanted().items() if needed}
    values: dict[str, list[str | None]] = {ours: [] for ours in wanted}
    lines: list[int] = []
    unreadable: list[tuple[int, str]] = []
    seen: set[str] = set()
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as error:
        raise ReportError(f"{path}: cannot read: {error.strerror or error}") from error
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    unreadable.append((number, f"not JSON ({error.msg})"))
                    continue
                except RecursionError:
                    unreadable.append((number, "not JSON a ticket can be (nested too deep)"))
                    continue
                if not isinstance(record, dict):
                    unreadable.append((number, "not a JSON object"))
                    continue
                for ours, theirs in wanted.items():
                    value = _dotted(record, theirs)
                    if value is not None:
                        seen.add(ours)
                    text = None if value is None else str(value).strip()
                    values[ours].append(text or None)
                lines.append(number)
        except UnicodeDecodeError as error:
            raise ReportError(f"{path}: not UTF-8 ({error}); export the file as UTF-8") from error
    missing = sorted(required - seen)
    if lines and missing:
        theirs = wanted[missing[0]]
        raise ReportError(
            f"{path}:{lines[0]}: key '{theirs}' missing from every ticket; "
            "map other names with --columns FILE"
        )
    columns = {ours: pa.array(v, pa.string()) for ours, v in values.items()}
    return RawTable(str(path), columns, np.array(lines, dtype=np.int64), unreadable)


def read_tickets(path: Path, mapping: Mapping) -> RawTable:
    if not path.is_file():
        raise ReportError(f"{path}: no such file; give the ticket export (CSV or JSON lines)")
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return read_json_lines(path, mapping)
    return read_csv(path, mapping)
