"""The repository files governance checks read, as plain text: no git, no GitHub, no network."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from agreekit.governance.codeowners import LOCATIONS
from agreekit.governance.paths import SIGNERS_PATH, WORKFLOWS_DIR
from agreekit.model.yaml_source import MAX_BYTES


class RepositoryFiles(NamedTuple):
    """What lies beside the agreement: CODEOWNERS, workflows, signers and the file list."""

    on_github: bool  # a .github/ folder or a CODEOWNERS file exists
    codeowners_path: str | None
    codeowners_text: str | None
    agreement_files: tuple[str, ...]
    workflow_files: tuple[str, ...]
    signers_present: bool


def _read(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _files_under(root: Path, prefix: str) -> tuple[str, ...]:
    found: list[str] = []
    for folder, directories, names in os.walk(root / prefix):
        directories[:] = sorted(
            d for d in directories if not d.startswith(".") and d != "__pycache__"
        )
        relative = Path(folder).relative_to(root).as_posix()
        found += [f"{relative}/{name}" for name in sorted(names) if not name.startswith(".")]
    return tuple(found)


def read_repository(repo: Path, directory: str) -> RepositoryFiles:
    codeowners = next((p for p in LOCATIONS if (repo / p).is_file()), None)
    return RepositoryFiles(
        on_github=(repo / ".github").is_dir() or codeowners is not None,
        codeowners_path=codeowners,
        codeowners_text=_read(repo / codeowners) if codeowners else None,
        agreement_files=_files_under(repo, directory),
        workflow_files=_files_under(repo, WORKFLOWS_DIR) if (repo / WORKFLOWS_DIR).is_dir() else (),
        signers_present=(repo / SIGNERS_PATH).is_file(),
    )
