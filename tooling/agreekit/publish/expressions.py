"""Check a section's template without Jinja, where it uses only the simple expressions.

Sections almost always use four forms: `{{ a.b.c }}` (optionally `| duration`), `{{ table("x") }}`,
`{{ ref("x#y") }}` and `{{ signature_block() }}`. For those this module finds exactly what the
sandboxed render would reject, with the same messages, so `check` need not import and compile
Jinja. Anything else (statements, other filters, subscripts, expressions across lines) makes
`problems` answer None, and the caller renders with Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from agreekit.publish.context import UNDEFINED_ADVICE

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PATH = re.compile(rf"\s*({_NAME}(?:\.{_NAME})*)\s*(?:\|\s*duration\s*)?$")
_CALL = re.compile(r"""\s*(table|ref)\(\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\)\s*$""")
_SIGNATURES = re.compile(r"\s*signature_block\(\s*\)\s*$")


class TemplateProblem(NamedTuple):
    line: int  # 1-based line within the template
    message: str


def problems(
    source: str, context: dict[str, Any], table: Callable[[str], str | None]
) -> list[TemplateProblem] | None:
    """What rendering `source` would fail on, or None if only Jinja can tell.

    `table(name)` answers an error message for a table that cannot be made, else None.
    """
    if "{%" in source or "{##" in source:
        return None
    found: list[TemplateProblem] = []
    for number, line in enumerate(source.split("\n"), start=1):
        if "{{" not in line:
            continue
        if "{{" in _EXPRESSION.sub("", line):
            return None  # unclosed here, or closed on a later line: Jinja's to judge
        for match in _EXPRESSION.finditer(line):
            message = _problem(match.group(0), match.group(1), context, table)
            if message is None:
                return None
            if message:
                found.append(TemplateProblem(number, message))
    return found


def _problem(
    whole: str, inner: str, context: dict[str, Any], table: Callable[[str], str | None]
) -> str | None:
    """'' when the expression renders, a message when it cannot, None when unsure."""
    if _SIGNATURES.match(inner):
        return ""
    call = _CALL.match(inner)
    if call:
        name = call.group(2) if call.group(2) is not None else call.group(3)
        # Broken references are AK304's; AK308 reports only tables.
        return (table(name) or "") if call.group(1) == "table" else ""
    path = _PATH.match(inner)
    if not path:
        return None
    return _lookup(whole, path.group(1).split("."), context)


def _lookup(whole: str, parts: list[str], context: dict[str, Any]) -> str | None:
    if parts[0] not in context:
        return f"{whole}: '{parts[0]}' is undefined; {UNDEFINED_ADVICE}"
    value = context[parts[0]]
    for part in parts[1:]:
        if hasattr(value, part):
            return None  # an attribute such as dict.items: Jinja's sandbox decides
        if not isinstance(value, dict) or part not in value:
            kind = "dict" if isinstance(value, dict) else type(value).__name__
            kind = "None" if value is None else f"{kind} object"
            return f"{whole}: '{kind}' has no attribute '{part}'; {UNDEFINED_ADVICE}"
        value = value[part]
    return ""
