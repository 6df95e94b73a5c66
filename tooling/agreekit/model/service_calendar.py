"""The service-hours calendar: which minutes count as business time, public holidays included.

`holidays` takes about 100 ms to import, so it is imported only when a holiday is looked up, never
by `agreekit check` on an agreement whose checks need no dates.
"""

import datetime as dt
import functools
import importlib.util
import re
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from agreekit import zones
from agreekit.model.countries import COUNTRIES, suggest_country
from agreekit.model.duration import Duration
from agreekit.model.frozen import field, frozen
from agreekit.model.section_data import ServiceHours
from agreekit.model.values import DAYS, END_OF_DAY

_REGISTRY_ENTRY = re.compile(r'"(\w+)": \("\w+", "([A-Z]{2})", "([A-Z]{3})"((?:, "[A-Z]{2,3}")*)')


def holidays_folder() -> Path | None:
    spec = importlib.util.find_spec("holidays")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def holidays_registry() -> tuple[dict[str, str], dict[str, str]]:
    """From the `holidays` registry's text: code (alpha-2, alpha-3, alias) -> alpha-2, and
    alpha-2 -> the module that defines the country. Empty when `holidays` is not installed.

    Read without importing the package (an import costs about 100 ms), and only when a country
    is checked; reading takes about 2 ms.
    """
    folder = holidays_folder()
    try:
        text = (folder / "registry.py").read_text("utf-8") if folder else ""
    except OSError:
        text = ""
    codes: dict[str, str] = {}
    modules: dict[str, str] = {}
    for module, alpha2, alpha3, aliases in _REGISTRY_ENTRY.findall(text):
        codes[alpha2] = codes[alpha3] = alpha2
        modules[alpha2] = module
        for alias in re.findall(r"[A-Z]{2,3}", aliases):
            codes.setdefault(alias, alpha2)
    return codes, modules


def holiday_countries() -> dict[str, str] | None:
    """Codes the `holidays` package knows (alpha-2, alpha-3, its aliases) -> alpha-2, or None."""
    return holidays_registry()[0] or None


_SUBDIVISIONS = re.compile(r"\n    subdivisions[^=\n]*=\s*\(([^)]*)\)")
_SUBDIVISION_ALIASES = re.compile(r"\n    subdivisions_aliases[^=\n]*=\s*\{([^}]*)\}")


def subdivisions(country: str) -> tuple[tuple[str, ...], dict[str, str]] | None:
    """The subdivision codes `holidays` has for `country`, and its aliases (England -> ENG),
    read from the country's module text; None when that cannot be read."""
    folder, module = holidays_folder(), holidays_registry()[1].get(country)
    if folder is None or module is None:
        return None
    try:
        text = (folder / "countries" / f"{module}.py").read_text("utf-8")
    except OSError:
        return None
    found = _SUBDIVISIONS.search(text)
    codes = tuple(re.findall(r'"([^"]+)"', found.group(1))) if found else ()
    aliases = _SUBDIVISION_ALIASES.search(text)
    pairs = re.findall(r'"([^"]+)":\s*"([^"]+)"', aliases.group(1)) if aliases else []
    return codes, dict(pairs)


def subdivision_problem(country: str, subdivision: str) -> str | None:
    """Why `subdivision` is not one of `country`'s holiday regions, or None (also when unknown)."""
    known = subdivisions(country)
    if known is None or subdivision in known[0]:
        return None
    codes, aliases = known
    if not codes:
        return f"{country} has no holiday subdivisions; remove subdivision '{subdivision}'"
    folded = {name.casefold(): code for name, code in aliases.items()}
    folded |= {code.casefold(): code for code in codes}
    suggestion = folded.get(subdivision.casefold())
    fix = f"use '{suggestion}'" if suggestion else f"use one of {', '.join(codes)}"
    return f"'{subdivision}' is not a holiday subdivision of {country}; {fix}"


def country_problem(country: str) -> str | None:
    """Why `country` cannot name the public holidays (not an ISO 3166 code), or None."""
    if country in COUNTRIES:
        supported = holiday_countries()
        if supported is not None and country not in supported:
            return f"no public holidays are known for '{country}'; list them in the prose instead"
        return None
    suggestion = suggest_country(country) or (holiday_countries() or {}).get(country.upper())
    if suggestion is None:
        suggestion = country.upper() if country.upper() in COUNTRIES else None
    fix = f"use '{suggestion}'" if suggestion else "use an ISO 3166-1 alpha-2 code such as GB or DE"
    return f"'{country}' is not an ISO 3166 country code; {fix}"


