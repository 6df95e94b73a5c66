"""The prose of each section as rendered text would read it: code and template expressions blanked.

Blanking keeps every column where it was, so findings still point at the right character. Several
checks read the prose, so it is worked out once per agreement and each section's lines are also
joined into one text that a pattern scans in a single pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from agreekit.finding import Location
from agreekit.model.agreement import Agreement
from agreekit.model.section import Section

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Tempered: an unclosed opener scans only to the next opener, so a line of many stays linear.
_TEMPLATE = re.compile(
    r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{%(?:(?!\{%|%\}).)*%\}|\{#(?:(?!\{#|#\}).)*#\}"
)
_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->")


class ProseLine(NamedTuple):
    section: Section
    line: int
    raw: str  # as written, with code spans blanked (for links and HTML)
    text: str  # also without template expressions and comments (for words)


class ProseText(NamedTuple):
    """A section's prose lines joined by newlines, to scan with one pattern."""

    section: Section
    lines: tuple[ProseLine, ...]
    raw: str
    text: str
    starts: tuple[int, ...]

    def line_at(self, offset: int) -> ProseLine:
        return self.lines[bisect_right(self.starts, offset) - 1]

    def location(self, offset: int) -> Location:
        index = bisect_right(self.starts, offset) - 1
        return Location(self.section.path, self.lines[index].line, offset - self.starts[index] + 1)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def section_prose(section: Section) -> Iterator[ProseLine]:
    fence: str | None = None
    for line, text in section.body_lines():
        # Most lines are plain words: test for the few characters that matter before any pattern.
        opening = _FENCE.match(text) if ("`" in text or "~" in text) else None
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        raw = _blank(_INLINE_CODE, text) if "`" in text else text
        words = raw
        if "{" in words:
            words = _blank(_TEMPLATE, words)
        if "<" in words:
            words = _blank(_COMMENT, words)
        yield ProseLine(section, line, raw, words)


def _prose_text(section: Section) -> ProseText:
    lines = tuple(section_prose(section))
    starts, offset = [], 0
    for prose in lines:
        starts.append(offset)
        offset += len(prose.raw) + 1
    return ProseText(
        section,
        lines,
        "\n".join(p.raw for p in lines),
        "\n".join(p.text for p in lines),
        tuple(starts),
    )


# One agreement is checked at a time: keep its prose until the next one arrives.
_cached: list[tuple[Agreement, tuple[ProseText, ...]]] = []


def prose_texts(agreement: Agreement) -> tuple[ProseText, ...]:
    if not _cached or _cached[0][0] is not agreement:
        _cached[:] = [(agreement, tuple(_prose_text(s) for s in agreement.sections))]
    return _cached[0][1]


def agreement_prose(agreement: Agreement) -> Iterator[ProseLine]:
    for text in prose_texts(agreement):
        yield from text.lines
