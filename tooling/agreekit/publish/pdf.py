"""Write the print-ready PDF of the agreement."""

from __future__ import annotations

from pathlib import Path

from agreekit.files import write_atomic
from agreekit.model.agreement import Agreement
from agreekit.publish.document import document, write_pdf
from agreekit.publish.pages import PDF_NAME
from agreekit.publish.version import content_id
from agreekit.versions import current_version


def build_pdf(repo: Path, agreement: Agreement, site_dir: Path) -> Path:
    version = current_version(repo, agreement.directory)
    html = document(agreement, version, content_id(repo, agreement.directory))
    target = site_dir / PDF_NAME
    write_atomic(target, write_pdf(html, base_url=str(repo)))
    return target
