"""The values a section's template can read: `title`, `reference`, `parties`, `term`, `variables`
and `data`. Kept apart from Jinja so `check` can read templates without importing it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from agreekit.model import formats
from agreekit.model.agreement import Agreement
from agreekit.model.typed import plain

UNDEFINED_ADVICE = (
    "check the spelling, or add the value to agreement.yml or the front matter "
    "(docs/authoring.md lists the variables)"
)


def readable(value: Any) -> Any:
    """Dates read as `1 February 2027` in prose; everything else as written."""
    if isinstance(value, dt.date):
        return formats.date(value)
    if isinstance(value, dict):
        return {key: readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [readable(item) for item in value]
    return value


def template_context(agreement: Agreement) -> dict[str, Any]:
    file = plain(agreement.file)
    return {
        "title": file["title"],
        "reference": file["reference"],
        "parties": readable(file["parties"]),
        "term": readable(file["term"]),
        "variables": readable(file["variables"]),
        "data": readable(agreement.section_data()),
    }
