"""The MkDocs site: a strict build of the sample, what it publishes and what it never does."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreekit.publish.pages import changed_blocks
from agreekit.publish.site import SiteError, build_site
from conftest import SampleRepo, git


def build(repo: SampleRepo, messages: list[str] | None = None, strict: bool = True) -> Path:
    sink = messages if messages is not None else []
    return build_site(repo.root, strict=strict, pdf=False, report=sink.append)


def test_strict_build_of_the_sample_is_clean(publishable: SampleRepo) -> None:
    messages: list[str] = []
    site = build(publishable, messages)
    assert messages == []
    pages = sorted(p.parent.name for p in site.glob("*/index.html"))
    sections = [
        line.strip("- ")
        for line in publishable.read("agreement.yml")
        .split("sections:\n")[1]
        .split("\n\n")[0]
        .splitlines()
    ]
    assert pages == sorted([*sections, "changes", "key-terms", "versions"])
    departments = sorted(p.parent.name for p in site.glob("departments/*/index.html"))
    assert departments == ["finance", "hr", "it", "operations"]
    home = (site / "index.html").read_text("utf-8")
    assert "Harbourside Housing Association" in home
    assert "<strong>DRAFT</strong>" in home
    levels = (site / "service-levels" / "index.html").read_text("utf-8")
    assert "6.3 Availability" in levels
    assert "15 minutes" in levels


def test_records_are_never_published(publishable: SampleRepo) -> None:
    records = publishable.path("records")
    records.mkdir(exist_ok=True)
    marker = "CONFIDENTIAL-NEGOTIATION-NOTE-7731"
    (records / "extra-notes.yml").write_text(f"items:\n  - note: {marker}\n", "utf-8")
    (records / "notes.md").write_text(f"# Notes\n\n{marker}\n", "utf-8")
    # A phrase from the sample's own negotiation record must not leak either.
    recorded = b"Housing officers cannot work when the housing management system is degraded"
    assert recorded in (records / "negotiation.yml").read_bytes()
    site = build(publishable)
    for path in site.rglob("*"):
        assert "records" not in path.relative_to(site).parts
        assert "negotiation" not in path.name
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path
            assert recorded not in path.read_bytes(), path


def test_unlisted_markdown_in_sections_is_not_published(publishable: SampleRepo) -> None:
    publishable.write(
        "sections/scratch.md", "---\nid: scratch\ntitle: Scratch\n---\n\nNOTES-4411\n"
    )
    site = build(publishable)
    assert not (site / "scratch").exists()


def test_final_version_has_no_draft_banner(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "v1.0.0")
    home = (build(publishable) / "index.html").read_text("utf-8")
    assert "DRAFT" not in home
    assert "Version v1.0.0" in home


def test_undefined_variable_fails_the_build_with_file_and_line(publishable: SampleRepo) -> None:
    publishable.replace("sections/legal.md", "{{ variables.governing_law }}", "{{ variables.law }}")
    line = publishable.line_of("sections/legal.md", "variables.law")
    with pytest.raises(SiteError, match=rf"agreement/sections/legal.md:{line}: .*'law'"):
        build(publishable)


def test_changes_page_redlines_against_the_last_version(publishable: SampleRepo) -> None:
    git(publishable.root, "tag", "v1.0.0")
    publishable.replace(
        "sections/legal.md", "within 30 days of\n   notice", "within 21 days of\n   written notice"
    )
    git(publishable.root, "commit", "-qam", "Shorter remedy period")
    page = (build(publishable) / "changes" / "index.html").read_text("utf-8")
    assert "Changes since v1.0.0" in page
    assert "<del>30</del><ins>21</ins>" in page
    assert "<ins>written</ins>" in page


def test_changes_page_shows_changed_paragraphs_under_their_headings() -> None:
    markup = (
        "# 1. Terms\n\n## 1.1 Payment\n\nSame.\n\n## 1.2 Late <ins>payment</ins>\n\n"
        "Pay <del>30</del><ins>21</ins> days.\n\n## 1.3 Other\n\nSame.\n\n# 2. Legal\n\n"
        "## 2.1 Law\n\nNew <ins>law</ins>.\n"
    )
    assert changed_blocks(markup).split("\n\n") == [
        "# 1. Terms",
        "## 1.2 Late <ins>payment</ins>",
        "Pay <del>30</del><ins>21</ins> days.",
        "# 2. Legal",
        "## 2.1 Law",
        "New <ins>law</ins>.\n",
    ]
