"""The publishing edge of versions: the last approved revision (from the approval records) and
the content id; what a version is and which is current is `agreekit.versions`'."""

from __future__ import annotations

from pathlib import Path

from agreekit import git, versions
from agreekit.approvals.content import content_id_of_folder


def last_approved(repo: Path, directory: str = "agreement") -> str | None:
    """The revision the Changes page compares against: the newest valid approval, else version."""
    from agreekit.approvals.evidence import gather

    # Listing the approval tags is cheap; judging them asks git much more: only when there are some.
    approvals = [
        (verdict.record.tagger_time, verdict.record.name)
        for verdict in (gather(repo, directory).verdicts if git.approval_refs(repo) else ())
        if verdict.counts and verdict.record.decision == "approved"
    ]
    return versions.last_approved(repo, approvals)


def content_id(repo: Path, directory: str = "agreement") -> str:
    """The git tree id of the agreement text (`agreement/` without `records/`), as on disk."""
    return content_id_of_folder(repo / directory) or ""
