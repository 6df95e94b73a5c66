"""Read one input file of the agreement without trusting it: inside the repository, a regular
file, and no more bytes than the size limit, so a link, a pipe or a huge file cannot hang or leak."""

import functools
import os
import stat
from pathlib import Path
from typing import NamedTuple


class RawFile(NamedTuple):
    data: bytes | None
    problem: str  # why `data` is None: what is wrong and what to do


def path_exists(path: Path) -> bool:
    """Whether something is at `path` (a broken link too); an error other than "no such file"
    (no permission to look, a loop of links) counts as there, so reading it reports the error."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def read_input(path: Path, root: Path, limit: int) -> RawFile:
    """The file's bytes, or the problem: outside `root`, not a regular file, unreadable, too big."""
    real = _real_path(path)
    real_root = _real_folder(str(root))
    if os.path.commonpath([real, real_root]) != real_root:
        return RawFile(
            None,
            f"links to {real}, outside the repository; copy the text in instead of linking to it",
        )
    try:
        # Non-blocking, so opening a named pipe returns at once instead of waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        return RawFile(None, _unreadable(error))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return RawFile(
                None, "not a regular file (a folder, pipe or device); replace it with a text file"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # The size the file gives and one byte more: a buffer of the limit for each small
            # file costs more than reading it. Should it hold more (it grows), read on to the limit.
            expected = min(status.st_size, limit) + 1
            data = stream.read(expected)
            if len(data) == expected:
                data += stream.read(limit + 1 - expected)
    except OSError as error:
        return RawFile(None, _unreadable(error))
    finally:
        os.close(descriptor)
    if len(data) > limit:
        return RawFile(None, f"file is over the {limit // 1000} kB limit; split it")
    return RawFile(data, "")


def _real_path(path: Path) -> str:
    """Where the path really leads (never raises, even on a loop of links).

    The folder's answer is kept: a thousand sections in one folder cost one walk, not a thousand.
    """
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        is_link = False
    if is_link:
        return os.path.realpath(path)
    return os.path.join(_real_folder(str(path.parent)), path.name)


@functools.lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _unreadable(error: OSError) -> str:
    return f"cannot read the file: {error.strerror}; check that it exists and is readable"
