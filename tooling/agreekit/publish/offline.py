"""The site as a copy that works opened from disk: the search index as a script, not a fetch.

mkdocs-material reads `search/search_index.js` (a script defining `__index`) when the page comes
from file://, where a fetch of the JSON index is refused; this writes that script beside the JSON.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from agreekit.files import write_atomic
from agreekit.model.agreement import Agreement
from agreekit.outputs import MANIFEST


def write_offline_search_index(site_dir: Path) -> None:
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text("utf-8")
        write_atomic(index.with_suffix(".js"), "var __index = " + text)


def zipped(folder: Path, top: str) -> bytes:
    """The folder as a zip whose entries sit under `top/`, in a fixed order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
            archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


def offline_site(repo: Path, agreement: Agreement, top: str) -> bytes:
    """The site of `agreement` as it stands, built for reading from disk, as a zip under `top/`."""
    from agreekit.publish.site import build_site

    with tempfile.TemporaryDirectory(prefix="agreekit-offline-") as scratch:
        folder = build_site(
            repo, strict=False, pdf=False, report=lambda message: None, checked=agreement,
            offline=True, into=Path(scratch) / "site",
        )  # fmt: skip
        return zipped(folder, top)
