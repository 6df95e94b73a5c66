"""The agreement's key dates as a table, as JSON, and as a calendar feed (.ics) to subscribe to."""

from __future__ import annotations

import datetime as dt
import json

from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import KeyDate, KeyDates, state
from agreekit.text.calendar_feed import who_names


def upcoming_first(dates: KeyDates, today: dt.date) -> list[KeyDate]:
    """Overdue and today's dates, then the upcoming ones in date order, then the past ones."""
    order = {"overdue": 0, "today": 1, "upcoming": 2, "done": 3, "past": 3}
    return sorted(dates.dates, key=lambda d: (order[state(d, today)], d.date))


def as_table(agreement: Agreement, dates: KeyDates, today: dt.date, everything: bool) -> str:
    shown = [d for d in upcoming_first(dates, today) if everything or state(d, today) != "past"]
    lines = [f"{'date':<10}  {'state':<8}  {'what':<60}  who acts", "-" * 100]
    for date in shown:
        lines.append(
            f"{date.date.isoformat():<10}  {state(date, today):<8}  {date.title:<60}  "
            f"{who_names(agreement, date.who)}"
        )
    hidden = len(dates.dates) - len(shown)
    if hidden:
        lines.append(f"({hidden} past dates not shown; --all shows them)")
    for text in dates.unread:
        lines.append(f"note: {text} sets no date agreekit can read; write it as a duration")
    return "\n".join(lines)


def as_json(agreement: Agreement, dates: KeyDates, today: dt.date) -> str:
    return json.dumps(
        {
            "today": today.isoformat(),
            "dates": [
                {
                    "date": d.date.isoformat(),
                    "kind": d.kind,
                    "title": d.title,
                    "state": state(d, today),
                    "who": list(d.who),
                    "who_names": who_names(agreement, d.who),
                    "source": d.source,
                    "uid": d.uid,
                }
                for d in upcoming_first(dates, today)
            ],
            "unread": list(dates.unread),
        },
        indent=2,
        ensure_ascii=False,
    )


def next_and_overdue(dates: KeyDates, today: dt.date, count: int = 3) -> list[KeyDate]:
    """What status shows after the steps: anything overdue, then the next `count` dates."""
    overdue = [d for d in dates.dates if state(d, today) == "overdue"]
    coming = [d for d in dates.dates if state(d, today) in ("today", "upcoming")][:count]
    return overdue + coming


def status_lines(agreement: Agreement, dates: KeyDates, today: dt.date) -> list[str]:
    shown = next_and_overdue(dates, today)
    if not shown:
        return []
    lines = ["", "Key dates (agreekit dates lists them all):"]
    for date in shown:
        mark = "OVERDUE " if state(date, today) == "overdue" else ""
        hint = (
            " — mark it held: true in records/signing.yml once it took place"
            if (date.kind == "signing-meeting" and mark)
            else ""
        )
        lines.append(
            f"  {mark}{formats.date(date.date)}  {date.title} — {who_names(agreement, date.who)}{hint}"
        )
    return lines
