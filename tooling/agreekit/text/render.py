"""One section as Markdown: numbered headings, variables, data tables and references filled in.

Contributor text is a Jinja template rendered in a sandbox with undefined names as errors, so prose
can read values but never run code. Jinja comments use `{## ##}` because `{#` opens a heading id.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from agreekit.model.agreement import Agreement
from agreekit.model.formats import duration
from agreekit.text import expressions
from agreekit.text.context import UNDEFINED_ADVICE, template_context
from agreekit.text.numbering import NumberedSection, RefError, numbered_sections, resolve
from agreekit.text.signatures import signature_block
from agreekit.text.tables import TableError, table


class RenderError(Exception):
    """A problem in a section's template, located at its file and line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


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


def _template_line(error: BaseException, name: str) -> int | None:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    return frames[-1].lineno if frames and frames[-1].lineno else None


def _environment(source: str, name: str) -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=jinja2.FunctionLoader(lambda _: (source, name, lambda: True)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    environment.filters["duration"] = duration  # {{ data.x.allowed_downtime | duration }}
    return environment


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
    """The section as Markdown with its `#` title; raises RenderError naming file and line.

    Simple templates are filled in directly (`text.expressions`); the rest go through Jinja."""
    sections = sections if sections is not None else numbered_sections(agreement)
    section = numbered.section

    functions = template_functions(agreement, style, sections)
    values = context if context is not None else template_context(agreement)
    source = _number_headings(numbered, style)
    simple = expressions.render(source, values, functions)
    if simple is not None:
        return _with_title(numbered, style, simple)
    try:
        template = _environment(source, section.path).get_template(section.path)
        body = template.render(values | functions)
    except (jinja2.TemplateError, RefError, TableError) as error:
        line = _template_line(error, section.path)
        where = section.body_line + line - 1 if line else section.body_line
        source_line = source.split("\n")[line - 1] if line else ""
        raise RenderError(section.path, where, _message(error, source_line)) from None
    except RecursionError:
        # Jinja parses nested braces recursively: thousands of `{{` exhaust Python's stack.
        lines = source.split("\n")
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("{"))
        message = "template nested too deeply; remove the repeated {{ or {{% on this line"
        raise RenderError(section.path, section.body_line + deepest, message) from None
    return _with_title(numbered, style, body)


def _with_title(numbered: NumberedSection, style: Style, body: str) -> str:
    anchor = style.anchor(numbered.section.id, None)
    title = f"# {numbered.number}. {numbered.section.meta.title}"
    return f"{title}{f' {{#{anchor}}}' if anchor else ''}\n\n{body.strip()}\n"


def _expression(error: jinja2.UndefinedError, line: str) -> str:
    """The `{{ ... }}` on the line that names what is undefined, to quote it to the user."""
    missing = re.findall(r"'([^']+)'", error.message or "")
    for expression in re.findall(r"\{\{.*?\}\}", line):
        if missing and missing[-1] in expression:
            return f"{expression}: "
    return ""


def _message(error: Exception, line: str) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"{_expression(error, line)}{error.message}; {UNDEFINED_ADVICE}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"template syntax: {error.message}; close every {{{{ with }}}}"
    if isinstance(error, jinja2.TemplateError):
        return f"{type(error).__name__}: {error}"
    return str(error)


def render_agreement(agreement: Agreement, style: Style) -> list[tuple[NumberedSection, str]]:
    sections = numbered_sections(agreement)
    context = template_context(agreement)
    return [(s, render_section(agreement, s, style, sections, context)) for s in sections]
