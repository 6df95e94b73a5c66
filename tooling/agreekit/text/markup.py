"""Markdown to HTML the way the site renders it, and that HTML as published (sanitised).

One pipeline for the PDF, `agreekit diff`, the redlines and `agreekit check`: the extensions
MkDocs always loads plus those of the template's mkdocs.yml. Python-Markdown loads only on the
first call (`check` calls it only for text that could hold markup: see checks.unsafe_content).
"""

from __future__ import annotations

import functools
from typing import Any

from agreekit.text.limits import LimitError, markup_problem
from agreekit.text.sanitise import sanitise

# MkDocs adds toc, tables and fenced_code itself; the rest are the template mkdocs.yml's.
EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "md_in_html", "sane_lists")


@functools.cache
def _converter() -> Any:
    import markdown

    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")


def to_html(text: str) -> str:
    """`text` as HTML, before sanitising. Raises LimitError (with the line) for text nested
    deeper than the renderer can follow."""
    problem = markup_problem(text)
    if problem is not None:
        raise LimitError(*problem)
    converter = _converter()
    try:
        return str(converter.reset().convert(text))
    except RecursionError:
        raise LimitError(1, "the text is nested too deeply to render") from None


def published_html(text: str) -> str:
    """`text` as HTML with only what the allowlist keeps."""
    return sanitise(to_html(text))
