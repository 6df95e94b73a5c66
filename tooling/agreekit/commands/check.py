"""`agreekit check`: every check over the agreement; exit 0 clean, 1 findings, 2 could not load."""

from __future__ import annotations

from pathlib import Path

import click

from agreekit.checks.run import check_repository
from agreekit.commands.common import repo_option
from agreekit.errors import DONE, FINDINGS, USAGE
from agreekit.report import as_github, as_json, as_text


@click.command()
@repo_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
def command(repo: Path, output_format: str) -> int:
    """Check the agreement's structure, terms, legal text and safety."""
    return run(repo, output_format)


def run(repo: Path, output_format: str) -> int:
    """Print the findings in `output_format`; 0 clean, 1 findings, 2 could not load."""
    result = check_repository(repo)
    if output_format == "json":
        click.echo(as_json(result.findings))
    elif output_format == "sarif":  # for GitHub code scanning (github/codeql-action/upload-sarif)
        from agreekit.sarif import as_sarif

        click.echo(as_sarif(result.findings))
    elif output_format == "github":
        if result.findings:
            click.echo(as_github(result.findings))
        click.echo(as_text(result.findings, "agreement/"), err=True)
    else:
        click.echo(as_text(result.findings, "agreement/"))
    return USAGE if not result.loaded else FINDINGS if result.findings else DONE
