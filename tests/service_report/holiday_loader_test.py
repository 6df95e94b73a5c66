"""The report's fast holiday loader gives exactly what `holidays.country_holidays` gives."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Run in a fresh interpreter: the fast path applies only while `holidays` is not imported yet.
PROGRAM = """
import sys
from agreekit.model.holiday_tables import country_table as public_holidays
fast = {{year: dict(public_holidays({country!r}, {subdivision!r}, year)) for year in (2026, 2027)}}
assert "holidays.countries" not in sys.modules, "the fast path imported every country"
import holidays
slow = {{
    year: dict(holidays.country_holidays({country!r}, subdiv={subdivision!r} or None, years=year))
    for year in (2026, 2027)
}}
assert fast == slow, (fast, slow)
assert all(fast.values())
print("same")
"""


@pytest.mark.parametrize(
    ("country", "subdivision"),
    [("GB", "ENG"), ("GB", "SCT"), ("NL", ""), ("DE", "BY"), ("US", "CA"), ("GBR", ""), ("UK", "")],
)
def test_the_fast_loader_agrees_with_the_holidays_package(country: str, subdivision: str) -> None:
    program = PROGRAM.format(country=country, subdivision=subdivision)
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "same"


def test_with_holidays_already_imported_the_package_answers() -> None:
    import holidays

    from agreekit.model.holiday_tables import country_table as public_holidays

    assert dict(public_holidays("GB", "ENG", 2027)) == dict(
        holidays.country_holidays("GB", subdiv="ENG", years=2027)
    )
