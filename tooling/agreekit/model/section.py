"""A section of the agreement: front matter data plus Markdown prose with its clause headings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt

from agreekit.model.section_data import SectionFrontMatter
from agreekit.model.source import SourceMap

_CUSTOM_ID = re.compile(r"\s*\{#([A-Za-z0-9_:.-]+)\}\s*$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    slug: str
    line: int


@dataclass(frozen=True)
class Section:
    path: str
    meta: SectionFrontMatter
    data: dict[str, Any]
    source: SourceMap
    body: str
    body_line: int
    headings: tuple[Heading, ...]

    @property
    def id(self) -> str:
        return self.meta.id

    def body_lines(self) -> list[tuple[int, str]]:
        """The prose lines with their line numbers in the file."""
        return [(self.body_line + i, text) for i, text in enumerate(self.body.split("\n"))]


def slugify(text: str) -> str:
    """The anchor MkDocs' toc extension gives a heading, so ids and links agree."""
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


# Headings need only the block structure: skipping inline parsing halves the time per section,
# and a heading's inline token still carries its raw text.
_parser = MarkdownIt("commonmark").disable("inline")


def parse_headings(body: str, body_line: int) -> tuple[Heading, ...]:
    headings = []
    tokens = _parser.parse(body)
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        content = tokens[index + 1].content
        custom = _CUSTOM_ID.search(content)
        text = _CUSTOM_ID.sub("", content).strip()
        slug = custom.group(1) if custom else slugify(text)
        headings.append(Heading(int(token.tag[1]), text, slug, body_line + token.map[0]))
    return tuple(headings)
