"""`agreekit explain`: every registered check explains itself the way ruff's rule pages do."""

from __future__ import annotations

import pytest

from agreekit.checks.registry import CHECKS
from agreekit.commands.explain import explanations
from conftest import ROOT, run_cli


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_check_has_an_explanation(check: object) -> None:
    explanation = explanations()[check.code]  # type: ignore[attr-defined]
    for key in ("what", "why", "example", "fix"):
        assert explanation[key].strip(), f"{check.code} lacks {key}"  # type: ignore[attr-defined]
    assert check.hint  # type: ignore[attr-defined]


def test_no_explanation_without_a_check() -> None:
    assert set(explanations()) == {c.code for c in CHECKS}


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
