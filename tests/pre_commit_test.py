"""The published pre-commit hook, run by the real pre-commit framework from another repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_runs_the_hook_and_reports_a_planted_defect(tmp_path: Path) -> None:
    consumer = tmp_path / "consumer"
    shutil.copytree(SAMPLE, consumer / "agreement")
    legal = consumer / "agreement" / "sections" / "legal.md"
    legal.write_text(
        legal.read_text().replace("## Confidentiality\n", "## Confidentiality\n\nTBD\n")
    )
    git("init", "-q", "-b", "main", cwd=consumer)
    git("add", ".", cwd=consumer)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "agreekit-check",
            "--all-files",
        ],
        cwd=consumer,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "agreekit check" in result.stdout
    assert "Failed" in result.stdout
    line = legal.read_text().split("\n").index("TBD") + 1
    assert f"agreement/sections/legal.md:{line}:1: AK105" in result.stdout
