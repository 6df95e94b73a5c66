"""AK308: every section's template renders, so a misspelt variable fails at commit, not at build.

Rendering uses the same sandboxed Jinja as publishing (jinja2 only: no MkDocs, no WeasyPrint).
Broken cross-references are AK304's, so they are not reported twice here.
"""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.finding import Finding, Location, finding
from agreekit.model.agreement import Agreement


def templates_render(agreement: Agreement) -> Iterator[Finding]:
    """AK308"""
    from agreekit.publish.numbering import RefError, numbered_sections
    from agreekit.publish.render import TEXT, RenderError, render_section

    sections = numbered_sections(agreement)
    for numbered in sections:
        try:
            render_section(agreement, numbered, TEXT, sections)
        except RenderError as error:
            if isinstance(error.__context__, RefError):
                continue
            yield finding("AK308", Location(error.file, error.line), error.message)
