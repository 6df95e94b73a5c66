"""How long `agreekit check` takes on the sample agreement.

Two figures: the whole command as a user runs it (a fresh process, imports included), and the
load-and-check work alone, repeated in one process. Run: python benchmarks/check_speed.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from agreekit.checks.run import check_repository

ROOT = Path(__file__).resolve().parent.parent


def time_command(runs: int) -> list[float]:
    # As on a user's machine, Python may cache compiled modules; the first run fills the cache.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "agreekit", "check"],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
        )
        samples.append(time.perf_counter() - start)
    return samples[1:]


def time_in_process(runs: int) -> list[float]:
    check_repository(ROOT)  # warm caches once
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        check_repository(ROOT)
        samples.append(time.perf_counter() - start)
    return samples


def describe(name: str, samples: list[float]) -> str:
    return (
        f"{name}: median {statistics.median(samples) * 1000:.1f} ms, "
        f"min {min(samples) * 1000:.1f} ms over {len(samples)} runs"
    )


if __name__ == "__main__":
    print(describe("agreekit check (process)", time_command(15)))
    print(describe("load + checks (in process)", time_in_process(50)))
