"""Time zone names: a zone is a TZif file where ZoneInfo looks, reached only by a zone-shaped name."""

import zoneinfo

import pytest

from agreekit.zones import known_zones, zone, zone_problem


@pytest.mark.parametrize(
    "name", ["Europe/London", "Etc/GMT+5", "America/Argentina/Buenos_Aires", "UTC", "EST5EDT"]
)
def test_a_zone_the_database_holds_is_one(name: str) -> None:
    assert zone_problem(name) == ""
    assert zone(name) == zoneinfo.ZoneInfo(name)


@pytest.mark.parametrize(
    "name",
    [
        "America",  # a folder of zones
        "zone.tab",  # a file of the database that is no zone
        "tzdata.zi",
        "Europe//London",
        "Europe/London/",
        "../../../../etc/passwd",
        "/etc/passwd",
        "Europe/./London",
        "Europe/London\x00",
        "Europe/Lodnon",
        "5",
        " ",
    ],
)
def test_anything_else_is_refused_with_a_suggestion(name: str) -> None:
    problem = zone_problem(name)
    assert problem.startswith(("unknown time zone", "a time zone needs"))
    with pytest.raises(ValueError):
        zone(name)


def test_every_zone_in_the_index_passes() -> None:
    """The index the suggestions come from and the file test agree on every listed zone."""
    assert known_zones(), "no zone database on this machine"
    assert [name for name in sorted(known_zones()) if zone_problem(name)] == []


def test_a_misspelling_gets_the_nearest_name() -> None:
    assert "Europe/London" in zone_problem("Europe/Lodnon")
