"""A repository's profile replaces or removes what the built-in one requires: any priority scheme,
the KPIs, departments, stakeholder kinds, sections and headings an agreement really has."""

from __future__ import annotations

import pytest

from agreekit.model.profile import builtin_profile
from conftest import SampleRepo, only

SL = "sections/service-levels.md"
P4 = """  - id: P4
    name: Low
    description: A service request, a question or a cosmetic fault.
    response: 1 business day
    resolution: 5 business days
    clock: business
"""


def add_profile(repo: SampleRepo, text: str) -> None:
    repo.write("agreement.yml", repo.read("agreement.yml") + "\nprofile:\n" + text)


def ak102(repo: SampleRepo) -> list[tuple[str, int, str]]:
    return [
        (f.location.file, f.location.line, f.message) for f in only(repo.check().findings, "AK102")
    ]


def test_the_built_in_profile_is_the_seeds() -> None:
    profile = builtin_profile()
    assert [p.id for p in profile.priorities] == ["P1", "P2", "P3", "P4"]
    assert "customer-satisfaction" in profile.kpis
    assert profile.departments == ("it", "finance", "hr", "operations")


def test_a_p1_p3_scheme_without_a_profile_misses_p4(sample: SampleRepo) -> None:
    sample.replace(SL, P4, "")
    assert ak102(sample) == [
        (
            "agreement/sections/service-levels.md",
            sample.line_of(SL, "  - id: P1") - 1,
            "no priority 'P4'; add a priority with id: P4",
        )
    ]


def test_a_p1_p3_scheme_is_described_by_the_profile(sample: SampleRepo) -> None:
    sample.replace(SL, P4, "")
    add_profile(sample, "  priorities: [P1, P2, P3]\n")
    assert sample.check().findings == []


def test_a_sev1_sev5_scheme(sample: SampleRepo) -> None:
    text = sample.read(SL)
    for number in range(1, 5):
        text = text.replace(f"id: P{number}\n", f"id: Sev{number}\n")
    sev5 = P4.replace("P4", "Sev5").replace("Low", "Planning")
    sev5 = sev5.replace("5 business days", "best effort").replace(
        "1 business day", "2 business days"
    )
    text = text.replace(P4.replace("P4", "Sev4"), P4.replace("P4", "Sev4") + sev5)
    text = text.replace("priorities: [P1]", "priorities: [Sev1]")
    sample.write(SL, text)
    escalation = sample.read("sections/escalation.md")
    for number in range(1, 4):
        escalation = escalation.replace(f"priority: P{number}\n", f"priority: Sev{number}\n")
    sample.write("sections/escalation.md", escalation)
    add_profile(sample, "  priorities: [Sev1, Sev2, Sev3, Sev4, Sev5]\n")
    assert sample.check().findings == []


def test_named_levels_must_carry_the_profiles_names(sample: SampleRepo) -> None:
    add_profile(
        sample,
        "  priorities:\n"
        "    - {id: P1, name: Critical}\n"
        "    - {id: P2, name: Urgent}\n"
        "    - {id: P3, name: Medium}\n"
        "    - {id: P4, name: Low}\n",
    )
    assert ak102(sample) == [
        (
            "agreement/sections/service-levels.md",
            sample.line_of(SL, "name: High"),
            "priority 'P2' is named 'High' but the profile calls it 'Urgent'; rename one",
        )
    ]


def test_a_stated_scheme_is_exact_and_in_order(sample: SampleRepo) -> None:
    add_profile(sample, "  priorities: [P1, P2, P4, P3]\n")
    found = ak102(sample)
    assert [line for _, line, _ in found] == [sample.line_of(SL, "  - id: P3")]
    assert "not in the profile's order (P1, P2, P4, P3)" in found[0][2]
    sample.write("agreement.yml", sample.read("agreement.yml").replace("P4, P3]", "P3]"))
    assert ak102(sample) == [
        (
            "agreement/sections/service-levels.md",
            sample.line_of(SL, "  - id: P4"),
            "priority 'P4' is not in the profile's scheme (P1, P2, P3); remove it or add it to "
            "profile.priorities",
        )
    ]


