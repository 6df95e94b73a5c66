"""The agreement as it was at a git revision, rendered to plain Markdown for comparison."""

from __future__ import annotations

import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from agreekit import git
from agreekit.model.loader import load_agreement
from agreekit.text.render import TEXT, RenderError, render_agreement


class RevisionError(Exception):
    """A revision that does not exist or whose agreement does not load."""


def agreement_text(repo: Path, directory: str = "agreement") -> str:
    """The working tree's agreement, rendered: the text people read, without site markup."""
    agreement, findings = load_agreement(repo, directory)
    if agreement is None:
        problems = "; ".join(f"{f.location.file}:{f.location.line}: {f.message}" for f in findings)
        raise RevisionError(f"the agreement does not load: {problems}")
    return "\n\n".join(text.strip() for _, text in render_agreement(agreement, TEXT)) + "\n"


def text_at(repo: Path, revision: str, directory: str = "agreement") -> str:
    """The rendered agreement at `revision` (a tag, branch or commit)."""
    try:
        tar = git.archive(repo, revision, directory)
    except git.GitError as error:
        raise RevisionError(
            f"cannot read {directory}/ at '{revision}': {error}; "
            "name a tag, branch or commit (git log --oneline lists them)"
        ) from None
    with tempfile.TemporaryDirectory(prefix="agreekit-rev-") as folder:
        with tarfile.open(fileobj=BytesIO(tar)) as archive:
            archive.extractall(folder, filter="data")
        try:
            return agreement_text(Path(folder), directory)
        except (RevisionError, RenderError) as error:
            raise RevisionError(f"at '{revision}': {error}") from None
