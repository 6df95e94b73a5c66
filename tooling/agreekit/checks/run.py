"""Run every registered check over an agreement and return the findings to report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from agreekit.checks.registry import CHECKS, enrich
from agreekit.checks.suppress import unsuppressed
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement
from agreekit.model.loader import load_agreement


class CheckResult(NamedTuple):
    agreement: Agreement | None
    findings: list[Finding]
    loaded: bool


def run_checks(agreement: Agreement, select: Iterable[str] | None = None) -> list[Finding]:
    wanted = set(select) if select else None
    found: list[Finding] = []
    for check in CHECKS:
        if check.run is not None and (wanted is None or check.code in wanted):
            found.extend(check.run(agreement))
    return found


def check_repository(repo: Path, directory: str = "agreement") -> CheckResult:
    """Load and check; input findings come first, and checks run only on what loaded."""
    agreement, load_findings = load_agreement(repo, directory)
    found = list(load_findings)
    if agreement is not None:
        found += run_checks(agreement)
    unique = without_noise_at_placeholders(
        {(f.code, f.location, f.message): f for f in found}.values()
    )
    findings = sorted(
        (enrich(f) for f in unsuppressed(unique, agreement)), key=lambda f: f.sort_key
    )
    could_not_load = agreement is None or any(f.code.startswith("AK9") for f in findings)
    return CheckResult(agreement, findings, not could_not_load)


def without_noise_at_placeholders(findings: Iterable[Finding]) -> list[Finding]:
    """A placeholder (AK105) stands for a value not yet written: other checks of it are noise."""
    found = list(findings)
    blanks = {(f.location.file, f.location.line) for f in found if f.code == "AK105"}
    return [
        f for f in found if f.code == "AK105" or (f.location.file, f.location.line) not in blanks
    ]
