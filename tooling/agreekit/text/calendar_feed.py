"""The key dates as a calendar feed (.ics): one all-day event per date, reminders as VALARMs.

Pure, so that `agreekit dates --ics` and the published site write the same feed. Written here,
line by line, the way icalendar writes it (the same properties in the same order, escaped and
folded by its rules; a test compares the bytes): importing icalendar costs 25-60 ms, which every
`agreekit build` paid for a feed of plain text lines. The one difference: the calendar's name
is escaped as the TEXT that RFC 5545 makes an X- property by default (icalendar wrote it as it
is, and stopped on a title with a line break). The invitation (workflow.meeting) uses icalendar.
"""

from __future__ import annotations

import datetime as dt

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
    moment = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(f'-//agreekit//agreekit {__version__}//EN')}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(f'{file.title}: key dates')}",
    ]
    for date in dates.dates:
        description = f"Who acts: {who_names(agreement, date.who)}.\nSet by {date.source}."
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{_text(f'{date.title} ({file.reference})')}",
            f"DTSTART;VALUE=DATE:{date.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{date.date + dt.timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{moment}",
            f"UID:{_text(f'{date.uid}@{domain}.agreekit')}",
            f"CATEGORIES:{_text(date.kind)}",
            f"DESCRIPTION:{_text(description)}",
            "TRANSP:TRANSPARENT",
        ]
        for days in REMINDERS.get(date.kind, ()):
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_text(f'In {days} days: {date.title}')}",
                f"TRIGGER:-P{days}D",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines).encode("utf-8")


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 says (and in icalendar's order: `\\N` is a line break)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _folded(line: str, limit: int = 75) -> str:
    """`line` folded into parts under `limit` octets, never splitting an escape (`\\,`)."""
    if len(line) < limit // 4 or len(line.encode("utf-8")) < limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
