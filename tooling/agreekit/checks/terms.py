"""2xx term and money: dates in order, renewal notice, costs that add up, currencies, signing date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from agreekit.checks.context import CheckContext
from agreekit.checks.family import Family
from agreekit.checks.targets import data_sections
from agreekit.finding import ERROR, WARNING, Explanation, Finding, Rule
from agreekit.model.agreement import Agreement
from agreekit.model.key_dates import renewal_notice
from agreekit.model.service_calendar import elapsed_minutes

# Active ISO 4217 codes (2025), plus the precious metals and SDR codes contracts sometimes use.
ISO_4217 = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VED",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XCG",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWG",
        "XAU",
        "XAG",
        "XDR",
    ]
)


FAMILY = Family()


AK220 = Rule(
    "AK220",
    "term-dates",
    ERROR,
    summary="The term ends before it starts, or a review date is outside the term.",
    hint="Fix term.end_date or the review date.",
    explanation=Explanation(
        what=(
            "The term's end date must be after its effective date, and every review date "
            "must fall within the term."
        ),
        why=(
            "A term that ends before it starts, or a review after the agreement has "
            "ended, is a typo in a date both parties will rely on."
        ),
        example=("term:\n  effective_date: 2027-02-01\n  end_date: 2026-01-31"),
        fix="Correct the date the message names.",
        fixed=("term:\n  effective_date: 2027-02-01\n  end_date: 2030-01-31"),
    ),
)


@FAMILY.check(AK220)
def term_dates_ordered(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK220"""
    term = agreement.file.term
    if term.end_date <= term.effective_date:
        message = f"the term ends ({term.end_date}) before or when it starts ({term.effective_date}); fix end_date"
        yield AK220.at(agreement.source.locate("term", "end_date"), message)
        return
    for index, review in enumerate(term.reviews):
        if not term.effective_date <= review <= term.end_date:
            message = f"review date {review} is outside the term ({term.effective_date} to {term.end_date})"
            yield AK220.at(agreement.source.locate("term", "reviews", index), message)


AK221 = Rule(
    "AK221",
    "renewal-notice-too-long",
    ERROR,
    summary="The renewal notice is not shorter than the term or the renewal period.",
    hint="Shorten term.renewal.notice below the term and the renewal period.",
    explanation=Explanation(
        what=(
            "The renewal notice must be a duration shorter than the initial term and "
            "shorter than the renewal period."
        ),
        why=(
            "A notice period as long as the term can never be given in time, so the "
            "agreement could never be stopped from renewing."
        ),
        example="renewal: {automatic: true, period: 12 months, notice: 18 months}",
        fix="Shorten the notice.",
        fixed="renewal: {automatic: true, period: 12 months, notice: 90 days}",
    ),
)


