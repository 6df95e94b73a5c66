"""Write the print-ready PDF of the agreement."""

from __future__ import annotations

from pathlib import Path

from agreekit.files import write_atomic
from agreekit.model.agreement import Agreement
from agreekit.publish.document import PdfRefused, document, write_pdf, xmp_description
from agreekit.publish.pages import PDF_NAME
from agreekit.publish.version import content_id
from agreekit.text.render import RenderError
from agreekit.versions import current_version


def build_pdf(repo: Path, agreement: Agreement, site_dir: Path) -> Path:
    version = current_version(repo, agreement.directory)
    content = content_id(repo, agreement.directory)
    html = document(agreement, version, content)
    target = site_dir / PDF_NAME
    xmp = xmp_description(agreement, version, content)
    sections = repo / agreement.directory / "sections"
    write_atomic(target, contained_pdf(html, sections, agreement, archival=version.final, xmp=xmp))
    return target


def contained_pdf(
    html: str, root: Path, agreement: Agreement, *, archival: bool = False, xmp: bytes = b""
) -> bytes:
    """The PDF, or RenderError at the line that asked for a file it may not have."""
    try:
        return write_pdf(html, root, archival=archival, xmp=xmp)
    except PdfRefused as error:
        url, reason = error.refused[0]
        file, line = where_written(agreement, url)
        raise RenderError(file, line, f"the PDF may not load {url}: {reason}") from None


def where_written(agreement: Agreement, url: str) -> tuple[str, int]:
    """The first file and line of the agreement that mentions the address (or its file name)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    name = unquote(parts.path).rsplit("/", 1)[-1] if parts.scheme == "file" else url[:40]
    for needle in (url, name):
        for file, lines in agreement.texts.items():
            for number, text in enumerate(lines, start=1):
                if needle and needle in text and ("<" in text or "](" in text):
                    return file, number
    return f"{agreement.directory}/agreement.yml", 1
