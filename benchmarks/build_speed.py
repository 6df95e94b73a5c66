"""How long publishing the sample takes: rendering, the site, the PDF, and a redline.

Run: python benchmarks/build_speed.py (from a git checkout; builds into a temporary folder).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agreekit.model.loader import load_agreement
from agreekit.publish.redline import redline
from agreekit.publish.render import SITE, TEXT, render_agreement

ROOT = Path(__file__).resolve().parent.parent


def timed(runs: int, work: object) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return samples


def describe(name: str, samples: list[float]) -> str:
    return f"{name}: median {statistics.median(samples) * 1000:.0f} ms over {len(samples)} runs"


def main() -> None:
    agreement, _ = load_agreement(ROOT)
    assert agreement is not None
    print(describe("render all sections", timed(20, lambda: render_agreement(agreement, SITE))))
    text = "\n\n".join(t for _, t in render_agreement(agreement, TEXT))
    changed = text.replace("30 days", "21 days").replace("Provider", "Supplier", 40)
    print(describe("redline (whole text)", timed(10, lambda: redline(text, changed))))
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        shutil.copytree(ROOT / "agreement", repo / "agreement")
        shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
        command = [sys.executable, "-m", "agreekit", "build"]
        site = timed(
            3,
            lambda: subprocess.run(
                [*command, "--no-pdf"], cwd=repo, check=True, capture_output=True
            ),
        )
        print(describe("agreekit build --no-pdf (process)", site))
        full = timed(3, lambda: subprocess.run(command, cwd=repo, check=True, capture_output=True))
        print(describe("agreekit build (process)", full))


if __name__ == "__main__":
    main()
