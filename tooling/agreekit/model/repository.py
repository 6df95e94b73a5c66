"""The one walk of the repository and its one reader: every file agreekit reads from the working
tree is listed by the same walk and read through the same trust rules (`input_file.read_input`:
a regular file inside the repository, within the size limit), at most once per load."""

import os
from pathlib import Path
from typing import NamedTuple

from agreekit.governance.codeowners import LOCATIONS
from agreekit.governance.paths import SIGNERS_PATH, WORKFLOWS_DIR
from agreekit.model.input_file import RawFile, read_input
from agreekit.model.yaml_source import MAX_BYTES


class RepositoryFiles(NamedTuple):
    """What lies beside the agreement: CODEOWNERS, workflows, signers and the file list."""

    on_github: bool  # a .github/ folder or a CODEOWNERS file exists
    codeowners_path: str | None
    codeowners_text: str | None
    agreement_files: tuple[str, ...]
    workflow_files: tuple[str, ...]
    signers_present: bool


class Repository:
    """One repository's working tree as agreekit sees it.

    The walk never follows a link into a folder and leaves out hidden files and folders (editor
    locks, atomic-write temporaries) and `__pycache__`. `read` applies the trust rules and keeps
    each answer, so a file that breaks them is refused once, the same way for every reader.
    """

    def __init__(self, root: Path, limit: int = MAX_BYTES) -> None:
        self.root = root
        self.limit = limit
        self._answers: dict[str, RawFile] = {}

    def files_under(self, prefix: str) -> tuple[str, ...]:
        """Every file under the folder `prefix`, as sorted repository-relative paths."""
        found: list[str] = []
        for folder, directories, names in os.walk(self.root / prefix):
            directories[:] = sorted(
                d for d in directories if not d.startswith(".") and d != "__pycache__"
            )
            relative = Path(folder).relative_to(self.root).as_posix()
            found += [f"{relative}/{name}" for name in sorted(names) if not name.startswith(".")]
        return tuple(found)

    def entries(self, folder: str) -> tuple[str, ...]:
        """Every name directly in `folder` (files, folders, links alike), as sorted paths."""
        try:
            with os.scandir(self.root / folder) as listing:
                return tuple(sorted(f"{folder}/{entry.name}" for entry in listing))
        except OSError:
            return ()

    def read(self, relative: str) -> RawFile:
        """The file's bytes, or why agreekit does not read it (outside, not regular, too big)."""
        if relative not in self._answers:
            self._answers[relative] = read_input(self.root / relative, self.root, self.limit)
        return self._answers[relative]

    def was_read(self, relative: str) -> bool:
        """Whether some reader asked for the file already (and was answered or refused)."""
        return relative in self._answers

    def text(self, relative: str) -> str | None:
        """The file as UTF-8 text, or None where it cannot be read or decoded."""
        data = self.read(relative).data
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None


def read_repository(repository: Repository, directory: str) -> RepositoryFiles:
    """The governance files and the file lists, through the repository's one walk and reader."""
    root = repository.root
    codeowners = next((p for p in LOCATIONS if (root / p).is_file()), None)
    return RepositoryFiles(
        on_github=(root / ".github").is_dir() or codeowners is not None,
        codeowners_path=codeowners,
        codeowners_text=repository.text(codeowners) if codeowners else None,
        agreement_files=repository.files_under(directory),
        workflow_files=repository.files_under(WORKFLOWS_DIR),
        signers_present=(root / SIGNERS_PATH).is_file(),
    )
