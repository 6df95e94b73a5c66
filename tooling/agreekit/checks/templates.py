"""AK308: every section's template renders, so a misspelt variable fails at commit, not at build.

Most sections use only simple expressions, which `publish.expressions` checks without Jinja. A
section with anything more is rendered with the same sandboxed Jinja as publishing (jinja2 only:
no MkDocs, no WeasyPrint), within the limits of publish.limits (loops, size, time, nesting), so
a hostile template ends in a second or two. Broken cross-references are AK304's.
"""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.finding import Finding, Location, finding
from agreekit.model.agreement import Agreement
from agreekit.publish.context import template_context
from agreekit.publish.expressions import problems
from agreekit.publish.limits import markup_problem
from agreekit.publish.numbering import NumberedSection, numbered_sections
from agreekit.publish.tables import TableError, table


def templates_render(agreement: Agreement) -> Iterator[Finding]:
    """AK308"""
    context = template_context(agreement)
    sections = numbered_sections(agreement)

    def table_problem(name: str) -> str | None:
        try:
            table(agreement, name)
        except TableError as error:
            return str(error)
        return None

    for numbered in sections:
        section = numbered.section
        too_deep = markup_problem(section.body)
        if too_deep is not None:  # the site's Markdown renderer would fail on it
            line, message = too_deep
            yield finding("AK308", Location(section.path, section.body_line + line - 1), message)
            continue
        found = problems(section.body, context, table_problem)
        if found is None:
            yield from _rendered(agreement, numbered, sections)
            continue
        for problem in found:
            where = Location(section.path, section.body_line + problem.line - 1)
            yield finding("AK308", where, problem.message)


def _rendered(
    agreement: Agreement, numbered: NumberedSection, sections: list[NumberedSection]
) -> Iterator[Finding]:
    """Render with Jinja, for a template the simple reader cannot judge."""
    from agreekit.publish.numbering import RefError
    from agreekit.publish.render import TEXT, RenderError, render_section

    try:
        render_section(agreement, numbered, TEXT, sections)
    except RenderError as error:
        if not isinstance(error.cause, RefError):
            yield finding("AK308", Location(error.file, error.line), error.message)
