"""The prose of each section as rendered text would read it: code and template expressions blanked.

Blanking keeps every column where it was, so findings still point at the right character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from agreekit.model.agreement import Agreement
from agreekit.model.section import Section

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_COMMENT = re.compile(r"<!--.*?-->")


class ProseLine(NamedTuple):
    section: Section
    line: int
    raw: str  # as written, with code spans blanked (for links and HTML)
    text: str  # also without template expressions and comments (for words)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def section_prose(section: Section) -> Iterator[ProseLine]:
    fence: str | None = None
    for line, text in section.body_lines():
        opening = _FENCE.match(text)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        raw = _blank(_INLINE_CODE, text)
        yield ProseLine(section, line, raw, _blank(_COMMENT, _blank(_TEMPLATE, raw)))


def agreement_prose(agreement: Agreement) -> Iterator[ProseLine]:
    for section in agreement.sections:
        yield from section_prose(section)
