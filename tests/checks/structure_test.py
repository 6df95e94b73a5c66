"""1xx: each check fails on a minimal defect planted in a copy of the sample, at the right line."""

from __future__ import annotations

from agreekit.finding import Location
from conftest import SampleRepo, only


def test_sample_agreement_is_clean(sample: SampleRepo) -> None:
    result = sample.check()
    assert result.loaded
    assert result.findings == []


def test_removed_required_section_is_101(sample: SampleRepo) -> None:
    sample.path("sections/escalation.md").unlink()
    sample.replace("agreement.yml", "  - escalation\n", "")
    found = only(sample.check().findings, "AK101")
    assert len(found) == 1
    assert "escalation" in found[0].message
    assert found[0].location == Location(
        "agreement/agreement.yml", sample.line_of("agreement.yml", "sections:"), 1
    )


def test_listed_section_without_file_is_101_at_its_entry(sample: SampleRepo) -> None:
    sample.path("sections/constraints.md").unlink()
    found = only(sample.check().findings, "AK101")
    line = sample.line_of("agreement.yml", "  - constraints")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/agreement.yml", line)
    ]


def test_removed_kpi_is_102_at_the_kpi_list(sample: SampleRepo) -> None:
    text = sample.read("sections/service-levels.md")
    start = text.index("  - id: uptime")
    end = text.index("reporting:")
    sample.write("sections/service-levels.md", text[:start] + text[end:])
    found = only(sample.check().findings, "AK102")
    assert [f.message for f in found] == ["no KPI 'uptime'; add a KPI with id: uptime"]
    assert found[0].location.file == "agreement/sections/service-levels.md"
    assert found[0].location.line == sample.line_of("sections/service-levels.md", "kpis:")


def test_no_executive_is_102_at_stakeholders(sample: SampleRepo) -> None:
    text = sample.read("agreement.yml").replace("kind: executive", "kind: other")
    sample.write("agreement.yml", text)
    found = only(sample.check().findings, "AK102")
    assert len(found) == 1
    assert "executive" in found[0].message
    assert found[0].location.line == sample.line_of("agreement.yml", "stakeholders:")


def test_missing_heading_is_102_in_its_section(sample: SampleRepo) -> None:
    sample.replace("sections/service-needs.md", "## Hardware", "## Computers")
    found = only(sample.check().findings, "AK102")
    assert len(found) == 1
    assert "'Hardware'" in found[0].message
    assert found[0].location.file == "agreement/sections/service-needs.md"


def test_missing_data_field_is_102_at_its_parent(sample: SampleRepo) -> None:
    sample.replace("sections/service-levels.md", "  frequency: monthly\n", "")
    found = only(sample.check().findings, "AK102")
    assert [f.message for f in found] == [
        "section 'service-levels' lacks the required field 'reporting.frequency'; add it"
    ]
    assert found[0].location.line == sample.line_of("sections/service-levels.md", "reporting:")


def test_missing_department_is_102(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml", "  - id: hr\n    name: HR department\n    head: helen-mcbride\n", ""
    )
    found = only(sample.check().findings, "AK102")
    assert [f.message for f in found] == ["no department 'hr'; add a department with id: hr"]


def test_sections_out_of_order_is_103(sample: SampleRepo) -> None:
    sample.replace(
        "agreement.yml",
        "  - introduction\n  - definitions\n",
        "  - definitions\n  - introduction\n",
    )
    found = only(sample.check().findings, "AK103")
    assert len(found) == 1
    assert found[0].location.line == sample.line_of("agreement.yml", "  - definitions")


def test_date_will_be_set_here_is_105_at_its_line_and_column(sample: SampleRepo) -> None:
    sample.replace(
        "sections/introduction.md", "## Term\n", "## Term\n\nSigning: Date will be set here.\n"
    )
    found = only(sample.check().findings, "AK105")
    line = sample.line_of("sections/introduction.md", "Date will be set here")
    assert found[0].location == Location("agreement/sections/introduction.md", line, 10)
    assert len(found) == 1


def test_tbd_in_data_is_105_at_the_value(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", 'registration: "Company No. 09876543"', "registration: TBD")
    found = only(sample.check().findings, "AK105")
    assert [(f.location.line, f.message) for f in found] == [
        (
            sample.line_of("agreement.yml", "registration: TBD"),
            "placeholder 'TBD' left in the agreement; write the real value",
        )
    ]


def test_empty_required_value_is_105(sample: SampleRepo) -> None:
    sample.replace("sections/service-levels.md", "  frequency: monthly", '  frequency: ""')
    found = only(sample.check().findings, "AK105")
    assert len(found) == 1
    assert found[0].location.line == sample.line_of("sections/service-levels.md", "  frequency:")


def test_unlisted_section_is_106(sample: SampleRepo) -> None:
    sample.write("sections/warranty.md", "---\nid: warranty\ntitle: Warranty\n---\n\n## Warranty\n")
    found = only(sample.check().findings, "AK106")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/sections/warranty.md", 2)
    ]


def test_duplicate_section_id_is_107(sample: SampleRepo) -> None:
    sample.write("sections/zz-copy.md", sample.read("sections/constraints.md"))
    found = only(sample.check().findings, "AK107")
    assert [(f.location.file, f.location.line) for f in found] == [
        ("agreement/sections/zz-copy.md", 2)
    ]


def test_duplicate_stakeholder_id_is_107(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", "  - id: liam-carter", "  - id: sofia-marin")
    found = only(sample.check().findings, "AK107")
    assert len(found) == 1
    second = sample.line_of(
        "agreement.yml",
        "  - id: sofia-marin",
        sample.line_of("agreement.yml", "  - id: sofia-marin") + 1,
    )
    assert found[0].location.line == second


def test_profile_extension_adds_required_headings(sample: SampleRepo) -> None:
    text = (
        sample.read("agreement.yml")
        + "\nprofile:\n  sections:\n    - id: legal\n      headings: [Anti-bribery]\n"
    )
    sample.write("agreement.yml", text)
    found = only(sample.check().findings, "AK102")
    assert [f.message for f in found] == [
        "section 'legal' lacks the heading 'Anti-bribery'; add '## Anti-bribery'"
    ]