def test_removing_the_csat_kpi(sample: SampleRepo) -> None:
    text = sample.read(SL)
    start = text.index("  - id: customer-satisfaction")
    end = text.index("  - id: incidents-reported")
    sample.write(SL, text[:start] + text[end:])
    sample.replace(
        SL,
        "Customer satisfaction is measured by a short survey sent when each ticket is closed, and the\n"
        "Provider must follow up every response that scores 2 or less.\n",
        "",
    )
    assert [m for _, _, m in ak102(sample)] == [
        "no KPI 'customer-satisfaction'; add a KPI with id: customer-satisfaction"
    ]
    add_profile(sample, "  remove:\n    kpis: [customer-satisfaction]\n")
    assert ak102(sample) == []


def test_departments_replaced(sample: SampleRepo) -> None:
    add_profile(sample, "  departments: [it, finance, operations, facilities]\n")
    assert ak102(sample) == [
        (
            "agreement/agreement.yml",
            sample.line_of("agreement.yml", "departments:"),
            "no department 'facilities'; add a department with id: facilities",
        )
    ]


def test_a_section_replaces_its_headings(sample: SampleRepo) -> None:
    add_profile(
        sample,
        "  sections:\n"
        "    - id: constraints\n"
        "      replace: true\n"
        "      headings: [Budget, Dependencies]\n",
    )
    assert ak102(sample) == [
        (
            "agreement/sections/constraints.md",
            sample.line_of("sections/constraints.md", "---", start=2) + 1,
            "section 'constraints' lacks the heading 'Dependencies'; add '## Dependencies'",
        )
    ]


def test_headings_and_sections_removed(sample: SampleRepo) -> None:
    sample.replace("sections/service-needs.md", "## Specialised service requests", "## Requests")
    assert len(ak102(sample)) == 1
    add_profile(
        sample,
        "  remove:\n    headings:\n      service-needs: [Specialised service requests]\n",
    )
    assert ak102(sample) == []


def test_a_removal_of_nothing_is_a_typo(sample: SampleRepo) -> None:
    add_profile(sample, "  remove:\n    kpis: [customer-satisfation]\n")
    assert ak102(sample) == [
        (
            "agreement/agreement.yml",
            sample.line_of("agreement.yml", "  remove:"),
            "profile.remove names the KPI 'customer-satisfation', which the profile does not "
            "require; check the spelling",
        )
    ]


def test_unknown_profile_keys_are_still_refused(sample: SampleRepo) -> None:
    add_profile(sample, "  priority: [P1]\n")
    found = only(sample.check().findings, "AK104")
    assert [f.location.line for f in found] == [sample.line_of("agreement.yml", "  priority:")]
    assert "did you mean 'priorities'" in found[0].message


def test_the_example_describes_itself_with_its_profile(example: SampleRepo) -> None:
    assert example.check().findings == []
    example.replace("agreement.yml", "    - id: Sev3\n      name: Minor\n", "")
    assert ak102(example) == [
        (
            "agreement/sections/service-levels.md",
            example.line_of(SL, "  - id: Sev3"),
            "priority 'Sev3' is not in the profile's scheme (Sev1, Sev2); remove it or add it to "
            "profile.priorities",
        )
    ]


@pytest.mark.parametrize("kpi", ["uptime", "response-time"])
def test_the_example_still_needs_the_kpis_it_did_not_remove(example: SampleRepo, kpi: str) -> None:
    text = example.read(SL)
    start = text.index(f"  - id: {kpi}")
    end = min(text.find("  - id:", start + 5) % len(text), text.index("reporting:"))
    example.write(SL, text[:start] + text[end:])
    assert [m for _, _, m in ak102(example)] == [f"no KPI '{kpi}'; add a KPI with id: {kpi}"]


