"""Jinja's sandbox with a budget: a section's template cannot loop, grow or run without bound.

The sandbox already keeps templates from running code; this bounds the work. Every loop is
rewritten at parse time to step through a counter, every `~` join and intercepted operator (`*`,
`**`, `+`, `%`) checks the size of its result before making it, every call and filter counts and
refuses a huge width, and the output is measured as it is produced. Past a limit (see
publish.limits) the render stops with TemplateLimit, which Jinja reports at the template's line.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import Environment, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

from agreekit.text.limits import (
    TEMPLATE_OUTPUT,
    TEMPLATE_SECONDS,
    TEMPLATE_STEPS,
    TEMPLATE_WIDTH,
)


class TemplateLimit(SecurityError):
    """The template went past a limit; the message says which and what to do."""


class Budget:
    """What one render may still do: steps (loop iterations and calls) and time."""

    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + TEMPLATE_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > TEMPLATE_STEPS:
            raise TemplateLimit(
                f"more than {TEMPLATE_STEPS:,} loop iterations and calls; loop over the data "
                "itself, not over a large range, and do not nest loops over it"
            )
        if time.monotonic() > self.deadline:
            raise TemplateLimit(
                f"the template ran longer than {TEMPLATE_SECONDS:g} s; simplify its loops"
            )


def _sized(length: int) -> None:
    if length > TEMPLATE_OUTPUT:
        raise TemplateLimit(
            f"a value of more than {TEMPLATE_OUTPUT:,} characters; the text of an agreement "
            "is never that long: remove the repetition"
        )


def _width(values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > TEMPLATE_WIDTH:
            raise TemplateLimit(
                f"the number {value} is larger than {TEMPLATE_WIDTH:,} for a width or count"
            )


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict) else 0


_FORMAT_WIDTH = re.compile(r"(\d+)")


def _format_widths(form: Any) -> None:
    """A printf or str.format pattern may not pad to a huge width (`%999999999d`)."""
    if isinstance(form, str) and ("%" in form or "{" in form):
        if "*" in form and "%" in form:
            raise TemplateLimit("a `*` width in a format pattern; write the width as a number")
        _width(int(n) for n in _FORMAT_WIDTH.findall(form) if len(n) < 30)
        if any(len(n) >= 30 for n in _FORMAT_WIDTH.findall(form)):
            _width([TEMPLATE_WIDTH + 1])


def _joined(parts: Iterable[Any]) -> str:
    """What `~` and `join` make, refused before it is made if it would be too long."""
    items = [p if isinstance(p, str) else str(p) for p in parts]
    _sized(sum(len(item) for item in items))
    return "".join(items)


_GROWING_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join", "format",
     "format_map", "split", "splitlines", "encode"}
)  # fmt: skip


def _check_method(owner: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a string method whose result would be too long, before it runs."""
    if not isinstance(owner, str) or name not in _GROWING_METHODS:
        return
    _width([*args, *kwargs.values()])
    if name == "replace" and len(args) >= 2 and isinstance(args[1], str):
        old = args[0] if isinstance(args[0], str) else ""
        count = owner.count(old) if old else len(owner) + 1
        _sized(len(owner) + count * len(args[1]))
    elif name == "join" and args:
        parts = args[0]
        if isinstance(parts, list | tuple):
            _sized(sum(_length(p) for p in parts) + len(owner) * len(parts))
    elif name in ("format", "format_map"):
        _format_widths(owner)
        _sized(len(owner) + sum(_length(a) for a in (*args, *kwargs.values())))


# Filters whose numbers are widths or counts that size their result.
_WIDTH_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "format"})


def _jinja_object(value: Any) -> bool:
    """A context, eval context or environment that Jinja passes to a filter before the value."""
    return isinstance(value, Environment) or hasattr(value, "environment")


class _Bounded(NodeTransformer):
    """Rewrites a parsed template: each loop steps the budget, each `~` checks its size."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(
            node.iter, "agreekit_steps", [], [], None, None, lineno=node.lineno
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        parts = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(parts, "agreekit_joined", [], [], None, None, lineno=node.lineno)


class BoundedSandbox(SandboxedEnvironment):
    """A SandboxedEnvironment whose renders stay within publish.limits."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = Budget()
        self.globals["range"] = self._range
        for unbounded in ("lipsum", "cycler", "joiner"):
            self.globals.pop(unbounded, None)
        for name, function in list(self.filters.items()):
            self.filters[name] = self._filter(name, function)
        self.filters["agreekit_steps"] = self._steps
        self.filters["agreekit_joined"] = _joined

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        bounded = _Bounded().visit(tree)
        assert isinstance(bounded, nodes.Template)
        return bounded

    def _steps(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.budget.step()
            yield item

    def _range(self, *args: int) -> Iterator[int]:
        _width(args)
        numbers = range(*args)
        if len(numbers) > TEMPLATE_WIDTH:
            _width([len(numbers)])
        return self._steps(numbers)

    def _filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.budget.step()
            values = [a for a in (*args, *kwargs.values()) if not _jinja_object(a)]
            if name in _WIDTH_FILTERS:
                _width(values[1:])
            if name == "format" and values:
                _format_widths(values[0])
            if name == "join" and values and isinstance(values[0], list | tuple):
                _sized(sum(_length(v) for v in values[0]))
            result = function(*args, **kwargs)
            _sized(_length(result))
            return result

        return bounded

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.budget.step()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        _check_method(
            getattr(method, "__self__", None), getattr(method, "__name__", ""), args, kwargs
        )
        result = super().call(__context, __obj, *args, **kwargs)
        _sized(_length(result))
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.step()
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if _length(sequence) and isinstance(count, int):
                    _sized(_length(sequence) * max(count, 0))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 0 and abs(left).bit_length() * right > 64 * 1024:
                raise TemplateLimit(f"{left} ** {right} is too large a number; write the value")
        elif operator == "+":
            _sized(_length(left) + _length(right))
        elif operator == "%":
            _format_widths(left)
        return super().call_binop(context, operator, left, right)


def render_bounded(environment: BoundedSandbox, name: str, values: dict[str, Any]) -> str:
    """Render the template `name`, measuring the output as it comes (a fresh budget each time)."""
    environment.budget = Budget()
    template = environment.get_template(name)
    pieces: list[str] = []
    produced = 0
    for piece in template.generate(values):
        produced += len(piece)
        _sized(produced)
        environment.budget.step()
        pieces.append(piece)
    return "".join(pieces)
