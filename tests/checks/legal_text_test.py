"""3xx legal text: each defect planted in the clean sample gives one finding at its line."""

from __future__ import annotations

import pytest

from agreekit.model.clauses import clause_number
from agreekit.model.loader import load_agreement
from checks.planted import Defect, assert_planted
from conftest import SampleRepo, only

DEF = "sections/definitions.md"
LEGAL = "sections/legal.md"

DEFECTS = [
    Defect(
        "AK301",
        LEGAL,
        "It must give the Customer evidence",
        "It must follow **Best Practice** and give the Customer evidence",
        "**Best Practice**",
    ),
    Defect(
        "AK301",
        LEGAL,
        "It must give the Customer evidence",
        "It must follow **Good Industry Practice** and give the Customer evidence",
        "**Good Industry",
    ),
    Defect(
        "AK302",
        DEF,
        "- **Effective Date** means",
        "- **Helpdesk** means the Service Desk.\n- **Effective Date** means",
        "**Helpdesk**",
    ),
    Defect(
        "AK303",
        DEF,
        "- **Effective Date** means",
        "- **Charges** means the fees.\n- **Effective Date** means",
        "- **Charges** means the fees.",
    ),
    Defect("AK304", LEGAL, 'ref("terms#pricing")', 'ref("terms#prices")', "terms#prices"),
    Defect("AK304", LEGAL, 'ref("service-needs#security")', 'ref("security")', 'ref("security")'),
    Defect(
        "AK304",
        LEGAL,
        "## Insurance\n",
        "## Insurance\n\nSee [the SLA](service-level.md).\n",
        "the SLA",
    ),
    Defect(
        "AK304",
        LEGAL,
        "## Insurance\n",
        "## Insurance\n\nSee [credits](service-levels.md#credit).\n",
        "See [credits]",
    ),
    Defect(
        "AK304",
        LEGAL,
        "## Insurance\n",
        "## Insurance\n\nSee [liability](#liabilty).\n",
        "#liabilty",
    ),
    Defect("AK305", LEGAL, "## Other terms", "## Insurance", "## Insurance\n"[:-1] + ""),
    Defect(
        "AK307",
        LEGAL,
        "Each party must comply with the Bribery",
        "In order to comply, each party must observe the Bribery",
        "In order to comply",
    ),
    Defect("AK307", LEGAL, "for five years after", "for five (5) years after", "five (5)"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: f"{d.code}-{d.new[:24]}")
def test_planted_defect_is_found_at_its_line(sample: SampleRepo, defect: Defect) -> None:
    if defect.code == "AK305":
        sample.replace(defect.file, defect.old, defect.new)
        found = only(sample.check().findings, "AK305")
        second = sample.line_of(LEGAL, "## Insurance", sample.line_of(LEGAL, "## Insurance") + 1)
        assert [(f.location.file, f.location.line) for f in found] == [
            (f"agreement/{LEGAL}", second)
        ]
        return
    assert_planted(sample, defect)


def test_term_used_once_is_306_at_its_definition(sample: SampleRepo) -> None:
    sample.replace(
        DEF,
        "- **Effective Date** means",
        "- **Exit Period** means the three months after this Agreement ends.\n- **Effective Date** means",
    )
    sample.replace(
        LEGAL, "For up to three months after this Agreement ends", "During the Exit Period"
    )
    found = only(sample.check().findings, "AK306")
    assert [(f.location.line, f.location.col) for f in found] == [
        (sample.line_of(DEF, "**Exit Period**"), 3)
    ]


def test_plural_and_markup_free_uses_count(sample: SampleRepo) -> None:
    # "Business Days" is a use of "Business Day"; code spans and comments are not uses
    assert only(sample.check().findings, "AK302") == []
    sample.replace(
        LEGAL, "## Insurance\n", "## Insurance\n\n`**Not a term**` <!-- **nor this** -->\n"
    )
    assert only(sample.check().findings, "AK301") == []


def test_custom_heading_ids_resolve(sample: SampleRepo) -> None:
    sample.replace(LEGAL, "## Insurance\n", "## Insurance {#cover}\n")
    sample.replace(LEGAL, "## Other terms\n", '## Other terms\n\nSee {{ ref("legal#cover") }}.\n')
    assert sample.check().findings == []


def test_clause_numbers_follow_the_section_order(sample: SampleRepo) -> None:
    agreement = load_agreement(sample.root).agreement
    assert agreement is not None
    assert clause_number(agreement, "service-levels") == "6"
    assert clause_number(agreement, "service-levels#availability") == "6.3"
    assert clause_number(agreement, "legal#processing-details") == "11.1.1"
    assert clause_number(agreement, "legal#nothing") is None
