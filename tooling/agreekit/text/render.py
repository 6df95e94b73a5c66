"""One section as Markdown: numbered headings, variables, data tables and references filled in.

Contributor text is a Jinja template rendered in a sandbox with undefined names as errors, so prose
can read values but never run code. Jinja comments use `{## ##}` because `{#` opens a heading id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agreekit.model.agreement import Agreement
from agreekit.text import expressions
from agreekit.text.context import template_context
from agreekit.text.numbering import NumberedSection, numbered_sections, resolve
from agreekit.text.signatures import signature_block
from agreekit.text.tables import table


class RenderError(Exception):
    """A problem in a section's template, located at its file and line."""

    def __init__(self, file: str, line: int, message: str, cause: Exception | None = None) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message
        self.cause = cause  # what the template raised (a broken reference is AK304's)


@dataclass(frozen=True)
class Style:
    """How the output links and anchors: the site, the one-page PDF and plain text differ."""

    # (section id, heading slug or None) -> the id a heading gets
    anchor: Callable[[str, str | None], str]
    # (section id, heading slug or None) -> a link target, or None for plain text
    link: Callable[[str, str | None], str | None]
    signatures: str  # "html" or "text"


def _site_link(section_id: str, slug: str | None) -> str:
    return f"{section_id}.md#{slug}" if slug else f"{section_id}.md"


def _pdf_anchor(section_id: str, slug: str | None) -> str:
    return f"{section_id}--{slug}" if slug else section_id


SITE = Style(anchor=lambda s, h: h or s, link=_site_link, signatures="html")
PDF = Style(anchor=_pdf_anchor, link=lambda s, h: "#" + _pdf_anchor(s, h), signatures="html")
TEXT = Style(anchor=lambda s, h: "", link=lambda s, h: None, signatures="text")


def _number_headings(numbered: NumberedSection, style: Style) -> str:
    """Put clause numbers and stable ids on the heading lines, keeping every line where it was."""
    section = numbered.section
    lines = section.body.split("\n")
    for item in numbered.headings:
        index = item.heading.line - section.body_line
        line = lines[index] if 0 <= index < len(lines) else ""
        if not line.lstrip().startswith("#"):
            continue  # a setext heading keeps its own text
        text = item.heading.text  # without its {#id}
        number = f"{item.number} " if item.number else ""
        anchor = style.anchor(section.id, item.heading.slug)
        suffix = f" {{#{anchor}}}" if anchor else ""
        lines[index] = f"{'#' * item.heading.level} {number}{text}{suffix}"
    return "\n".join(lines)


def template_functions(
    agreement: Agreement, style: Style, sections: list[NumberedSection]
) -> dict[str, Callable[..., str]]:
    """What templates may call: `ref`, `table` and `signature_block`."""

    def ref(target: str) -> str:
        number, section_id, slug = resolve(sections, target)
        target_link = style.link(section_id, slug)
        return f"[clause {number}]({target_link})" if target_link else f"clause {number}"

    return {
        "ref": ref,
        "table": lambda name: table(agreement, name),
        "signature_block": lambda: signature_block(agreement, style.signatures),
    }


def render_section(
    agreement: Agreement,
    numbered: NumberedSection,
    style: Style,
    sections: list[NumberedSection] | None = None,
    context: dict[str, Any] | None = None,
) -> str:
    """The section as Markdown with its `#` title; raises RenderError naming file and line."""
    return _with_title(numbered, style, render_body(agreement, numbered, style, sections, context))


def render_body(
    agreement: Agreement,
    numbered: NumberedSection,
    style: Style,
    sections: list[NumberedSection] | None = None,
    context: dict[str, Any] | None = None,
) -> str:
    """The section's body rendered, line for line where no value holds a newline.

    Simple templates are filled in directly (`text.expressions`); the rest go through Jinja."""
    sections = sections if sections is not None else numbered_sections(agreement)
    section = numbered.section

    functions = template_functions(agreement, style, sections)
    values = context if context is not None else template_context(agreement)
    source = _number_headings(numbered, style)
    simple = expressions.render(source, values, functions)
    if simple is not None:
        return simple
    from agreekit.text.templating import TemplateFailure, render_template  # Jinja: only here

    try:
        body = render_template(source, section.path, values | functions)
    except TemplateFailure as failure:
        where = section.body_line + failure.line - 1
        raise RenderError(section.path, where, failure.message, failure.cause) from None
    return body


def _with_title(numbered: NumberedSection, style: Style, body: str) -> str:
    anchor = style.anchor(numbered.section.id, None)
    title = f"# {numbered.number}. {numbered.section.meta.title}"
    return f"{title}{f' {{#{anchor}}}' if anchor else ''}\n\n{body.strip()}\n"


def render_agreement(agreement: Agreement, style: Style) -> list[tuple[NumberedSection, str]]:
    sections = numbered_sections(agreement)
    context = template_context(agreement)
    return [(s, render_section(agreement, s, style, sections, context)) for s in sections]