@FAMILY.check(AK221)
def renewal_notice_shorter(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK221"""
    term = agreement.file.term
    renewal = term.renewal
    term_days = (term.end_date - term.effective_date).days + 1
    periods: list[tuple[str, float]] = [("the initial term", term_days * 1440)]
    if renewal.period:
        period = renewal.period.value
        if period is None or period.business or period.best_effort:
            message = f"renewal period '{renewal.period}' is not a duration; write e.g. 12 months"
            yield AK221.at(agreement.source.locate("term", "renewal", "period"), message)
        else:
            periods.append((f"the renewal period ({renewal.period})", period.minutes()))
    if not renewal.notice:
        return
    where = agreement.source.locate("term", "renewal", "notice")
    notice = renewal.notice.value
    if notice is None or notice.best_effort:
        message = (
            f"renewal notice '{renewal.notice}' is not a duration; write e.g. 90 days or "
            "60 business days"
        )
        yield AK221.at(where, message)
        return
    calendar = context.service_hours
    notice_minutes = elapsed_minutes(notice, calendar[0] if calendar else None)
    for name, minutes in periods:
        if notice_minutes >= minutes:
            message = f"renewal notice {renewal.notice} is not shorter than {name}; nobody could give it in time"
            yield AK221.at(where, message)


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


AK222 = Rule(
    "AK222",
    "costs-do-not-add-up",
    ERROR,
    summary=(
        "A cost line's amount is not quantity x unit price, or the total is not the sum "
        "of the lines."
    ),
    hint="Correct the amount or the total to the figure the message gives.",
    explanation=Explanation(
        what=(
            "Each cost line's `amount` must be `quantity` x `unit_price`, and `total` "
            "must be the sum of the lines, computed exactly in decimals."
        ),
        why=(
            "Finance approves the total; the provider invoices the lines. When they "
            "differ, someone is paid the wrong amount."
        ),
        example='- {id: service-desk, quantity: 180, unit_price: "32.00", amount: "5670.00"}',
        fix="Correct the amount or the total to the figure in the message.",
        fixed='- {id: service-desk, quantity: 180, unit_price: "32.00", amount: "5760.00"}',
    ),
)


@FAMILY.check(AK222)
def costs_add_up(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK222"""
    for section in data_sections(agreement, "costs"):
        costs = section.meta.costs
        assert costs is not None
        running = Decimal(0)
        for index, line in enumerate(costs.lines):
            computed = line.quantity * line.unit_price
            if line.amount is not None and line.amount != computed:
                message = (
                    f"cost line '{line.id}': {line.quantity} x {_money(line.unit_price)} is "
                    f"{_money(computed)}, not {_money(line.amount)}"
                )
                yield AK222.at(section.source.locate("costs", "lines", index, "amount"), message)
            running += computed
        if costs.total is not None and costs.lines and costs.total != running:
            message = (
                f"total {_money(costs.total)} is not the sum of the cost lines "
                f"(quantity x unit price), {_money(running)}"
            )
            yield AK222.at(section.source.locate("costs", "total"), message)


AK223 = Rule(
    "AK223",
    "currency",
    ERROR,
    summary=(
        "A currency is not an ISO 4217 code, or a cost line uses an undeclared second currency."
    ),
    hint="Use ISO 4217 codes and declare extra currencies under costs.currencies.",
    explanation=Explanation(
        what=(
            "`costs.currency`, any cost line's `currency` and `costs.currencies` must be "
            "ISO 4217 codes, and a cost line may use a currency other than the "
            "agreement's only when it is declared under `costs.currencies`."
        ),
        why=(
            '"UKP" or "£" is ambiguous on an invoice, and a line in another currency '
            "silently breaks the total."
        ),
        example=("costs:\n  currency: UKP"),
        fix="Use the ISO 4217 code and declare any second currency.",
        fixed=("costs:\n  currency: GBP"),
    ),
)


@FAMILY.check(AK223)
def currencies_known(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK223"""
    for section in data_sections(agreement, "costs"):
        costs = section.meta.costs
        assert costs is not None
        source = section.source
        declared = {costs.currency, *costs.currencies}
        for path, code in [(("costs", "currency"), costs.currency)] + [
            (("costs", "currencies", i), c) for i, c in enumerate(costs.currencies)
        ]:
            if code not in ISO_4217:
                message = f"'{code}' is not an ISO 4217 currency code; use e.g. GBP, EUR or USD"
                yield AK223.at(source.locate(*path), message)
        for index, line in enumerate(costs.lines):
            if line.currency is None:
                continue
            where = source.locate("costs", "lines", index, "currency")
            if line.currency not in ISO_4217:
                message = (
                    f"'{line.currency}' is not an ISO 4217 currency code; use e.g. GBP, EUR or USD"
                )
                yield AK223.at(where, message)
            elif line.currency not in declared:
                message = (
                    f"cost line '{line.id}' is in {line.currency} but the agreement is in "
                    f"{costs.currency}; declare it under costs.currencies or convert it"
                )
                yield AK223.at(where, message)


AK224 = Rule(
    "AK224",
    "signing-meeting-date",
    ERROR,
    summary="The signing meeting is after the effective date or in the past.",
    hint="Move the meeting before the effective date and not earlier than today.",
    explanation=Explanation(
        what=(
            "When `records/signing.yml` exists, its `meeting.date` must be a date on or "
            "before the effective date and not in the past. Today is the machine's date, "
            "or `AGREEKIT_TODAY` (YYYY-MM-DD) when set, so a check can be repeated as of "
            "a given day."
        ),
        why=(
            "An agreement signed after its effective date leaves services running "
            "without a contract; a meeting date in the past was never updated."
        ),
        example=(
            "# records/signing.yml, effective date 2027-02-01\n"
            'meeting: {date: 2027-03-01, time: "10:00", timezone: Europe/London}'
        ),
        fix="Move the meeting before the effective date.",
        fixed='meeting: {date: 2027-01-20, time: "10:00", timezone: Europe/London}',
    ),
)


@FAMILY.check(AK224)
def signing_meeting_timely(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK224"""
    signing = agreement.records.signing
    if signing is None:
        return
    meeting = signing.model.meeting
    where = signing.source.locate("meeting", "date")
    effective = agreement.file.term.effective_date
    if meeting.date > effective:
        message = f"the signing meeting ({meeting.date}) is after the effective date ({effective}); sign before the agreement takes effect"
        yield AK224.at(where, message)
    today = context.today
    if meeting.date < today and not meeting.held:
        message = f"the signing meeting ({meeting.date}) is in the past (today is {today}); reschedule it, or mark it held: true"
        yield AK224.at(where, message)


AK229 = Rule(
    "AK229",
    "renewal-notice-due",
    WARNING,
    summary="The last day to give notice against renewal is within 30 days, or has passed.",
    hint="Decide on renewal now: give notice before the deadline, or let the term renew.",
    explanation=Explanation(
        what=(
            "With `term.renewal.automatic: true`, the term renews unless a party gives "
            "`term.renewal.notice` before `term.end_date`. This warns from 30 days before that "
            "deadline until the term ends, as of today (or `AGREEKIT_TODAY`). `agreekit dates` "
            "lists the deadline with the other key dates."
        ),
        why=(
            "A missed notice deadline renews the agreement for another period on the same "
            "terms, whether or not anyone meant it to."
        ),
        example=(
            "# agreement.yml, checked on 2029-10-20\n"
            "term: {end_date: 2030-01-31, renewal: {automatic: true, notice: 90 days}}\n"
            "# notice deadline 2029-11-02"
        ),
        fix=(
            "Decide with management whether to renew. It is a warning, not an error: once "
            "decided, it passes by itself after the term ends, or silence it for the line."
        ),
    ),
)


def _far_from_notice_deadline(agreement: Agreement, context: CheckContext) -> bool:
    """Whether today is months before the notice deadline, judged without counting business
    days: counting them loads the public-holiday tables (about 100 ms), which `check` does only
    when the deadline may be near. Holidays move a deadline by days, never by 60."""
    term = agreement.file.term
    notice = term.renewal.notice.value
    if notice is None or notice.best_effort or not notice.business:
        return False
    hours = context.service_hours[0] if context.service_hours else None
    rough = term.end_date - dt.timedelta(minutes=elapsed_minutes(notice, hours))
    return context.today < rough - dt.timedelta(days=60)


@FAMILY.check(AK229)
def renewal_notice_due(agreement: Agreement, context: CheckContext) -> Iterator[Finding]:
    """AK229"""
    term = agreement.file.term
    if not term.renewal.automatic:
        return
    if _far_from_notice_deadline(agreement, context):
        return
    notice = renewal_notice(agreement)
    deadline = notice.date if notice else None
    today = context.today
    if deadline is None or today > term.end_date or today < deadline - dt.timedelta(days=30):
        return
    where = agreement.source.locate("term", "renewal", "notice")
    if today <= deadline:
        left = (deadline - today).days
        message = (
            f"the last day to give notice against renewal is {deadline} ({left} days from "
            f"today); decide on renewal before then"
        )
    else:
        message = (
            f"the notice deadline {deadline} has passed: after {term.end_date} the term renews "
            f"for {term.renewal.period or 'another period'} unless the parties agree otherwise"
        )
    yield AK229.at(where, message)
