"""Duplicate ids found by hashing agree with a plain dictionary of the ids seen so far."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from agreekit.service_report.duplicate_ids import duplicates, id_hashes

# Short alphabets and lengths around the 8-byte word, so that ids repeat and differ only late.
IDS = st.text(alphabet="aAé0\x00 ", min_size=0, max_size=19)


def _reference(ids: list[str], usable: list[bool]) -> dict[int, int]:
    """Row -> the row of the first usable row with the same id, for each repeat."""
    first: dict[str, int] = {}
    found = {}
    for row, (value, ok) in enumerate(zip(ids, usable, strict=True)):
        if not ok:
            continue
        if value in first:
            found[row] = first[value]
        else:
            first[value] = row
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(IDS, st.booleans()), min_size=1, max_size=60),
    st.integers(0, 5),
    st.integers(1, 7),
)
def test_duplicates_agree_with_a_dictionary(
    rows: list[tuple[str, bool]], skip: int, parts: int
) -> None:
    ids = [value for value, _ in rows]
    usable = np.array([not unusable for _, unusable in rows])
    # a chunked array of sliced chunks, as pyarrow's reader hands them over
    whole = pa.array(["x"] * skip + ids, pa.string()).slice(skip)
    edges = np.linspace(0, len(ids), parts + 1).astype(int)
    chunked = pa.chunked_array(
        [whole.slice(a, b - a) for a, b in zip(edges, edges[1:], strict=False)], pa.string()
    )
    lines = np.arange(2, len(ids) + 2)
    for column in (whole, chunked, pa.array(ids, pa.large_string())):
        found = duplicates(column, usable, lines)
        expected = _reference(ids, list(usable))
        assert sorted(np.flatnonzero(found.again).tolist()) == sorted(expected)
        for row, first in expected.items():
            assert found.first_line(row) == first + 2


def test_equal_ids_hash_alike_and_a_trailing_nul_does_not() -> None:
    hashes = id_hashes(pa.array(["INC0012345", "a", "a\x00", "", "INC0012345", "INC0012346"]))
    assert hashes[0] == hashes[4]
    assert len({int(h) for h in hashes}) == 5
