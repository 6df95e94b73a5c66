"""The Word copy, read back with python-docx and opened by LibreOffice as the other side would."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from agreekit.model.loader import load_agreement
from agreekit.text.numbering import numbered_sections
from conftest import SampleRepo, git, publishable_repo


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> SampleRepo:
    repo = publishable_repo(tmp_path_factory.mktemp("word"))
    result = repo.cli("build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    return repo


def _document(repo: SampleRepo) -> docx.document.Document:
    return docx.Document(str(repo.root / "site" / "agreement.docx"))


def test_every_clause_heading_in_order_with_its_number(draft: SampleRepo) -> None:
    agreement, _ = load_agreement(draft.root)
    assert agreement is not None
    expected = []
    for numbered in numbered_sections(agreement):
        expected.append(f"{numbered.number}. {numbered.section.meta.title}")
        expected += [f"{h.number} {h.heading.text}" for h in numbered.headings]
    headings = [p.text for p in _document(draft).paragraphs if p.style.name.startswith("Heading")]
    assert headings == expected


def test_tables_carry_the_priority_targets_and_the_signatories(draft: SampleRepo) -> None:
    document = _document(draft)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["P1 Critical", rows_p1_description(rows), "15 minutes", "4 hours",
            "24 hours, 7 days a week"] in rows  # fmt: skip
    text = "\n".join(p.text for p in document.paragraphs)
    for name, title, party in (
        ("Amara Okafor", "Chief Executive", "Harbourside Housing Association"),
        ("Mark Ellison", "Managing Director", "Brightwater IT Services Ltd"),
    ):
        assert f"Signed for and on behalf of {party}" in text
        assert f"Name {name}" in text and f"Title {title}" in text
    assert ["Version", draft_label(draft)] in rows  # the cover's facts


def rows_p1_description(rows: list[list[str]]) -> str:
    return next(row[1] for row in rows if row and row[0] == "P1 Critical")


def draft_label(repo: SampleRepo) -> str:
    return f"draft {git(repo.root, 'rev-parse', '--short=7', 'HEAD')}"


def test_a_draft_says_so_on_every_page_and_a_final_copy_does_not(
    draft: SampleRepo, tmp_path: Path
) -> None:
    header = _document(draft).sections[0].header
    assert header.paragraphs[0].text == "DRAFT: not for signature"
    final = publishable_repo(tmp_path / "final")
    git(final.root, "tag", "-a", "v1.0.0", "-m", "Version 1.0.0")
    assert final.cli("build", "--no-pdf").returncode == 0
    document = _document(final)
    assert "DRAFT" not in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.version == "v1.0.0"
    assert "v1.0.0" in document.sections[0].footer.paragraphs[0].text


def test_libreoffice_opens_it_with_every_clause_and_signatory(
    draft: SampleRepo, tmp_path: Path
) -> None:
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(draft.root / "site" / "agreement.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "agreement.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    flat = " ".join(text.split())
    agreement, _ = load_agreement(draft.root)
    assert agreement is not None
    for numbered in numbered_sections(agreement):
        assert f"{numbered.number}. {numbered.section.meta.title}" in flat
        for heading in numbered.headings:
            assert f"{heading.number} {heading.heading.text}" in flat
    assert "Amara Okafor" in flat and "Mark Ellison" in flat
    assert "Page 1 of" in flat


def test_no_docx_skips_it_and_the_home_page_links_only_what_was_written(
    publishable: SampleRepo,
) -> None:
    assert publishable.cli("build", "--no-pdf", "--no-docx").returncode == 0
    site = publishable.root / "site"
    assert not (site / "agreement.docx").exists()
    assert 'href="agreement.docx"' not in (site / "index.html").read_text()
    assert publishable.cli("build", "--no-pdf").returncode == 0
    assert (site / "agreement.docx").is_file()
    assert 'href="agreement.docx"' in (site / "index.html").read_text()
