"""Which allowed-signers file each commit holds, kept in the git folder so status stays fast.

A commit never changes, so the blob id its `.github/allowed_signers` names (or its absence) is
known for ever once git has answered. On a 5,000-commit history asking git again for every commit
took about 110 ms of each `status`; with this file only commits new since the last run are asked.
It lives in `<git dir>/agreekit/signers.json`, is never committed, and the audit (`verify`)
ignores it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from agreekit.approvals.git_cache import CacheFile

CACHE_FILE = "agreekit/signers.json"
_ABSENT = ""  # the commit has no allowed-signers file


def signers_blobs(
    git_folder: Path | None,
    commits: Iterable[str],
    ask: Callable[[Sequence[str]], dict[str, str | None]],
) -> dict[str, str | None]:
    """The allowed-signers blob of each commit (None where it has none): from the cache, and
    from `ask` (commits -> blob) for the commits the cache does not know."""
    file = CacheFile(git_folder, CACHE_FILE)
    known = {
        commit: blob
        for commit, blob in file.stored.items()
        if isinstance(commit, str) and isinstance(blob, str)
    }
    wanted = list(commits)
    missing = [commit for commit in wanted if commit not in known]
    if missing:
        for commit, blob in ask(missing).items():
            known[commit] = blob or _ABSENT
        file.changed = git_folder is not None
        file.save(known)
    return {commit: known[commit] or None for commit in wanted}
