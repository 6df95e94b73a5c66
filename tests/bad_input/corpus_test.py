"""Every case of the bad-input corpus through the real `agreekit check`, in a child process.

For each: the exit code, a finding naming file and line, no traceback, a hang guard, a memory
limit, and no file of the repository changed.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_input.cases import CASES, Case
from conftest import SAMPLE

MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the child, 1 GiB
HANG_GUARD = 60  # seconds: not a speed target, only a stop for a hang


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under `root` without following links: a file's hash, a link's target; of a
    git folder only its refs (its index and logs change as git reads)."""
    found: dict[str, str] = {}
    for folder, directories, names in os.walk(root):
        inside = Path(folder).relative_to(root).parts
        if inside[:1] == (".git",) and inside[1:2] != ("refs",):
            directories[:] = []
            names = [n for n in names if n == "packed-refs"]
        for name in directories + names:
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            if path.is_symlink():
                found[relative] = "link to " + os.readlink(path)
            elif path.is_dir():
                found[relative] = "folder"
            elif path.is_file():
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[relative] = "special"
    return found


def expected_line(root: Path, case: Case) -> int:
    if isinstance(case.line, int):
        return case.line
    lines = (root / case.file).read_bytes().split(b"\n")
    return next(number for number, line in enumerate(lines, start=1) if case.line in line)


# Root reads a file of mode 000 through two capabilities. Dropping them from the bounding set
# before exec leaves the child root, able to run this Python, but bound by file modes.
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def _drop_file_override() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def limits(unprivileged: bool) -> Callable[[], None]:
    """What the child does before it starts: cap its memory, and give up reading any file."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if unprivileged and os.geteuid() == 0:
            _drop_file_override()

    return apply


def really_unreadable(path: Path) -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; open(sys.argv[1], 'rb')", str(path)],
        capture_output=True,
        timeout=HANG_GUARD,
        preexec_fn=limits(unprivileged=True),
    )
    return probe.returncode != 0


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported_not_crashed(case: Case, repo: Path) -> None:
    case.plant(repo)
    if case.unprivileged and not really_unreadable(repo / case.file):
        pytest.skip("cannot make a file unreadable here (no way to drop root's file override)")
    line = expected_line(repo, case)
    before = snapshot(repo)
    result = subprocess.run(
        [sys.executable, "-m", "agreekit", "check", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        preexec_fn=limits(case.unprivileged),
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    found = {(f["code"], f["file"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert (case.code, case.file, line) in found, sorted(found)
    assert result.returncode == case.exit, sorted(found)
    assert snapshot(repo) == before


def test_the_corpus_spans_every_kind_of_bad_input() -> None:
    by_category = {c.category: sum(1 for d in CASES if d.category == c.category) for c in CASES}
    assert len(CASES) >= 40
    assert set(by_category) == {"yaml", "markdown", "filesystem", "domain"}
    assert min(by_category.values()) >= 8
    assert len({c.name for c in CASES}) == len(CASES)
