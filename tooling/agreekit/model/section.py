"""A section of the agreement: front matter data plus Markdown prose with its clause headings."""

import functools
import re
from typing import Any, NamedTuple

from agreekit.model.headings import RawHeading, scan_headings
from agreekit.model.lazy_pattern import LazyPattern
from agreekit.model.section_data import SectionFrontMatter
from agreekit.model.source import SourceMap

_CUSTOM_ID = LazyPattern(r"\s*\{#([A-Za-z0-9_:.-]+)\}\s*$")


class Heading(NamedTuple):
    level: int
    text: str
    slug: str
    line: int


class Section(NamedTuple):
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


_NOT_IN_SLUG = re.compile(r"[^\w\s-]")
_SLUG_GAPS = re.compile(r"[-\s]+")


def slugify(text: str) -> str:
    """The anchor MkDocs' toc extension gives a heading, so ids and links agree."""
    text = _NOT_IN_SLUG.sub("", text).strip().lower()
    return _SLUG_GAPS.sub("-", text)


def parse_headings(body: str, body_line: int) -> tuple[Heading, ...]:
    found = scan_headings(body)
    if found is None:
        found = parsed_headings(body)
    return tuple(_heading(raw, body_line) for raw in found)


def _heading(raw: RawHeading, body_line: int) -> Heading:
    custom = _CUSTOM_ID.search(raw.content) if "{#" in raw.content else None
    text = (_CUSTOM_ID.sub("", raw.content) if custom else raw.content).strip()
    slug = custom.group(1) if custom else slugify(text)
    return Heading(raw.level, text, slug, body_line + raw.line)


def parsed_headings(body: str) -> list[RawHeading]:
    """The headings as markdown-it's CommonMark parser sees them, for what the scanner leaves."""
    tokens = _parser().parse(body)
    return [
        RawHeading(int(token.tag[1]), tokens[index + 1].content, token.map[0])
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.map is not None
    ]


@functools.cache
def _parser() -> Any:
    from markdown_it import MarkdownIt  # only for documents the scanner cannot read alone

    # Headings need only the block structure; a heading's inline token keeps its raw text.
    return MarkdownIt("commonmark").disable("inline")
