"""The offline copy of the site, opened from disk (file://) in Chromium: navigation and search."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from agreekit.publish.offline import zipped
from chromium import chromium
from conftest import SampleRepo, publishable_repo


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> SampleRepo:
    repo = publishable_repo(tmp_path_factory.mktemp("offline"))
    result = repo.cli("build", "--offline", "--no-pdf", "--no-docx")
    assert result.returncode == 0, result.stderr
    return repo


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


def _requests_leaving_disk(page: Page) -> list[str]:
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file:") else None)
    return outside


def _navigate_and_search(browser: Browser, index: Path) -> None:
    page = browser.new_page()
    outside = _requests_leaving_disk(page)
    page.goto(index.as_uri(), wait_until="load")
    page.locator("nav.md-nav--primary a", has_text="Service levels and performance").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/service-levels.html"), page.url
    assert "Priority levels" in page.locator("article").inner_text()  # a page, not a folder list

    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("escalation", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    results.first.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and ".html" in page.url
    assert outside == []  # nothing from a CDN or any server: the copy is whole on disk
    page.close()


def test_built_offline_navigation_and_search_work_from_disk(
    offline_site: SampleRepo, browser: Browser
) -> None:
    site = offline_site.root / "site"
    assert (site / "search" / "search_index.js").read_text().startswith("var __index = ")
    assert not (site / "service-levels").is_dir()  # no directory URLs
    _navigate_and_search(browser, site / "index.html")


def test_the_zipped_copy_unpacks_into_a_working_site(
    offline_site: SampleRepo, browser: Browser, tmp_path: Path
) -> None:
    archive = tmp_path / "copy.zip"
    archive.write_bytes(zipped(offline_site.root / "site", "agreement-site"))
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(name.startswith("agreement-site/") for name in names)
        assert not any(name.endswith(".agreekit-output") for name in names)
        opened.extractall(tmp_path / "unpacked")
    _navigate_and_search(browser, tmp_path / "unpacked" / "agreement-site" / "index.html")
