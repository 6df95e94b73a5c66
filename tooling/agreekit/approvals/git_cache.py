"""A JSON file in the repository's git folder where agreekit keeps what git answered before.

Never committed, never shared: a clone starts without it. Unreadable content counts as empty and a
file that cannot be written only costs speed next time, so the caches can never stop a command.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from agreekit.files import write_atomic
from agreekit.json_input import JsonProblem, read_json_file


class CacheFile:
    def __init__(self, git_folder: Path | None, name: str) -> None:
        self.path = git_folder / name if git_folder is not None else None
        self.stored: dict[str, Any] = _read(self.path) if self.path is not None else {}
        self.changed = False

    def save(self, content: dict[str, Any]) -> None:
        """Write `content` if anything changed since it was read."""
        if self.changed and self.path is not None:
            with contextlib.suppress(OSError):
                write_atomic(self.path, json.dumps(content, sort_keys=True) + "\n")


def _read(path: Path) -> dict[str, Any]:
    try:
        stored = read_json_file(path)
    except JsonProblem:
        return {}
    return stored if isinstance(stored, dict) else {}
