"""The content id is git's own tree id of agreement/ without records/, from git or from disk."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from agreekit import git
from agreekit.approvals.content import content_id_of_folder, content_id_of_tree
from conftest import SAMPLE


def run(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def committed_content(repo: Path) -> str:
    tree = git.cat_objects(repo, ["HEAD:agreement"])["HEAD:agreement"]
    assert tree is not None
    return content_id_of_tree(tree.data)


def test_ids_from_git_and_from_disk_agree_and_ignore_records(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "agreement", ignore=shutil.ignore_patterns("records"))
    (tmp_path / "agreement" / "extra").mkdir()
    (tmp_path / "agreement" / "extra" / "note.md").write_text("x\n")
    run("init", "-q", cwd=tmp_path)
    run("add", ".", cwd=tmp_path)
    run("commit", "-qm", "one", cwd=tmp_path)
    without_records = run("rev-parse", "HEAD:agreement", cwd=tmp_path)
    assert committed_content(tmp_path) == without_records
    assert content_id_of_folder(tmp_path / "agreement") == without_records

    (tmp_path / "agreement" / "records").mkdir()
    (tmp_path / "agreement" / "records" / "negotiation.yml").write_text("items: []\n")
    run("add", ".", cwd=tmp_path)
    run("commit", "-qm", "records", cwd=tmp_path)
    assert run("rev-parse", "HEAD:agreement", cwd=tmp_path) != without_records
    assert committed_content(tmp_path) == without_records
    assert content_id_of_folder(tmp_path / "agreement") == without_records

    sections = tmp_path / "agreement" / "sections" / "terms.md"
    sections.write_text(sections.read_text() + "\nMore.\n")
    assert content_id_of_folder(tmp_path / "agreement") != without_records
