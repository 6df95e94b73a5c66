"""Durations are read exactly as written, or not at all."""

from __future__ import annotations

import pytest

from agreekit.model.duration import BEST_EFFORT, Duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected", "minutes"),
    [
        ("15m", Duration(15, "minute"), 15),
        ("30m", Duration(30, "minute"), 30),
        ("4h", Duration(4, "hour"), 240),
        ("8 business hours", Duration(8, "hour", True), 480),
        ("1 business day", Duration(1, "day", True), 600),
        ("2 business days", Duration(2, "day", True), 1200),
        ("90 days", Duration(90, "day"), 90 * 1440),
        ("12 months", Duration(12, "month"), 12 * 30 * 1440),
        ("best effort", BEST_EFFORT, float("inf")),
    ],
)
def test_parses_the_forms_agreements_use(text: str, expected: Duration, minutes: float) -> None:
    duration = parse_duration(text)
    assert duration == expected
    assert duration.minutes(business_day_minutes=600) == minutes


@pytest.mark.parametrize(
    "text", ["ASAP", "", "4 parsecs", "2 business months", "-5m", "soon-ish", True]
)
def test_anything_else_is_not_a_duration(text: object) -> None:
    assert parse_duration(text) is None


def test_text_round_trips() -> None:
    assert str(parse_duration("2 business days")) == "2 business days"
    assert str(parse_duration("1h")) == "1 hour"
