"""Silencing findings: per line with a comment, per project or per file in agreement.yml.

Markdown: `<!-- agreekit: ignore 306 -->` on the line or the line above.
YAML: `# agreekit: ignore 105` on the line or the line above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agreekit.checks.registry import normalise_code
from agreekit.finding import Finding
from agreekit.model.agreement import Agreement

_DIRECTIVE = re.compile(r"agreekit:\s*ignore\s+((?:(?:AK)?\d{3}[\s,]*)+)", re.IGNORECASE)


def codes_on_line(text: str) -> set[str]:
    match = _DIRECTIVE.search(text)
    if not match:
        return set()
    return {
        normalise_code(code) for code in re.findall(r"(?:AK)?\d{3}", match.group(1), re.IGNORECASE)
    }


def is_suppressed(found: Finding, agreement: Agreement | None) -> bool:
    if agreement is None:
        return False
    config = agreement.file.checks
    if found.code in {normalise_code(c) for c in config.ignore}:
        return True
    relative = found.location.file.removeprefix(f"{agreement.directory}/")
    if found.code in {normalise_code(c) for c in config.per_file.get(relative, [])}:
        return True
    lines = agreement.texts.get(found.location.file, ())
    for line in (found.location.line, found.location.line - 1):
        if 1 <= line <= len(lines) and found.code in codes_on_line(lines[line - 1]):
            return True
    return False


def unsuppressed(findings: Iterable[Finding], agreement: Agreement | None) -> list[Finding]:
    return [f for f in findings if not is_suppressed(f, agreement)]
