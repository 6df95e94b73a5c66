"""Find a section's headings by reading its lines, as CommonMark would, without a Markdown parser.

`check` needs only the headings (level, raw text, line), and importing a full parser costs more
than checking the whole agreement. The scanner knows the blocks that decide what is a heading:
ATX and setext headings, paragraphs, fenced and indented code, thematic breaks, HTML comments and
HTML blocks. Where a document uses a construct it does not model (block quotes, tabs in
indentation, headings or underlines inside list items, rare HTML), it answers None and the caller
asks the full parser. A property test holds it to markdown-it's answers.
"""

import re
from typing import NamedTuple

from agreekit.model.lazy_pattern import LazyPattern


class RawHeading(NamedTuple):
    level: int
    content: str
    line: int  # 0-based line within the text


_ATX = LazyPattern(r" {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
_ATX_CLOSING = LazyPattern(r"(?:^|[ \t]+)#+[ \t]*$")
_FENCE = LazyPattern(r"( {0,3})(`{3,}|~{3,})(.*)$")
_SETEXT = LazyPattern(r" {0,3}(=+|-+)[ \t]*$")
_BREAK = LazyPattern(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = LazyPattern(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_RAW_HTML = LazyPattern(r" {0,3}<(script|pre|style|textarea)(?:\s|>|$)", re.IGNORECASE)
_BLOCK_TAG = LazyPattern(r" {0,3}</?([A-Za-z][A-Za-z0-9-]*)(?:\s|/?>|$)")
# CommonMark's HTML block type 6: block-level tags that start a block even inside a paragraph.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ]
)


# A line that may hide or make a heading other than an ATX line: a fence, HTML, a quote, an
# underline, a tab, an indented line that could open a block inside a list item, or a list item
# whose content opens a block. Text without any is read with one pattern.
_NEEDS_LINES = re.compile(
    r"\n(?: {0,3}(?:```|~~~|<|>|(?:=+|-+)[ \t]*(?:\n|$))| *\t| {4,}[#`~<>=*+_\d-]"
    r"| {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+(?!\*\*[^ \t*\n])[#`~<>=*+_\d\t-])"
)
# Both patterns start with a newline (the text is read with one put before it): a literal first
# character lets the regex engine jump between lines instead of trying every position.
_ATX_LINE = re.compile(r"\n {0,3}(#{1,6})(?:[ \t]+([^\n]*)|[ \t]*)(?=\n|$)")


def scan_headings(text: str) -> list[RawHeading] | None:
    """Every heading in `text`, or None where only a full CommonMark parser can tell."""
    if not _NEEDS_LINES.search("\n" + text):
        return _atx_headings("\n" + text)
    return _scan_lines(text)


def _atx_headings(text: str) -> list[RawHeading]:
    """Where only ATX lines can be headings, they all are. `text` starts with a newline."""
    headings = []
    line, position = -1, 0
    for match in _ATX_LINE.finditer(text):
        line += text.count("\n", position, match.start() + 1)
        position = match.start() + 1
        content = _without_closing(match.group(2) or "")
        headings.append(RawHeading(len(match.group(1)), content, line))
    return headings


def _without_closing(content: str) -> str:
    """A heading's text without its closing #s (`## Terms ##`); most headings have none."""
    return (_ATX_CLOSING.sub("", content) if "#" in content else content).strip()


def _scan_lines(text: str) -> list[RawHeading] | None:
    lines = text.split("\n")
    headings: list[RawHeading] = []
    paragraph: list[str] = []  # the open paragraph's lines
    paragraph_start = 0
    in_list = False  # inside a list, an indented line may still hold a heading or an underline
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip(" ")
        if not stripped:
            paragraph, index = [], index + 1
            continue
        indent = len(line) - len(stripped)
        if indent < 4 and stripped[0] not in _MAY_OPEN_BLOCK:
            # Words (or a table row, a link...): paragraph text, unless a list may have ended.
            if indent or paragraph or not in_list:
                if not paragraph:
                    paragraph_start = index
                paragraph.append(line)
                index += 1
                continue
        elif indent < 4 and stripped[0] in "-*+" and stripped[1:2] == " " and _plain(stripped[2:]):
            in_list = True  # a bullet item of plain words
            paragraph, paragraph_start, index = [line], index, index + 1
            continue
        if stripped.startswith(("\t", ">")):
            return None
        if indent == 0 and index and not lines[index - 1].strip() and not _LIST_ITEM.match(line):
            in_list = False
        if indent >= 4:
            if in_list and _opens_block(stripped):
                return None
            if paragraph:
                paragraph.append(line)
            index += 1
            continue
        if paragraph and _SETEXT.match(line):
            if in_list:
                return None
            level = 1 if stripped[0] == "=" else 2
            headings.append(RawHeading(level, "\n".join(paragraph).strip(), paragraph_start))
            paragraph, index = [], index + 1
            continue
        atx = _ATX.match(line)
        if atx:
            content = _without_closing(atx.group(2))
            headings.append(RawHeading(len(atx.group(1)), content, index))
            paragraph, index = [], index + 1
            continue
        fence = _FENCE.match(line)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            paragraph, index = [], _after_fence(lines, index, fence.group(2))
            continue
        if _BREAK.match(line):
            paragraph, index = [], index + 1
            continue
        if stripped[0] == "<":
            after = _after_html(lines, index, bool(paragraph))
            if after is None:
                return None
            if after > index:
                paragraph, index = [], after
                continue
        item = _LIST_ITEM.match(line)
        if item:
            if _opens_block((item.group(1) or "").lstrip(" ")):
                return None
            in_list = True
            paragraph = []
        if not paragraph:
            paragraph_start = index
        paragraph.append(line)
        index += 1
    return headings


# The characters a line (after up to three spaces) must start with to be anything but paragraph
# text: headings, code, quotes, HTML, list items, breaks and underlines.
_MAY_OPEN_BLOCK = frozenset("#`~<>-*+_=\t0123456789")


def _plain(content: str) -> bool:
    """Whether list item content is plain words (or bold words), which open no block."""
    first = content[:1]
    if first and first not in _MAY_OPEN_BLOCK:
        return True
    return content[:2] == "**" and content[2:3] not in ("", " ", "\t", "*")


def _opens_block(content: str) -> bool:
    """Whether list item content opens a heading, code, a quote, HTML or a nested list there.

    The scanner leaves such items to the parser.
    """
    if content.startswith(("<", ">", "\t")):
        return True
    patterns = (_ATX, _FENCE, _LIST_ITEM, _BREAK, _SETEXT)
    return any(pattern.match(content) for pattern in patterns)


def _after_fence(lines: list[str], start: int, opening: str) -> int:
    """The index after the fenced code block that opens at `start` (the end if never closed)."""
    closing = re.compile(rf" {{0,3}}{re.escape(opening[0])}{{{len(opening)},}}[ \t]*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index + 1
    return len(lines)


def _after_html(lines: list[str], start: int, in_paragraph: bool) -> int | None:
    """The index after the HTML block at `start`; `start` if none opens there; None if unsure."""
    line = lines[start]
    stripped = line.lstrip(" ")
    if stripped.startswith("<!--"):
        return _until(lines, start, "-->")
    raw = _RAW_HTML.match(line)
    if raw:
        return _until(lines, start, f"</{raw.group(1).lower()}>", ignore_case=True)
    if stripped.startswith(("<?", "<!")):
        return None
    block = _BLOCK_TAG.match(line)
    if block and block.group(1).lower() in _BLOCK_TAGS:
        return _until_blank(lines, start)
    if in_paragraph:
        return start  # other tags cannot interrupt a paragraph: the line is paragraph text
    return None  # CommonMark's type 7 depends on the whole tag's syntax: let the parser decide


def _until(lines: list[str], start: int, end: str, ignore_case: bool = False) -> int:
    for index in range(start, len(lines)):
        text = lines[index].lower() if ignore_case else lines[index]
        searched = text[text.index("<") + 4 :] if index == start and end == "-->" else text
        if end in searched:
            return index + 1
    return len(lines)


def _until_blank(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        if not lines[index].strip():
            return index
    return len(lines)