def calendar_problems(hours: ServiceHours) -> list[tuple[str, str]]:
    """What makes the calendar unusable, as (field, message) pairs; empty when it is sound."""
    problems: list[tuple[str, str]] = []
    zone_problem = zones.zone_problem(hours.timezone)
    if zone_problem:
        problems.append(("timezone", zone_problem))
    unknown = [day for day in hours.days if day.weekday is None]
    if unknown or not hours.days:
        written = tuple(day.text for day in hours.days) or "none"
        problems.append(("days", f"service days must be among {', '.join(DAYS)} (got {written})"))
    start, end = hours.start.minute, hours.end.minute
    if start is None or end is None or start == END_OF_DAY:
        problems.append(
            ("start", "start and end must be times of day such as 08:00 and 18:00 (or 24:00)")
        )
    elif start >= end:
        problems.append(
            ("end", f"service hours end ({hours.end}) before they start ({hours.start})")
        )
    if hours.holidays is not None:
        problem = country_problem(hours.holidays.country)
        if problem:
            problems.append(("holidays.country", problem))
        elif hours.holidays.subdivision:
            problem = subdivision_problem(hours.holidays.country, hours.holidays.subdivision)
            if problem:
                problems.append(("holidays.subdivision", problem))
    return problems


def covers_whole_week(hours: ServiceHours) -> bool:
    """Whether the service hours are every minute of every day (00:00-24:00, seven days)."""
    days = {day.weekday for day in hours.days}
    return days >= set(range(7)) and hours.start.minute == 0 and hours.end.minute == END_OF_DAY


def business_day_minutes(hours: ServiceHours) -> int:
    """Length of one business day: a target of `1 business day` is this many business minutes."""
    start, end = hours.start.minute, hours.end.minute
    if start is None or end is None or start >= end:
        return 0
    return end - start


@frozen
class BusinessCalendar:
    hours: ServiceHours
    _holiday_cache: dict[int, Any] = field(default_factory=dict, compare=False)

    @cached_property
    def zone(self) -> ZoneInfo:
        return zones.zone(self.hours.timezone)

    @cached_property
    def weekdays(self) -> frozenset[int]:
        return frozenset(day.weekday for day in self.hours.days if day.weekday is not None)

    def is_holiday(self, day: dt.date) -> bool:
        if self.hours.holidays is None:
            return False
        if day.year not in self._holiday_cache:
            from agreekit.model.holiday_tables import country_table  # imports `holidays`

            self._holiday_cache[day.year] = country_table(
                self.hours.holidays.country, self.hours.holidays.subdivision or None, day.year
            )
        return day in self._holiday_cache[day.year]

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and not self.is_holiday(day)

    def _bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        start, end = self.hours.start.minute, self.hours.end.minute
        assert start is not None and end is not None  # calendar_problems reports bad times
        # Wall-clock times of the day, so a day with a clock change keeps its opening hours.
        opening = dt.datetime.combine(day, dt.time(start // 60, start % 60), self.zone)
        closing = (
            dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), self.zone)
            if end == END_OF_DAY
            else dt.datetime.combine(day, dt.time(end // 60, end % 60), self.zone)
        )
        return opening, closing

    def add(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """When a target of `duration` that starts at `start` (time-zone aware) falls due.

        Calendar durations are plain elapsed time. Business durations run only inside service
        hours on business days, so a 4-hour target logged at 17:00 on a Friday falls due on the
        next business day.
        """
        if not duration.business:
            return start + dt.timedelta(minutes=duration.minutes())
        remaining = dt.timedelta(minutes=duration.minutes(business_day_minutes(self.hours)))
        moment = start.astimezone(self.zone)
        day = moment.date()
        for _ in range(3660):  # ten years of days: a bound, so a bad calendar cannot loop forever
            if self.is_business_day(day):
                open_at, close_at = self._bounds(day)
                begin = max(moment, open_at)
                if begin < close_at:
                    if begin + remaining <= close_at:
                        return begin + remaining
                    remaining -= close_at - begin
            day += dt.timedelta(days=1)
        raise ValueError("no business time in ten years: check the service days and holidays")


def elapsed_minutes(duration: Duration, hours: ServiceHours | None) -> float:
    """About how long `duration` lasts on the wall clock: 60 business days are 12 weeks of a
    five-day calendar. For notices and periods, compared with other lengths, not for deadlines.
    """
    if not duration.business:
        return duration.minutes()
    day_minutes = business_day_minutes(hours) if hours is not None else 0
    days = len({d.weekday for d in hours.days if d.weekday is not None}) if hours is not None else 5
    business_days = duration.minutes(day_minutes or 24 * 60) / (day_minutes or 24 * 60)
    return business_days * 7 / (days or 5) * 24 * 60
