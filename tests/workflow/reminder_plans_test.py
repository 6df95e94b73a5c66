"""Reminders: which issues to open, update and close for the key dates, and that a rerun is quiet."""

from __future__ import annotations

import datetime as dt

from agreekit.github import Issue
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import key_dates
from agreekit.workflow.reminders import Change, date_uid, issue_text, plan
from conftest import SampleRepo


def _agreement(sample: SampleRepo) -> Agreement:
    result = sample.check()
    assert result.agreement is not None
    return result.agreement


def _applied(changes: list[Change], issues: list[Issue]) -> list[Issue]:
    """What GitHub would hold after the changes (a tiny model of the issues API)."""
    by_number = {i.number: i for i in issues}
    for change in changes:
        if change.action == "open":
            number = max(by_number, default=0) + 1
            by_number[number] = Issue(number, change.title, change.body, "open", change.assignees)
        elif change.action == "update":
            assert change.number is not None
            old = by_number[change.number]
            by_number[change.number] = old._replace(
                title=change.title, body=change.body, assignees=change.assignees
            )
        else:
            assert change.number is not None
            by_number[change.number] = by_number[change.number]._replace(state="closed")
    return list(by_number.values())


def test_dates_within_the_window_open_issues_assigned_to_who_acts(sample: SampleRepo) -> None:
    agreement = _agreement(sample)
    changes = plan(agreement, key_dates(agreement), dt.date(2029, 10, 10), [], window=30)
    opened = {c.uid: c for c in changes if c.action == "open"}
    assert set(opened) == {
        "renewal-notice-2029-11-02",
        "credit-claim-2029-10-14",
        "report-due-2029-10-12",
        "signing-meeting-2027-01-20",  # overdue: never marked held
    }
    notice = opened["renewal-notice-2029-11-02"]
    assert (
        notice.title == "2029-11-02: Last day to give notice (90 days) so the term does not renew"
    )
    assert notice.assignees == ("amara-okafor", "dreeve", "mellison-bw", "priya-shah-hha")
    assert notice.labels == ("agreekit-date", "renewal-notice")
    assert "<!-- agreekit-date: renewal-notice-2029-11-02 -->" in notice.body


def test_a_rerun_changes_nothing_and_a_passed_date_closes(sample: SampleRepo) -> None:
    agreement = _agreement(sample)
    dates = key_dates(agreement)
    issues = _applied(plan(agreement, dates, dt.date(2029, 10, 10), []), [])
    assert plan(agreement, dates, dt.date(2029, 10, 10), issues) == []
    later = plan(agreement, dates, dt.date(2029, 11, 3), issues)
    closed = {c.uid: c.reason for c in later if c.action == "close"}
    assert closed["renewal-notice-2029-11-02"] == "the date has passed"
    assert "report-due-2029-11-14" in {c.uid for c in later if c.action == "open"}


def test_an_edited_issue_is_put_back_and_a_meeting_closes_when_held(sample: SampleRepo) -> None:
    agreement = _agreement(sample)
    today = dt.date(2027, 1, 21)  # the meeting was yesterday and is not marked held
    issues = _applied(plan(agreement, key_dates(agreement), today, []), [])
    meeting = next(i for i in issues if date_uid(i) == "signing-meeting-2027-01-20")
    assert meeting.state == "open"
    tampered = [i._replace(assignees=()) if i is meeting else i for i in issues]
    [update] = plan(agreement, key_dates(agreement), today, tampered)
    assert update.action == "update" and update.number == meeting.number
    sample.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    held = _agreement(sample)
    [close] = [c for c in plan(held, key_dates(held), today, issues) if c.action == "close"]
    assert close.uid == "signing-meeting-2027-01-20" and close.reason == "done"
    assert issue_text(held, next(d for d in key_dates(held).dates if d.kind == "review"))[0] == (
        "2027-07-31: Service review 1"
    )
