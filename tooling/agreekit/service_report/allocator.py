"""Tell glibc's allocator to keep the report's freed arrays for the next ones.

By default glibc gives each large array its own memory map and returns it when the array is
freed, so every temporary column (8 MB a million rows) is new memory that the kernel must fault
in page by page: measured, that was half the time the report spent computing. Served from the
heap and not trimmed, a freed column's memory is reused by the next. The report is a
short-lived command, so keeping its peak memory until it exits costs nothing. Elsewhere than
glibc (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
LARGEST_MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's upper bound on 64-bit systems
NEVER_TRIM = 2**31 - 1


def keep_freed_memory() -> bool:
    """Whether glibc took the settings (False where there is no glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    # One arena: the threads that work on columns side by side then share the one heap (a
    # thread's own arena holds only 64 MB, so a column of two million rows would be mapped).
    settings = (
        (M_ARENA_MAX, 1),
        (M_MMAP_THRESHOLD, LARGEST_MMAP_THRESHOLD),
        (M_TRIM_THRESHOLD, NEVER_TRIM),
    )
    return all([bool(mallopt(option, value)) for option, value in settings])
