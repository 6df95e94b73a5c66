"""2xx service levels: each defect planted in the clean sample gives one finding at its line."""

from __future__ import annotations

import pytest

from checks.planted import Defect, assert_planted
from conftest import SampleRepo, only

SL = "sections/service-levels.md"

DEFECTS = [
    Defect("AK201", SL, "response: 15m", "response: 5h", "response: 5h"),
    Defect("AK201", SL, "resolution: 4h", "resolution: ASAP", "resolution: ASAP"),
    Defect("AK201", SL, "response: 30m", "response: best effort", "response: best effort"),
    Defect(
        "AK202",
        SL,
        "resolution: 5 business days",
        "resolution: 2 business days",
        "resolution: 2 business days",
    ),
    Defect("AK202", SL, "response: 4 business hours", "response: 20m", "response: 20m"),
    Defect(
        "AK203",
        SL,
        "    clock: business\n  - id: P3",
        "    clock: office\n  - id: P3",
        "clock: office",
    ),
    Defect(
        "AK203",
        SL,
        "timezone: Europe/London",
        "timezone: Europe/Bristol",
        "timezone: Europe/Bristol",
    ),
    Defect("AK203", SL, 'end: "18:00"', 'end: "07:00"', 'end: "07:00"'),
    Defect("AK204", SL, "target: 99.5", "target: 100", "target: 100"),
    Defect("AK204", SL, "    notice: 5 business days\n", "", "  maintenance:"),
    Defect("AK205", SL, "allowed_downtime: 216m", "allowed_downtime: 4h", "allowed_downtime: 4h"),
    Defect("AK206", SL, "      to: 99.5\n", "      to: 99.4\n", "to: 99.4"),
    Defect(
        "AK206",
        SL,
        "    - from: 98.0\n      to: 99.0",
        "    - from: 98.0\n      to: 99.2",
        "to: 99.2",
    ),
    Defect(
        "AK206",
        SL,
        "      to: 98.0\n      credit: 20",
        "      to: 98.0\n      credit: 8",
        "credit: 8",
    ),
    Defect("AK206", SL, "  cap: 30\n", "", "service_credits:"),
    Defect("AK206", SL, "  claim_window: 30 days\n", "", "service_credits:"),
    Defect(
        "AK207",
        SL,
        "    measure: Post-resolution survey sent on every closed ticket\n",
        "",
        "  - id: customer-satisfaction",
    ),
    Defect("AK207", SL, "frequency: monthly", "frequency: now and then", "frequency: now and then"),
    Defect(
        "AK207",
        SL,
        "recipients: [daniel-reeve, priya-shah",
        "recipients: [daniel-reeve, the-board",
        "recipients:",
    ),
    Defect(
        "AK207",
        SL,
        "{type: share-within-target, of: response, value: 95}",
        "{type: share-within-target, of: satisfaction, value: 95}",
        "of: satisfaction",
    ),
    Defect(
        "AK207",
        SL,
        "{type: share-within-target, of: resolution, value: 90}",
        "{type: share-within-target, of: resolution, value: 190}",
        "value: 190",
    ),
    Defect(
        "AK207",
        SL,
        "{type: count}",
        "{type: count-at-most, value: 10, priorities: [P9]}",
        "priorities: [P9]",
    ),
    Defect(
        "AK207",
        SL,
        "{type: count}",
        "{type: count-at-most, value: 2.5, priorities: [P1]}",
        "value: 2.5",
    ),
    Defect("AK207", SL, "{type: count}", "{type: count, value: 10}", "{type: count, value: 10}"),
    Defect("AK207", SL, "{type: count}", "{type: count-at-most}", "{type: count-at-most}"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: f"{d.code}-{d.new[:24]}")
def test_planted_defect_is_found_at_its_line(sample: SampleRepo, defect: Defect) -> None:
    assert_planted(sample, defect)


def test_ties_between_priorities_are_allowed(sample: SampleRepo) -> None:
    sample.replace(SL, "resolution: 5 business days", "resolution: 3 business days")
    assert only(sample.check().findings, "AK202") == []


def test_best_effort_resolution_is_allowed(sample: SampleRepo) -> None:
    sample.replace(SL, "resolution: 5 business days", "resolution: best effort")
    assert sample.check().findings == []


def test_business_target_without_calendar_is_203(sample: SampleRepo) -> None:
    text = sample.read(SL)
    start, end = text.index("service_hours:"), text.index("\npriorities:") + 1
    sample.write(SL, text[:start] + text[end:])
    found = only(sample.check().findings, "AK203")
    assert [f.location.line for f in found] == [
        sample.line_of(SL, "response: 30m"),
        sample.line_of(SL, "resolution: 8 business hours"),
        sample.line_of(SL, "response: 4 business hours"),
        sample.line_of(SL, "resolution: 3 business days"),
        sample.line_of(SL, "response: 1 business day"),
        sample.line_of(SL, "resolution: 5 business days"),
    ]


# Service levels as real SLAs write them, planted in the sample: each one finding at its line.
REAL_SLA_DEFECTS = [
    Defect("AK203", SL, "    clock: business\n  - id: P3", "\n  - id: P3", "  - id: P2"),
    Defect(
        "AK203",
        SL,
        "      channel: telephone 0117 496 0800, routed to the on-call engineer\n",
        "      channel: telephone 0117 496 0800\n      contact: the-night-desk\n",
        "contact: the-night-desk",
    ),
    Defect("AK203", SL, "    - priorities: [P1]", "    - priorities: [P2]", "clock: 24x7"),
    Defect("AK203", SL, "country: GB", "country: UK", "country: UK"),
    Defect("AK203", SL, "subdivision: ENG", "subdivision: England", "subdivision: England"),
    Defect("AK204", SL, "  target: 99.5\n", "  target: 99.5\n  minimum: 99.7\n", "minimum: 99.7"),
    Defect("AK206", SL, "  cap: 30", "  cap: 130", "cap: 130"),
    Defect("AK206", SL, "    - from: 0\n", "    - from: 90\n", "- from: 90"),
    Defect("AK206", SL, "credit: 30\n", "credit: 130\n", "credit: 130"),
    Defect(
        "AK206",
        SL,
        "  cap: 30\n",
        "  response:\n    - priority: P1\n      after: 10m\n      credit: 5\n  cap: 30\n",
        "after: 10m",
    ),
    Defect(
        "AK206",
        SL,
        "  cap: 30\n",
        "  response:\n    - priority: P1\n      after: 45m\n      credit: 5\n  cap: 30\n",
        "after: 45m",
    ),
    Defect(
        "AK206",
        SL,
        "  cap: 30\n",
        "  resolution:\n    - priority: P9\n      after: 4h\n      credit: 5\n  cap: 30\n",
        "priority: P9",
    ),
    Defect("AK206", SL, "  cap: 30\n", "  cap: 30\n  fees: [hosting]\n", "fees: [hosting]"),
]


@pytest.mark.parametrize("defect", REAL_SLA_DEFECTS, ids=lambda d: f"{d.code}-{d.new[:30]}")
def test_real_sla_defect_is_found_at_its_line(sample: SampleRepo, defect: Defect) -> None:
    assert_planted(sample, defect)


EX = "sections/service-levels.md"

# The same families planted in the example: services, minimum availability, response credits.
EXAMPLE_DEFECTS = [
    Defect("AK203", EX, "    clock: 24x7\n", "", "  - id: Sev1"),
    Defect("AK201", EX, "    updates: 30m", "    updates: often", "updates: often"),
    Defect("AK201", EX, "    updates: 30m", "    updates: 5h", "updates: 5h"),
    Defect("AK203", EX, "    country: NL", "    country: Holland", "country: Holland"),
    Defect("AK204", EX, "      minimum: 99.5", "      minimum: 99.95", "minimum: 99.95"),
    Defect("AK204", EX, "      target: 99.5\n", "      target: 100\n", "target: 100"),
    Defect(
        "AK205",
        EX,
        "allowed_downtime: 3 hours 36 minutes",
        "allowed_downtime: 4 hours",
        "allowed_downtime: 4 hours",
    ),
    Defect(
        "AK206",
        EX,
        "          to: 99.5\n          credit: 5\n        - from: 98.0",
        "          to: 99.9\n          credit: 5\n        - from: 98.0",
        "to: 99.9",
    ),
    Defect("AK206", EX, "      cap: 15", "      cap: 150", "cap: 150"),
    Defect(
        "AK206",
        EX,
        "        - from: 0\n          to: 97.0",
        "        - from: 50\n          to: 97.0",
        "- from: 50",
    ),
    Defect(
        "AK206",
        EX,
        "      after: 15m\n      credit: 2",
        "      after: 30m\n      credit: 2",
        "after: 30m",
    ),
    Defect(
        "AK206",
        EX,
        "      after: 1h\n      credit: 5",
        "      after: 1h\n      credit: 1.5",
        "credit: 1.5",
    ),
    Defect(
        "AK206",
        EX,
        "      fees: [site-network]",
        "      fees: [site-netwerk]",
        "fees: [site-netwerk]",
    ),
    Defect(
        "AK206",
        EX,
        "  cap: 10\n  fees: [service-desk]",
        "  cap: 90\n  fees: [transport-platform]",
        "cap: 20",  # the schedule that takes the caps on these fees past 100%
    ),
]


@pytest.mark.parametrize("defect", EXAMPLE_DEFECTS, ids=lambda d: f"{d.code}-{d.new[:30]}")
def test_example_defect_is_found_at_its_line(example: SampleRepo, defect: Defect) -> None:
    assert_planted(example, defect)


def test_best_effort_response_is_stated_not_left_out(sample: SampleRepo) -> None:
    sample.replace(SL, "response: 1 business day", "response: best effort")
    sample.replace(SL, "resolution: 5 business days", "resolution: best effort")
    assert sample.check().findings == []
    sample.replace(SL, "    response: best effort\n", "")
    found = only(sample.check().findings, "AK104")
    assert [f.location.line for f in found] == [sample.line_of(SL, "  - id: P4")]


def test_durations_as_people_write_them(sample: SampleRepo) -> None:
    sample.replace(SL, "allowed_downtime: 216m", "allowed_downtime: 3 hours 36 minutes")
    sample.replace(SL, "resolution: 4h", "resolution: PT4H")
    sample.replace(SL, 'end: "18:00"', 'end: "24:00"')
    sample.replace("agreement.yml", "notice: 90 days", "notice: 60 business days")
    assert sample.check().findings == []


def test_a_24x7_calendar_needs_no_out_of_hours_route(sample: SampleRepo) -> None:
    sample.replace(
        SL, "days: [mon, tue, wed, thu, fri]", "days: [mon, tue, wed, thu, fri, sat, sun]"
    )
    sample.replace(SL, 'start: "08:00"', 'start: "00:00"')
    sample.replace(SL, 'end: "18:00"', 'end: "24:00"')
    text = sample.read(SL)
    start, end = text.index("  out_of_hours:"), text.index("\npriorities:") + 1
    sample.write(SL, text[:start] + text[end:])
    assert only(sample.check().findings, "AK203") == []


def test_availability_tiers_need_an_availability_to_start_from(example: SampleRepo) -> None:
    example.replace(
        EX,
        "service_credits:\n  response:",
        "service_credits:\n  tiers:\n    - {from: 0, to: 99.0, credit: 5}\n  response:",
    )
    found = only(example.check().findings, "AK206")
    assert [(f.location.line, f.message) for f in found] == [
        (
            example.line_of(EX, "  tiers:", start=example.line_of(EX, "cap: 15")),
            "availability credit tiers but no availability target to start from; add "
            "availability (or move the tiers to the service whose availability they credit)",
        )
    ]


# A published managed-services SLA (ektasi.io, "Managed Services SLA", effective 5 September 2025):
# P1-P4, a 99.9% monthly uptime target, credits of 5/10/15% of the monthly managed fee, claims
# within 30 days, 48 hours' maintenance notice. Its P1 resolution, "best effort within 8 hrs", is
# read with its limit; "as prioritized" and "as scheduled" are written as best effort.
MSP_PRIORITIES = """priorities:
  - {id: P1, name: Critical, response: 15 min, resolution: best effort within 8 hrs, clock: 24x7}
  - {id: P2, name: High, response: 2 hrs, resolution: 3 business days, clock: business}
  - {id: P3, name: Medium, response: 1 business day, resolution: best effort, clock: business}
  - {id: P4, name: Low, response: 2 business days, resolution: best effort, clock: business}
"""
MSP_LEVELS = """availability:
  target: 99.9
  window: calendar month
  formula: "(minutes in the month - minutes of downtime) / minutes in the month x 100"
  allowed_downtime: 43m
  exclusions: [Scheduled maintenance with at least 48 hours' notice, Force majeure]
  maintenance: {window: "announced in advance", notice: 48 hours}
service_credits:
  tiers:
    - {from: 99.5, to: 99.9, credit: 5}
    - {from: 99.0, to: 99.5, credit: 10}
    - {from: 0, to: 99.0, credit: 15}
  cap: 15
  fees: [service-management]
  claim_window: 30 days
"""


def test_a_published_msp_sla_ports(sample: SampleRepo) -> None:
    text = sample.read(SL)
    start, end = text.index("\npriorities:\n") + 1, text.index("\nkpis:\n") + 1
    sample.write(SL, text[:start] + MSP_PRIORITIES + MSP_LEVELS + text[end:])
    assert [(f.code, f.message) for f in sample.check().findings] == []
    # its 5% band starts at the target; a typo that starts it at 99.95% is caught at its line
    sample.replace(SL, "{from: 99.5, to: 99.9, credit: 5}", "{from: 99.5, to: 99.95, credit: 5}")
    found = only(sample.check().findings, "AK206")
    assert [f.location.line for f in found] == [sample.line_of(SL, "to: 99.95")]


def test_a_zero_cap_pays_nothing(sample: SampleRepo) -> None:
    sample.replace(SL, "  cap: 30", "  cap: 0")
    found = only(sample.check().findings, "AK206")
    assert [(f.location.line, f.message) for f in found] == [
        (
            sample.line_of(SL, "cap: 0"),
            "cap 0% lets no credit be paid; raise it to the largest credit",
        )
    ]


def test_free_text_kpi_target_migrates_with_a_clear_ak104(sample: SampleRepo) -> None:
    """An agreement written before targets were typed loads no further, and says what to write."""
    sample.replace(
        SL,
        "    target: {type: share-within-target, of: response, value: 95}\n",
        '    target: "95% of tickets responded to within the priority\'s response target"\n',
    )
    found = only(sample.check().findings, "AK104")
    assert len(found) == 1
    assert found[0].location.line == sample.line_of(SL, 'target: "95% of tickets')
    message = found[0].message
    assert "move the text" in message and "'description'" in message
    assert "{type: share-within-target, of: response, value: 95}" in message


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        (
            "Average of at least 4.2 out of 5",
            "{type: average-at-least, of: satisfaction, value: 4.2}",
        ),
        (
            "90% of tickets resolved in time",
            "{type: share-within-target, of: resolution, value: 90}",
        ),
        ("Uptime at least 99.9%", "{type: availability-at-least, value: 99.9}"),
        ("No more than 12 incidents", "{type: count-at-most, value: 12}"),
    ],
)
def test_migration_suggests_the_typed_target(text: str, suggested: str) -> None:
    from agreekit.model.kpi_target import suggested_target

    assert suggested_target(text) == suggested
