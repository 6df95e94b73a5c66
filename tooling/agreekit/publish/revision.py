"""The agreement as it was at a git revision, rendered to plain Markdown for comparison."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

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


def commit_of(repo: Path, revision: str, directory: str = "agreement") -> str:
    """The commit a revision from the user names, or RevisionError. Never handed to git as an
    option: `--output=../x` is refused before git sees it, and git is told options have ended."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise RevisionError(
            f"'{revision}' is not a revision; name a tag, branch or commit "
            "(git log --oneline lists them)"
        )
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    commit = result.stdout.decode("ascii", "replace").strip()
    if result.returncode != 0 or not commit:
        raise RevisionError(
            f"cannot read {directory}/ at '{revision}': no such commit; name a tag, branch or "
            "commit (git log --oneline lists them)"
        )
    return commit


def text_at(repo: Path, revision: str, directory: str = "agreement") -> str:
    """The rendered agreement at `revision` (a tag, branch or commit)."""
    commit = commit_of(repo, revision, directory)
    result = subprocess.run(
        ["git", "archive", "--format=tar", f"{commit}:", directory],
        cwd=repo,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else "git archive failed"
        raise RevisionError(
            f"cannot read {directory}/ at '{revision}': {detail}; "
            "name a tag, branch or commit (git log --oneline lists them)"
        )
    with tempfile.TemporaryDirectory(prefix="agreekit-rev-") as folder:
        with tarfile.open(fileobj=BytesIO(result.stdout)) as archive:
            archive.extractall(folder, filter="data")
        try:
            return agreement_text(Path(folder), directory)
        except (RevisionError, RenderError) as error:
            raise RevisionError(f"at '{revision}': {error}") from None
