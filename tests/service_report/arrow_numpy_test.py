"""Values and validity read from pyarrow's buffers agree with pyarrow's own conversion."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from agreekit.service_report.arrow_numpy import validity, with_nulls_as
from agreekit.service_report.tickets import _floats, _seconds

VALUES = st.lists(st.one_of(st.none(), st.integers(-(10**13), 10**13)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(VALUES, st.integers(0, 9), st.integers(1, 9))
def test_sliced_chunks_with_nulls(values: list[int | None], skip: int, parts: int) -> None:
    whole = pa.array([0] * skip + values, pa.int64()).slice(skip)
    edges = np.linspace(0, len(values), parts + 1).astype(int)
    column = pa.chunked_array(
        [whole.slice(a, b - a) for a, b in zip(edges, edges[1:], strict=False)], pa.int64()
    )
    present = [v is not None for v in values]
    assert validity(column).tolist() == present
    assert validity(whole).tolist() == present
    assert with_nulls_as(whole, np.int64, -1).tolist() == [-1 if v is None else v for v in values]
    missing = np.iinfo(np.int64).max
    assert _seconds(column).tolist() == [missing if v is None else v // 1000 for v in values]
    stamps = pa.chunked_array([c.cast(pa.timestamp("ms", "UTC")) for c in column.chunks])
    assert _seconds(stamps).tolist() == _seconds(column).tolist()
    floats = pa.chunked_array([c.cast(pa.float64()) for c in column.chunks], pa.float64())
    expected = [np.nan if v is None else float(v) for v in values]
    np.testing.assert_array_equal(_floats(floats), np.array(expected, dtype=np.float64))
