"""The prose of each section as rendered text would read it: code and template expressions blanked.

Blanking keeps every column where it was, so findings still point at the right character. Several
checks read the prose, so it is worked out once per agreement and each section's lines are also
joined into one text that a pattern scans in a single pass.
"""

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
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


class ProseText:
    """A section's prose lines joined by newlines, to scan with one pattern.

    Without fenced code the prose lines are the body's lines, numbered from its first line; the
    per-line records are then made only if a check asks for them.
    """

    def __init__(
        self, section: Section, raw: str, text: str, lines: tuple[ProseLine, ...] | None = None
    ) -> None:
        self.section, self.raw, self.text = section, raw, text
        self._lines = lines

    @functools.cached_property
    def lines(self) -> tuple[ProseLine, ...]:
        if self._lines is not None:
            return self._lines
        first = self.section.body_line
        return tuple(
            ProseLine(self.section, first + index, raw, text)
            for index, (raw, text) in enumerate(
                zip(self.raw.split("\n"), self.text.split("\n"), strict=True)
            )
        )

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The distinct words of the text, as written, punctuation dropped (AK307, AK309)."""
        return distinct_words(self.text)

    @functools.cached_property
    def starts(self) -> tuple[int, ...]:
        return tuple(accumulate((len(p.raw) + 1 for p in self.lines[:-1]), initial=0))

    def raw_lines(self) -> Iterator[tuple[int, str]]:
        """(line number, raw text) of each prose line, without making per-line records."""
        if self._lines is not None:
            return ((p.line, p.raw) for p in self._lines)
        return enumerate(self.raw.split("\n"), start=self.section.body_line)

    def line_at(self, offset: int) -> ProseLine:
        return self.lines[bisect_right(self.starts, offset) - 1]

    def location(self, offset: int) -> Location:
        index = bisect_right(self.starts, offset) - 1
        return Location(self.section.path, self.lines[index].line, offset - self.starts[index] + 1)


_ASCII_PUNCTUATION = (
    rb"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""  # string.punctuation, without its import
)
_PUNCTUATION = bytes.maketrans(_ASCII_PUNCTUATION, b" " * len(_ASCII_PUNCTUATION))
_TYPOGRAPHIC = re.compile(b"|".join(re.escape(c.encode()) for c in "“”‘’–—…•●«»"))


def words_in_order(text: str) -> list[str]:
    """The text's words as written, punctuation dropped.

    Bytes, translated by a table and split, are many times faster than a pattern or
    str.translate; the few typographic marks outside ASCII are replaced first (each is encoded
    as \xe2 or \xc2 and two or one more bytes: most texts have neither).
    """
    data = text.encode("utf-8")
    if b"\xe2" in data or b"\xc2\xab" in data or b"\xc2\xbb" in data:
        data = _TYPOGRAPHIC.sub(b" ", data)
    return data.translate(_PUNCTUATION).decode("utf-8").split()


def distinct_words(text: str) -> frozenset[str]:
    """The text's distinct words as written, punctuation dropped."""
    return frozenset(words_in_order(text))


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
        yield ProseLine(section, line, *_blanked(text))


def _prose_text(section: Section) -> ProseText:
    if "```" in section.body or "~~~" in section.body:
        lines = tuple(section_prose(section))
        raw = "\n".join(p.raw for p in lines)
        return ProseText(section, raw, "\n".join(p.text for p in lines), lines)
    # No fenced code: blank the whole body at once (no pattern crosses a line).
    return ProseText(section, *_blanked(section.body))


def _blanked(text: str) -> tuple[str, str]:
    """The text with code spans blanked, and also with templates and comments blanked."""
    raw = _blank(_INLINE_CODE, text) if "`" in text else text
    words = _blank(_TEMPLATE, raw) if "{" in raw else raw
    return raw, (_blank(_COMMENT, words) if "<" in words else words)


def prose_texts(agreement: Agreement) -> tuple[ProseText, ...]:
    """Every section's prose; a run works it out once, in its `CheckContext`."""
    return tuple(_prose_text(s) for s in agreement.sections)
