"""Every credit the EU example agreement defines: each service's availability tiers on its own
schedule and cap, and the late Sev1/Sev2 response and Sev1 resolution credits on the service
desk's schedule, capped at 10%.

March 2027 in Amsterdam (CET, summer time from 28 March) has 44,580 minutes.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from conftest import ROOT, SampleRepo
from service_report.golden_test import json_report

EXAMPLE = ROOT / "examples" / "eu-managed-service"
TICKETS = """id,priority,created,first_response,resolved
A1,Sev1,2027-03-02T10:00:00+01:00,2027-03-02T10:10:00+01:00,2027-03-02T13:00:00+01:00
A2,Sev1,2027-03-02T10:00:00+01:00,2027-03-02T10:20:00+01:00,2027-03-02T15:00:00+01:00
A3,Sev1,2027-03-03T10:00:00+01:00,2027-03-03T12:00:00+01:00,2027-03-03T12:30:00+01:00
A4,Sev1,2027-03-04T10:00:00+01:00,2027-03-04T10:15:00+01:00,2027-03-04T14:00:00+01:00
B1,Sev2,2027-03-02T10:00:00+01:00,2027-03-02T11:30:00+01:00,
B2,Sev2,2027-03-05T18:30:00+01:00,2027-03-08T07:20:00+01:00,
B3,Sev2,2027-03-02T10:00:00+01:00,2027-03-02T10:59:00+01:00,
C1,Sev3,2027-03-02T10:00:00+01:00,2027-03-04T10:00:00+01:00,
D1,Sev1,2027-03-31T23:00:00+02:00,,
D2,Sev1,2027-03-31T22:30:00+02:00,,
"""
# A1 in time. A2: response 20m (> 15m: 2%), resolution 5h (> 4h: 5%). A3: response 2h, past the
# 1h band too: 5%, not 2 + 5. A4: exactly 15m and exactly 4h: in time, no credit. B1: 1.5
# business hours (> 1h: 1%). B2: Friday 18:30 to Monday 07:20 is 50 business minutes (service
# hours 07:00-19:00): none. B3: 59 minutes: none. C1: Sev3 has no late credits. D1: unanswered,
# one hour by the end of the month, not longer: the 15m band, 2%. D2: 90 minutes: the 1h band, 5%.
# Response 2 + 5 + 1 + 2 + 5 = 15, resolution 5: 20%, capped at 10%.
OUTAGES = """start,end,planned,service
2027-03-10T09:00:00+01:00,2027-03-10T14:00:00+01:00,false,transport-platform
2027-03-12T00:00:00+01:00,2027-03-12T20:00:00+01:00,false,site-network
"""
# transport-platform: 300 minutes down, 99.327%: the 99.0-99.5 tier, 5% (cap 20).
# site-network: 1,200 minutes down, 97.308%: the 97.0-99.0 tier, 10% (cap 15).


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("eu")
    shutil.copytree(EXAMPLE / "agreement", root / "agreement")
    (root / "tickets.csv").write_text(TICKETS, "utf-8")
    (root / "outages.csv").write_text(OUTAGES, "utf-8")
    return json_report(SampleRepo(root))


def test_each_late_credit_counts_the_tickets_in_its_band(report: dict[str, Any]) -> None:
    late = [
        (c["measure"], c["priority"], c["after"], c["credit"], c["tickets"], c["percent"])
        for c in report["credits"]["late"]
    ]
    assert late == [
        ("response", "Sev1", "15m", 2.0, 2, 4.0),  # A2, D1
        ("response", "Sev1", "1h", 5.0, 2, 10.0),  # A3, D2
        ("response", "Sev2", "1h", 1.0, 1, 1.0),  # B1
        ("resolution", "Sev1", "4h", 5.0, 1, 5.0),  # A2
    ]
    assert {c["clock"] for c in report["credits"]["late"] if c["priority"] == "Sev2"} == {
        "business"
    }


def test_each_schedule_is_capped_on_its_own_fees(report: dict[str, Any]) -> None:
    schedules = {s["schedule"]: s for s in report["credits"]["schedules"]}
    assert schedules["agreement"] == {
        "schedule": "agreement",
        "fees": ["service-desk"],
        "cap": 10.0,
        "availability": None,
        "response": 15.0,
        "resolution": 5.0,
        "uncapped": 20.0,
        "percent": 10.0,
    }
    platform, network = schedules["transport-platform"], schedules["site-network"]
    assert (platform["fees"], platform["cap"], platform["availability"], platform["percent"]) == (
        ["transport-platform"],
        20.0,
        5.0,
        5.0,
    )
    assert (network["fees"], network["cap"], network["availability"], network["percent"]) == (
        ["site-network"],
        15.0,
        10.0,
        10.0,
    )
    # The service desk's cap does not reach the services' own schedules.
    assert report["service_credit"] == {
        "percent": 10.0,
        "tier": None,
        "cap": 10.0,
        "rule": "each service's own schedule",
    }


def test_the_services_availability_matches_the_outages(report: dict[str, Any]) -> None:
    services = {s["service"]: s for s in report["availability"]["services"]}
    assert services["transport-platform"]["percent"] == round(100 * (44580 - 300) / 44580, 4)
    assert services["site-network"]["percent"] == round(100 * (44580 - 1200) / 44580, 4)
    assert services["transport-platform"]["credit"]["percent"] == 5.0
    assert services["site-network"]["credit"]["percent"] == 10.0
