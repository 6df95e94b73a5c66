"""The key-dates feed is written byte for byte as icalendar writes the same calendar."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Alarm, Calendar, Event

from agreekit import __version__
from agreekit.model.key_dates import KeyDate, KeyDates, key_dates
from agreekit.model.loader import load_agreement
from agreekit.text.calendar_feed import REMINDERS, as_ics, who_names
from conftest import SampleRepo

STAMP = dt.datetime(2026, 12, 1, 23, 54, 6, 123456, tzinfo=dt.UTC)


def icalendars_feed(
    agreement: Any, dates: KeyDates, stamp: dt.datetime, calname: str | None = None
) -> bytes:
    """The feed as agreekit wrote it with icalendar before it wrote the lines itself (`calname`
    in place of the title's, see below)."""
    file = agreement.file
    domain = (file.reference or file.title).replace(" ", "-").lower()
    feed = Calendar()
    feed.add("prodid", f"-//agreekit//agreekit {__version__}//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", calname or f"{file.title}: key dates")
    for date in dates.dates:
        event = Event()
        event.add("uid", f"{date.uid}@{domain}.agreekit")
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", date.date)
        event.add("dtend", date.date + dt.timedelta(days=1))
        event.add("summary", f"{date.title} ({file.reference})")
        event.add(
            "description", f"Who acts: {who_names(agreement, date.who)}.\nSet by {date.source}."
        )
        event.add("categories", [date.kind])
        event.add("transp", "TRANSPARENT")
        for days in REMINDERS.get(date.kind, ()):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"In {days} days: {date.title}")
            alarm.add("trigger", dt.timedelta(days=-days))
            event.add_component(alarm)
        feed.add_component(event)
    return bytes(feed.to_ical())


def test_the_samples_feed_is_icalendars(sample: SampleRepo) -> None:
    agreement, _ = load_agreement(sample.root, "agreement")
    assert agreement is not None
    dates = key_dates(agreement)
    assert len(dates.dates) > 50
    assert as_ics(agreement, dates, STAMP) == icalendars_feed(agreement, dates, STAMP)


# Text with what iCalendar escapes or folds: separators, backslashes (and `\N`), line breaks,
# carets, wide characters that a fold must not split, control characters.
TEXT = st.text(st.sampled_from(list("ab ;,:\\^N\n\r\t\x01é€😀")), max_size=120)


@given(
    title=TEXT,
    reference=TEXT,
    names=st.lists(TEXT, min_size=1, max_size=4),
    events=st.lists(
        st.tuples(
            st.dates(dt.date(1900, 1, 1), dt.date(9998, 12, 30)),
            st.sampled_from([*REMINDERS, "term-start", "other kind"]),
            TEXT,
            TEXT,
        ),
        max_size=4,
    ),
)
def test_any_text_is_escaped_and_folded_as_icalendar_does(
    title: str, reference: str, names: list[str], events: list[tuple[dt.date, str, str, str]]
) -> None:
    people = {f"p{i}": SimpleNamespace(name=name) for i, name in enumerate(names)}
    agreement = SimpleNamespace(
        file=SimpleNamespace(title=title, reference=reference), stakeholder=people.get
    )
    dates = KeyDates(
        tuple(
            KeyDate(day, kind, text, (*people, "unknown-id"), source)
            for day, kind, text, source in events
        ),
        (),
    )
    ours = as_ics(agreement, dates, STAMP)  # type: ignore[arg-type]
    assert CALNAME.sub(b"X-WR-CALNAME:title\r\n", ours, count=1) == icalendars_feed(
        agreement, dates, STAMP, calname="title"
    )


# icalendar writes X-WR-CALNAME as it is (an unknown property), so a title with a line break
# stopped the build with an AssertionError; agreekit writes it as TEXT, as RFC 5545 says an
# X- property is by default, so every title is one escaped, folded line.
CALNAME = re.compile(rb"X-WR-CALNAME:[^\r]*\r\n(?: [^\r]*\r\n)*")


def test_the_calendar_name_is_escaped_text() -> None:
    agreement = SimpleNamespace(
        file=SimpleNamespace(title="A; B, C\\D\nE", reference="R"), stakeholder={}.get
    )
    feed = as_ics(agreement, KeyDates((), ()), STAMP)  # type: ignore[arg-type]
    assert b"\r\nX-WR-CALNAME:A\\; B\\, C\\\\D\\nE: key dates\r\n" in feed
    assert Calendar.from_ical(feed)["X-WR-CALNAME"] is not None


def test_a_fold_never_splits_an_escape_or_a_wide_character() -> None:
    # SUMMARY carries the title: each mark in turn at every place around the first fold.
    for mark in ("\\", "^", ",", "😀", "é"):
        for at in range(55, 80):
            agreement = SimpleNamespace(
                file=SimpleNamespace(title="T", reference="R"), stakeholder={}.get
            )
            day = KeyDate(dt.date(2027, 1, 1), "review", "a" * at + mark + "b" * 90, (), "s")
            dates = KeyDates((day,), ())
            ours = as_ics(agreement, dates, STAMP)  # type: ignore[arg-type]
            assert ours == icalendars_feed(agreement, dates, STAMP), (mark, at)
