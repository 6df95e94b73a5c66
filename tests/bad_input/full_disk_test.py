"""A full disk: build, meeting, announce and feedback stop with a clear error, and what they wrote
before is intact, never half replaced.

The disk is a small tmpfs (mounting one needs root; the test is skipped otherwise), filled up but
for a few kilobytes, so the command runs out of space partway through its writes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, make_git_repo

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs needs root; run the tests as root"
)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(disk)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=60, check=False)


def repository_on(disk: Path) -> Path:
    root = disk / "repo"
    shutil.copytree(SAMPLE, root / "agreement", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    make_git_repo(root)
    return root


def fill_up(disk: Path, leave: int) -> None:
    """Take all the free space of `disk` but about `leave` bytes."""
    with open(disk / "filler", "ab") as filler:
        chunk = b"\0" * (1 << 20)
        while True:
            free = shutil.disk_usage(disk).free
            if free <= leave:
                return
            try:
                filler.write(chunk[: max(4096, min(len(chunk), free - leave))])
                filler.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC
                return


def agreekit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agreekit", *args],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


COMMANDS = {
    # command: (arguments, output folder, an edit that changes every output)
    "meeting": (("meeting",), "dist", ("agreement/records/signing.yml", "Board room", "Room 2")),
    "announce": (("announce",), "dist", ("agreement/agreement.yml", "Brightwater", "Brightwave")),
    "feedback": (
        ("feedback",),
        "dist",
        ("agreement/records/negotiation.yml", "Housing officers", "Housing teams"),
    ),
    "build": (
        ("build", "--no-pdf"),
        "site",
        ("agreement/agreement.yml", "Brightwater", "Brightwave"),
    ),
}


@pytest.mark.parametrize("leave", [0, 6_000, 20_000], ids=["full", "6 kB free", "20 kB free"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_full_disk_is_a_clear_error_and_the_old_outputs_stay(
    small_disk: Path, name: str, leave: int
) -> None:
    arguments, output, (file, old, new) = COMMANDS[name]
    root = repository_on(small_disk)
    first = agreekit(root, *arguments)
    assert first.returncode == 0, first.stdout + first.stderr
    before = files_under(root / output)
    path = root / file
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    fill_up(small_disk, leave + (2_000_000 if name == "build" else 0))
    result = agreekit(root, *arguments)
    output_text = result.stdout + result.stderr
    assert "Traceback" not in output_text and "bug in agreekit" not in output_text, output_text
    after = files_under(root / output)
    if result.returncode == 0 and leave:  # it all fitted: then the outputs are the new ones
        assert any(new.encode() in (root / output / f).read_bytes() for f in after)
        return
    assert result.returncode == 2, output_text
    assert "No space left on device" in output_text and "free some space" in output_text
    assert after == before  # nothing half replaced, nothing half written
    assert not [p for p in root.rglob("*.tmp")], "a temporary was left behind"
