"""Killing a real agreekit process at the moment it renames a finished output into place."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from pathlib import Path

# Replaces os.replace and agreekit.files.exchange with versions that SIGKILL the process right
# before a rename onto a target named sys.argv[1], then runs the Python code in sys.argv[2].
LAUNCHER = """
import os, signal, sys
import agreekit.files as files
target = sys.argv[1]
def before(rename):
    def killing(source, destination, *args, **kwargs):
        if os.path.basename(os.fspath(destination)) == target:
            os.kill(os.getpid(), signal.SIGKILL)
        return rename(source, destination, *args, **kwargs)
    return killing
os.replace = before(os.replace)
files.exchange = before(files.exchange)
exec(sys.argv[2])
"""

CLI = "from agreekit.cli import main; main(sys.argv[3:], prog_name='agreekit')"


def run_killed(target: str, code: str, *args: str, cwd: Path) -> None:
    """Run `code` (with `args` from sys.argv[3]) and assert it died renaming onto `target`."""
    result = subprocess.run(
        [sys.executable, "-c", LAUNCHER, target, code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == -signal.SIGKILL, result.stdout + result.stderr


def kill_cli(target: str, *args: str, cwd: Path) -> None:
    """Run `agreekit ARGS` and assert it was killed right before renaming onto `target`."""
    run_killed(target, CLI, *args, cwd=cwd)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with the SHA-256 of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
