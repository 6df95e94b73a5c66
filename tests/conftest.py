"""Shared fixtures: a copy of the sample agreement in a temporary repository, and ways to break it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from agreekit.checks.run import CheckResult, check_repository
from agreekit.finding import Finding

# Property tests run the same examples on every machine ("ci", the default), so a failure in CI
# is one a developer sees too; HYPOTHESIS_PROFILE=explore searches fresh examples, more of them.
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("explore", deadline=None, max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "agreement"
# The second, different agreement: Sev1-Sev3, two services with their own credits, EUR.
EXAMPLE = ROOT / "examples" / "eu-managed-service"


class SampleRepo:
    """A copy of the sample agreement; tests edit it and check it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.agreement = root / "agreement"

    def path(self, relative: str) -> Path:
        return self.agreement / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text("utf-8")

    def write(self, relative: str, text: str) -> None:
        self.path(relative).write_text(text, "utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, count))

    def line_of(self, relative: str, needle: str, start: int = 1) -> int:
        """1-based number of the first line at or after `start` containing `needle`."""
        for number, line in enumerate(self.read(relative).split("\n"), start=1):
            if number >= start and needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {relative}")

    def check(self) -> CheckResult:
        return check_repository(self.root)

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, cwd=self.root)

    def snapshot(self) -> dict[str, str]:
        return {
            str(p.relative_to(self.root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.root.rglob("*"))
            if p.is_file()
        }


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agreekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def sample(tmp_path: Path) -> SampleRepo:
    shutil.copytree(SAMPLE, tmp_path / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    return SampleRepo(tmp_path)


@pytest.fixture
def example(tmp_path: Path) -> SampleRepo:
    """A copy of the example agreement (agreement/, mkdocs.yml, .github/) to edit and check."""
    for name in ("agreement", ".github"):
        shutil.copytree(EXAMPLE / name, tmp_path / name, ignore=shutil.ignore_patterns("site"))
    shutil.copy(EXAMPLE / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return SampleRepo(tmp_path)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


FindingsOf = Callable[[SampleRepo], list[dict[str, object]]]


def json_findings(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks that compare dates with today (AK224) see the same day on every run."""
    monkeypatch.setenv("AGREEKIT_TODAY", "2026-12-01")


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests commit in temporary repositories; a fresh machine has no git identity of its own."""
    for variable, value in (
        ("GIT_AUTHOR_NAME", "agreekit tests"),
        ("GIT_AUTHOR_EMAIL", "tests@agreekit.invalid"),
        ("GIT_COMMITTER_NAME", "agreekit tests"),
        ("GIT_COMMITTER_EMAIL", "tests@agreekit.invalid"),
    ):
        monkeypatch.setenv(variable, value)


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def make_git_repo(root: Path) -> None:
    """A repository holding the sample agreement and mkdocs.yml, committed once."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "owner@example.org")
    git(root, "config", "user.name", "Agreement Owner")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "config", "tag.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Sample agreement")


def publishable_repo(root: Path) -> SampleRepo:
    """A copy of the sample and mkdocs.yml in `root`, committed once, with no tags."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    make_git_repo(root)
    return SampleRepo(root)


@pytest.fixture
def publishable(tmp_path: Path) -> SampleRepo:
    return publishable_repo(tmp_path / "repo")
