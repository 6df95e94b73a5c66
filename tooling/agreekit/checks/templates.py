"""AK308: every section's template renders, so a misspelt variable fails at commit, not at build.

Most sections use only simple expressions, which `text.expressions` checks without Jinja. A
section with anything more is rendered with the same sandboxed Jinja as publishing (jinja2 only:
no MkDocs, no WeasyPrint), within the limits of publish.limits (loops, size, time, nesting), so
a hostile template ends in a second or two. Broken cross-references are AK304's.
"""

from __future__ import annotations

from collections.abc import Iterator

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.finding import ERROR, Explanation, Finding, Location, Rule
from agreekit.model.agreement import Agreement
from agreekit.text.context import template_context
from agreekit.text.expressions import problems
from agreekit.text.limits import markup_problem
from agreekit.text.numbering import NumberedSection, numbered_sections
from agreekit.text.tables import TableError, table

FAMILY = Family()


AK308 = Rule(
    "AK308",
    "template-error",
    ERROR,
    summary=(
        "A section's {{ ... }} cannot be rendered: an undefined variable, an unknown "
        "table or a template syntax error."
    ),
    hint=(
        "Spell the variable as docs/authoring.md lists it, or add the value to "
        "agreement.yml or the front matter."
    ),
    explanation=Explanation(
        what=(
            "Renders every section's template the way `agreekit build` does (sandboxed "
            "Jinja, undefined names are errors) and reports the first problem in each "
            "section: an undefined variable such as `{{ data.availabilty.target }}`, an "
            'unknown `{{ table("...") }}`, or a `{{` that never closes. Broken `{{ '
            "ref(...) }}` targets are AK304's. It also reports a template past the limits "
            "(200,000 loop steps and calls, 1 s, 2,000,000 characters, widths up to 10,000) "
            "and text nested more than 100 levels, at the line, within a second or two."
        ),
        why=(
            "Without it a misspelt variable passes the commit and fails the published "
            "build, or worse, reaches a reviewer as raw template text."
        ),
        example=(
            "The Provider must make each service available for {{ data.availabilty.target }}%."
        ),
        fix=(
            "Spell the variable as docs/authoring.md lists it, or add the value to "
            "agreement.yml (`variables:`) or to the section's front matter."
        ),
        fixed=(
            "The Provider must make each service available for {{ data.availability.target }}%."
        ),
    ),
)


@FAMILY.check(AK308)
def templates_render(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK308"""
    variables = template_context(agreement)
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
            yield AK308.at(Location(section.path, section.body_line + line - 1), message)
            continue
        found = problems(section.body, variables, table_problem)
        if found is None:
            yield from _rendered(agreement, numbered, sections)
            continue
        for problem in found:
            where = Location(section.path, section.body_line + problem.line - 1)
            yield AK308.at(where, problem.message)


def _rendered(
    agreement: Agreement, numbered: NumberedSection, sections: list[NumberedSection]
) -> Iterator[Finding]:
    """Render with Jinja, for a template the simple reader cannot judge."""
    from agreekit.text.numbering import RefError
    from agreekit.text.render import TEXT, RenderError, render_section

    try:
        render_section(agreement, numbered, TEXT, sections)
    except RenderError as error:
        if not isinstance(error.cause, RefError):
            yield AK308.at(Location(error.file, error.line), error.message)
