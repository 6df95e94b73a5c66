"""Typed durations as agreements write them: `15m`, `4h`, `2 business days`, `best effort`, compound
(`3 hours 36 minutes`, `1 day and 4 hours`) and ISO 8601 (`PT4H`, `P1DT2H`).

Parsing is explicit: a text that is not one of the forms below is not a duration (None), never a
guess. A compound duration names each unit once, largest first. Business time is measured on the
service-hours calendar, so converting it to minutes needs the length of a business day.
"""

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

_PART = re.compile(
    r"\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<business>business\s+|working\s+)?(?P<unit>[a-z]+)\s*"
    r"(?:,\s*|and\s+|(?=\d)|$)",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"^P(?!$)(?:(?P<year>\d+(?:\.\d+)?)Y)?(?:(?P<month>\d+(?:\.\d+)?)M)?(?:(?P<week>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<day>\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(?P<hour>\d+(?:\.\d+)?)H)?"
    r"(?:(?P<minute>\d+(?:\.\d+)?)M)?)?$"
)
_ORDER = ("year", "month", "week", "day", "hour", "minute")
_BUSINESS_UNITS = ("day", "hour", "minute")
_BEST_EFFORT = re.compile(r"^\s*best[\s-]+efforts?\s*$", re.IGNORECASE)
_BOUNDED_BEST_EFFORT = re.compile(
    r"^\s*best[\s-]+efforts?,?\s+(?:within|in|up\s+to)\s+(?P<bound>.+)$", re.IGNORECASE
)


class Duration(NamedTuple):
    """An amount of a unit; `business` when it runs only in service hours."""

    amount: float
    unit: str
    business: bool = False
    best_effort: bool = False
    more: tuple[tuple[float, str], ...] = ()  # the further parts of `3 hours 36 minutes`

    @property
    def parts(self) -> tuple[tuple[float, str], ...]:
        return ((self.amount, self.unit), *self.more)

    @property
    def bounded(self) -> bool:
        """Best effort with a limit, `best effort within 8 hours`: it lasts as long as its limit."""
        return self.best_effort and any(amount > 0 for amount, _ in self.parts)

    def minutes(self, business_day_minutes: int = 24 * 60) -> float:
        """Minutes on the duration's own clock; a business day lasts `business_day_minutes`.

        Business weeks, months and years are not used in agreements and count as calendar ones.
        Best effort has no length: it is infinite, so it sorts after every target. Best effort
        within a limit lasts as long as the limit.
        """
        if self.best_effort and not self.bounded:
            return float("inf")
        total = 0.0
        for amount, unit in self.parts:
            if self.business and unit == "day":
                total += amount * business_day_minutes
            else:
                total += amount * MINUTES_PER_UNIT[unit]
        return total

    def __str__(self) -> str:
        if self.best_effort:
            bound = str(self._replace(best_effort=False)) if self.bounded else ""
            return f"best effort within {bound}" if bound else "best effort"
        business = "business " if self.business else ""
        words = []
        for amount, unit in self.parts:
            plural = "" if amount == 1 else "s"
            words.append(f"{_plain_number(amount)} {business}{unit}{plural}")
        return " ".join(words)


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
    bounded = _BOUNDED_BEST_EFFORT.match(value)
    if bounded is not None:
        bound = parse_duration(bounded.group("bound"))
        if bound is None or bound.best_effort or bound.minutes() == 0:  # no limit at all
            return None
        return bound._replace(best_effort=True)
    text = value.strip()
    iso = _ISO.match(text.upper())  # designators are upper case; pt4h is read the same
    if iso is not None:
        return _combine([(float(iso.group(u)), u, False) for u in _ORDER if iso.group(u)])
    parts: list[tuple[float, str, bool]] = []
    position = 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None or match.end() == position:
            return None
        unit = _UNITS.get(match.group("unit").lower())
        if unit is None:
            return None
        parts.append((float(match.group("amount")), unit, match.group("business") is not None))
        position = match.end()
    return _combine(parts)


def _combine(parts: list[tuple[float, str, bool]]) -> Duration | None:
    """One duration of the parts, each unit once and largest first; business time in hours or days."""
    if not parts:
        return None
    units = [unit for _, unit, _ in parts]
    ranks = [_ORDER.index(unit) for unit in units]
    if ranks != sorted(set(ranks)):
        return None
    business = any(flag for _, _, flag in parts)
    if business and any(unit not in _BUSINESS_UNITS for unit in units):
        return None
    if any(amount == math.inf for amount, _, _ in parts):  # more digits than a float holds
        return None
    (amount, unit, _), *rest = parts
    return Duration(amount, unit, business, more=tuple((a, u) for a, u, _ in rest))
