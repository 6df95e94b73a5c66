"""Every date the agreement itself sets in its term: start and end, renewal and its notice,
reviews, service reports and credit claims, price reviews and the signing meeting.

Worked out from the agreement's own data, never typed twice: change the term or the reporting
frequency and every date follows. A text the rules below cannot read (a notice of "a reasonable
time") sets no date and is listed in `unread`, so nothing is guessed.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import NamedTuple

from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.duration import Duration
from agreekit.model.section_data import Reporting, ServiceCredits, ServiceHours
from agreekit.model.service_calendar import BusinessCalendar


class KeyDate(NamedTuple):
    """One date of the term: when, what, who acts, and where the agreement sets it."""

    date: dt.date
    kind: str  # term-start, term-end, renewal-notice, renewal, review, report-due, ...
    title: str
    who: tuple[str, ...]  # stakeholder ids
    source: str  # the file and key the date comes from
    done: bool = False  # the evidence is in (a meeting held)

    @property
    def uid(self) -> str:
        """Stable across runs and edits of wording: kind and date name the event."""
        return f"{self.kind}-{self.date.isoformat()}"


class KeyDates(NamedTuple):
    dates: tuple[KeyDate, ...]
    unread: tuple[str, ...]  # texts that set a date the rules cannot read


REPORT_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "six-monthly": 6,
                 "annually": 12, "annual": 12, "yearly": 12}  # fmt: skip


# How far a written duration may move a date: beyond, it is no date anyone can keep (and a
# business-day walk that long would take minutes). Farther is ValueError, as a date past 9999 is.
FARTHEST = {"month": 1200, "day": 36_600, "week": 5_230, "business day": 2_600}


def _within(amount: int, unit: str) -> None:
    if abs(amount) > FARTHEST[unit]:
        raise ValueError(f"{abs(amount)} {unit}s is too far to place on a calendar")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), on the month's last day where it is shorter."""
    _within(months, "month")
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def _days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]`, without importing `calendar` (and `locale`) at start."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def shift(
    day: dt.date, duration: Duration, sign: int, business: BusinessCalendar | None
) -> dt.date:
    """`day` moved by `duration` forward (sign 1) or back (-1); None-safe for business days."""
    if duration.more:  # a compound duration: `1 year 6 months` moves by each part in turn
        for part, unit in duration.parts:
            day = shift(day, Duration(part, unit, duration.business), sign, business)
        return day
    amount = int(duration.amount) * sign
    if duration.unit == "month":
        return add_months(day, amount)
    if duration.unit == "year":
        return add_months(day, 12 * amount)
    if duration.business and duration.unit == "day" and business is not None:
        _within(amount, "business day")
        step, left = dt.timedelta(days=sign), abs(amount)
        while left:
            day += step
            left -= business.is_business_day(day)
        return day
    days = {"day": 1, "week": 7}.get(duration.unit)
    if days is None:  # hours and minutes move no date
        return day
    _within(amount, duration.unit)
    return day + dt.timedelta(days=days * amount)


def _role(agreement: Agreement, *roles: str) -> tuple[str, ...]:
    return tuple(s.id for s in agreement.file.stakeholders if any(s.has_role(r) for r in roles))


def _typed(agreement: Agreement, key: str) -> tuple[object, str] | None:
    for section in agreement.sections:
        value = getattr(section.meta, key, None)
        if value is not None:
            return value, f"{agreement.directory}/sections/{section.id}.md: {key}"
    return None


def _calendar(agreement: Agreement) -> BusinessCalendar | None:
    found = _typed(agreement, "service_hours")
    if found is None or not isinstance(found[0], ServiceHours):
        return None
    return BusinessCalendar(found[0])


def renewal_notice(agreement: Agreement) -> KeyDate | None:
    """The last day to give notice against an automatic renewal, if the notice reads as a
    duration. The business calendar (and so `holidays`) is used only for business days."""
    term = agreement.file.term
    notice = term.renewal.notice.value
    if not term.renewal.automatic or notice is None or notice.best_effort:
        return None
    calendar = _calendar(agreement) if notice.business else None
    return KeyDate(
        shift(term.end_date, notice, -1, calendar),
        "renewal-notice",
        f"Last day to give notice ({term.renewal.notice}) so the term does not renew",
        _role(agreement, "owner", "management"),
        f"{agreement.directory}/agreement.yml: term.renewal.notice",
    )


def _term_dates(agreement: Agreement, unread: list[str]) -> Iterator[KeyDate]:
    term = agreement.file.term
    source = f"{agreement.directory}/agreement.yml: term"
    deciders = _role(agreement, "owner", "management")
    yield KeyDate(term.effective_date, "term-start", "The agreement takes effect", deciders, source)
    yield KeyDate(term.end_date, "term-end", "The initial term ends", deciders, source)
    renewal = term.renewal
    if renewal.automatic:
        notice = renewal_notice(agreement)
        if notice is None:
            unread.append(f"{source}.renewal.notice: '{renewal.notice}'")
        else:
            yield notice
        period = renewal.period.value
        if period is None or period.best_effort:
            unread.append(f"{source}.renewal.period: '{renewal.period}'")
        else:
            yield KeyDate(
                shift(term.end_date, period, 1, None),
                "renewal",
                f"The renewed term ({renewal.period}) ends, unless notice was given",
                deciders,
                f"{source}.renewal.period",
            )
    reviewers = _role(agreement, "owner", "provider-contact")
    for number, review in enumerate(term.reviews, start=1):
        yield KeyDate(review, "review", f"Service review {number}", reviewers, f"{source}.reviews")


def _report_dates(agreement: Agreement, unread: list[str]) -> Iterator[KeyDate]:
    found = _typed(agreement, "reporting")
    if found is None:
        return
    reporting, source = found
    frequency = str(getattr(reporting, "frequency", "")).strip().lower()
    months = REPORT_MONTHS.get(frequency)
    if months is None:
        if frequency:
            unread.append(f"{source}.frequency: '{frequency}'")
        return
    stated = reporting.due if isinstance(reporting, Reporting) else None
    lag = stated.lag if stated else None
    if stated and lag is None:
        unread.append(f"{source}.due: '{stated}'")
    credits = _typed(agreement, "service_credits")
    written = credits[0] if credits and isinstance(credits[0], ServiceCredits) else None
    claim = written.claim_window.value if written else None
    business = _calendar(agreement)
    who = tuple(
        dict.fromkeys((*_role(agreement, "provider-contact"), *reporting_recipients(reporting)))
    )
    term = agreement.file.term
    start = term.effective_date
    while start <= term.end_date:
        end = add_months(start, months) - dt.timedelta(days=1)
        period = f"{formats.date(start)} to {formats.date(min(end, term.end_date))}"
        due = shift(end, lag, 1, business) if lag else end
        yield KeyDate(due, "report-due", f"Service report due for {period}", who, source)
        if claim is not None and not claim.best_effort and credits is not None:
            yield KeyDate(
                shift(due, claim, 1, business),
                "credit-claim",
                f"Last day to claim service credits for {period}",
                _role(agreement, "owner"),
                f"{credits[1]}.claim_window",
            )
        start = end + dt.timedelta(days=1)


def reporting_recipients(reporting: object) -> tuple[str, ...]:
    return tuple(str(r) for r in getattr(reporting, "recipients", ()) or ())


def _price_reviews(agreement: Agreement, unread: list[str]) -> Iterator[KeyDate]:
    found = _typed(agreement, "costs")
    if found is None:
        return
    text = str(getattr(found[0], "price_review", ""))
    if not text:
        return
    if "anniversary" not in text.lower():
        unread.append(f"{found[1]}.price_review: '{text}'")
        return
    term = agreement.file.term
    who = _role(agreement, "management", "provider-contact")
    year = 1
    while (day := add_months(term.effective_date, 12 * year)) <= term.end_date:
        yield KeyDate(
            day, "price-review", f"Annual price review {year}", who, f"{found[1]}.price_review"
        )
        year += 1


def _signing(agreement: Agreement) -> Iterator[KeyDate]:
    signing = agreement.records.signing
    if signing is None:
        return
    meeting = signing.model.meeting
    yield KeyDate(
        meeting.date,
        "signing-meeting",
        f"Signing meeting at {meeting.time} ({meeting.timezone})",
        tuple(meeting.attendees),
        signing.file,
        done=meeting.held,
    )


def key_dates(agreement: Agreement) -> KeyDates:
    """Every date of the term, in date order, and the texts that could not be read as dates."""
    unread: list[str] = []
    dates: list[KeyDate] = []
    term = agreement.file.term
    producers: tuple[Callable[[Agreement, list[str]], Iterator[KeyDate]], ...] = (
        _term_dates, _report_dates, _price_reviews,
    )  # fmt: skip
    if (term.end_date - term.effective_date).days > 36_600:  # a report a month for centuries
        unread.append(f"{agreement.directory}/agreement.yml: a term of over 100 years")
        producers = (_term_dates,)
    for dates_of in producers:
        try:
            for date in dates_of(agreement, unread):
                dates.append(date)
        except (ValueError, OverflowError) as error:  # past year 9999, or a duration too long
            unread.append(
                f"{agreement.directory}/agreement.yml: a date beyond the calendar ({error})"
            )
    dates += _signing(agreement)
    return KeyDates(tuple(sorted(dates, key=lambda d: (d.date, d.kind))), tuple(unread))


def state(date: KeyDate, today: dt.date) -> str:
    """done, today, upcoming, overdue (a meeting not marked held), or past."""
    if date.done:
        return "done"
    if date.date == today:
        return "today"
    if date.date > today:
        return "upcoming"
    return "overdue" if date.kind == "signing-meeting" else "past"
