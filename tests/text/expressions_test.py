"""The Jinja-free template reader agrees with the sandboxed Jinja render, or leaves it to Jinja."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from agreekit.model.loader import load_agreement
from agreekit.text.context import template_context
from agreekit.text.expressions import problems, render
from agreekit.text.numbering import numbered_sections
from agreekit.text.render import (
    PDF,
    SITE,
    TEXT,
    Style,
    _number_headings,
    template_functions,
)
from agreekit.text.tables import TableError, table
from agreekit.text.templating import _environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    agreement, _ = load_agreement(ROOT)
    assert agreement is not None
    return template_context(agreement) | {"agreement": agreement}


def jinja_error(source: str, context: dict[str, Any]) -> str | None:
    """The message the sandboxed render fails with, or None if it renders."""
    names = {k: v for k, v in context.items() if k != "agreement"}
    names |= {
        "table": lambda name: table(context["agreement"], name),
        "ref": lambda target: target,
        "signature_block": lambda: "",
    }
    try:
        _environment(source, "t.md").get_template("t.md").render(names)
    except jinja2.UndefinedError as error:
        return error.message
    except TableError as error:
        return str(error)
    return None


def table_problem(context: dict[str, Any]) -> Any:
    def answer(name: str) -> str | None:
        try:
            table(context["agreement"], name)
        except TableError as error:
            return str(error)
        return None

    return answer


@pytest.mark.parametrize(
    "source",
    [
        "{{ title }} and {{ reference }}",
        "{{ parties.customer.name }}",
        "{{ parties.customer.nmae }}",
        "{{ partys.customer.name }}",
        "{{ term.effective_date }}",
        "{{ parties.customer.name.first }}",
        "{{ data.availability.allowed_downtime | duration }}",
        "{{ data.availability.target }}% {{ data.availabilty.target }}",
        '{{ table("kpis") }}',
        "{{ table('kpi') }}",
        '{{ ref("legal#termination") }}',
        "{{ signature_block() }}",
        "{{ variables.service_desk_phone }}",
        "{{ variables.missing }}",
    ],
)
def test_reader_agrees_with_jinja(source: str, context: dict[str, Any]) -> None:
    found = problems(source, context, table_problem(context))
    assert found is not None, "these forms must not need Jinja"
    expected = jinja_error(source, context)
    if expected is None:
        assert found == []
    else:
        assert found and expected in found[0].message
        assert found[0].line == 1


@pytest.mark.parametrize(
    "source",
    [
        "{% if true %}x{% endif %}",
        "{{ data.kpis[0] }}",
        "{{ title | upper }}",
        "{{ data.x\n}}",
        "{{ data.costs.items }}",
        "{## a comment ##}",
        "{{ 1 + 1 }}",
    ],
)
def test_anything_else_is_left_to_jinja(source: str, context: dict[str, Any]) -> None:
    assert problems(source, context, table_problem(context)) is None


def test_every_broken_expression_is_reported_at_its_line(context: dict[str, Any]) -> None:
    source = "ok {{ title }}\n\n{{ data.nope }} and {{ nope }}\n"
    found = problems(source, context, table_problem(context))
    assert found is not None
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (3, "{{ data.nope }}: 'dict object' has no attribute 'nope'"),
        (3, "{{ nope }}: 'nope' is undefined"),
    ]


@pytest.mark.parametrize("style", [SITE, PDF, TEXT], ids=["site", "pdf", "text"])
def test_rendering_without_jinja_gives_what_jinja_gives(style: Style) -> None:
    agreement, _ = load_agreement(ROOT)
    assert agreement is not None
    sections = numbered_sections(agreement)
    values = template_context(agreement)
    functions = template_functions(agreement, style, sections)
    for numbered in sections:
        source = _number_headings(numbered, style)
        path = numbered.section.path
        by_jinja = _environment(source, path).get_template(path).render(values | functions)
        assert render(source, values, functions) == by_jinja, path


@pytest.mark.parametrize(
    "source",
    [
        "{{ data.costs.currency }} and {{ data.nope }}",  # missing: Jinja must report it
        '{{ table("kpi") }}',  # the function fails: Jinja reports it at its line
        "{{ title | upper }}",
        "{% raw %}{{ x }}{% endraw %}",
    ],
)
def test_rendering_leaves_errors_and_the_rest_to_jinja(
    source: str, context: dict[str, Any]
) -> None:
    functions = template_functions(
        context["agreement"], TEXT, numbered_sections(context["agreement"])
    )
    assert render(source, context, functions) is None
