"""The vectorised business clock agrees with counting minute by minute, DST and holidays included."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from agreekit.model.section_data import ServiceHours
from agreekit.model.service_calendar import BusinessCalendar
from agreekit.model.typed import convert
from agreekit.service_report.clock import (
    business_table,
    clock_seconds,
    minute_table,
    on_minute_table,
)
from agreekit.service_report.compute import judge
from agreekit.service_report.terms import Target
from agreekit.service_report.tickets import MISSING
from service_report.reference import Calendar, business_minutes, judge_ticket

ZONES = ("Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC")
HOLIDAYS = (("", ""), ("GB", "ENG"), ("US", ""), ("AU", "NSW"), ("DE", "BY"))
# Days around DST changes, public holidays (Easter 2027: 26-29 March) and month ends.
ANCHORS = (
    dt.datetime(2027, 3, 12, tzinfo=dt.UTC),  # the week before New York's change (14 March)
    dt.datetime(2027, 3, 25, tzinfo=dt.UTC),  # Good Friday, London's change (28th), Easter Monday
    dt.datetime(2027, 4, 2, tzinfo=dt.UTC),  # Sydney's change (4 April)
    dt.datetime(2027, 10, 29, tzinfo=dt.UTC),  # London's and Sydney's autumn changes
    dt.datetime(2027, 12, 23, tzinfo=dt.UTC),  # Christmas, the year's end
)


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    days = draw(
        st.lists(
            st.sampled_from(("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
            min_size=1,
            max_size=7,
            unique=True,
        )
    )
    start = draw(st.integers(0, 24)) * 30
    end = draw(st.integers(start // 30 + 1, 47)) * 30
    country, subdivision = draw(st.sampled_from(HOLIDAYS))
    return Calendar(
        draw(st.sampled_from(ZONES)),
        tuple(days),
        f"{start // 60:02d}:{start % 60:02d}",
        f"{end // 60:02d}:{end % 60:02d}" if end < 1440 else "23:59",
        country,
        subdivision,
    )


def service_hours(calendar: Calendar) -> ServiceHours:
    holidays = (
        {"country": calendar.country, "subdivision": calendar.subdivision}
        if calendar.country
        else None
    )
    data = {
        "timezone": calendar.timezone,
        "days": list(calendar.days),
        "start": calendar.start,
        "end": calendar.end,
        "holidays": holidays,
    }
    hours, problems = convert(ServiceHours, data)  # as the loader reads front matter
    assert hours is not None and not problems, problems
    return hours


moments = st.builds(
    lambda anchor, minutes: anchor + dt.timedelta(minutes=minutes),
    st.sampled_from(ANCHORS),
    st.integers(0, 7 * 1440),
)


def table_for(calendar: Calendar, first: dt.datetime, last: dt.datetime):  # noqa: ANN201
    business = BusinessCalendar(service_hours(calendar))
    return business_table(
        business, first.date() - dt.timedelta(days=2), last.date() + dt.timedelta(days=2)
    )


@settings(max_examples=60)
@given(calendars(), st.lists(st.tuples(moments, st.integers(0, 4 * 1440)), min_size=1, max_size=4))
def test_business_minutes_match_counting_minute_by_minute(
    calendar: Calendar, spans: list[tuple[dt.datetime, int]]
) -> None:
    starts = [start for start, _ in spans]
    ends = [start + dt.timedelta(minutes=length) for start, length in spans]
    table = table_for(calendar, min(starts), max(ends))
    fast = clock_seconds(
        table,
        True,
        np.array([int(s.timestamp()) for s in starts]),
        np.array([int(e.timestamp()) for e in ends]),
    )
    slow = [business_minutes(calendar, s, e) * 60 for s, e in zip(starts, ends, strict=True)]
    assert list(fast) == slow
    # the report's lookup table over the same range agrees too
    first = int(min(starts).timestamp()) // 60 * 60
    lookup = minute_table(table, first, int(max(ends).timestamp()))
    at = on_minute_table(lookup, np.array([int(s.timestamp()) for s in starts + ends]))
    assert list(at[len(starts) :] - at[: len(starts)]) == slow


@settings(max_examples=60)
@given(
    calendars(),
    st.booleans(),
    st.one_of(st.none(), st.integers(1, 3 * 600)),
    st.lists(
        st.tuples(moments, st.one_of(st.none(), st.integers(0, 5 * 1440)), st.integers(0, 300)),
        min_size=1,
        max_size=5,
    ),
    st.integers(0, 6 * 1440),
)
def test_judging_matches_the_reference_on_random_tickets(
    calendar: Calendar,
    business: bool,
    target_minutes: int | None,
    tickets: list[tuple[dt.datetime, int | None, int]],
    period_after: int,
) -> None:
    """Met, breached and open agree per ticket: paused time, 24x7 and business, the period's end."""
    created = [c for c, _, _ in tickets]
    done = [None if d is None else c + dt.timedelta(minutes=d) for c, d, _ in tickets]
    paused = [p for _, _, p in tickets]
    period_end = max(created) + dt.timedelta(minutes=period_after)
    table = table_for(calendar, min(created), period_end)
    target = Target("t", None if target_minutes is None else target_minutes * 60.0, business)
    judged = judge(
        target,
        table,
        np.array([int(c.timestamp()) for c in created]),
        np.array([MISSING if d is None else int(d.timestamp()) for d in done]),
        np.array(paused, dtype=np.float64) * 60,
        int(period_end.timestamp()),
    )
    for index, (c, d, p) in enumerate(zip(created, done, paused, strict=True)):
        if judged.negative[index]:  # paused longer than the clock ran: rejected, not judged
            assert d is not None and business_or_elapsed(calendar, business, c, d) < p
            continue
        expected = judge_ticket(calendar, business, target_minutes, c, d, p, period_end)
        fast = "met" if judged.met[index] else "breached" if judged.breached[index] else "open"
        assert judged.open[index] == (fast == "open")
        assert fast == expected, (index, c, d, p)


