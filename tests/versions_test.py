"""One answer to "which version": semantic order, and every reader of versions agrees on it."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from agreekit import versions
from agreekit.approvals.evidence import gather
from conftest import SampleRepo, git


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("v1.9.0", "v1.10.0"),
        ("v1.2.9", "v1.10.0"),
        ("v9", "v10"),
        ("v2.0.0-rc.1", "v2.0.0"),
        ("v2.0.0-rc.2", "v2.0.0-rc.10"),
        ("v1.0.0-1", "v1.0.0-alpha"),
        ("v1.2", "v1.2.1"),
    ],
)
def test_versions_compare_as_semantic_versions(lower: str, higher: str) -> None:
    assert versions.order_key(lower) < versions.order_key(higher)
    assert versions.newest([higher, lower]) == versions.newest([lower, higher]) == higher


def test_tags_that_are_not_versions_are_not_versions() -> None:
    assert versions.newest(["approved-initial", "vnext", "v1.0.0", "release-2"]) == "v1.0.0"
    assert versions.newest(["vnext"]) is None
    assert not versions.is_version("1.0.0") and not versions.is_version("v")


def test_with_v1_9_and_v1_10_on_head_every_reader_names_v1_10(publishable: SampleRepo) -> None:
    root = publishable.root
    git(root, "tag", "-a", "-m", "Release", "v1.8.0")
    publishable.replace("sections/constraints.md", "## Budget", "## Budget\n\nA new sentence.")
    git(root, "commit", "-qam", "A new sentence")
    git(root, "tag", "v1.10.0")
    git(root, "tag", "-a", "-m", "Release", "v1.9.0")  # newer tag, lower version

    assert versions.current_version(root).label == "v1.10.0"  # the site and the PDF
    assert versions.released_at_head(root) == "v1.10.0"
    assert gather(root).release == "v1.10.0"  # status step 19: "released as ..."
    assert versions.previous_version(root) == "v1.8.0"  # announce's "since"

    announced = publishable.cli("announce")
    assert announced.returncode == 0, announced.stderr
    notice = (root / "dist" / "notices" / "it.md").read_text()
    assert "v1.10.0" in notice and "v1.9.0" not in notice
    assert "Since v1.8.0, these sections changed:\n\n- Support constraints\n" in notice

    status = publishable.cli("status", "--json")
    assert "v1.9.0" not in status.stdout

    built = publishable.cli("build")
    assert built.returncode == 0, built.stderr
    home = (root / "site" / "index.html").read_text()
    assert "v1.10.0" in home and "v1.9.0" not in home
    (pdf,) = (root / "site").rglob("*.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "v1.10.0" in text and "v1.9.0" not in text


def test_a_draft_after_two_versions_on_one_commit_follows_the_higher(
    publishable: SampleRepo,
) -> None:
    root = publishable.root
    git(root, "tag", "v1.10.0")
    git(root, "tag", "-a", "-m", "Release", "v1.9.0")
    publishable.replace("sections/terms.md", "## Duration", "## Length")
    git(root, "commit", "-qam", "Rename a clause")
    assert versions.previous_version(root) == "v1.10.0"
    assert versions.newest_merged(root) == "v1.10.0"
    assert not versions.current_version(root).final
    assert json.loads(publishable.cli("status", "--json").stdout)
