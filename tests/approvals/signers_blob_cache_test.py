"""The allowed-signers blob of each commit is asked of git once, then read from the git folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from agreekit.approvals.signers_blob_cache import CACHE_FILE, signers_blobs


def test_only_commits_new_since_the_last_run_are_asked(tmp_path: Path) -> None:
    asked: list[list[str]] = []
    answers = {"a": "blob1", "b": None, "c": "blob2"}

    def ask(commits: Sequence[str]) -> dict[str, str | None]:
        asked.append(list(commits))
        return {commit: answers[commit] for commit in commits}

    first = signers_blobs(tmp_path, ["a", "b"], ask)
    again = signers_blobs(tmp_path, ["a", "b", "c"], ask)
    assert first == {"a": "blob1", "b": None}
    assert again == {"a": "blob1", "b": None, "c": "blob2"}
    assert asked == [["a", "b"], ["c"]]  # b's absence is remembered too
    assert signers_blobs(tmp_path, ["c", "a"], ask) == {"c": "blob2", "a": "blob1"}
    assert len(asked) == 2


def test_a_damaged_cache_or_no_git_folder_asks_git_for_every_commit(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).parent.mkdir(parents=True)
    (tmp_path / CACHE_FILE).write_text('{"a": 5, "b": "forged"', "utf-8")  # not JSON
    asked: list[list[str]] = []

    def ask(commits: Sequence[str]) -> dict[str, str | None]:
        asked.append(list(commits))
        return dict.fromkeys(commits, "real")

    assert signers_blobs(tmp_path, ["a", "b"], ask) == {"a": "real", "b": "real"}
    assert signers_blobs(None, ["a"], ask) == {"a": "real"}
    assert asked == [["a", "b"], ["a"]]
