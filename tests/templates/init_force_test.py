"""`init --force` in an existing repository says what it added and kept, and that the git
repository was there already (not "Created 0 files ... and a git repository")."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def test_init_force_says_what_it_added_to_an_existing_repository(tmp_path: Path) -> None:
    first = run_cli("init", "new", cwd=tmp_path)
    assert first.returncode == 0 and ", and a git repository." in first.stdout
    again = run_cli("init", "--force", "new", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "Nothing to add to new: all" in again.stdout
    assert "in its existing git repository." in again.stdout and "Created 0" not in again.stdout
    (tmp_path / "new" / "mkdocs.yml").unlink()
    third = run_cli("init", "--force", "new", cwd=tmp_path)
    assert "Created 1 file in new (kept" in third.stdout
    assert "in its existing git repository." in third.stdout
