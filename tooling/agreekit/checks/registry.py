"""The list of check families; each family module declares its checks beside their functions.

A family module holds `FAMILY = Family()` and, above each check function, its `Rule` (code, name,
severity, summary, hint, explanation) and `@FAMILY.check(RULE)`. Adding a check is one change to its
family module; adding a family is one line here.
"""

from __future__ import annotations

from agreekit.checks import (
    capitalised,
    clause_numbers,
    credits,
    escalation,
    governance,
    legal_text,
    prose_figures,
    records,
    secrets,
    service_levels,
    structure,
    templates,
    terms,
    unsafe_content,
)
from agreekit.checks.family import Check, Family
from agreekit.model import problems

FAMILIES: tuple[Family, ...] = (
    structure.FAMILY,
    records.FAMILY,
    service_levels.FAMILY,
    credits.FAMILY,
    escalation.FAMILY,
    terms.FAMILY,
    legal_text.FAMILY,
    capitalised.FAMILY,
    clause_numbers.FAMILY,
    prose_figures.FAMILY,
    templates.FAMILY,
    governance.FAMILY,
    unsafe_content.FAMILY,
    secrets.FAMILY,
)

_LOADER = Family()
_LOADER.reported_elsewhere(*problems.RULES)

CHECKS: tuple[Check, ...] = tuple(
    sorted((c for f in (*FAMILIES, _LOADER) for c in f.checks), key=lambda c: c.code)
)

BY_CODE: dict[str, Check] = {check.code: check for check in CHECKS}


def normalise_code(code: str | int) -> str:
    """`306`, `ak306` and `AK306` all name check AK306."""
    text = str(code).strip().upper()
    return text if text.startswith("AK") else f"AK{text}"
