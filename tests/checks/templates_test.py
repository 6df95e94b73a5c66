"""AK308: a section whose template cannot render is a finding at its line, before any build."""

from __future__ import annotations

from conftest import SampleRepo, only

SERVICE_LEVELS = "sections/service-levels.md"


def test_sample_templates_render(sample: SampleRepo) -> None:
    assert only(sample.check().findings, "AK308") == []


def test_misspelt_variable_is_308_at_its_line(sample: SampleRepo) -> None:
    sample.replace(
        SERVICE_LEVELS, "{{ data.availability.target }}", "{{ data.availabilty.target }}"
    )
    found = only(sample.check().findings, "AK308")
    assert [(f.location.file, f.location.line) for f in found] == [
        (f"agreement/{SERVICE_LEVELS}", sample.line_of(SERVICE_LEVELS, "data.availabilty.target"))
    ]
    assert "availabilty" in found[0].message


def test_unknown_table_is_308(sample: SampleRepo) -> None:
    sample.replace(SERVICE_LEVELS, '{{ table("kpis") }}', '{{ table("kpi") }}')
    found = only(sample.check().findings, "AK308")
    assert [f.location.line for f in found] == [sample.line_of(SERVICE_LEVELS, 'table("kpi")')]


def test_unclosed_expression_is_308(sample: SampleRepo) -> None:
    sample.replace(SERVICE_LEVELS, "{{ data.reporting.frequency }}", "{{ data.reporting.frequency")
    assert len(only(sample.check().findings, "AK308")) == 1


def test_broken_reference_is_304_only(sample: SampleRepo) -> None:
    sample.replace(SERVICE_LEVELS, 'ref("legal#termination")', 'ref("legal#ending")')
    found = sample.check().findings
    assert [f.code for f in found] == ["AK304"]
