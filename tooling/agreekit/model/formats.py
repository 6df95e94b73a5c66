"""How a value reads wherever agreekit shows it: durations, amounts, percentages, dates, days and
hours. The site's tables, the PDF, the Word copy, the notices, the key terms and status all render
through here, so one value never reads two ways.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from agreekit.model.duration import Duration, parse_duration
from agreekit.model.values import ServiceDay, TimeOfDay, WrittenDuration

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_WEEK = tuple(DAY_NAMES)


def duration(value: object) -> str:
    """`15m` -> `15 minutes`, `2 business days` as it is, `best effort`; other text as written.

    The model's durations are read already; plain text (a template's `| duration`) is read here.
    """
    if isinstance(value, WrittenDuration):
        parsed = value.value
    else:
        parsed = value if isinstance(value, Duration) else parse_duration(value)
    if parsed is None:
        return "" if value is None else str(value)
    return str(parsed)


def money(amount: object, currency: str) -> str:
    """`£9,575.00` for a currency with a symbol, else `9,575.00 CHF`; text that is no amount as is."""
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    if not value.is_finite():
        return str(amount)
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{value:,.2f}" if symbol else f"{value:,.2f} {currency}".rstrip()


def percent(value: object) -> str:
    """`99.5` -> `99.5%`, `5.0` -> `5%`."""
    try:
        return f"{float(str(value)):g}%"
    except ValueError:
        return str(value)


def date(value: dt.date) -> str:
    """`1 February 2027`: day without a leading zero, month in words."""
    return f"{value.day} {value:%B %Y}"


def moment(when: dt.datetime) -> str:
    """`1 February 2027 14:05 UTC`, for times recorded in UTC (signatures)."""
    return f"{date(when)} {when:%H:%M} UTC"


def days(codes: Sequence[str | ServiceDay]) -> str:
    """`Monday to Friday` for a run of three or more days, else `Monday, Wednesday and Friday`."""
    names = [DAY_NAMES.get(str(code).lower(), str(code)) for code in codes]
    if not names:
        return ""
    positions = [_WEEK.index(str(c).lower()) if str(c).lower() in _WEEK else -1 for c in codes]
    consecutive = -1 not in positions and positions == list(
        range(positions[0], positions[0] + len(positions))
    )
    if len(names) > 2 and consecutive:
        return f"{names[0]} to {names[-1]}"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def hours(start: str | TimeOfDay, end: str | TimeOfDay) -> str:
    """`08:00 to 18:00`."""
    return f"{start} to {end}"
