"""Reminders on GitHub: one issue per key date coming due, kept in step with the agreement.

Pure: from the key dates, today and the issues that exist, the list of changes to make. The
`reminders` command reads the issues and applies the changes through the GitHub client, so a run
that is repeated changes nothing (each issue carries its date's stable id in a hidden marker).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from agreekit.github import Issue
from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import KeyDate, KeyDates, state
from agreekit.text.calendar_feed import who_names

LABEL = "agreekit-date"
_MARKER = re.compile(r"<!-- agreekit-date: ([A-Za-z0-9_.:-]+) -->")


def date_uid(issue: Issue) -> str | None:
    """The key date an issue reminds of, from the marker agreekit wrote into its body."""
    match = _MARKER.search(issue.body)
    return match.group(1) if match else None


class Change(NamedTuple):
    """One call to make: open a new issue, update one, or close one."""

    action: str  # open, update, close
    uid: str
    title: str
    body: str = ""
    assignees: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    number: int | None = None
    reason: str = ""


def _handles(agreement: Agreement, date: KeyDate) -> tuple[str, ...]:
    people = (agreement.stakeholder(i) for i in date.who)
    return tuple(sorted({p.github for p in people if p is not None and p.github}))


def issue_text(agreement: Agreement, date: KeyDate) -> tuple[str, str]:
    """The issue's title and body for `date`; the body ends with the date's marker."""
    file = agreement.file
    title = f"{date.date.isoformat()}: {date.title}"
    body = "\n".join(
        [
            f"**{date.title}** on **{date.date:%A} {formats.date(date.date)}**, under the {file.title} "
            f"({file.reference}) between {file.parties.customer.name} and "
            f"{file.parties.provider.name}.",
            "",
            f"Who acts: {who_names(agreement, date.who)}.",
            f"Set by `{date.source}`; `agreekit dates` lists every key date.",
            "",
            "agreekit opened this issue and closes it when the date has passed or its evidence "
            "is in (a meeting marked `held: true`).",
            "",
            f"<!-- agreekit-date: {date.uid} -->",
        ]
    )
    return title, body


def _due(date: KeyDate, today: dt.date, window: int) -> bool:
    """Remind of a date from `window` days before it until it is done or has passed."""
    current = state(date, today)
    if current in ("done", "past"):
        return False
    return current == "overdue" or (date.date - today).days <= window


def plan(
    agreement: Agreement, dates: KeyDates, today: dt.date, issues: list[Issue], window: int = 30
) -> list[Change]:
    """The changes that bring the issues in line with the dates due within `window` days."""
    by_uid = {uid: issue for issue in issues if (uid := date_uid(issue))}
    known = {date.uid: date for date in dates.dates}
    changes: list[Change] = []
    for date in dates.dates:
        issue = by_uid.get(date.uid)
        if not _due(date, today, window):
            if (
                issue is not None
                and issue.state == "open"
                and state(date, today) in ("done", "past")
            ):
                reason = "done" if date.done else "the date has passed"
                changes.append(
                    Change("close", date.uid, issue.title, number=issue.number, reason=reason)
                )
            continue
        title, body = issue_text(agreement, date)
        assignees = _handles(agreement, date)
        if issue is None:
            labels = (LABEL, date.kind)
            changes.append(Change("open", date.uid, title, body, assignees, labels))
        elif issue.state == "open" and (
            issue.title != title or issue.body != body or set(issue.assignees) != set(assignees)
        ):
            changes.append(Change("update", date.uid, title, body, assignees, number=issue.number))
    for uid, issue in by_uid.items():  # a date the agreement no longer sets
        if uid not in known and issue.state == "open":
            changes.append(
                Change(
                    "close",
                    uid,
                    issue.title,
                    number=issue.number,
                    reason="the agreement no longer sets this date",
                )  # fmt: skip
            )
    return changes
