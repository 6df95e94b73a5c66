"""The one error a command stops with: a message for the user and the exit code it means.

Every command keeps the same exit-code contract (README, "Exit codes"):

- 0 (`DONE`): done, or nothing found;
- 1 (`FINDINGS`): findings, or refused by a rule of the workflow (an approval out of order...);
- 2 (`USAGE`): a usage error, or input agreekit cannot read (a file, a folder, git, a payload);
- 3 (`BUG`): an unexpected error, a bug in agreekit; the CLI says so and where to report it.

Code below the commands raises `Failure` for anything that is not a bug; `agreekit.cli` turns it
into one message on stderr and the exit code, in one place.
"""

from __future__ import annotations

import os
from pathlib import Path

DONE = 0
FINDINGS = 1
USAGE = 2
BUG = 3


class Failure(Exception):
    """A failure that is not a bug: `message` says where, what is wrong and what to do."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def refused(message: str) -> Failure:
    """A rule of the workflow refuses the action (exit 1)."""
    return Failure(message, FINDINGS)


def where(path: str | os.PathLike[str], line: int | None = None) -> str:
    """`path` or `path:line`, as messages name a place."""
    shown = os.fspath(path) if not isinstance(path, Path) else str(path)
    return f"{shown}:{line}" if line else shown


# What to do about an operating-system error, by errno name; the rest say only what happened.
_ADVICE = {
    "ENOSPC": "free some space on that disk and run it again; nothing was replaced",
    "EDQUOT": "free some of your disk quota and run it again; nothing was replaced",
    "EACCES": "check the permissions of the file and its folder, or run as their owner",
    "EPERM": "check the permissions of the file and its folder, or run as their owner",
    "EROFS": "the file system is read-only: run where you can write, or choose another output",
    "ENAMETOOLONG": "use a shorter name",
    "ELOOP": "a symbolic link points to itself or in a circle: fix or remove it",
    "ENOENT": "check the path",
    "EISDIR": "a folder is where a file was expected: move it away",
    "ENOTDIR": "a file is where a folder was expected: move it away",
    "EMFILE": "too many open files: raise the limit (ulimit -n) and run it again",
}


def os_failure(error: OSError, doing: str = "") -> Failure:
    """The failure for an operating-system error: names the file, what happened and what to do."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    file = error.filename if error.filename is not None else error.filename2
    place = f"{os.fsdecode(file)}: " if isinstance(file, str | bytes | os.PathLike) else ""
    what = (error.strerror or str(error)).rstrip(".")
    advice = _ADVICE.get(name, "")
    verb = f"cannot {doing}: " if doing else ""
    return Failure(
        f"{place}{verb}{what.lower() if verb else what}" + (f"; {advice}" if advice else "")
    )
