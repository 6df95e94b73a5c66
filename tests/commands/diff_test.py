"""`agreekit diff OLD NEW` between two real commits."""

from __future__ import annotations

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
