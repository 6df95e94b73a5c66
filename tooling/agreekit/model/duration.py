"""Typed durations as agreements write them: `15m`, `4h`, `2 business days`, `12 months`, `best effort`.

Parsing is explicit: a text that is not one of the forms below is not a duration (None), never a
guess. Business time is measured on the service-hours calendar, so converting it to minutes needs
the length of a business day.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import NamedTuple

MINUTES_PER_UNIT = {
    "minute": 1,
    "hour": 60,
    "day": 24 * 60,
    "week": 7 * 24 * 60,
    "month": 30 * 24 * 60,
    "year": 365 * 24 * 60,
}

_UNITS = {
    "m": "minute",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hour": "hour",
    "hours": "hour",
    "d": "day",
    "day": "day",
    "days": "day",
    "w": "week",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}

_DURATION = re.compile(
    r"^\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<business>business\s+|working\s+)?(?P<unit>[a-z]+)\s*$",
    re.IGNORECASE,
)
_BEST_EFFORT = re.compile(r"^\s*best[\s-]+efforts?\s*$", re.IGNORECASE)


class Duration(NamedTuple):
    """An amount of a unit; `business` when it runs only in service hours."""

    amount: float
    unit: str
    business: bool = False
    best_effort: bool = False

    def minutes(self, business_day_minutes: int = 24 * 60) -> float:
        """Minutes on the duration's own clock; a business day lasts `business_day_minutes`.

        Business weeks, months and years are not used in agreements and count as calendar ones.
        Best effort has no length: it is infinite, so it sorts after every target.
        """
        if self.best_effort:
            return float("inf")
        if self.business and self.unit == "day":
            return self.amount * business_day_minutes
        return self.amount * MINUTES_PER_UNIT[self.unit]

    def __str__(self) -> str:
        if self.best_effort:
            return "best effort"
        amount = _plain_number(self.amount)
        business = "business " if self.business else ""
        plural = "" if self.amount == 1 else "s"
        return f"{amount} {business}{self.unit}{plural}"


BEST_EFFORT = Duration(0, "minute", best_effort=True)


def _plain_number(amount: float) -> str:
    """The shortest digits that read back as `amount`, never in exponent form (1.5, 1234567)."""
    text = format(Decimal(repr(amount)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_duration(value: object) -> Duration | None:
    """The duration a value states, or None when it states none (typo, prose, empty)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):  # a bare number in YAML: minutes
        return Duration(float(value), "minute") if 0 <= value < math.inf else None
    if not isinstance(value, str):
        return None
    if _BEST_EFFORT.match(value):
        return BEST_EFFORT
    match = _DURATION.match(value)
    if match is None:
        return None
    unit = _UNITS.get(match.group("unit").lower())
    if unit is None:
        return None
    business = match.group("business") is not None
    if business and unit not in ("hour", "day"):
        return None
    amount = float(match.group("amount"))
    if amount == math.inf:  # more digits than a float holds: not a length anyone means
        return None
    return Duration(amount, unit, business)
