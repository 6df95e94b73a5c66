"""How far agreekit follows a contributor's text: template work, output size, nesting depth.

A template or a page nested beyond these limits is refused at its line (AK308 in `check`, an
error in `build`) within a second or two, instead of stalling pre-commit, CI or the machine.
"""

from __future__ import annotations

import re

TEMPLATE_SECONDS = 1.0  # one section's template renders within this
TEMPLATE_STEPS = 200_000  # loop iterations and calls in one section's template
TEMPLATE_OUTPUT = 2_000_000  # characters one section's template may produce, or one value hold
TEMPLATE_WIDTH = 10_000  # a number given to a filter or string method (a width, a count)
MARKUP_DEPTH = 100  # HTML elements open inside one another, list and quote levels


class LimitError(Exception):
    """Text beyond a limit, at a line (1-based) of the text given."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.message = line, message


_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_QUOTE = re.compile(r"^(?:[ \t]*>)+")


def nesting_problem(text: str) -> tuple[int, str] | None:
    """(line, message) where `text` nests elements, quotes or lists deeper than MARKUP_DEPTH,
    or None. Renderers and the sanitiser slow down or fail past it (Python-Markdown recurses
    per level; an HTML parser's work grows with the square of the depth)."""
    if not _could_nest_deeply(text):
        return None
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if "<" in line:
            for match in _TAG.finditer(line):
                closing, name, self_closing = match.groups()
                if name.lower() in _VOID or self_closing:
                    continue
                depth = max(0, depth - 1) if closing else depth + 1
                if depth > MARKUP_DEPTH:
                    return number, _too_deep("HTML elements open inside one another")
        quote = _QUOTE.match(line)
        if quote and quote.group(0).count(">") > MARKUP_DEPTH:
            return number, _too_deep("quote levels (>)")
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if indent // 2 > MARKUP_DEPTH:
            return number, _too_deep("levels of indentation")
    return None


def _could_nest_deeply(text: str) -> bool:
    """False if no line can go past MARKUP_DEPTH: each level takes a `<`, a `>` or two columns
    of indent, so counting the marks of the whole text is enough (tabs: the lines decide)."""
    return (
        text.count("<") > MARKUP_DEPTH
        or text.count(">") > MARKUP_DEPTH
        or "\t" in text
        or " " * (2 * MARKUP_DEPTH + 2) in text
    )


def _too_deep(what: str) -> str:
    return f"more than {MARKUP_DEPTH} {what}; nest less deeply (a contract needs a few levels)"


def emphasis_problem(text: str) -> tuple[int, str] | None:
    """(line, message) for a run of emphasis marks that Python-Markdown would recurse into."""
    if "**" not in text and "__" not in text:
        return None
    if text.count("*") + text.count("_") < MARKUP_DEPTH:
        return None  # too few marks in all for a run of MARKUP_DEPTH
    match = re.search(rf"[*_]{{{MARKUP_DEPTH},}}", text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, f"a run of more than {MARKUP_DEPTH} * or _ marks; write a shorter one"


def markup_problem(text: str) -> tuple[int, str] | None:
    """The first limit `text` goes past before it is rendered as Markdown, or None."""
    return nesting_problem(text) or emphasis_problem(text)
