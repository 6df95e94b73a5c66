"""Business time runs in service hours on business days, skipping public holidays."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from agreekit.model.duration import Duration, parse_duration
from agreekit.model.section_data import ServiceHours
from agreekit.model.service_calendar import (
    DAYS,
    BusinessCalendar,
    business_day_minutes,
    calendar_problems,
    country_problem,
    covers_whole_week,
    elapsed_minutes,
    subdivision_problem,
)
from agreekit.model.typed import convert

LONDON = ZoneInfo("Europe/London")


def service_hours(**data: object) -> ServiceHours:
    """Service hours as the loader reads them from front matter."""
    hours, problems = convert(ServiceHours, data)
    assert hours is not None and not problems, problems
    return hours


HOURS = service_hours(
    timezone="Europe/London",
    days=["mon", "tue", "wed", "thu", "fri"],
    start="08:00",
    end="18:00",
    holidays={"country": "GB", "subdivision": "ENG"},
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
    bad = service_hours(timezone="Mars/Olympus", days=["mon", "funday"], start="18:00", end="08:00")
    assert [field for field, _ in calendar_problems(bad)] == ["timezone", "days", "end"]


def test_24_00_ends_the_day() -> None:
    hours = service_hours(timezone="Europe/Amsterdam", days=list(DAYS), start="00:00", end="24:00")
    assert calendar_problems(hours) == []
    assert business_day_minutes(hours) == 24 * 60
    assert covers_whole_week(hours)
    start = dt.datetime(2027, 3, 5, 23, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    due = BusinessCalendar(hours).add(start, Duration(2, "hour", business=True))
    assert due == dt.datetime(2027, 3, 6, 1, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize(
    ("country", "suggestion"),
    [("UK", "GB"), ("England", "GB"), ("GBR", "GB"), ("Germany", "DE"), ("nl", "NL"), ("EL", "GR")],
)
def test_a_country_that_is_not_iso_3166_gets_the_right_code(country: str, suggestion: str) -> None:
    hours = service_hours(
        timezone="Europe/London",
        days=["mon"],
        start="09:00",
        end="17:00",
        holidays={"country": country},
    )
    assert calendar_problems(hours) == [
        ("holidays.country", f"'{country}' is not an ISO 3166 country code; use '{suggestion}'")
    ]


def test_an_unknown_country_names_the_form() -> None:
    assert country_problem("XQ") == (
        "'XQ' is not an ISO 3166 country code; use an ISO 3166-1 alpha-2 code such as GB or DE"
    )
    assert country_problem("GB") is None and country_problem("DE") is None


def test_checking_a_country_does_not_import_holidays() -> None:
    code = (
        "import sys; from agreekit.model.service_calendar import country_problem;"
        "assert country_problem('UK') and country_problem('NL') is None;"
        "print('holidays' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_business_days_last_longer_on_the_wall_clock() -> None:
    hours = service_hours(timezone="Europe/London", days=list(DAYS[:5]), start="09:00", end="17:00")
    assert elapsed_minutes(Duration(60, "day", business=True), hours) == 84 * 1440
    assert elapsed_minutes(Duration(90, "day"), hours) == 90 * 1440


def test_subdivisions_are_the_holidays_packages_without_importing_it() -> None:
    assert subdivision_problem("GB", "ENG") is None and subdivision_problem("DE", "BY") is None
    assert subdivision_problem("GB", "England") == (
        "'England' is not a holiday subdivision of GB; use 'ENG'"
    )
    assert subdivision_problem("GB", "XX") == (
        "'XX' is not a holiday subdivision of GB; use one of ENG, NIR, SCT, WLS"
    )
    assert (
        subdivision_problem("IS", "X") == "IS has no holiday subdivisions; remove subdivision 'X'"
    )


# In a fresh interpreter: one country's table without the other 249 modules, and the same dates
# and names as holidays.country_holidays gives (computed after, in the same process).
ONE_COUNTRY = """
import sys
from agreekit.model.holiday_tables import country_table
country, subdivision, year = sys.argv[1], sys.argv[2] or None, int(sys.argv[3])
ours = dict(country_table(country, subdivision, year))
alone = "holidays.countries" not in sys.modules
import holidays
theirs = dict(holidays.country_holidays(country, subdiv=subdivision, years=year))
print(alone, ours == theirs, len(ours))
"""


@pytest.mark.parametrize(
    ("country", "subdivision", "alone"),
    [
        ("GB", "ENG", True),
        ("GB", "SCT", True),
        ("GBR", "", True),  # an alpha-3 code names the same table
        ("DE", "BY", True),
        ("US", "CA", True),
        ("FR", "", True),
        ("AX", "", True),  # Åland's module imports Finland's: found under the stand-in packages too
    ],
)
def test_one_country_table_is_the_packages_without_loading_every_country(
    country: str, subdivision: str, alone: bool
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", ONE_COUNTRY, country, subdivision, "2027"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded_alone, same, count = result.stdout.split()
    assert (loaded_alone, same) == (str(alone), "True") and int(count) >= 5, result.stdout
