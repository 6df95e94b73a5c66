"""The records folder on disk: whether it can be read, which record files exist, which are unknown.

A record that is missing means its step has not started; a folder or file that cannot be read, a
link out of the repository or a misspelled file name must never read the same way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from agreekit.finding import Finding, Location
from agreekit.model.problems import AK104, AK904
from agreekit.model.records import RECORD_FILES
from agreekit.version_names import is_version, newest


def records_folder_problem(repo: Path, folder: Path, display: str) -> Finding | None:
    """Why the records folder cannot be read (None when it is absent or readable)."""
    try:
        mode = os.lstat(folder).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        return AK904.at(Location(display), f"cannot look into it: {error.strerror}")
    real, real_root = os.path.realpath(folder), os.path.realpath(repo)
    if os.path.commonpath([real, real_root]) != real_root:
        return AK904.at(
            Location(display),
            f"links to {real}, outside the repository; make records/ a folder of the repository",
        )
    try:
        if stat.S_ISLNK(mode):
            mode = os.stat(folder).st_mode
        if not stat.S_ISDIR(mode):
            return AK904.at(
                Location(display), "not a folder; records/ holds the record files (*.yml)"
            )
        os.listdir(folder)
    except OSError as error:
        return AK904.at(
            Location(display),
            f"cannot read the folder: {error.strerror}; check its permissions",
        )
    return None


def cycle_folder(folder: Path) -> str | None:
    """The newest cycle's folder in records/ (`v1.1.0`: an amendment's or a renewal's records),
    or None while only the first version's records are there."""
    try:
        names = [name for name in os.listdir(folder) if is_version(name)]
    except OSError:
        return None
    return newest(name for name in names if (folder / name).is_dir())


def unknown_records(folder: Path, display: str, cycles: bool = True) -> list[Finding]:
    """A finding for each file in records/ that is no record agreekit reads (a misspelling is
    otherwise silently ignored); hidden files (.gitkeep) are left alone, and so are the cycles'
    folders (`v1.1.0/`) in records/ itself (`cycles`)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    expected = ", ".join(RECORD_FILES)
    found = []
    for name in names:
        if name in RECORD_FILES or name.startswith("."):
            continue
        if cycles and is_version(name) and (folder / name).is_dir():
            continue
        import difflib  # only when there is an unknown file

        close = difflib.get_close_matches(name, list(RECORD_FILES), n=1)
        guess = f"did you mean {close[0]}? " if close else ""
        message = (
            f"'{name}' is not a record agreekit reads; {guess}the records are {expected}: "
            "rename it or move it out of records/ (a later cycle's records go in a folder "
            "named for its version, e.g. records/v1.1.0/)"
        )
        found.append(AK104.at(Location(f"{display}/{name}"), message))
    return found
