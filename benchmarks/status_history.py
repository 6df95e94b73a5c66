"""How `agreekit status` and `agreekit verify` scale with the length of the history.

Builds the sample with N extra commits (git fast-import) and two approval tags, then times status.
git is asked a fixed number of bulk questions, so the time should barely grow with N.
Run: python benchmarks/status_history.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = ["-c", "user.name=Bench", "-c", "user.email=bench@example.com"]


def git(repo: Path, *args: str, stdin: bytes | None = None) -> None:
    subprocess.run(
        ["git", *IDENTITY, *args], cwd=repo, input=stdin, check=True, capture_output=True
    )


def build(repo: Path, commits: int) -> None:
    shutil.copytree(ROOT / "agreement", repo / "agreement")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sample")
    stream = []
    for n in range(commits):
        data = f"note {n}\n".encode()
        stream.append(
            b"commit refs/heads/main\n"
            + b"committer Bench <bench@example.com> %d +0000\n" % (1_700_000_000 + n)
            + b"data 4\nnote\n"
            + (b"from refs/heads/main^0\n" if n == 0 else b"")
            + b"M 100644 inline notes.txt\ndata %d\n%s\n" % (len(data), data)
        )
    git(repo, "fast-import", "--quiet", stdin=b"".join(stream))
    git(repo, "reset", "-q", "--hard", "main")
    for stage, who in (("initial", "amara-okafor"), ("legal", "rachel-osei")):
        subprocess.run(
            [sys.executable, "-m", "agreekit", "approve", stage, "--as", who],
            cwd=repo, check=True, capture_output=True,
        )  # fmt: skip


def time_status(repo: Path, runs: int = 7) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "agreekit", "status"], cwd=repo, check=True, capture_output=True
        )
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    for commits in (10, 10_000):
        with tempfile.TemporaryDirectory() as folder:
            repo = Path(folder) / "repo"
            build(repo, commits)
            print(f"status with {commits + 1:>6} commits: median {time_status(repo) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
