"""The findings summary counts errors and warnings in words and names where they are."""

from __future__ import annotations

from agreekit.finding import Finding, Location
from agreekit.report import as_text


def _finding(file: str, severity: str) -> Finding:
    return Finding("AK101", Location(file, 1, 1), "message", severity, "hint", "name")


def test_summary_counts_in_words_and_names_the_folders() -> None:
    one = as_text([_finding("agreement/agreement.yml", "error")], "agreement/")
    assert one.splitlines()[-1].startswith("Found 1 error in agreement/.")
    mixed = as_text(
        [
            _finding("agreement/sections/a.md", "error"),
            _finding(".github/CODEOWNERS", "error"),
            _finding("agreement/sections/b.md", "warning"),
        ],
        "agreement/",
    )
    assert mixed.splitlines()[-1].startswith(
        "Found 2 errors and 1 warning in agreement/ and .github/."
    )
    assert as_text([], "agreement/") == "agreement/: no findings."
