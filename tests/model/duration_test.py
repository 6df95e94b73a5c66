"""Durations are read exactly as written, or not at all."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from agreekit.model.duration import BEST_EFFORT, MINUTES_PER_UNIT, Duration, parse_duration


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


UNITS = sorted(MINUTES_PER_UNIT)
AMOUNTS = st.floats(min_value=0, max_value=1e300, allow_nan=False, allow_infinity=False)


@st.composite
def durations(draw: st.DrawFn) -> Duration:
    unit = draw(st.sampled_from(UNITS))
    business = unit in ("hour", "day") and draw(st.booleans())
    return Duration(draw(AMOUNTS), unit, business)


@settings(max_examples=300)
@given(st.one_of(durations(), st.just(BEST_EFFORT)))
@example(Duration(1234567.0, "minute"))  # `:g` printed 1.23457e+06: another, unreadable value
@example(Duration(0.1 + 0.2, "hour"))  # `:g` printed 0.3: a different value
def test_a_duration_prints_back_to_the_same_value(duration: Duration) -> None:
    assert parse_duration(str(duration)) == duration


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789. bdhmswnoyeakrigtfBDH-١٥")), max_size=30))
@example("9" * 400 + " minutes")  # was an infinite duration, printed as `inf minutes`
def test_a_parsed_text_prints_back_to_what_it_parsed_to(text: str) -> None:
    duration = parse_duration(text)
    if duration is not None:
        assert parse_duration(str(duration)) == duration
        assert duration.minutes() >= 0


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("3 hours 36 minutes", 216),
        ("3 hours, 36 minutes", 216),
        ("1 day 4 hours", 28 * 60),
        ("1 day and 4 hours", 28 * 60),
        ("1h30m", 90),
        ("PT4H", 240),
        ("PT30M", 30),
        ("P1DT2H", 26 * 60),
        ("P2W", 14 * 1440),
        ("pt1h30m", 90),
        ("1 business day 4 business hours", 600 + 240),
        ("60 business days", 60 * 600),
        ("10 working days", 10 * 600),
    ],
)
def test_compound_and_iso_durations(text: str, minutes: float) -> None:
    duration = parse_duration(text)
    assert duration is not None
    assert duration.minutes(business_day_minutes=600) == minutes
    assert parse_duration(str(duration)) == duration


@pytest.mark.parametrize(
    "text",
    [
        "36 minutes 3 hours",
        "3 hours 2 hours",
        "P",
        "PT",
        "P1H",
        "4 hours maybe",
        "2 business weeks",
    ],
)
def test_compound_durations_name_each_unit_once_largest_first(text: str) -> None:
    assert parse_duration(text) is None


def test_best_effort_within_a_limit_lasts_as_long_as_the_limit() -> None:
    bounded = parse_duration("best effort within 8 hrs")
    assert bounded is not None and bounded.best_effort and bounded.bounded
    assert bounded.minutes() == 480 and str(bounded) == "best effort within 8 hours"
    assert parse_duration("Best effort, within 2 business days").minutes(600) == 1200
    assert not BEST_EFFORT.bounded and BEST_EFFORT.minutes() == float("inf")
    assert parse_duration("best effort within soon") is None
    assert parse_duration("best effort within best effort") is None
