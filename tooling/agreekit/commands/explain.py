"""`agreekit explain CODE`: what a check looks for, why it matters, a bad example and the fix."""

from __future__ import annotations

import textwrap

import click

from agreekit.checks.registry import BY_CODE, CHECKS, normalise_code
from agreekit.errors import DONE, USAGE, Failure
from agreekit.finding import Rule


def render(rule: Rule) -> str:
    """The rule's page: summary, what it does, why it matters, an example and the fix."""
    code, explanation = rule.code, rule.explanation
    parts = [f"{code} {rule.name} ({rule.severity})", "", rule.summary]
    for title, text in (("What it does", explanation.what), ("Why it matters", explanation.why)):
        parts += ["", title, textwrap.indent(text.strip(), "  ")]
    parts += ["", "Example", textwrap.indent(explanation.example.rstrip(), "    ")]
    parts += ["", "Fix", textwrap.indent(explanation.fix.strip(), "  ")]
    if explanation.fixed:
        parts += ["", textwrap.indent(explanation.fixed.rstrip(), "    ")]
    parts += ["", f"Silence it on one line with `agreekit: ignore {code[2:]}` in a comment."]
    return "\n".join(parts)


@click.command()
@click.argument("code", required=False)
@click.option("--list", "list_all", is_flag=True, help="List every check.")
def command(code: str | None, list_all: bool) -> int:
    """Explain check CODE (e.g. 101 or AK101, or its name)."""
    return run(code, list_all)


def run(code: str | None, list_all: bool) -> int:
    """Print one check's explanation, or the list of every check."""
    if list_all or code is None:
        for check in CHECKS:
            click.echo(f"{check.code}  {check.name:<28} {check.summary}")
        return DONE
    wanted = next((c.code for c in CHECKS if c.name == code), None) or normalise_code(code)
    if wanted not in BY_CODE:
        raise Failure(f"no check '{code}'; `agreekit explain --list` shows them all", USAGE)
    click.echo(render(BY_CODE[wanted].rule))
    return DONE
