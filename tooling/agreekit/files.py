"""Writing files and folders atomically, so an interrupted command never leaves half a file behind.

A write goes to a temporary file (or folder) beside its target, named
`.<target>.agreekit-<8 random characters>.tmp` (a name no user picks, so a user's own `.x.tmp`
is never taken for one),
and is renamed over the target only once complete. A process killed midway leaves the old target
intact and, at worst, a stale temporary that later runs ignore and the next successful write of
the same target removes.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY = re.compile(r"^\..+\.agreekit-[a-z0-9_]{8}\.tmp$")  # tempfile's random part


def temporary_prefix(target: Path) -> str:
    return f".{target.name}.agreekit-"


def is_temporary(path: Path) -> bool:
    """A temporary left beside its target by a write of agreekit's that never finished."""
    return _TEMPORARY.match(path.name) is not None


def write_atomic(path: Path, content: str | bytes) -> None:
    write_all_atomic([(path, content)])


def write_all_atomic(files: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write every file atomically, and all or none where the disk fills up: each is written in
    full to a temporary beside its target first; the renames, which need no space, follow only
    once every temporary is complete. A path given twice ends with its last content."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in files:
            staged.append((_stage(path, content), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for path in {path for _, path in staged}:
        _remove_stale(path)


def _stage(path: Path, content: str | bytes) -> str:
    """A complete, synced temporary beside `path` holding `content`; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    prefix = temporary_prefix(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=TEMPORARY_SUFFIX)
    try:
        # mkstemp makes the file private; give it the mode a plain write would (published files
        # must be readable by the web server), or keep the mode of the file it replaces.
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


@contextmanager
def replaced_folder(target: Path) -> Iterator[Path]:
    """A new, empty folder beside `target`; when the block ends without an error it takes the
    place of `target` in one step and the old folder is deleted. On an error it is deleted and
    `target` is left as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(dir=target.parent, prefix=temporary_prefix(target), suffix=".tmp")
    )
    os.chmod(staging, 0o777 & ~_umask())
    try:
        yield staging
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap it holds the old folder
    _remove_stale(target)


def swap_in(staging: Path, target: Path) -> None:
    """Put `staging` where `target` is; afterwards `staging` holds the old target (if any)."""
    if target.exists() and exchange(staging, target):
        return
    if target.exists():
        # No atomic exchange here (not Linux, or a file system without it): two renames, with
        # the old folder kept under a temporary name until the new one is in place.
        old = Path(
            tempfile.mkdtemp(dir=target.parent, prefix=temporary_prefix(target), suffix=".tmp")
        )
        os.replace(target, old)
        os.replace(staging, target)
        os.replace(old, staging)
    else:
        os.replace(staging, target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False if unsupported."""
    import ctypes  # only here: `agreekit check` imports nothing it does not use

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove_stale(target: Path) -> None:
    """Temporaries of `target` left by killed writes (the one just used is gone already)."""
    for stale in target.parent.glob(f"{glob.escape(temporary_prefix(target))}*{TEMPORARY_SUFFIX}"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
