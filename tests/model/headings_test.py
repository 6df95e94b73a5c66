"""The heading scanner agrees with markdown-it's CommonMark parser, or leaves the text to it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from agreekit.model.headings import _NEEDS_LINES, scan_headings
from agreekit.model.section import parse_headings, parsed_headings

ROOT = Path(__file__).resolve().parents[2]

# Lines chosen to meet every rule the scanner models, and the ones it must leave to the parser.
LINES = [
    "",
    "   ",
    "Plain prose about the service.",
    "# Heading one",
    "## Heading two {#custom-id}",
    "### Closed heading ###",
    "#Not a heading",
    "####### seven is too many",
    "   # indented three",
    "    # indented four is code",
    "===",
    "---",
    "  ---  ",
    "- - -",
    "***",
    "___",
    "```",
    "```python",
    "~~~",
    "````",
    "- a list item",
    "- **Term** means a word",
    "* **",
    "- **",
    "* another item",
    "1. first",
    "2) second",
    "  continued in the item",
    "    deeper continuation",
    "- # heading in an item",
    "- ```",
    "> a quote",
    "<!-- a comment",
    "-->",
    "<!-- agreekit: ignore 306 -->",
    "<div>",
    "</div>",
    "<span>inline</span>",
    "<pre>",
    "</pre>",
    "\tTabbed",
    "| a | b |",
    "Text with `code` and **bold**",
]


# Lines that leave only ATX lines as possible headings: the one-pattern path reads these.
SIMPLE_LINES = [
    "",
    "Words of the agreement.",
    "# One",
    "## Two {#two}",
    "### Closed ###",
    "#No",
    "  # indented heading",
    "- item",
    "- **Term** means",
    "1. first",
    "12) twelfth",
    "  continued",
    "***",
    "| a | b |",
    "Text <!-- not a block",
    "#",
    "## ",
    "###### six",
    "####### seven",
]


def reference(text: str) -> list[tuple[int, str, int]]:
    return [tuple(h) for h in parsed_headings(text)]  # type: ignore[misc]


@given(st.lists(st.sampled_from(LINES), max_size=14))
@example(["Para", "    lazy", "==="])
@example(["- item", "", "    text", "    ---"])
@example(["- item", "---"])
@example(["<!-- # not a heading", "-->", "# heading"])
def test_scanner_agrees_with_commonmark(lines: list[str]) -> None:
    text = "\n".join(lines)
    scanned = scan_headings(text)
    if scanned is not None:
        assert [tuple(h) for h in scanned] == reference(text)


@given(st.text(alphabet=st.sampled_from(list("#=-*_`~>< \t\nab1.)")), max_size=80))
def test_scanner_agrees_on_arbitrary_text(text: str) -> None:
    scanned = scan_headings(text)
    if scanned is not None:
        assert [tuple(h) for h in scanned] == reference(text)


@given(st.lists(st.sampled_from(SIMPLE_LINES), max_size=20))
def test_the_one_pattern_path_agrees_with_commonmark(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert _NEEDS_LINES.search(text) is None
    assert [tuple(h) for h in scan_headings(text) or []] == reference(text)


def test_real_sections_need_no_parser_and_agree_with_it() -> None:
    for path in sorted((ROOT / "agreement" / "sections").glob("*.md")):
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        scanned = scan_headings(body)
        assert scanned is not None, f"{path.name} fell back to the parser"
        assert [tuple(h) for h in scanned] == reference(body)


def test_what_the_scanner_leaves_is_parsed() -> None:
    body = "> # Quoted heading\n\nText\n\n## Second\n"
    assert scan_headings(body) is None
    headings = parse_headings(body, 10)
    assert [(h.level, h.text, h.line) for h in headings] == [
        (1, "Quoted heading", 10),
        (2, "Second", 14),
    ]
