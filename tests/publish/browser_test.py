"""The published site in a real browser: Debian's Chromium, headless, driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from agreekit.model.loader import load_agreement
from agreekit.text.numbering import numbered_sections
from conftest import publishable_repo

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The sample built into site/ and served on 127.0.0.1; yields the URL and nav labels."""
    repo = publishable_repo(tmp_path_factory.mktemp("site"))
    result = repo.cli("build", "--no-pdf", "--strict")
    assert result.returncode == 0, result.stderr
    agreement, _ = load_agreement(repo.root)
    assert agreement is not None
    labels = [f"{n.number}. {n.section.meta.title}" for n in numbered_sections(agreement)]
    handler = functools.partial(QuietHandler, directory=str(repo.root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", labels
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def test_home_page_loads_without_console_errors(
    site: tuple[str, list[str]], page: Page, tmp_path: Path
) -> None:
    url, _ = site
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok
    assert page.title().startswith("IT Support Agreement")
    assert "DRAFT" in page.locator(".md-banner").inner_text()
    assert "Harbourside Housing Association" in page.locator("article").inner_text()
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    assert (tmp_path / "home.png").stat().st_size > 10_000
    assert problems == []


def test_navigation_reaches_every_section(site: tuple[str, list[str]], page: Page) -> None:
    url, labels = site
    page.goto(url)
    for label in labels:
        page.locator("nav.md-nav--primary").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("article h1").first.inner_text().strip().startswith(label)


def test_search_finds_a_defined_term(site: tuple[str, list[str]], page: Page) -> None:
    url, _ = site
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Typed key by key: the search listens to keyboard input, as for a person.
    page.locator("input.md-search__input").press_sequentially("Service Credit", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "Service Credit" in page.locator(".md-search-result").inner_text()
    links = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert any("/definitions/" in link for link in links), links


def test_priority_matrix_shows_the_targets(
    site: tuple[str, list[str]], page: Page, tmp_path: Path
) -> None:
    url, _ = site
    page.goto(url + "service-levels/")
    table = page.locator("h2#priority-levels ~ div.md-typeset__scrollwrap table").first
    rows = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("P1 Critical", "15 minutes", "4 hours"),
        ("P2 High", "30 minutes", "8 business hours"),
        ("P3 Medium", "4 business hours", "3 business days"),
        ("P4 Low", "1 business day", "5 business days"),
    ]
    page.locator("h2#priority-levels").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "priorities.png"))


def test_dark_palette_toggles(site: tuple[str, list[str]], page: Page, tmp_path: Path) -> None:
    url, _ = site
    page.goto(url + "signatures/")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    assert page.locator(".agreekit-signatory").count() == 2
    page.screenshot(path=str(tmp_path / "signatures-dark.png"), full_page=True)
