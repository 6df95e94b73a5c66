"""Starting the next cycle after a release: the new cycle's record templates, and a renewed term.

An amendment or a renewal keeps its records in `records/VERSION/`, the version it is released as;
the released cycles' records stay where they are. Pure: texts and dates in, texts and dates out.
"""

from __future__ import annotations

import datetime as dt
import re

from agreekit.model.key_dates import shift
from agreekit.model.records import RECORD_FILES
from agreekit.model.schemas import record_schema_name
from agreekit.model.values import WrittenDuration
from agreekit.templates import template

MODELINE = "# yaml-language-server: $schema="


def _modeline(name: str, first_record_line: str | None) -> str:
    """The schema line of a record one folder deeper than the first version's: its relative path
    gains a `../`; without one to follow, the `schemas/` folder `agreekit init` writes."""
    if first_record_line is not None and first_record_line.startswith(MODELINE):
        path = first_record_line.removeprefix(MODELINE).strip()
        if path and "://" not in path and not path.startswith("/"):
            return f"{MODELINE}../{path}\n"
        if path:
            return f"{MODELINE}{path}\n"
    return f"{MODELINE}../../../schemas/{record_schema_name(name)}\n"


def cycle_record_files(first_lines: dict[str, str | None]) -> dict[str, str]:
    """record file name -> text of a new cycle's commented record templates (read as not
    started until filled); `first_lines` holds each first version's record's first line."""
    return {
        name: _modeline(name, first_lines.get(name)) + template(f"records/{name}")
        for name in RECORD_FILES
    }


class RenewalError(ValueError):
    """The agreement's renewal terms do not say how long a renewal lasts."""


def renewed_end(end: dt.date, period: WrittenDuration) -> dt.date:
    """The last day of the renewed term: the current end moved by one renewal period (as loaded:
    `term.renewal.period`, read once at load)."""
    duration = period.value
    if not str(period).strip():
        raise RenewalError(
            "the agreement does not say how long a renewal lasts; add term.renewal.period "
            "(e.g. `period: 12 months`) to agreement.yml"
        )
    if duration is None or duration.best_effort or duration.business:
        raise RenewalError(
            f"term.renewal.period '{period}' is not a length of time a term renews for; "
            "write it as months or years, e.g. 12 months"
        )
    if duration.minutes() < 24 * 60 or any(amount != int(amount) for amount, _ in duration.parts):
        raise RenewalError(
            f"term.renewal.period '{period}' is not a whole number of days, weeks, months or "
            "years; write it as, e.g., 12 months"
        )
    return shift(end, duration, 1, None)


def with_end_date(text: str, line: int, old: dt.date, new: dt.date) -> str | None:
    """agreement.yml's text with the end date on `line` (1-based) replaced, comments and layout
    kept; None when that line does not hold the old date."""
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    changed, count = re.subn(rf"\b{old.isoformat()}\b", new.isoformat(), lines[line - 1], count=1)
    if not count:
        return None
    lines[line - 1] = changed
    return "\n".join(lines)
