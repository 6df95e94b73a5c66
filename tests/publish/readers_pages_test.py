"""The departments' view on the site: a Key terms page and one page per department in the plan,
the same content as the notices because the same code writes both."""

from __future__ import annotations

import re

import pytest

from conftest import SampleRepo, publishable_repo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SampleRepo:
    repo = publishable_repo(tmp_path_factory.mktemp("readers"))
    result = repo.cli("build", "--no-pdf", "--no-docx", "--strict")
    assert result.returncode == 0, result.stderr
    assert repo.cli("announce").returncode == 0
    return repo


def _text(repo: SampleRepo, page: str) -> str:
    html = (repo.root / "site" / page / "index.html").read_text("utf-8")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", article.split("</article>", 1)[0]).split())


def test_key_terms_page_holds_every_figure_a_reader_needs(site: SampleRepo) -> None:
    text = _text(site, "key-terms")
    for needle in (
        "P1 Critical",
        "15 minutes",
        "Monday to Friday, 08:00 to 18:00 (Europe/London)",
        "Phone: 0117 496 0800",
        "Level 2: Sofia Marin, Service Delivery Manager",
        "£9,575.00",  # the costs, for Finance
        "Ask Daniel Reeve, Head of IT",
    ):
        assert needle in text, needle


def test_one_page_per_department_with_what_it_needs(site: SampleRepo) -> None:
    for department in ("it", "finance", "hr", "operations"):
        text = _text(site, f"departments/{department}")
        assert "15 minutes" in text and "Starts: 1 February 2027" in text
        notice = " ".join((site.root / "dist" / "notices" / f"{department}.md").read_text().split())
        for heading in ("Dates", "Service hours", "Priority targets", "Escalation contacts"):
            assert heading in text and heading in notice
    assert "£9,575.00" in _text(site, "departments/finance")
    assert "£9,575.00" not in _text(site, "departments/hr")


def test_the_home_page_links_them(site: SampleRepo) -> None:
    home = (site.root / "site" / "index.html").read_text("utf-8")
    assert 'href="key-terms/"' in home
    for department in ("it", "finance", "hr", "operations"):
        assert f'href="departments/{department}/"' in home
