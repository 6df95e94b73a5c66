"""Today's date for checks that compare with it, settable so tests and reruns are repeatable.

`AGREEKIT_TODAY=2027-01-15 agreekit check` checks as if it were that day.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    fixed = os.environ.get("AGREEKIT_TODAY", "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass  # an unreadable override is ignored rather than failing every check
    return dt.date.today()
