"""Word-level redlines."""

from __future__ import annotations

from agreekit.publish.redline import as_critic_markup, as_html_markup, redline, words

OLD = "# 1. Terms\n\n## 1.1 Payment\n\nPay within 30 days of the invoice.\n\n| a | b |\n|---|---|\n| x | 1 |\n"
NEW = "# 1. Terms\n\n## 1.1 Payment\n\nPay within 14 calendar days of a valid invoice.\n\n| a | b |\n|---|---|\n| x | 2 |\n\n## 1.2 Late payment\n"


def test_marks_exactly_the_changed_words() -> None:
    pieces = redline(OLD, NEW)
    assert words(pieces, "delete") == ["30", "the", "1"]
    assert words(pieces, "insert") == [
        "14",
        "calendar",
        "a",
        "valid",
        "2",
        "1.2",
        "Late",
        "payment",
    ]


def test_critic_markup_and_html_marks() -> None:
    pieces = redline(OLD, NEW)
    markdown = as_critic_markup(pieces)
    assert (
        "Pay within {--30--}{++14 calendar++} days of {--the--}{++a valid++} invoice." in markdown
    )
    assert "| x | {--1--}{++2++} |" in markdown  # marks stay inside the table cell
    assert "## {++1.2 Late payment++}" in markdown  # the heading stays a heading
    assert "<del>30</del><ins>14 calendar</ins>" in as_html_markup(pieces)


def test_same_text_has_no_marks() -> None:
    pieces = redline(OLD, OLD)
    assert words(pieces, "insert") == words(pieces, "delete") == []
    assert as_critic_markup(pieces) == OLD
