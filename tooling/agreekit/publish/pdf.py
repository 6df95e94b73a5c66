"""Write the print-ready PDF of the agreement."""

from __future__ import annotations

from pathlib import Path

from agreekit.files import write_atomic
from agreekit.model.agreement import Agreement
from agreekit.publish.document import document, write_pdf, xmp_description
from agreekit.publish.pages import PDF_NAME
from agreekit.publish.version import content_id
from agreekit.versions import current_version


def build_pdf(repo: Path, agreement: Agreement, site_dir: Path) -> Path:
    version = current_version(repo, agreement.directory)
    content = content_id(repo, agreement.directory)
    html = document(agreement, version, content)
    target = site_dir / PDF_NAME
    xmp = xmp_description(agreement, version, content)
    write_atomic(target, write_pdf(html, base_url=str(repo), archival=version.final, xmp=xmp))
    return target
