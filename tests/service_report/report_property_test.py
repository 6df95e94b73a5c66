"""The whole fast path (export read by pyarrow, minute table, priorities grouped) agrees with the
minute-by-minute reference on random tickets, calendars and periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from agreekit.service_report.columns import DEFAULT
from agreekit.service_report.compute import compute
from agreekit.service_report.period import Period
from agreekit.service_report.source import read_tickets
from agreekit.service_report.terms import PriorityTerms, ServiceTerms, Target
from agreekit.service_report.tickets import parse_tickets
from service_report.clock_test import calendars, service_hours
from service_report.reference import Calendar, clock_minutes, judge_ticket

FIRST, LAST = dt.date(2027, 3, 24), dt.date(2027, 4, 6)  # Easter, London's and Sydney's changes


@st.composite
def tickets(draw: st.DrawFn) -> list[tuple[int, int | None, int | None, int]]:
    """(created, first response, resolved, paused) in minutes from the period's UTC midnight."""
    found = []
    for _ in range(draw(st.integers(1, 12))):
        created = draw(st.integers(-600, 14 * 1440 + 600))
        response = draw(st.one_of(st.none(), st.integers(0, 3000)))
        resolved = draw(st.one_of(st.none(), st.integers(0, 9000)))
        found.append(
            (
                created,
                None if response is None else created + response,
                None if resolved is None else created + resolved,
                draw(st.integers(0, 120)),
            )
        )
    return found


def _iso(base: dt.datetime, minutes: int | None) -> str:
    return "" if minutes is None else (base + dt.timedelta(minutes=minutes)).isoformat()


@settings(max_examples=40)
@given(calendars(), tickets(), st.integers(5, 600), st.integers(30, 4000))
def test_report_counts_match_the_reference(
    tmp_path_factory: object, calendar: Calendar, rows: list[tuple[int, int | None, int | None, int]],
    response_minutes: int, resolution_minutes: int,
) -> None:  # fmt: skip
    folder: Path = tmp_path_factory.mktemp("prop")  # type: ignore[attr-defined]
    base = dt.datetime(2027, 3, 24, tzinfo=dt.UTC)
    lines = ["id,priority,created,first_response,resolved,paused_minutes"]
    for number, (created, response, resolved, paused) in enumerate(rows):
        priority = "P1" if number % 2 else "P2"
        lines.append(
            f"T{number},{priority},{_iso(base, created)},{_iso(base, response)},{_iso(base, resolved)},{paused}"
        )
    path = folder / "t.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    p1 = PriorityTerms(
        "P1",
        "Critical",
        "24x7",
        Target("r", response_minutes * 60.0, False),
        Target("s", resolution_minutes * 60.0, False),
    )
    p2 = PriorityTerms(
        "P2",
        "High",
        "business",
        Target("r", response_minutes * 60.0, True),
        Target("s", resolution_minutes * 60.0, True),
    )
    terms = ServiceTerms(
        service_hours(calendar),
        calendar.timezone,
        (p1, p2),
        None,
        None,
        "",
        None,
        (),
        None,
        (),
        "monthly",
    )
    period = Period(FIRST, LAST, "test")
    tickets_found = parse_tickets(read_tickets(path, DEFAULT), DEFAULT, ["P1", "P2"])
    report = compute(
        terms, period, tickets_found, None, [], sources={"tickets": "t.csv"}, agreement={}
    )
    begin, after = period.bounds(calendar.timezone)
    expected = {p: {"tickets": 0} for p in ("P1", "P2")}
    for number, (created, response, resolved, paused) in enumerate(rows):
        start = base + dt.timedelta(minutes=created)
        if not begin <= start < after:
            continue
        priority, business = ("P1", False) if number % 2 else ("P2", True)
        counts = expected[priority]
        done = None if resolved is None else base + dt.timedelta(minutes=resolved)
        if (
            done is not None
            and done < after
            and clock_minutes(calendar, business, start, done) < paused
        ):
            continue  # rejected: paused longer than the clock ran
        counts["tickets"] += 1
        answered = None if response is None else base + dt.timedelta(minutes=response)
        for kind, outcome in (
            (
                "response",
                judge_ticket(calendar, business, response_minutes, start, answered, 0, after),
            ),
            (
                "resolution",
                judge_ticket(calendar, business, resolution_minutes, start, done, paused, after),
            ),
        ):
            counts[f"{kind} {outcome}"] = counts.get(f"{kind} {outcome}", 0) + 1
    for priority in report["priorities"]:
        counts = expected[priority["id"]]
        assert priority["tickets"] == counts["tickets"]
        for kind in ("response", "resolution"):
            for outcome in ("met", "breached", "open"):
                assert priority[kind][outcome] == counts.get(f"{kind} {outcome}", 0), (
                    priority["id"],
                    kind,
                    outcome,
                )
