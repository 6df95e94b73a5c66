"""Checks declare themselves: every finding is complete when made, and every family is listed."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import agreekit.checks
from agreekit.checks.registry import BY_CODE, CHECKS, FAMILIES
from agreekit.checks.run import run_checks
from agreekit.finding import Finding
from agreekit.model.loader import load_agreement
from conftest import ROOT, SAMPLE, SampleRepo


def _complete(found: Finding) -> bool:
    check = BY_CODE[found.code]
    return (found.severity, found.hint, found.name) == (check.severity, check.hint, check.name)


def test_findings_of_the_checks_are_complete_without_the_runner() -> None:
    agreement, _ = load_agreement(ROOT / "tests" / "fixtures" / "messy")
    assert agreement is not None
    found = run_checks(agreement, parallel=False)
    assert {f.severity for f in found} == {"error", "warning"}  # AK302/306/307 are warnings
    assert all(_complete(f) for f in found)


def test_findings_of_the_loader_are_complete(sample: SampleRepo) -> None:
    sample.write("agreement.yml", "term: [unclosed\n")
    agreement, found = load_agreement(sample.root)
    assert agreement is None
    assert [f.code for f in found] == ["AK901"]
    assert all(_complete(f) for f in found)


def test_every_module_that_declares_checks_is_a_listed_family() -> None:
    listed = {id(family) for family in FAMILIES}
    for module in pkgutil.iter_modules(agreekit.checks.__path__):
        family = getattr(importlib.import_module(f"agreekit.checks.{module.name}"), "FAMILY", None)
        if family is not None:
            assert id(family) in listed, f"checks/{module.name}.py is not in registry.FAMILIES"
    declared = [c.code for family in FAMILIES for c in family.checks]
    assert sorted(declared) == [c.code for c in CHECKS if c.run is not None]


def test_the_run_context_gives_the_checks_today() -> None:
    agreement, _ = load_agreement(SAMPLE.parent)
    assert agreement is not None
    meeting = agreement.records.signing.model.meeting  # type: ignore[union-attr]
    before = run_checks(agreement, parallel=False, today=meeting.date - dt.timedelta(days=1))
    after = run_checks(agreement, parallel=False, today=meeting.date + dt.timedelta(days=1))
    assert "AK224" not in {f.code for f in before}
    assert [f.message for f in after if f.code == "AK224"] == [
        f"the signing meeting ({meeting.date}) is in the past (today is "
        f"{meeting.date + dt.timedelta(days=1)}); reschedule it, or mark it held: true"
    ]
