"""Writing an approval record: the tag name, its message, and the git call (signed if configured)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from agreekit import git
from agreekit.approvals.record import message
from agreekit.approvals.stages import Stage
from agreekit.approvals.verify import Verdict


def missing_stages(stage: Stage, verdicts: Sequence[Verdict]) -> list[str]:
    """Required stages that have no valid approval yet."""
    approved = {v.record.stage for v in verdicts if v.counts and v.record.decision == "approved"}
    return [required for required in stage.requires if required not in approved]


def next_name(stage: Stage, taken: Sequence[str]) -> str:
    number = 1
    while f"approvals/{stage.id}/{number}" in taken:
        number += 1
    return f"approvals/{stage.id}/{number}"


def write_record(
    repo: Path,
    stage: Stage,
    approver: str,
    decision: str,
    commit: str,
    content: str,
    source: str,
    sign: bool,
    taken: Sequence[str],
    **extra: str,
) -> str:
    """Create the tag and return its name; raises git.GitError with git's reason, ValueError for
    a value no trailer can hold."""
    name = next_name(stage, taken)
    role = extra.pop("role", stage.role)
    text = message(stage.id, decision, approver, role, content, source, stage.title, **extra)
    git.create_tag(repo, name, text, commit, sign=sign)
    return name
