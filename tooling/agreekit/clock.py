"""Today's date for checks that compare with it, settable so tests and reruns are repeatable.

`AGREEKIT_TODAY=2027-01-15 agreekit check` checks as if it were that day. A value that is not an
ISO date stops the command (a usage error): ignoring it would check against the wrong day.
"""

from __future__ import annotations

import datetime as dt
import os

VARIABLE = "AGREEKIT_TODAY"


def today_problem() -> str:
    """Why AGREEKIT_TODAY is no usable date ("" when it is unset or one)."""
    fixed = os.environ.get(VARIABLE, "").strip()
    if not fixed:
        return ""
    try:
        day = dt.date.fromisoformat(fixed) if len(fixed) == 10 else None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 9000:
        shown = fixed if len(fixed) <= 40 else fixed[:40] + "..."
        return (
            f"{VARIABLE}={shown!r} is not a date; write it as YYYY-MM-DD (e.g. 2027-01-15), "
            "or unset it to use today's date"
        )
    return ""


def today() -> dt.date:
    fixed = os.environ.get(VARIABLE, "").strip()
    if fixed:
        problem = today_problem()
        if problem:
            from agreekit.errors import Failure

            raise Failure(problem)
        return dt.date.fromisoformat(fixed)
    return dt.date.today()
