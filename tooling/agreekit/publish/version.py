"""Which version is being published, from git: a `v*` tag on a clean HEAD is final, else a draft.

One git process per question (agreekit.git).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from agreekit import git
from agreekit.approvals.content import content_id_of_folder

VERSION_TAGS = "v*"


class Version(NamedTuple):
    label: str  # "v1.0.0", or "draft 1a2b3c4"
    final: bool
    commit: str  # full commit id, "" outside git


def current_version(repo: Path, directory: str = "agreement") -> Version:
    """Final when HEAD carries a `v*` tag and the agreement has no uncommitted change."""
    commit = git.answer(repo, "rev-parse", "--verify", "HEAD")
    if not commit:
        return Version("draft (not committed)", False, "")
    short = commit[:7]
    dirty = git.answer(repo, "status", "--porcelain", "--", directory)
    if dirty:
        return Version(f"draft {short}+changes", False, commit)
    tag = git.answer(repo, "describe", "--tags", "--exact-match", "--match", VERSION_TAGS, "HEAD")
    if tag:
        return Version(tag, True, commit)
    return Version(f"draft {short}", False, commit)


def last_approved(repo: Path, directory: str = "agreement") -> str | None:
    """The revision the Changes page compares against: the newest valid approval, else `v*` tag."""
    from agreekit.approvals.evidence import gather

    approvals = [
        verdict.record
        for verdict in gather(repo, directory).verdicts
        if verdict.valid and verdict.record.decision == "approved"
    ]
    if approvals:
        return max(approvals, key=lambda record: record.tagger_time).name
    tags = git.answer(repo, "tag", "--list", VERSION_TAGS, "--sort=-v:refname", "--merged", "HEAD")
    return tags.splitlines()[0] if tags else None


def content_id(repo: Path, directory: str = "agreement") -> str:
    """The git tree id of the agreement text (`agreement/` without `records/`), as on disk."""
    return content_id_of_folder(repo / directory) or ""
