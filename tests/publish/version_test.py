"""Versions from git tags, the content id, and the last approved version."""

from __future__ import annotations

import subprocess
from pathlib import Path

from agreekit.publish.version import content_id, last_approved
from agreekit.versions import current_version
from conftest import SampleRepo, git


def test_untagged_head_is_a_draft_with_its_commit(publishable: SampleRepo) -> None:
    head = git(publishable.root, "rev-parse", "HEAD")
    version = current_version(publishable.root)
    assert version.label == f"draft {head[:7]}"
    assert not version.final
    assert last_approved(publishable.root) is None


def test_tagged_clean_head_is_final(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "v1.0.0")
    assert current_version(publishable.root).label == "v1.0.0"
    assert current_version(publishable.root).final
    assert last_approved(publishable.root) == "v1.0.0"


def test_uncommitted_change_is_a_draft_even_on_a_tag(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "v1.0.0")
    publishable.replace("sections/terms.md", "## Duration", "## Length")
    version = current_version(publishable.root)
    assert not version.final
    assert version.label.endswith("+changes")


def test_other_tags_do_not_make_a_version(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "approved-initial")
    assert not current_version(publishable.root).final


def test_last_approved_is_the_newest_version_tag(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "v1.2.0")
    publishable.replace("sections/terms.md", "## Duration", "## Length")
    git(publishable.root, "commit", "-qam", "Rename a clause")
    git(publishable.root, "tag", "v1.10.0")
    assert last_approved(publishable.root) == "v1.10.0"


def test_outside_git_is_an_uncommitted_draft(sample: SampleRepo) -> None:
    assert current_version(sample.root).label == "draft (not committed)"


def text_tree(repo: SampleRepo) -> str:
    """What git itself makes of agreement/ without records/: the tree of the text."""
    listing = git(repo.root, "ls-tree", "HEAD:agreement").splitlines()
    kept = "".join(f"{line}\n" for line in listing if not line.endswith("\trecords"))
    result = subprocess.run(
        ["git", "mktree"], cwd=repo.root, input=kept, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_content_id_is_the_git_tree_of_the_text(publishable: SampleRepo) -> None:
    assert publishable.path("records").is_dir()
    assert content_id(publishable.root) == text_tree(publishable)


def test_content_id_ignores_records_and_follows_the_text(publishable: SampleRepo) -> None:
    before = content_id(publishable.root)
    publishable.path("records").mkdir(exist_ok=True)
    publishable.write("records/notes.yml", "items: []\n")
    assert content_id(publishable.root) == before
    publishable.replace("sections/terms.md", "## Duration", "## Length")
    assert content_id(publishable.root) != before


def test_content_id_works_without_git(tmp_path: Path, sample: SampleRepo) -> None:
    assert len(content_id(sample.root)) == 40


def test_of_two_version_tags_on_head_the_higher_version_is_published(
    publishable: SampleRepo,
) -> None:
    git(publishable.root, "tag", "v9.0.0")
    git(publishable.root, "tag", "-a", "-m", "Release", "v10.0.0")
    assert current_version(publishable.root).label == "v10.0.0"
