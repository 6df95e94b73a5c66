"""Service credits per service, when the agreement gives services their own targets and credits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agreekit.service_report.columns import DEFAULT
from agreekit.service_report.compute import compute
from agreekit.service_report.outages import Outage
from agreekit.service_report.period import parse_period
from agreekit.service_report.source import read_tickets
from agreekit.service_report.terms import PriorityTerms, ServiceSchedule, ServiceTerms, Target, Tier
from agreekit.service_report.tickets import parse_tickets

TIERS = (Tier(99.0, 99.9, 5), Tier(0, 99.0, 15))


def terms(services: tuple[ServiceSchedule, ...]) -> ServiceTerms:
    p1 = PriorityTerms(
        "P1", "Critical", "24x7", Target("15m", 900.0, False), Target("4h", 14400.0, False)
    )
    return ServiceTerms(
        None, "UTC", (p1,), 99.9, None, "", None, TIERS, 25.0, (), "monthly", services
    )


def outage(line: int, service: str, hours: float) -> Outage:
    start = dt.datetime(2027, 3, 3, tzinfo=dt.UTC)
    return Outage(line, start, start + dt.timedelta(hours=hours), False, service, None)


def run(tmp_path: Path, services: tuple[ServiceSchedule, ...], outages: list[Outage]) -> dict:  # type: ignore[type-arg]
    path = tmp_path / "t.csv"
    path.write_text("id,priority,created,first_response,resolved\n", "utf-8")
    tickets = parse_tickets(read_tickets(path, DEFAULT), DEFAULT, ["P1"])
    return compute(
        terms(services),
        parse_period("2027-03"),
        tickets,
        outages,
        [],
        sources={"tickets": "t.csv"},
        agreement={},
    )


def test_each_service_is_judged_on_its_own_schedule_and_the_credits_add_up_to_the_cap(
    tmp_path: Path,
) -> None:
    services = (
        ServiceSchedule("network", "Network", 99.9, TIERS, 25.0),
        ServiceSchedule("backup", "Backup", 98.0, (Tier(95, 98, 10), Tier(0, 95, 20)), 20.0),
        ServiceSchedule("email", "Email", 99.9, TIERS, 25.0),
    )
    # March 2027 has 44,640 minutes: 10 h down is 98.66% (network: 15%), 20 h is 97.31% (backup: 10%)
    report = run(
        tmp_path,
        services,
        [outage(2, "network", 10), outage(3, "Backup", 20), outage(4, "printers", 1)],
    )
    by_service = {s["service"]: s for s in report["availability"]["services"]}
    assert set(by_service) == {"network", "backup", "email"}
    assert (
        by_service["network"]["credit"]["percent"] == 15 and by_service["network"]["met"] is False
    )
    assert (
        by_service["backup"]["credit"]["percent"] == 10 and by_service["backup"]["target"] == 98.0
    )
    assert by_service["email"]["percent"] == 100.0 and by_service["email"]["credit"]["percent"] == 0
    assert report["service_credit"]["percent"] == 25  # 15 + 10, within the overall cap of 25
    assert report["service_credit"]["rule"] == "sum of each service's credit"
    assert [(r["line"], r["column"]) for r in report["rejected"]["listed"]] == [(4, "service")]


def test_an_outage_of_no_named_service_is_one_of_each(tmp_path: Path) -> None:
    services = (
        ServiceSchedule("network", "Network", 99.9, TIERS, 25.0),
        ServiceSchedule("email", "Email", 99.9, TIERS, 25.0),
    )
    report = run(tmp_path, services, [outage(2, "all covered services", 1)])
    assert [s["unplanned_downtime_minutes"] for s in report["availability"]["services"]] == [
        60.0,
        60.0,
    ]


def test_without_services_the_lowest_availability_sets_the_credit(tmp_path: Path) -> None:
    report = run(tmp_path, (), [outage(2, "network", 10), outage(3, "backup", 1)])
    assert (
        report["service_credit"]["percent"] == 15
        and report["service_credit"]["rule"] == "lowest service"
    )
    assert report["availability"]["percent"] == min(
        s["percent"] for s in report["availability"]["services"]
    )
