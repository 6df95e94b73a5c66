"""`agreekit explain`: every registered check explains itself the way ruff's rule pages do."""

from __future__ import annotations

import pytest

from agreekit.checks.family import Check
from agreekit.checks.registry import CHECKS
from conftest import ROOT, run_cli


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_check_declares_its_explanation(check: Check) -> None:
    explanation = check.rule.explanation
    for key in ("what", "why", "example", "fix"):
        assert getattr(explanation, key).strip(), f"{check.code} lacks {key}"
    assert check.hint and check.summary and check.name
    assert check.severity in ("error", "warning")


def test_codes_and_names_are_unique() -> None:
    assert len({c.code for c in CHECKS}) == len({c.name for c in CHECKS}) == len(CHECKS)


def test_explain_prints_what_why_example_fix() -> None:
    result = run_cli("explain", "102", cwd=ROOT)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("AK102 required-field-missing (error)")
    positions = [out.index(title) for title in ("What it does", "Why it matters", "Example", "Fix")]
    assert positions == sorted(positions)
    # how a profile describes a P1-P3, a Sev1-Sev5 and a named-level scheme
    assert "priorities: [P1, P2, P3]" in out
    assert "priorities: [Sev1, Sev2, Sev3, Sev4, Sev5]" in out
    assert "{id: urgent, name: Urgent}" in out


def test_explain_by_name_and_unknown_code() -> None:
    assert run_cli("explain", "duplicate-key", cwd=ROOT).stdout.startswith("AK902")
    unknown = run_cli("explain", "999", cwd=ROOT)
    assert unknown.returncode == 2
    assert "agreekit explain --list" in unknown.stderr


def test_explain_list_names_every_code() -> None:
    out = run_cli("explain", "--list", cwd=ROOT).stdout
    assert [line.split()[0] for line in out.splitlines()] == [c.code for c in CHECKS]
