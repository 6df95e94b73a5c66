"""Judging block by block (on two threads) gives the report that judging all rows at once gives."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from agreekit.commands.common import load_or_exit
from agreekit.service_report import judging
from agreekit.service_report.columns import DEFAULT
from agreekit.service_report.compute import compute
from agreekit.service_report.period import parse_period
from agreekit.service_report.source import read_tickets
from agreekit.service_report.terms import service_terms
from agreekit.service_report.tickets import parse_tickets
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from tickets import write_tickets  # noqa: E402

EXTRA = [
    "X5,P3,2027-03-02T10:00:00Z,2027-03-02T10:30:00Z,2027-03-02T11:00:00Z,90,",  # paused too long
    "X6,P2,2027-03-31T22:50:00+00:00,,,,",  # open at the end
]


def _report(path: Path) -> dict:  # type: ignore[type-arg]
    terms = service_terms(load_or_exit(ROOT))
    tickets = parse_tickets(read_tickets(path, DEFAULT), DEFAULT, [p.id for p in terms.priorities])
    return compute(
        terms, parse_period("2027-03"), tickets, None, [], sources={"tickets": "t"}, agreement={}
    )


@pytest.mark.parametrize("block", [1, 7, 64])
def test_blocks_of_any_size_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    path = write_tickets(tmp_path / "t.csv", 700, dt.date(2027, 3, 1), seed=5, extra=EXTRA)
    whole = _report(path)
    monkeypatch.setattr(judging, "BLOCK", block)
    assert _report(path) == whole
    assert whole["rejected"]["count"] == 1 and whole["open_tickets"]
