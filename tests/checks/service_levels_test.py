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
