"""The PDF renderer's fetcher: only the build's own images; every refusal named, nothing attached."""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from agreekit.publish.document import PdfRefused, write_pdf
from agreekit.publish.fetching import Refusal, fetched
from conftest import SampleRepo

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class _Counting(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def beacon() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), type("B", (_Counting,), {"seen": seen})
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.fixture
def build_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "agreement" / "sections"
    folder.mkdir(parents=True)
    (folder / "logo.png").write_bytes(PNG)
    (tmp_path / "repo" / "secret.png").write_bytes(PNG)
    (tmp_path / "repo" / "agreement" / "records").mkdir()
    return folder


def test_the_builds_own_image_and_a_small_data_image_are_served(build_folder: Path) -> None:
    assert fetched((build_folder / "logo.png").as_uri(), build_folder) == (PNG, "image/png")
    small = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert fetched(small, build_folder) == (PNG, "image/png")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:image/png;base64," + "A" * 200_000,
    ],
)
def test_everything_else_is_refused(build_folder: Path, url: str) -> None:
    with pytest.raises(Refusal):
        fetched(url, build_folder)


def test_a_file_outside_the_folder_or_reached_by_a_link_is_refused(build_folder: Path) -> None:
    with pytest.raises(Refusal, match="outside"):
        fetched((build_folder / ".." / ".." / "secret.png").as_uri(), build_folder)
    (build_folder / "linked.png").symlink_to(build_folder.parent.parent / "secret.png")
    with pytest.raises(Refusal, match="outside"):
        fetched((build_folder / "linked.png").as_uri(), build_folder)
    (build_folder / "notes.yml").write_text("a: 1")
    with pytest.raises(Refusal, match="not an image"):
        fetched((build_folder / "notes.yml").as_uri(), build_folder)


def test_raw_html_fetches_nothing_attaches_nothing_and_names_every_refusal(
    build_folder: Path, beacon: tuple[str, list[str]]
) -> None:
    # Not sanitised on purpose: the fetcher holds on its own.
    url, seen = beacon
    html = (
        "<html><head>"
        f'<link rel="stylesheet" href="{url}/a.css"><style>@import "{url}/b.css";'
        f"body {{ background: url({url}/c.png) }}</style>"
        '<link rel="attachment" href="file:///etc/hostname"></head><body>'
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>'
        '<a rel="attachment" href="logo.png">logo</a>'
        f'<img src="{url}/d.png"><img src="file:///etc/passwd"><img src="logo.png">'
        "</body></html>"
    )
    with pytest.raises(PdfRefused) as refused:
        write_pdf(html, build_folder)
    assert seen == []
    urls = [u for u, _ in refused.value.refused]
    assert f"{url}/a.css" in urls and f"{url}/b.css" in urls and f"{url}/d.png" in urls
    assert "file:///etc/passwd" in urls
    reasons = " ".join(reason for _, reason in refused.value.refused)
    assert "attaches no file" in reasons


def test_a_plain_document_with_its_own_image_renders(build_folder: Path) -> None:
    pdf = write_pdf('<html><body><p>Text</p><img src="logo.png"></body></html>', build_folder)
    assert pdf.startswith(b"%PDF")


def test_a_section_image_outside_the_sections_folder_stops_the_pdf_at_its_line(
    publishable: SampleRepo, tmp_path: Path
) -> None:
    from agreekit.model.loader import load_agreement
    from agreekit.publish.pdf import build_pdf
    from agreekit.text.render import RenderError

    (publishable.agreement / "records" / "minutes.png").write_bytes(PNG)
    publishable.replace(
        "sections/legal.md",
        "## Confidentiality\n",
        "## Confidentiality\n\n![Minutes](../records/minutes.png)\n",
    )
    agreement, _ = load_agreement(publishable.root)
    assert agreement is not None
    with pytest.raises(RenderError) as error:
        build_pdf(publishable.root, agreement, tmp_path)
    line = publishable.line_of("sections/legal.md", "![Minutes]")
    assert (error.value.file, error.value.line) == ("agreement/sections/legal.md", line)
    assert "outside the agreement's sections folder" in error.value.message
    assert not (tmp_path / "agreement.pdf").exists()
