"""`agreekit check --format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, run_cli

SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text("utf-8")
)
MESSY = ROOT / "tests" / "fixtures" / "messy"


def validate(log: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    return [error.message for error in validator.iter_errors(log)]


def sarif(repo: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", "--format", "sarif", cwd=repo)
    return result.returncode, json.loads(result.stdout)


def test_findings_are_valid_sarif_with_rules_from_the_explanations() -> None:
    code, log = sarif(MESSY)
    assert code == 1
    assert validate(log) == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "agreekit"
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["AK101"]["name"] == "required-section-missing"
    assert "must exist as `agreement/sections/<id>.md`" in by_id["AK101"]["help"]["text"]
    explained = run_cli("explain", "105", cwd=MESSY).stdout
    assert by_id["AK105"]["shortDescription"]["text"] in explained
    assert by_id["AK105"]["help"]["markdown"].startswith("**AK105 ")

    as_json = json.loads(run_cli("check", "--format", "json", cwd=MESSY).stdout)["findings"]
    results = run["results"]
    assert len(results) == len(as_json) > 0
    for result, plain in zip(results, as_json, strict=True):
        assert result["ruleId"] == plain["code"]
        assert rules[result["ruleIndex"]]["id"] == plain["code"]
        region = result["locations"][0]["physicalLocation"]
        assert region["artifactLocation"]["uri"] == plain["file"]
        assert region["region"]["startLine"] == plain["line"]
        assert result["message"]["text"] == plain["message"]
        assert result["level"] == ("error" if plain["severity"] == "error" else "warning")


def test_a_clean_agreement_is_a_valid_log_without_results() -> None:
    code, log = sarif(ROOT)
    assert code == 0
    assert validate(log) == []
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) > 40


@pytest.mark.parametrize("breakage", ["version", "results-level", "region"])
def test_the_schema_rejects_a_broken_log(breakage: str) -> None:
    _, log = sarif(MESSY)
    result = log["runs"][0]["results"][0]
    if breakage == "version":
        log["version"] = "2.0"
    elif breakage == "results-level":
        result["level"] = "fatal"
    else:
        result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert validate(log)
