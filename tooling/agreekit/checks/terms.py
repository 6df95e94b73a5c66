"""2xx term and money: dates in order, renewal notice, costs that add up, currencies, signing date."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from agreekit import clock
from agreekit.checks.targets import data_sections, service_hours
from agreekit.finding import Finding, finding
from agreekit.model.agreement import Agreement
from agreekit.model.duration import parse_duration
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


def term_dates_ordered(agreement: Agreement) -> Iterator[Finding]:
    """AK220"""
    term = agreement.file.term
    if term.end_date <= term.effective_date:
        message = f"the term ends ({term.end_date}) before or when it starts ({term.effective_date}); fix end_date"
        yield finding("AK220", agreement.source.locate("term", "end_date"), message)
        return
    for index, review in enumerate(term.reviews):
        if not term.effective_date <= review <= term.end_date:
            message = f"review date {review} is outside the term ({term.effective_date} to {term.end_date})"
            yield finding("AK220", agreement.source.locate("term", "reviews", index), message)


def renewal_notice_shorter(agreement: Agreement) -> Iterator[Finding]:
    """AK221"""
    term = agreement.file.term
    renewal = term.renewal
    term_days = (term.end_date - term.effective_date).days + 1
    periods: list[tuple[str, float]] = [("the initial term", term_days * 1440)]
    if renewal.period:
        period = parse_duration(renewal.period)
        if period is None or period.business or period.best_effort:
            message = f"renewal period '{renewal.period}' is not a duration; write e.g. 12 months"
            yield finding("AK221", agreement.source.locate("term", "renewal", "period"), message)
        else:
            periods.append((f"the renewal period ({renewal.period})", period.minutes()))
    if not renewal.notice:
        return
    where = agreement.source.locate("term", "renewal", "notice")
    notice = parse_duration(renewal.notice)
    if notice is None or notice.best_effort:
        message = (
            f"renewal notice '{renewal.notice}' is not a duration; write e.g. 90 days or "
            "60 business days"
        )
        yield finding("AK221", where, message)
        return
    calendar = service_hours(agreement)
    notice_minutes = elapsed_minutes(notice, calendar[0] if calendar else None)
    for name, minutes in periods:
        if notice_minutes >= minutes:
            message = f"renewal notice {renewal.notice} is not shorter than {name}; nobody could give it in time"
            yield finding("AK221", where, message)


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def costs_add_up(agreement: Agreement) -> Iterator[Finding]:
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
                yield finding(
                    "AK222", section.source.locate("costs", "lines", index, "amount"), message
                )
            running += computed
        if costs.total is not None and costs.lines and costs.total != running:
            message = (
                f"total {_money(costs.total)} is not the sum of the cost lines "
                f"(quantity x unit price), {_money(running)}"
            )
            yield finding("AK222", section.source.locate("costs", "total"), message)


def currencies_known(agreement: Agreement) -> Iterator[Finding]:
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
                yield finding("AK223", source.locate(*path), message)
        for index, line in enumerate(costs.lines):
            if line.currency is None:
                continue
            where = source.locate("costs", "lines", index, "currency")
            if line.currency not in ISO_4217:
                message = (
                    f"'{line.currency}' is not an ISO 4217 currency code; use e.g. GBP, EUR or USD"
                )
                yield finding("AK223", where, message)
            elif line.currency not in declared:
                message = (
                    f"cost line '{line.id}' is in {line.currency} but the agreement is in "
                    f"{costs.currency}; declare it under costs.currencies or convert it"
                )
                yield finding("AK223", where, message)


def signing_meeting_timely(agreement: Agreement) -> Iterator[Finding]:
    """AK224"""
    signing = agreement.records.signing
    if signing is None:
        return
    meeting = signing.model.meeting
    where = signing.source.locate("meeting", "date")
    effective = agreement.file.term.effective_date
    if meeting.date > effective:
        message = f"the signing meeting ({meeting.date}) is after the effective date ({effective}); sign before the agreement takes effect"
        yield finding("AK224", where, message)
    today = clock.today()
    if meeting.date < today and not meeting.held:
        message = f"the signing meeting ({meeting.date}) is in the past (today is {today}); reschedule it, or mark it held: true"
        yield finding("AK224", where, message)