def business_or_elapsed(
    calendar: Calendar, business: bool, start: dt.datetime, end: dt.datetime
) -> float:
    from service_report.reference import clock_minutes

    return clock_minutes(calendar, business, start, end)


def test_a_friday_evening_ticket_waits_for_monday_and_skips_easter() -> None:
    """A worked example: London, 08:00-18:00 on weekdays, Easter 2027 (26 and 29 March)."""
    calendar = Calendar(
        "Europe/London", ("mon", "tue", "wed", "thu", "fri"), "08:00", "18:00", "GB", "ENG"
    )
    created = dt.datetime(2027, 3, 25, 17, 0, tzinfo=dt.UTC)  # Thursday 17:00 GMT
    answered = dt.datetime(2027, 3, 30, 7, 30, tzinfo=dt.UTC)  # Tuesday 08:30 BST (after DST)
    table = table_for(calendar, created, answered)
    fast = clock_seconds(
        table, True, np.array([int(created.timestamp())]), np.array([int(answered.timestamp())])
    )
    assert fast[0] == (60 + 30) * 60  # Thursday 17:00-18:00, then Tuesday 08:00-08:30


ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_service_hours_that_start_inside_a_dst_gap_or_fold_match_the_reference() -> None:
    """London skips 01:00-02:00 on 28 March 2027 and repeats 01:00-02:00 on 31 October 2027."""
    for day in (
        dt.datetime(2027, 3, 27, 12, tzinfo=dt.UTC),
        dt.datetime(2027, 10, 30, 12, tzinfo=dt.UTC),
    ):
        for start, end in (("01:30", "12:00"), ("00:00", "01:30"), ("01:00", "02:00")):
            calendar = Calendar("Europe/London", ALL_DAYS, start, end)
            after = day + dt.timedelta(days=1)
            table = table_for(calendar, day, after)
            fast = clock_seconds(
                table, True, np.array([int(day.timestamp())]), np.array([int(after.timestamp())])
            )
            assert fast[0] == business_minutes(calendar, day, after) * 60, (day, start, end)
