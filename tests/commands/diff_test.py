"""`agreekit diff OLD NEW` between two real commits."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import SampleRepo, git


def test_marks_exactly_the_inserted_and_deleted_words(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "v1.0.0")
    publishable.replace(
        "sections/legal.md",
        "within 30 days of\n   notice describing the breach",
        "within 21 days of\n   written notice describing the breach",
    )
    git(publishable.root, "commit", "-qam", "Shorter remedy period, written notice")
    result = publishable.cli("diff", "v1.0.0", "HEAD")
    assert result.returncode == 0, result.stderr
    assert "2 words inserted, 1 word deleted" in result.stdout
    markdown = (publishable.root / "site/redline/v1.0.0..HEAD.md").read_text("utf-8")
    assert "{--" in markdown and "{++" in markdown
    assert markdown.count("{--") == 1 and markdown.count("{++") == 2
    assert (
        "within {--30--}{++21++} days of\n   {++written++} notice describing the breach" in markdown
    )
    html = (publishable.root / "site/redline/v1.0.0..HEAD.html").read_text("utf-8")
    assert html.count("<del>") == 1 and html.count("<ins>") == 2
    assert "<del>30</del><ins>21</ins>" in html
    assert "<ins>written</ins>" in html


def test_unknown_revision_says_what_to_do(publishable: SampleRepo) -> None:
    result = publishable.cli("diff", "v9.9.9", "HEAD")
    assert result.returncode == 2
    assert "cannot read agreement/ at 'v9.9.9'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_users_redline_is_kept_until_force(publishable: SampleRepo) -> None:
    folder = publishable.root / "site" / "redline"
    assert publishable.cli("diff", "HEAD", "HEAD").returncode == 0
    assert publishable.cli("diff", "HEAD", "HEAD").returncode == 0  # its own: replaced
    (folder / "HEAD..HEAD.md").write_text("annotated by legal\n")
    refused = publishable.cli("diff", "HEAD", "HEAD")
    assert refused.returncode == 2 and "HEAD..HEAD.md: not replaced" in refused.stderr
    assert (folder / "HEAD..HEAD.md").read_text() == "annotated by legal\n"
    assert publishable.cli("diff", "HEAD", "HEAD", "--force").returncode == 0


def test_a_revision_that_looks_like_an_option_never_reaches_git(publishable: SampleRepo) -> None:
    outside = publishable.root.parent / "x"
    result = publishable.cli("diff", "--", "--output=../x", "HEAD")
    assert result.returncode == 2
    assert "cannot read agreement/ at '--output=../x'" in result.stderr
    assert not os.path.lexists(outside) and not os.path.lexists(f"{outside}:")
    assert "Traceback" not in result.stderr


def test_a_default_output_folder_linked_out_of_the_repository_is_refused(
    publishable: SampleRepo, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, publishable.root / "site")
    result = publishable.cli("diff", "HEAD", "HEAD")
    assert result.returncode == 2
    assert "outside the repository" in result.stderr
    assert list(elsewhere.iterdir()) == []
    named = publishable.cli("diff", "HEAD", "HEAD", "--output-dir", str(elsewhere))
    assert named.returncode == 0, named.stderr  # a folder the user names is theirs to choose
