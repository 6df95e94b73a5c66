"""The README states exactly the semantics every report prints, word for word."""

from __future__ import annotations

from agreekit.service_report.semantics import SEMANTICS
from conftest import ROOT


def test_the_readme_says_how_the_report_measures_in_the_reports_own_words() -> None:
    readme = ROOT.joinpath("README.md").read_text("utf-8")
    for line in SEMANTICS:
        assert f"- {line}\n" in readme, line
