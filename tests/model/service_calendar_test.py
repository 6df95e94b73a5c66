"""Business time runs in service hours on business days, skipping public holidays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from agreekit.model.duration import parse_duration
from agreekit.model.section_data import Holidays, ServiceHours
from agreekit.model.service_calendar import (
    BusinessCalendar,
    business_day_minutes,
    calendar_problems,
)

LONDON = ZoneInfo("Europe/London")
HOURS = ServiceHours(
    timezone="Europe/London",
    days=["mon", "tue", "wed", "thu", "fri"],
    start="08:00",
    end="18:00",
    holidays=Holidays(country="GB", subdivision="ENG"),
)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def test_business_day_is_the_service_day() -> None:
    assert business_day_minutes(HOURS) == 600
    assert calendar_problems(HOURS) == []


def test_business_hours_carry_over_the_weekend() -> None:
    calendar = BusinessCalendar(HOURS)
    due = calendar.add(at(2027, 3, 5, 17, 0), parse_duration("4 business hours"))  # a Friday
    assert due == at(2027, 3, 8, 11, 0)


def test_public_holidays_are_skipped() -> None:
    calendar = BusinessCalendar(HOURS)
    # 24 Dec 2027 is a Friday; 27 and 28 Dec are the bank holidays for Christmas and Boxing Day
    due = calendar.add(at(2027, 12, 24, 9, 0), parse_duration("2 business days"))
    assert due == at(2027, 12, 30, 9, 0)


def test_calendar_durations_ignore_service_hours() -> None:
    calendar = BusinessCalendar(HOURS)
    assert calendar.add(at(2027, 3, 5, 17, 0), parse_duration("4h")) == at(2027, 3, 5, 21, 0)


def test_unusable_calendar_is_described() -> None:
    bad = ServiceHours(timezone="Mars/Olympus", days=["mon", "funday"], start="18:00", end="08:00")
    assert [field for field, _ in calendar_problems(bad)] == ["timezone", "days", "end"]
