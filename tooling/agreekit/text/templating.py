"""The Jinja half of rendering a section: the bounded sandbox, and its errors at their lines.

Loaded only for a template that is more than simple expressions (see publish.expressions), so
`agreekit check` on ordinary sections never imports Jinja.
"""

from __future__ import annotations

import re
import traceback
from typing import Any

import jinja2

from agreekit.model.formats import duration
from agreekit.text.context import UNDEFINED_ADVICE
from agreekit.text.numbering import RefError
from agreekit.text.sandbox import BoundedSandbox, TemplateLimit, render_bounded
from agreekit.text.tables import TableError


class TemplateFailure(Exception):
    """The template cannot be rendered: at `line` (1-based, in the template), for `message`."""

    def __init__(self, line: int, message: str, cause: Exception | None = None) -> None:
        super().__init__(f"line {line}: {message}")
        self.line, self.message, self.cause = line, message, cause


def render_template(source: str, name: str, values: dict[str, Any]) -> str:
    """`source` rendered in the bounded sandbox; raises TemplateFailure."""
    try:
        return render_bounded(_environment(source, name), name, values)
    except (jinja2.TemplateError, RefError, TableError) as error:
        line = _template_line(error, name)
        source_line = source.split("\n")[line - 1] if line else ""
        raise TemplateFailure(line or 1, _message(error, source_line), error) from None
    except RecursionError:
        # Jinja parses nested braces recursively: thousands of `{{` exhaust Python's stack.
        lines = source.split("\n")
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("{"))
        message = "template nested too deeply; remove the repeated {{ or {{% on this line"
        raise TemplateFailure(deepest + 1, message) from None


def _template_line(error: BaseException, name: str) -> int | None:
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == name]
    return frames[-1].lineno if frames and frames[-1].lineno else None


def _environment(source: str, name: str) -> BoundedSandbox:
    environment = BoundedSandbox(
        loader=jinja2.FunctionLoader(lambda _: (source, name, lambda: True)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    environment.filters["duration"] = duration  # {{ data.x.allowed_downtime | duration }}
    return environment


def _expression(error: jinja2.UndefinedError, line: str) -> str:
    """The `{{ ... }}` on the line that names what is undefined, to quote it to the user."""
    missing = re.findall(r"'([^']+)'", error.message or "")
    for expression in re.findall(r"\{\{.*?\}\}", line):
        if missing and missing[-1] in expression:
            return f"{expression}: "
    return ""


def _message(error: Exception, line: str) -> str:
    if isinstance(error, TemplateLimit):
        return f"template limit: {error}"
    if isinstance(error, jinja2.UndefinedError):
        return f"{_expression(error, line)}{error.message}; {UNDEFINED_ADVICE}"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"template syntax: {error.message}; close every {{{{ with }}}}"
    if isinstance(error, jinja2.TemplateError):
        return f"{type(error).__name__}: {error}"
    return str(error)
