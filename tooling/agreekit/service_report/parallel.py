"""A few column steps at once on the machine's cores: numpy and pyarrow let go of Python's lock
while they work on large arrays, so threads run them side by side."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def together(steps: dict[str, Callable[[], T]]) -> dict[str, T]:
    """Each step's result by name; the first error raised is raised here."""
    if len(steps) < 2 or (os.cpu_count() or 1) < 2:
        return {name: step() for name, step in steps.items()}
    with ThreadPoolExecutor(min(len(steps), os.cpu_count() or 1)) as pool:
        running = {name: pool.submit(step) for name, step in steps.items()}
        return {name: future.result() for name, future in running.items()}
