"""Timing commands as users run them: fresh processes, interleaved, reported by median.

Commands under comparison run in turn (A, B, A, B, ...) so that a noisy machine slows each of them
alike, and ratios are taken between medians. Python may keep its compiled-module cache, as on a
user's machine; the first run of each command fills it and is not counted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Command:
    name: str
    argv: Sequence[str]
    cwd: Path


@dataclass(frozen=True)
class Timing:
    name: str
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)

    def ms(self) -> str:
        return f"{self.median * 1000:.0f} ms (best {self.best * 1000:.0f} ms, {len(self.samples)} runs)"


def user_environment() -> dict[str, str]:
    """The environment a user's shell would give: with Python's module cache allowed."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: Command) -> float:
    start = time.perf_counter()
    subprocess.run(
        list(command.argv),
        cwd=command.cwd,
        env=user_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def interleaved(commands: Sequence[Command], runs: int) -> list[Timing]:
    """Each command `runs` times, in turn, after one uncounted warm-up run each."""
    for command in commands:
        run_once(command)
    samples: dict[str, list[float]] = {command.name: [] for command in commands}
    for _ in range(runs):
        for command in commands:
            samples[command.name].append(run_once(command))
    return [Timing(command.name, tuple(samples[command.name])) for command in commands]
