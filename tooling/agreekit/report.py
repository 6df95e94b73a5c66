"""Findings as text for people, JSON for programs, and GitHub workflow commands for annotations."""

from __future__ import annotations

from collections.abc import Sequence

from agreekit.finding import Finding


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def folders_of(findings: Sequence[Finding]) -> str:
    """Where the findings are: their files' top folders, as `agreement/ and .github/`."""
    tops = dict.fromkeys(
        f.location.file.split("/", 1)[0] + ("/" if "/" in f.location.file else "") for f in findings
    )
    names = list(tops)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def as_text(findings: Sequence[Finding], checked: str) -> str:
    """One line per finding, then a summary that counts errors and warnings where they are."""
    lines = [
        f"{f.location.file}:{f.location.line}:{f.location.col}: {f.code} {f.message}"
        for f in findings
    ]
    if findings:
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        counted = " and ".join(
            _count(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n
        )
        lines.append(
            f"Found {counted} in {folders_of(findings)}. "
            "`agreekit explain CODE` tells how to fix each."
        )
    else:
        lines.append(f"{checked}: no findings.")
    return "\n".join(lines)


def as_json(findings: Sequence[Finding]) -> str:
    import json  # only for this format: text, the default, needs none

    items = [
        {
            "code": f.code,
            "name": f.name,
            "severity": f.severity,
            "file": f.location.file,
            "line": f.location.line,
            "column": f.location.col,
            "message": f.message,
            "fix": f.hint,
        }
        for f in findings
    ]
    return json.dumps({"version": 1, "count": len(items), "findings": items}, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Sequence[Finding]) -> str:
    """Workflow commands (`::error file=...::message`) that GitHub shows as annotations on the PR."""
    lines = []
    for f in findings:
        level = "error" if f.severity == "error" else "warning"
        name = f.name or f.code
        properties = ",".join(
            [
                f"file={_escape_property(f.location.file)}",
                f"line={f.location.line}",
                f"col={f.location.col}",
                f"title={_escape_property(f'{f.code} {name}')}",
            ]
        )
        body = f"{f.message}\n{f.hint}" if f.hint else f.message
        lines.append(f"::{level} {properties}::{_escape_data(body)}")
    return "\n".join(lines)
