"""2xx escalation: each defect planted in the clean sample gives one finding at its line."""

from __future__ import annotations

import pytest

from checks.planted import Defect, assert_planted
from conftest import SampleRepo, only

ESC = "sections/escalation.md"

DEFECTS = [
    Defect("AK210", ESC, "after: 1h", "after: 20m", "after: 20m"),
    Defect("AK210", ESC, "after: 2h", "after: 45m", "after: 45m"),
    Defect("AK210", ESC, "after: 2 business days", "after: soon", "after: soon"),
    Defect("AK211", ESC, "contact: mark-ellison", "contact: mark", "contact: mark"),
    Defect("AK212", ESC, "after: 2h", "after: 5h", "after: 5h"),
    Defect("AK212", ESC, "after: 30m", "after: 10m", "after: 10m"),
    Defect("AK212", ESC, "priority: P3", "priority: P9", "priority: P9"),
]


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: f"{d.code}-{d.new[:24]}")
def test_planted_defect_is_found_at_its_line(sample: SampleRepo, defect: Defect) -> None:
    assert_planted(sample, defect)


def test_level_without_channel_is_211_at_the_level(sample: SampleRepo) -> None:
    sample.replace(ESC, "        channel: email\n  - priority: P3", "  - priority: P3")
    found = only(sample.check().findings, "AK211")
    p2 = sample.line_of(ESC, "priority: P2")
    assert [f.location.line for f in found] == [sample.line_of(ESC, "level: 3", start=p2)]
    assert "no channel" in found[0].message
