"""Duplicate ticket ids: a 64-bit hash of every id in numpy, then an exact look at equal hashes.

A hash table of a million strings (pyarrow's dictionary_encode) takes 120 to 250 ms, most of it
waiting on memory. Hashing each id eight bytes at a time is a few vectorised passes (about 20 ms
for a million), and sorting the million 64-bit hashes (numpy's vectorised sort) about 5 ms. Only
ids whose hash occurs twice, the duplicates and the very rare collisions, are then compared as
strings, so the answer is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    import numpy.typing as npt

_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)
_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xBF58476D1CE4E5B9),
    np.uint64(0x94D049BB133111EB),
)


def _chunk_hashes(array: pa.Array) -> np.ndarray:
    """A 64-bit hash of each string of one array (anything for a null)."""
    if len(array) == 0:
        return np.zeros(0, dtype=np.uint64)
    large = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    _, offsets_buffer, data_buffer = array.buffers()[:3]
    raw = np.frombuffer(offsets_buffer, np.int64 if large else np.int32)
    offsets: npt.NDArray[np.int64] = raw[array.offset : array.offset + len(array) + 1].astype(
        np.int64
    )
    first, last = int(offsets[0]), int(offsets[-1])
    padded = np.zeros(last - first + 8, dtype=np.uint8)  # so every 8-byte read stays inside
    if data_buffer is not None and last > first:
        padded[: last - first] = np.frombuffer(data_buffer, np.uint8)[first:last]
    # every byte position as the start of an 8-byte little-endian word (unaligned reads)
    words = np.ndarray((last - first + 1,), dtype="<u8", buffer=padded, strides=(1,))
    starts = offsets[:-1] - first
    lengths = offsets[1:] - offsets[:-1]
    hashed = lengths.astype(np.uint64) * _MIX[0]
    end = len(words) - 1
    for at in range(0, int(lengths.max()), 8):
        # every round after the first only for ids that still have bytes, so that an id's hash
        # does not depend on how long the other ids of its chunk are
        longer = None if at == 0 else np.flatnonzero(lengths > at)
        reads = starts if longer is None else np.minimum(starts[longer] + at, end)
        left = lengths if longer is None else lengths[longer] - at
        word = words[reads] & _MASKS[np.clip(left, 0, 8)]
        mixed = (hashed if longer is None else hashed[longer]) ^ word
        mixed *= _MIX[1]
        mixed ^= mixed >> np.uint64(31)
        if longer is None:
            hashed = mixed
        else:
            hashed[longer] = mixed
    hashed *= _MIX[2]
    hashed ^= hashed >> np.uint64(29)
    return hashed


def id_hashes(ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Each row's id hashed to 64 bits: equal ids, equal hashes."""
    if pa.types.is_dictionary(ids.type):
        ids = ids.cast(ids.type.value_type)
    if not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        ids = ids.cast(pa.string())
    chunks = ids.chunks if isinstance(ids, pa.ChunkedArray) else [ids]
    if not chunks:
        return np.zeros(0, dtype=np.uint64)
    return np.concatenate([_chunk_hashes(chunk) for chunk in chunks])


class Duplicates(NamedTuple):
    again: np.ndarray  # bool per row: an earlier usable row has the same id
    first_line: Callable[[int], int]  # for such a row, the line of that earlier row


def _none(row: int) -> int:
    raise KeyError(row)


def duplicates(
    ids: pa.Array | pa.ChunkedArray,
    usable: np.ndarray,
    lines: np.ndarray,
    hashes: np.ndarray | None = None,
) -> Duplicates:
    """Usable rows whose id an earlier usable row already has."""
    again = np.zeros(len(usable), dtype=bool)
    hashes = id_hashes(ids) if hashes is None else hashes
    everyone = bool(usable.all())
    mine = hashes if everyone else hashes[usable]
    ordered = np.sort(mine)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]  # sorted, so each value's copies meet
    repeated = repeated[np.concatenate(([True], repeated[1:] != repeated[:-1]))[: len(repeated)]]
    if len(repeated) == 0:
        return Duplicates(again, _none)
    rows = np.arange(len(usable)) if everyone else np.flatnonzero(usable)
    where = np.minimum(np.searchsorted(repeated, mine), len(repeated) - 1)
    suspects = rows[repeated[where] == mine]  # ascending, as rows are
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(ids.take(pa.array(suspects)))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    # dictionary_encode numbers values in the order they first occur, so a row holds an id's
    # first occurrence exactly when its code is above every code before it
    before = np.maximum.accumulate(np.concatenate(([-1], codes[:-1])))
    first_of = np.flatnonzero(codes > before)  # code -> its first position
    earlier = suspects[first_of[codes]]
    repeats = earlier != suspects
    again[suspects[repeats]] = True
    repeat_rows, repeat_first = suspects[repeats], earlier[repeats]

    def first_line(row: int) -> int:
        return int(lines[repeat_first[np.searchsorted(repeat_rows, row)]])

    return Duplicates(again, first_line)
