"""Golden report: the sample agreement over a generated March 2027 of tickets and outages.

March 2027 has weekends, Good Friday and Easter Monday (26 and 29 March, English holidays) and
London's change to summer time (28 March). Every figure of the JSON is asserted: against the
stored golden file, and the ticket and downtime counts also against the minute-by-minute
reference, so the golden file cannot silently drift into a wrong answer.
Regenerate the file after a deliberate change with AGREEKIT_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SampleRepo
from service_report.reference import Calendar, business_minutes, downtime_minutes, judge_ticket

sys.path.insert(0, str(ROOT / "benchmarks"))
from tickets import write_outages, write_tickets  # noqa: E402

GOLDEN = Path(__file__).parent / "golden" / "sample-2027-03.json"
PLANTED = [
    "X1,P9,2027-03-02T10:00:00Z,,,,",  # unknown priority
    "X2,P1,yesterday,,,,",  # unparsable time
    "T5,P2,2027-03-02T10:00:00Z,,,,",  # duplicate id
    "X3,P3,2027-03-02T10:00:00Z,2027-03-02T09:00:00Z,,,",  # first response before created
    "X4,P3,2027-03-02T10:00:00Z,2027-03-02T11:00:00Z,2027-03-02T12:00:00Z,-5,",  # negative pause
    "X5,P3,2027-03-02T10:00:00Z,2027-03-02T10:30:00Z,2027-03-02T11:00:00Z,90,",  # paused too long
]
LONDON = Calendar(
    "Europe/London", ("mon", "tue", "wed", "thu", "fri"), "08:00", "18:00", "GB", "ENG"
)
# The sample's targets, in minutes on their clocks: (business, response, resolution)
TARGETS = {
    "P1": (False, 15, 240),
    "P2": (True, 30, 480),
    "P3": (True, 240, 1800),
    "P4": (True, 600, 3000),
}
BEGIN = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
AFTER = dt.datetime(2027, 3, 31, 23, tzinfo=dt.UTC)  # midnight in London, summer time


def json_report(sample: SampleRepo) -> dict[str, Any]:
    """The JSON report of March 2027 from the repository's tickets.csv and outages.csv."""
    result = sample.cli(
        "report", "--tickets", "tickets.csv", "--outages", "outages.csv",
        "--period", "2027-03", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _report(sample: SampleRepo) -> dict[str, Any]:
    write_tickets(sample.root / "tickets.csv", 300, dt.date(2027, 3, 1), seed=11, extra=PLANTED)
    write_outages(sample.root / "outages.csv")
    return json_report(sample)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    import shutil

    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(ROOT / "agreement", root / "agreement")
    return _report(SampleRepo(root))


def test_every_figure_matches_the_golden_report(report: dict[str, Any]) -> None:
    figures = {k: v for k, v in report.items() if k not in ("agreement", "sources")}
    if os.environ.get("AGREEKIT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert figures == json.loads(GOLDEN.read_text("utf-8"))


def test_the_report_names_the_agreement_it_applies(report: dict[str, Any]) -> None:
    agreement = report["agreement"]
    assert agreement["title"] == "IT Support Agreement"
    assert agreement["customer"] and agreement["provider"]
    assert agreement["version"].startswith("draft")
    assert report["sources"] == {
        "tickets": "tickets.csv",
        "columns": "agreekit",
        "outages": "outages.csv",
    }


def _tickets(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _when(text: str) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def test_ticket_counts_match_the_minute_by_minute_reference(
    report: dict[str, Any], tmp_path: Path
) -> None:
    rows = write_tickets(tmp_path / "t.csv", 300, dt.date(2027, 3, 1), seed=11)
    expected: dict[str, dict[str, int]] = {}
    for row in _tickets(rows):
        created = dt.datetime.fromisoformat(row["created"])
        if not BEGIN <= created < AFTER:
            continue
        business, response, resolution = TARGETS[row["priority"]]
        paused = float(row["paused_minutes"] or 0)
        counts = expected.setdefault(row["priority"], {})
        outcome = judge_ticket(
            LONDON, business, resolution, created, _when(row["resolved"]), paused, AFTER
        )
        done = _when(row["resolved"])
        if done is not None and done < AFTER:
            from service_report.reference import clock_minutes

            if clock_minutes(LONDON, business, created, done) < paused:
                counts["rejected"] = counts.get("rejected", 0) + 1
                continue
        counts["tickets"] = counts.get("tickets", 0) + 1
        counts[f"resolution {outcome}"] = counts.get(f"resolution {outcome}", 0) + 1
        answer = judge_ticket(
            LONDON, business, response, created, _when(row["first_response"]), 0, AFTER
        )
        counts[f"response {answer}"] = counts.get(f"response {answer}", 0) + 1
    for priority in report["priorities"]:
        counts = expected[priority["id"]]
        assert priority["tickets"] == counts["tickets"]
        for kind in ("response", "resolution"):
            measure = priority[kind]
            assert measure["met"] == counts.get(f"{kind} met", 0), (priority["id"], kind)
            assert measure["breached"] == counts.get(f"{kind} breached", 0), (priority["id"], kind)
            assert measure["open"] == counts.get(f"{kind} open", 0), (priority["id"], kind)
    negative = sum(c.get("rejected", 0) for c in expected.values())
    assert report["rejected"]["count"] == len(PLANTED) + negative
    assert any(
        r["id"] == "X5" and r["column"] == "paused_minutes" for r in report["rejected"]["listed"]
    )


def _planned(outage: dict[str, str]) -> bool:
    """Planned, and notified at least 5 business days (of 10 hours) before it starts."""
    if outage["planned"] != "true":
        return False
    start, notified = (
        dt.datetime.fromisoformat(outage["start"]),
        dt.datetime.fromisoformat(outage["notified"]),
    )
    return business_minutes(LONDON, notified, start) >= 5 * 600


def test_downtime_matches_the_minute_by_minute_reference(
    report: dict[str, Any], tmp_path: Path
) -> None:
    outages = _tickets(write_outages(tmp_path / "o.csv"))

    def in_window(moment: dt.datetime) -> bool:  # Sundays 06:00-10:00 London time
        local = moment.astimezone(
            dt.timezone(
                dt.timedelta(hours=1 if moment >= dt.datetime(2027, 3, 28, 1, tzinfo=dt.UTC) else 0)
            )
        )
        return local.weekday() == 6 and 6 <= local.hour < 10

    for service in report["availability"]["services"]:
        mine = [
            (
                dt.datetime.fromisoformat(o["start"]),
                dt.datetime.fromisoformat(o["end"]),
                _planned(o),
            )
            for o in outages
            if o["service"] == service["service"]
        ]
        minutes = downtime_minutes(mine, BEGIN, AFTER, in_window)
        assert service["unplanned_downtime_minutes"] == minutes, service["service"]
        window = (AFTER - BEGIN).total_seconds() / 60
        assert service["percent"] == round((window - minutes) / window * 100, 4)
    lowest = min(report["availability"]["services"], key=lambda s: s["percent"])
    assert report["availability"]["percent"] == lowest["percent"]
    tier = next(
        t
        for t in ((99.0, 99.5, 5), (98.0, 99.0, 10), (95.0, 98.0, 20), (0, 95.0, 30))
        if t[0] <= lowest["percent"] < t[1]
    )
    assert report["service_credit"]["percent"] == tier[2]
    assert report["service_credit"]["tier"] == {"from": tier[0], "to": tier[1], "credit": tier[2]}


def test_the_incident_count_is_reported_without_a_threshold(report: dict[str, Any]) -> None:
    """The seed names 'Number of incidents reported' as a KPI and sets no limit: counted, not judged."""
    incidents = next(k for k in report["kpis"] if k["id"] == "incidents-reported")
    assert incidents["type"] == "count" and incidents["target"] is None
    assert incidents["value"] == sum(p["tickets"] for p in report["priorities"])
    assert incidents["met"] is None


def test_the_sample_has_one_credit_schedule_and_no_late_credits(report: dict[str, Any]) -> None:
    assert report["credits"]["late"] == []
    (schedule,) = report["credits"]["schedules"]
    assert schedule["availability"] == report["service_credit"]["percent"] == schedule["percent"]
    assert schedule["cap"] == 30.0
