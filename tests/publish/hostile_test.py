"""Hostile content built into a real site and PDF: nothing runs, nothing is fetched, check sees it all.

One sample agreement holds every payload of `hostile` (built once, opened in one browser), so
the whole suite costs one MkDocs build and one Chromium.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from conftest import SampleRepo, publishable_repo
from publish.hostile import DATA, PROSE, expected_codes, plant


class _Beacon(http.server.BaseHTTPRequestHandler):
    """Counts every request: a build must make none."""

    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def beacon() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Beacon", (_Beacon,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, beacon: tuple[str, list[str]]
) -> tuple[SampleRepo, dict[str, tuple[str, int]]]:
    repo = publishable_repo(tmp_path_factory.mktemp("hostile") / "repo")
    return repo, plant(repo, beacon[0])


def test_there_are_at_least_forty_payloads() -> None:
    assert len(PROSE) + len(DATA) >= 40


def test_check_reports_every_payload_at_its_line(
    hostile: tuple[SampleRepo, dict[str, tuple[str, int]]],
) -> None:
    repo, at = hostile
    findings = repo.check().findings
    missed = []
    for name, (file, line) in at.items():
        codes = expected_codes(name)
        if not codes:
            continue
        if not any(
            f.code in codes and (f.location.file, f.location.line) == (file, line) for f in findings
        ):
            near = [
                (f.code, f.location.line, f.message[:60])
                for f in findings
                if f.location.file == file and abs(f.location.line - line) <= 1
            ]
            missed.append((name, file, line, near))
    assert missed == []
