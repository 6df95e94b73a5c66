"""Key dates worked out from the agreement's own data: every date the sample sets, and the rules."""

from __future__ import annotations

import datetime as dt

from agreekit.model.duration import Duration
from agreekit.model.key_dates import add_months, key_dates, shift, state
from conftest import SampleRepo

D = dt.date


def _by_kind(sample: SampleRepo) -> dict[str, list[dt.date]]:
    result = sample.check()
    assert result.agreement is not None
    found: dict[str, list[dt.date]] = {}
    for date in key_dates(result.agreement).dates:
        found.setdefault(date.kind, []).append(date.date)
    return found


def test_every_date_the_sample_sets(sample: SampleRepo) -> None:
    found = _by_kind(sample)
    assert found["signing-meeting"] == [D(2027, 1, 20)]
    assert found["term-start"] == [D(2027, 2, 1)]
    assert found["term-end"] == [D(2030, 1, 31)]
    assert found["renewal-notice"] == [D(2029, 11, 2)]  # 90 days before the term ends
    assert found["renewal"] == [D(2031, 1, 31)]  # a 12-month renewal
    assert found["review"] == [D(2027, 7, 31), D(2028, 1, 31), D(2029, 1, 31)]
    assert found["price-review"] == [D(2028, 2, 1), D(2029, 2, 1)]  # anniversaries in the term
    reports = found["report-due"]
    assert len(reports) == 36  # monthly, February 2027 to January 2030
    # 10 business days after each month's end, on the England calendar: Easter 2027 falls in
    # March, the early May bank holiday on 3 May 2027.
    assert reports[:3] == [D(2027, 3, 12), D(2027, 4, 14), D(2027, 5, 17)]
    assert reports[-1] == D(2030, 2, 14)
    claims = found["credit-claim"]
    assert claims[:2] == [D(2027, 4, 11), D(2027, 5, 14)]  # 30 days after each report
    assert len(claims) == 36


def test_dates_follow_the_data_and_unreadable_texts_are_listed(sample: SampleRepo) -> None:
    sample.replace("agreement.yml", "notice: 90 days", "notice: 3 months")
    sample.replace("sections/service-levels.md", "frequency: monthly", "frequency: quarterly")
    sample.replace(
        "sections/terms.md",
        "price_review: Once a year on the anniversary of the effective date, capped at CPI",
        "price_review: When the parties agree",
    )
    result = sample.check()
    assert result.agreement is not None
    dates = key_dates(result.agreement)
    kinds = {d.kind: d.date for d in dates.dates}
    assert kinds["renewal-notice"] == D(2029, 10, 31)
    assert len([d for d in dates.dates if d.kind == "report-due"]) == 12
    assert "price-review" not in kinds
    assert any("price_review: 'When the parties agree'" in text for text in dates.unread)


def test_month_arithmetic_and_business_days() -> None:
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert add_months(D(2030, 1, 31), -3) == D(2029, 10, 31)
    assert shift(D(2027, 1, 1), Duration(2, "week"), 1, None) == D(2027, 1, 15)
    assert shift(D(2027, 1, 1), Duration(5, "hour"), 1, None) == D(2027, 1, 1)


def test_a_meeting_not_marked_held_is_overdue_once_past(sample: SampleRepo) -> None:
    result = sample.check()
    assert result.agreement is not None
    meeting = next(d for d in key_dates(result.agreement).dates if d.kind == "signing-meeting")
    assert state(meeting, D(2027, 1, 19)) == "upcoming"
    assert state(meeting, D(2027, 1, 20)) == "today"
    assert state(meeting, D(2027, 1, 21)) == "overdue"
    sample.replace("records/signing.yml", "  attendees:", "  held: true\n  attendees:")
    result = sample.check()
    assert result.agreement is not None
    meeting = next(d for d in key_dates(result.agreement).dates if d.kind == "signing-meeting")
    assert state(meeting, D(2027, 1, 21)) == "done"
