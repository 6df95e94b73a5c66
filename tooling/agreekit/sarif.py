"""Findings as SARIF 2.1.0, the format GitHub code scanning reads: one run, every check a rule.

Each rule carries the check's name, summary and its `agreekit explain` text (what it looks for,
why, the fix), so a finding in code scanning explains itself without the command line.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from agreekit import __version__
from agreekit.checks.registry import CHECKS
from agreekit.finding import Finding, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/agreekit/agreekit"
LEVELS = {"error": "error", "warning": "warning"}  # anything else is a note


def _level(severity: str) -> str:
    return LEVELS.get(severity, "note")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _rule(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor: the rule's summary, and its `agreekit explain` page as help."""
    explanation = rule.explanation
    what, why = _flat(explanation.what), _flat(explanation.why)
    fix = _flat(explanation.fix) or rule.hint
    help_text = "\n\n".join(part for part in (what, why, f"Fix: {fix}") if part)
    markdown = [f"**{rule.code} {rule.name}**", what, f"*Why it matters:* {why}" if why else ""]
    if explanation.example:
        markdown.append(f"Example:\n\n```\n{explanation.example.rstrip()}\n```")
    markdown.append(f"*Fix:* {fix}")
    if explanation.fixed:
        markdown.append(f"```\n{explanation.fixed.rstrip()}\n```")
    markdown.append(f"Silence it on one line with `agreekit: ignore {rule.code[2:]}` in a comment.")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what or rule.summary},
        "help": {"text": help_text, "markdown": "\n\n".join(p for p in markdown if p)},
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": {"tags": ["agreement"]},
    }


def _result(found: Finding, rule_index: Mapping[str, int]) -> dict[str, Any]:
    location = found.location
    result: dict[str, Any] = {
        "ruleId": found.code,
        "level": _level(found.severity),
        "message": {"text": found.message},  # the rule's help holds the fix
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": urllib.parse.quote(location.file)},
                    "region": {
                        "startLine": max(location.line, 1),
                        "startColumn": max(location.col, 1),
                    },
                }
            }
        ],
    }
    if found.code in rule_index:
        result["ruleIndex"] = rule_index[found.code]
    return result


def as_sarif(findings: Sequence[Finding]) -> str:
    """The SARIF log of `findings`, with every check as a rule."""
    rules = [_rule(check.rule) for check in CHECKS]
    rule_index = {check.code: index for index, check in enumerate(CHECKS)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "agreekit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": [_result(found, rule_index) for found in findings],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
