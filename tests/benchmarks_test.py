"""The benchmarks' generated inputs stay valid: a large agreement checks clean, a history verifies.

Timing is the benchmarks' business (benchmarks/run.py); this only keeps what they time honest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import history, large_agreement  # noqa: E402


def agreekit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agreekit", *args], cwd=cwd, capture_output=True, text=True
    )


def test_a_generated_agreement_is_clean_and_as_large_as_asked(tmp_path: Path) -> None:
    size = large_agreement(tmp_path, 40)
    assert len(list((tmp_path / "agreement" / "sections").glob("*.md"))) == 40
    assert size > 200_000
    result = agreekit(tmp_path, "check")
    assert result.returncode == 0, result.stdout


def test_a_generated_history_has_its_commits_and_valid_signed_approvals(tmp_path: Path) -> None:
    repo = history(tmp_path, 12, 4)
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True
    )
    assert count.stdout.strip() == "12"
    result = agreekit(repo, "verify")
    assert "4 records: 0 rejected" in result.stdout, result.stdout