def replace_priorities(repo: SampleRepo, block: str) -> None:
    """Put `block` in place of the sample's priorities, and escalate only the first level."""
    text = repo.read(SL)
    start, end = text.index("\npriorities:\n") + 1, text.index("\navailability:\n") + 1
    repo.write(SL, text[:start] + block + text[end:])
    text = repo.read("sections/escalation.md")
    start, end = text.index("  - priority: P2"), text.index("---\n", 4)
    repo.write("sections/escalation.md", text[:start] + text[end:])


# Ported from published university SLAs: the University of Sussex IT Services (P1-P5 on working
# days, 09:00-17:00) and Western University of Health Sciences IT (named levels in operational
# hours). Their response and resolution targets as published; their descriptions shortened.
SUSSEX = "".join(
    f"  - {{id: P{n}, name: Priority {n}, response: {response}, resolution: {resolution}, "
    "clock: business}\n"
    for n, response, resolution in [
        (1, "15 minutes", "4 hours"),
        (2, "1 hours", "1 Day"),
        (3, "2 hours", "3 Days"),
        (4, "4 hours", "5 Days"),
        (5, "8 hours", "10 Days"),
    ]
)
WESTERN = "".join(
    f"  - {{id: {name.lower()}, name: IT - {name}, response: {response}, resolution: {resolution}, "
    "clock: business}\n"
    for name, response, resolution in [
        ("Urgent", "10 minutes", "4 hours"),
        ("Standard", "10 hours", "20 hours"),
        ("Scheduled", "10 hours", "100 hours"),
        ("Purchasing", "10 hours", "300 hours"),
        ("Project", "10 hours", "450 hours"),
    ]
)


def test_a_published_p1_p5_scheme_ports_with_its_profile(sample: SampleRepo) -> None:
    replace_priorities(sample, "priorities:\n" + SUSSEX)
    sample.replace(
        SL, "    - priorities: [P1]\n      channel:", "    - priorities: []\n      channel:"
    )
    sample.replace(SL, 'start: "08:00"', 'start: "09:00"')
    sample.replace(SL, 'end: "18:00"', 'end: "17:00"')
    assert [m for _, _, m in ak102(sample)] == []  # P1-P4 are there; P5 is extra
    add_profile(sample, "  priorities: [P1, P2, P3, P4, P5]\n")
    assert sample.check().findings == []


def test_a_published_named_level_scheme_ports_with_its_profile(sample: SampleRepo) -> None:
    replace_priorities(sample, "priorities:\n" + WESTERN)
    sample.replace(
        SL, "    - priorities: [P1]\n      channel:", "    - priorities: []\n      channel:"
    )
    sample.replace("sections/escalation.md", "priority: P1", "priority: urgent")
    assert sorted(m for _, _, m in ak102(sample)) == [
        f"no priority 'P{n}'; add a priority with id: P{n}" for n in range(1, 5)
    ]
    names = ("Urgent", "Standard", "Scheduled", "Purchasing", "Project")
    add_profile(
        sample,
        "  priorities:\n" + "".join(f"    - {{id: {n.lower()}, name: IT - {n}}}\n" for n in names),
    )
    assert sample.check().findings == []


def test_an_empty_scheme_accepts_any_priorities(sample: SampleRepo) -> None:
    sample.replace(SL, P4, "")
    add_profile(sample, "  priorities: []\n")
    assert sample.check().findings == []


def test_a_removal_from_the_repositorys_own_lists_is_not_a_typo(example: SampleRepo) -> None:
    example.replace(
        "agreement.yml",
        "    kpis: [customer-satisfaction]",
        "    kpis: [customer-satisfaction]\n    priorities: [Sev3]",
    )
    assert [m for _, _, m in ak102(example)] == [
        "priority 'Sev3' is not in the profile's scheme (Sev1, Sev2); remove it or add it to "
        "profile.priorities"
    ]


def test_a_scheme_with_a_repeated_priority_is_a_finding_not_a_crash(sample: SampleRepo) -> None:
    add_profile(sample, "  priorities: [P1, P2, P2, P3, P4]\n")
    sample.replace(SL, "  - id: P3\n", "  - id: P2\n")
    found = sample.check().findings  # a crash would raise here
    assert {f.code for f in found} >= {"AK107"}
