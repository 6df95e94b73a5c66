"""Check and render a section's template without Jinja, where it uses only simple expressions.

Sections almost always use four forms: `{{ a.b.c }}` (optionally `| duration`), `{{ table("x") }}`,
`{{ ref("x#y") }}` and `{{ signature_block() }}`. For those, `problems` finds exactly what the
sandboxed render would reject, with the same messages, and `render` gives exactly what it would
output, so neither `check` nor publishing need compile Jinja. Anything else (statements, other
filters, subscripts, expressions across lines, a value that is missing) makes them answer None,
and the caller renders with Jinja, which then also reports the error.
"""

import functools
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from agreekit.model.formats import duration
from agreekit.text.context import UNDEFINED_ADVICE

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_PATH = re.compile(rf"\s*({_NAME}(?:\.{_NAME})*)\s*(?:\|\s*duration\s*)?$")
_CALL = re.compile(r"""\s*(table|ref)\(\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\)\s*$""")
_SIGNATURES = re.compile(r"\s*signature_block\(\s*\)\s*$")


class TemplateProblem(NamedTuple):
    line: int  # 1-based line within the template
    message: str


class _Expression(NamedTuple):
    """One `{{ ... }}` of a simple form: a call of `function`, or a value `path` to print."""

    text: str  # as written, braces included: messages quote it
    function: str  # "signature_block", "table" or "ref"; "" for a value
    argument: str  # the table or reference a call names
    path: tuple[str, ...]  # a value's names, e.g. ("data", "costs", "currency")
    duration: bool  # the value goes through `| duration`


def problems(
    source: str, context: dict[str, Any], table: Callable[[str], str | None]
) -> list[TemplateProblem] | None:
    """What rendering `source` would fail on, or None if only Jinja can tell.

    `table(name)` answers an error message for a table that cannot be made, else None.
    """
    expressions = _expressions(source)
    if expressions is None:
        return None
    found: list[TemplateProblem] = []
    line, position = 1, 0
    for start, expression in expressions:
        if expression is None:
            return None
        message: str | None = ""  # None: only Jinja can tell
        if expression.function == "table":  # broken references are AK304's, not AK308's
            message = table(expression.argument) or ""
        elif not expression.function:
            message = _lookup(expression, context)[1]
        if message is None:
            return None
        if message:
            line += source.count("\n", position, start)
            position = start
            found.append(TemplateProblem(line, message))
    return found


def render(
    source: str, context: dict[str, Any], functions: dict[str, Callable[..., str]]
) -> str | None:
    """`source` with every expression replaced by its value as Jinja prints it, or None.

    `functions` holds `table`, `ref` and `signature_block`; if one raises, or a value is missing,
    the answer is None, so that Jinja renders the template and reports the error at its line.
    """
    expressions = _expressions(source)
    if expressions is None:
        return None
    pieces, position = [], 0
    for start, expression in expressions:
        if expression is None:
            return None
        if expression.function:
            try:
                call = functions[expression.function]
                text = str(
                    call()
                    if expression.function == "signature_block"
                    else call(expression.argument)
                )
            except Exception:  # the function's own error: Jinja reports it with its line
                return None
        else:
            value = _lookup(expression, context)[0]
            if value is _MISSING:
                return None
            text = duration(value) if expression.duration else str(value)
        pieces += [source[position:start], text]
        position = start + len(expression.text)
    return "".join([*pieces, source[position:]])


def only_simple(source: str) -> bool:
    """True if every expression in `source` is one of the simple forms (no statements): its
    output is then values, tables, references and signatures, nothing the text itself builds."""
    found = _expressions(source)
    return found is not None and all(expression is not None for _, expression in found)


# Kept for the texts read last: `check` reads each section's template twice (AK308 and AK501).
@functools.lru_cache(maxsize=4096)
def _expressions(source: str) -> tuple[tuple[int, _Expression | None], ...] | None:
    """Each `{{ ... }}` with its offset and form (None: not a simple form), or None if the template
    has statements, comments, or an expression left open on its line."""
    if "{%" in source or "{##" in source:
        return None
    if "{{" not in source:
        return ()
    # The pattern does not cross lines, so one scan of the text finds what a scan per line would.
    matches = list(_EXPRESSION.finditer(source))
    if source.count("{{") != sum(match.group(0).count("{{") for match in matches):
        return None  # an expression left open on its line, or nested: Jinja's to judge
    return tuple((match.start(), _parse(match.group(0), match.group(1))) for match in matches)


def _parse(text: str, inner: str) -> _Expression | None:
    if _SIGNATURES.match(inner):
        return _Expression(text, "signature_block", "", (), False)
    call = _CALL.match(inner)
    if call:
        argument = call.group(2) if call.group(2) is not None else call.group(3)
        return _Expression(text, call.group(1), argument, (), False)
    path = _PATH.match(inner)
    if path:
        return _Expression(text, "", "", tuple(path.group(1).split(".")), "|" in inner)
    return None


_MISSING: Any = object()


def _lookup(expression: _Expression, context: dict[str, Any]) -> tuple[Any, str | None]:
    """The value, and "" ; or _MISSING and the sandbox's message (None when only it can tell)."""
    first, *rest = expression.path
    if first not in context:
        return _MISSING, f"{expression.text}: '{first}' is undefined; {UNDEFINED_ADVICE}"
    value = context[first]
    for part in rest:
        if hasattr(value, part):
            return _MISSING, None  # an attribute such as dict.items: Jinja's sandbox decides
        if not isinstance(value, dict) or part not in value:
            kind = "dict" if isinstance(value, dict) else type(value).__name__
            kind = "None" if value is None else f"{kind} object"
            message = f"{expression.text}: '{kind}' has no attribute '{part}'; {UNDEFINED_ADVICE}"
            return _MISSING, message
        value = value[part]
    return value, ""
