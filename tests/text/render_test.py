"""Rendering sections: clause numbers, references, variables, tables and located errors."""

from __future__ import annotations

import pytest

from agreekit.model.loader import load_agreement
from agreekit.text.numbering import numbered_sections
from agreekit.text.render import SITE, TEXT, RenderError, render_agreement, render_section
from conftest import SampleRepo


def rendered(sample: SampleRepo, style=TEXT) -> dict[str, str]:  # type: ignore[no-untyped-def]
    agreement, findings = load_agreement(sample.root)
    assert agreement is not None, findings
    return {n.section.id: text for n, text in render_agreement(agreement, style)}


def test_sections_and_clauses_are_numbered_in_agreement_order(sample: SampleRepo) -> None:
    text = rendered(sample)["service-levels"]
    assert text.startswith("# 6. Service levels and performance\n")
    assert "## 6.1 Service hours\n" in text
    assert "## 6.3 Availability\n" in text
    legal = rendered(sample)["legal"]
    assert "### 11.1.1 Processing details" in legal
    assert "### 11.1.2 Processor obligations" in legal


def test_references_become_clause_numbers(sample: SampleRepo) -> None:
    texts = rendered(sample)
    assert "the notice period in clause 6.3." in texts["communication"]
    assert "{{" not in "".join(texts.values())
    site = rendered(sample, SITE)["communication"]
    assert "[clause 6.3](service-levels.md#availability)" in site
    assert "## 9.1 Communication methods {#communication-methods}" in site


def test_variables_and_dates_are_filled_in(sample: SampleRepo) -> None:
    texts = rendered(sample)
    assert "**Effective Date** means 1 February 2027," in texts["definitions"]
    assert "telephone: 0117 496 0800;" in texts["communication"]
    assert "The reference for this Agreement is HHA-BWS-ITSA-2027." in texts["introduction"]


def test_duration_filter_reads_as_words(sample: SampleRepo) -> None:
    assert "That allows 216 minutes of unplanned downtime" in " ".join(
        rendered(sample)["service-levels"].split()
    )


def test_priority_matrix_is_rendered_from_the_data(sample: SampleRepo) -> None:
    text = rendered(sample)["service-levels"]
    assert (
        "| P1 Critical | A service used by the whole Customer is unavailable, or a security "
        "incident is in progress. | 15 minutes | 4 hours | 24 hours, 7 days a week |"
    ) in text
    sample.replace("sections/service-levels.md", "response: 15m", "response: 10m")
    assert "| 10 minutes | 4 hours |" in rendered(sample)["service-levels"]


def test_every_table_renders(sample: SampleRepo) -> None:
    texts = "".join(rendered(sample).values())
    for needle in (
        "| Most credit in any month | 30% |",
        "| Total per month |  |  | £9,575.00 |",
        "| P1 | 3 | 2 hours | Mark Ellison | Managing Director | phone |",
        "| Amara Okafor | Chief Executive | Harbourside Housing Association |",
        "| Days | Monday to Friday |",
        "| Customer satisfaction rating | Average of at least 4.2 out of 5 |",
    ):
        assert needle in texts


def test_undefined_variable_names_file_and_line(sample: SampleRepo) -> None:
    sample.replace("sections/legal.md", "{{ variables.governing_law }}", "{{ variables.law }}")
    line = sample.line_of("sections/legal.md", "{{ variables.law }}")
    with pytest.raises(RenderError) as caught:
        rendered(sample)
    assert caught.value.file == "agreement/sections/legal.md"
    assert caught.value.line == line
    assert caught.value.message.startswith(
        "{{ variables.law }}: 'dict object' has no attribute 'law'"
    )


def test_bad_reference_names_file_line_and_the_known_headings(sample: SampleRepo) -> None:
    sample.replace(
        "sections/terms.md", '{{ ref("legal#termination") }}', '{{ ref("legal#ending") }}'
    )
    line = sample.line_of("sections/terms.md", "legal#ending")
    with pytest.raises(RenderError) as caught:
        rendered(sample)
    assert str(caught.value).startswith(f"agreement/sections/terms.md:{line}: ref('legal#ending')")
    assert "termination" in caught.value.message


def test_unknown_table_is_an_error(sample: SampleRepo) -> None:
    sample.replace("sections/terms.md", "## Duration\n", '## Duration\n\n{{ table("prices") }}\n')
    with pytest.raises(RenderError, match=r'terms.md:\d+: unknown table\("prices"\)'):
        rendered(sample)


def test_the_sandbox_refuses_code(sample: SampleRepo) -> None:
    sample.replace(
        "sections/terms.md", "## Duration\n", "## Duration\n\n{{ ''.__class__.__mro__ }}\n"
    )
    with pytest.raises(RenderError, match="unsafe|__class__"):
        rendered(sample)


def test_heading_ids_survive_jinja(sample: SampleRepo) -> None:
    sample.replace("sections/terms.md", "## Duration\n", "## Duration {#term-length}\n")
    sample.replace("sections/introduction.md", 'ref("terms#duration")', 'ref("terms#term-length")')
    agreement, _ = load_agreement(sample.root)
    assert agreement is not None
    sections = numbered_sections(agreement)
    terms = next(s for s in sections if s.section.id == "terms")
    text = render_section(agreement, terms, SITE, sections)
    assert "## 8.1 Duration {#term-length}" in text
    assert "[clause 8.1](terms.md#term-length)" in rendered(sample, SITE)["introduction"]
