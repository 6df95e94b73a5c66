"""One value, one text: the site's tables, the PDF and the notices show every priority target and
every cost line of the sample alike, through agreekit.model.formats."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from agreekit.model import formats
from agreekit.model.loader import load_agreement
from agreekit.publish.document import document
from agreekit.versions import Version
from agreekit.workflow.notices import Changes, notices
from conftest import SAMPLE, SampleRepo


class _Rows(HTMLParser):
    """The text of every table row of an HTML page, cell by cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(tuple(self._row))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_rows(html: str) -> set[tuple[str, ...]]:
    parser = _Rows()
    parser.feed(html)
    return set(parser.rows)


def markdown_rows(markdown: str) -> set[tuple[str, ...]]:
    return {
        tuple(cell.strip() for cell in line.strip().strip("|").split("|"))
        for line in markdown.splitlines()
        if line.startswith("|") and not re.fullmatch(r"\|(-+\|)+", line.strip())
    }


@pytest.fixture(scope="module")
def expected() -> list[tuple[str, ...]]:
    """Each priority's and each cost line's cells, formatted from the typed values."""
    agreement, _ = load_agreement(SAMPLE.parent)
    assert agreement is not None
    rows: list[tuple[str, ...]] = []
    for p in agreement.data_block("priorities"):
        rows.append(
            (f"{p.id} {p.name}", formats.duration(p.response), formats.duration(p.resolution))
        )
    costs = agreement.data_block("costs")
    for line in costs.lines:
        amount = line.amount if line.amount is not None else line.quantity * line.unit_price
        rows.append(
            (
                line.description,
                formats.money(line.unit_price, costs.currency),
                formats.money(amount, costs.currency),
            )
        )
    assert len(rows) == len(agreement.data_block("priorities")) + len(costs.lines) >= 8
    return rows


def _shown_in(rows: set[tuple[str, ...]], wanted: tuple[str, ...]) -> bool:
    return any(row[0] == wanted[0] and all(cell in row for cell in wanted[1:]) for row in rows)


def test_site_pdf_and_notices_show_each_priority_and_cost_line_alike(
    publishable: SampleRepo, expected: list[tuple[str, ...]]
) -> None:
    built = publishable.cli("build", "--no-pdf", "--no-docx")
    assert built.returncode == 0, built.stderr
    site = set().union(
        *(html_rows(p.read_text("utf-8")) for p in (publishable.root / "site").rglob("*.html"))
    )
    agreement, _ = load_agreement(publishable.root)
    assert agreement is not None
    pdf = html_rows(document(agreement, Version("v1.0.0", True, ""), "0" * 40))
    finance = next(
        n for n in notices(agreement, "v1.0.0", Changes(None, ())) if n.department.id == "finance"
    )
    notice = markdown_rows(finance.markdown)
    for wanted in expected:
        assert _shown_in(site, wanted), ("site", wanted)
        assert _shown_in(pdf, wanted), ("PDF", wanted)
        assert _shown_in(notice, wanted), ("notice", wanted)
    assert "£9,575.00" in finance.markdown and "GBP 9575" not in finance.markdown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("15m", "15 minutes"),
        ("1h", "1 hour"),
        ("1.5h", "1.5 hours"),
        ("8 business hours", "8 business hours"),
        ("1 business day", "1 business day"),
        (30, "30 minutes"),
        ("best effort", "best effort"),
        ("as agreed", "as agreed"),
    ],
)
def test_durations_read_as_words(value: object, text: str) -> None:
    assert formats.duration(value) == text


def test_amounts_dates_and_days() -> None:
    assert formats.money(Decimal("9575"), "GBP") == "£9,575.00"
    assert formats.money(Decimal("1234.5"), "CHF") == "1,234.50 CHF"
    assert formats.date(dt.date(2027, 2, 1)) == "1 February 2027"
    assert formats.days(["mon", "tue", "wed", "thu", "fri"]) == "Monday to Friday"
    assert formats.days(["mon", "wed", "fri"]) == "Monday, Wednesday and Friday"
    assert formats.days(["sat", "sun"]) == "Saturday and Sunday"
    assert formats.percent(99.5) == "99.5%" and formats.percent(5.0) == "5%"
