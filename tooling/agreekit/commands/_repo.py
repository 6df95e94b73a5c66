"""Options and loading shared by the commands that need a loaded agreement."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from agreekit.model.agreement import Agreement
from agreekit.model.loader import load_agreement

repo_option = click.option(
    "--repo",
    "repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Repository root that holds agreement/.",
)


def load_or_exit(repo: Path) -> Agreement:
    """The agreement, or exit 2 with what to fix (run `agreekit check` for the full list)."""
    agreement, findings = load_agreement(repo)
    if agreement is None:
        for found in findings[:5]:
            location = found.location
            click.echo(
                f"{location.file}:{location.line}:{location.col}: {found.code} {found.message}"
            )
        click.echo("The agreement could not be loaded; fix the above (`agreekit check`).")
        sys.exit(2)
    return agreement
