"""Hostile content built into a real site and PDF: nothing runs, nothing is fetched, check sees it all.

One sample agreement holds every payload of `hostile` (built once, opened in one browser), so
the whole suite costs one MkDocs build and one Chromium.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

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


OLD_ONLY = "<p>Old text <img src=x onerror=alert(1)></p>\n\n<script>alert(1)</script>\n"


@pytest.fixture(scope="module")
def built(
    hostile: tuple[SampleRepo, dict[str, tuple[str, int]]], beacon: tuple[str, list[str]]
) -> Path:
    """The hostile agreement published the way `mkdocs build` does (no check in front): a
    version tagged with script in it, then that script deleted, so the Changes page and the
    `agreekit diff` redline show it as old text."""
    from agreekit.publish.site import build_site

    repo, _ = hostile
    repo.replace("sections/legal.md", "## Confidentiality\n", f"{OLD_ONLY}\n## Confidentiality\n")
    git(repo.root, "commit", "-qam", "hostile")
    git(repo.root, "tag", "v0.1.0")
    repo.replace("sections/legal.md", OLD_ONLY, "")
    git(repo.root, "commit", "-qam", "script removed")
    url, seen = beacon
    seen.clear()
    build_site(repo.root, strict=False, pdf=False, report=lambda message: None, force=True)
    diff = repo.cli("diff", "v0.1.0", "HEAD", "--output-dir", "site/redline", "--force")
    assert diff.returncode == 0, diff.stderr
    assert seen == [], "the build fetched from the network"
    return repo.root / "site"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_the_site_build_fetches_nothing_and_has_only_listed_files(built: Path) -> None:
    sections = {p.parent.name for p in built.glob("*/index.html")}
    assert {"constraints", "changes", "legal"} <= sections
    published = [p for p in built.rglob("*") if p.is_file() and "redline" not in p.parts]
    assert [
        p
        for p in published
        if p.suffix in (".yml", ".md", ".json") and p.name != "search_index.json"
    ] == []


def test_the_pdf_fetches_nothing_and_attaches_nothing(
    built: Path, hostile: tuple[SampleRepo, dict[str, tuple[str, int]]],
    beacon: tuple[str, list[str]], tmp_path: Path,
) -> None:  # fmt: skip
    from pypdf import PdfReader

    from agreekit.model.loader import load_agreement
    from agreekit.publish.pdf import build_pdf

    repo, _ = hostile
    agreement, _ = load_agreement(repo.root)
    assert agreement is not None
    _, seen = beacon
    seen.clear()
    pdf = build_pdf(repo.root, agreement, tmp_path)
    assert seen == []
    reader = PdfReader(pdf)
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    # Values are text in the PDF: the payloads show as the characters they are.
    assert "Agreement <img src=x" in reader.pages[0].extract_text().replace("\n", " ")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Fire every inline handler that a payload could have left, without navigating away.
FIRE_EVENTS = """() => {
  const kinds = ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'focus', 'blur', 'input',
                 'animationstart', 'animationend', 'toggle', 'load', 'error', 'begin', 'start'];
  for (const el of document.querySelectorAll('article *, .md-header *, .md-nav *')) {
    for (const kind of kinds) el.dispatchEvent(new Event(kind, {bubbles: false}));
  }
  const unsafe = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) unsafe.push(el.tagName + ' ' + attr.name);
    }
  }
  for (const a of document.querySelectorAll('[href], [src], [action], [formaction]')) {
    for (const name of ['href', 'src', 'action', 'formaction']) {
      const value = a.getAttribute(name);
      if (value === null) continue;
      const url = new URL(value, document.baseURI);
      if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol))
        unsafe.push(a.tagName + ' ' + name + '=' + value);
    }
  }
  return {unsafe, scripts: [...document.querySelectorAll('article script, article iframe, ' +
    'article object, article embed, article svg, article math, article style')].length};
}"""


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_no_payload_runs_in_a_browser(
    served: str, built: Path, beacon: tuple[str, list[str]]
) -> None:
    from playwright.sync_api import sync_playwright

    _, seen = beacon
    seen.clear()
    pages = sorted(
        p.relative_to(built).as_posix().removesuffix("index.html")
        for p in [*built.glob("*/index.html"), built / "index.html", built / "404.html"]
    ) + sorted(p.relative_to(built).as_posix() for p in (built / "redline").glob("*.html"))
    ran: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context()
        # A link out of the site answers an empty page here: the test never leaves the machine.
        context.route(
            lambda url: not url.startswith(served),
            lambda route: route.fulfill(body="<p>outside</p>", content_type="text/html"),
        )
        tab = context.new_page()
        tab.on(
            "dialog", lambda dialog: (ran.append(f"{tab.url}: {dialog.message}"), dialog.dismiss())
        )
        for page in pages:
            tab.goto(served + page, wait_until="load")
            tab.wait_for_timeout(150)  # animations and autofocus fire just after load
            found = tab.evaluate(FIRE_EVENTS)
            assert found == {"unsafe": [], "scripts": 0}, page
        # Click every link in the hostile section's text, and come back.
        tab.goto(served + "constraints/", wait_until="load")
        count = tab.locator("article a").count()
        assert count > 10
        for index in range(count):
            tab.goto(served + "constraints/", wait_until="load")
            link = tab.locator("article a").nth(index)
            if link.is_visible():
                link.click(timeout=2_000)
                tab.wait_for_load_state()
        # The search index holds the text unescaped: its results must show it as text.
        tab.goto(served, wait_until="load")
        tab.locator("label.md-search__icon, .md-search__input").first.click()
        tab.locator("input.md-search__input").press_sequentially("onerror", delay=20)
        tab.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        tab.wait_for_timeout(300)
        assert tab.evaluate(FIRE_EVENTS)["unsafe"] == []
        assert tab.evaluate("() => typeof window.pwned") == "undefined"
        browser.close()
    assert ran == []
    assert seen == [], "the site fetched from the network when read"
