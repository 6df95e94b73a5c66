"""The key dates as a calendar feed (.ics): one all-day event per date, reminders as VALARMs.

Pure, so that `agreekit dates --ics` and the published site write the same feed.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event

from agreekit import __version__
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import KeyDates

FEED_NAME = "key-dates.ics"
# How long before each kind of date its reminder fires: a deadline needs time to act on.
REMINDERS = {
    "renewal-notice": (30, 7),
    "term-end": (60,),
    "review": (14,),
    "report-due": (3,),
    "credit-claim": (7,),
    "price-review": (30,),
    "signing-meeting": (7, 1),
}


def who_names(agreement: Agreement, who: tuple[str, ...]) -> str:
    people = [agreement.stakeholder(i) for i in who]
    return ", ".join(p.name if p else i for p, i in zip(people, who, strict=True))


def as_ics(agreement: Agreement, dates: KeyDates, stamp: dt.datetime) -> bytes:
    """A feed with one all-day event per date, UIDs stable across runs, reminders as VALARMs."""
    file = agreement.file
    domain = (file.reference or file.title).replace(" ", "-").lower()
    feed = Calendar()
    feed.add("prodid", f"-//agreekit//agreekit {__version__}//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", f"{file.title}: key dates")
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
