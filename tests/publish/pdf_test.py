"""The printed agreement, read back from the PDF as a signatory would see it."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from agreekit.model.loader import load_agreement
from agreekit.publish.version import content_id
from agreekit.text.numbering import numbered_sections
from conftest import SampleRepo, git, publishable_repo


def build_pdf(repo: SampleRepo) -> list[str]:
    result = repo.cli("build")
    assert result.returncode == 0, result.stdout + result.stderr
    reader = PdfReader(repo.root / "site" / "agreement.pdf")
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[SampleRepo, list[str]]:
    repo = publishable_repo(tmp_path_factory.mktemp("draft"))
    return repo, build_pdf(repo)


@pytest.fixture(scope="module")
def final(tmp_path_factory: pytest.TempPathFactory) -> tuple[SampleRepo, list[str]]:
    repo = publishable_repo(tmp_path_factory.mktemp("final"))
    git(repo.root, "tag", "-a", "v1.0.0", "-m", "Version 1.0.0")
    return repo, build_pdf(repo)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_cover_names_parties_title_version_and_effective_date(
    final: tuple[SampleRepo, list[str]],
) -> None:
    cover = flat(final[1][0])
    for needle in (
        "IT Support Agreement",
        "Harbourside Housing Association",
        "Brightwater IT Services Ltd",
        "v1.0.0",
        "1 February 2027",
        "HHA-BWS-ITSA-2027",
    ):
        assert needle in cover


def test_signature_block_names_every_signatory(draft: tuple[SampleRepo, list[str]]) -> None:
    repo, pages = draft
    signature_page = flat(next(p for p in pages if "Signed for and on behalf of" in p))
    for name, title, organisation in (
        ("Amara Okafor", "Chief Executive", "Harbourside Housing Association"),
        ("Mark Ellison", "Managing Director", "Brightwater IT Services Ltd"),
    ):
        assert f"Name {name}" in signature_page
        assert f"Title {title}" in signature_page
        assert f"Organisation {organisation}" in signature_page
        assert f"Signed for and on behalf of {organisation}" in signature_page
    assert signature_page.count("Signature") >= 2
    assert signature_page.count("Date") >= 2


def test_clause_numbers_run_in_order(draft: tuple[SampleRepo, list[str]]) -> None:
    repo, pages = draft
    agreement, _ = load_agreement(repo.root)
    assert agreement is not None
    body = flat(" ".join(pages[1:]))
    # Every heading appears once in the contents and once in the text, each time in order.
    contents, text = [], []
    for numbered in numbered_sections(agreement):
        label = f"{numbered.number}. {numbered.section.meta.title}"
        contents.append(label)
        text.append(label)
        for heading in numbered.headings:
            label = f"{heading.number} {heading.heading.text}"
            text.append(label)
            if heading.heading.level == 2:
                contents.append(label)
    position = 0
    for label in contents + text:
        found = body.find(label, position)
        assert found >= 0, f"{label!r} missing or out of order"
        position = found + len(label)
    numbers = [label.split(" ")[0].rstrip(".") for label in text]
    assert numbers[:4] == ["1", "1.1", "1.2", "1.3"]
    assert "11.1.2" in numbers


def test_footer_carries_version_content_id_and_page_x_of_y(
    draft: tuple[SampleRepo, list[str]],
) -> None:
    repo, pages = draft
    head = git(repo.root, "rev-parse", "--short=7", "HEAD")
    tree = content_id(repo.root)
    for number, page in enumerate(pages, start=1):
        text = flat(page)
        assert f"Version draft {head} · Content id {tree[:12]}" in text
        assert f"Page {number} of {len(pages)}" in text


def _mark_pixels(pdf: Path, page: int) -> int:
    """Pink pixels on a page rendered by poppler: the DRAFT mark is light red on white."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", "-f", str(page), "-l", str(page), str(pdf), "p"],
            cwd=folder,
            check=True,
        )
        [png] = Path(folder).glob("p*.png")
        with Image.open(png) as image:
            data = image.convert("RGB").tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for r, g, b in pixels if r > 200 and r - g > 12 and abs(g - b) < 12)


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_draft_is_marked_on_every_page_but_not_in_its_text(
    draft: tuple[SampleRepo, list[str]],
) -> None:
    repo, pages = draft
    pdf = repo.root / "site" / "agreement.pdf"
    for number in (1, 2, len(pages)):
        assert _mark_pixels(pdf, number) > 200, f"no DRAFT mark seen on page {number}"
    # Copying or extracting the text gives the clauses, not the mark's letters.
    assert not any("DRAFT" in page for page in pages)
    for line in _pdftotext(pdf).splitlines():
        assert not re.fullmatch(r"\s*[DRAFT](\s*[DRAFT])*\s*", line), line


def test_pdfs_are_tagged_and_the_final_one_is_pdf_a_with_its_ids(
    draft: tuple[SampleRepo, list[str]], final: tuple[SampleRepo, list[str]]
) -> None:
    for repo, _ in (draft, final):
        info = subprocess.run(
            ["pdfinfo", str(repo.root / "site" / "agreement.pdf")],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert re.search(r"^Tagged:\s+yes$", info, re.M), info
        assert "Harbourside Housing Association" in info  # Author
    final_pdf = PdfReader(final[0].root / "site" / "agreement.pdf")
    xmp = final_pdf.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert 'pdfaid:part="3"' in raw and 'pdfaid:conformance="B"' in raw
    tree = content_id(final[0].root)
    assert f"HHA-BWS-ITSA-2027 v1.0.0 content-id:{tree}" in raw
    assert "<rdf:li>en-GB</rdf:li>" in raw and "<rdf:li>2027-02-01</rdf:li>" in raw
    assert final_pdf.metadata is not None
    assert final_pdf.metadata.title == "IT Support Agreement"
    assert "v1.0.0" in (final_pdf.metadata.subject or "")


def test_page_labels_name_the_cover_the_contents_and_the_printed_numbers(
    draft: tuple[SampleRepo, list[str]],
) -> None:
    repo, pages = draft
    labels = PdfReader(repo.root / "site" / "agreement.pdf").page_labels
    assert labels[0] == "Cover"
    contents = [label for label in labels if label.startswith("Contents ")]
    assert contents == [f"Contents {n}" for n in range(1, len(contents) + 1)] and contents
    body = labels[1 + len(contents) :]
    assert body == [str(n) for n in range(2 + len(contents), len(pages) + 1)]  # as the footer
    first_body = flat(pages[1 + len(contents)])
    assert f"Page {2 + len(contents)} of {len(pages)}" in first_body


def test_final_has_no_draft_mark(final: tuple[SampleRepo, list[str]]) -> None:
    repo, pages = final
    assert not any("DRAFT" in page for page in pages)
    assert _mark_pixels(repo.root / "site" / "agreement.pdf", 2) == 0
    assert "Version v1.0.0 · Content id" in flat(pages[-1])
    assert not re.search(r"\bdraft\b", flat(pages[0]), re.IGNORECASE)


def test_the_site_links_the_pdf(draft: tuple[SampleRepo, list[str]]) -> None:
    home = (draft[0].root / "site" / "index.html").read_text("utf-8")
    assert 'href="agreement.pdf"' in home
    assert (draft[0].root / "site" / "agreement.pdf").stat().st_mode & 0o044 == 0o044


def test_no_pdf_builds_the_site_only(publishable: SampleRepo) -> None:
    result = publishable.cli("build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert (publishable.root / "site" / "index.html").is_file()
    assert not (publishable.root / "site" / "agreement.pdf").exists()
    assert 'href="agreement.pdf"' not in (publishable.root / "site" / "index.html").read_text()
