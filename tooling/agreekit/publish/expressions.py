"""Check and render a section's template without Jinja, where it uses only simple expressions.

Sections almost always use four forms: `{{ a.b.c }}` (optionally `| duration`), `{{ table("x") }}`,
`{{ ref("x#y") }}` and `{{ signature_block() }}`. For those, `problems` finds exactly what the
sandboxed render would reject, with the same messages, and `render` gives exactly what it would
output, so neither `check` nor publishing need compile Jinja. Anything else (statements, other
filters, subscripts, expressions across lines, a value that is missing) makes them answer None,
and the caller renders with Jinja, which then also reports the error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from agreekit.publish.context import UNDEFINED_ADVICE
from agreekit.publish.tables import duration

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
    if "{{" not in source:
        return []
    # The pattern does not cross lines, so one scan of the text finds what a scan per line would.
    matches = list(_EXPRESSION.finditer(source))
    if source.count("{{") != sum(match.group(0).count("{{") for match in matches):
        return None  # an expression left open on its line, or nested: Jinja's to judge
    found: list[TemplateProblem] = []
    line, position = 1, 0
    for match in matches:
        message = _problem(match.group(0), match.group(1), context, table)
        if message is None:
            return None
        if message:
            line += source.count("\n", position, match.start())
            position = match.start()
            found.append(TemplateProblem(line, message))
    return found


class _Unsure(Exception):
    """Only Jinja can render this expression (or report why it cannot)."""


def render(
    source: str, context: dict[str, Any], functions: dict[str, Callable[..., str]]
) -> str | None:
    """`source` with every expression replaced by its value as Jinja prints it, or None.

    `functions` holds `table`, `ref` and `signature_block`; if one raises, the answer is None, so
    that Jinja renders the template and reports the error at its line.
    """
    if "{%" in source or "{##" in source:
        return None
    lines = source.split("\n")
    try:
        for index, line in enumerate(lines):
            if "{{" in line:
                if "{{" in _EXPRESSION.sub("", line):
                    return None
                lines[index] = _EXPRESSION.sub(
                    lambda m: _rendered(m.group(1), context, functions), line
                )
    except _Unsure:
        return None
    return "\n".join(lines)


def _rendered(inner: str, context: dict[str, Any], functions: dict[str, Callable[..., str]]) -> str:
    try:
        if _SIGNATURES.match(inner):
            return str(functions["signature_block"]())
        call = _CALL.match(inner)
        if call:
            argument = call.group(2) if call.group(2) is not None else call.group(3)
            return str(functions[call.group(1)](argument))
    except Exception as error:  # the function's own error: Jinja reports it with its line
        raise _Unsure from error
    path = _PATH.match(inner)
    if not path:
        raise _Unsure
    value = context.get(path.group(1).split(".")[0], _MISSING)
    for part in path.group(1).split(".")[1:]:
        if value is _MISSING or hasattr(value, part) or not isinstance(value, dict):
            raise _Unsure
        value = value.get(part, _MISSING)
    if value is _MISSING:
        raise _Unsure
    return duration(value) if "|" in inner else str(value)


_MISSING: Any = object()


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
