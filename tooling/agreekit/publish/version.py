"""Which version is being published, from git: a `v*` tag on a clean HEAD is final, else a draft.

One git process per question (agreekit.git).
"""

from __future__ import annotations

import re
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
    # One process for the commit and the tags on it (its decorations), one for uncommitted changes.
    head = git.answer(repo, "log", "-1", "--format=%H%x00%D", "--decorate-refs=refs/tags/v*")
    if not head:
        return Version("draft (not committed)", False, "")
    commit, _, decorations = head.partition("\0")
    short = commit[:7]
    dirty = git.answer(repo, "status", "--porcelain", "--", directory)
    if dirty:
        return Version(f"draft {short}+changes", False, commit)
    tags = [d.removeprefix("tag: ") for d in decorations.split(", ") if d.startswith("tag: ")]
    if tags:
        return Version(max(tags, key=_version_order), True, commit)
    return Version(f"draft {short}", False, commit)


def _version_order(tag: str) -> list[tuple[int, str]]:
    """v10 after v9: numbers compare as numbers."""
    return [(int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", tag)]


def last_approved(repo: Path, directory: str = "agreement") -> str | None:
    """The revision the Changes page compares against: the newest valid approval, else `v*` tag."""
    from agreekit.approvals.evidence import gather

    # Listing the approval tags is cheap; judging them asks git much more: only when there are some.
    approvals = [
        verdict.record
        for verdict in (gather(repo, directory).verdicts if git.approval_refs(repo) else ())
        if verdict.counts and verdict.record.decision == "approved"
    ]
    if approvals:
        return max(approvals, key=lambda record: record.tagger_time).name
    tags = git.answer(repo, "tag", "--list", VERSION_TAGS, "--sort=-v:refname", "--merged", "HEAD")
    return tags.splitlines()[0] if tags else None


def content_id(repo: Path, directory: str = "agreement") -> str:
    """The git tree id of the agreement text (`agreement/` without `records/`), as on disk."""
    return content_id_of_folder(repo / directory) or ""
