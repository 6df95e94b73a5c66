"""WCAG 2.1 A and AA on every published page, in both palettes: axe-core in Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from chromium import chromium
from conftest import publishable_repo
from node_tools import node_module

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The sample's site on 127.0.0.1: its URL and the path of every page."""
    repo = publishable_repo(tmp_path_factory.mktemp("a11y"))
    result = repo.cli("build")  # with the PDF: the home page then carries its button
    assert result.returncode == 0, result.stderr
    site = repo.root / "site"
    pages = sorted(
        str(p.relative_to(site)).removesuffix("index.html")
        for p in site.rglob("*.html")
        if p.name == "index.html" or p.name == "404.html"
    )
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


def _violations(browser: Browser, url: str, scheme: str, axe: str) -> list[str]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme="dark" if scheme == "slate" else "light",
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    page.add_script_tag(content=axe)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    context.close()
    return [
        f"{v['id']} ({len(v['nodes'])}): {v['help']} e.g. {v['nodes'][0]['target']}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_page_has_no_wcag_aa_violation(
    served_site: tuple[str, list[str]], browser: Browser, scheme: str
) -> None:
    base, pages = served_site
    axe = (node_module("axe-core") / "axe.min.js").read_text("utf-8")
    assert len(pages) >= 10
    found = {
        path or "/": problems
        for path in pages
        if (problems := _violations(browser, base + path, scheme, axe))
    }
    assert found == {}, json.dumps(found, indent=1)


def test_every_page_has_its_own_description_and_the_search_dialog_a_name(
    served_site: tuple[str, list[str]], browser: Browser
) -> None:
    base, pages = served_site
    page = browser.new_page()
    descriptions = {}
    for path in pages:
        if path == "404.html":
            continue
        page.goto(base + path, wait_until="load")
        descriptions[path] = page.locator('meta[name="description"]').get_attribute("content")
        assert page.locator('.md-search[role="dialog"]').get_attribute("aria-label") == "Search"
    page.close()
    assert all(descriptions.values())
    assert len(set(descriptions.values())) == len(descriptions)
    assert "Clause 6, Service levels and performance, of the" in descriptions["service-levels/"]
